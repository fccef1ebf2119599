package normalize

import (
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
)

// Value parses a target or actual cell of the indicator table as SCHEMA.md
// says: an operator (">=95%", "不低于50个", "50个以上"), a number or Chinese
// numeral with its unit ("=1440（元/人/年）", "十二个月"), a range
// ("90%-100%"), a date ("2021年12月31日", "2021.12"), a period ("2021年1月-12月"),
// qualitative text ("长期", "提高") or nothing ("/", "—", "").
//
// Raw is the cell as Text cleans it. Units are folded to narrow forms and
// simplified characters, 百分比 is "%", and a unit with a magnitude (万元,
// 万人, 亿元, a bare 万) also gives Base in the plain unit (元, 人, ""). When
// the cell has no unit and name, the indicator's name (三级指标), ends in a
// bracketed one ("（个）", "(%)", "（万元/年）"), the unit comes from the name
// and UnitFrom is "name". A number followed by words that are not a unit,
// or a number after an OCR-damaged operator ("W30"), makes the cell text;
// a date followed by a few words ("2021年12月底前完成") stays a date.
func Value(raw, name string) (v model.Value) {
	(*Arena)(nil).value(raw, name, &v)
	return v
}

// Value is the package's Value, its numbers cut from a.
func (a *Arena) Value(raw, name string) (v model.Value) {
	a.value(raw, name, &v)
	return v
}

// ValueTo is Value writing its result into *v, which must be zero, as a
// new model.Value is: a caller that keeps the value in a larger struct
// made zero (an indicator's target) fills it in place, without the copy
// of the large Value that assigning Value's result makes.
func (a *Arena) ValueTo(v *model.Value, raw, name string) {
	a.value(raw, name, v)
}

// value is Value writing into *v, which is zero: the callers' results, so
// that the large Value is not copied on the way out.
func (a *Arena) value(raw, name string, v *model.Value) {
	// A cell without white space or anything to fold is its own Text and
	// Label, as most are.
	v.Raw = raw
	s := raw
	if needsLabel(raw) {
		v.Raw = Text(raw)
		s = Label(v.Raw)
	}
	s = trimClosing(s)
	switch {
	case isNone(s):
		v.Kind = model.ValueNone
	case a.parseValue(s, name, v):
	default:
		// A cell parseValue turns down may have had its operator and
		// approximation set, and nothing else.
		v.Kind, v.Op, v.Approx, v.Text = model.ValueText, "", false, v.Raw
	}
}

// trimClosing removes the punctuation that may end a cell without
// belonging to its value ("100%。"): any run of "。；;，,".
func trimClosing(s string) string {
	for s != "" {
		switch c := s[len(s)-1]; {
		case c == ';' || c == ',':
			s = s[:len(s)-1]
		case c < utf8.RuneSelf:
			return s
		case (c == 0x82 || c == 0x9B || c == 0x8C) && // the last bytes of 。；，
			(strings.HasSuffix(s, "。") || strings.HasSuffix(s, "；") || strings.HasSuffix(s, "，")):
			s = s[:len(s)-len("。")]
		default:
			return s
		}
	}
	return s
}

// isNone reports whether the folded, squeezed cell s says nothing: empty,
// or only dashes, slashes, dots and ellipses ("/", "—", "——", "-", "一",
// "……"), or "不适用", "N/A".
func isNone(s string) bool {
	if s != "" && byteClass[s[0]]&startsDash == 0 {
		// The first rune is no dash: the common case, without decoding,
		// and mostly without a call, as few cells begin as a word for
		// nothing does and are as long as one.
		c := s[0]
		return (c|0x20 == 'n' || c == "不"[0]) &&
			(len(s) == len("NA") || len(s) == len("N/A") || len(s) == len("不适用")) && isNoneWord(s)
	}
	for _, r := range s {
		if !isDash(r) {
			return isNoneWord(s)
		}
	}
	return true
}

