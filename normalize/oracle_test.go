// Code generated from normalize/*.go and model/decimal.go at 4818e50; DO NOT EDIT.

// This file is the oracle of equiv_test.go: package normalize, and the
// decimal functions of package model it used, as they were before their
// fast paths were written. Every package-level name has "old" before it
// (Value is oldValue, parseValue oldParseValue), and model.ParseDecimal,
// Decimal.Rat and Decimal.Cmp are the functions oldParseDecimal, oldRat and
// oldCmp at the end. Leave it as it is: it is what the package must go on
// giving, byte for byte.

package normalize

import (
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/jixiao/jixiao/model"
)

type oldYmd struct{ y, m, d int }

func (t oldYmd) String() string {
	b := make([]byte, 0, 10)
	b = append(b, byte('0'+t.y/1000), byte('0'+t.y/100%10), byte('0'+t.y/10%10), byte('0'+t.y%10))
	if t.m > 0 {
		b = append(b, '-', byte('0'+t.m/10), byte('0'+t.m%10))
		if t.d > 0 {
			b = append(b, '-', byte('0'+t.d/10), byte('0'+t.d%10))
		}
	}
	return string(b)
}

const oldMaxRemainder = 16

func oldParseDateValue(s string, i int, v *model.Value) bool {
	from, to, j, ok := oldReadDate(s, i)
	if !ok {
		return false
	}
	rest := s[j:]
	if strings.ContainsAny(rest, "0123456789") || utf8.RuneCountInString(rest) > oldMaxRemainder {
		return false
	}

	if u := oldUnbracket(rest); u != "" && (oldKnownUnit(u) || u == "%") {
		return false
	}
	if to.y == 0 {
		v.Kind, v.Date = model.ValueDate, from.String()
	} else {
		v.Kind, v.From, v.To = model.ValuePeriod, from.String(), to.String()
	}
	return true
}

func oldReadDate(s string, i int) (from, to oldYmd, j int, ok bool) {
	from, to, j, ok = oldReadYMD(s, i, 0)
	if !ok {

		y1, j1, ok1 := oldYear4(s, i)
		if !ok1 {
			return
		}
		w := oldSepWidth(s, j1)
		if w == 0 {
			return
		}
		y2, j2, ok2 := oldYear4(s, j1+w)
		if !ok2 || y2 < y1 {
			return
		}
		if strings.HasPrefix(s[j2:], "年") {
			j2 += len("年")
		}
		return oldYmd{y: y1}, oldYmd{y: y2}, j2, true
	}
	if to.y != 0 {
		return from, to, j, true
	}
	if w := oldSepWidth(s, j); w > 0 {
		end, _, k, ok2 := oldReadYMD(s, j+w, from.y)
		if ok2 {
			if _, _, explicit := oldYear4(s, j+w); !explicit && end.m > 0 && from.m > end.m {
				end.y++
			}
			return from, end, k, true
		}
	}
	return from, oldYmd{}, j, true
}

func oldReadYMD(s string, i, year int) (d, span oldYmd, j int, ok bool) {
	y, j, ok := oldYear4(s, i)
	if !ok {
		if year == 0 {
			return d, span, i, false
		}
		d.y = year
		m, k, ok := oldNumber2(s, i, 12)
		if !ok || !strings.HasPrefix(s[k:], "月") {
			return d, span, i, false
		}
		d.m = m
		j = oldReadDay(s, k+len("月"), &d)
		return d, span, j, true
	}
	d.y = y
	if j == len(s) {
		return d, span, i, false
	}
	switch c := s[j]; {
	case strings.HasPrefix(s[j:], "年"):
		j += len("年")
		m, k, ok := oldNumber2(s, j, 12)
		if !ok {
			return d, span, j, true
		}
		if strings.HasPrefix(s[k:], "月") {
			d.m = m
			return d, span, oldReadDay(s, k+len("月"), &d), true
		}

		if w := oldSepWidth(s, k); w > 0 {
			m2, k2, ok := oldNumber2(s, k+w, 12)
			if ok && strings.HasPrefix(s[k2:], "月") {
				d.m = m
				span = oldYmd{y: y, m: m2}
				return d, span, oldSkipFen(s, k2+len("月")), true
			}
		}
		return d, span, j, true
	case c == '.' || c == '-' || c == '/':
		m, k, ok := oldNumber2(s, j+1, 12)
		if !ok {
			return d, span, i, false
		}
		d.m, j = m, k
		if j < len(s) && s[j] == c {
			if dd, k, ok := oldNumber2(s, j+1, oldDaysIn(m)); ok {
				d.d, j = dd, k
			}
		}
		return d, span, j, true
	}
	return d, span, i, false
}

