package export

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/jixiao/jixiao/model"
)

// csvWriter writes one CSV file per table into a folder: UTF-8, a header
// row, fields quoted as RFC 4180 says (encoding/csv), lines ended by "\n"
// (also inside a quoted field, where the text has a line break), nulls as
// empty fields, decimals in canonical text, booleans as true and false.
type csvWriter struct {
	files  [numTables]*os.File
	csvs   [numTables]*csv.Writer
	record []string
	b      batch
	closed bool
}

// bom is the UTF-8 byte order mark, by which Excel recognises UTF-8.
const bom = "\uFEFF"

func newCSV(dir string, opt Options) (_ *csvWriter, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: csv: %w", err)
	}
	cw := &csvWriter{}
	defer func() {
		if err != nil {
			for _, f := range cw.files {
				if f != nil {
					f.Close()
				}
			}
		}
	}()
	for i, t := range tables {
		f, err := os.Create(filepath.Join(dir, t.name+".csv"))
		if err != nil {
			return nil, fmt.Errorf("export: csv: %w", err)
		}
		cw.files[i] = f
		if opt.Excel {
			if _, err := f.WriteString(bom); err != nil {
				return nil, fmt.Errorf("export: csv: %w", err)
			}
		}
		cw.csvs[i] = csv.NewWriter(f)
		header := make([]string, len(t.columns))
		for j, c := range t.columns {
			header[j] = c.name
		}
		if err := cw.csvs[i].Write(header); err != nil {
			return nil, fmt.Errorf("export: csv: %s: %w", t.name, err)
		}
	}
	return cw, nil
}

// Write writes the rows of doc.
func (cw *csvWriter) Write(doc *model.Document) error {
	if cw.closed {
		return errClosed
	}
	cw.b.fill(doc)
	for t := range tables {
		cols := tables[t].columns
		for i := range cw.b.len(t) {
			cw.record = cw.record[:0]
			for j, c := range cw.b.row(t, i) {
				cw.record = append(cw.record, csvField(cols[j].kind, c))
			}
			if err := cw.csvs[t].Write(cw.record); err != nil {
				return fmt.Errorf("export: csv: %s: %s: %w", sourcePath(&doc.Source), tables[t].name, err)
			}
		}
	}
	return nil
}

// csvField returns the text of c in a column of kind k.
func csvField(k kind, c cell) string {
	if c.null {
		return ""
	}
	switch k {
	case kindInt, kindOptInt:
		return strconv.FormatInt(c.num, 10)
	case kindBool, kindOptBool:
		return strconv.FormatBool(c.flag)
	}
	return c.text
}

// Close flushes and closes the files.
func (cw *csvWriter) Close() error {
	if cw.closed {
		return errClosed
	}
	cw.closed = true
	var errs []error
	for i, w := range cw.csvs {
		w.Flush()
		if err := w.Error(); err != nil {
			errs = append(errs, fmt.Errorf("export: csv: %s: %w", tables[i].name, err))
		}
		if err := cw.files[i].Close(); err != nil {
			errs = append(errs, fmt.Errorf("export: csv: %w", err))
		}
	}
	return errors.Join(errs...)
}
