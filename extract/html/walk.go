package html

import (
	"math"
	"strconv"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// maxGrid bounds the grid columns whose rowspans are tracked.
const maxGrid = 1024

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

// grid is an open top-level table.
type grid struct {
	node  *nethtml.Node
	num   int
	row   int           // rows begun, including dropped ones
	tr    *nethtml.Node // the open row
	col   int           // the grid column the next cell may take
	cells []table.Cell
	cover []cover // rowspans reaching down, by grid column

	td    *nethtml.Node // the open cell
	cell  *text
	start cell // where the open cell lies

	tds           int // cells of the open row
	blank, zw, zh bool
	rowZero       bool
}

// cell is the place of a td on the grid.
type cell struct{ col, span, rows int }

// cover is a grid column covered by a rowspan: in rows from to to, by a
// cell starting at column head and span columns wide.
type cover struct{ from, to, head, span int }

// nested is an open table inside a cell or paragraph.
type nested struct {
	node   *nethtml.Node
	parent *text // nil where no text is kept
	tr, td *nethtml.Node
	cells  []string
	cell   *text
}

type walker struct {
	res     *table.Result
	body    text // the paragraph being read outside tables
	para    int
	tables  int
	top     *grid
	nest    []*nested
	caption *nethtml.Node
}

// walk visits the tree in document order without recursion, so that depth
// costs no stack.
func (w *walker) walk(root *nethtml.Node) {
	n := root
	for n != nil {
		descend := w.enter(n)
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if descend {
			w.leave(n)
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			w.leave(n)
		}
		if n == root {
			break
		}
		n = n.NextSibling
	}
	w.flushPara()
}

// sink returns where text goes now, nil where none is kept.
func (w *walker) sink() *text {
	if k := len(w.nest); k > 0 {
		return w.nest[k-1].cell
	}
	if g := w.top; g != nil {
		if g.cell != nil {
			return g.cell
		}
		if w.caption != nil {
			return &w.body
		}
		return nil
	}
	return &w.body
}

// enter handles the start of n and reports whether to read its children.
func (w *walker) enter(n *nethtml.Node) bool {
	switch n.Type {
	case nethtml.DocumentNode:
		return true
	case nethtml.TextNode:
		if s := w.sink(); s != nil {
			s.write(n.Data)
		}
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
		w.startTable(n)
	case atom.Tr:
		w.startRow(n)
	case atom.Td, atom.Th:
		w.startCell(n)
	case atom.Caption:
		if w.top != nil && w.top.node == n.Parent {
			w.flushPara()
			w.caption = n
		}
	case atom.Br:
		if s := w.sink(); s != nil {
			s.br()
		}
	case atom.Input:
		if t := strings.ToLower(attr(n, "type")); t == "checkbox" || t == "radio" {
			if s := w.sink(); s != nil {
				if has(n, "checked") {
					s.write("☑")
				} else {
					s.write("□")
				}
			}
		}
	}
	if preformatted[n.DataAtom] {
		if s := w.sink(); s != nil {
			s.pre++
		}
	}
	if blocks[n.DataAtom] {
		w.block()
	}
	return true
}

// leave handles the end of n.
func (w *walker) leave(n *nethtml.Node) {
	if n.Type != nethtml.ElementNode {
		return
	}
	if blocks[n.DataAtom] {
		w.block()
	}
	if preformatted[n.DataAtom] {
		if s := w.sink(); s != nil && s.pre > 0 {
			s.pre--
		}
	}
	switch n.DataAtom {
	case atom.Table:
		w.endTable(n)
	case atom.Tr:
		w.endRow(n)
	case atom.Td, atom.Th:
		w.endCell(n)
	case atom.Thead, atom.Tbody, atom.Tfoot:
		if g := w.top; g != nil && len(w.nest) == 0 && n.Parent == g.node {
			// A rowspan ends with its row group.
			for i := range g.cover {
				g.cover[i].to = min(g.cover[i].to, g.row)
			}
		}
	case atom.Caption:
		if w.caption == n {
			w.flushPara()
			w.caption = nil
		}
	}
}

// block marks a block boundary: outside tables it ends a paragraph.
func (w *walker) block() {
	s := w.sink()
	switch {
	case s == &w.body:
		w.flushPara()
	case s != nil:
		s.block()
	}
}

// flushPara emits the paragraph read outside tables, unless it is blank.
func (w *walker) flushPara() {
	s := w.body.String()
	w.body = text{}
	if strings.TrimSpace(s) == "" {
		return
	}
	w.para++
	at := model.At{Paragraph: w.para}
	w.res.Rows = append(w.res.Rows, table.Row{
		Cells: []table.Cell{{Text: s, Span: 1, At: at}},
		At:    at,
		Para:  true,
	})
}

func (w *walker) startTable(n *nethtml.Node) {
	if w.top == nil {
		w.flushPara()
		w.tables++
		w.top = &grid{node: n, num: w.tables}
		return
	}
	w.nest = append(w.nest, &nested{node: n, parent: w.sink()})
}

func (w *walker) endTable(n *nethtml.Node) {
	if k := len(w.nest); k > 0 {
		if w.nest[k-1].node == n {
			w.nest = w.nest[:k-1]
		}
		return
	}
	if w.top != nil && w.top.node == n {
		w.top = nil
	}
}

func (w *walker) startRow(n *nethtml.Node) {
	if k := len(w.nest); k > 0 {
		if t := w.nest[k-1]; t.tr == nil && t.td == nil {
			t.tr = n
			t.cells = t.cells[:0]
		}
		return
	}
	g := w.top
	if g == nil || g.tr != nil || g.td != nil {
		return
	}
	g.row++
	g.tr = n
	g.col = 0
	g.cells = nil
	g.tds = 0
	g.blank, g.zw, g.zh = true, true, true
	g.rowZero = zeroSize(n, "height")
}

func (w *walker) endRow(n *nethtml.Node) {
	if k := len(w.nest); k > 0 {
		t := w.nest[k-1]
		if t.tr != n {
			return
		}
		t.tr = nil
		line := strings.Join(t.cells, "\t")
		if t.parent != nil && strings.Trim(line, "\t\n ") != "" {
			t.parent.raw(line)
		}
		return
	}
	g := w.top
	if g == nil || g.tr != n {
		return
	}
	g.tr = nil
	// Columns still covered from above, to the right of the last cell.
	for g.col < len(g.cover) {
		if !g.covered(g.col) {
			g.col++
			continue
		}
		g.merged()
	}
	// Word and LibreOffice end some tables with a row of empty cells of
	// no width or height, to fix the column widths: not a row of the form.
	filler := g.blank && (g.rowZero || g.zw || g.zh)
	if g.tds > 0 && !filler {
		w.res.Rows = append(w.res.Rows, table.Row{Cells: g.cells, At: g.cells[0].At, Table: g.num})
	}
	g.cells = nil
}

func (w *walker) startCell(n *nethtml.Node) {
	if k := len(w.nest); k > 0 {
		if t := w.nest[k-1]; t.tr != nil && t.td == nil {
			t.td = n
			t.cell = &text{}
		}
		return
	}
	g := w.top
	if g == nil || g.tr == nil || g.td != nil {
		return
	}
	for g.covered(g.col) {
		g.merged()
	}
	g.td = n
	g.cell = &text{}
	g.start = cell{col: g.col, span: span(n, "colspan", 1, 1000), rows: span(n, "rowspan", 0, 65534)}
}

func (w *walker) endCell(n *nethtml.Node) {
	if k := len(w.nest); k > 0 {
		t := w.nest[k-1]
		if t.td == n {
			t.cells = append(t.cells, t.cell.String())
			t.td, t.cell = nil, nil
		}
		return
	}
	g := w.top
	if g == nil || g.td != n {
		return
	}
	s := g.cell.String()
	c := g.start
	g.cells = append(g.cells, table.Cell{
		Text: s, Col: c.col, Span: c.span,
		At: model.At{Table: g.num, Row: g.row, Col: c.col + 1},
	})
	if c.rows != 1 {
		to := g.row + c.rows - 1
		if c.rows == 0 { // to the end of the row group
			to = math.MaxInt
		}
		for i := c.col; i < min(c.col+c.span, maxGrid); i++ {
			for len(g.cover) <= i {
				g.cover = append(g.cover, cover{})
			}
			g.cover[i] = cover{from: g.row + 1, to: to, head: c.col, span: c.span}
		}
	}
	g.col = c.col + c.span
	g.tds++
	g.blank = g.blank && strings.TrimSpace(s) == ""
	g.zw = g.zw && zeroSize(n, "width")
	g.zh = g.zh && zeroSize(n, "height")
	g.td, g.cell = nil, nil
}

// covered reports whether a rowspan from above covers column col of the
// open row.
func (g *grid) covered(col int) bool {
	if col >= len(g.cover) {
		return false
	}
	c := g.cover[col]
	return c.from <= g.row && g.row <= c.to
}

// merged emits the merged cell for the rowspan covering g.col and moves
// past it.
func (g *grid) merged() {
	c := g.cover[g.col]
	end := c.head + c.span
	g.cells = append(g.cells, table.Cell{
		Col: g.col, Span: end - g.col, Merged: true,
		At: model.At{Table: g.num, Row: g.row, Col: g.col + 1},
	})
	g.col = end
}

func attr(n *nethtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func has(n *nethtml.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// span reads a colspan or rowspan as the HTML standard does: a leading
// integer, def when there is none, clamped to [lo, hi].
func span(n *nethtml.Node, key string, lo, hi int) int {
	v := strings.TrimSpace(attr(n, key))
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
	for _, decl := range strings.Split(attr(n, "style"), ";") {
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
	if has(n, "hidden") {
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
	if v := attr(n, prop); v != "" && isZero(v) {
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