func oldReadDay(s string, j int, d *oldYmd) int {
	j = oldSkipFen(s, j)
	dd, k, ok := oldNumber2(s, j, oldDaysIn(d.m))
	if !ok {
		return j
	}
	for _, w := range [...]string{"日", "号"} {
		if strings.HasPrefix(s[k:], w) {
			d.d = dd
			return k + len(w)
		}
	}
	return j
}

func oldSkipFen(s string, j int) int {
	if strings.HasPrefix(s[j:], "份") {
		return j + len("份")
	}
	return j
}

func oldDaysIn(m int) int {
	switch m {
	case 2:
		return 29
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func oldYear4(s string, i int) (int, int, bool) {
	if i+4 > len(s) || !(s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') ||
		!oldIsDigit(s[i+2]) || !oldIsDigit(s[i+3]) || i+4 < len(s) && oldIsDigit(s[i+4]) {
		return 0, i, false
	}
	return int(s[i]-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0'), i + 4, true
}

func oldNumber2(s string, i, max int) (int, int, bool) {
	j, n := i, 0
	for j < len(s) && oldIsDigit(s[j]) && j-i < 3 {
		n = n*10 + int(s[j]-'0')
		j++
	}
	if j == i || j-i > 2 || n < 1 || n > max {
		return 0, i, false
	}
	return n, j, true
}

func oldSepWidth(s string, j int) int {
	if j >= len(s) {
		return 0
	}
	switch s[j] {
	case '-', '~', 0xE2, 0xE3, 0xE5, 0xE8:
	default:
		return 0
	}
	for _, sep := range oldRangeSeps {
		if strings.HasPrefix(s[j:], sep) {
			return len(sep)
		}
	}
	return 0
}

func oldMet(target, actual model.Value) *bool {
	switch {
	case oldIsDateKind(target.Kind) && oldIsDateKind(actual.Kind):
		t, a := oldDateEnd(target), oldDateEnd(actual)
		if n := min(len(t), len(a)); n > 0 {
			return oldBoolPtr(a[:n] <= t[:n])
		}
		return nil
	case !oldIsNumberKind(target.Kind) || !oldIsNumberKind(actual.Kind) || actual.Value == nil:
		return nil
	}
	tu, au := target.Unit, actual.Unit
	switch {
	case tu == "":
		tu = au
	case au == "":
		au = tu
	}
	texp, tplain := oldUnitExp(tu)
	aexp, aplain := oldUnitExp(au)
	if !oldSameUnit(tplain, aplain) {
		return nil
	}
	b := oldScaled(*actual.Value, aexp)
	if oldWholeAsOne(target, actual) {
		b.Mul(b, big.NewRat(100, 1))
	}
	switch target.Op {
	case model.OpRange:
		if target.Min == nil || target.Max == nil {
			return nil
		}
		return oldBoolPtr(b.Cmp(oldScaled(*target.Min, texp)) >= 0 && b.Cmp(oldScaled(*target.Max, texp)) <= 0)
	}
	if target.Value == nil {
		return nil
	}
	c := b.Cmp(oldScaled(*target.Value, texp))
	switch target.Op {
	case model.OpLE:
		return oldBoolPtr(c <= 0)
	case model.OpGT:
		return oldBoolPtr(c > 0)
	case model.OpLT:
		return oldBoolPtr(c < 0)
	case model.OpEq:
		return oldBoolPtr(c == 0)
	}
	return oldBoolPtr(c >= 0)
}

func oldWholeAsOne(target, actual model.Value) bool {
	if target.Kind != model.ValuePercent || actual.Unit != "" && actual.UnitFrom != "name" {
		return false
	}
	floor := target.Value
	switch target.Op {
	case "", model.OpGE, model.OpGT, model.OpEq:
	case model.OpRange:
		floor = target.Min
	default:
		return false
	}
	if floor == nil || oldCmp(*floor, "50") < 0 {
		return false
	}
	a := *actual.Value
	return oldCmp(a, "0") > 0 && oldCmp(a, "1") <= 0
}

func oldIsNumberKind(k string) bool { return k == model.ValueNumber || k == model.ValuePercent }

func oldIsDateKind(k string) bool { return k == model.ValueDate || k == model.ValuePeriod }

func oldDateEnd(v model.Value) string {
	if v.Kind == model.ValuePeriod {
		return v.To
	}
	return v.Date
}

func oldUnitExp(unit string) (int, string) {
	exp, plain, _ := oldMagnitude(unit)
	return exp, plain
}

func oldScaled(d model.Decimal, exp int) *big.Rat {
	r := oldRat(d)
	if exp > 0 {
		r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp)), nil)))
	}
	return r
}

