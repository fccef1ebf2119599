package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/jixiao/jixiao/model"
)

// Line is one line of the NDJSON export: see model.Line. The form object
// is the canonical JSON's, unchanged; query it as form.project_name,
// form.funds.total.executed, unnest(form.indicators).
type Line = model.Line

// ndjsonWriter writes one Line per form.
type ndjsonWriter struct {
	out    io.WriteCloser // nil for standard output
	buf    *bufio.Writer
	b      []byte // a line's JSON, its storage reused
	line   Line
	closed bool
}

func newNDJSON(path string, stdout io.Writer) (*ndjsonWriter, error) {
	w := &ndjsonWriter{}
	var dst io.Writer = os.Stdout
	if stdout != nil {
		dst = stdout
	}
	if path != "-" {
		f, err := os.Create(path)
		if err != nil {
			return nil, fmt.Errorf("export: ndjson: %w", err)
		}
		w.out, dst = f, f
	}
	w.buf = bufio.NewWriterSize(dst, 64<<10)
	return w, nil
}

// Write writes a line for each form of doc, or one line for a document
// without forms.
func (w *ndjsonWriter) Write(doc *model.Document) error {
	if w.closed {
		return errClosed
	}
	n := max(len(doc.Forms), 1)
	for i := range n {
		// The problems' storage is reused, cleared so as to hold on to
		// nothing of the documents before.
		clear(w.line.Problems)
		w.line = Line{Schema: doc.Schema, Source: doc.Source, Status: doc.Status, Problems: w.line.Problems[:0]}
		if w.line.Schema == "" {
			w.line.Schema = model.SchemaVersion
		}
		index := 0
		if i < len(doc.Forms) {
			w.line.Form = &doc.Forms[i]
			index = doc.Forms[i].Index
		}
		for _, p := range doc.Problems {
			if p.Form == index || i == 0 && !hasForm(doc, p.Form) {
				w.line.Problems = append(w.line.Problems, p)
			}
		}
		if w.line.Problems == nil {
			w.line.Problems = []model.Problem{}
		}
		w.b = append(w.line.AppendJSON(w.b[:0], false), '\n')
		if _, err := w.buf.Write(w.b); err != nil {
			return fmt.Errorf("export: ndjson: %s: %w", sourcePath(&doc.Source), err)
		}
	}
	return nil
}

// hasForm reports whether doc has a form of the given index.
func hasForm(doc *model.Document, index int) bool {
	for i := range doc.Forms {
		if doc.Forms[i].Index == index {
			return true
		}
	}
	return false
}

// Close flushes the output and closes it, unless it is standard output.
func (w *ndjsonWriter) Close() error {
	if w.closed {
		return errClosed
	}
	w.closed = true
	err := w.buf.Flush()
	if w.out != nil {
		err = errors.Join(err, w.out.Close())
	}
	if err != nil {
		return fmt.Errorf("export: ndjson: %w", err)
	}
	return nil
}
