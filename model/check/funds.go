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
	rows := k.rows()
	for i := range rows {
		k.computeRate(&rows[i])
	}
	k.detectGrandTotal()
	for i := range rows {
		r := &rows[i]
		k.rate(r)
		k.executionScoreOf(r)
	}
	k.sources()
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
func (k *checker) amountsOf(r *fundsRow) *fundsRow {
	if k.zeroTotal && r.r == k.f.Funds.Total {
		return k.fiscalRow()
	}
	return r
}

// computeRate sets r.computed to 全年执行数/全年预算数 of r in percent
// (年初预算数 where the form has no 全年预算数) and r.budgetName to the
// budget column's name, or leaves them missing and empty when a number is
// missing or the budget is zero.
func (k *checker) computeRate(r *fundsRow) {
	a := k.amountsOf(r)
	b, budget, name := a.r.AnnualBudget, a.amounts[1], "全年预算数"
	if b == nil {
		b, budget, name = a.r.InitialBudget, a.amounts[0], "年初预算数"
	}
	if b == nil || b.IsZero() || a.r.Executed == nil {
		return
	}
	r.computed, r.budgetName = percentOf(a.amounts[2], budget), name
}

// percentOf returns x/of in percent, of being non-zero: 100 over
// denominator 1 when x is of, as a budget all spent or a full score
// mostly is.
func percentOf(x, of ratio) ratio {
	if x == of {
		return hundredR
	}
	return x.quo(of).mul(hundredR)
}

// executionOf returns w × min(rate, 100%): w itself for a rate of 100%
// or more, as most are, over w's denominator.
func executionOf(w, rate ratio) ratio {
	if rate.cmp(hundredR) >= 0 {
		return w
	}
	return w.mul(rate).quo(hundredR)
}

// expectedExecution returns w × min(执行率, 100%) for row, from the
// computed rate or else the printed one; missing when neither is known.
func (k *checker) expectedExecution(row *fundsRow, w ratio) ratio {
	x := row.computed
	if x.missing() {
		x = row.rate
	}
	if x.missing() {
		return ratio{}
	}
	return executionOf(w, x)
}

// rate checks a printed 执行率 against 全年执行数/全年预算数 (rule 1).
func (k *checker) rate(r *fundsRow) {
	if r.r.ExecutionRate == nil || r.computed.missing() {
		return
	}
	x, f := r.computed, r.rate
	if within(f, x, k.p.rate) {
		if truncatedOnly(f, x) {
			k.truncated(r.r.At, rowLabel(r.r)+"的执行率", *r.r.ExecutionRate, x)
		}
		return
	}
	note := noteFor(*r.r.ExecutionRate, f, x)
	sev := model.SevError
	if note != "" {
		sev = model.SevWarning
	}
	a := k.amountsOf(r)
	budget := a.amounts[1]
	if a.r.AnnualBudget == nil {
		budget = a.amounts[0]
	}
	k.addSev(CodeRateMismatch, sev, r.r.At, round(x), r.r.ExecutionRate,
		"%s的执行率写作%s，按全年执行数/%s（%s/%s）应为%s%s",
		rowLabel(r.r), pct(f), r.budgetName, exact(a.amounts[2]), exact(budget), pct(x), note)
}

// detectGrandTotal sets grandInFunds when the funds total row's score is
// above its weight and is the form's grand total: the printed 总分, or,
// with no 总分, the indicator scores plus the computed execution score.
func (k *checker) detectGrandTotal() {
	row := k.totalRow()
	if row == nil || row.r.Score == nil {
		return
	}
	w := row.weight
	if w.missing() {
		w = k.p.execution
	}
	s := row.score
	if s.cmp(w) <= 0 {
		return
	}
	if t := k.f.Total; t != nil && t.Score != nil {
		k.grandInFunds = k.totalScore.cmp(s) == 0
		return
	}
	x := k.expectedExecution(row, w)
	k.grandInFunds = k.nScores > 0 && !x.missing() && within(s, k.scoreSum.add(x), k.p.total)
}

