// Package extract turns one input file — a text export, a Word document or
// an HTML page — into a model.Document: every form in it, with each field
// parsed, checked and placed, and everything it could not place listed as
// a problem with its position.
//
// The flow is one straight line whatever the format: a reader (package
// text, docx or html) reduces the input to rows of cells, the state
// machine of package form recognises the forms, package normalize parses
// the values, and package check adds the findings.
package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/jixiao/jixiao/extract/decode"
	"github.com/jixiao/jixiao/extract/form"
	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/extract/text"
	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/check"
)

// Options changes how a file is read. The zero value (or nil) detects the
// format from the content and applies the default checks.
type Options struct {
	// Format forces a format (model.FormatTextCells, FormatTextRows,
	// FormatDocx, FormatHTML) instead of detecting it.
	Format string
	// MaxSize caps the bytes read from one input; 0 means DefaultMaxSize.
	MaxSize int64
	// Check configures the findings; nil means check.DefaultConfig.
	Check *check.Config
	// NoCheck leaves every form's findings empty.
	NoCheck bool
}

// DefaultMaxSize is the largest input File and Reader read by default.
const DefaultMaxSize = 256 << 20

// ErrTooLarge is returned for an input larger than Options.MaxSize.
var ErrTooLarge = errors.New("input is larger than the size limit")

// File extracts the forms of the file at path. The returned document is
// never nil: when reading fails it has status "failed" and the error as a
// problem, and the error is also returned (a *table.Error naming the file
// and, where known, the line or table and row).
func File(path string, opt *Options) (*model.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return failed(path, nil, &table.Error{Path: path, Err: errors.Unwrap(err)})
	}
	defer f.Close()
	size := int64(0)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return read(f, size, path, opt)
}

// Reader extracts the forms of the input read from r; path names it in
// the document and in errors.
func Reader(r io.Reader, path string, opt *Options) (*model.Document, error) {
	return read(r, 0, path, opt)
}

// read is Reader for an input thought to be size bytes long (0 when that
// is not known): when the guess is right, the input is read into a buffer
// allocated once, of its size.
func read(r io.Reader, size int64, path string, opt *Options) (*model.Document, error) {
	max := int64(DefaultMaxSize)
	if opt != nil && opt.MaxSize > 0 {
		max = opt.MaxSize
	}
	b, err := ReadAll(r, size, max)
	if err != nil {
		return failed(path, b, &table.Error{Path: path, Err: err})
	}
	if int64(len(b)) > max {
		return failed(path, nil, &table.Error{Path: path, Err: fmt.Errorf("%w (%d bytes)", ErrTooLarge, max)})
	}
	return Bytes(b, path, opt)
}

// Bytes extracts the forms of the input b; path names it in the document
// and in errors.
func Bytes(b []byte, path string, opt *Options) (*model.Document, error) {
	return extractBytes(b, path, opt, form.NewParser(), false)
}

// An Extractor extracts one input after another, reusing its memory from
// each to the next: the recogniser's memo of cell words and the storage
// of its forms and indicators, the buffer ReadAll reads into, and, for
// UTF-8 text, the input itself, which the forms' strings are cut from
// instead of from a copy. So a document it returns, and everything in it
// (strings, numbers, indicators), is valid only until its next call, and
// the input must not change before then: encode or copy what is to be
// kept first, as jixiao extract does. Once warm it allocates less than a
// tenth of the bytes Bytes does for each file: a thirteenth for the
// sample (TestExtractorInPlace), a twentieth for generated forms.
//
// An Extractor is not safe for concurrent use: make one for each
// goroutine with NewExtractor.
type Extractor struct {
	opt    Options
	parser *form.Parser
	used   bool   // the parser has read an input: Reset it first
	buf    []byte // ReadAll's buffer, kept while small
}

