package check

import (
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/model"
)

// execRow returns the funds row that carries the execution weight and
// score: 年度资金总额, or the 其中 row when the total is all zero and has
// neither.
func (k *checker) execRow() *fundsRow {
	r := k.totalRow()
	if r == nil || k.zeroTotal && r.r.Weight == nil && r.r.Score == nil {
		r = k.fiscalRow()
	}
	return r
}

// execWeight returns the execution weight: the funds row's, or the
// configured one when the row has a score but no weight; missing when the
// form scores no execution.
func (k *checker) execWeight() ratio {
	r := k.execRow()
	switch {
	case r == nil:
		return ratio{}
	case r.r.Weight != nil:
		return r.weight
	case r.r.Score != nil:
		return k.p.execution
	}
	return ratio{}
}

// executionScore returns the execution weight and score, missing when the
// form has none. When the funds row holds the grand total the score is
// the computed one.
func (k *checker) executionScore() (w, s ratio) {
	r := k.execRow()
	if r == nil || r.r.Score == nil {
		return ratio{}, ratio{}
	}
	w = k.execWeight()
	if k.grandInFunds {
		return w, k.expectedExecution(r, w)
	}
	return w, r.score
}

// level is a group of indicators under one 一级 or 二级 heading.
type level struct {
	level1 bool
	// l1 and l2 are the 一级 and 二级 headings that key the group; l2 is
	// empty for a 一级 group.
	l1, l2 string
	// first is the index of the group's first indicator, where its
	// findings are reported.
	first    int
	declared *model.Decimal
	sum      decSum
	n        int
}

// name returns the heading that names g.
func (g *level) name() string {
	if g.level1 {
		return g.l1
	}
	return g.l2
}

// levels2 returns the indicators' groups by 二级 heading, in the order
// the headings first appear, when an indicator states a 二级 weight; with
// none, no check would look at them, and levels2 returns nil. (read
// gathers the groups by 一级 heading.)
func (k *checker) levels2() []level {
	if !k.level2Weights() {
		return nil
	}
	var out []level
	// last is the group of the indicator before, where the next one
	// mostly falls.
	last := -1
	nums := k.inds()
	for i := range k.f.Indicators {
		ind := &k.f.Indicators[i]
		if ind.Level2 == "" {
			continue
		}
		g := last
		if g < 0 || !joinedEqual(out[g].l1, out[g].l2, ind.Level1, ind.Level2) {
			out, g = group2Of(out, ind.Level1, ind.Level2, i)
			last = g
		}
		if ind.Level2Weight != nil && out[g].declared == nil {
			out[g].declared = ind.Level2Weight
		}
		if w := nums[i].w; !w.missing() {
			out[g].sum.add(w)
			out[g].n++
		}
	}
	return out
}

// level2Weights reports whether an indicator states the weight of its
// 二级 heading.
func (k *checker) level2Weights() bool {
	for i := range k.f.Indicators {
		if k.f.Indicators[i].Level2Weight != nil {
			return true
		}
	}
	return false
}

// group2Of returns the index in groups of the 二级 group keyed by l1 and
// l2, appending a new one that starts at indicator first if there is
// none. It looks from the last group back, as an indicator mostly falls
// in the group of the one before it.
func group2Of(groups []level, l1, l2 string, first int) ([]level, int) {
	for i := len(groups) - 1; i >= 0; i-- {
		if g := &groups[i]; joinedEqual(g.l1, g.l2, l1, l2) {
			return groups, i
		}
	}
	groups = append(groups, level{l1: l1, l2: l2, first: first})
	return groups, len(groups) - 1
}

// joinedEqual reports whether a1+"\x00"+a2 == b1+"\x00"+b2, the key a 二级
// group has always had, without building either.
func joinedEqual(a1, a2, b1, b2 string) bool {
	if len(a1) == len(b1) {
		return a2 == b2 && a1 == b1
	}
	return len(a1)+len(a2) == len(b1)+len(b2) && joinedEqualSplit(a1, a2, b1, b2)
}

