package docx

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsM       = "http://schemas.openxmlformats.org/officeDocument/2006/math"
	nsMStrict = "http://purl.oclc.org/ooxml/officeDocument/math"
)

// maxGrid bounds the grid columns a span may cover and whose merges are
// tracked. Word allows 63 columns.
const maxGrid = 1024

// kind is what an open element means to the parser.
type kind uint8

const (
	kOther    kind = iota // read through
	kTable                // a table outside any cell
	kRow                  // a row of it
	kCell                 // a cell of it
	kNTable               // a table inside a cell or paragraph
	kNRow                 // a row of that
	kNCell                // a cell of that
	kPara                 // a paragraph inside a cell
	kBodyPara             // a paragraph outside tables
	kText                 // w:t, m:t
	kTcPr                 // a cell's properties
	kTrPr                 // a row's properties
	kCheck                // a legacy check box form field
	kAlt                  // mc:AlternateContent, no branch read yet
	kAltRead              // mc:AlternateContent, a branch read
)

// Merge states of a cell.
const (
	mergeNone = iota
	mergeRestart
	mergeContinue
)

// sink collects the text of a cell or paragraph. Each paragraph, and each
// row of a nested table, ends a line; the line break is written when more
// text follows, so a cell does not end in one.
type sink struct {
	b   []byte
	nl  int  // line breaks owed
	mid bool // the last line has text
}

// reset empties s, keeping its buffer.
func (s *sink) reset() { *s = sink{b: s.b[:0]} }

func (s *sink) write(t string) {
	if t == "" {
		return
	}
	for ; s.nl > 0; s.nl-- {
		s.b = append(s.b, '\n')
	}
	s.b = append(s.b, t...)
	s.mid = t[len(t)-1] != '\n'
}

// writeBytes is write of a piece of the document's text.
func (s *sink) writeBytes(t []byte) {
	if len(t) == 0 {
		return
	}
	for ; s.nl > 0; s.nl-- {
		s.b = append(s.b, '\n')
	}
	s.b = append(s.b, t...)
	s.mid = t[len(t)-1] != '\n'
}

// startLine starts a paragraph: on a line of its own, even inside another
// paragraph (a text box).
func (s *sink) startLine() {
	if s.mid && s.nl == 0 {
		s.nl = 1
	}
}

func (s *sink) endLine() { s.nl++ }

// cell is an open top-level w:tc.
type cell struct {
	col, span      int
	vmerge, hmerge int
	text           sink
}

// nested is an open table inside a cell or paragraph; its rows become
// lines of the parent's text, its cells joined by TAB.
type nested struct {
	parent *sink // nil when the table lies where no text is kept
	inRow  bool
	cells  []string
	cell   *sink
}

// ref points at a cell: an index into Result.Rows (len(Rows) for the row
// being built) and into that row's cells. row < 0 points nowhere.
type ref struct{ row, cell int }

var none = ref{-1, -1}

// check is an open legacy check box field.
type check struct{ checked, set bool }

type parser struct {
	t     *tokenizer
	res   *table.Result
	root  bool
	stack []kind
	nest  []*nested
	body  *sink // open paragraph outside tables: &bodyPara, or nil
	tc    *cell // open top-level cell: &cell, or nil
	check check

	// The open paragraph and cell, their buffers kept for the next.
	bodyPara sink
	cell     cell

	inTable, inRow  bool
	table, row, col int
	cells           []table.Cell
	width           int   // the cells of the last row
	above, cur      []ref // the owner of each grid column in the previous and this row
	para            int
}

