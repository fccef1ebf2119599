package check

import (
	"math/big"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
)

var (
	// narrativeRate finds a restated 执行率: 资金执行率达到98.6%,
	// 预算执行率为100%, 执行率：95%.
	narrativeRate = regexp.MustCompile(`执行率(?:为|是|达到|达|到|了|约|：|:|\s)*([0-9]+(?:\.[0-9]+)?)\s*%`)
	// narrativeAmount finds a restated amount spent: 项目资金已支付296.26万元,
	// 实际支出15万元, 共使用资金3,000元.
	narrativeAmount = regexp.MustCompile(`(?:支付|支出|使用|拨付|执行)(?:数|资金|金额|经费|了|为|是|达到|达|共计|合计|总计|约|：|:|\s)*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(亿元|万元|元)`)
	// fullWidth folds the full-width forms a restated figure may use.
	fullWidth = strings.NewReplacer(
		"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
		"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
		"．", ".", "％", "%")
)

// yuan returns how many 元 one unit of a money unit is, or nil for a unit
// it does not know. An empty unit is 万元, the unit of most funds tables.
func yuan(unit string) *big.Rat {
	switch strings.Trim(strings.TrimSpace(unit), "()（）") {
	case "元":
		return big.NewRat(1, 1)
	case "", "万元", "万":
		return big.NewRat(10000, 1)
	case "亿元", "亿":
		return big.NewRat(100000000, 1)
	}
	return nil
}

// agrees reports whether a figure stated with p decimals is v rounded half
// up or truncated to p decimals, within tol.
func agrees(stated *big.Rat, p int, v *big.Rat, tol model.Decimal) bool {
	return within(stated, halfUp(v, p), tol) || within(stated, trunc(v, p), tol)
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
	text := fullWidth.Replace(g.Achieved)
	tol := k.c.Tolerance.Narrative
	rows := fd.Rows()

	var rates []*big.Rat
	for _, r := range rows {
		if x, _, _, _ := k.computedRate(r); x != nil {
			rates = append(rates, x)
		}
		if r.ExecutionRate != nil {
			rates = append(rates, r.ExecutionRate.Rat())
		}
	}
	if len(rates) > 0 {
		for _, m := range narrativeRate.FindAllStringSubmatch(text, -1) {
			stated, ok := model.ParseDecimal(m[1])
			if !ok || anyAgrees(stated.Rat(), places(m[1]), rates, tol) {
				continue
			}
			ref := k.referenceRate()
			k.add(CodeNarrativeRate, g.At, ref, &stated,
				"实际完成情况写“%s”，资金表中执行率为%s", m[0], pct(ref.Rat()))
		}
	}

	tableYuan := yuan(fd.Unit)
	if tableYuan == nil {
		return
	}
	for _, m := range narrativeAmount.FindAllStringSubmatchIndex(text, -1) {
		if next, _ := utf8.DecodeRuneInString(text[m[1]:]); next == '/' || next == '／' || next == '每' {
			continue // a rate per head or per year, not an amount spent
		}
		raw := strings.ReplaceAll(text[m[2]:m[3]], ",", "")
		unit := text[m[4]:m[5]]
		stated, ok := model.ParseDecimal(raw)
		textYuan := yuan(unit)
		if !ok || textYuan == nil {
			continue
		}
		factor := quo(tableYuan, textYuan)
		var paid []*big.Rat
		for _, r := range rows {
			if r.Executed != nil {
				paid = append(paid, mul(r.Executed.Rat(), factor))
			}
		}
		if len(paid) == 0 || anyAgrees(stated.Rat(), places(raw), paid, tol) {
			continue
		}
		ref := paid[0]
		if t := k.fundsTotal(); t != nil && t.Executed != nil {
			ref = mul(t.Executed.Rat(), factor)
		}
		e := exact(ref)
		k.add(CodeNarrativeAmount, g.At, &e, &stated,
			"实际完成情况写“%s”，资金表中全年执行数为%s%s", text[m[0]:m[1]], e, unit)
	}
}

// anyAgrees reports whether stated agrees with one of vs.
func anyAgrees(stated *big.Rat, p int, vs []*big.Rat, tol model.Decimal) bool {
	for _, v := range vs {
		if agrees(stated, p, v, tol) {
			return true
		}
	}
	return false
}

// referenceRate returns the form's 执行率 to quote: the printed one of
// the execution row, else the computed one rounded to two decimals.
func (k *checker) referenceRate() *model.Decimal {
	for _, r := range []*model.FundsRow{k.execRow(), k.fundsTotal()} {
		if r != nil && r.ExecutionRate != nil {
			return r.ExecutionRate
		}
	}
	for _, r := range k.f.Funds.Rows() {
		if x, _, _, _ := k.computedRate(r); x != nil {
			return round(x)
		}
	}
	return nil
}