func oldBoolPtr(b bool) *bool { return &b }

func oldFold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if oldFoldable(r) {
			return oldFoldFrom(s, i)
		}
		i += n - 1
	}
	return s
}

func oldFoldFrom(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteByte(byte(r - 0xFEE0))
		case r == 0x3000:
			b.WriteByte(' ')
		case oldFoldable(r):
			return width.Fold.String(s)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func oldFoldable(r rune) bool {
	return r == 0x3000 || r == 0x20A9 || r >= 0xFF00 && r <= 0xFFEF
}

func oldIsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true
	}
	return r >= utf8.RuneSelf && unicode.IsSpace(r)
}

func oldLabel(s string) string {
	return oldSqueeze(oldFold(s))
}

func oldSqueeze(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if oldIsSpace(r) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if !oldIsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func oldText(s string) string {
	if !oldNeedsLineWork(s) {
		return strings.TrimFunc(s, oldIsSpace)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, oldIsSpace)
	}
	return strings.TrimFunc(strings.Join(lines, "\n"), oldIsSpace)
}

func oldNeedsLineWork(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\r':
			return true
		case '\n':
			if i > 0 {
				r, _ := utf8.DecodeLastRuneInString(s[:i])
				if oldIsSpace(r) {
					return true
				}
			}
		}
	}
	return false
}

func oldNumber(raw string) (*model.Decimal, bool) {
	s := oldSqueeze(oldFold(raw))
	if oldSaysNothing(s) {
		return nil, true
	}
	s = strings.TrimSuffix(s, "分")
	s = strings.TrimSuffix(s, "%")
	return oldDecimal(s)
}

func oldRate(raw string) (*model.Decimal, bool) {
	s := oldSqueeze(oldFold(raw))
	if oldSaysNothing(s) {
		return nil, true
	}
	if p, ok := strings.CutSuffix(s, "%"); ok {
		return oldDecimal(p)
	}
	if p, ok := strings.CutSuffix(s, "百分比"); ok {
		return oldDecimal(p)
	}
	d, ok := oldDecimal(s)
	if !ok {
		return nil, false
	}
	if !d.IsZero() && (*d)[0] != '-' && oldCmp(*d, "1") <= 0 {
		*d = oldShift(*d, 2)
	}
	return d, true
}

func oldAmount(raw, tableUnit string) (*model.Decimal, bool) {
	s := oldSqueeze(oldFold(raw))
	if oldSaysNothing(s) {
		return nil, true
	}
	want := oldMoneyExp(oldUnbracket(oldLabel(tableUnit)))
	s, exp, ok := oldCutMoneyUnit(s)
	if !ok {
		exp = want
	}
	d, ok := oldDecimal(s)
	if !ok {
		return nil, false
	}
	if exp != want {
		*d = oldShift(*d, exp-want)
	}
	return d, true
}

var oldMoneyUnits = []struct {
	unit string
	exp  int
}{
	{"万元", 4}, {"亿元", 8}, {"千元", 3}, {"萬元", 4}, {"億元", 8}, {"元", 0},
	{"万", 4}, {"亿", 8}, {"萬", 4}, {"億", 8},
}

func oldCutMoneyUnit(s string) (string, int, bool) {
	for _, u := range oldMoneyUnits {
		if n, ok := strings.CutSuffix(s, u.unit); ok {
			return n, u.exp, true
		}
	}
	return s, 0, false
}