// isNoneWord reports whether s is a word for nothing: "不适用", "N/A" or
// "NA" in any case (only ASCII letters fold to N and A).
func isNoneWord(s string) bool {
	return s == "不适用" || len(s) == len("N/A") && s[1] == '/' && strings.EqualFold(s, "N/A") ||
		len(s) == len("NA") && strings.EqualFold(s, "NA")
}

// dashes are the characters a cell that says nothing is made of;
// TestDashes checks isDash against them.
const dashes = "/\\-—–―─━一…_.·~〜"

// isDash reports whether r is one of dashes.
func isDash(r rune) bool {
	switch r {
	case '/', '\\', '-', '—', '–', '―', '─', '━', '一', '…', '_', '.', '·', '~', '〜':
		return true
	}
	return false
}

// prefix is a word or sign that may lead a value.
type prefix struct {
	text   string
	op     string
	approx bool
}

// prefixes are the words and signs that may lead a value: operators,
// approximations and words that change nothing ("达到"). They are tried in
// order, so where one begins another (">=" and ">") the longer comes
// first.
var prefixes = []prefix{
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
	// Words that lead a value without changing it.
	{text: "达到"}, {text: "达"}, {text: "实现"}, {text: "完成"}, {text: "确保"}, {text: "保持"},
	{text: "控制在"}, {text: "为"}, {text: "累计"}, {text: "共计"}, {text: "合计"}, {text: "共"},
	{text: "截止到"}, {text: "截止至"}, {text: "截至"}, {text: "截止"}, {text: "于"},
}

// suffixes are the words that may close a value ("50个以上", "5天以内",
// "50人左右"), matched at its end, longer first where one ends another.
var suffixes = []prefix{
	{text: "(含)以上", op: model.OpGE}, {text: "以上(含)", op: model.OpGE}, {text: "及以上", op: model.OpGE},
	{text: "或以上", op: model.OpGE}, {text: "以上", op: model.OpGE},
	{text: "(含)以下", op: model.OpLE}, {text: "以下(含)", op: model.OpLE}, {text: "及以下", op: model.OpLE},
	{text: "或以下", op: model.OpLE}, {text: "以下", op: model.OpLE}, {text: "以内", op: model.OpLE},
	{text: "之内", op: model.OpLE}, {text: "内", op: model.OpLE},
	{text: "左右", approx: true}, {text: "上下", approx: true}, {text: "余", approx: true},
	{text: "多", approx: true},
	// Words that may close a value without changing it.
	{text: "(含)"}, {text: "完成"}, {text: "办结"},
}

