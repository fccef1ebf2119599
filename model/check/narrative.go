package check

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
)

// fullWidth folds the full-width forms a restated figure may use.
var fullWidth = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"．", ".", "％", "%")

// foldFullWidth returns s with fullWidth applied, or s itself when it
// holds none of the full-width forms (the replacer always copies).
func foldFullWidth(s string) string {
	// The forms are U+FF05, U+FF0E and U+FF10 to U+FF19: EF BC 85, EF BC
	// 8E, EF BC 90 to EF BC 99.
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], 0xef)
		if j < 0 {
			return s
		}
		i += j
		if i+2 < len(s) && s[i+1] == 0xbc {
			if c := s[i+2]; c == 0x85 || c == 0x8e || c >= 0x90 && c <= 0x99 {
				return fullWidth.Replace(s)
			}
		}
	}
}

// A restated figure is matched by hand, as these regular expressions
// (leftmost first, as package regexp) would match it:
//
//	rate:   执行率(?:为|是|达到|达|到|了|约|：|:|\s)*([0-9]+(?:\.[0-9]+)?)\s*%
//	amount: (?:支付|支出|使用|拨付|执行)(?:数|资金|金额|经费|了|为|是|达到|达|共计|合计|总计|约|：|:|\s)*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(亿元|万元|元)
//
// The rate finds 资金执行率达到98.6%, 预算执行率为100%, 执行率：95%; the
// amount 项目资金已支付296.26万元, 实际支出15万元, 共使用资金3,000元. \s is
// ASCII white space: tab, newline, form feed, carriage return, space.
//
// Every match ends at a % or a 元, which are rare in the text, so each is
// read backward from one of these. That is exact: no filler holds a
// digit, a point, a comma or the last character of a keyword, and the last
// character of a filler tells which filler it is (资金 is the one ending
// in 金, and so on), so the fillers, the number and the keyword before a
// given % or 元 can be read only one way, the way the expression reads
// them forward. Nor can two matches overlap, so the matches come one per
// %, or 元, in order.
//
// The expressions match the text with its full-width digits, points and
// percent signs folded (foldFullWidth). The matchers read those forms as
// the ASCII ones instead, so that the text need not be folded, only the
// parts of a match that are quoted or read: Chinese text is full of other
// full-width characters (，（）：), which make looking for the folded ones
// slow.

// rateKeyword begins a restated 执行率.
const rateKeyword = "执行率"

// amountKeywords are the verbs an amount paid follows, all two
// characters long.
var amountKeywords = [...]string{"支付", "支出", "使用", "拨付", "执行"}

// isRateFiller reports whether c is a three-byte rate filler: 为 是 达
// 到 了 约 ：.
func isRateFiller(c string) bool {
	switch c {
	case "为", "是", "达", "到", "了", "约", "：":
		return true
	}
	return false
}

// amountFiller returns the length of the amount filler that ends in the
// three-byte character c, b being the three bytes before c, or 0. The last
// character of a filler tells which it is.
func amountFiller(b, c string) int {
	switch c {
	case "数", "了", "为", "是", "达", "约", "：":
		return 3
	case "金":
		if b == "资" {
			return 6
		}
	case "额":
		if b == "金" {
			return 6
		}
	case "费":
		if b == "经" {
			return 6
		}
	case "到":
		if b == "达" {
			return 6
		}
	case "计":
		if b == "共" || b == "合" || b == "总" {
			return 6
		}
	}
	return 0
}

// isSpace reports whether c is \s of package regexp.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// folded returns the ASCII character a full-width one folds to, given the
// last byte of its encoding EF BC c, or 0 when it folds to none.
func folded(c byte) byte {
	switch {
	case c == 0x85:
		return '%'
	case c == 0x8e:
		return '.'
	case c >= 0x90 && c <= 0x99:
		return '0' + c - 0x90
	}
	return 0
}

