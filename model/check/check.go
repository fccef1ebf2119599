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
// decimal's digits, that fall back to big.Rat on overflow. A form costs a
// few microseconds and allocates only for the findings it reports.
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
		c = DefaultConfig()
	}
	k := checker{f: f, c: c, p: c.params()}
	k.funds()
	k.indicators()
	k.weights()
	k.total()
	k.narrative()
	sortFindings(k.out)
	return k.out
}

// sortFindings sorts fs stably by position: an insertion sort, as a form
// has few findings.
func sortFindings(fs []model.Finding) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && atLess(fs[j].At, fs[j-1].At); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// Document sets the Findings of every form of d to Form's result. A form
// with nothing to report gets an empty, non-nil slice.
func Document(d *model.Document, c *Config) {
	if d == nil {
		return
	}
	if c == nil {
		c = DefaultConfig()
	}
	for i := range d.Forms {
		fs := Form(&d.Forms[i], c)
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
	c   *Config
	p   params
	out []model.Finding

	// zeroTotal is set when 年度资金总额 is all zero and the 其中 row
	// stands in for it.
	zeroTotal bool
	// grandInFunds is set when the funds total row holds the grand total.
	grandInFunds bool
}

// add records a finding of code's usual severity, if code is on. The
// message is format with args in place of its %s verbs (see sprintf).
func (k *checker) add(code string, at model.At, expected, found *model.Decimal, format string, args ...string) {
	k.addSev(code, severities[code], at, expected, found, format, args...)
}

// addSev records a finding of the given severity, if code is on.
func (k *checker) addSev(code, sev string, at model.At, expected, found *model.Decimal, format string, args ...string) {
	if !k.c.enabled(code) {
		return
	}
	if at.IsZero() {
		at = k.f.At
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

// truncated notes a figure truncated where rounding half up differs; what
// names the figure, and is called only then.
func (k *checker) truncated(at model.At, what func() string, found model.Decimal, x ratio) {
	if !truncatedOnly(found, x) {
		return
	}
	f := found // a copy, so found itself stays off the heap
	k.add(CodeTruncated, at, round(x), &f,
		"%s写作%s，是%s截尾保留两位小数的结果；四舍五入应为%s", what(), string(found), exact(x), pts(x))
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