// parseValue parses the folded, squeezed cell s into v, whose Raw is set.
// It reports false when s is not a number, range, date or period, having
// set no field of v but Op and Approx.
func (a *Arena) parseValue(s, name string, v *model.Value) bool {
	i := 0
	// No prefix begins with a digit, as most values do.
	for n := 0; n < 4 && i < len(s) && !isDigit(s[i]); n++ {
		p := matchPrefix(s[i:])
		if p == nil {
			break
		}
		i += len(p.text)
		switch {
		case p.op != "" && v.Op == "":
			v.Op = p.op
		case p.op == model.OpEq:
			// "≥=", "> =": a doubled sign.
		case p.op != "":
			return false
		case p.approx:
			v.Approx = true
		}
	}
	if i == len(s) || !isDigit(s[i]) && !mayBeginValue(s[i:]) {
		return false
	}
	// Every date begins with a year: most numbers need not be tried.
	if mayBeYear(s, i) && parseDateValue(s, i, v) {
		return true
	}
	percent := false
	if strings.HasPrefix(s[i:], "百分之") {
		percent = true
		i += len("百分之")
	}
	// Most numbers are plain digits: read them without the calls between.
	n1, j, ok := readPlain(s, i)
	chinese := false
	if !ok || j < len(s) && s[j] == ',' {
		if n1, j, chinese, ok = readNumber(s, i); !ok {
			return false
		}
	}
	if p, ok := approxAfter(s[j:]); ok {
		v.Approx = true
		j += len(p)
	}
	tail := s[j:]
	// "3万余人": 余 or 多 after the magnitude.
	if _, plain, ok := magnitude(tail); ok {
		if p, ok := approxAfter(plain); ok {
			v.Approx = true
			tail = tail[:len(tail)-len(plain)] + plain[len(p):]
		}
	}
	var n2 model.Decimal
	var u1, unit string
	isRange := false
	if bareUnit(tail) {
		// The usual tail, a unit alone: no range, no suffix, and clean.
		unit = tail
	} else {
		if k, w := rangeSep(tail); k >= 0 {
			var m int
			n2, m, _, ok = readNumber(tail, k+w)
			if !ok {
				return false
			}
			isRange = true
			u1 = tail[:k]
			tail = tail[m:]
		}
		tail = stripSuffixes(tail, v)
		if unit, ok = cleanUnit(tail, chinese); !ok {
			return false
		}
	}
	if isRange {
		u, ok := cleanUnit(u1, chinese)
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
		if unit = nameUnit(name); unit != "" {
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
		if n1.Cmp(n2) > 0 {
			n1, n2 = n2, n1
		}
		v.Min, v.Max = a.pair(n1, n2)
		return true
	}
	if exp, plain, ok := magnitude(unit); ok {
		v.Value, v.Base = a.withBase(n1, model.Base{Value: a.shift(n1, exp), Unit: plain})
		return true
	}
	v.Value = a.dec(n1)
	return true
}

// mayBeginValue reports whether s may begin a date, a number or 百分之:
// whether it begins with a digit, a sign, a point, a Chinese numeral digit
// (readChinese needs one, or 十, first) or 百. It spares the parsers most
// text cells.
func mayBeginValue(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case isDigit(c), c == '+', c == '-', c == '.':
		return true
	case c < utf8.RuneSelf:
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	_, digit := chineseDigit(r)
	return digit || r == '十' || r == '百'
}

// mayBeYear reports whether s[i:] may begin with a year that year4 reads:
// whether it has four bytes, the first two "19" or "20".
func mayBeYear(s string, i int) bool {
	return i+4 <= len(s) && (s[i] == '2' && s[i+1] == '0' || s[i] == '1' && s[i+1] == '9')
}

// prefixIndex and prefixGroups hold prefixes by the key prefixKey gives
// their text, in their order: prefixGroups[prefixIndex[k]] are those of key
// k, and prefixGroups[0] is empty.
var (
	prefixIndex  [1 << 12]uint8
	prefixGroups = [][]prefix{nil}
)

func init() {
	for _, p := range prefixes {
		k := prefixKey(p.text)
		if prefixIndex[k] == 0 {
			prefixIndex[k] = uint8(len(prefixGroups))
			prefixGroups = append(prefixGroups, nil)
		}
		prefixGroups[prefixIndex[k]] = append(prefixGroups[prefixIndex[k]], p)
	}
}

// prefixKey returns the key of the non-empty s in prefixIndex: its first
// byte when that is ASCII, or the low twelve bits of the three-byte rune it
// begins with. Most prefixes begin with a CJK ideograph, whose first byte
// is shared by many, but whose low bits tell them apart; where keys
// collide, matchPrefix compares the whole text anyway.
func prefixKey(s string) int {
	if c := s[0]; c < utf8.RuneSelf || len(s) < 3 {
		return int(c)
	}
	return int(s[1]&0x3F)<<6 | int(s[2]&0x3F)
}

// matchPrefix returns the prefix s starts with, or nil.
func matchPrefix(s string) *prefix {
	if s == "" {
		return nil
	}
	ps := prefixGroups[prefixIndex[prefixKey(s)]]
	for k := range ps {
		// Test the first and last bytes before calling to compare the
		// strings, and the middle one of three instead: most prefixes
		// are signs of one to three bytes.
		if t := ps[k].text; len(s) >= len(t) && s[len(t)-1] == t[len(t)-1] && s[0] == t[0] &&
			(len(t) <= 2 || len(t) == 3 && s[1] == t[1] || s[:len(t)] == t) {
			return &ps[k]
		}
	}
	return nil
}

// approxAfter returns 余 or 多 when it directly follows a number
// ("100余人", "20多个").
func approxAfter(s string) (string, bool) {
	switch {
	case strings.HasPrefix(s, "余"):
		return "余", true
	case strings.HasPrefix(s, "多"):
		return "多", true
	}
	return "", false
}

// rangeSeps separate the two ends of a range.
var rangeSeps = [...]string{"-", "~", "〜", "至", "到", "——", "—", "–", "―"}

// rangeSep finds a range separator in s before any digit and returns its
// offset and width, or -1.
//
// It tests every byte rather than every rune: the bytes inside a rune
// are neither digits nor the first bytes of separators.
func rangeSep(s string) (int, int) {
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c >= '0' && c <= '9' {
			break
		}
		if byteClass[c]&startsSep == 0 {
			continue
		}
		if c >= utf8.RuneSelf && !isSepRune(runeAt(s, k)) {
			continue // 万, 到 and 至 share their first byte with many runes
		}
		if w := sepWidth(s, k); w > 0 {
			return k, w
		}
	}
	return -1, 0
}

