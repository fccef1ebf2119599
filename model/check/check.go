// Package check tests a self-evaluation form against its own arithmetic
// and the scoring rules of SCORING.md: 执行率 and its score, the funds
// sources, caps and weights, the total and its grade, the scoring of each
// indicator, and the figures the goals text restates. Each departure is a
// model.Finding with a stable English code (see the Code constants), a
// severity (error for arithmetic that cannot be true, warning for a
// departure from the rules, info for a note), a message in Chinese giving
// the expected and found figures, and the position of the row.
//
// A check that lacks a number it needs says nothing: a form is never
// reported for what it leaves blank.
//
// The arithmetic is exact: rationals of two int64s, built straight from a
// decimal's digits, that fall back to big.Rat on overflow. Each number of
// a form is read once, before the checks, which share it; a Config's
// numbers are read once a Document, or once for forms in a row under
// equal settings. A form costs a couple of microseconds and allocates
// only for the findings it reports.
package check

import (
	"github.com/jixiao/jixiao/model"
)

// Form returns the findings for f under c (DefaultConfig when c is nil),
// ordered by their position in the source and, at one position, in the
// order the checks run. It does not modify f. Form may be called from
// several goroutines at once, on one Config too, while none modifies it.
func Form(f *model.Form, c *Config) []model.Finding {
	if f == nil {
		return nil
	}
	if c == nil {
		return check(f, defaultConfig, defaultParams, defaultLevels, defaultWords)
	}
	return check(f, c, c.params(), nil, nil)
}

// defaultConfig is DefaultConfig, for a nil Config; it is never modified.
var defaultConfig = DefaultConfig()

// defaultParams, defaultLevels and defaultWords are the numbers, the
// level weights and the qualitative words of defaultConfig.
var (
	defaultParams = defaultConfig.params()
	defaultLevels = defaultConfig.levelWeights()
	defaultWords  = newBandWords(&defaultConfig.Qualitative)
)

// check returns the findings for f under c, whose numbers are p, level
// weights levels (nil to look them up in c) and qualitative words words
// (nil to prepare them from c when a form needs them).
func check(f *model.Form, c *Config, p *params, levels []levelWeight, words *bandWords) []model.Finding {
	var k checker // not a composite literal, which the compiler copies
	k.f, k.c, k.p, k.usual, k.words = f, c, p, levels, words
	k.read()
	k.funds()
	k.indicators()
	k.weights()
	k.total()
	k.narrative()
	sortFindings(k.out)
	return k.out
}

// sortFindings sorts fs stably by position: an insertion sort, as a form
// has few findings, mostly in order already.
func sortFindings(fs []model.Finding) {
	for i := 1; i < len(fs); i++ {
		if !atLess(fs[i].At, fs[i-1].At) {
			continue
		}
		x := fs[i]
		j := i
		for ; j > 0 && atLess(x.At, fs[j-1].At); j-- {
			fs[j] = fs[j-1]
		}
		fs[j] = x
	}
}

// Document sets the Findings of every form of d to Form's result. A form
// with nothing to report gets an empty, non-nil slice.
func Document(d *model.Document, c *Config) {
	if d == nil {
		return
	}
	p, levels, words := defaultParams, defaultLevels, defaultWords
	if c == nil {
		c = defaultConfig
	} else {
		p, levels, words = c.params(), c.levelWeights(), c.Qualitative.bandWords()
	}
	for i := range d.Forms {
		fs := check(&d.Forms[i], c, p, levels, words)
		if fs == nil {
			fs = []model.Finding{}
		}
		d.Forms[i].Findings = fs
	}
}

// Reaches reports whether any finding has severity failOn or a graver one
// (error > warning > info). A failOn other than "error", "warning" or
// "info" is reached by nothing.
func Reaches(findings []model.Finding, failOn string) bool {
	min := rank(failOn)
	if min == 0 {
		return false
	}
	for _, f := range findings {
		if rank(f.Severity) >= min {
			return true
		}
	}
	return false
}

// rank orders severities: 3 for error, 2 warning, 1 info, 0 anything else.
func rank(sev string) int {
	switch sev {
	case model.SevError:
		return 3
	case model.SevWarning:
		return 2
	case model.SevInfo:
		return 1
	}
	return 0
}

// atLess orders positions by line, then table, row, column and paragraph.
func atLess(a, b model.At) bool {
	switch {
	case a.Line != b.Line:
		return a.Line < b.Line
	case a.Table != b.Table:
		return a.Table < b.Table
	case a.Row != b.Row:
		return a.Row < b.Row
	case a.Col != b.Col:
		return a.Col < b.Col
	}
	return a.Paragraph < b.Paragraph
}

