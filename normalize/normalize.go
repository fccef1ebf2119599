// Package normalize parses the cells of a budget-performance
// self-evaluation form: target and actual values (Value), plain numbers,
// execution rates and money amounts (Number, Rate, Amount), level labels
// (Label) and free text (Text). Parsing folds full-width forms (Fold);
// fields kept as written are not folded. An Arena gives the same results
// with a document's numbers allocated together.
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
	startsDash              // may begin a rune isDash accepts
	startsSep               // may begin one of rangeSeps
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
	for _, r := range dashes {
		byteClass[string(r)[0]] |= startsDash
	}
	for _, sep := range rangeSeps {
		byteClass[sep[0]] |= startsSep
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
	return foldSqueeze(s)
}

// foldSqueeze is squeeze(Fold(s)) in one pass, copying the runs between
// the runes it drops or folds. It leaves to squeeze and Fold the strings
// it would not give the same result for: invalid UTF-8, which they write
// as U+FFFD after the first change, and runes only width.Fold maps.
func foldSqueeze(s string) string {
	if !utf8.ValidString(s) {
		return squeeze(Fold(s))
	}
	var b strings.Builder
	b.Grow(len(s))
	run := 0 // the start of the bytes not yet written
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case byteClass[c]&(startsFold|startsSpace) == 0:
			i++
			continue
		case c < utf8.RuneSelf: // an ASCII space
			b.WriteString(s[run:i])
			i++
			run = i
			continue
		}
		r := runeAt(s, i)
		n := utf8.RuneLen(r)
		switch {
		case isSpace(r):
			b.WriteString(s[run:i])
			run = i + n
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteString(s[run:i])
			b.WriteByte(byte(r - 0xFEE0))
			run = i + n
		case foldable(r):
			return squeeze(Fold(s))
		}
		i += n
	}
	b.WriteString(s[run:])
	return b.String()
}

// needsLabel reports whether s has white space or a rune to fold: whether
// Label, or Text, may change it. It tests eight bytes at a time, looking
// at each only in the words that may hold one of the classes.
func needsLabel(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if !mayStartLabel(load64(s, i)) {
			continue
		}
		for k := i; k < i+8; k++ {
			if byteClass[s[k]]&(startsFold|startsSpace) != 0 && startsLabel(s, k) {
				return true
			}
		}
	}
	if i < len(s) && len(s) >= 4 && !mayStartLabel(lastWord(s)) {
		// The bytes left, read again with some before (or a short
		// cell, as values are, in one word), hold none.
		return false
	}
	for ; i < len(s); i++ {
		if byteClass[s[i]]&(startsFold|startsSpace) != 0 && startsLabel(s, i) {
			return true
		}
	}
	return false
}

// startsLabel reports whether a white space or a rune to fold begins at
// s[i], a byte of the classes startsFold or startsSpace.
func startsLabel(s string, i int) bool {
	if s[i] < utf8.RuneSelf {
		return true // every ASCII byte of the classes is a space
	}
	r := runeAt(s, i)
	return isSpace(r) || foldable(r)
}

// Masks for testing the eight bytes of a word at once: (x - n*lsb) & ^x
// & msb is not zero when a byte of x is below n (n at most 0x80), so
// also, with n = 1, when a byte of x is zero.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// load64 returns s[i:i+8] as a little-endian word, which the compiler
// reads with one load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// load32 returns s[i:i+4] as a little-endian word.
func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// mayStartLabel reports whether the word x may hold a byte of the classes
// startsFold or startsSpace: a byte below 0x21, 0xC2, 0xE0 to 0xE3 or
// 0xEF, which TestMayStartLabel checks are all they hold.
func mayStartLabel(x uint64) bool {
	c2 := x ^ 0xC2*lsb
	e3 := (x | 0x03*lsb) ^ 0xE3*lsb
	ef := x ^ 0xEF*lsb
	return ((x-0x21*lsb)&^x|(c2-lsb)&^c2|(e3-lsb)&^e3|(ef-lsb)&^ef)&msb != 0
}