// isSepRune reports whether r begins one of rangeSeps outside ASCII.
func isSepRune(r rune) bool {
	switch r {
	case '〜', '至', '到', '—', '–', '―':
		return true
	}
	return false
}

// stripSuffixes removes operator and approximation words from the end of
// the tail t, setting v.Op (unless a leading operator set it) and
// v.Approx.
func stripSuffixes(t string, v *model.Value) string {
	for t != "" {
		p := matchSuffix(t)
		if p == nil {
			break
		}
		t = t[:len(t)-len(p.text)]
		if p.op != "" && v.Op == "" {
			v.Op = p.op
		}
		if p.approx {
			v.Approx = true
		}
	}
	return t
}

// suffixesByByte holds suffixes by their last byte, in their order.
var suffixesByByte [256][]prefix

func init() {
	for _, p := range suffixes {
		last := p.text[len(p.text)-1]
		suffixesByByte[last] = append(suffixesByByte[last], p)
	}
}

func init() {
	// The units that rangeSep and matchSuffix find nothing in, which
	// parseValue takes as they are.
	for k := range unitEntries {
		e := &unitEntries[k]
		if k, _ := rangeSep(e.u); k < 0 && matchSuffix(e.u) == nil {
			e.bare = true
			if r, n := utf8.DecodeRuneInString(e.u); n == len(e.u) && r < 0x10000 {
				bareRunes[r/64] |= 1 << (r % 64)
			}
		}
	}
}

// bareRunes marks the bare units of one rune below U+10000, a bit a rune,
// so that bareUnit finds the commonest units ("%", "个", "天") without
// hashing.
var bareRunes [0x10000 / 64]uint64

// bareUnit reports whether u is a unit parseValue may take at once: one
// whose entry is bare.
func bareUnit(u string) bool {
	// A unit of one rune, ASCII or of three bytes, is bare just when its
	// rune is marked in bareRunes.
	switch {
	case len(u) == 1 && u[0] < utf8.RuneSelf:
		return bareRunes[u[0]/64]&(1<<(u[0]%64)) != 0
	case len(u) == 3 && u[0]&0xF0 == 0xE0 && u[1]&0xC0 == 0x80 && u[2]&0xC0 == 0x80:
		// A three-byte form, which encodes its rune alone unless it is
		// overlong: no unit is a surrogate.
		r := rune(u[0]&0x0F)<<12 | rune(u[1]&0x3F)<<6 | rune(u[2]&0x3F)
		return r >= 0x800 && bareRunes[r/64]&(1<<(r%64)) != 0
	}
	e := lookupUnit(u)
	return e != nil && e.bare
}

