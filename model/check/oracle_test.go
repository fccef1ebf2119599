package check_test

// The big.Rat implementation of the checks as it stood before the checks
// moved to int64 arithmetic, kept verbatim (but for the names it takes
// from package check and the two fixes marked FIX below) as the oracle of
// TestEquivalence. It is not used outside the tests.

import (
	"fmt"
	"math/big"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/check"
)

// refSeverities gives each code its usual severity.
var refSeverities = map[string]string{
	check.CodeRateMismatch:           model.SevError,
	check.CodeExecutionScore:         model.SevWarning,
	check.CodeSources:                model.SevError,
	check.CodeTotalRowZero:           model.SevInfo,
	check.CodeGrandTotalInFunds:      model.SevWarning,
	check.CodeOverWeight:             model.SevError,
	check.CodeNegative:               model.SevError,
	check.CodeTruncated:              model.SevInfo,
	check.CodeLevelWeight:            model.SevError,
	check.CodeWeightsTotal:           model.SevError,
	check.CodeWeightsDefault:         model.SevInfo,
	check.CodeTotalExcludesExecution: model.SevWarning,
	check.CodeTotalSum:               model.SevError,
	check.CodeGrade:                  model.SevWarning,
	check.CodeIndicatorScore:         model.SevWarning,
	check.CodeReverseAsPositive:      model.SevWarning,
	check.CodeScoreAsPercent:         model.SevWarning,
	check.CodeMetBelowWeight:         model.SevWarning,
	check.CodeUnmetFullScore:         model.SevWarning,
	check.CodeQualitativeBand:        model.SevWarning,
	check.CodeNarrativeRate:          model.SevWarning,
	check.CodeNarrativeAmount:        model.SevWarning,
}

// refEnabled reports whether the rule code is on.
func refEnabled(c *check.Config, code string) bool {
	if on, ok := c.Rules[code]; ok {
		return on
	}
	if group, _, ok := strings.Cut(code, "."); ok {
		if on, ok := c.Rules[group]; ok {
			return on
		}
	}
	return true
}

// ---- check.go ----

// Form returns the findings for f under c (DefaultConfig when c is nil),
// ordered by their position in the source and, at one position, in the
// order the checks run. It does not modify f.
func refForm(f *model.Form, c *check.Config) []model.Finding {
	if f == nil {
		return nil
	}
	if c == nil {
		c = check.DefaultConfig()
	}
	k := &checker{f: f, c: c}
	k.funds()
	k.indicators()
	k.weights()
	k.total()
	k.narrative()
	sort.SliceStable(k.out, func(i, j int) bool { return atLess(k.out[i].At, k.out[j].At) })
	return k.out
}

// atLess orders positions by line, then table, row, column and paragraph.
func atLess(a, b model.At) bool {
	x := [...]int{a.Line, a.Table, a.Row, a.Col, a.Paragraph}
	y := [...]int{b.Line, b.Table, b.Row, b.Col, b.Paragraph}
	for i := range x {
		if x[i] != y[i] {
			return x[i] < y[i]
		}
	}
	return false
}

// checker runs the checks of one form.
type checker struct {
	f   *model.Form
	c   *check.Config
	out []model.Finding

	// zeroTotal is set when 年度资金总额 is all zero and the 其中 row
	// stands in for it.
	zeroTotal bool
	// grandInFunds is set when the funds total row holds the grand total.
	grandInFunds bool
}

// add records a finding of code's usual severity, if code is on.
func (k *checker) add(code string, at model.At, expected, found *model.Decimal, format string, args ...any) {
	k.addSev(code, refSeverities[code], at, expected, found, format, args...)
}

// addSev records a finding of the given severity, if code is on.
func (k *checker) addSev(code, sev string, at model.At, expected, found *model.Decimal, format string, args ...any) {
	if !refEnabled(k.c, code) {
		return
	}
	if at.IsZero() {
		at = k.f.At
	}
	k.out = append(k.out, model.Finding{
		Code:     code,
		Severity: sev,
		Message:  fmt.Sprintf(format, args...),
		At:       at,
		Expected: expected,
		Found:    found,
	})
}

// truncated notes a figure truncated where rounding half up differs.
func (k *checker) truncated(at model.At, what string, found model.Decimal, x *big.Rat) {
	if !truncatedOnly(found, x) {
		return
	}
	k.add(check.CodeTruncated, at, round(x), &found,
		"%s写作%s，是%s截尾保留两位小数的结果；四舍五入应为%s", what, found, exact(x), pts(x))
}

// fundsTotal returns the total row whose amounts count: 年度资金总额, or
// the 其中 row when the total is all zero.
func (k *checker) fundsTotal() *model.FundsRow {
	fd := k.f.Funds
	if fd == nil {
		return nil
	}
	if k.zeroTotal {
		return fd.Fiscal
	}
	return fd.Total
}