// joinedEqualSplit is joinedEqual for keys split at different places,
// equal only when a name holds a NUL.
func joinedEqualSplit(a1, a2, b1, b2 string) bool {
	at := func(s1, s2 string, i int) byte {
		switch {
		case i < len(s1):
			return s1[i]
		case i == len(s1):
			return 0
		}
		return s2[i-len(s1)-1]
	}
	for i := 0; i < len(a1)+1+len(a2); i++ {
		if at(a1, a2, i) != at(b1, b2, i) {
			return false
		}
	}
	return true
}

// weights checks the weights: each level's against its heading (rule 7),
// the usual weights (rule 8, a note), and the sum against the total's
// weight (rules 9 and 10).
func (k *checker) weights() {
	tol := k.p.weights
	groups1, groups2 := k.groups1(), k.levels2()
	// The groups in the order they first appear: by their first
	// indicator, the 一级 group before the 二级 one that starts with it.
	for i, j := 0, 0; i < len(groups1) || j < len(groups2); {
		var g *level
		if j == len(groups2) || i < len(groups1) && groups1[i].first <= groups2[j].first {
			g = &groups1[i]
			i++
		} else {
			g = &groups2[j]
			j++
		}
		if g.declared == nil || g.n == 0 {
			continue
		}
		sum := g.sum.value()
		if within(sum, decRatio(*g.declared), tol) {
			continue
		}
		e := sum.decimal(6)
		k.add(CodeLevelWeight, k.f.Indicators[g.first].At, &e, g.declared,
			"%s标明%s分，其下各指标分值合计为%s", g.name(), num(g.declared), string(e))
	}

	if r := k.execRow(); r != nil && r.r.Weight != nil && r.weight.cmp(k.p.execution) != 0 {
		def := k.c.Weights.Execution
		k.add(CodeWeightsDefault, r.r.At, &def, r.r.Weight,
			"预算执行率的分值为%s，常见设置为%s分（各地不同，仅作提示）", num(r.r.Weight), string(def))
	}
	if len(k.c.Weights.Levels) > 0 {
		for i := range groups1 {
			g := &groups1[i]
			if g.n == 0 {
				continue
			}
			def, defR, ok := k.levelWeight(g.l1)
			if !ok {
				continue
			}
			w := g.sum.value()
			if g.declared != nil {
				w = decRatio(*g.declared)
			}
			if w.cmp(defR) != 0 {
				e, d := w.decimal(6), def // d: a copy, so def stays off the heap
				k.add(CodeWeightsDefault, k.f.Indicators[g.first].At, &d, &e,
					"%s的分值合计为%s，常见设置为%s分（各地不同，仅作提示）", g.l1, string(e), string(def))
			}
		}
	}

	k.weightsTotal()
}

// levelWeight is a usual weight of a 一级指标, read.
type levelWeight struct {
	name string
	d    model.Decimal
	r    ratio
}

// levelWeights reads the usual weights of the 一级指标 of c.
func (c *Config) levelWeights() []levelWeight {
	lw := make([]levelWeight, 0, len(c.Weights.Levels))
	for name, d := range c.Weights.Levels {
		lw = append(lw, levelWeight{name, d, decRatio(d)})
	}
	return lw
}

// levelWeight returns the usual weight of the 一级指标 name as written
// and read, or false when there is none: from k.usual when the caller
// has read them (Document reads them once), else from the Config.
func (k *checker) levelWeight(name string) (model.Decimal, ratio, bool) {
	if k.usual == nil {
		d, ok := k.c.Weights.Levels[name]
		return d, decRatio(d), ok
	}
	for i := range k.usual {
		if lw := &k.usual[i]; lw.name == name {
			return lw.d, lw.r, true
		}
	}
	return "", ratio{}, false
}

