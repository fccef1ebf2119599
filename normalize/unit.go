package normalize

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// units are the measure words and units known to appear in target and
// actual cells, in simplified characters. A unit made of these, possibly
// with a magnitude prefix (万, 亿 …), a leading 个 or "/" between parts
// (元/人/年), is a unit wherever it stands.
var units = map[string]bool{}

func init() {
	for _, u := range strings.Fields(`
		个 人 人次 次 种 例 篇 份 亩 只 头 米 厘米 毫米 公里 千米 吨 起 项 期 户 家 元 年 月 天
		日 小时 分钟 秒 周 季度 工作日 批 批次 场 场次 台 台套 辆 套 件 所 座 处 条 本 册 名 位
		间 张 部 棵 株 公顷 平方米 平方公里 立方米 千克 公斤 克 斤 千瓦 千瓦时 度 学时 课时 人日
		工日 人月 轮 届 组 队 支 类 门 节 片 块 栋 幢 层 村 乡 镇 县 校 床 车次 架次 班 班次
		课 堂 站 点 户次 家次 期次 百分点 分 倍 级 星 单 笔 盏 座次 宗 匹 口 只次 元次 人天 人年
		千卡 兆瓦 公顷次 标段 网点 路 线 屋 伙 团 群 对 双 袋 箱 瓶 盒 包 册次 版 集 首 幅 部次
		‰ % m km kg t h`) {
		units[u] = true
	}
}

// simplified maps the traditional characters met in units to simplified.
var simplified = map[rune]rune{
	'萬': '万', '億': '亿', '個': '个', '噸': '吨', '項': '项', '戶': '户', '畝': '亩', '條': '条',
	'臺': '台', '場': '场', '張': '张', '種': '种', '間': '间', '時': '时', '車': '车', '輛': '辆',
	'處': '处', '隻': '只', '頭': '头', '雙': '双', '組': '组', '線': '线', '綫': '线', '筆': '笔',
	'冊': '册', '屆': '届', '點': '点', '週': '周', '塊': '块', '棟': '栋', '層': '层', '門': '门',
	'類': '类', '隊': '队', '釐': '厘', '裏': '里', '學': '学', '課': '课', '節': '节', '單': '单',
	'盞': '盏', '級': '级', '網': '网', '團': '团', '對': '对', '標': '标', '鄉': '乡', '鎮': '镇',
	'縣': '县', '幀': '帧', '頃': '顷', '劑': '剂',
}

// magnitude splits a unit such as 万元 or 亿元/年 into the power of ten its
// prefix carries and the plain unit (元, 元/年). It reports false for a
// unit without such a prefix. A bare 万 is 10^4 of the plain unit "".
// The prefixes are 千万 (7), 百万 (6), 万 (4), 亿 (8) and 千 (3), the
// longer tried first.
func magnitude(u string) (exp int, plain string, ok bool) {
	if len(u) < len("万") {
		return 0, u, false
	}
	switch u[:len("万")] {
	case "千":
		if strings.HasPrefix(u, "千万") {
			return 7, u[len("千万"):], true
		}
		return 3, u[len("千"):], true
	case "百":
		if strings.HasPrefix(u, "百万") {
			return 6, u[len("百万"):], true
		}
	case "万":
		return 4, u[len("万"):], true
	case "亿":
		return 8, u[len("亿"):], true
	}
	return 0, u, false
}

// notUnit holds characters no unit contains; a short suffix holding one
// of them is words, not a unit ("月底前完成", "%完成").
const notUnit = "完成前后底之的了在达到于及和与或率等为是已未不有无以内外上下左右约余多提升高低增减降保确按每被将把从对向由其该此这那各全总均共合计际预期目标指情况要求规定满意效果明显好差良优中格正常实现开展"

// cleanUnit normalises a unit as written after a number: outer brackets
// removed ("(元/人/年)"), traditional characters simplified, 百分比 and
// "%(百分比)" made "%". It returns "" and false when u is not a unit;
// strict accepts only units built from the known ones, otherwise any
// short run of characters that are not words is accepted too.
func cleanUnit(u string, strict bool) (string, bool) {
	if u == "" {
		return "", true
	}
	if e := lookupUnit(u); e != nil {
		return u, true // the usual case, which the steps below keep as it is
	}
	return cleanUnitSteps(u, strict)
}