// executionScoreOf checks the score of a funds row against
// w × min(执行率, 100%) (rule 2), and its caps (rule 7).
func (k *checker) executionScoreOf(r *fundsRow) {
	row := r.r
	if row.Score == nil {
		return
	}
	fd := k.f.Funds
	if row == fd.Total && k.grandInFunds {
		w, _ := k.executionScore()
		k.add(CodeGrandTotalInFunds, row.At, nil, row.Score,
			"年度资金总额一行的得分%s超过其分值%s，似为全表总分，不是执行率得分", num(row.Score), exact(w))
		return
	}
	w := r.weight
	if w.missing() {
		if row != fd.Total && (!k.zeroTotal || row != fd.Fiscal) {
			return
		}
		w = k.p.execution
	}
	s := r.score
	if overCap(s, w) {
		k.caps(row.At, rowLabel(row), row.Score, s, w)
		return
	}
	var x, rate ratio
	for _, rt := range [...]ratio{r.computed, r.rate} {
		if rt.missing() {
			continue
		}
		e := executionOf(w, rt)
		if x.missing() {
			x, rate = e, rt
		}
		if within(s, e, k.p.executionScore) {
			if truncatedOnly(s, e) {
				k.truncated(row.At, "执行率得分", *row.Score, e)
			}
			return
		}
	}
	if x.missing() {
		return
	}
	note := noteFor(*row.Score, s, x)
	if note == "" && rate.cmp(hundredR) >= 0 && s.cmp(w) < 0 {
		note = "（执行率已达100%，似有扣分）"
	}
	k.add(CodeExecutionScore, row.At, round(x), row.Score,
		"执行率得分写作%s分，按分值%s×执行率%s应为%s分%s",
		num(row.Score), exact(w), pct(minRatio(rate, hundredR)), pts(x), note)
}

// overCap reports whether a score s breaks its caps (rule 7): whether it
// is negative, or above its weight w if w is not missing.
func overCap(s, w ratio) bool { return s.sign() < 0 || !w.missing() && s.cmp(w) > 0 }

// caps reports a score that overCap finds; s is score's value, and what
// names the scored item.
func (k *checker) caps(at model.At, what string, score *model.Decimal, s, w ratio) {
	if s.sign() < 0 {
		k.add(CodeNegative, at, nil, score, "%s的得分为%s，得分不能为负", what, num(score))
		return
	}
	wd := w.decimal(6)
	k.add(CodeOverWeight, at, &wd, score, "%s的得分%s超过其分值%s", what, num(score), string(wd))
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
	t := k.totalRow()
	if t == nil || k.zeroTotal {
		return
	}
	// all holds the main sources, then the extra rows: the rows after
	// the total.
	all := k.rows()[1:]
	if len(all) == 0 {
		return
	}
	main := len(all) - len(k.f.Funds.ExtraRows)
	tol := k.p.sources
	for col, name := range fundsColumns {
		tv := fundsColumn(t.r, col)
		if tv == nil {
			continue
		}
		want := t.amounts[col]
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
		k.add(CodeSources, t.r.At, &e, tv,
			"资金来源之和与年度资金总额不符：%s %s=%s，年度资金总额写作%s",
			name, sumTerms(all, col), string(e), num(tv))
	}
}

// sumRows adds column col of the rows that have it and counts them.
func sumRows(rows []fundsRow, col int) (ratio, int) {
	var sum decSum
	n := 0
	for i := range rows {
		if a := rows[i].amounts[col]; !a.missing() {
			sum.add(a)
			n++
		}
	}
	return sum.value(), n
}

// sumTerms writes out the sum of sumRows: label and amount of each row
// that has the column, joined by +.
func sumTerms(rows []fundsRow, col int) string {
	var terms []string
	for i := range rows {
		if d := fundsColumn(rows[i].r, col); d != nil {
			terms = append(terms, rowLabel(rows[i].r)+d.String())
		}
	}
	return strings.Join(terms, "+")
}
