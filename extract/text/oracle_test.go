// This file keeps the tokenizer as it was before it was rewritten for
// speed (SWAR line ends, one-pass Detect), frozen as the oracle that
// TestOracle and FuzzOracle hold the current one to. Do not edit it to
// follow changes of the tokenizer: a difference is for the tests to find.

package text

import (
	"fmt"
	"strings"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// oldDetectBytes is how much of the input oldDetect looks at: a few hundred
// oldLines tell the shapes apart, and reading more would cost a good part of
// the time of tokenizing them.
const oldDetectBytes = 16 << 10

// oldDetect returns the shape of s: model.FormatTextCells when most of its
// oldLines (in its first 16 KiB) are single cells led by a TAB, else
// model.FormatTextRows.
func oldDetect(s string) string {
	if len(s) > oldDetectBytes {
		s = s[:oldDetectBytes]
	}
	cells, rows := 0, 0
	oldLines(s, func(_, _ int, line string) {
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

// oldParse tokenizes s in the given shape, or in the shape oldDetect finds when
// shape is "". Positions are 1-based line numbers. It is oldScan keeping every
// row; oldScan itself holds only the row it is reading.
func oldParse(s, shape string) (*table.Result, error) {
	// The rows' cells are cut from one slab, a row's cells contiguous in
	// it, so that a file costs a few allocations rather than one a row.
	slab := make([]table.Cell, 0, min(strings.Count(s, "\n")+1, maxCells))
	var rows []table.Row
	shape, err := oldScan(s, shape, func(r *table.Row) {
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

// oldScan tokenizes s as oldParse does, handing each row to fn as soon as it is
// read, so that a file of any size is read in the memory of one row. The
// row and its cells are reused for the next row: fn must copy what it
// keeps (the cells' texts are substrings of s, or new strings, and may be
// kept). It returns the shape it read, or "" with an error for an unknown
// shape.
func oldScan(s, shape string, fn func(*table.Row)) (string, error) {
	if shape == "" {
		shape = oldDetect(s)
	}
	switch shape {
	case model.FormatTextCells:
		return shape, oldScanCells(s, fn)
	case model.FormatTextRows:
		return shape, oldScanRows(s, fn)
	}
	return "", fmt.Errorf("text: unknown shape %q", shape)
}

// oldLines calls fn for each line of s with its 1-based number and the byte
// offset where it starts, treating LF, CRLF and CR alike as line ends.
func oldLines(s string, fn func(n, off int, line string)) {
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

// The oracle shares the cap on cells, maxCells, and its error.

// oldScanCells reads the text-cells shape, handing each row to fn: a line led
// by a TAB is a cell, a line without it continues the cell above, and a
// blank line (or one of spaces) ends the row.
func oldScanCells(s string, fn func(*table.Row)) error {
	// Paragraphs inside a cell are "\n" whatever the file's line ends;
	// only an input with a CR has any to rewrite.
	cr := strings.IndexByte(s, '\r') >= 0
	var row table.Row
	textFrom := 0 // where the last cell's text begins in s
	cells := 0
	// The loop is written out, not a call of oldLines: this is the hot loop
	// of the text path, a line a cell.
	for n, off := 1, 0; off < len(s); n++ {
		line, next := oldNextLine(s, off, cr)
		switch {
		case line == "" || (line[0] != '\t' && strings.TrimSpace(line) == ""):
			oldEmit(&row, cr, fn)
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
			oldEmit(&row, cr, fn)
			return &table.Error{At: model.At{Line: n}, Err: errTooManyCells}
		}
		off = next
	}
	oldEmit(&row, cr, fn)
	return nil
}

// oldNextLine returns the line of s that starts at off, without its line end,
// and the offset of the line after it. With cr false, s holds no CR.
func oldNextLine(s string, off int, cr bool) (line string, next int) {
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

// oldEmit hands a row read by oldScanCells to fn, if it has cells, and empties
// it for the next.
func oldEmit(row *table.Row, cr bool, fn func(*table.Row)) {
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

// oldScanRows reads the text-rows shape, handing each row to fn. A field that
// starts with a double quote runs to the matching quote, across line ends,
// with "" standing for one quote; a quote elsewhere is an ordinary
// character (as Excel writes it). An unterminated quote is an error at the
// line it opened.
func oldScanRows(s string, fn func(*table.Row)) error {
	var row table.Row
	line, total := 1, 0
	for len(s) > 0 {
		cells := row.Cells[:0]
		rowLine := line
		for {
			c := table.Cell{Col: len(cells), Span: 1, At: model.At{Line: line}}
			if len(s) > 0 && s[0] == '"' {
				text, rest, nl, ok := oldQuoted(s[1:])
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

// oldQuoted reads a oldQuoted field body from s (after the opening quote). It
// returns the unescaped text with line ends as "\n", the rest of s after
// the closing quote, and the number of line ends crossed.
func oldQuoted(s string) (text, rest string, nl int, ok bool) {
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