// cleanUnitSteps is cleanUnit without its table of clean units.
func cleanUnitSteps(u string, strict bool) (string, bool) {
	u = unbracket(u)
	u = simplify(u)
	if u == "百分比" || u == "百分数" {
		return "%", true
	}
	// "%(百分比)": a unit glossed in brackets by itself.
	if i := strings.IndexByte(u, '('); i > 0 && u[len(u)-1] == ')' {
		if g, ok := cleanUnit(u[i+1:len(u)-1], true); !ok || g != u[:i] {
			return "", false
		}
		u = u[:i]
	}
	if knownUnit(u) {
		return u, true
	}
	if strict {
		return "", false
	}
	return u, shortUnit(u)
}

// unbracket removes one pair of brackets around the whole of u.
func unbracket(u string) string {
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

// traditional marks the runes simplified maps, a bit a rune below
// U+10000, so that simplify looks up only those.
var traditional [0x10000 / 64]uint64

func init() {
	for r := range simplified {
		traditional[r/64] |= 1 << (r % 64)
	}
}

// isTraditional reports whether simplified maps r.
func isTraditional(r rune) bool {
	return r < 0x10000 && traditional[r/64]&(1<<(r%64)) != 0
}

// simplify folds the traditional characters of a unit; it allocates only
// when there are some.
func simplify(u string) string {
	for _, r := range u {
		if isTraditional(r) {
			return strings.Map(func(r rune) rune {
				if s, ok := simplified[r]; ok {
					return s
				}
				return r
			}, u)
		}
	}
	return u
}

// knownUnit reports whether u is built from known units: one known unit,
// perhaps after a magnitude prefix or a leading 个, or several joined by
// "/" or "·" (元/人/年, 万元/年, 次/年, 元/人·年).
func knownUnit(u string) bool {
	for u != "" {
		part, rest, cut := cutUnit(u)
		if cut && rest == "" {
			return false
		}
		if !knownPart(part) {
			return false
		}
		u = rest
	}
	return true
}

// cutUnit cuts u around its first "/" or "·".
func cutUnit(u string) (before, after string, found bool) {
	for i := 0; i < len(u); i++ {
		switch {
		case u[i] == '/':
			return u[:i], u[i+1:], true
		case strings.HasPrefix(u[i:], "·"):
			return u[:i], u[i+len("·"):], true
		}
	}
	return u, "", false
}

func knownPart(p string) bool {
	if isUnit(p) {
		return true
	}
	if _, plain, ok := magnitude(p); ok {
		return plain == "" || isUnit(plain) || strings.HasPrefix(plain, "个") && isUnit(plain[len("个"):])
	}
	return strings.HasPrefix(p, "个") && isUnit(p[len("个"):])
}

// unitRunes marks the units of one rune below U+10000, a bit a rune, so
// that isUnit looks them up without hashing.
var unitRunes [0x10000 / 64]uint64

func init() {
	for u := range units {
		if r, n := utf8.DecodeRuneInString(u); n == len(u) && r < 0x10000 {
			unitRunes[r/64] |= 1 << (r % 64)
		}
	}
}

// isUnit reports whether u is one of units.
func isUnit(u string) bool {
	if r, n := utf8.DecodeRuneInString(u); n == len(u) && n > 0 && r < 0x10000 && r != utf8.RuneError {
		return unitRunes[r/64]&(1<<(r%64)) != 0
	}
	e := lookupUnit(u)
	return e != nil && e.unit
}

// A unitEntry is a string cleanUnit returns as it is, strict or not: one
// of units, or one built from them (万元, 个月, 元/人/年).
type unitEntry struct {
	u    string
	unit bool // u is one of units
	bare bool // parseValue may take u as its unit at once; see value.go
}

// unitEntries and unitSlots hold the clean units in an open-addressing
// hash table, unitSlots giving the index in unitEntries plus one, that
// cleanUnit and isUnit consult instead of building or hashing for a map.
var (
	unitEntries []unitEntry
	unitSlots   [1 << unitBits]uint16
)

const unitBits = 13

// unitHash hashes a non-empty u from its length and its bytes, all of
// them up to sixteen, read as words where it is long enough.
func unitHash(u string) uint32 {
	n := len(u)
	var x uint64
	switch {
	case n >= 8:
		x = load64(u, 0) ^ bits.RotateLeft64(load64(u, n-8), 29)
	case n >= 4:
		x = uint64(load32(u, 0)) | uint64(load32(u, n-4))<<32
	default:
		x = uint64(u[0]) | uint64(u[n/2])<<8 | uint64(u[n-1])<<16
	}
	x ^= uint64(n) << 24
	return uint32(x * 0x9E3779B97F4A7C15 >> (64 - unitBits))
}

// lookupUnit returns the entry of u, or nil.
func lookupUnit(u string) *unitEntry {
	if u == "" {
		return nil
	}
	for h := unitHash(u); ; h = (h + 1) & (1<<unitBits - 1) {
		k := unitSlots[h]
		if k == 0 {
			return nil
		}
		// Test the last bytes before calling to compare the strings.
		if e := &unitEntries[k-1]; len(e.u) == len(u) && e.u[len(u)-1] == u[len(u)-1] && e.u == u {
			return e
		}
	}
}

// compoundUnits are units built from others that cells often carry.
var compoundUnits = []string{
	"元/人", "元/人/年", "元/人/月", "元/年", "元/月", "元/次", "元/亩", "次/年", "人/年", "人次/年",
	"万元/年", "元/人·年", "元/平方米", "元/吨", "元/公里", "元/户", "元/天",
}

func init() {
	add := func(u string, unit bool) {
		if lookupUnit(u) != nil {
			return
		}
		// The table holds only what the steps of cleanUnit keep as it
		// is; TestUnitTable checks it against them.
		if !unit {
			if c, ok := cleanUnitSteps(u, true); !ok || c != u {
				return
			}
		}
		unitEntries = append(unitEntries, unitEntry{u: u, unit: unit})
		h := unitHash(u)
		for unitSlots[h] != 0 {
			h = (h + 1) & (1<<unitBits - 1)
		}
		unitSlots[h] = uint16(len(unitEntries))
	}
	for u := range units {
		add(u, true)
	}
	for _, m := range []string{"", "个", "万", "亿", "千", "千万", "百万", "万个", "亿个", "千个"} {
		if m != "" {
			add(m, false)
		}
		for u := range units {
			add(m+u, false)
		}
	}
	for _, u := range compoundUnits {
		add(u, false)
	}
}

// shortUnit reports whether u may be a unit nobody listed: at most four
// characters, none of them a digit, punctuation, an operator or a
// character of ordinary words.
func shortUnit(u string) bool {
	if utf8.RuneCountInString(u) > 4 {
		return false
	}
	for _, r := range u {
		switch {
		case r >= '0' && r <= '9', r == '%' && len(u) > 1, r == utf8.RuneError:
			return false
		case r < utf8.RuneSelf && r != '/' && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
			return false
		case strings.ContainsRune(notUnit, r), strings.ContainsRune("，。；：、！？“”‘’《》…—≥≤≧≦＜＞═﹦〜", r):
			return false
		}
	}
	return true
}

// nameUnit returns the unit an indicator name ends in, bracketed (a core
// mark ★ after it is ignored): "系统故障率（%）"→"%", "运行成本（万元/年）"→
// "万元/年". It returns "" when the
// name ends in anything else ("（可选项）", "（★）").
func nameUnit(name string) string {
	n := strings.TrimRightFunc(Fold(name), func(r rune) bool {
		return isSpace(r) || r == '★' || r == '☆' || r == '*'
	})
	if !strings.HasSuffix(n, ")") {
		return ""
	}
	i := strings.LastIndexByte(n, '(')
	if i < 0 {
		return ""
	}
	u, ok := cleanUnit(squeeze(n[i+1:len(n)-1]), true)
	if !ok {
		return ""
	}
	return u
}

// sameUnit reports whether units a and b measure the same thing: equal,
// or equal once a leading 个 is dropped (个月 and 月), or 天 and 日.
func sameUnit(a, b string) bool {
	return canonUnit(a) == canonUnit(b)
}

func canonUnit(u string) string {
	if len(u) > len("个") && strings.HasPrefix(u, "个") {
		u = u[len("个"):]
	}
	if u == "日" {
		u = "天"
	}
	return u
}
