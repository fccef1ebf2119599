package diff

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Layout of Write.
const (
	// maxPathWidth caps the column the values are aligned to, so that one
	// long path does not push every line to the right.
	maxPathWidth = 48
	// maxValueRunes is the length beyond which a value is cut, with "…".
	maxValueRunes = 120
	// absent stands for the value on the side where it is missing.
	absent = "(absent)"
)

// Write prints the changes to w, one per line, as
//
//	path: old → new
//
// with the values aligned after the paths (paths wider than 48 columns
// push their own line only). The path of the whole text is printed as ".",
// a value missing on one side as "(absent)", and a value longer than 120
// characters is cut short with "…"; Change holds the whole text. Nothing
// is printed for no changes.
func Write(w io.Writer, changes []Change) error {
	width := 0
	for _, c := range changes {
		if n := textWidth(displayPath(c.Path)) + 1; n > width && n <= maxPathWidth {
			width = n
		}
	}
	var b strings.Builder
	for _, c := range changes {
		p := displayPath(c.Path) + ":"
		b.WriteString(p)
		for n := textWidth(p); n < width; n++ {
			b.WriteByte(' ')
		}
		b.WriteByte(' ')
		b.WriteString(displayValue(c.Old))
		b.WriteString(" → ")
		b.WriteString(displayValue(c.New))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func displayPath(p string) string {
	if p == "" {
		return "."
	}
	return p
}

func displayValue(v string) string {
	if v == "" {
		return absent
	}
	if utf8.RuneCountInString(v) <= maxValueRunes {
		return v
	}
	n := 0
	for i := range v {
		if n == maxValueRunes-1 {
			return v[:i] + "…"
		}
		n++
	}
	return v
}

// textWidth is the width of s in a terminal: two columns for East Asian
// wide and full-width characters, one for the others.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		if isWide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115f, // Hangul Jamo
		r >= 0x2e80 && r <= 0xa4cf && r != 0x303f, // CJK … Yi
		r >= 0xac00 && r <= 0xd7a3,                // Hangul syllables
		r >= 0xf900 && r <= 0xfaff,                // CJK compatibility ideographs
		r >= 0xfe30 && r <= 0xfe4f,                // CJK compatibility forms
		r >= 0xff00 && r <= 0xff60,                // full-width forms
		r >= 0xffe0 && r <= 0xffe6,
		r >= 0x1f300 && r <= 0x1f64f, // pictographs, emoticons
		r >= 0x1f900 && r <= 0x1f9ff,
		r >= 0x20000 && r <= 0x3fffd: // CJK extensions
		return true
	}
	return false
}