// runeAt returns the rune at s[i], as utf8.DecodeRuneInString(s[i:])
// does, decoding two- and three-byte forms inline: the scans call it on
// the lead bytes of their classes, all of which begin such forms.
func runeAt(s string, i int) rune {
	switch c := s[i]; {
	case c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
	case c >= 0xE0 && c < 0xF0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if r < 0x800 || r >= 0xD800 && r <= 0xDFFF {
			return utf8.RuneError // overlong or a surrogate
		}
		return r
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
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
		if isSpace(runeAt(s, i)) {
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
	if needsLineWork(s) {
		return lineWork(s)
	}
	return trimSpace(s)
}

// lineWork is Text for a string needsLineWork accepts.
func lineWork(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, isSpace)
	}
	return strings.TrimFunc(strings.Join(lines, "\n"), isSpace)
}

// shortText is the length up to which needsLineWork tests every byte
// itself rather than search for line breaks with strings.IndexByte, whose
// calls cost more than they save in a short cell.
const shortText = 64

// needsLineWork reports whether s has a CR or white space before a line
// break, which Text must rewrite.
func needsLineWork(s string) bool {
	if len(s) <= shortText {
		i := 0
		for ; i+8 <= len(s); i += 8 {
			// Skip the words without a byte up to '\r'.
			if !hasLow(load64(s, i)) {
				continue
			}
			for k := i; k < i+8; k++ {
				if s[k] <= '\r' && breakNeedsWork(s, k) {
					return true
				}
			}
		}
		if i < len(s) && len(s) >= 4 && !hasLow(lastWord(s)) {
			return false // the bytes left, read again with some before
		}
		for ; i < len(s); i++ {
			if s[i] <= '\r' && breakNeedsWork(s, i) {
				return true
			}
		}
		return false
	}
	if strings.IndexByte(s, '\r') >= 0 {
		return true
	}
	for i := strings.IndexByte(s, '\n'); i >= 0; {
		if i > 0 && endsWithSpace(s[:i]) {
			return true
		}
		k := strings.IndexByte(s[i+1:], '\n')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// hasLow reports whether the word x holds a byte up to '\r', which a line
// break or a CR is.
func hasLow(x uint64) bool { return (x-('\r'+1)*lsb)&^x&msb != 0 }

// lastWord returns the last eight bytes of s, at least four long, as a
// word: for a string shorter than eight, its first and last four, which
// overlap.
func lastWord(s string) uint64 {
	if len(s) >= 8 {
		return load64(s, len(s)-8)
	}
	return uint64(load32(s, 0)) | uint64(load32(s, len(s)-4))<<32
}

// breakNeedsWork reports whether s[i] is a CR, or a line break after
// white space.
func breakNeedsWork(s string, i int) bool {
	c := s[i]
	return c == '\r' || c == '\n' && i > 0 && endsWithSpace(s[:i])
}

// trimSpace is strings.TrimFunc(s, isSpace), returning s at once when its
// first and last bytes cannot be part of white space.
func trimSpace(s string) string {
	if s == "" || byteClass[s[0]]&startsSpace == 0 && byteClass[s[len(s)-1]]&endsSpace == 0 {
		return s
	}
	if !startsWithSpace(s) && !endsWithSpace(s) {
		return s
	}
	// strings.TrimFunc, with ASCII white space, as most is, cut without
	// decoding and without calls through a func value.
	for s != "" {
		if c := s[0]; c < utf8.RuneSelf && byteClass[c]&startsSpace != 0 {
			s = s[1:]
		} else if c < utf8.RuneSelf || !startsWithSpace(s) {
			break
		} else {
			_, n := utf8.DecodeRuneInString(s)
			s = s[n:]
		}
	}
	for s != "" && endsWithSpace(s) {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
	}
	return s
}

// startsWithSpace reports whether the first rune of s is white space.
func startsWithSpace(s string) bool {
	switch c := s[0]; {
	case byteClass[c]&startsSpace == 0:
		return false
	case c < utf8.RuneSelf:
		return true
	}
	return isSpace(runeAt(s, 0))
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
