package export

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/jixiao/jixiao/model"
)

// xlsxWriter writes one sheet per table into a workbook, through
// excelize's StreamWriter, which keeps at most 16 MiB of each sheet in
// memory and the rest in a temporary file. Saving the workbook at Close
// builds the compressed file in memory (excelize has no streaming save),
// so Close holds about the size of the output file.
type xlsxWriter struct {
	out    *os.File
	file   *excelize.File
	sheets [numTables]*excelize.StreamWriter
	next   [numTables]int // the next row number of each sheet
	values []any
	b      batch
	closed bool
}

// xlsxWidths gives the width of the columns that hold long text; other
// columns are sized by their kind and header.
var xlsxWidths = map[string]float64{
	"source_path": 36, "source_file": 36, "title": 36, "project_name": 36,
	"competent_department": 30, "implementing_unit": 30,
	"goals_planned": 50, "goals_achieved": 50, "goals_adjusted": 50,
	"header_extra": 40, "notes": 40, "extra": 40,
	"label": 20, "name": 36, "target_raw": 20, "actual_raw": 20,
	"deviation_reason": 40, "message": 60, "cells": 60, "code": 28,
}

// xlsxWidth returns the width of column c.
func xlsxWidth(c column) float64 {
	if w, ok := xlsxWidths[c.name]; ok {
		return w
	}
	w := 10.0
	switch c.kind {
	case kindKey, kindText, kindDecimal:
		w = 14
	}
	return max(w, float64(len(c.name))+2)
}

func newXLSX(path string) (_ *xlsxWriter, err error) {
	out, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("export: xlsx: %w", err)
	}
	xw := &xlsxWriter{out: out, file: excelize.NewFile()}
	defer func() {
		if err != nil {
			xw.file.Close()
			out.Close()
		}
	}()
	f := xw.file
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("export: xlsx: %w", err)
	}
	for i, t := range tables {
		if i == 0 {
			err = f.SetSheetName("Sheet1", t.name)
		} else {
			_, err = f.NewSheet(t.name)
		}
		if err != nil {
			return nil, fmt.Errorf("export: xlsx: sheet %s: %w", t.name, err)
		}
		sw, err := f.NewStreamWriter(t.name)
		if err != nil {
			return nil, fmt.Errorf("export: xlsx: sheet %s: %w", t.name, err)
		}
		for j, c := range t.columns {
			if err := sw.SetColWidth(j+1, j+1, xlsxWidth(c)); err != nil {
				return nil, fmt.Errorf("export: xlsx: sheet %s: %w", t.name, err)
			}
		}
		err = sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		if err != nil {
			return nil, fmt.Errorf("export: xlsx: sheet %s: %w", t.name, err)
		}
		header := make([]any, len(t.columns))
		for j, c := range t.columns {
			header[j] = excelize.Cell{StyleID: bold, Value: c.name}
		}
		if err := sw.SetRow("A1", header); err != nil {
			return nil, fmt.Errorf("export: xlsx: sheet %s: %w", t.name, err)
		}
		xw.sheets[i], xw.next[i] = sw, 2
	}
	f.SetActiveSheet(tForms)
	return xw, nil
}

