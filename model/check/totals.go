package check

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/jixiao/jixiao/model"
)

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
		k.add(CodeLevelWeight, g.at, &e, g.declared,
			"%s标明%s分，其下各指标分值合计为%s", g.name, num(g.declared), e)
	}

	if r := k.execRow(); r != nil && r.Weight != nil && r.Weight.Cmp(k.c.Weights.Execution) != 0 {
		def := k.c.Weights.Execution
		k.add(CodeWeightsDefault, r.At, &def, r.Weight,
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
			k.add(CodeWeightsDefault, g.at, &def, &e,
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
	k.addSev(CodeWeightsTotal, sev, at, &t, &e, "%s，%s%s%s", parts, where, t, note)
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
			k.add(CodeTotalSum, t.At, &e, t.Score, "总分写作%s，各指标得分合计为%s", num(t.Score), e)
		}
		return
	}
	with := add(es, sumInd)
	switch {
	case within(T, with, tol):
	case es.Sign() != 0 && within(T, sumInd, tol):
		e := exact(with)
		k.add(CodeTotalExcludesExecution, t.At, &e, t.Score,
			"总分写作%s，等于各指标得分之和，未加预算执行率得分%s；加上应为%s", num(t.Score), exact(es), e)
	default:
		e := exact(with)
		k.add(CodeTotalSum, t.At, &e, t.Score,
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
	grades := append([]Grade(nil), k.c.Grades...)
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
	var want *Grade
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
	k.add(CodeGrade, t.At, nil, nil, "等级写作“%s”，总分%s应评为“%s”（%s）",
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
