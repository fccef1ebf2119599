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

// TestHasStar: ★ and ☆ anywhere in a name mark it, and no other rune
// that shares their first bytes does.
func TestHasStar(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "★": true, "☆": true, "★开展培训次数": true, "培训次数☆": true, "培训（★）次数": true,
		"培训次数": false, "☀晴天": false, "♥": false, "\xe2\x98": false, "a\xe2": false,
		"☀☆": true, "\u2604\u2607": false,
	} {
		assert.Equal(t, want, hasStar(s), "%q", s)
		assert.Equal(t, strings.ContainsAny(s, "★☆"), hasStar(s), "%q, as ContainsAny", s)
	}
}

// FuzzHasStar holds hasStar to strings.ContainsAny.
func FuzzHasStar(f *testing.F) {
	f.Add("★开展培训次数")
	f.Add("☀☆")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasStar(s), strings.ContainsAny(s, "★☆"); got != want {
			t.Fatalf("hasStar(%q) = %v, ContainsAny gives %v", s, got, want)
		}
	})
}

// prefixEndRe is prefixEnd as the regexp alone gives it.
func prefixEndRe(s string) int {
	if loc := prefixRe.FindStringIndex(s); loc != nil {
		return loc[1]
	}
	return 0
}

// TestPrefixEnd: the prefixes of forms' title rows, and texts that only
// start like them.
func TestPrefixEnd(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"附件1", len("附件1")},
		{"  附件：", len("  附件：")},
		{"附表3 项目支出绩效自评表", len("附表3 ")},
		{"公开08表", len("公开08表")},
		{"报表编号: A-1 ", len("报表编号: A-1 ")},
		{"附注", 0},
		{"公开表", 0},
		{"项目支出绩效自评表", 0},
		{"\u3000附件1", 0}, // \s is ASCII white space only
		{"", 0},
	} {
		assert.Equal(t, tc.want, prefixEnd(tc.s), "%q", tc.s)
		assert.Equal(t, prefixEndRe(tc.s), prefixEnd(tc.s), "%q, as the regexp", tc.s)
	}
}

// FuzzPrefixEnd holds prefixEnd to the regexp alone.
func FuzzPrefixEnd(f *testing.F) {
	f.Add("附件1")
	f.Add(" \t公开 12 表")
	f.Add("报表编号：x")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := prefixEnd(s), prefixEndRe(s); got != want {
			t.Fatalf("prefixEnd(%q) = %d, the regexp gives %d", s, got, want)
		}
	})
}
