package html

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// text builds the text of a cell or paragraph as a browser lays it out:
// runs of white space collapse to one space, which is dropped at the
// start and end of a line; <br> and block boundaries end lines; &nbsp;
// is a space that does not collapse.
type text struct {
	b    strings.Builder // the finished lines
	ln   []byte          // the current line
	nl   int             // line breaks owed before the current line
	sp   bool            // collapsible white space pending
	seg  bool            // the pending white space holds a line break
	last rune            // the last character written
	pre  int             // inside pre and the like: white space kept
}

// write adds the content of a text node.
func (t *text) write(s string) {
	for _, r := range s {
		if t.pre > 0 {
			if r == '\n' {
				t.br()
			} else {
				t.put(r)
			}
			continue
		}
		switch r {
		case ' ', '\t', '\f':
			t.sp = true
			continue
		case '\n', '\r':
			t.sp, t.seg = true, true
			continue
		case '\u00A0':
			r = ' '
		}
		if t.sp && len(t.ln) > 0 && !(t.seg && (wide(t.last) || wide(r))) {
			t.put(' ')
		}
		t.put(r)
	}
}

func (t *text) put(r rune) {
	t.ln = utf8.AppendRune(t.ln, r)
	t.sp, t.seg = false, false
	t.last = r
}

// br ends the line, even an empty one.
func (t *text) br() {
	t.commit()
	t.nl = 1
}

// block ends the line unless it is empty.
func (t *text) block() {
	if len(t.ln) > 0 {
		t.br()
	}
	t.sp, t.seg = false, false
}

// raw adds s as a line of its own, as it is.
func (t *text) raw(s string) {
	t.block()
	t.ln = append(t.ln, s...)
	t.block()
}

// commit moves the current line, less trailing spaces, to the finished
// text.
func (t *text) commit() {
	for ; t.nl > 0; t.nl-- {
		t.b.WriteByte('\n')
	}
	t.b.WriteString(strings.TrimRight(string(t.ln), " "))
	t.ln = t.ln[:0]
	t.sp, t.seg = false, false
}

// String returns the text; line breaks still owed at the end are dropped.
func (t *text) String() string {
	if len(t.ln) > 0 {
		t.commit()
	}
	return t.b.String()
}

// wide reports whether r is an East Asian wide character. A line break in
// the source between such a character and another is no space: Word
// wraps long lines of Chinese text in its HTML anywhere, and a browser
// drops a break between two wide characters (CSS Text 3, segment break
// transformation); between a wide and a narrow one it is dropped too, as
// Chinese does not space them.
func wide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianHalfwidth:
		return !unicode.Is(unicode.Hangul, r)
	}
	return false
}