// matchSuffix returns the first of suffixes s ends with, or nil.
func matchSuffix(s string) *prefix {
	if s == "" {
		return nil
	}
	ps := suffixesByByte[s[len(s)-1]]
	for k := range ps {
		if strings.HasSuffix(s, ps[k].text) {
			return &ps[k]
		}
	}
	return nil
}

// readNumber reads an Arabic number ("80.90", "-5", "1,234") or a Chinese
// numeral ("十二", "两", "一百二十") at s[i:]. It returns the number, the
// offset after it and whether it was a Chinese numeral.
func readNumber(s string, i int) (model.Decimal, int, bool, bool) {
	if d, j, ok := readArabic(s, i); ok {
		return d, j, false, true
	}
	if d, j, ok := readChinese(s, i); ok {
		return d, j, true, true
	}
	return "", i, false, false
}

// readArabic reads [+-]digits[,ddd…][.digits] at s[i:].
func readArabic(s string, i int) (model.Decimal, int, bool) {
	if d, j, ok := readPlain(s, i); ok && (j == len(s) || s[j] != ',') {
		return d, j, true
	}
	j := i
	if j < len(s) && (s[j] == '-' || s[j] == '+') {
		j++
	}
	start := j
	for j < len(s) && (isDigit(s[j]) || s[j] == ',' && j > start && isGroupAt(s, j+1)) {
		j++
	}
	if j < len(s)-1 && s[j] == '.' && isDigit(s[j+1]) {
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	if j == start || !isDigit(s[start]) && s[start] != '.' {
		return "", i, false
	}
	d, ok := model.ParseDecimal(s[i:j])
	return d, j, ok
}

// readPlain reads digits[.digits] at s[i:], the common form of a number,
// and returns it in canonical form, a substring of s: without the leading
// zeros of its whole part and the trailing zeros of its fraction, as
// model.ParseDecimal would give it, but found in the one scan. It gives
// what readArabic would when no "," follows the number.
func readPlain(s string, i int) (model.Decimal, int, bool) {
	j := i
	for j < len(s) && s[j] == '0' {
		j++
	}
	lo := j // the first digit kept: the first not a leading zero
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == i {
		return "", i, false
	}
	if lo == j {
		lo-- // the whole part is zeros: keep its last
	}
	end := j
	if j < len(s)-1 && s[j] == '.' && isDigit(s[j+1]) {
		j += 2
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		end = j
		for s[end-1] == '0' {
			end--
		}
		if s[end-1] == '.' {
			end--
		}
	}
	return model.Decimal(s[lo:end]), j, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isGroupAt reports whether s[j:] starts with exactly three digits: what
// follows a thousands separator.
func isGroupAt(s string, j int) bool {
	if j+3 > len(s) || !isDigit(s[j]) || !isDigit(s[j+1]) || !isDigit(s[j+2]) {
		return false
	}
	return j+3 == len(s) || !isDigit(s[j+3])
}

// chineseDigit returns the value of a Chinese numeral digit.
func chineseDigit(r rune) (int64, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '一':
		return 1, true
	case '二', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	}
	return 0, false
}

// readChinese reads a Chinese numeral below 10^8 at s[i:]: "十二", "两",
// "三十", "一百零五", "一万二千". A 万 not followed by more numerals is
// left to be read as the unit's magnitude ("三万人").
func readChinese(s string, i int) (model.Decimal, int, bool) {
	var total, section, cur int64
	j, read := i, false
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if d, ok := chineseDigit(r); ok {
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
			if _, ok := chineseDigit(next); !ok && next != '十' || !read || total > 0 {
				return chineseResult(total+section+cur, i, j, read)
			}
			total = (section + cur) * 10000
			section, cur = 0, 0
			j += w
			continue
		default:
			return chineseResult(total+section+cur, i, j, read)
		}
		if cur == 0 {
			return chineseResult(total+section, i, j, read)
		}
		section += cur * mul
		cur, read = 0, true
		j += w
	}
	return chineseResult(total+section+cur, i, j, read)
}