func oldMoneyExp(unit string) int {
	if _, exp, ok := oldCutMoneyUnit(unit); ok {
		return exp
	}
	return 4
}

func oldSaysNothing(s string) bool {
	return oldIsNone(s) || s == "无"
}

func oldDecimal(s string) (*model.Decimal, bool) {
	d, j, ok := oldReadArabic(s, 0)
	if !ok || j != len(s) {
		return nil, false
	}
	return &d, true
}

var oldUnits = map[string]bool{}

func init() {
	for _, u := range strings.Fields(`
		个 人 人次 次 种 例 篇 份 亩 只 头 米 厘米 毫米 公里 千米 吨 起 项 期 户 家 元 年 月 天
		日 小时 分钟 秒 周 季度 工作日 批 批次 场 场次 台 台套 辆 套 件 所 座 处 条 本 册 名 位
		间 张 部 棵 株 公顷 平方米 平方公里 立方米 千克 公斤 克 斤 千瓦 千瓦时 度 学时 课时 人日
		工日 人月 轮 届 组 队 支 类 门 节 片 块 栋 幢 层 村 乡 镇 县 校 床 车次 架次 班 班次
		课 堂 站 点 户次 家次 期次 百分点 分 倍 级 星 单 笔 盏 座次 宗 匹 口 只次 元次 人天 人年
		千卡 兆瓦 公顷次 标段 网点 路 线 屋 伙 团 群 对 双 袋 箱 瓶 盒 包 册次 版 集 首 幅 部次
		‰ % m km kg t h`) {
		oldUnits[u] = true
	}
}

var oldSimplified = map[rune]rune{
	'萬': '万', '億': '亿', '個': '个', '噸': '吨', '項': '项', '戶': '户', '畝': '亩', '條': '条',
	'臺': '台', '場': '场', '張': '张', '種': '种', '間': '间', '時': '时', '車': '车', '輛': '辆',
	'處': '处', '隻': '只', '頭': '头', '雙': '双', '組': '组', '線': '线', '綫': '线', '筆': '笔',
	'冊': '册', '屆': '届', '點': '点', '週': '周', '塊': '块', '棟': '栋', '層': '层', '門': '门',
	'類': '类', '隊': '队', '釐': '厘', '裏': '里', '學': '学', '課': '课', '節': '节', '單': '单',
	'盞': '盏', '級': '级', '網': '网', '團': '团', '對': '对', '標': '标', '鄉': '乡', '鎮': '镇',
	'縣': '县', '幀': '帧', '頃': '顷', '劑': '剂',
}

var oldMagnitudes = []struct {
	prefix string
	exp    int
}{
	{"千万", 7}, {"百万", 6}, {"万", 4}, {"亿", 8}, {"千", 3},
}

func oldMagnitude(u string) (exp int, plain string, ok bool) {
	for _, m := range oldMagnitudes {
		if strings.HasPrefix(u, m.prefix) {
			return m.exp, u[len(m.prefix):], true
		}
	}
	return 0, u, false
}

const oldNotUnit = "完成前后底之的了在达到于及和与或率等为是已未不有无以内外上下左右约余多提升高低增减降保确按每被将把从对向由其该此这那各全总均共合计际预期目标指情况要求规定满意效果明显好差良优中格正常实现开展"

func oldCleanUnit(u string, strict bool) (string, bool) {
	if u == "" {
		return "", true
	}
	u = oldUnbracket(u)
	u = oldSimplify(u)
	if u == "百分比" || u == "百分数" {
		return "%", true
	}

	if i := strings.IndexByte(u, '('); i > 0 && u[len(u)-1] == ')' {
		if g, ok := oldCleanUnit(u[i+1:len(u)-1], true); !ok || g != u[:i] {
			return "", false
		}
		u = u[:i]
	}
	if oldKnownUnit(u) {
		return u, true
	}
	if strict {
		return "", false
	}
	return u, oldShortUnit(u)
}

func oldUnbracket(u string) string {
	if len(u) < 2 {
		return u
	}
	switch {
	case u[0] == '(' && u[len(u)-1] == ')',
		u[0] == '[' && u[len(u)-1] == ']':
		return u[1 : len(u)-1]
	case strings.HasPrefix(u, "【") && strings.HasSuffix(u, "】") && len(u) > 6:
		return u[3 : len(u)-3]
	}
	return u
}

