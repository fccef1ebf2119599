package normalize

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// TestSpaces checks isSpace against its definition, unicode.IsSpace and
// the zero-width spaces, and that spaces lists every rune it accepts, so
// the byte classes built from it miss none.
func TestSpaces(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune+1; r++ {
		want := unicode.IsSpace(r) || r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF
		if isSpace(r) != want || slices.Contains(spaces, r) != want {
			t.Errorf("isSpace(%U) = %v, in spaces %v, want %v", r, isSpace(r), slices.Contains(spaces, r), want)
		}
	}
}

// TestByteClasses checks that every rune Fold changes and every space
// begins (and, for spaces, ends) with a byte of its class.
func TestByteClasses(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		s := string(r)
		if foldable(r) && byteClass[s[0]]&startsFold == 0 {
			t.Errorf("%U is foldable, but %#x is not in startsFold", r, s[0])
		}
		if isSpace(r) && (byteClass[s[0]]&startsSpace == 0 || byteClass[s[len(s)-1]]&endsSpace == 0) {
			t.Errorf("%U is a space, but its bytes are not in the classes", r)
		}
	}
	for c := 0x80; c < 0xC0; c++ {
		if byteClass[c]&(startsFold|startsSpace) != 0 {
			t.Errorf("continuation byte %#x may begin a rune", c)
		}
	}
}

// TestNoAlloc checks that cells with nothing to change are returned as
// they are, without allocating.
func TestNoAlloc(t *testing.T) {
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Text("完成了升级改造，\n保障了系统运行。") }))
	for _, s := range []string{"产出指标", "年度资金总额", "300.00", "完成了升级改造、保障了系统运行。", "≥95%", ""} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Text(s) }), "Text(%q)", s)
		assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Label(s) }), "Label(%q)", s)
		assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Fold(s) }), "Fold(%q)", s)
	}
}

// TestFoldToNA checks what isNone assumes: only ASCII letters fold to N
// and A, so "N/A" and "NA" match only strings of their length.
func TestFoldToNA(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		for _, l := range []string{"n", "a", "/"} {
			if strings.EqualFold(string(r), l) && r >= utf8.RuneSelf {
				t.Errorf("%U folds to %q", r, l)
			}
		}
	}
}

// TestTraditional checks the bitset simplify consults against the map.
func TestTraditional(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if _, ok := simplified[r]; ok != isTraditional(r) {
			t.Errorf("isTraditional(%U) = %v", r, !ok)
		}
	}
}

// TestUnitRunes checks the bitset isUnit consults against the map.
func TestUnitRunes(t *testing.T) {
	for u := range units {
		if !isUnit(u) {
			t.Errorf("isUnit(%q) = false", u)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if s := string(r); isUnit(s) != units[s] {
			t.Errorf("isUnit(%q) = %v", s, !units[s])
		}
	}
}

// TestUnitsClean checks what cleanUnit assumes when it returns a known
// unit at once: that the steps it skips would keep it as it is.
func TestUnitsClean(t *testing.T) {
	for u := range units {
		if unbracket(u) != u || simplify(u) != u || strings.ContainsAny(u, "(/") || strings.Contains(u, "·") ||
			u == "百分比" || u == "百分数" || !knownUnit(u) {
			t.Errorf("unit %q is changed or refused by cleanUnit's steps", u)
		}
	}
}