// NewExtractor returns an Extractor that extracts with opt (nil for the
// zero Options).
func NewExtractor(opt *Options) *Extractor {
	x := &Extractor{parser: form.NewParser()}
	if opt != nil {
		x.opt = *opt
	}
	return x
}

// maxKeep is the largest buffer an Extractor keeps for the next input.
const maxKeep = 1 << 20

// ReadAll is the package's ReadAll into x's buffer: the bytes it returns
// are overwritten by x's next call to ReadAll, and are those to hand to
// x.Bytes without a copy.
func (x *Extractor) ReadAll(r io.Reader, size, limit int64) ([]byte, error) {
	b, err := readAll(x.buf[:0], r, size, limit)
	x.buf = nil
	if cap(b) <= maxKeep {
		x.buf = b[:0]
	}
	return b, err
}

// Bytes is the package's Bytes with x's memory: the document is valid only
// until x's next call, and b must not change before then.
func (x *Extractor) Bytes(b []byte, path string) (*model.Document, error) {
	if x.used {
		x.parser.Reset()
	}
	x.used = true
	return extractBytes(b, path, &x.opt, x.parser, true)
}

// extractBytes is Bytes with parser, a new one or one Reset for this
// input; with view, UTF-8 text is read in place (see decode.View) and the
// document holds parser's forms instead of a copy.
func extractBytes(b []byte, path string, opt *Options, parser *form.Parser, view bool) (*model.Document, error) {
	if opt == nil {
		opt = &Options{}
	}
	format := opt.Format
	if format == "" {
		format = Detect(b)
	}
	res, err := readFormat(b, format, parser.Row, view)
	doc := newDocument(path, b)
	switch {
	case res != nil:
		doc.Source.Format = res.Format
		doc.Source.Encoding = res.Encoding
	case format == "text":
		doc.Source.Format = model.FormatUnknown // text of no encoding: no shape either
	default:
		doc.Source.Format = format
	}
	if err != nil {
		var te *table.Error
		if !errors.As(err, &te) {
			te = &table.Error{Err: err}
		}
		te.Path = path
		if res == nil && format == "text" && strings.EqualFold(filepath.Ext(path), ".docx") {
			te.Err = fmt.Errorf("not a Word file (a .docx is a zip archive, this is not one) and not text either: %w", te.Err)
		}
		doc.Problems = append(doc.Problems, model.Problem{
			Severity: model.SevError, Code: "read.error", Message: te.Err.Error(), At: te.At})
		err = te
	}
	if res != nil {
		for _, p := range res.Problems {
			doc.Problems = append(doc.Problems, model.Problem{
				Severity: model.SevWarning, Code: p.Code, Message: p.Message, At: p.At, Cells: p.Cells})
		}
		for i := range res.Rows {
			parser.Row(&res.Rows[i])
		}
		forms, probs := parser.Close()
		if view && forms != nil {
			doc.Forms = forms // the parser's storage, as the caller agreed
		} else {
			doc.Forms = append(doc.Forms, forms...)
		}
		doc.Problems = append(doc.Problems, probs...)
		if !opt.NoCheck {
			check.Document(doc, opt.Check)
		}
	}
	doc.Status = status(doc)
	return doc, err
}

// Detect names the format of b from its content: a zip archive is docx
// (one without a Word document in it is reported so by the docx reader),
// HTML markup is html, anything else "text", whose shape the text reader
// tells.
func Detect(b []byte) string {
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) || bytes.HasPrefix(b, []byte("PK\x05\x06")) {
		return model.FormatDocx
	}
	if looksHTML(b) {
		return model.FormatHTML
	}
	return "text"
}