// checker runs the checks of one form.
type checker struct {
	f   *model.Form
	c   *Config
	p   *params
	out []model.Finding
	// usual are the usual level weights of c, or nil when they are to
	// be looked up in c.
	usual []levelWeight
	// words are the qualitative words of c, or nil until a form needs
	// them.
	words *bandWords

	// The funds rows in the order of Funds.Rows, their numbers read: the
	// first nRows of rowBuf, or all of moreRows when they do not fit.
	// totalAt and fiscalAt are the indexes of 年度资金总额 and the 其中 row,
	// or -1. (Slices of the buffers or pointers into them, kept here,
	// would move the checker to the heap.)
	rowBuf            [5]fundsRow
	nRows             int
	moreRows          []fundsRow
	totalAt, fiscalAt int
	// The weights and scores of the indicators, by index: the first of
	// indBuf, or moreInds when they do not fit.
	indBuf   [24]indNums
	moreInds []indNums
	// weightSum and scoreSum add the weights and the scores of the
	// applicable indicators; nWeights and nScores count them.
	weightSum, scoreSum ratio
	nWeights, nScores   int
	// The indicators' groups by 一级 heading, in the order the headings
	// first appear, their weights summed as read reads them: the first
	// nGroups1 of groups1Buf, or all of moreGroups1 when they do not
	// fit.
	groups1Buf  [4]level
	nGroups1    int
	moreGroups1 []level
	// totalWeight and totalScore are those of 总分.
	totalWeight, totalScore ratio

	// zeroTotal is set when 年度资金总额 is all zero and the 其中 row
	// stands in for it.
	zeroTotal bool
	// grandInFunds is set when the funds total row holds the grand total.
	grandInFunds bool
}

// fundsRow is a funds row with its numbers read, a missing ratio for
// each it leaves blank.
type fundsRow struct {
	r *model.FundsRow
	// amounts are the columns of fundsColumns.
	amounts             [3]ratio
	weight, rate, score ratio
	// computed is 全年执行数/全年预算数 in percent, the row's own or the
	// 其中 row's (see amountsOf), and budgetName the budget column used;
	// missing when a number is missing or the budget is zero. It is set
	// by funds.
	computed   ratio
	budgetName string
}

// indNums are an applicable indicator's weight and score, missing for a
// blank one or a row that does not apply.
type indNums struct{ w, s ratio }

// read reads the numbers of the form once, for the checks to share.
func (k *checker) read() {
	f := k.f
	k.totalAt, k.fiscalAt = -1, -1
	if fd := f.Funds; fd != nil {
		main := [...]*model.FundsRow{fd.Total, fd.Fiscal, fd.Carryover, fd.Other}
		n := len(fd.ExtraRows)
		for _, r := range main {
			if r != nil {
				n++
			}
		}
		if n > len(k.rowBuf) {
			k.moreRows = make([]fundsRow, n)
		}
		k.nRows = n
		i := 0
		for j, r := range main {
			if r == nil {
				continue
			}
			switch j {
			case 0:
				k.totalAt = i
			case 1:
				k.fiscalAt = i
			}
			k.row(i).read(r)
			i++
		}
		for j := range fd.ExtraRows {
			k.row(i + j).read(&fd.ExtraRows[j])
		}
	}
	if len(f.Indicators) > len(k.indBuf) {
		k.moreInds = make([]indNums, len(f.Indicators))
	}
	nums := k.inds()
	// The sums gather in variables, stored once, added to as decSum.add
	// adds.
	var weightSum, scoreSum decSum
	nWeights, nScores := 0, 0
	// last1 is the 一级 group of the last indicator that has one, and
	// cur1 its heading, where the next one mostly falls.
	var last1 *level
	cur1 := ""
	for i := range f.Indicators {
		ind := &f.Indicators[i]
		var g1 *level
		if ind.Level1 != "" {
			if ind.Level1 != cur1 {
				g := k.group1(ind.Level1, i) // before groups1, which it may grow
				last1, cur1 = &k.groups1()[g], ind.Level1
			}
			g1 = last1
			if ind.Level1Weight != nil && g1.declared == nil {
				g1.declared = ind.Level1Weight
			}
		}
		if !ind.Applicable {
			continue
		}
		n := &nums[i]
		if ind.Weight != nil {
			n.w = decRatio(*ind.Weight)
			if !weightSum.addCents(n.w) {
				weightSum.addRatio(n.w)
			}
			nWeights++
			if g1 != nil {
				if !g1.sum.addCents(n.w) {
					g1.sum.addRatio(n.w)
				}
				g1.n++
			}
		}
		if ind.Score != nil {
			n.s = n.w
			if !sameAs(ind.Score, ind.Weight) {
				n.s = decRatio(*ind.Score)
			}
			if !scoreSum.addCents(n.s) {
				scoreSum.addRatio(n.s)
			}
			nScores++
		}
	}
	k.weightSum, k.scoreSum, k.nWeights, k.nScores = weightSum.value(), scoreSum.value(), nWeights, nScores
	if t := f.Total; t != nil {
		k.totalWeight, k.totalScore = ratOf(t.Weight), ratOf(t.Score)
	}
}

