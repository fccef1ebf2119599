package form

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/jixiao/jixiao/normalize"
)

// unitOfFolded is unitOf as it was, folding every cell: the oracle for
// its fast path.
func unitOfFolded(s string) string {
	t := normalize.Fold(s)
	switch {
	case strings.Contains(t, "万元"):
		return "万元"
	case strings.Contains(t, "(元)") || strings.Contains(t, "元)") || strings.TrimSpace(t) == "元" ||
		strings.Contains(t, "单位:元") || strings.Contains(t, "单位：元"):
		return "元"
	}
	return ""
}

func TestUnitOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"项目资金（万元）", "万元"},
		{"项目资金(万元)", "万元"},
		{"单位：万元", "万元"},
		{"金额单位：元", "元"},
		{"单位:元", "元"},
		{"（元）", "元"},
		{"(元)", "元"},
		{"　元　", "元"},
		{"元", "元"},
		{"年初预算数（元）", "元"},
		{"元/人", ""},
		{"年初预算数", ""},
		{"人", ""},
		{"", ""},
		{"38.64", ""},
	} {
		assert.Equal(t, tc.want, unitOf(tc.in), tc.in)
		assert.Equal(t, unitOfFolded(tc.in), unitOf(tc.in), tc.in)
	}
}

func FuzzUnitOf(f *testing.F) {
	for _, s := range []string{"项目资金（万元）", "单位：元", "（元）", "元", "年初预算数", "ｘ元）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := unitOf(s), unitOfFolded(s); got != want {
			t.Fatalf("unitOf(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestIndexDigit(t *testing.T) {
	for _, s := range []string{"", "总分", "总分100", "1", "a9", "总分１００", "分值合计 100 96", "\x00/:"} {
		assert.Equal(t, strings.IndexAny(s, "0123456789"), indexDigit(s), s)
	}
}
