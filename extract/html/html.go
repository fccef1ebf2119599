// Package html reads an HTML page, as Word, WPS or LibreOffice save a
// document, into the row stream of package table: one row per row of a
// top-level table, with one cell per td or th placed on the table's grid,
// and one row per paragraph outside tables.
//
// A cell covered by a rowspan from above is emitted as a Merged cell with
// empty text, as a text export shows it. Text is read as a browser shows
// it: white space collapsed, <br> and block boundaries as line breaks,
// &nbsp; as a space. Tables nested in a cell stay in that cell's text, a
// line per row with cells joined by TAB.
//
// The page is parsed by golang.org/x/net/html into a goquery document;
// goquery selects each table's own rows and each row's own cells, and a
// hand-written walk lays out the text of the cells and of the page
// outside its tables.
package html

import (
	"bytes"
	"strings"

	"github.com/PuerkitoBio/goquery"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/jixiao/jixiao/extract/decode"
	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// Read reads an HTML page. The charset comes from a byte-order mark, else
// from a <meta> declaration, else it is UTF-8 when the bytes are valid
// UTF-8 and GB18030 when not.
func Read(b []byte) (*table.Result, error) {
	res := &table.Result{Format: model.FormatHTML}
	s, enc, err := decodePage(b, res)
	if err != nil {
		return nil, &table.Error{Err: err}
	}
	res.Encoding = enc
	doc, err := parse(s, res)
	if err != nil {
		return nil, &table.Error{Err: err}
	}
	r := reader{res: res}
	r.read(doc.Selection, &r.body, true)
	r.flushPara()
	return res, nil
}

// prescan is how much of a page is searched for a <meta> charset. The
// HTML standard says 1024 bytes; Word writes long style sheets first.
const prescan = 64 << 10

// decodePage decodes b and names its encoding as model.Enc* does.
func decodePage(b []byte, res *table.Result) (string, string, error) {
	if enc, n := decode.BOM(b); enc != "" {
		s, err := decode.With(enc, b[n:])
		return s, enc, err
	}
	label := metaCharset(b[:min(len(b), prescan)])
	if label == "" {
		return decode.Bytes(b)
	}
	enc := decode.Label(label)
	switch enc {
	case model.EncUTF16LE, model.EncUTF16BE:
		// A page that declares UTF-16 in bytes readable as ASCII is not
		// UTF-16 (HTML §13.2.3.3).
		enc = model.EncUTF8
	case "":
		s, got, err := decode.Bytes(b)
		res.Problems = append(res.Problems, table.Problem{
			Code:    "html.charset_unknown",
			Message: "page declares charset " + label + ", which is not read; read as " + got,
		})
		return s, got, err
	}
	if s, err := decode.With(enc, b); err == nil {
		return s, enc, nil
	}
	s, got, err := decode.Bytes(b)
	if err == nil {
		res.Problems = append(res.Problems, table.Problem{
			Code:    "html.charset_mismatch",
			Message: "page declares charset " + label + " but is not " + enc + "; read as " + got,
		})
	}
	return s, got, err
}

// metaCharset returns the charset label a <meta charset> or a <meta
// http-equiv="Content-Type" content="…; charset=…"> before <body> gives.
func metaCharset(b []byte) string {
	z := nethtml.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return ""
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, more := z.TagName()
			switch atom.Lookup(name) {
			case atom.Body:
				return ""
			case atom.Meta:
				var charset, content string
				var equiv bool
				for more {
					var k, v []byte
					k, v, more = z.TagAttr()
					switch string(k) {
					case "charset":
						charset = strings.TrimSpace(string(v))
					case "http-equiv":
						equiv = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
					case "content":
						content = string(v)
					}
				}
				if charset != "" {
					return charset
				}
				if equiv {
					if c := contentCharset(content); c != "" {
						return c
					}
				}
			}
		}
	}
}

// contentCharset extracts the charset from a Content-Type value, as the
// HTML standard's algorithm for a meta element's content does.
func contentCharset(s string) string {
	for {
		i := strings.Index(strings.ToLower(s), "charset")
		if i < 0 {
			return ""
		}
		s = strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
		if !strings.HasPrefix(s, "=") {
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\n\f\r")
		if s == "" {
			return ""
		}
		if q := s[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return ""
			}
			return s[1 : 1+end]
		}
		if end := strings.IndexAny(s, " \t\n\f\r;"); end >= 0 {
			s = s[:end]
		}
		return s
	}
}

// parse builds the document. x/net/html refuses markup nested deeper than
// 512 elements; such a page is parsed again without its formatting
// elements and with its other blocks made paragraphs, which do not nest,
// so that its text is kept. Tables nested that deep are refused. The limit
// also bounds how deep the reader recurses through nested tables.
func parse(s string, res *table.Result) (*goquery.Document, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err == nil {
		return doc, nil
	}
	doc, err2 := goquery.NewDocumentFromReader(strings.NewReader(flatten(s)))
	if err2 != nil {
		return nil, err
	}
	res.Problems = append(res.Problems, table.Problem{
		Code:    "html.flattened",
		Message: "markup nested too deep (" + err.Error() + "); read without its formatting",
	})
	return doc, nil
}

// kept are the elements flatten keeps: document structure, tables, line
// breaks, form controls and elements whose content is not markup.
var kept = map[atom.Atom]bool{
	atom.Html: true, atom.Head: true, atom.Body: true, atom.Title: true, atom.Meta: true,
	atom.Style: true, atom.Script: true, atom.Noscript: true, atom.Template: true,
	atom.Textarea: true, atom.Xmp: true, atom.Iframe: true, atom.Noembed: true,
	atom.Noframes: true, atom.Plaintext: true,
	atom.Table: true, atom.Caption: true, atom.Colgroup: true, atom.Col: true,
	atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Br: true, atom.Input: true,
}

// flatten rewrites a page for a second parse: it drops every element but
// the kept ones and writes blocks as paragraphs.
func flatten(s string) string {
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			return b.String()
		case nethtml.TextToken, nethtml.DoctypeToken:
			b.Write(z.Raw())
		case nethtml.StartTagToken, nethtml.EndTagToken, nethtml.SelfClosingTagToken:
			raw := z.Raw()
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case kept[a]:
				b.Write(raw)
			case blocks[a] && tt == nethtml.EndTagToken:
				b.WriteString("</p>")
			case blocks[a]:
				b.WriteString("<p>")
			}
		}
	}
}
