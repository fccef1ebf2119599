package check

import (
	"strings"
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
	for rest := s; ; {
		i := strings.Index(rest, "\xef\xbc")
		if i < 0 || i+2 >= len(rest) {
			return s
		}
		if c := rest[i+2]; c == 0x85 || c == 0x8e || c >= 0x90 && c <= 0x99 {
			return fullWidth.Replace(s)
		}
		rest = rest[i+2:]
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

// spacesBefore returns the start of the run of \s that ends at offset i.
func spacesBefore(text string, i int) int {
	for i > 0 && isSpace(text[i-1]) {
		i--
	}
	return i
}

// digitsBefore returns the start of the run of ASCII digits (and commas,
// if commas is set) that ends at offset i.
func digitsBefore(text string, i int, commas bool) int {
	for i > 0 && (isDigit(text[i-1]) || commas && text[i-1] == ',') {
		i--
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
	if i > 0 && text[i-1] == '.' && digitsBefore(text, end, false) == i {
		if j := digitsBefore(text, i-1, commas); j < i-1 {
			i = j
		}
	}
	return i, isDigit(text[i])
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
// the bounds of the whole match and of its number.
func rateMatch(text string, from int) (m [4]int, ok bool) {
	for {
		i := strings.IndexByte(text[from:], '%')
		if i < 0 {
			return m, false
		}
		pc := from + i
		from = pc + 1
		ne := spacesBefore(text, pc)
		ns, ok := numberBefore(text, ne, false)
		if !ok {
			continue
		}
		if ks := rateFillerBefore(text, ns) - len(rateKeyword); ks >= 0 && text[ks:ks+len(rateKeyword)] == rateKeyword {
			return [4]int{ks, pc + 1, ns, ne}, true
		}
	}
}

// amountMatch returns the first restated amount of text at or after
// from: the bounds of the whole match, of its number and of its unit.
func amountMatch(text string, from int) (m [6]int, ok bool) {
	const yuanChar = "元"
	for {
		i := strings.Index(text[from:], yuanChar)
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
	if g == nil || fd == nil || strings.TrimSpace(g.Achieved) == "" {
		return
	}
	text := foldFullWidth(g.Achieved)
	tol := k.p.narrative
	var rowBuf [8]*model.FundsRow
	rows := fundsRows(rowBuf[:0], fd)

	var rateBuf [16]ratio
	rates, haveRates := rateBuf[:0], false
	for from := 0; ; {
		m, ok := rateMatch(text, from)
		if !ok {
			break
		}
		from = m[1]
		if !haveRates {
			rates, haveRates = k.rates(rates, rows), true
		}
		if len(rates) == 0 {
			break
		}
		raw := text[m[2]:m[3]]
		if anyAgrees(decRatio(model.Decimal(raw)), places(raw), rates, tol) {
			continue
		}
		ref := k.referenceRate(rows)
		stated, _ := model.ParseDecimal(raw)
		k.add(CodeNarrativeRate, g.At, ref, &stated,
			"实际完成情况写“%s”，资金表中执行率为%s", text[m[0]:m[1]], pct(decRatio(*ref)))
	}

	tableYuan, ok := yuan(fd.Unit)
	if !ok {
		return
	}
	var paidBuf [16]ratio
	for from := 0; ; {
		m, ok := amountMatch(text, from)
		if !ok {
			break
		}
		from = m[1]
		if next, _ := utf8.DecodeRuneInString(text[m[1]:]); next == '/' || next == '／' || next == '每' {
			continue // a rate per head or per year, not an amount spent
		}
		raw := strings.ReplaceAll(text[m[2]:m[3]], ",", "")
		unit := text[m[4]:m[5]]
		textYuan, _ := yuan(unit)
		factor := tableYuan.quo(textYuan)
		paid := paidBuf[:0]
		for _, r := range rows {
			if r.Executed != nil {
				paid = append(paid, decRatio(*r.Executed).mul(factor))
			}
		}
		if len(paid) == 0 || anyAgrees(decRatio(model.Decimal(raw)), places(raw), paid, tol) {
			continue
		}
		ref := paid[0]
		if t := k.fundsTotal(); t != nil && t.Executed != nil {
			ref = decRatio(*t.Executed).mul(factor)
		}
		e := ref.decimal(6)
		stated, _ := model.ParseDecimal(raw)
		k.add(CodeNarrativeAmount, g.At, &e, &stated,
			"实际完成情况写“%s”，资金表中全年执行数为%s%s", text[m[0]:m[1]], string(e), unit)
	}
}

// rates appends to buf the 执行率 of rows, computed and printed.
func (k *checker) rates(buf []ratio, rows []*model.FundsRow) []ratio {
	for _, r := range rows {
		if x, _, _, _ := k.computedRate(r); !x.missing() {
			buf = append(buf, x)
		}
		if r.ExecutionRate != nil {
			buf = append(buf, decRatio(*r.ExecutionRate))
		}
	}
	return buf
}

// referenceRate returns the form's 执行率 to quote: the printed one of
// the execution row, else the computed one rounded to two decimals, else
// the first printed one of another row.
func (k *checker) referenceRate(rows []*model.FundsRow) *model.Decimal {
	for _, r := range [...]*model.FundsRow{k.execRow(), k.fundsTotal()} {
		if r != nil && r.ExecutionRate != nil {
			return r.ExecutionRate
		}
	}
	for _, r := range rows {
		if x, _, _, _ := k.computedRate(r); !x.missing() {
			return round(x)
		}
	}
	for _, r := range rows {
		if r.ExecutionRate != nil {
			return r.ExecutionRate
		}
	}
	return nil
}