// Write checks every value of doc against the limits of a sheet before it
// writes any, so that a *ValueError leaves nothing of doc in the workbook.
func (xw *xlsxWriter) Write(doc *model.Document) error {
	if xw.closed {
		return errClosed
	}
	xw.b.fill(doc)
	for t := range tables {
		if last := xw.next[t] + xw.b.len(t) - 1; last > excelize.TotalRows {
			return &ValueError{
				Format: "xlsx", Source: sourcePath(&doc.Source), Table: tables[t].name,
				Reason: fmt.Sprintf("%d rows, more than a sheet holds (%d); export to parquet or csv", last, excelize.TotalRows),
			}
		}
		for i := range xw.b.len(t) {
			for j, c := range xw.b.row(t, i) {
				if c.null {
					continue
				}
				switch tables[t].columns[j].kind {
				case kindKey, kindText:
					// A cell holds at most TotalCellChars UTF-16 code
					// units; excelize would cut a longer text short.
					if len(c.text) > excelize.TotalCellChars && utf16Len(c.text) > excelize.TotalCellChars {
						return xw.b.valueError("xlsx", t, i, j, fmt.Sprintf("text of %d characters, more than an xlsx cell holds (%d)",
							utf16Len(c.text), excelize.TotalCellChars))
					}
				case kindDecimal:
					// A number cell holds a float64, written with at most 15
					// significant digits, as Excel does.
					if n := significant(c.text); n > xlsxDigits {
						return xw.b.valueError("xlsx", t, i, j, fmt.Sprintf("%d significant digits, more than an xlsx number holds (%d)",
							n, xlsxDigits))
					}
				}
			}
		}
	}
	for t, sw := range xw.sheets {
		cols := tables[t].columns
		for i := range xw.b.len(t) {
			xw.values = xw.values[:0]
			for j, c := range xw.b.row(t, i) {
				v, err := xlsxValue(cols[j].kind, c)
				if err != nil {
					return fmt.Errorf("export: xlsx: %s: %s.%s: %w", sourcePath(&doc.Source), tables[t].name, cols[j].name, err)
				}
				xw.values = append(xw.values, v)
			}
			cell, err := excelize.CoordinatesToCellName(1, xw.next[t])
			if err == nil {
				err = sw.SetRow(cell, xw.values)
			}
			if err != nil {
				return fmt.Errorf("export: xlsx: %s: sheet %s: %w", sourcePath(&doc.Source), tables[t].name, err)
			}
			xw.next[t]++
		}
	}
	return nil
}

// xlsxValue returns the cell value of c in a column of kind k: nil for a
// null, a string, an int64, a float64 for a decimal, or a bool.
func xlsxValue(k kind, c cell) (any, error) {
	if c.null {
		return nil, nil
	}
	switch k {
	case kindInt, kindOptInt:
		return c.num, nil
	case kindDecimal:
		// ParseFloat rounds correctly, and excelize writes the shortest
		// text that reads back as the same float, so a decimal of up to
		// xlsxDigits significant digits is written as it is.
		f, err := strconv.ParseFloat(c.text, 64)
		if err != nil {
			return nil, err
		}
		return f, nil
	case kindBool, kindOptBool:
		return c.flag, nil
	}
	return c.text, nil
}

// xlsxDigits is the number of significant digits of a number cell. Any
// decimal of at most that many digits survives the float64 and the text
// excelize writes (the shortest that reads back as the same float64).
const xlsxDigits = 15

// significant returns the number of significant digits of the decimal s,
// from its first non-zero digit to its last.
func significant(s string) int {
	first, last, n := -1, -1, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		if c != '0' {
			if first < 0 {
				first = n
			}
			last = n
		}
		n++
	}
	if first < 0 {
		return 0
	}
	return last - first + 1
}

// utf16Len returns the number of UTF-16 code units of s, the measure of an
// xlsx cell's length.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Close finishes the sheets and saves the workbook.
func (xw *xlsxWriter) Close() error {
	if xw.closed {
		return errClosed
	}
	xw.closed = true
	var errs []error
	for i, sw := range xw.sheets {
		if err := sw.Flush(); err != nil {
			errs = append(errs, fmt.Errorf("export: xlsx: sheet %s: %w", tables[i].name, err))
		}
	}
	if len(errs) == 0 {
		if err := xw.file.Write(xw.out); err != nil {
			errs = append(errs, fmt.Errorf("export: xlsx: %w", err))
		}
	}
	if err := xw.file.Close(); err != nil {
		errs = append(errs, fmt.Errorf("export: xlsx: %w", err))
	}
	if err := xw.out.Close(); err != nil {
		errs = append(errs, fmt.Errorf("export: xlsx: %w", err))
	}
	return errors.Join(errs...)
}