// ---- num.go ----

var hundred = big.NewRat(100, 1)

// rat returns d as a rational, or nil for a missing number.
func rat(d *model.Decimal) *big.Rat {
	if d == nil {
		return nil
	}
	return d.Rat()
}

func add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
func sub(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) }
func mul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }
func quo(a, b *big.Rat) *big.Rat { return new(big.Rat).Quo(a, b) }

// minRat returns the smaller of a and b.
func minRat(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}

// within reports whether a and b are at most tol apart.
func within(a, b *big.Rat, tol model.Decimal) bool {
	d := sub(a, b)
	return d.Abs(d).Cmp(tol.Rat()) <= 0
}

// round returns r rounded half up to two decimals, for Expected fields.
func round(r *big.Rat) *model.Decimal {
	d := model.FromRat(r, 2)
	return &d
}

// exact returns r as a decimal, rounded only past the sixth place.
func exact(r *big.Rat) model.Decimal { return model.FromRat(r, 6) }

// halfUp rounds r half away from zero to p decimals.
func halfUp(r *big.Rat, p int) *big.Rat { return model.FromRat(r, p).Rat() }

// trunc cuts r toward zero to p decimals.
func trunc(r *big.Rat, p int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p)), nil)
	n := new(big.Int).Mul(r.Num(), scale)
	n.Quo(n, r.Denom())
	return new(big.Rat).SetFrac(n, scale)
}

