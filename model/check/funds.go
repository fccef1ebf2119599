package check

import (
	"math/big"
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
		k.add(CodeGrandTotalInFunds, r.At, nil, r.Score,
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
	k.add(CodeExecutionScore, r.At, round(x), r.Score,
		"执行率得分写作%s分，按分值%s×执行率%s应为%s分%s",
		num(r.Score), exact(w), pct(minRat(rate, hundred)), pts(x), note)
}

// caps reports a negative score or one above its weight w (rule 7) and
// says whether it did.
func (k *checker) caps(at model.At, what string, score *model.Decimal, w *big.Rat) bool {
	s := score.Rat()
	if s.Sign() < 0 {
		k.add(CodeNegative, at, nil, score, "%s的得分为%s，得分不能为负", what, num(score))
		return true
	}
	if w != nil && s.Cmp(w) > 0 {
		wd := exact(w)
		k.add(CodeOverWeight, at, &wd, score, "%s的得分%s超过其分值%s", what, num(score), wd)
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
		k.add(CodeSources, t.At, &e, tv,
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