// foldedBefore returns the character that ends at offset i, i > 0, as it
// reads once folded, and the number of bytes it takes: an ASCII digit,
// point or percent sign and 3 for a full-width one, else the byte before
// i and 1.
func foldedBefore(text string, i int) (c byte, n int) {
	if i >= 3 && text[i-3] == 0xef && text[i-2] == 0xbc {
		if c := folded(text[i-1]); c != 0 {
			return c, 3
		}
	}
	return text[i-1], 1
}

// isDigitAt reports whether the character at offset i is a digit once
// folded.
func isDigitAt(text string, i int) bool {
	if isDigit(text[i]) {
		return true
	}
	return i+3 <= len(text) && text[i] == 0xef && text[i+1] == 0xbc && isDigit(folded(text[i+2]))
}

// spacesBefore returns the start of the run of \s that ends at offset i.
func spacesBefore(text string, i int) int {
	for i > 0 && isSpace(text[i-1]) {
		i--
	}
	return i
}

// digitsBefore returns the start of the run of digits (and commas, if
// commas is set) that ends at offset i, the digits read once folded.
func digitsBefore(text string, i int, commas bool) int {
	for i > 0 {
		switch c := text[i-1]; {
		case isDigit(c) || commas && c == ',':
			i--
		case c >= 0x90 && c <= 0x99 && i >= 3 && text[i-3] == 0xef && text[i-2] == 0xbc:
			i -= 3 // a full-width digit
		default:
			return i
		}
	}
	return i
}

// numberBefore returns the start of the number [0-9]+(?:\.[0-9]+)? that
// ends at offset end — [0-9][0-9,]*(?:\.[0-9]+)? when commas is set — or
// false when none ends there.
func numberBefore(text string, end int, commas bool) (int, bool) {
	i := digitsBefore(text, end, commas)
	if i == end {
		return 0, false
	}
	// Digits alone after a point are the decimals when an integer part
	// comes before the point. Anything else after a point fails when
	// the keyword is looked for, a point being neither a filler nor the
	// end of a keyword.
	if i > 0 {
		if c, n := foldedBefore(text, i); c == '.' && (!commas || digitsBefore(text, end, false) == i) {
			if j := digitsBefore(text, i-n, commas); j < i-n {
				i = j
			}
		}
	}
	return i, isDigitAt(text, i)
}

// rateFillerBefore returns the start of the run of rate fillers that ends
// at offset i.
func rateFillerBefore(text string, i int) int {
	for i > 0 {
		if c := text[i-1]; isSpace(c) || c == ':' {
			i--
			continue
		}
		if i < 3 || !isRateFiller(text[i-3:i]) {
			break
		}
		i -= 3
	}
	return i
}

// amountFillerBefore returns the start of the run of amount fillers that
// ends at offset i.
func amountFillerBefore(text string, i int) int {
	for i > 0 {
		if c := text[i-1]; isSpace(c) || c == ':' {
			i--
			continue
		}
		if i < 3 {
			break
		}
		before := ""
		if i >= 6 {
			before = text[i-6 : i-3]
		}
		n := amountFiller(before, text[i-3:i])
		if n == 0 {
			break
		}
		i -= n
	}
	return i
}

// rateMatch returns the first restated 执行率 of text at or after from:
// the bounds of the whole match and of its number. full tells whether
// text holds a full-width ％, which hasFullPercent reports.
func rateMatch(text string, from int, full bool) (m [4]int, ok bool) {
	for {
		pc, pe := indexPercent(text, from, full)
		if pc < 0 {
			return m, false
		}
		from = pe
		ne := spacesBefore(text, pc)
		ns, ok := numberBefore(text, ne, false)
		if !ok {
			continue
		}
		if ks := rateFillerBefore(text, ns) - len(rateKeyword); ks >= 0 && text[ks:ks+len(rateKeyword)] == rateKeyword {
			return [4]int{ks, pe, ns, ne}, true
		}
	}
}