// looksHTML reports whether the start of b is HTML markup.
func looksHTML(b []byte) bool {
	head := b
	if len(head) > 2048 {
		head = head[:2048]
	}
	if enc, n := decode.BOM(head); enc != "" {
		if enc != model.EncUTF8BOM {
			s, _ := decode.With(enc, head[n:len(head)-(len(head)-n)%2])
			head = []byte(s)
		} else {
			head = head[n:]
		}
	}
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '<' {
		// Every mark below begins with '<', which no other rune lowers
		// to: text, most inputs, is told without lowering its head.
		return false
	}
	head = bytes.ToLower(head)
	for _, p := range []string{"<!doctype html", "<html", "<table", "<meta", "<head", "<body", "<?xml"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return p != "<?xml" || bytes.Contains(head, []byte("<html"))
		}
	}
	return bytes.HasPrefix(head, []byte("<!--")) && bytes.Contains(head, []byte("<html"))
}

// ReadAll reads r to its end, or to one byte past limit (so that the
// caller can tell an input larger than limit), into a buffer made for an
// input of size bytes: when the size is right, the buffer is allocated
// once, where io.ReadAll grows it step by step, copying as it goes. A size
// of 0 (not known) or a wrong one still reads the whole input.
func ReadAll(r io.Reader, size, limit int64) ([]byte, error) {
	return readAll(nil, r, size, limit)
}

// readAll is ReadAll into buf's storage, when it is large enough.
func readAll(buf []byte, r io.Reader, size, limit int64) ([]byte, error) {
	w := bytes.NewBuffer(buf)
	w.Grow(int(min(max(size, 0), limit, math.MaxInt32)) + bytes.MinRead)
	_, err := w.ReadFrom(io.LimitReader(r, limit+1))
	return w.Bytes(), err
}

// readFormat runs the reader for format. A text reader hands its rows to
// row as it reads them; the others return theirs in the Result. With view,
// UTF-8 text is read in place, not copied.
func readFormat(b []byte, format string, row func(*table.Row), view bool) (*table.Result, error) {
	switch format {
	case "text", model.FormatTextCells, model.FormatTextRows:
		decodeBytes := decode.Bytes
		if view {
			decodeBytes = decode.View
		}
		s, enc, err := decodeBytes(b)
		if err != nil {
			return nil, err
		}
		shape := ""
		if format != "text" {
			shape = format
		}
		// Text rows go to the recogniser as they are read, never held
		// all at once.
		shape, err = text.Scan(s, shape, row)
		if shape == "" {
			return nil, err
		}
		return &table.Result{Format: shape, Encoding: enc}, err
	default:
		return readOther(b, format)
	}
}

func newDocument(path string, b []byte) *model.Document {
	sum := sha256.Sum256(b)
	return &model.Document{
		Schema:   model.SchemaVersion,
		Source:   model.Source{Path: path, SHA256: hex.EncodeToString(sum[:])},
		Forms:    []model.Form{},
		Problems: []model.Problem{},
	}
}

// failed returns a failed document for an input that could not be read.
func failed(path string, b []byte, err *table.Error) (*model.Document, error) {
	doc := Failed(path, err)
	if b != nil {
		doc.Source.SHA256 = newDocument(path, b).Source.SHA256
	}
	return doc, err
}

// Failed returns the document of an input that could not be read at all:
// status "failed", no forms, and err as its one problem.
func Failed(path string, err error) *model.Document {
	doc := newDocument(path, nil)
	doc.Source.SHA256 = ""
	doc.Source.Format = model.FormatUnknown
	p := model.Problem{Severity: model.SevError, Code: "read.error", Message: err.Error()}
	var te *table.Error
	if errors.As(err, &te) {
		p.Message, p.At = te.Err.Error(), te.At
	}
	doc.Problems = append(doc.Problems, p)
	doc.Status = model.StatusFailed
	return doc
}

// status derives a document's status: failed without forms, partial when
// something was left over (a problem of severity warning or error), ok
// otherwise.
func status(doc *model.Document) string {
	if len(doc.Forms) == 0 {
		return model.StatusFailed
	}
	for _, p := range doc.Problems {
		if p.Severity == model.SevError || p.Severity == model.SevWarning {
			return model.StatusPartial
		}
	}
	return model.StatusOK
}
