// Package normalize parses the cells of a budget-performance
// self-evaluation form: target and actual values (Value), plain numbers,
// execution rates and money amounts (Number, Rate, Amount), level labels
// (Label) and free text (Text). Parsing folds full-width forms (Fold);
// fields kept as written are not folded.
package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Fold maps full-width forms to their narrow counterparts and half-width
// forms to their wide ones with width.Fold: "（万元）"→"(万元)", "％"→"%",
// "１０"→"10", "＞＝"→">=", U+3000→" ". Unlike NFKC it leaves CJK
// ideographs, "、。", "①", "²" and "℃" unchanged. A string with nothing to
// fold is returned as is, without allocating.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if foldable(r) {
			return foldFrom(s, i)
		}
		i += n - 1
	}
	return s
}

// foldFrom folds s, whose first foldable rune is at byte i. The forms that
// fill real cells — full-width ASCII (U+FF01–FF5E) and the ideographic
// space — are mapped directly; anything else in the block goes through
// width.Fold, which gives the same result for these, only slower.
func foldFrom(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteByte(byte(r - 0xFEE0))
		case r == 0x3000:
			b.WriteByte(' ')
		case foldable(r):
			return width.Fold.String(s)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldable reports whether width.Fold may change r: the ideographic space,
// the half-width won sign and the Halfwidth and Fullwidth Forms block.
func foldable(r rune) bool {
	return r == 0x3000 || r == 0x20A9 || r >= 0xFF00 && r <= 0xFFEF
}

// isSpace reports whether r is white space of any kind, including the
// zero-width characters that word processors leave in cells.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true
	}
	return r >= utf8.RuneSelf && unicode.IsSpace(r)
}

// Label returns s folded with every kind of white space removed (spaces,
// U+3000, NBSP, tabs, line breaks, zero-width spaces): "产 出 指 标"→
// "产出指标", "经济效益\n指标"→"经济效益指标", "（万元）"→"(万元)". It is
// meant for level labels and header matching.
func Label(s string) string {
	return squeeze(Fold(s))
}

// squeeze returns s without white space; it allocates only when s has some.
func squeeze(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if !isSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Text cleans a free-text field: CRLF and CR become "\n", each line loses
// its trailing white space, and the whole loses its leading and trailing
// white space and blank lines. Everything else, full-width forms and
// indentation inside the text included, is kept as written.
func Text(s string) string {
	if !needsLineWork(s) {
		return strings.TrimFunc(s, isSpace)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, isSpace)
	}
	return strings.TrimFunc(strings.Join(lines, "\n"), isSpace)
}

// needsLineWork reports whether s has a CR or white space before a line
// break, which Text must rewrite.
func needsLineWork(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\r':
			return true
		case '\n':
			if i > 0 {
				r, _ := utf8.DecodeLastRuneInString(s[:i])
				if isSpace(r) {
					return true
				}
			}
		}
	}
	return false
}