// indexPercent returns the bounds of the first % of text at or after
// from, or of ％ if full is set and it comes first; -1s when there is
// neither.
func indexPercent(text string, from int, full bool) (start, end int) {
	i := strings.IndexByte(text[from:], '%')
	if full {
		if j := index3(text[from:], "％"); j >= 0 && (i < 0 || j < i) {
			return from + j, from + j + len("％")
		}
	}
	if i < 0 {
		return -1, -1
	}
	return from + i, from + i + 1
}

// hasFullPercent reports whether s holds a full-width ％.
func hasFullPercent(s string) bool { return index3(s, "％") >= 0 }

// amountMatch returns the first restated amount of text at or after
// from: the bounds of the whole match, of its number and of its unit.
func amountMatch(text string, from int) (m [6]int, ok bool) {
	const yuanChar = "元"
	for {
		i := index3(text[from:], yuanChar)
		if i < 0 {
			return m, false
		}
		us, ue := from+i, from+i+len(yuanChar)
		from = ue
		if strings.HasSuffix(text[:us], "万") || strings.HasSuffix(text[:us], "亿") {
			us -= len("万")
		}
		ne := spacesBefore(text, us)
		ns, ok := numberBefore(text, ne, true)
		if !ok {
			continue
		}
		ks := amountFillerBefore(text, ns) - len(amountKeywords[0])
		if ks < 0 {
			continue
		}
		for _, kw := range amountKeywords {
			if text[ks:ks+len(kw)] == kw {
				return [6]int{ks, ue, ns, ne, us, ue}, true
			}
		}
	}
}

// index3 returns the offset of the first sep, a character of three
// bytes, in s, or -1. It looks for the last byte of sep, a UTF-8
// continuation byte, which for the characters it is used for (元 is E5 85
// 83, ％ EF BC 85) few characters of Chinese text end in, where
// strings.Index would stop at every character that begins as sep does.
func index3(s, sep string) int {
	for i := 2; i < len(s); i++ {
		j := strings.IndexByte(s[i:], sep[2])
		if j < 0 {
			return -1
		}
		i += j
		if s[i-2] == sep[0] && s[i-1] == sep[1] {
			return i - 2
		}
	}
	return -1
}

// blank reports whether s is empty or white space, as
// strings.TrimSpace(s) == "" does, without trimming s.
func blank(s string) bool {
	if hanFirst(s) {
		return false
	}
	for _, r := range s {
		if !isWhite(r) {
			return false
		}
	}
	return true
}

// maxSpace is the last character of Unicode's White_Space, which
// unicode.IsSpace reports: past it, as in Chinese text, nothing is white
// space.
const maxSpace = '\u3000'

// isWhite is unicode.IsSpace, quick for the characters past maxSpace.
func isWhite(r rune) bool { return r <= maxSpace && unicode.IsSpace(r) }

// yuan returns how many 元 one unit of a money unit is, or false for a
// unit it does not know. An empty unit is 万元, the unit of most funds
// tables.
func yuan(unit string) (ratio, bool) {
	switch unit {
	case "元":
		return intRatio(1), true
	case "", "万元":
		return intRatio(10000), true
	case "亿元":
		return intRatio(100000000), true
	}
	switch strings.Trim(strings.TrimSpace(unit), "()（）") {
	case "元":
		return intRatio(1), true
	case "", "万元", "万":
		return intRatio(10000), true
	case "亿元", "亿":
		return intRatio(100000000), true
	}
	return ratio{}, false
}

// anyAgrees reports whether a figure stated with p decimals is one of vs
// rounded half up or truncated to p decimals, within tol.
func anyAgrees(stated ratio, p int, vs []ratio, tol ratio) bool {
	for _, v := range vs {
		t, h := v.cut(p)
		if within(stated, h, tol) || within(stated, t, tol) {
			return true
		}
	}
	return false
}

