package check

import (
	"strings"

	"github.com/jixiao/jixiao/model"
)

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
		k.add(CodeTotalRowZero, fd.Total.At, nil, nil,
			"年度资金总额一行全为0，而“%s”一行有数，按后者核对", rowLabel(fd.Fiscal))
	}
	k.detectGrandTotal()
	var buf [8]*model.FundsRow
	for _, r := range fundsRows(buf[:0], fd) {
		k.rate(r)
		k.executionScoreOf(r)
	}
	k.sources()
}

// fundsRows appends the rows of fd to buf in the order of Funds.Rows,
// which allocates its slice.
func fundsRows(buf []*model.FundsRow, fd *model.Funds) []*model.FundsRow {
	for _, r := range [...]*model.FundsRow{fd.Total, fd.Fiscal, fd.Carryover, fd.Other} {
		if r != nil {
			buf = append(buf, r)
		}
	}
	for i := range fd.ExtraRows {
		buf = append(buf, &fd.ExtraRows[i])
	}
	return buf
}

// allZero reports whether r has amounts and all of them are zero.
func allZero(r *model.FundsRow) bool {
	n := 0
	for _, d := range [...]*model.Decimal{r.InitialBudget, r.AnnualBudget, r.Executed} {
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
	for _, d := range [...]*model.Decimal{r.InitialBudget, r.AnnualBudget, r.Executed} {
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
// where the form has no 全年预算数) and the budget column's name, or
// missing ratios when a number is missing or the budget is zero.
func (k *checker) computedRate(r *model.FundsRow) (x, budget, executed ratio, budgetName string) {
	a := k.amountsOf(r)
	b, name := a.AnnualBudget, "全年预算数"
	if b == nil {
		b, name = a.InitialBudget, "年初预算数"
	}
	if b == nil || b.IsZero() || a.Executed == nil {
		return ratio{}, ratio{}, ratio{}, ""
	}
	budget, executed = decRatio(*b), decRatio(*a.Executed)
	return executed.quo(budget).mul(hundredR), budget, executed, name
}

// executionOf returns w × min(rate, 100%).
func executionOf(w, rate ratio) ratio { return w.mul(minRatio(rate, hundredR)).quo(hundredR) }

// expectedExecution returns w × min(执行率, 100%) for row, from the
// computed rate or else the printed one; missing when neither is known.
func (k *checker) expectedExecution(row *model.FundsRow, w ratio) ratio {
	x, _, _, _ := k.computedRate(row)
	if x.missing() {
		x = ratOf(row.ExecutionRate)
	}
	if x.missing() {
		return ratio{}
	}
	return executionOf(w, x)
}

// rate checks a printed 执行率 against 全年执行数/全年预算数 (rule 1).
func (k *checker) rate(r *model.FundsRow) {
	if r.ExecutionRate == nil {
		return
	}
	x, budget, executed, name := k.computedRate(r)
	if x.missing() {
		return
	}
	f := decRatio(*r.ExecutionRate)
	if within(f, x, k.p.rate) {
		k.truncated(r.At, func() string { return rowLabel(r) + "的执行率" }, *r.ExecutionRate, x)
		return
	}
	note := noteFor(*r.ExecutionRate, x)
	sev := model.SevError
	if note != "" {
		sev = model.SevWarning
	}
	k.addSev(CodeRateMismatch, sev, r.At, round(x), r.ExecutionRate,
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
	w := ratOf(row.Weight)
	if w.missing() {
		w = k.p.execution
	}
	s := decRatio(*row.Score)
	if s.cmp(w) <= 0 {
		return
	}
	if t := k.f.Total; t != nil && t.Score != nil {
		k.grandInFunds = decRatio(*t.Score).cmp(s) == 0
		return
	}
	sum, n := k.indicatorSums(scoreOf)
	x := k.expectedExecution(row, w)
	k.grandInFunds = n > 0 && !x.missing() && within(s, sum.add(x), k.p.total)
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
		k.add(CodeGrandTotalInFunds, r.At, nil, r.Score,
			"年度资金总额一行的得分%s超过其分值%s，似为全表总分，不是执行率得分", num(r.Score), exact(w))
		return
	}
	w := ratOf(r.Weight)
	if w.missing() {
		if r != fd.Total && (!k.zeroTotal || r != fd.Fiscal) {
			return
		}
		w = k.p.execution
	}
	if k.caps(r.At, func() string { return rowLabel(r) }, r.Score, w) {
		return
	}
	computed, _, _, _ := k.computedRate(r)
	s := decRatio(*r.Score)
	var x, rate ratio
	for _, rt := range [...]ratio{computed, ratOf(r.ExecutionRate)} {
		if rt.missing() {
			continue
		}
		e := executionOf(w, rt)
		if x.missing() {
			x, rate = e, rt
		}
		if within(s, e, k.p.executionScore) {
			k.truncated(r.At, func() string { return "执行率得分" }, *r.Score, e)
			return
		}
	}
	if x.missing() {
		return
	}
	note := noteFor(*r.Score, x)
	if note == "" && rate.cmp(hundredR) >= 0 && s.cmp(w) < 0 {
		note = "（执行率已达100%，似有扣分）"
	}
	k.add(CodeExecutionScore, r.At, round(x), r.Score,
		"执行率得分写作%s分，按分值%s×执行率%s应为%s分%s",
		num(r.Score), exact(w), pct(minRatio(rate, hundredR)), pts(x), note)
}

// caps reports a negative score or one above its weight w (rule 7), if w
// is not missing, and says whether it did; what names the scored item,
// and is called only then.
func (k *checker) caps(at model.At, what func() string, score *model.Decimal, w ratio) bool {
	s := decRatio(*score)
	if s.sign() < 0 {
		k.add(CodeNegative, at, nil, score, "%s的得分为%s，得分不能为负", what(), num(score))
		return true
	}
	if !w.missing() && s.cmp(w) > 0 {
		wd := w.decimal(6)
		k.add(CodeOverWeight, at, &wd, score, "%s的得分%s超过其分值%s", what(), num(score), string(wd))
		return true
	}
	return false
}

// fundsColumns names the amount columns of a funds row, in the order
// fundsColumn numbers them.
var fundsColumns = [...]string{"年初预算数", "全年预算数", "全年执行数"}

// fundsColumn returns the amount of r in column col of fundsColumns.
func fundsColumn(r *model.FundsRow, col int) *model.Decimal {
	switch col {
	case 0:
		return r.InitialBudget
	case 1:
		return r.AnnualBudget
	}
	return r.Executed
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
	// all holds the main sources, then the extra rows.
	var buf [8]*model.FundsRow
	all := buf[:0]
	for _, r := range [...]*model.FundsRow{fd.Fiscal, fd.Carryover, fd.Other} {
		if r != nil {
			all = append(all, r)
		}
	}
	main := len(all)
	for i := range fd.ExtraRows {
		all = append(all, &fd.ExtraRows[i])
	}
	if len(all) == 0 {
		return
	}
	tol := k.p.sources
	for col, name := range fundsColumns {
		tv := fundsColumn(t, col)
		if tv == nil {
			continue
		}
		want := decRatio(*tv)
		sum, n := sumRows(all, col)
		if n == 0 || within(sum, want, tol) {
			continue
		}
		if main < len(all) {
			if s, n := sumRows(all[:main], col); n > 0 && within(s, want, tol) {
				continue
			}
		}
		e := sum.decimal(6)
		k.add(CodeSources, t.At, &e, tv,
			"资金来源之和与年度资金总额不符：%s %s=%s，年度资金总额写作%s",
			name, sumTerms(all, col), string(e), num(tv))
	}
}

// sumRows adds column col of the rows that have it and counts them.
func sumRows(rows []*model.FundsRow, col int) (ratio, int) {
	sum, n := intRatio(0), 0
	for _, r := range rows {
		if d := fundsColumn(r, col); d != nil {
			sum = sum.add(decRatio(*d))
			n++
		}
	}
	return sum, n
}

// sumTerms writes out the sum of sumRows: label and amount of each row
// that has the column, joined by +.
func sumTerms(rows []*model.FundsRow, col int) string {
	var terms []string
	for _, r := range rows {
		if d := fundsColumn(r, col); d != nil {
			terms = append(terms, rowLabel(r)+d.String())
		}
	}
	return strings.Join(terms, "+")
}