func oldSimplify(u string) string {
	for _, r := range u {
		if _, ok := oldSimplified[r]; ok {
			return strings.Map(func(r rune) rune {
				if s, ok := oldSimplified[r]; ok {
					return s
				}
				return r
			}, u)
		}
	}
	return u
}

func oldKnownUnit(u string) bool {
	for u != "" {
		part := u
		i, w := strings.IndexByte(u, '/'), 1
		if j := strings.Index(u, "·"); j >= 0 && (i < 0 || j < i) {
			i, w = j, len("·")
		}
		if i >= 0 {
			part, u = u[:i], u[i+w:]
			if u == "" {
				return false
			}
		} else {
			u = ""
		}
		if !oldKnownPart(part) {
			return false
		}
	}
	return true
}

func oldKnownPart(p string) bool {
	if oldUnits[p] {
		return true
	}
	if _, plain, ok := oldMagnitude(p); ok {
		return plain == "" || oldUnits[plain] || strings.HasPrefix(plain, "个") && oldUnits[plain[len("个"):]]
	}
	return strings.HasPrefix(p, "个") && oldUnits[p[len("个"):]]
}

func oldShortUnit(u string) bool {
	if utf8.RuneCountInString(u) > 4 {
		return false
	}
	for _, r := range u {
		switch {
		case r >= '0' && r <= '9', r == '%' && len(u) > 1, r == utf8.RuneError:
			return false
		case r < utf8.RuneSelf && r != '/' && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
			return false
		case strings.ContainsRune(oldNotUnit, r), strings.ContainsRune("，。；：、！？“”‘’《》…—≥≤≧≦＜＞═﹦〜", r):
			return false
		}
	}
	return true
}

func oldNameUnit(name string) string {
	n := strings.TrimRightFunc(oldFold(name), func(r rune) bool {
		return oldIsSpace(r) || r == '★' || r == '☆' || r == '*'
	})
	if !strings.HasSuffix(n, ")") {
		return ""
	}
	i := strings.LastIndexByte(n, '(')
	if i < 0 {
		return ""
	}
	u, ok := oldCleanUnit(oldSqueeze(n[i+1:len(n)-1]), true)
	if !ok {
		return ""
	}
	return u
}

func oldSameUnit(a, b string) bool {
	return oldCanonUnit(a) == oldCanonUnit(b)
}

func oldCanonUnit(u string) string {
	if len(u) > len("个") && strings.HasPrefix(u, "个") {
		u = u[len("个"):]
	}
	if u == "日" {
		u = "天"
	}
	return u
}

func oldValue(raw, name string) model.Value {
	v := model.Value{Raw: oldText(raw)}
	s := strings.TrimRight(oldSqueeze(oldFold(v.Raw)), oldClosing)
	switch {
	case oldIsNone(s):
		v.Kind = model.ValueNone
	case oldParseValue(s, name, &v):
	default:
		v = model.Value{Raw: v.Raw, Kind: model.ValueText, Text: v.Raw}
	}
	return v
}

const oldClosing = "。；;，,"

func oldIsNone(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune(oldDashes, r) {
			return s == "不适用" || strings.EqualFold(s, "N/A") || strings.EqualFold(s, "NA")
		}
	}
	return true
}

const oldDashes = "/\\-—–―─━一…_.·~〜"

type oldPrefix struct {
	text   string
	op     string
	approx bool
}