func chineseResult(n int64, i, j int, read bool) (model.Decimal, int, bool) {
	if !read {
		return "", i, false
	}
	return model.Decimal(itoa(n)), j, true
}

// itoa formats a non-negative n.
func itoa(n int64) string {
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

// shift returns d × 10^n exactly.
func shift(d model.Decimal, n int) model.Decimal { return (*Arena)(nil).shift(d, n) }

// shift is the package's shift, its digits written into a's text.
func (a *Arena) shift(d model.Decimal, n int) model.Decimal {
	if n == 0 || d.IsZero() || d == "" {
		return d
	}
	var buf [32]byte
	b, ok := appendShift(buf[:0], d, n)
	if !ok {
		return shiftText(d, n)
	}
	return model.Decimal(a.string(b))
}

// appendShift appends d × 10^n, for a d not zero, to b. It reports false,
// appending nothing, when d is not [-]digits[.digits].
func appendShift(b []byte, d model.Decimal, n int) ([]byte, bool) {
	s, neg := string(d), false
	if s[0] == '-' {
		s, neg = s[1:], true
	}
	dot := len(s) // until a point is found
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isDigit(c) && (c != '.' || dot != len(s)) {
			return b, false
		}
		if s[i] == '.' {
			dot = i
		}
	}
	// Read the whole part and the fraction as one run of digits, zeros
	// beyond it on either side, and put the point before digit point of
	// the run: the whole part is digits lo to point and the fraction point
	// to hi, leading and trailing zeros left out.
	run := digitRun{s[:dot], s[min(dot+1, len(s)):]}
	point := dot + n
	lo, hi := 0, run.len()
	for lo < point && run.at(lo) == '0' {
		lo++
	}
	for hi > point && run.at(hi-1) == '0' {
		hi--
	}
	if neg && (lo < point || hi > point) {
		b = append(b, '-')
	}
	if lo >= point {
		b = append(b, '0')
	}
	b = run.append(b, lo, point)
	if hi > point {
		b = append(b, '.')
		b = run.append(b, point, hi)
	}
	return b, true
}

// digitRun is the digits of a decimal's whole part and fraction read as
// one run.
type digitRun struct{ whole, frac string }

func (r digitRun) len() int { return len(r.whole) + len(r.frac) }

// at returns the digit at k, or '0' outside the run.
func (r digitRun) at(k int) byte {
	switch {
	case k < 0 || k >= r.len():
		return '0'
	case k < len(r.whole):
		return r.whole[k]
	}
	return r.frac[k-len(r.whole)]
}

// append appends the digits from k to end to b, a part at a time.
func (r digitRun) append(b []byte, k, end int) []byte {
	if k < 0 {
		b = appendZeros(b, min(end, 0)-k)
		k = min(end, 0)
	}
	if w := len(r.whole); k < end && k < w {
		b = append(b, r.whole[k:min(end, w)]...)
		k = min(end, w)
	}
	if w, n := len(r.whole), r.len(); k < end && k < n {
		b = append(b, r.frac[k-w:min(end, n)-w]...)
		k = min(end, n)
	}
	return appendZeros(b, end-k)
}

// appendZeros appends n zeros to b, a run of them at a time.
func appendZeros(b []byte, n int) []byte {
	const zeros = "0000000000000000"
	for ; n > len(zeros); n -= len(zeros) {
		b = append(b, zeros...)
	}
	return append(b, zeros[:max(n, 0)]...)
}

// shiftText is shift for a d that is not [-]digits[.digits], such as a
// number with a "+" or thousands separators: it moves the point in the
// text and reads the result with model.ParseDecimal.
func shiftText(d model.Decimal, n int) model.Decimal {
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
	r, _ := model.ParseDecimal(out)
	return r
}