// narrative checks the 执行率 and the amounts paid that the 实际完成情况
// text restates against the funds table (rule 13). A restated figure
// agrees when it is a figure of any funds row rounded or truncated to the
// decimals the text writes.
func (k *checker) narrative() {
	g, fd := k.f.Goals, k.f.Funds
	if g == nil || fd == nil || blank(g.Achieved) {
		return
	}
	// The matches are read in the text as it is, and folded (see
	// rateMatch).
	text := g.Achieved
	full := hasFullPercent(text)
	tol := k.p.narrative

	var rateBuf [8]ratio
	rates, haveRates := rateBuf[:0], false
	for from := 0; ; {
		m, ok := rateMatch(text, from, full)
		if !ok {
			break
		}
		from = m[1]
		if !haveRates {
			rates, haveRates = k.rates(rates), true
		}
		if len(rates) == 0 {
			break
		}
		raw := foldFullWidth(text[m[2]:m[3]])
		if anyAgrees(decRatio(model.Decimal(raw)), places(raw), rates, tol) {
			continue
		}
		ref := k.referenceRate()
		stated, _ := model.ParseDecimal(raw)
		k.add(CodeNarrativeRate, g.At, ref, &stated,
			"实际完成情况写“%s”，资金表中执行率为%s", foldFullWidth(text[m[0]:m[1]]), pct(decRatio(*ref)))
	}

	tableYuan, ok := yuan(fd.Unit)
	if !ok {
		return
	}
	rows := k.rows()
	var paidBuf [8]ratio
	for from := 0; ; {
		m, ok := amountMatch(text, from)
		if !ok {
			break
		}
		from = m[1]
		if next, _ := utf8.DecodeRuneInString(text[m[1]:]); next == '/' || next == '／' || next == '每' {
			continue // a rate per head or per year, not an amount spent
		}
		raw := foldFullWidth(text[m[2]:m[3]])
		if strings.IndexByte(raw, ',') >= 0 {
			raw = strings.ReplaceAll(raw, ",", "")
		}
		unit := text[m[4]:m[5]]
		// inText converts an amount of the table to the unit of the
		// text.
		textYuan, _ := yuan(unit)
		inText := func(x ratio) ratio {
			if textYuan == tableYuan {
				return x
			}
			return x.mul(tableYuan.quo(textYuan))
		}
		paid := paidBuf[:0]
		for i := range rows {
			if e := rows[i].amounts[2]; !e.missing() {
				paid = append(paid, inText(e))
			}
		}
		if len(paid) == 0 || anyAgrees(decRatio(model.Decimal(raw)), places(raw), paid, tol) {
			continue
		}
		ref := paid[0]
		if t := k.fundsTotal(); t != nil && t.r.Executed != nil {
			ref = inText(t.amounts[2])
		}
		e := ref.decimal(6)
		stated, _ := model.ParseDecimal(raw)
		k.add(CodeNarrativeAmount, g.At, &e, &stated,
			"实际完成情况写“%s”，资金表中全年执行数为%s%s", foldFullWidth(text[m[0]:m[1]]), string(e), unit)
	}
}

// rates appends to buf the 执行率 of the funds rows, computed and
// printed.
func (k *checker) rates(buf []ratio) []ratio {
	rows := k.rows()
	for i := range rows {
		r := &rows[i]
		if !r.computed.missing() {
			buf = append(buf, r.computed)
		}
		if !r.rate.missing() {
			buf = append(buf, r.rate)
		}
	}
	return buf
}

// referenceRate returns the form's 执行率 to quote: the printed one of
// the execution row, else the computed one rounded to two decimals, else
// the first printed one of another row.
func (k *checker) referenceRate() *model.Decimal {
	for _, r := range [...]*fundsRow{k.execRow(), k.fundsTotal()} {
		if r != nil && r.r.ExecutionRate != nil {
			return r.r.ExecutionRate
		}
	}
	rows := k.rows()
	for i := range rows {
		if x := rows[i].computed; !x.missing() {
			return round(x)
		}
	}
	for i := range rows {
		if r := rows[i].r; r.ExecutionRate != nil {
			return r.ExecutionRate
		}
	}
	return nil
}
