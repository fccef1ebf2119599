// Package normalize parses the cells of a budget-performance
// self-evaluation form: target and actual values (Value), plain numbers,
// execution rates and money amounts (Number, Rate, Amount), level labels
// (Label) and free text (Text). Parsing folds full-width forms (Fold);
// fields kept as written are not folded.
package normalize

import (
	"strings"
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
		if byteClass[s[i]]&startsFold == 0 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); foldable(r) {
			return foldFrom(s, i)
		}
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

// Byte classes for the scans that find nothing to change in most cells
// without decoding their runes. Each names the bytes a rune of a kind may
// begin or end with; the classes of the lead bytes of multi-byte runes
// never match a continuation byte, so a scan may test every byte.
const (
	startsFold  = 1 << iota // may begin a rune Fold changes
	startsSpace             // may begin a rune isSpace accepts
	endsSpace               // may end a rune isSpace accepts
)

// byteClass holds the classes of every byte.
var byteClass [256]uint8

// spaces are the runes isSpace accepts; TestSpaces checks the list.
var spaces = []rune{
	'\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0x1680,
	0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
	0x200B, 0x200C, 0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF,
}

func init() {
	for _, r := range []rune{0x3000, 0x20A9, 0xFF00} {
		// The runes foldable accepts begin with these bytes: U+FF00 to
		// U+FFEF all begin with 0xEF.
		byteClass[string(r)[0]] |= startsFold
	}
	for _, r := range spaces {
		s := string(r)
		byteClass[s[0]] |= startsSpace
		byteClass[s[len(s)-1]] |= endsSpace
	}
}

// isSpace reports whether r is white space of any kind, including the
// zero-width characters that word processors leave in cells.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true // the rest of unicode.IsSpace, with U+2000–U+200A below
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true // zero-width
	}
	return r >= 0x2000 && r <= 0x200A
}

// Label returns s folded with every kind of white space removed (spaces,
// U+3000, NBSP, tabs, line breaks, zero-width spaces): "产 出 指 标"→
// "产出指标", "经济效益\n指标"→"经济效益指标", "（万元）"→"(万元)". It is
// meant for level labels and header matching.
func Label(s string) string {
	if !needsLabel(s) {
		return s
	}
	return squeeze(Fold(s))
}

// needsLabel reports whether s has white space or a rune to fold: whether
// Label, or Text, may change it.
func needsLabel(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case byteClass[c]&(startsFold|startsSpace) == 0:
			continue
		case c < utf8.RuneSelf:
			return true
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); isSpace(r) || foldable(r) {
			return true
		}
	}
	return false
}

// squeeze returns s without white space; it allocates only when s has some.
func squeeze(s string) string {
	i := indexSpace(s)
	if i < 0 {
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

// indexSpace returns the offset of the first white space in s, or -1.
func indexSpace(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if byteClass[c]&startsSpace == 0 {
			continue
		}
		if c < utf8.RuneSelf {
			return i // every ASCII byte of the class is a space
		}
		if r, _ := utf8.DecodeRuneInString(s[i:]); isSpace(r) {
			return i
		}
	}
	return -1
}

// Text cleans a free-text field: CRLF and CR become "\n", each line loses
// its trailing white space, and the whole loses its leading and trailing
// white space and blank lines. Everything else, full-width forms and
// indentation inside the text included, is kept as written.
func Text(s string) string {
	if !needsLineWork(s) {
		return trimSpace(s)
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
	if strings.IndexByte(s, '\r') >= 0 {
		return true
	}
	for i := strings.IndexByte(s, '\n'); i >= 0; {
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); isSpace(r) {
				return true
			}
		}
		k := strings.IndexByte(s[i+1:], '\n')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// trimSpace is strings.TrimFunc(s, isSpace), returning s at once when its
// first and last runes are not white space.
func trimSpace(s string) string {
	if s == "" || !startsWithSpace(s) && !endsWithSpace(s) {
		return s
	}
	return strings.TrimFunc(s, isSpace)
}

// startsWithSpace reports whether the first rune of s is white space.
func startsWithSpace(s string) bool {
	switch c := s[0]; {
	case byteClass[c]&startsSpace == 0:
		return false
	case c < utf8.RuneSelf:
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return isSpace(r)
}

// endsWithSpace reports whether the last rune of s is white space.
func endsWithSpace(s string) bool {
	n := len(s)
	switch c := s[n-1]; {
	case byteClass[c]&endsSpace == 0:
		return false
	case c < utf8.RuneSelf:
		return true
	case !(n >= 2 && byteClass[s[n-2]]&startsSpace != 0 || n >= 3 && byteClass[s[n-3]]&startsSpace != 0):
		// Spaces outside ASCII are two or three bytes long.
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return isSpace(r)
}