// places returns the number of decimals written in s.
func places(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// roundingNote explains a printed figure that misses the exact value but
// equals it rounded or truncated to the decimals the figure is written
// with, when that is fewer than two; otherwise it returns "".
func roundingNote(found model.Decimal, x *big.Rat) string {
	p := places(string(found))
	if p >= 2 {
		return ""
	}
	f := found.Rat()
	how := "取整"
	if p > 0 {
		how = fmt.Sprintf("保留%d位小数", p)
	}
	switch {
	case f.Cmp(halfUp(x, p)) == 0:
		return "（相当于四舍五入" + how + "）"
	case f.Cmp(trunc(x, p)) == 0:
		return "（相当于截尾" + how + "）"
	}
	return ""
}

// roundingHow names how found was made from the exact value x: rounded
// half up, or truncated, to two decimals; "" when neither.
func roundingHow(found model.Decimal, x *big.Rat) string {
	f := found.Rat()
	switch {
	case f.Cmp(halfUp(x, 2)) == 0:
		return "四舍五入"
	case f.Cmp(trunc(x, 2)) == 0:
		return "截尾"
	}
	return ""
}

// truncatedOnly reports whether found is x truncated to two decimals
// where rounding half up would give another figure.
func truncatedOnly(found model.Decimal, x *big.Rat) bool {
	f := found.Rat()
	return f.Cmp(trunc(x, 2)) == 0 && f.Cmp(halfUp(x, 2)) != 0
}

// pct formats a percentage with two decimals: 98.60%.
func pct(r *big.Rat) string { return r.FloatString(2) + "%" }

// pts formats a computed score or amount rounded half up to two decimals.
func pts(r *big.Rat) string { return model.FromRat(r, 2).String() }

// num formats a printed decimal as written canonically.
func num(d *model.Decimal) string {
	if d == nil {
		return "—"
	}
	return d.String()
}

// ---- funds.go ----

// funds checks the funds block: SCORING.md rules 1, 2, 7 (for the funds
// rows) and 12, and the two oddities of VARIANTS.md (a total row of
// zeros, the grand total printed in the funds row).
func (k *checker) funds() {
	fd := k.f.Funds
	if fd == nil {
		return
	}
	if fd.Total != nil && allZero(fd.Total) && fd.Fiscal != nil && filled(fd.Fiscal) {
		k.zeroTotal = true
		k.add(check.CodeTotalRowZero, fd.Total.At, nil, nil,
			"年度资金总额一行全为0，而“%s”一行有数，按后者核对", rowLabel(fd.Fiscal))
	}
	k.detectGrandTotal()
	for _, r := range fd.Rows() {
		k.rate(r)
		k.executionScoreOf(r)
	}
	k.sources()
}

// allZero reports whether r has amounts and all of them are zero.
func allZero(r *model.FundsRow) bool {
	n := 0
	for _, d := range []*model.Decimal{r.InitialBudget, r.AnnualBudget, r.Executed} {
		if d == nil {
			continue
		}
		if !d.IsZero() {
			return false
		}
		n++
	}
	return n > 0
}

// filled reports whether r has a non-zero amount.
func filled(r *model.FundsRow) bool {
	for _, d := range []*model.Decimal{r.InitialBudget, r.AnnualBudget, r.Executed} {
		if d != nil && !d.IsZero() {
			return true
		}
	}
	return false
}

// rowLabel returns a funds row's label without white space or a leading
// 其中.
func rowLabel(r *model.FundsRow) string {
	l := strings.Join(strings.Fields(r.Label), "")
	for _, p := range []string{"其中：", "其中:", "其中"} {
		if s, ok := strings.CutPrefix(l, p); ok && s != "" {
			return s
		}
	}
	if l == "" {
		return "资金"
	}
	return l
}

// amountsOf returns the row whose amounts stand for r: the 其中 row for a
// total of zeros, r itself otherwise.
func (k *checker) amountsOf(r *model.FundsRow) *model.FundsRow {
	if k.zeroTotal && r == k.f.Funds.Total {
		return k.f.Funds.Fiscal
	}
	return r
}

// computedRate returns 全年执行数/全年预算数 of r in percent (年初预算数
// where the form has no 全年预算数) and the budget column's name, or nil
// when a number is missing or the budget is zero.
func (k *checker) computedRate(r *model.FundsRow) (x, budget, executed *big.Rat, budgetName string) {
	a := k.amountsOf(r)
	b, name := a.AnnualBudget, "全年预算数"
	if b == nil {
		b, name = a.InitialBudget, "年初预算数"
	}
	if b == nil || b.IsZero() || a.Executed == nil {
		return nil, nil, nil, ""
	}
	budget, executed = b.Rat(), a.Executed.Rat()
	return mul(quo(executed, budget), hundred), budget, executed, name
}

// expectedExecution returns w × min(执行率, 100%) for row, from the
// computed rate or else the printed one; nil when neither is known.
func (k *checker) expectedExecution(row *model.FundsRow, w *big.Rat) *big.Rat {
	x, _, _, _ := k.computedRate(row)
	if x == nil {
		x = rat(row.ExecutionRate)
	}
	if x == nil {
		return nil
	}
	return quo(mul(w, minRat(x, hundred)), hundred)
}

// rate checks a printed 执行率 against 全年执行数/全年预算数 (rule 1).
func (k *checker) rate(r *model.FundsRow) {
	if r.ExecutionRate == nil {
		return
	}
	x, budget, executed, name := k.computedRate(r)
	if x == nil {
		return
	}
	f := r.ExecutionRate.Rat()
	if within(f, x, k.c.Tolerance.Rate) {
		k.truncated(r.At, rowLabel(r)+"的执行率", *r.ExecutionRate, x)
		return
	}
	note := roundingNote(*r.ExecutionRate, x)
	sev := model.SevError
	if note != "" {
		sev = model.SevWarning
	}
	k.addSev(check.CodeRateMismatch, sev, r.At, round(x), r.ExecutionRate,
		"%s的执行率写作%s，按全年执行数/%s（%s/%s）应为%s%s",
		rowLabel(r), pct(f), name, exact(executed), exact(budget), pct(x), note)
}

// detectGrandTotal sets grandInFunds when the funds total row's score is
// above its weight and is the form's grand total: the printed 总分, or,
// with no 总分, the indicator scores plus the computed execution score.
func (k *checker) detectGrandTotal() {
	row := k.f.Funds.Total
	if row == nil || row.Score == nil {
		return
	}
	w := rat(row.Weight)
	if w == nil {
		w = k.c.Weights.Execution.Rat()
	}
	s := row.Score.Rat()
	if s.Cmp(w) <= 0 {
		return
	}
	if t := k.f.Total; t != nil && t.Score != nil {
		k.grandInFunds = t.Score.Cmp(*row.Score) == 0
		return
	}
	sum, n := k.indicatorSums(func(ind *model.Indicator) *model.Decimal { return ind.Score })
	x := k.expectedExecution(row, w)
	k.grandInFunds = n > 0 && x != nil && within(s, add(sum, x), k.c.Tolerance.Total)
}

// executionScoreOf checks the score of a funds row against
// w × min(执行率, 100%) (rule 2), and its caps (rule 7).
func (k *checker) executionScoreOf(r *model.FundsRow) {
	if r.Score == nil {
		return
	}
	fd := k.f.Funds
	if r == fd.Total && k.grandInFunds {
		w, _ := k.executionScore()
		k.add(check.CodeGrandTotalInFunds, r.At, nil, r.Score,
			"年度资金总额一行的得分%s超过其分值%s，似为全表总分，不是执行率得分", num(r.Score), exact(w))
		return
	}
	w := rat(r.Weight)
	if w == nil {
		if r != fd.Total && (!k.zeroTotal || r != fd.Fiscal) {
			return
		}
		w = k.c.Weights.Execution.Rat()
	}
	if k.caps(r.At, rowLabel(r), r.Score, w) {
		return
	}
	computed, _, _, _ := k.computedRate(r)
	s := r.Score.Rat()
	var x, rate *big.Rat
	for _, rt := range []*big.Rat{computed, rat(r.ExecutionRate)} {
		if rt == nil {
			continue
		}
		e := quo(mul(w, minRat(rt, hundred)), hundred)
		if x == nil {
			x, rate = e, rt
		}
		if within(s, e, k.c.Tolerance.ExecutionScore) {
			k.truncated(r.At, "执行率得分", *r.Score, e)
			return
		}
	}
	if x == nil {
		return
	}
	note := roundingNote(*r.Score, x)
	if note == "" && rate.Cmp(hundred) >= 0 && s.Cmp(w) < 0 {
		note = "（执行率已达100%，似有扣分）"
	}
	k.add(check.CodeExecutionScore, r.At, round(x), r.Score,
		"执行率得分写作%s分，按分值%s×执行率%s应为%s分%s",
		num(r.Score), exact(w), pct(minRat(rate, hundred)), pts(x), note)
}

// caps reports a negative score or one above its weight w (rule 7) and
// says whether it did.
func (k *checker) caps(at model.At, what string, score *model.Decimal, w *big.Rat) bool {
	s := score.Rat()
	if s.Sign() < 0 {
		k.add(check.CodeNegative, at, nil, score, "%s的得分为%s，得分不能为负", what, num(score))
		return true
	}
	if w != nil && s.Cmp(w) > 0 {
		wd := exact(w)
		k.add(check.CodeOverWeight, at, &wd, score, "%s的得分%s超过其分值%s", what, num(score), wd)
		return true
	}
	return false
}

// sources checks that the sources add up to 年度资金总额 in every column
// (rule 12). Extra rows count as sources; a sum that matches without them
// (they break a source down) passes too.
func (k *checker) sources() {
	fd := k.f.Funds
	t := fd.Total
	if t == nil || k.zeroTotal {
		return
	}
	var main, all []*model.FundsRow
	for _, r := range []*model.FundsRow{fd.Fiscal, fd.Carryover, fd.Other} {
		if r != nil {
			main = append(main, r)
		}
	}
	all = append(all, main...)
	for i := range fd.ExtraRows {
		all = append(all, &fd.ExtraRows[i])
	}
	if len(all) == 0 {
		return
	}
	cols := []struct {
		name string
		get  func(*model.FundsRow) *model.Decimal
	}{
		{"年初预算数", func(r *model.FundsRow) *model.Decimal { return r.InitialBudget }},
		{"全年预算数", func(r *model.FundsRow) *model.Decimal { return r.AnnualBudget }},
		{"全年执行数", func(r *model.FundsRow) *model.Decimal { return r.Executed }},
	}
	tol := k.c.Tolerance.Sources
	for _, col := range cols {
		tv := col.get(t)
		if tv == nil {
			continue
		}
		sum, terms := sumRows(all, col.get)
		if terms == nil || within(sum, tv.Rat(), tol) {
			continue
		}
		if len(main) < len(all) {
			if s, ts := sumRows(main, col.get); ts != nil && within(s, tv.Rat(), tol) {
				continue
			}
		}
		e := exact(sum)
		k.add(check.CodeSources, t.At, &e, tv,
			"资金来源之和与年度资金总额不符：%s %s=%s，年度资金总额写作%s",
			col.name, strings.Join(terms, "+"), e, num(tv))
	}
}

// sumRows adds the column get of rows that have it and returns the sum
// with its terms written out, or nil terms when no row has it.
func sumRows(rows []*model.FundsRow, get func(*model.FundsRow) *model.Decimal) (*big.Rat, []string) {
	sum := new(big.Rat)
	var terms []string
	for _, r := range rows {
		if d := get(r); d != nil {
			sum.Add(sum, d.Rat())
			terms = append(terms, rowLabel(r)+d.String())
		}
	}
	return sum, terms
}

// ---- indicators.go ----

// indicators checks every applicable indicator row: its caps (rule 7),
// then its formula if it is quantitative (rules 3 to 5), else its band if
// it is qualitative (rule 6), else whether a met or unmet target is scored
// accordingly (rule 9). Only the first of these to find something reports.
func (k *checker) indicators() {
	for i := range k.f.Indicators {
		ind := &k.f.Indicators[i]
		if !ind.Applicable || ind.Score == nil {
			continue
		}
		if k.caps(ind.At, indName(ind), ind.Score, rat(ind.Weight)) {
			continue
		}
		if ind.Weight == nil {
			continue
		}
		evaluated, reported := k.quantitative(ind)
		if evaluated || reported {
			continue
		}
		if k.qualitative(ind) {
			continue
		}
		k.met(ind)
	}
}

// indName names an indicator in a message.
func indName(ind *model.Indicator) string {
	n := ""
	if ind.Name != nil {
		n = strings.TrimSpace(*ind.Name)
	}
	if n == "" {
		n = ind.Level2
	}
	return "“" + n + "”"
}

// indicatorSums adds get over the applicable indicators that have it and
// counts them.
func (k *checker) indicatorSums(get func(*model.Indicator) *model.Decimal) (*big.Rat, int) {
	sum, n := new(big.Rat), 0
	for i := range k.f.Indicators {
		ind := &k.f.Indicators[i]
		if d := get(ind); ind.Applicable && d != nil {
			sum.Add(sum, d.Rat())
			n++
		}
	}
	return sum, n
}

// quantities returns the target A and actual B of ind as comparable
// numbers: both percentages, or numbers in one unit, a missing unit
// matching any, or else in the plain unit of Base (5.8万人 against 58000人).
func quantities(t, a model.Value) (A, B *big.Rat, ok bool) {
	if t.Value == nil || a.Value == nil {
		return nil, nil, false
	}
	switch {
	case t.Kind == model.ValuePercent && a.Kind == model.ValuePercent:
		return t.Value.Rat(), a.Value.Rat(), true
	case t.Kind != model.ValueNumber || a.Kind != model.ValueNumber:
		return nil, nil, false
	case t.Unit == a.Unit || t.Unit == "" || a.Unit == "":
		return t.Value.Rat(), a.Value.Rat(), true
	case t.Base != nil && a.Base != nil && t.Base.Unit == a.Base.Unit:
		return t.Base.Value.Rat(), a.Base.Value.Rat(), true
	case t.Base != nil && a.Base == nil && a.Unit == t.Base.Unit:
		return t.Base.Value.Rat(), a.Value.Rat(), true
	case a.Base != nil && t.Base == nil && t.Unit == a.Base.Unit:
		return t.Value.Rat(), a.Base.Value.Rat(), true
	}
	return nil, nil, false
}

// quantitative checks the score of a quantitative indicator. A positive
// one (>=, >, =) scores w × min(1, B/A); a reverse one (<=, <) scores w
// when B ≤ A, else w × A/B. Over-achievement of a positive target may be
// marked down at discretion (rule 5), so it is not evaluated here.
func (k *checker) quantitative(ind *model.Indicator) (evaluated, reported bool) {
	A, B, ok := quantities(ind.Target, ind.Actual)
	if !ok {
		return false, false
	}
	w, s := ind.Weight.Rat(), ind.Score.Rat()
	var x *big.Rat
	reverse := false
	switch ind.Target.Op {
	case model.OpGE, model.OpGT, model.OpEq:
		switch {
		case A.Sign() == 0 && B.Sign() == 0:
			x = w
		case A.Sign() <= 0 || B.Cmp(A) > 0:
			return false, false
		default:
			x = quo(mul(w, B), A)
		}
	case model.OpLE, model.OpLT:
		reverse = true
		switch {
		case B.Cmp(A) <= 0:
			x = w
		case B.Sign() == 0:
			// FIX: a negative target and a zero actual; this divided by zero.
			return false, false
		default:
			x = quo(mul(w, A), B)
		}
	default:
		return false, false
	}
	tol := k.c.Tolerance.Indicator
	if within(s, x, tol) {
		k.truncated(ind.At, indName(ind)+"的得分", *ind.Score, x)
		return true, false
	}
	t, a := ind.Target.Raw, ind.Actual.Raw
	if reverse && A.Sign() > 0 {
		alt := quo(mul(w, minRat(B, A)), A)
		if B.Cmp(A) > 0 {
			alt = w
		}
		if within(s, alt, k.c.Tolerance.Formula) {
			how := roundingHow(*ind.Score, alt)
			// The printed score is the ≥ formula's value rounded or cut
			// to two decimals, or only near it (within the formula
			// tolerance): say which, and claim the cause only in the
			// first case.
			verb := "是按≥指标的公式"
			tail := "算的"
			if how != "" {
				how = "，" + how + "保留两位小数"
			} else {
				verb = "接近按≥指标的公式"
				tail = "算出的值，似按≥指标计分"
			}
			k.add(check.CodeReverseAsPositive, ind.At, round(x), ind.Score,
				"%s是≤指标（目标%s），实际%s，按≤指标应得%s分；表中%s分%s 分值×min(1,实际值/目标值)（%s×min(1,%s/%s)=%s%s）%s",
				indName(ind), t, a, pts(x), num(ind.Score), verb, exact(w), exact(B), exact(A), exact(alt), how, tail)
			return true, true
		}
	}
	if !reverse && ind.Target.Kind == model.ValuePercent {
		alt := quo(mul(w, B), hundred)
		if !within(alt, x, tol) && within(s, alt, k.c.Tolerance.Formula) {
			k.add(check.CodeScoreAsPercent, ind.At, round(x), ind.Score,
				"%s目标%s，实际%s，应得分值×实际值/目标值=%s×%s/%s=%s分；表中%s分是按分值×实际值%%（%s×%s%%）算的",
				indName(ind), t, a, exact(w), exact(B), exact(A), pts(x), num(ind.Score), exact(w), exact(B))
			return true, true
		}
	}
	formula := "分值×实际值/目标值"
	switch {
	case reverse && B.Cmp(A) <= 0:
		formula = "≤指标未超目标，应得满分"
	case reverse:
		formula = "≤指标超出目标，按分值×目标值/实际值"
	case x == w:
		formula = "已达目标，应得满分"
	}
	k.add(check.CodeIndicatorScore, ind.At, round(x), ind.Score,
		"%s目标%s，实际%s，分值%s：%s应为%s分，表中为%s分%s",
		indName(ind), t, a, exact(w), formula, pts(x), num(ind.Score), roundingNote(*ind.Score, x))
	return true, true
}

// Qualitative bands.
const (
	bandAchieved = iota
	bandPartial
	bandFailed
)

var bandNames = [...]string{"达成", "部分达成", "未达成"}

// band places a share of 100 in a qualitative band.
func refBand(q *check.Qualitative, share *big.Rat) int {
	switch {
	case share.Cmp(q.Achieved.Rat()) >= 0:
		return bandAchieved
	case share.Cmp(q.Partial.Rat()) >= 0:
		return bandPartial
	}
	return bandFailed
}

// wordBand places a text actual in a band by its words, or returns -1.
func refWordBand(q *check.Qualitative, text string) int {
	text = strings.Trim(strings.TrimSpace(text), "。.，,；;！!")
	order := []struct {
		band  int
		words []string
	}{
		{bandFailed, q.FailedWords},
		{bandPartial, q.PartialWords},
		{bandAchieved, q.AchievedWords},
	}
	for _, o := range order {
		for _, w := range o.words {
			if w != "" && (text == w || utf8.RuneCountInString(w) > 1 && strings.Contains(text, w)) {
				return o.band
			}
		}
	}
	return -1
}

// qualitative checks that the share of the weight a qualitative indicator
// scored lies in the band its actual value puts it in (rule 6): a
// percentage actual against a target that is not a percentage reads as a
// degree of achievement; a text actual is placed by its words.
func (k *checker) qualitative(ind *model.Indicator) bool {
	t, a := ind.Target, ind.Actual
	if t.Kind == model.ValueNone || t.Kind == model.ValuePercent {
		return false
	}
	w := ind.Weight.Rat()
	if w.Sign() <= 0 {
		return false
	}
	q := &k.c.Qualitative
	var want int
	switch {
	case a.Kind == model.ValuePercent && a.Value != nil:
		want = refBand(q, minRat(a.Value.Rat(), hundred))
	case a.Kind == model.ValueText:
		if want = refWordBand(q, a.Text); want < 0 {
			return false
		}
	default:
		return false
	}
	s := ind.Score.Rat()
	share := mul(quo(s, w), hundred)
	got := refBand(q, share)
	if got == want {
		return false
	}
	lo, hi := new(big.Rat), hundred
	switch want {
	case bandAchieved:
		lo = q.Achieved.Rat()
	case bandPartial:
		lo, hi = q.Partial.Rat(), q.Achieved.Rat()
	case bandFailed:
		hi = q.Partial.Rat()
	}
	loPts, hiPts := quo(mul(w, lo), hundred), quo(mul(w, hi), hundred)
	edge := loPts
	if s.Cmp(hiPts) > 0 {
		edge = hiPts
	}
	k.add(check.CodeQualitativeBand, ind.At, round(edge), ind.Score,
		"%s实际完成值为%s，属“%s”档，得分应在分值的%s%%–%s%%之间（%s–%s分）；表中%s分，占分值的%s",
		indName(ind), a.Raw, bandNames[want], exact(lo), exact(hi), pts(loPts), pts(hiPts), num(ind.Score), pct(share))
	return true
}

// met checks a target the form or the extractor judged met or unmet
// against its score (rule 9).
func (k *checker) met(ind *model.Indicator) {
	if ind.Met == nil {
		return
	}
	w, s := ind.Weight.Rat(), ind.Score.Rat()
	full := within(s, w, k.c.Tolerance.Indicator)
	wd := exact(w)
	switch {
	case *ind.Met && !full:
		k.add(check.CodeMetBelowWeight, ind.At, &wd, ind.Score,
			"%s已达到目标（目标%s，实际%s），得分%s低于分值%s", indName(ind), ind.Target.Raw, ind.Actual.Raw, num(ind.Score), wd)
	case !*ind.Met && full:
		k.add(check.CodeUnmetFullScore, ind.At, nil, ind.Score,
			"%s未达到目标（目标%s，实际%s），却得满分%s", indName(ind), ind.Target.Raw, ind.Actual.Raw, num(ind.Score))
	}
}

// ---- totals.go ----

// execRow returns the funds row that carries the execution weight and
// score: 年度资金总额, or the 其中 row when the total is all zero and has
// neither.
func (k *checker) execRow() *model.FundsRow {
	fd := k.f.Funds
	if fd == nil {
		return nil
	}
	r := fd.Total
	if r == nil || k.zeroTotal && r.Weight == nil && r.Score == nil {
		r = fd.Fiscal
	}
	return r
}

// execWeight returns the execution weight: the funds row's, or the
// configured one when the row has a score but no weight; nil when the
// form scores no execution.
func (k *checker) execWeight() *big.Rat {
	r := k.execRow()
	switch {
	case r == nil:
		return nil
	case r.Weight != nil:
		return r.Weight.Rat()
	case r.Score != nil:
		return k.c.Weights.Execution.Rat()
	}
	return nil
}

// executionScore returns the execution weight and score, nil when the
// form has none. When the funds row holds the grand total the score is
// the computed one.
func (k *checker) executionScore() (w, s *big.Rat) {
	r := k.execRow()
	if r == nil || r.Score == nil {
		return nil, nil
	}
	w = k.execWeight()
	if k.grandInFunds {
		return w, k.expectedExecution(r, w)
	}
	return w, r.Score.Rat()
}

// level is a group of indicators under one 一级 or 二级 heading.
type level struct {
	name     string
	level1   bool
	at       model.At
	declared *model.Decimal
	sum      *big.Rat
	n        int
}

// levels groups the indicators by 一级 and by 二级 heading, in the order
// the headings first appear.
func (k *checker) levels() []*level {
	var out []*level
	byKey := map[string]*level{}
	get := func(key, name string, l1 bool, at model.At) *level {
		g := byKey[key]
		if g == nil {
			g = &level{name: name, level1: l1, at: at, sum: new(big.Rat)}
			byKey[key] = g
			out = append(out, g)
		}
		return g
	}
	for i := range k.f.Indicators {
		ind := &k.f.Indicators[i]
		var gs []*level
		if ind.Level1 != "" {
			g := get("1\x00"+ind.Level1, ind.Level1, true, ind.At)
			if g.declared == nil {
				g.declared = ind.Level1Weight
			}
			gs = append(gs, g)
		}
		if ind.Level2 != "" {
			g := get("2\x00"+ind.Level1+"\x00"+ind.Level2, ind.Level2, false, ind.At)
			if g.declared == nil {
				g.declared = ind.Level2Weight
			}
			gs = append(gs, g)
		}
		if ind.Applicable && ind.Weight != nil {
			for _, g := range gs {
				g.sum.Add(g.sum, ind.Weight.Rat())
				g.n++
			}
		}
	}
	return out
}

// weights checks the weights: each level's against its heading (rule 7),
// the usual weights (rule 8, a note), and the sum against the total's
// weight (rules 9 and 10).
func (k *checker) weights() {
	tol := k.c.Tolerance.Weights
	groups := k.levels()
	for _, g := range groups {
		if g.declared == nil || g.n == 0 || within(g.sum, g.declared.Rat(), tol) {
			continue
		}
		e := exact(g.sum)
		k.add(check.CodeLevelWeight, g.at, &e, g.declared,
			"%s标明%s分，其下各指标分值合计为%s", g.name, num(g.declared), e)
	}

	if r := k.execRow(); r != nil && r.Weight != nil && r.Weight.Cmp(k.c.Weights.Execution) != 0 {
		def := k.c.Weights.Execution
		k.add(check.CodeWeightsDefault, r.At, &def, r.Weight,
			"预算执行率的分值为%s，常见设置为%s分（各地不同，仅作提示）", num(r.Weight), def)
	}
	for _, g := range groups {
		def, ok := k.c.Weights.Levels[g.name]
		if !ok || !g.level1 || g.n == 0 {
			continue
		}
		w := g.sum
		if g.declared != nil {
			w = g.declared.Rat()
		}
		if w.Cmp(def.Rat()) != 0 {
			e := exact(w)
			k.add(check.CodeWeightsDefault, g.at, &def, &e,
				"%s的分值合计为%s，常见设置为%s分（各地不同，仅作提示）", g.name, e, def)
		}
	}

	k.weightsTotal()
}

// weightsTotal checks that the execution weight and the indicator weights
// add up to the total's weight, or to the configured total where the form
// prints none.
func (k *checker) weightsTotal() {
	sumInd, n := k.indicatorSums(func(ind *model.Indicator) *model.Decimal { return ind.Weight })
	if n == 0 {
		return
	}
	target, sev, where := k.c.Weights.Total.Rat(), model.SevWarning, "按规定应为"
	if t := k.f.Total; t != nil && t.Weight != nil {
		target, sev, where = t.Weight.Rat(), model.SevError, "总分一行的分值为"
	}
	execW := k.execWeight()
	sum, parts := sumInd, fmt.Sprintf("各指标分值合计为%s", exact(sumInd))
	if execW != nil {
		sum = add(execW, sumInd)
		parts = fmt.Sprintf("分值合计为%s（预算执行率%s+各指标%s）", exact(sum), exact(execW), exact(sumInd))
	}
	tol := k.c.Tolerance.Weights
	if within(sum, target, tol) {
		return
	}
	var note string
	if execW != nil && within(sumInd, target, tol) {
		note = fmt.Sprintf("；各指标分值已合计%s，未给预算执行率留出分值", exact(sumInd))
	}
	na := 0
	for i := range k.f.Indicators {
		if !k.f.Indicators[i].Applicable {
			na++
		}
	}
	if na > 0 {
		note += fmt.Sprintf("；另有%d行不适用（/），不计分值，其余分值应按比例调整至合计%s", na, exact(target))
	}
	at := k.f.At
	if k.f.Total != nil && !k.f.Total.At.IsZero() {
		at = k.f.Total.At
	}
	e, t := exact(sum), exact(target)
	k.addSev(check.CodeWeightsTotal, sev, at, &t, &e, "%s，%s%s%s", parts, where, t, note)
}

// total checks 总分 against the sum of the scores with and without the
// execution score (rule 9), its cap, and its grade (rule 11).
func (k *checker) total() {
	t := k.f.Total
	if t == nil || t.Score == nil {
		return
	}
	k.caps(t.At, "总分", t.Score, rat(t.Weight))
	k.grade()
	sumInd, n := k.indicatorSums(func(ind *model.Indicator) *model.Decimal { return ind.Score })
	if n == 0 {
		return
	}
	_, es := k.executionScore()
	T, tol := t.Score.Rat(), k.c.Tolerance.Total
	if es == nil {
		if !within(T, sumInd, tol) {
			e := exact(sumInd)
			k.add(check.CodeTotalSum, t.At, &e, t.Score, "总分写作%s，各指标得分合计为%s", num(t.Score), e)
		}
		return
	}
	with := add(es, sumInd)
	switch {
	case within(T, with, tol):
	case es.Sign() != 0 && within(T, sumInd, tol):
		e := exact(with)
		k.add(check.CodeTotalExcludesExecution, t.At, &e, t.Score,
			"总分写作%s，等于各指标得分之和，未加预算执行率得分%s；加上应为%s", num(t.Score), exact(es), e)
	default:
		e := exact(with)
		k.add(check.CodeTotalSum, t.At, &e, t.Score,
			"总分写作%s，按预算执行率得分%s+各指标得分%s应为%s", num(t.Score), exact(es), exact(sumInd), e)
	}
}

// grade checks a printed grade against the band of the total.
func (k *checker) grade() {
	t := k.f.Total
	g := strings.TrimSpace(t.Grade)
	if g == "" {
		return
	}
	grades := append([]check.Grade(nil), k.c.Grades...)
	sort.SliceStable(grades, func(i, j int) bool { return grades[i].Min.Cmp(grades[j].Min) > 0 })
	printed := ""
	for _, gr := range grades {
		if gr.Name == g || contains(gr.Aliases, g) {
			printed = gr.Name
		}
	}
	if printed == "" {
		return
	}
	var want *check.Grade
	for i := range grades {
		if t.Score.Cmp(grades[i].Min) >= 0 {
			want = &grades[i]
			break
		}
	}
	if want == nil || want.Name == printed {
		return
	}
	var bands []string
	for _, gr := range grades {
		bands = append(bands, gr.Name+"≥"+gr.Min.String())
	}
	k.add(check.CodeGrade, t.At, nil, nil, "等级写作“%s”，总分%s应评为“%s”（%s）",
		g, num(t.Score), want.Name, strings.Join(bands, "，"))
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ---- narrative.go ----

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
			k.add(check.CodeNarrativeRate, g.At, ref, &stated,
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
		k.add(check.CodeNarrativeAmount, g.At, &e, &stated,
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
	// FIX: only rows other than the execution row print a rate and none
	// can be computed; this returned nil, and its caller dereferenced it.
	for _, r := range k.f.Funds.Rows() {
		if r.ExecutionRate != nil {
			return r.ExecutionRate
		}
	}
	return nil
}
