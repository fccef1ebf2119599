// Package text tokenizes text exports of forms into rows of cells. It reads
// the two shapes such exports come in:
//
//   - text-cells, as Apache Tika and similar tools export Word tables: one
//     cell a line, led by a TAB; a line without the TAB continues the cell
//     above (a second paragraph); a blank line ends the row.
//   - text-rows, a spreadsheet's "Unicode text": one row a line, cells
//     separated by TAB, a cell holding line breaks or quotes wrapped in
//     double quotes, with quotes inside doubled.
//
// The input is already decoded (see package decode); line ends may be LF,
// CRLF or CR.
package text

import (
	"fmt"
	"math/bits"
	"strings"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// detectBytes is how much of the input Detect looks at: a few hundred
// lines tell the shapes apart, and reading more would cost a good part of
// the time of tokenizing them.
const detectBytes = 16 << 10

// Detect returns the shape of s: model.FormatTextCells when most of its
// lines (in its first 16 KiB) are single cells led by a TAB, else
// model.FormatTextRows.
func Detect(s string) string {
	if len(s) > detectBytes {
		s = s[:detectBytes]
	}
	// One pass over the bytes, eight at a time, stopping only at control
	// characters: TABs are counted, and a line end (LF or CR: the empty
	// line between the two of a CRLF counts for nothing) tells the line
	// by where it starts and its TABs.
	cells, rows := 0, 0
	start, tabs := 0, 0 // where the line starts, and the TABs in it so far
	for i := 0; i < len(s); i += 8 {
		var m uint64
		if i+8 <= len(s) {
			m = controls(load64(s, i))
		} else {
			// The bytes past the end read as zero: drop them.
			m = controls(loadTail(s, i)) & (1<<(8*(len(s)-i)) - 1)
		}
		for ; m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)>>3
			switch s[j] {
			case '\t':
				tabs++
				continue
			case '\n', '\r':
			default:
				continue
			}
			cells, rows = tally(s, start, j, tabs, cells, rows)
			start, tabs = j+1, 0
		}
	}
	// The last line, cut short by the end or at 16 KiB.
	cells, rows = tally(s, start, len(s), tabs, cells, rows)
	if cells > rows {
		return model.FormatTextCells
	}
	return model.FormatTextRows
}

// tally counts the line s[start:end], which holds tabs TABs, into cells
// (a TAB and then text: a cell of text-cells) or rows (TABs between
// fields: a row of text-rows); an empty line is neither.
func tally(s string, start, end, tabs, cells, rows int) (int, int) {
	switch {
	case end == start:
	case tabs == 1 && s[start] == '\t':
		cells++
	case tabs > 0:
		rows++
	}
	return cells, rows
}

// Parse tokenizes s in the given shape, or in the shape Detect finds when
// shape is "". Positions are 1-based line numbers. It is Scan keeping every
// row; Scan itself holds only the row it is reading.
func Parse(s, shape string) (*table.Result, error) {
	// The rows' cells are cut from one slab, a row's cells contiguous in
	// it, so that a file costs a few allocations rather than one a row.
	slab := make([]table.Cell, 0, min(strings.Count(s, "\n")+1, maxCells))
	var rows []table.Row
	shape, err := Scan(s, shape, func(r *table.Row) {
		if len(slab)+len(r.Cells) > cap(slab) {
			slab = make([]table.Cell, 0, 2*cap(slab)+len(r.Cells))
		}
		n := len(slab)
		slab = append(slab, r.Cells...)
		row := *r
		row.Cells = slab[n:len(slab):len(slab)]
		rows = append(rows, row)
	})
	if shape == "" {
		return nil, err
	}
	return &table.Result{Format: shape, Rows: rows}, err
}

// Scan tokenizes s as Parse does, handing each row to fn as soon as it is
// read, so that a file of any size is read in the memory of one row. The
// row and its cells are reused for the next row: fn must copy what it
// keeps (the cells' texts are substrings of s, or new strings, and may be
// kept). It returns the shape it read, or "" with an error for an unknown
// shape.
func Scan(s, shape string, fn func(*table.Row)) (string, error) {
	if shape == "" {
		shape = Detect(s)
	}
	switch shape {
	case model.FormatTextCells:
		return shape, scanCells(s, fn)
	case model.FormatTextRows:
		return shape, scanRows(s, fn)
	}
	return "", fmt.Errorf("text: unknown shape %q", shape)
}

// MaxCells is the most cells one input may hold. Real files hold a few
// thousand a form; the cap keeps a hostile file (hundreds of megabytes of
// TABs) from taking memory many times its size.
const MaxCells = 4 << 20

// maxCells is MaxCells; tests lower it.
var maxCells = MaxCells

// errTooManyCells is returned at the line where an input passes MaxCells.
var errTooManyCells = fmt.Errorf("more than %d cells: not a form export", MaxCells)