var oldPrefixes = []oldPrefix{
	{text: ">=", op: model.OpGE}, {text: "=>", op: model.OpGE}, {text: "≥", op: model.OpGE},
	{text: "≧", op: model.OpGE}, {text: "大于或等于", op: model.OpGE}, {text: "大于等于", op: model.OpGE},
	{text: "不低于", op: model.OpGE}, {text: "不少于", op: model.OpGE}, {text: "不小于", op: model.OpGE},
	{text: "至少", op: model.OpGE}, {text: "最少", op: model.OpGE}, {text: "最低", op: model.OpGE},
	{text: "<=", op: model.OpLE}, {text: "=<", op: model.OpLE}, {text: "≤", op: model.OpLE},
	{text: "≦", op: model.OpLE}, {text: "小于或等于", op: model.OpLE}, {text: "小于等于", op: model.OpLE},
	{text: "不高于", op: model.OpLE}, {text: "不超过", op: model.OpLE}, {text: "不大于", op: model.OpLE},
	{text: "不多于", op: model.OpLE}, {text: "最多", op: model.OpLE}, {text: "最高", op: model.OpLE},
	{text: ">", op: model.OpGT}, {text: "超过", op: model.OpGT}, {text: "高于", op: model.OpGT},
	{text: "大于", op: model.OpGT}, {text: "多于", op: model.OpGT},
	{text: "<", op: model.OpLT}, {text: "低于", op: model.OpLT}, {text: "不足", op: model.OpLT},
	{text: "少于", op: model.OpLT}, {text: "小于", op: model.OpLT}, {text: "不到", op: model.OpLT},
	{text: "==", op: model.OpEq}, {text: "=", op: model.OpEq}, {text: "═", op: model.OpEq},
	{text: "﹦", op: model.OpEq}, {text: "等于", op: model.OpEq},
	{text: "大约", approx: true}, {text: "约为", approx: true}, {text: "约", approx: true},
	{text: "≈", approx: true},

	{text: "达到"}, {text: "达"}, {text: "实现"}, {text: "完成"}, {text: "确保"}, {text: "保持"},
	{text: "控制在"}, {text: "为"}, {text: "累计"}, {text: "共计"}, {text: "合计"}, {text: "共"},
	{text: "截止到"}, {text: "截止至"}, {text: "截至"}, {text: "截止"}, {text: "于"},
}

var oldSuffixes = []oldPrefix{
	{text: "(含)以上", op: model.OpGE}, {text: "以上(含)", op: model.OpGE}, {text: "及以上", op: model.OpGE},
	{text: "或以上", op: model.OpGE}, {text: "以上", op: model.OpGE},
	{text: "(含)以下", op: model.OpLE}, {text: "以下(含)", op: model.OpLE}, {text: "及以下", op: model.OpLE},
	{text: "或以下", op: model.OpLE}, {text: "以下", op: model.OpLE}, {text: "以内", op: model.OpLE},
	{text: "之内", op: model.OpLE}, {text: "内", op: model.OpLE},
	{text: "左右", approx: true}, {text: "上下", approx: true}, {text: "余", approx: true},
	{text: "多", approx: true},

	{text: "(含)"}, {text: "完成"}, {text: "办结"},
}

func oldParseValue(s, name string, v *model.Value) bool {
	i := 0
	for n := 0; n < 4 && i < len(s); n++ {
		p, ok := oldMatchPrefix(s[i:])
		if !ok {
			break
		}
		i += len(p.text)
		switch {
		case p.op != "" && v.Op == "":
			v.Op = p.op
		case p.op == model.OpEq:

		case p.op != "":
			return false
		case p.approx:
			v.Approx = true
		}
	}
	if oldParseDateValue(s, i, v) {
		return true
	}
	percent := false
	if strings.HasPrefix(s[i:], "百分之") {
		percent = true
		i += len("百分之")
	}
	n1, j, chinese, ok := oldReadNumber(s, i)
	if !ok {
		return false
	}
	if p, ok := oldApproxAfter(s[j:]); ok {
		v.Approx = true
		j += len(p)
	}
	tail := s[j:]

	if _, plain, ok := oldMagnitude(tail); ok {
		if p, ok := oldApproxAfter(plain); ok {
			v.Approx = true
			tail = tail[:len(tail)-len(plain)] + plain[len(p):]
		}
	}
	var n2 model.Decimal
	var u1 string
	isRange := false
	if k, w := oldRangeSep(tail); k >= 0 {
		var m int
		n2, m, _, ok = oldReadNumber(tail, k+w)
		if !ok {
			return false
		}
		isRange = true
		u1 = tail[:k]
		tail = tail[m:]
	}
	tail = oldStripSuffixes(tail, v)
	unit, ok := oldCleanUnit(tail, chinese)
	if !ok {
		return false
	}
	if isRange {
		u, ok := oldCleanUnit(u1, chinese)
		switch {
		case !ok, u != "" && unit != "" && u != unit:
			return false
		case unit == "":
			unit = u
		}
	}
	if percent {
		if unit != "" {
			return false
		}
		unit = "%"
	}
	if unit == "" {
		if unit = oldNameUnit(name); unit != "" {
			v.UnitFrom = "name"
		}
	}
	v.Kind = model.ValueNumber
	if unit == "%" {
		v.Kind = model.ValuePercent
	}
	v.Unit = unit
	if isRange {
		v.Op = model.OpRange
		v.Min, v.Max = &n1, &n2
		if oldCmp(n1, n2) > 0 {
			v.Min, v.Max = v.Max, v.Min
		}
		return true
	}
	v.Value = &n1
	if exp, plain, ok := oldMagnitude(unit); ok {
		v.Base = &model.Base{Value: oldShift(n1, exp), Unit: plain}
	}
	return true
}

