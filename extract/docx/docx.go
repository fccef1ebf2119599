// Package docx reads a Word document (.docx, WordprocessingML) into the row
// stream of package table: one row per table row with one cell per w:tc,
// placed on the table's grid, and one row per paragraph outside tables.
//
// The main document part is read with a streaming XML tokenizer that
// works in place on its buffer and accepts what encoding/xml does, with
// the same errors: memory grows with the rows produced and the depth of
// the markup, not with its size, and no recursion follows the depth.
// Reading is bounded by Limits, which also serve archives of forms
// (OpenZip, ReadEntry).
// Vertically merged cells are emitted as Merged cells with empty text, as a
// text export shows them; text that a document keeps inside a merge's
// continuation goes to the cell that owns the merge.
package docx

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/jixiao/jixiao/extract/decode"
	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// Read reads the .docx archive r of the given size.
func Read(r io.ReaderAt, size int64, lim Limits) (*table.Result, error) {
	z, err := OpenZip(r, size, lim)
	if err != nil {
		return nil, err
	}
	f, err := mainPart(z, lim)
	if err != nil {
		return nil, err
	}
	rc, err := openEntry(f, lim)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return parse(rc, partName(f.Name))
}

// Parse reads a main document part (word/document.xml) from r.
func Parse(r io.Reader) (*table.Result, error) {
	return parse(r, "document.xml")
}

// officeDocument returns the target of the officeDocument relationship in
// a package relationships part, "" when there is none.
func officeDocument(rels []byte) string {
	d := xml.NewDecoder(bytes.NewReader(rels))
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		if strings.HasSuffix(attr(se, "Type"), "/officeDocument") && attr(se, "TargetMode") != "External" {
			return attr(se, "Target")
		}
	}
}

// attr returns the value of the attribute with the given local name.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// reader returns r as UTF-8: a UTF-16 part (which OPC allows, with a
// byte-order mark) is transcoded, and the tokenizer's charset hook then
// accepts the declaration it carries.
func reader(r io.Reader) (io.Reader, bool) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	if b, _ := br.Peek(2); len(b) == 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		return dec.Reader(br), true
	}
	return br, false
}

// newPartTokenizer returns a tokenizer of the XML part r behind a guard.
func newPartTokenizer(r io.Reader) *tokenizer {
	r, utf16 := reader(r)
	t := newTokenizer(&guard{r: r, line: 1})
	t.charset = func(label string, in io.Reader) (io.Reader, error) {
		switch decode.Label(label) {
		case model.EncUTF16LE, model.EncUTF16BE:
			if utf16 {
				return in, nil
			}
		case model.EncGB18030:
			return simplifiedchinese.GB18030.NewDecoder().Reader(in), nil
		case model.EncUTF8:
			return in, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return t
}

// parse reads a main document part; name is the part's name for errors.
func parse(r io.Reader, name string) (*table.Result, error) {
	p := &parser{
		t:   newPartTokenizer(r),
		res: &table.Result{Format: model.FormatDocx},
	}
	if err := p.run(); err != nil {
		var te *table.Error
		if errors.As(err, &te) {
			err = te.Err // a read error, which names the part
		} else {
			err = fmt.Errorf("%s: %w", name, err)
		}
		return nil, &table.Error{At: p.pos(), Err: err}
	}
	return p.res, nil
}

// guard fails at the first control character XML forbids (all below
// U+0020 but TAB, LF and CR), which encoding/xml's rules only find once
// the whole run of text holding it is read: binary data, or a bomb of
// zeros, fails at once. It passes on the data before the character, then
// fails, so the tokenizer stops exactly there. Its errors are sticky.
type guard struct {
	r    io.Reader
	line int
	err  error
}

// charError is a control character in the XML.
type charError struct {
	c    byte
	line int
}

func (e *charError) Error() string {
	return fmt.Sprintf("illegal character U+%04X on line %d", e.c, e.line)
}

func (g *guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; i++ {
		// Eight bytes at a time while none is below 0x20.
		for i+8 <= n && controlFree(binary.LittleEndian.Uint64(p[i:])) {
			i += 8
		}
		if i >= n {
			break
		}
		c := p[i]
		if c >= 0x20 {
			continue
		}
		switch c {
		case '\n':
			g.line++
		case '\t', '\r':
		default:
			g.err = &charError{c, g.line}
			if i == 0 {
				return 0, g.err
			}
			return i, nil
		}
	}
	g.err = err
	return n, err
}

// controlFree reports whether no byte of x is below 0x20 (Bit Twiddling
// Hacks, "determine if a word has a byte less than n").
func controlFree(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x-ones*0x20)&^x&highs == 0
}