// scanCells reads the text-cells shape, handing each row to fn: a line led
// by a TAB is a cell, a line without it continues the cell above, and a
// blank line (or one of spaces) ends the row.
func scanCells(s string, fn func(*table.Row)) error {
	// Only an input with a CR has line ends other than LF, and
	// paragraphs inside a cell to rewrite as "\n". A line ends at an LF
	// or at eol, a CR when there are any, else LF again.
	cr := strings.IndexByte(s, '\r') >= 0
	eol := byte('\n')
	if cr {
		eol = '\r'
	}
	row := new(table.Row)
	// The row's cells, kept apart from row.Cells while the row is read
	// so that they stay in registers.
	var cs []table.Cell
	textFrom := 0    // where the last cell's text begins in s
	left := maxCells // cells still allowed
	multi := false   // a cell of row runs over more than one line
	n, off := 1, 0   // the line at off in s, and its number
	for off < len(s) {
		// The hot loop of the text path: a run of cells, a line each,
		// read without a call (which would spill the loop's state) as
		// long as cs has room for them. Lines are short, a few
		// characters, too short for strings.IndexByte to make up for
		// the cost of calling it: their ends are searched for eight
		// bytes at a time, stopping only at control characters.
		for ; off < len(s) && s[off] == '\t' && len(cs) < cap(cs) && left > 0; n++ {
			textFrom = off + 1
			end := textFrom
			for end+8 <= len(s) {
				m := controls(load64(s, end))
				if m == 0 {
					end += 8
					continue
				}
				// A control character: a line end, or (rarely) one
				// that the cell's text holds.
				end += bits.TrailingZeros64(m) >> 3
				if c := s[end]; c == '\n' || c == eol {
					goto found
				}
				end++
			}
			for end < len(s) && s[end] != '\n' && s[end] != eol {
				end++
			}
		found:
			cs = cs[:len(cs)+1]
			p := &cs[len(cs)-1]
			p.Text = s[textFrom:end]
			p.Col, p.Span, p.Merged, p.OneLine = len(cs)-1, 1, false, true
			p.At = model.At{Line: n}
			left--
			off = end + 1
			if end+1 < len(s) && s[end] == '\r' && s[end+1] == '\n' {
				off++
			}
		}
		if off >= len(s) {
			break
		}
		// Any other line, or a cell the hot loop has no room for.
		c := s[off]
		end := off
		if c != '\n' && c != '\r' {
			end = lineEnd(s, off, cr)
		}
		line := s[off:end]
		off = afterEnd(s, end)
		switch {
		case c == '\t':
			textFrom = end - len(line) + 1
			cs = append(cs, table.Cell{Text: line[1:], Col: len(cs), Span: 1, OneLine: true, At: model.At{Line: n}})
			left--
		case strings.TrimSpace(line) == "":
			// An empty line (with cr false, s holds no CR), or one of
			// spaces, ends the row.
			cs = emit(row, cs, cr && multi, fn)
			multi = false
		case len(cs) > 0:
			// A line without the TAB continues the cell above: the
			// cell's text runs on in s, so it is resliced, not copied
			// line by line (which would be quadratic in a long cell).
			cs[len(cs)-1].Text = s[textFrom:end]
			cs[len(cs)-1].OneLine = false
			multi = true
		default:
			// A continuation with no cell above (a file that starts
			// mid-cell): keep it as a cell of its own.
			textFrom = end - len(line)
			cs = append(cs, table.Cell{Text: line, Span: 1, OneLine: true, At: model.At{Line: n}})
			left--
		}
		if left < 0 {
			emit(row, cs, cr && multi, fn)
			return &table.Error{At: model.At{Line: n}, Err: errTooManyCells}
		}
		n++
	}
	emit(row, cs, cr && multi, fn)
	return nil
}

// Masks of the SWAR (SIMD within a register) tests of scanCells, lineEnd
// and Detect: one byte repeated eight times in a uint64.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
	lows  = 0x7F7F7F7F7F7F7F7F
	lfs   = '\n' * ones
	crs   = '\r' * ones
	ctls  = (0x80 - 0x20) * ones // added to a byte's low seven bits, reaches 0x80 from 0x20 up
)

// load64 returns the eight bytes of s from i on as a little-endian
// uint64, the byte at i its lowest. (The compiler makes it one load.)
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// loadTail returns the bytes of s from i on, fewer than eight, as load64
// does, with zero (a control character) for the bytes past the end; the
// caller ignores those.
func loadTail(s string, i int) uint64 {
	var w uint64
	for k := len(s) - 1; k >= i; k-- {
		w = w<<8 | uint64(s[k])
	}
	return w
}

// zeroByte returns x with the high bit set of its lowest zero byte, and
// perhaps of bytes above that; zero when no byte of x is zero.
func zeroByte(x uint64) uint64 {
	return (x - ones) &^ x & highs
}

// controls returns w with the high bit set of each byte below 0x20 (TAB,
// LF, CR and the other control characters), and of no other.
func controls(w uint64) uint64 {
	return ^(w&lows + ctls | w) & highs
}

