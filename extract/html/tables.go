package html

import (
	"math"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html/atom"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// Selectors of a table's parts, compiled once: ChildrenFiltered would
// compile its selector on every call. Each matches an element by its name
// alone, so matching never recurses, and ChildrenMatcher only loops over
// an element's children: none of the goquery calls of this package
// recurses. A descendant search (Find) would, as deep as the tree, which
// the parser's limit of 512 open elements keeps shallow; none is needed.
var (
	tableParts = cascadia.MustCompile("caption, thead, tbody, tfoot, tr")
	groupRows  = cascadia.MustCompile("tr")
	rowCells   = cascadia.MustCompile("td, th")
)

// maxGrid bounds the grid columns whose rowspans are tracked.
const maxGrid = 1024

// eachRow calls row for each shown row of tbl in document order: its own
// rows, in its row groups or directly under it, never those of a table
// nested in it. It calls caption for each shown caption of tbl and
// groupEnd after each shown row group, unless they are nil.
func eachRow(tbl *goquery.Selection, caption, row func(*goquery.Selection), groupEnd func()) {
	for _, part := range tbl.ChildrenMatcher(tableParts).EachIter() {
		n := part.Get(0)
		if hidden(n) {
			continue
		}
		switch n.DataAtom {
		case atom.Caption:
			if caption != nil {
				caption(part)
			}
		case atom.Tr:
			row(part)
		default:
			for _, tr := range part.ChildrenMatcher(groupRows).EachIter() {
				if !hidden(tr.Get(0)) {
					row(tr)
				}
			}
			if groupEnd != nil {
				groupEnd()
			}
		}
	}
}

// eachCell calls f for each shown td or th of row tr.
func eachCell(tr *goquery.Selection, f func(*goquery.Selection)) {
	for _, td := range tr.ChildrenMatcher(rowCells).EachIter() {
		if !hidden(td.Get(0)) {
			f(td)
		}
	}
}

// cellText returns the text of a td or th.
func (r *reader) cellText(td *goquery.Selection) string {
	var t text
	r.read(td, &t, false)
	return t.String()
}

// nested writes a table nested in a cell or caption into t: a line per
// row, with the texts of its cells joined by TAB; rows with no text are
// left out, and so are its captions.
func (r *reader) nested(tbl *goquery.Selection, t *text) {
	var cells []string
	eachRow(tbl, nil, func(tr *goquery.Selection) {
		cells = cells[:0]
		eachCell(tr, func(td *goquery.Selection) {
			cells = append(cells, r.cellText(td))
		})
		if line := strings.Join(cells, "\t"); strings.Trim(line, "\t\n ") != "" {
			t.raw(line)
		}
	}, nil)
}

// grid is a table of the page being read.
type grid struct {
	num   int
	row   int // rows read, including dropped ones
	col   int // the grid column the next cell may take
	cells []table.Cell
	cover []cover // rowspans reaching down, by grid column
}

// cover is a grid column covered by a rowspan: in rows from to to, by a
// cell starting at column head and span columns wide.
type cover struct{ from, to, head, span int }

// table reads a table of the page: a row per row, its captions as
// paragraphs.
func (r *reader) table(tbl *goquery.Selection) {
	r.flushPara()
	r.tables++
	g := grid{num: r.tables}
	eachRow(tbl, r.caption, func(tr *goquery.Selection) { r.row(&g, tr) }, g.groupEnd)
}

// caption reads a caption of a table of the page as paragraphs.
func (r *reader) caption(c *goquery.Selection) {
	r.flushPara()
	r.read(c, &r.body, false)
	r.flushPara()
}

// groupEnd ends the rowspans at the end of a row group.
func (g *grid) groupEnd() {
	for i := range g.cover {
		g.cover[i].to = min(g.cover[i].to, g.row)
	}
}

// row places the cells of tr on the grid, with a Merged cell wherever a
// rowspan from above covers it, and emits the row unless it has no cell or
// is a filler row.
func (r *reader) row(g *grid, tr *goquery.Selection) {
	g.row++
	g.col = 0
	g.cells = nil
	tds := 0
	blank, zw, zh := true, true, true
	eachCell(tr, func(td *goquery.Selection) {
		n := td.Get(0)
		for g.covered(g.col) {
			g.merged()
		}
		col, cols, rows := g.col, span(n, "colspan", 1, 1000), span(n, "rowspan", 0, 65534)
		s := r.cellText(td)
		g.cells = append(g.cells, table.Cell{
			Text: s, Col: col, Span: cols,
			At: model.At{Table: g.num, Row: g.row, Col: col + 1},
		})
		if rows != 1 {
			to := g.row + rows - 1
			if rows == 0 { // to the end of the row group
				to = math.MaxInt
			}
			for i := col; i < min(col+cols, maxGrid); i++ {
				for len(g.cover) <= i {
					g.cover = append(g.cover, cover{})
				}
				g.cover[i] = cover{from: g.row + 1, to: to, head: col, span: cols}
			}
		}
		g.col = col + cols
		tds++
		blank = blank && strings.TrimSpace(s) == ""
		zw = zw && zeroSize(n, "width")
		zh = zh && zeroSize(n, "height")
	})
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
	filler := blank && (zeroSize(tr.Get(0), "height") || zw || zh)
	if tds > 0 && !filler {
		r.res.Rows = append(r.res.Rows, table.Row{Cells: g.cells, At: g.cells[0].At, Table: g.num})
	}
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