func (p *parser) run() error {
	for {
		tok, err := p.t.next()
		if err == io.EOF {
			if !p.root {
				return errors.New("no document element")
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch tok {
		case tokStart:
			if !p.root {
				if p.t.class != nsClassW || string(p.t.local) != "document" {
					return errors.New("root element <" + string(p.t.local) + "> is not w:document")
				}
				p.root = true
			}
			if err := p.start(); err != nil {
				return err
			}
		case tokEnd:
			p.end()
		case tokText:
			if p.top() == kText {
				if k := p.sink(); k != nil {
					k.writeBytes(p.t.text)
				}
			}
		}
	}
}

func (p *parser) top() kind {
	if len(p.stack) == 0 {
		return kOther
	}
	return p.stack[len(p.stack)-1]
}

func (p *parser) push(k kind) { p.stack = append(p.stack, k) }

// sink returns where text goes now, nil where none is kept.
func (p *parser) sink() *sink {
	switch {
	case len(p.nest) > 0:
		return p.nest[len(p.nest)-1].cell
	case p.tc != nil:
		return &p.tc.text
	}
	return p.body
}

func (p *parser) text(s string) {
	if k := p.sink(); k != nil {
		k.write(s)
	}
}

// skipped reports whether local names a w: element whose content is
// never text of the document: properties, deletions and field codes.
func skipped(local []byte) bool {
	switch string(local) {
	case "del", "moveFrom", "delText", "delInstrText", "instrText",
		"pPr", "rPr", "tblPr", "tblGrid", "tblPrEx", "sectPr",
		"sdtPr", "sdtEndPr", "fldData":
		return true
	}
	return false
}

// start reads the start element the tokenizer is at.
func (p *parser) start() error {
	t := p.t
	switch t.class {
	case nsClassW:
		return p.startW()
	case nsClassMC:
		switch string(t.local) {
		case "AlternateContent":
			p.push(kAlt)
			return nil
		case "Choice", "Fallback":
			if p.top() != kAlt {
				return t.skip()
			}
			p.stack[len(p.stack)-1] = kAltRead
		}
	case nsClassM:
		if string(t.local) == "t" {
			p.push(kText)
			return nil
		}
	}
	switch p.top() {
	case kTcPr, kTrPr, kCheck:
		return t.skip()
	}
	p.push(kOther)
	return nil
}

func (p *parser) startW() error {
	t := p.t
	local := t.local
	switch p.top() {
	case kTcPr:
		switch string(local) {
		case "gridSpan":
			p.tc.span = clamp(val(t), 1, maxGrid)
		case "vMerge":
			p.tc.vmerge = merge(t)
		case "hMerge":
			p.tc.hmerge = merge(t)
		}
		return t.skip()
	case kTrPr:
		if string(local) == "gridBefore" && len(p.cells) == 0 {
			p.col = clamp(val(t), 0, maxGrid)
		}
		return t.skip()
	case kCheck:
		switch string(local) {
		case "checked":
			p.check = check{checked: on(t), set: true}
		case "default":
			if !p.check.set {
				p.check.checked = on(t)
			}
		}
		return t.skip()
	}
	if skipped(local) {
		return t.skip()
	}
	k := kOther
	switch string(local) {
	case "tbl":
		k = p.startTable()
	case "tr":
		k = p.startRow()
	case "tc":
		k = p.startCell()
	case "p":
		switch s := p.sink(); {
		case s != nil:
			s.startLine()
			k = kPara
		case !p.inTable && len(p.nest) == 0:
			p.bodyPara.reset()
			p.body = &p.bodyPara
			k = kBodyPara
		}
	case "t":
		k = kText
	case "tcPr":
		if p.top() == kCell {
			k = kTcPr
		} else {
			return t.skip()
		}
	case "trPr":
		if p.top() == kRow {
			k = kTrPr
		} else {
			return t.skip()
		}
	case "tab", "ptab":
		p.text("\t")
	case "br", "cr":
		p.text("\n")
	case "noBreakHyphen":
		p.text("-")
	case "sym":
		font := string(t.attr("font"))
		p.text(symbol(font, string(t.attr("char"))))
	case "checkBox":
		p.check = check{}
		k = kCheck
	}
	p.push(k)
	return nil
}

func (p *parser) startTable() kind {
	if s := p.sink(); s != nil || len(p.nest) > 0 {
		p.nest = append(p.nest, &nested{parent: s})
		return kNTable
	}
	if p.inTable {
		// A table directly inside a table: read its rows as the outer's.
		return kOther
	}
	p.inTable = true
	p.table++
	p.row = 0
	p.above, p.cur = p.above[:0], p.cur[:0]
	return kTable
}

func (p *parser) startRow() kind {
	if n := len(p.nest); n > 0 {
		if t := p.nest[n-1]; t.cell == nil && !t.inRow {
			t.inRow = true
			t.cells = t.cells[:0]
			return kNRow
		}
		return kOther
	}
	if !p.inTable || p.inRow || p.tc != nil {
		return kOther
	}
	p.inRow = true
	p.row++
	p.col = 0
	p.cells = nil
	return kRow
}

func (p *parser) startCell() kind {
	if n := len(p.nest); n > 0 {
		if t := p.nest[n-1]; t.inRow && t.cell == nil {
			t.cell = &sink{}
			return kNCell
		}
		return kOther
	}
	if !p.inRow || p.tc != nil {
		return kOther
	}
	p.cell = cell{col: p.col, span: 1, text: p.cell.text}
	p.cell.text.reset()
	p.tc = &p.cell
	return kCell
}

func (p *parser) end() {
	if len(p.stack) == 0 {
		return
	}
	k := p.top()
	p.stack = p.stack[:len(p.stack)-1]
	switch k {
	case kTable:
		p.inTable = false
	case kRow:
		p.endRow()
	case kCell:
		p.endCell()
	case kNTable:
		p.nest = p.nest[:len(p.nest)-1]
	case kNRow:
		t := p.nest[len(p.nest)-1]
		t.inRow = false
		line := strings.Join(t.cells, "\t")
		if t.parent != nil && strings.Trim(line, "\t\n ") != "" {
			t.parent.startLine()
			t.parent.write(line)
			t.parent.endLine()
		}
	case kNCell:
		t := p.nest[len(p.nest)-1]
		t.cells = append(t.cells, string(t.cell.b))
		t.cell = nil
	case kPara:
		if s := p.sink(); s != nil {
			s.endLine()
		}
	case kBodyPara:
		s := string(p.body.b)
		p.body = nil
		if strings.TrimSpace(s) != "" {
			p.para++
			at := model.At{Paragraph: p.para}
			p.res.Rows = append(p.res.Rows, table.Row{
				Cells: []table.Cell{{Text: s, Span: 1, At: at}},
				At:    at,
				Para:  true,
			})
		}
	case kCheck:
		if p.check.checked {
			p.text("☑")
		} else {
			p.text("□")
		}
	}
}

func (p *parser) endRow() {
	p.inRow = false
	if len(p.cells) > 0 {
		p.res.Rows = append(p.res.Rows, table.Row{Cells: p.cells, At: p.cells[0].At, Table: p.table})
		p.width = len(p.cells)
	}
	p.cells = nil
	p.above, p.cur = p.cur, p.above[:0]
}

func (p *parser) endCell() {
	c := p.tc
	p.tc = nil
	text := string(c.text.b)
	at := model.At{Table: p.table, Row: p.row, Col: c.col + 1}
	defer func() { p.col = c.col + c.span }()
	switch {
	case c.vmerge == mergeContinue:
		if o := owner(p.above, c.col); o != none {
			p.appendTo(o, text)
			p.occupy(c.col, c.span, o)
			p.addCell(table.Cell{Col: c.col, Span: c.span, Merged: true, At: at})
			return
		}
		p.problem("docx.vmerge_orphan", "vertically merged cell continues no cell above", at, text)
	case c.hmerge == mergeContinue:
		n := len(p.cells)
		if o := owner(p.cur, c.col-1); n > 0 && o != none && p.cells[n-1].Col+p.cells[n-1].Span == c.col {
			p.cells[n-1].Span += c.span
			p.appendTo(o, text)
			p.occupy(c.col, c.span, o)
			return
		}
		p.problem("docx.hmerge_orphan", "horizontally merged cell continues no cell to its left", at, text)
	}
	p.occupy(c.col, c.span, ref{len(p.res.Rows), len(p.cells)})
	p.addCell(table.Cell{Text: text, Col: c.col, Span: c.span, At: at})
}

// addCell adds c to the row being built, whose cells are allocated as
// many as the last row's.
func (p *parser) addCell(c table.Cell) {
	if p.cells == nil {
		p.cells = make([]table.Cell, 0, max(p.width, 1))
	}
	p.cells = append(p.cells, c)
}

func (p *parser) problem(code, msg string, at model.At, text string) {
	p.res.Problems = append(p.res.Problems, table.Problem{Code: code, Message: msg, At: at, Cells: []string{text}})
}

// owner returns who owns grid column col in occ.
func owner(occ []ref, col int) ref {
	if col < 0 || col >= len(occ) {
		return none
	}
	return occ[col]
}

// occupy records o as the owner of span grid columns from col in this row.
func (p *parser) occupy(col, span int, o ref) {
	end := min(col+span, maxGrid)
	for len(p.cur) < end {
		p.cur = append(p.cur, none)
	}
	for i := col; i < end; i++ {
		p.cur[i] = o
	}
}

// appendTo adds the text of a merge's continuation to the owning cell.
func (p *parser) appendTo(o ref, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	var c *table.Cell
	if o.row == len(p.res.Rows) {
		c = &p.cells[o.cell]
	} else {
		c = &p.res.Rows[o.row].Cells[o.cell]
	}
	if c.Text == "" {
		c.Text = text
	} else {
		c.Text += "\n" + text
	}
}

// pos returns where the parser is, for errors.
func (p *parser) pos() model.At {
	switch {
	case p.tc != nil:
		return model.At{Table: p.table, Row: p.row, Col: p.tc.col + 1}
	case p.inTable:
		return model.At{Table: p.table, Row: p.row}
	case p.body != nil:
		return model.At{Paragraph: p.para + 1}
	}
	return model.At{}
}

// val returns the integer w:val of the element t is at, 0 when absent or
// malformed.
func val(t *tokenizer) int {
	n, err := strconv.Atoi(string(bytes.TrimSpace(t.attr("val"))))
	if err != nil {
		return 0
	}
	return n
}

func clamp(n, lo, hi int) int { return max(lo, min(n, hi)) }

// merge reads w:vMerge or w:hMerge: absent w:val means continue.
func merge(t *tokenizer) int {
	if string(t.attr("val")) == "restart" {
		return mergeRestart
	}
	return mergeContinue
}

// on reads an on/off property: absent w:val means on.
func on(t *tokenizer) bool {
	switch string(t.attr("val")) {
	case "0", "false", "off":
		return false
	}
	return true
}

// boxes maps the Wingdings and Wingdings 2 code points that Chinese forms
// use as check boxes (in the symbol fonts' 0xF0xx private use form, less
// 0xF000) to ☑ and □.
var boxes = map[rune]string{
	0xFE: "☑", 0xFD: "☑", 0x78: "☑", // Wingdings: box with tick, box with cross, boxed x
	0x52: "☑", 0x53: "☑", 0x54: "☑", // Wingdings 2: the same
	0xA8: "□", 0x6F: "□", 0x71: "□", // Wingdings: empty boxes
	0xA3: "□", // Wingdings 2: empty box
}

// marks maps the tick and cross of each symbol font.
var marks = map[string]map[rune]string{
	"wingdings":   {0xFC: "✓", 0xFB: "✗"},
	"wingdings 2": {0x50: "✓", 0x4F: "✗"},
}

// symbol returns the text of a w:sym: check boxes of the Wingdings fonts
// (or of no font, in the symbol area) as ☑ and □, other characters as
// they are.
func symbol(font, char string) string {
	n, err := strconv.ParseUint(strings.TrimSpace(char), 16, 32)
	if err != nil || n > 0x10FFFF {
		return ""
	}
	r := rune(n)
	low, pua := r, r >= 0xF000 && r <= 0xF0FF
	if pua {
		low = r - 0xF000
	}
	font = strings.ToLower(strings.TrimSpace(font))
	if strings.HasPrefix(font, "wingdings") || font == "" && pua {
		if s, ok := boxes[low]; ok {
			return s
		}
		if s, ok := marks[font][low]; ok {
			return s
		}
	}
	return string(r)
}
