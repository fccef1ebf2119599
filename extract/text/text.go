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
	// A line at a time, eight bytes at a time, stopping only at control
	// characters.
	cells, rows := 0, 0
	i := 0
lines:
	for i < len(s) {
		switch s[i] {
		case '\n', '\r':
			i++ // an empty line, or the LF of a CRLF
			continue
		case '\t':
			// Most lines are cells: a TAB, then text up to the line
			// end, the first control character after the TAB.
			for j := i + 1; j <= len(s)-8; j += 8 {
				if m := controls(load64(s, j)); m != 0 {
					j += bits.TrailingZeros64(m) >> 3
					if c := s[j]; c == '\n' || c == '\r' {
						cells++
						i = j + 1
						continue lines
					}
					break
				}
			}
		}
		// Any other line (or a cell's line near the end): its end, and the
		// TABs on the way.
		start, tabs := i, 0
		for i < len(s) {
			var m uint64
			if i <= len(s)-8 {
				m = controls(load64(s, i))
			} else {
				// The bytes past the end read as zero: drop them.
				m = controls(loadTail(s, i)) & (1<<(8*(len(s)-i)) - 1)
			}
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3
			if c := s[i]; c == '\n' || c == '\r' {
				break
			} else if c == '\t' {
				tabs++
			}
			i++
		}
		i = min(i, len(s))
		cells, rows = tally(s, start, i, tabs, cells, rows)
		i++
	}
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
	// paragraphs inside a cell to rewrite as "\n".
	cr := strings.IndexByte(s, '\r') >= 0
	row := new(table.Row)
	// The row's cells, kept apart from row.Cells while the row is read
	// so that they stay in registers.
	var cs []table.Cell
	left := maxCells // cells still allowed
	multi := false   // a cell of row runs over more than one line
	n, off := 1, 0   // the line at off in s, and its number
	for off < len(s) {
		// A run of cells, a line each: the hot path of the text path,
		// apart in cellRun so that its loop has the registers to
		// itself. It stops at the cap on cells (cs is cut to it) and
		// when cs is full, which the append below then grows.
		if s[off] == '\t' && len(cs) < cap(cs) && left > 0 {
			k := len(cs)
			var run []table.Cell
			off, run = cellRun(s, off, n-k, cs[:k:k+min(cap(cs)-k, left)])
			cs = cs[:len(run)]
			n += len(cs) - k
			left -= len(cs) - k
			if off >= len(s) {
				break
			}
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
			// It ends at the end of the line before this one.
			prev := end - len(line) - 1
			if prev > 0 && s[prev] == '\n' && s[prev-1] == '\r' {
				prev--
			}
			cs[len(cs)-1].Text = s[prev-len(cs[len(cs)-1].Text) : end]
			cs[len(cs)-1].OneLine = false
			multi = true
		default:
			// A continuation with no cell above (a file that starts
			// mid-cell): keep it as a cell of its own.
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

// cellRun reads the cells of s from off on, a line each led by a TAB, into
// cs until a line without the TAB, the end of s, or cs is full; cs[i] is on
// line line0+i. It returns the offset of the line after the run, and cs.
// Lines are short, a few characters, too short for strings.IndexByte to
// make up for the cost of calling it: their ends are searched for eight
// bytes at a time, stopping only at control characters. (s holds a CR
// only when its line ends may be CR or CRLF, so a CR always ends a line.)
func cellRun(s string, off, line0 int, cs []table.Cell) (int, []table.Cell) {
	for off < len(s) {
		if s[off] != '\t' {
			// The LF of the CRLF that ended the last cell: off is
			// never at such an LF when cellRun is called.
			if s[off] != '\n' || off == 0 || s[off-1] != '\r' {
				break
			}
			off++
			continue
		}
		if len(cs) == cap(cs) {
			break
		}
		end := off + 1
		for {
			if end+8 > len(s) {
				for end < len(s) && s[end] != '\n' && s[end] != '\r' {
					end++
				}
				break
			}
			if m := controls(load64(s, end)); m != 0 {
				// A control character: a line end, or (rarely) one
				// that the cell's text holds.
				end += bits.TrailingZeros64(m) >> 3
				if c := s[end]; c == '\n' || c == '\r' {
					break
				}
				end++
				continue
			}
			end += 8
		}
		cs = cs[:len(cs)+1]
		p := &cs[len(cs)-1]
		p.Text = s[off+1 : end]
		p.Col, p.Span, p.Merged, p.OneLine = len(cs)-1, 1, false, true
		p.At = model.At{Line: line0 + len(cs) - 1}
		off = end + 1
	}
	return off, cs
}

// Masks of the SWAR (SIMD within a register) tests of cellRun, lineEnd
// and Detect: one byte repeated eight times in a uint64.
const (
	ones   = 0x0101010101010101
	highs  = 0x8080808080808080
	lfs    = '\n' * ones
	crs    = '\r' * ones
	spaces = ' ' * ones
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

// controls returns w with the high bit set of its lowest byte below 0x20
// (TAB, LF, CR and the other control characters), and perhaps of bytes
// above that; zero when w holds none. Its callers want only the first.
func controls(w uint64) uint64 {
	// A byte below 0x20 borrows, so only the bytes above the lowest
	// such can be wrong; a byte from 0xA0 up keeps its high bit.
	return (w - spaces) &^ w & highs
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
