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
	cells, rows := 0, 0
	lines(s, func(_, _ int, line string) {
		switch {
		case line == "":
		case line[0] == '\t' && strings.IndexByte(line[1:], '\t') < 0:
			cells++
		case strings.IndexByte(line, '\t') >= 0:
			rows++
		}
	})
	if cells > rows {
		return model.FormatTextCells
	}
	return model.FormatTextRows
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

// lines calls fn for each line of s with its 1-based number and the byte
// offset where it starts, treating LF, CRLF and CR alike as line ends.
func lines(s string, fn func(n, off int, line string)) {
	n, off := 0, 0
	if strings.IndexByte(s, '\r') < 0 {
		// The common case, LF only: IndexByte is much faster than
		// IndexAny.
		for off < len(s) {
			n++
			i := strings.IndexByte(s[off:], '\n')
			if i < 0 {
				fn(n, off, s[off:])
				return
			}
			fn(n, off, s[off:off+i])
			off += i + 1
		}
		return
	}
	for off < len(s) {
		n++
		rest := s[off:]
		i := strings.IndexAny(rest, "\r\n")
		if i < 0 {
			fn(n, off, rest)
			return
		}
		fn(n, off, rest[:i])
		if rest[i] == '\r' && i+1 < len(rest) && rest[i+1] == '\n' {
			i++
		}
		off += i + 1
	}
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
	// Paragraphs inside a cell are "\n" whatever the file's line ends;
	// only an input with a CR has any to rewrite.
	cr := strings.IndexByte(s, '\r') >= 0
	var row table.Row
	textFrom := 0 // where the last cell's text begins in s
	cells := 0
	// The loop is written out, not a call of lines: this is the hot loop
	// of the text path, a line a cell.
	for n, off := 1, 0; off < len(s); n++ {
		line, next := nextLine(s, off, cr)
		switch {
		case line == "" || (line[0] != '\t' && strings.TrimSpace(line) == ""):
			emit(&row, cr, fn)
		case line[0] == '\t':
			textFrom = off + 1
			row.Cells = append(row.Cells, table.Cell{Text: line[1:], Col: len(row.Cells), Span: 1, At: model.At{Line: n}})
			cells++
		case len(row.Cells) > 0:
			// A line without the TAB continues the cell above: the
			// cell's text runs on in s, so it is resliced, not copied
			// line by line (which would be quadratic in a long cell).
			row.Cells[len(row.Cells)-1].Text = s[textFrom : off+len(line)]
		default:
			// A continuation with no cell above (a file that starts
			// mid-cell): keep it as a cell of its own.
			textFrom = off
			row.Cells = append(row.Cells, table.Cell{Text: line, Span: 1, At: model.At{Line: n}})
			cells++
		}
		if cells > maxCells {
			emit(&row, cr, fn)
			return &table.Error{At: model.At{Line: n}, Err: errTooManyCells}
		}
		off = next
	}
	emit(&row, cr, fn)
	return nil
}

// nextLine returns the line of s that starts at off, without its line end,
// and the offset of the line after it. With cr false, s holds no CR.
func nextLine(s string, off int, cr bool) (line string, next int) {
	rest := s[off:]
	if !cr {
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			return rest, len(s)
		}
		return rest[:i], off + i + 1
	}
	i := strings.IndexAny(rest, "\r\n")
	if i < 0 {
		return rest, len(s)
	}
	line = rest[:i]
	if rest[i] == '\r' && i+1 < len(rest) && rest[i+1] == '\n' {
		i++
	}
	return line, off + i + 1
}

// emit hands a row read by scanCells to fn, if it has cells, and empties
// it for the next.
func emit(row *table.Row, cr bool, fn func(*table.Row)) {
	if len(row.Cells) == 0 {
		return
	}
	if cr {
		for i := range row.Cells {
			if t := row.Cells[i].Text; strings.IndexByte(t, '\r') >= 0 {
				t = strings.ReplaceAll(t, "\r\n", "\n")
				row.Cells[i].Text = strings.ReplaceAll(t, "\r", "\n")
			}
		}
	}
	row.At = row.Cells[0].At
	fn(row)
	row.Cells = row.Cells[:0]
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
				s = s[i:]
			} else {
				i := strings.IndexAny(s, "\t\r\n")
				if i < 0 {
					i = len(s)
				}
				c.Text, s = s[:i], s[i:]
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
