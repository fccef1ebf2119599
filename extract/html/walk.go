package html

import (
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// blocks are the elements that start and end a line.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Legend: true, atom.Li: true, atom.Listing: true,
	atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Ul: true, atom.Xmp: true,
	atom.Plaintext: true, atom.Caption: true,
}

// unread are the elements whose content is not text of the page.
var unread = map[atom.Atom]bool{
	atom.Head: true, atom.Title: true, atom.Script: true, atom.Style: true,
	atom.Template: true, atom.Noscript: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Svg: true, atom.Math: true, atom.Noembed: true, atom.Noframes: true,
}

// preformatted are the elements whose white space is kept.
var preformatted = map[atom.Atom]bool{
	atom.Pre: true, atom.Textarea: true, atom.Listing: true, atom.Xmp: true, atom.Plaintext: true,
}

// reader turns a parsed page into rows.
type reader struct {
	res    *table.Result
	body   text // the paragraph being read outside tables
	para   int  // paragraphs emitted
	tables int  // tables of the page begun
}

// flow is the reading of one part of the page: the page outside its
// tables, a caption or a cell.
type flow struct {
	r   *reader
	in  *goquery.Selection // the document or element read
	t   *text              // where its text goes
	top bool               // a table met is a table of the page, not a nested one
}

// read writes the text of the content of in to t. Where t is the page's
// text (r.body), a block boundary ends a paragraph. When top is set, a
// table met is read as a table of the page; otherwise it is a nested
// table, written into t a line per row.
//
// The content is visited in document order without recursion, so that
// depth costs no stack. A nested table is read through read again for
// each of its cells: that recursion is as deep as tables nest, which the
// parser's limit of 512 open elements bounds.
func (r *reader) read(in *goquery.Selection, t *text, top bool) {
	f := flow{r: r, in: in, t: t, top: top}
	root := in.Get(0)
	n := root.FirstChild
	for n != nil {
		if f.enter(n) {
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
			f.leave(n)
		}
		for n.NextSibling == nil {
			n = n.Parent
			if n == root {
				return
			}
			f.leave(n)
		}
		n = n.NextSibling
	}
}

// enter handles the start of n and reports whether to read its children.
func (f *flow) enter(n *nethtml.Node) bool {
	switch n.Type {
	case nethtml.TextNode:
		f.t.write(n.Data)
		return false
	case nethtml.ElementNode:
	default:
		return false
	}
	if unread[n.DataAtom] || hidden(n) {
		return false
	}
	switch n.DataAtom {
	case atom.Table:
		// FindNodes climbs from n to f.in in a loop: no recursion.
		if tbl := f.in.FindNodes(n); f.top {
			f.r.table(tbl)
		} else {
			f.r.nested(tbl, f.t)
		}
		return false
	case atom.Br:
		f.t.br()
	case atom.Input:
		v, _ := attr(n, "type")
		if v = strings.ToLower(v); v == "checkbox" || v == "radio" {
			if _, checked := attr(n, "checked"); checked {
				f.t.write("☑")
			} else {
				f.t.write("□")
			}
		}
	}
	if preformatted[n.DataAtom] {
		f.t.pre++
	}
	if blocks[n.DataAtom] {
		f.block()
	}
	return true
}

// leave handles the end of n.
func (f *flow) leave(n *nethtml.Node) {
	if blocks[n.DataAtom] {
		f.block()
	}
	if preformatted[n.DataAtom] && f.t.pre > 0 {
		f.t.pre--
	}
}

// block marks a block boundary: in the page's text it ends a paragraph.
func (f *flow) block() {
	if f.t == &f.r.body {
		f.r.flushPara()
	} else {
		f.t.block()
	}
}

// flushPara emits the paragraph read outside tables, unless it is blank.
func (r *reader) flushPara() {
	s := r.body.String()
	r.body = text{}
	if strings.TrimSpace(s) == "" {
		return
	}
	r.para++
	at := model.At{Paragraph: r.para}
	r.res.Rows = append(r.res.Rows, table.Row{
		Cells: []table.Cell{{Text: s, Span: 1, At: at}},
		At:    at,
		Para:  true,
	})
}

// attr returns the value of n's attribute key and whether n has it. The
// walk meets bare nodes, so every attribute is read with goquery's
// Selection.Attr on a selection of n alone, which does not allocate.
func attr(n *nethtml.Node, key string) (string, bool) {
	return (&goquery.Selection{Nodes: []*nethtml.Node{n}}).Attr(key)
}

// span reads a colspan or rowspan as the HTML standard does: a leading
// integer, 1 when there is none, clamped to [lo, hi].
func span(n *nethtml.Node, key string, lo, hi int) int {
	v, _ := attr(n, key)
	v = strings.TrimSpace(v)
	i := 0
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	k, err := strconv.Atoi(v[:i])
	if err != nil {
		if i > 0 { // too many digits
			return hi
		}
		return 1
	}
	return max(lo, min(k, hi))
}

// style returns the value of a CSS property in n's style attribute.
func style(n *nethtml.Node, prop string) (string, bool) {
	css, _ := attr(n, "style")
	for _, decl := range strings.Split(css, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), prop) {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

// hidden reports whether n is not shown: the hidden attribute, CSS
// display:none, or Word's mso-hide:all.
func hidden(n *nethtml.Node) bool {
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if v, ok := style(n, "display"); ok && strings.EqualFold(v, "none") {
		return true
	}
	v, ok := style(n, "mso-hide")
	return ok && strings.EqualFold(v, "all")
}

// zeroSize reports whether n declares a width or height (prop) of zero,
// as an attribute or in its style.
func zeroSize(n *nethtml.Node, prop string) bool {
	if v, _ := attr(n, prop); v != "" && isZero(v) {
		return true
	}
	v, ok := style(n, prop)
	return ok && isZero(v)
}

// isZero reports whether a length ("0", "0pt", "0.0in") is zero.
func isZero(v string) bool {
	v = strings.TrimSpace(v)
	i := 0
	for i < len(v) && (v[i] >= '0' && v[i] <= '9' || v[i] == '.') {
		i++
	}
	f, err := strconv.ParseFloat(v[:i], 64)
	return err == nil && f == 0
}