// read sets fr, a zero fundsRow, to the row r with its numbers read.
func (fr *fundsRow) read(r *model.FundsRow) {
	// fr is zero, as the checker's buffers start out: set only what is
	// read.
	fr.r = r
	fr.weight = ratOf(r.Weight)
	fr.rate = ratOf(r.ExecutionRate)
	// An amount is mostly written as the one before it, and the score
	// as the weight.
	fr.amounts[0] = ratOf(r.InitialBudget)
	fr.amounts[1] = fr.amounts[0]
	if !sameAs(r.AnnualBudget, r.InitialBudget) {
		fr.amounts[1] = ratOf(r.AnnualBudget)
	}
	fr.amounts[2] = fr.amounts[1]
	if !sameAs(r.Executed, r.AnnualBudget) {
		fr.amounts[2] = ratOf(r.Executed)
	}
	fr.score = fr.weight
	if !sameAs(r.Score, r.Weight) {
		fr.score = ratOf(r.Score)
	}
}

// rows returns the funds rows in the order of Funds.Rows.
func (k *checker) rows() []fundsRow {
	if k.moreRows != nil {
		return k.moreRows
	}
	return k.rowBuf[:k.nRows]
}

// row returns the funds row of index i, or nil for -1.
func (k *checker) row(i int) *fundsRow {
	if i < 0 {
		return nil
	}
	return &k.rows()[i]
}

// totalRow returns the row of 年度资金总额, or nil.
func (k *checker) totalRow() *fundsRow { return k.row(k.totalAt) }

// fiscalRow returns the 其中 row, or nil.
func (k *checker) fiscalRow() *fundsRow { return k.row(k.fiscalAt) }

// inds returns the numbers of the indicators, by index: a slice as long
// as indBuf at least, of which the first len(f.Indicators) count.
func (k *checker) inds() []indNums {
	if k.moreInds != nil {
		return k.moreInds
	}
	return k.indBuf[:]
}

// groups1 returns the indicators' groups by 一级 heading.
func (k *checker) groups1() []level {
	if k.moreGroups1 != nil {
		return k.moreGroups1
	}
	return k.groups1Buf[:k.nGroups1]
}

// group1 returns the index of the 一级 group of heading l1, adding one
// that starts at indicator i if there is none. It looks from the last
// group back.
func (k *checker) group1(l1 string, i int) int {
	gs := k.groups1()
	for g := len(gs) - 1; g >= 0; g-- {
		if gs[g].l1 == l1 {
			return g
		}
	}
	k.addGroup1(level{level1: true, l1: l1, first: i})
	return len(gs)
}

// addGroup1 appends g to the 一级 groups, moving them from groups1Buf to
// the heap when they outgrow it. (Appending to groups1Buf itself would
// move the checker to the heap.)
func (k *checker) addGroup1(g level) {
	switch {
	case k.moreGroups1 != nil:
		k.moreGroups1 = append(k.moreGroups1, g)
	case k.nGroups1 < len(k.groups1Buf):
		k.groups1Buf[k.nGroups1] = g
		k.nGroups1++
	default:
		more := make([]level, len(k.groups1Buf), 2*len(k.groups1Buf))
		copy(more, k.groups1Buf[:])
		k.moreGroups1 = append(more, g)
	}
}

// add records a finding of code's usual severity, if code is on. The
// message is format with args in place of its %s verbs (see sprintf).
func (k *checker) add(code string, at model.At, expected, found *model.Decimal, format string, args ...any) {
	k.addSev(code, severities[code], at, expected, found, format, args...)
}

// addSev records a finding of the given severity, if code is on.
func (k *checker) addSev(code, sev string, at model.At, expected, found *model.Decimal, format string, args ...any) {
	if !k.c.enabled(code) {
		return
	}
	if at.IsZero() {
		at = k.f.At
	}
	if k.out == nil {
		k.out = make([]model.Finding, 0, 2) // findings mostly come alone or in pairs
	}
	k.out = append(k.out, model.Finding{
		Code:     code,
		Severity: sev,
		Message:  sprintf(format, args...),
		At:       at,
		Expected: expected,
		Found:    found,
	})
}

// truncated notes a figure found that is x truncated to two decimals
// where rounding half up differs, as truncatedOnly finds; what names the
// figure.
func (k *checker) truncated(at model.At, what string, found model.Decimal, x ratio) {
	fc := found // a copy, so found itself stays off the heap
	k.add(CodeTruncated, at, round(x), &fc,
		"%s写作%s，是%s截尾保留两位小数的结果；四舍五入应为%s", what, string(found), exact(x), pts(x))
}

// fundsTotal returns the total row whose amounts count: 年度资金总额, or
// the 其中 row when the total is all zero.
func (k *checker) fundsTotal() *fundsRow {
	if k.zeroTotal {
		return k.fiscalRow()
	}
	return k.totalRow()
}