// lineEnd returns the offset of the first line end in s from off on, an
// LF, or a CR too when cr is true, or len(s) when there is none. It reads
// eight bytes at a time: lines are short, a few characters, too short for
// strings.IndexByte to make up for the cost of calling it.
func lineEnd(s string, off int, cr bool) int {
	i := off
	if !cr {
		for ; i+8 <= len(s); i += 8 {
			if m := zeroByte(load64(s, i) ^ lfs); m != 0 {
				return i + bits.TrailingZeros64(m)>>3
			}
		}
	} else {
		for ; i+8 <= len(s); i += 8 {
			w := load64(s, i)
			// The lowest bit set of either mask is a true match, so
			// is the lowest of the two together.
			if m := zeroByte(w^lfs) | zeroByte(w^crs); m != 0 {
				return i + bits.TrailingZeros64(m)>>3
			}
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == '\n' || c == '\r' && cr {
			return i
		}
	}
	return len(s)
}

// afterEnd returns the offset of the line after the line end at end in s
// (LF, CRLF or CR), or len(s) when end is len(s).
func afterEnd(s string, end int) int {
	if end+1 < len(s) && s[end] == '\r' && s[end+1] == '\n' {
		return end + 2
	}
	return min(end+1, len(s))
}

// emit hands the row of cells cs, read by scanCells, to fn as row, if it
// has cells, and returns cs emptied for the next. With fixCR it first
// rewrites CR and CRLF in the cells' texts as LF: scanCells asks for it
// only when a cell runs over lines of an input with CRs, as only such a
// cell can hold one.
func emit(row *table.Row, cs []table.Cell, fixCR bool, fn func(*table.Row)) []table.Cell {
	if len(cs) == 0 {
		return cs
	}
	if fixCR {
		for i := range cs {
			if t := cs[i].Text; strings.IndexByte(t, '\r') >= 0 {
				t = strings.ReplaceAll(t, "\r\n", "\n")
				cs[i].Text = strings.ReplaceAll(t, "\r", "\n")
			}
		}
	}
	row.Cells = cs
	row.At = cs[0].At
	fn(row)
	return row.Cells[:0]
}

// scanRows reads the text-rows shape, handing each row to fn. A field that
// starts with a double quote runs to the matching quote, across line ends,
// with "" standing for one quote; a quote elsewhere is an ordinary
// character (as Excel writes it). An unterminated quote is an error at the
// line it opened.
func scanRows(s string, fn func(*table.Row)) error {
	var row table.Row
	line, total := 1, 0
	for len(s) > 0 {
		cells := row.Cells[:0]
		rowLine := line
		for {
			c := table.Cell{Col: len(cells), Span: 1, At: model.At{Line: line}}
			if len(s) > 0 && s[0] == '"' {
				text, rest, nl, ok := quoted(s[1:])
				if !ok {
					return &table.Error{At: model.At{Line: line}, Err: fmt.Errorf("quoted cell %d is not closed", len(cells)+1)}
				}
				c.Text, s = text, rest
				line += nl
				// Anything between the closing quote and the next TAB or
				// line end belongs to the cell (lenient, as Excel reads it).
				i := strings.IndexAny(s, "\t\r\n")
				if i < 0 {
					i = len(s)
				}
				c.Text += s[:i]
				c.OneLine = nl == 0
				s = s[i:]
			} else {
				i := strings.IndexAny(s, "\t\r\n")
				if i < 0 {
					i = len(s)
				}
				c.Text, s, c.OneLine = s[:i], s[i:], true
			}
			cells = append(cells, c)
			if total++; total > maxCells {
				return &table.Error{At: model.At{Line: line}, Err: errTooManyCells}
			}
			if len(s) == 0 || s[0] != '\t' {
				break
			}
			s = s[1:]
		}
		row.Cells = cells
		// s is at a line end or the end of input.
		if len(s) > 0 {
			if s[0] == '\r' && len(s) > 1 && s[1] == '\n' {
				s = s[1:]
			}
			s = s[1:]
		}
		if len(cells) == 1 && strings.TrimSpace(cells[0].Text) == "" {
			line++
			continue // a blank line
		}
		row.At = model.At{Line: rowLine}
		fn(&row)
		line++
	}
	return nil
}

// quoted reads a quoted field body from s (after the opening quote). It
// returns the unescaped text with line ends as "\n", the rest of s after
// the closing quote, and the number of line ends crossed.
func quoted(s string) (text, rest string, nl int, ok bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			if i+1 < len(s) && s[i+1] == '"' {
				b.WriteByte('"')
				i++
				continue
			}
			return b.String(), s[i+1:], nl, true
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteByte('\n')
			nl++
		case '\n':
			b.WriteByte('\n')
			nl++
		default:
			b.WriteByte(c)
		}
	}
	return "", "", nl, false
}