var oldPrefixesByByte [256][]oldPrefix

func init() {
	for _, p := range oldPrefixes {
		oldPrefixesByByte[p.text[0]] = append(oldPrefixesByByte[p.text[0]], p)
	}
}

func oldMatchPrefix(s string) (oldPrefix, bool) {
	if s == "" {
		return oldPrefix{}, false
	}
	for _, p := range oldPrefixesByByte[s[0]] {
		if strings.HasPrefix(s, p.text) {
			return p, true
		}
	}
	return oldPrefix{}, false
}

func oldApproxAfter(s string) (string, bool) {
	for _, p := range [...]string{"余", "多"} {
		if strings.HasPrefix(s, p) {
			return p, true
		}
	}
	return "", false
}

var oldRangeSeps = [...]string{"-", "~", "〜", "至", "到", "——", "—", "–", "―"}

func oldRangeSep(s string) (int, int) {
	for k := 0; k < len(s); {
		c := s[k]
		if c >= '0' && c <= '9' {
			break
		}
		if w := oldSepWidth(s, k); w > 0 {
			return k, w
		}
		_, w := utf8.DecodeRuneInString(s[k:])
		k += w
	}
	return -1, 0
}

func oldStripSuffixes(t string, v *model.Value) string {
	for changed := true; changed && t != ""; {
		changed = false
		for _, p := range oldSuffixes {
			if !strings.HasSuffix(t, p.text) {
				continue
			}
			t = t[:len(t)-len(p.text)]
			if p.op != "" && v.Op == "" {
				v.Op = p.op
			}
			if p.approx {
				v.Approx = true
			}
			changed = true
			break
		}
	}
	return t
}

func oldReadNumber(s string, i int) (model.Decimal, int, bool, bool) {
	if d, j, ok := oldReadArabic(s, i); ok {
		return d, j, false, true
	}
	if d, j, ok := oldReadChinese(s, i); ok {
		return d, j, true, true
	}
	return "", i, false, false
}

func oldReadArabic(s string, i int) (model.Decimal, int, bool) {
	j := i
	if j < len(s) && (s[j] == '-' || s[j] == '+') {
		j++
	}
	start := j
	for j < len(s) && (oldIsDigit(s[j]) || s[j] == ',' && j > start && oldIsGroupAt(s, j+1)) {
		j++
	}
	if j < len(s)-1 && s[j] == '.' && oldIsDigit(s[j+1]) {
		j++
		for j < len(s) && oldIsDigit(s[j]) {
			j++
		}
	}
	if j == start || !oldIsDigit(s[start]) && s[start] != '.' {
		return "", i, false
	}
	d, ok := oldCanon(s[i:j])
	return d, j, ok
}

func oldIsDigit(c byte) bool { return c >= '0' && c <= '9' }

func oldIsGroupAt(s string, j int) bool {
	if j+3 > len(s) || !oldIsDigit(s[j]) || !oldIsDigit(s[j+1]) || !oldIsDigit(s[j+2]) {
		return false
	}
	return j+3 == len(s) || !oldIsDigit(s[j+3])
}

func oldCanon(n string) (model.Decimal, bool) {
	if n == "" || !oldIsDigit(n[0]) || strings.IndexByte(n, ',') >= 0 {
		return oldParseDecimal(n)
	}
	if strings.IndexByte(n, '.') >= 0 {
		n = strings.TrimRight(n, "0")
		n = strings.TrimSuffix(n, ".")
	}
	for len(n) > 1 && n[0] == '0' && n[1] != '.' {
		n = n[1:]
	}
	return model.Decimal(n), true
}