// weightsTotal checks that the execution weight and the indicator weights
// add up to the total's weight, or to the configured total where the form
// prints none.
func (k *checker) weightsTotal() {
	sumInd, n := k.weightSum, k.nWeights
	if n == 0 {
		return
	}
	target, sev, where := k.p.totalWeight, model.SevWarning, "按规定应为"
	if t := k.f.Total; t != nil && t.Weight != nil {
		target, sev, where = k.totalWeight, model.SevError, "总分一行的分值为"
	}
	execW := k.execWeight()
	sum := sumInd
	if !execW.missing() {
		sum = execW.add(sumInd)
	}
	tol := k.p.weights
	if within(sum, target, tol) {
		return
	}
	parts := sprintf("各指标分值合计为%s", exact(sumInd))
	if !execW.missing() {
		parts = sprintf("分值合计为%s（预算执行率%s+各指标%s）", exact(sum), exact(execW), exact(sumInd))
	}
	var note string
	if !execW.missing() && within(sumInd, target, tol) {
		note = sprintf("；各指标分值已合计%s，未给预算执行率留出分值", exact(sumInd))
	}
	na := 0
	for i := range k.f.Indicators {
		if !k.f.Indicators[i].Applicable {
			na++
		}
	}
	if na > 0 {
		note += sprintf("；另有%s行不适用（/），不计分值，其余分值应按比例调整至合计%s", strconv.Itoa(na), exact(target))
	}
	at := k.f.At
	if k.f.Total != nil && !k.f.Total.At.IsZero() {
		at = k.f.Total.At
	}
	e, t := sum.decimal(6), target.decimal(6)
	k.addSev(CodeWeightsTotal, sev, at, &t, &e, "%s，%s%s%s", parts, where, string(t), note)
}

// total checks 总分 against the sum of the scores with and without the
// execution score (rule 9), its cap, and its grade (rule 11).
func (k *checker) total() {
	t := k.f.Total
	if t == nil || t.Score == nil {
		return
	}
	T := k.totalScore
	if overCap(T, k.totalWeight) {
		k.caps(t.At, "总分", t.Score, T, k.totalWeight)
	}
	k.grade()
	sumInd, n := k.scoreSum, k.nScores
	if n == 0 {
		return
	}
	_, es := k.executionScore()
	tol := k.p.total
	if es.missing() {
		if !within(T, sumInd, tol) {
			e := sumInd.decimal(6)
			k.add(CodeTotalSum, t.At, &e, t.Score, "总分写作%s，各指标得分合计为%s", num(t.Score), string(e))
		}
		return
	}
	with := es.add(sumInd)
	switch {
	case within(T, with, tol):
	case es.sign() != 0 && within(T, sumInd, tol):
		e := with.decimal(6)
		k.add(CodeTotalExcludesExecution, t.At, &e, t.Score,
			"总分写作%s，等于各指标得分之和，未加预算执行率得分%s；加上应为%s", num(t.Score), exact(es), string(e))
	default:
		e := with.decimal(6)
		k.add(CodeTotalSum, t.At, &e, t.Score,
			"总分写作%s，按预算执行率得分%s+各指标得分%s应为%s", num(t.Score), exact(es), exact(sumInd), string(e))
	}
}

// rankedGrade is a grade with its minimum read.
type rankedGrade struct {
	g   *Grade
	min ratio
}

// grade checks a printed grade against the band of the total.
func (k *checker) grade() {
	t := k.f.Total
	g := strings.TrimSpace(t.Grade)
	if g == "" {
		return
	}
	// The grades from the highest minimum down, in their order where
	// minimums tie (an insertion sort: there are few).
	var buf [8]rankedGrade
	grades := buf[:0]
	for i := range k.c.Grades {
		gr := &k.c.Grades[i]
		grades = append(grades, rankedGrade{gr, decRatio(gr.Min)})
		for j := len(grades) - 1; j > 0 && grades[j].min.cmp(grades[j-1].min) > 0; j-- {
			grades[j], grades[j-1] = grades[j-1], grades[j]
		}
	}
	printed := ""
	for _, gr := range grades {
		if gr.g.Name == g || contains(gr.g.Aliases, g) {
			printed = gr.g.Name
		}
	}
	if printed == "" {
		return
	}
	score := k.totalScore
	var want *Grade
	for _, gr := range grades {
		if score.cmp(gr.min) >= 0 {
			want = gr.g
			break
		}
	}
	if want == nil || want.Name == printed {
		return
	}
	var bands []string
	for _, gr := range grades {
		bands = append(bands, gr.g.Name+"≥"+gr.g.Min.String())
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
