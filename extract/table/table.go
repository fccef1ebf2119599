// Package table defines the stream every reader produces and the form
// recogniser consumes: rows of cells with their positions in the source.
// Text, docx and HTML readers all reduce their input to this one shape, so
// that recognition never depends on the input format.
package table

import (
	"fmt"
	"strings"

	"github.com/jixiao/jixiao/model"
)

// Cell is one table cell.
type Cell struct {
	// Text is the cell's text: trimmed of surrounding white space by the
	// recogniser, not the reader; paragraphs and line breaks inside the
	// cell are "\n".
	Text string
	// Col is the 0-based grid column where the cell starts and Span the
	// number of grid columns it covers (1 unless merged across). Text
	// readers, which see no grid, number cells 0, 1, 2 … with Span 1.
	Col, Span int
	// Merged is true for a cell that continues a vertically merged cell
	// above it (w:vMerge continue, covered by a rowspan). Its Text is
	// empty: like a blank cell in a text export, it means "same as above".
	Merged bool
	// OneLine is a reader's word that Text holds no line break (CR or
	// LF), which spares the recogniser the search for one. False
	// promises nothing.
	OneLine bool
	// At is the cell's position in the source.
	At model.At
}

// Row is one table row, or one paragraph outside any table (a row of one
// cell, with Para set).
type Row struct {
	Cells []Cell
	// At is the position of the row's first cell.
	At model.At
	// Para is true for a paragraph outside any table (titles, year lines
	// and notes that a Word document keeps between tables).
	Para bool
	// Table is the 1-based table number, 0 for text input and paragraphs.
	// A change of table tells the recogniser a new table has started.
	Table int
}

// Texts returns the cells' texts.
func (r Row) Texts() []string {
	s := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		s[i] = c.Text
	}
	return s
}

// Error is a read error with its position in the input, modelled on
// encoding/csv's ParseError.
type Error struct {
	Path string   // the input file, filled in by package extract
	At   model.At // where reading failed; zero when it failed as a whole
	Err  error
}

// Error formats the error as "path:line 12: cause" for text input and
// "path: table 3, row 9: cause" for tables.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	switch {
	case e.At.Line > 0:
		fmt.Fprintf(&b, ":%d", e.At.Line)
	case e.At.Table > 0:
		fmt.Fprintf(&b, ": table %d, row %d", e.At.Table, e.At.Row)
		if e.At.Col > 0 {
			fmt.Fprintf(&b, ", col %d", e.At.Col)
		}
	case e.At.Paragraph > 0:
		fmt.Fprintf(&b, ": paragraph %d", e.At.Paragraph)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Problem is something a reader noticed while building rows that does not
// stop reading (an hMerge continue cell with no owner, a cell cut short).
type Problem struct {
	Code    string
	Message string
	At      model.At
	Cells   []string
}

// Result is a whole input reduced to rows, with the reader's notes.
type Result struct {
	Format   string
	Encoding string
	Rows     []Row
	Problems []Problem
}