var oldChineseDigits = map[rune]int64{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

func oldReadChinese(s string, i int) (model.Decimal, int, bool) {
	var total, section, cur int64
	j, read := i, false
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if d, ok := oldChineseDigits[r]; ok {
			cur, read = d, true
			j += w
			continue
		}
		var mul int64
		switch r {
		case '十':
			mul = 10
			if cur == 0 {
				cur = 1
			}
		case '百':
			mul = 100
		case '千':
			mul = 1000
		case '万':
			next, _ := utf8.DecodeRuneInString(s[j+w:])
			if _, ok := oldChineseDigits[next]; !ok && next != '十' || !read || total > 0 {
				return oldChineseResult(total+section+cur, i, j, read)
			}
			total = (section + cur) * 10000
			section, cur = 0, 0
			j += w
			continue
		default:
			return oldChineseResult(total+section+cur, i, j, read)
		}
		if cur == 0 {
			return oldChineseResult(total+section, i, j, read)
		}
		section += cur * mul
		cur, read = 0, true
		j += w
	}
	return oldChineseResult(total+section+cur, i, j, read)
}

func oldChineseResult(n int64, i, j int, read bool) (model.Decimal, int, bool) {
	if !read {
		return "", i, false
	}
	return model.Decimal(oldItoa(n)), j, true
}

func oldItoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	k := len(b)
	for n > 0 {
		k--
		b[k] = byte('0' + n%10)
		n /= 10
	}
	return string(b[k:])
}

func oldShift(d model.Decimal, n int) model.Decimal {
	if n == 0 || d.IsZero() || d == "" {
		return d
	}
	s, neg := string(d), false
	if s[0] == '-' {
		s, neg = s[1:], true
	}
	ip, fp, _ := strings.Cut(s, ".")
	digits := ip + fp
	point := len(ip) + n
	if point < 0 {
		digits = strings.Repeat("0", -point) + digits
		point = 0
	}
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	out := digits[:point] + "." + digits[point:]
	if neg {
		out = "-" + out
	}
	r, _ := oldParseDecimal(out)
	return r
}

// The decimal functions of package model as they were, as functions.

func oldParseDecimal(s string) (model.Decimal, bool) {
	if s == "" {
		return "", false
	}
	neg := false
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	var intPart, frac []byte
	seenDot, digits := false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if seenDot {
				frac = append(frac, c)
			} else {
				intPart = append(intPart, c)
			}
		case c == '.' && !seenDot:
			seenDot = true
		case c == ',' && !seenDot && i > 0 && oldIsGroup(s[i+1:]):
			// thousands separator
		default:
			return "", false
		}
	}
	if digits == 0 {
		return "", false
	}
	for len(intPart) > 0 && intPart[0] == '0' {
		intPart = intPart[1:]
	}
	for len(frac) > 0 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	var b strings.Builder
	b.Grow(len(intPart) + len(frac) + 2)
	if neg && (len(intPart) > 0 || len(frac) > 0) {
		b.WriteByte('-')
	}
	if len(intPart) == 0 {
		b.WriteByte('0')
	} else {
		b.Write(intPart)
	}
	if len(frac) > 0 {
		b.WriteByte('.')
		b.Write(frac)
	}
	return model.Decimal(b.String()), true
}

func oldIsGroup(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) == 3 || s[3] < '0' || s[3] > '9'
}

func oldRat(d model.Decimal) *big.Rat {
	if m, scale, ok := oldSmall(d); ok {
		if scale == 0 {
			return new(big.Rat).SetInt64(m)
		}
		return new(big.Rat).SetFrac64(m, oldPow10[scale])
	}
	r, ok := new(big.Rat).SetString(string(d))
	if !ok {
		return new(big.Rat)
	}
	return r
}

var oldPow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

func oldSmall(d model.Decimal) (m int64, scale int, ok bool) {
	s := string(d)
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if s == "" || len(s) > 19 {
		return 0, 0, false
	}
	dot, digits := false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits++; digits > 18 {
				return 0, 0, false
			}
			m = m*10 + int64(c-'0')
			if dot {
				scale++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, 0, false
		}
	}
	if neg {
		m = -m
	}
	return m, scale, true
}

func oldCmp(d, e model.Decimal) int { return oldRat(d).Cmp(oldRat(e)) }
