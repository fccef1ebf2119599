// Package form recognises self-evaluation forms in a stream of table rows.
//
// It is one state machine for every input format: the text, docx and HTML
// readers reduce their input to rows of cells (package table), and Parse
// walks those rows through explicit states (outside a form, header, funds
// block, goals, indicator table, after the total), in the manner of the
// state functions of text/template/parse's lexer. Columns are found by
// their header words (columns.go), never by position, and values are
// parsed by package normalize.
//
// Nothing is dropped: a row the machine cannot place, or a cell it cannot
// read, is returned as a model.Problem with the row's cells.
package form

import (
	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/slab"
	"github.com/jixiao/jixiao/normalize"
)

// Problem codes.
const (
	CodeOutside       = "row.outside"           // a row before the first form
	CodeUnplaced      = "row.unplaced"          // a row the machine could not place
	CodeEmptyRow      = "row.empty"             // a fully empty row inside the indicator table
	CodeCellUnplaced  = "cell.unplaced"         // a cell outside every known column
	CodeUnreadable    = "cell.unreadable"       // a number cell that holds no number
	CodeNoTitle       = "form.no_title"         // a form that starts without its title
	CodeNoIndicators  = "form.no_indicators"    // a form without indicator rows
	CodeNoTotal       = "form.no_total"         // a form that ends without its total
	CodeTruncated     = "form.truncated"        // the input ends in the middle of a form
	CodeNoForm        = "form.none"             // the input holds no form at all
	CodePlaceholder   = "indicator.placeholder" // ……, empty 指标2 rows
	CodeBreakdown     = "indicator.breakdown"   // an unweighted 其中… row
	CodeLevelOnly     = "indicator.level_only"  // a row holding only level labels
	CodeDuplicateFund = "funds.duplicate_row"   // a second row of the same kind
)

// stateFn is one state of the machine: it consumes a row and returns the
// state for the next one.
type stateFn func(m *machine, r *row) stateFn

// cell is a table cell as the machine sees it.
type cell struct {
	text      string // trimmed, as written
	w         *word  // its key (see key) and what it means; never nil
	col, span int
	at        *model.At // the source cell's position, or its row's
}

// row is a table row with its non-empty cells picked out.
type row struct {
	cells  []cell
	full   []int // indexes of the non-empty cells
	at     model.At
	para   bool
	labels int  // cells that are some label (see anyLabel)
	kind   kind // what classify found, once known
	known  bool
}

func (r *row) empty() bool { return len(r.full) == 0 }

// first returns the first non-empty cell, or nil.
func (r *row) first() *cell {
	if len(r.full) == 0 {
		return nil
	}
	return &r.cells[r.full[0]]
}

// texts returns the cells' texts as written, without trailing empty cells.
func (r *row) texts() []string {
	n := len(r.cells)
	for n > 0 && r.cells[n-1].text == "" {
		n--
	}
	s := make([]string, n)
	for i := range s {
		s[i] = r.cells[i].text
	}
	return s
}

// machine holds the recogniser's state between rows.
type machine struct {
	words    *words          // key and its lookups, memoized
	nums     normalize.Arena // the numbers of the forms, cut from slabs
	forms    []model.Form
	problems []model.Problem
	f        *model.Form // the form being read, nil outside
	done     bool        // the current form's total has been read

	prefix      []model.Field // prefix rows (附件1) waiting for their form
	headerScore *model.Decimal

	// funds block
	fcols     []span
	srcs      []source // sources as columns, see fundsSources
	fundsFrom int      // first grid column of the numbers
	fext      int      // grid width of the header row
	fshift    int      // how far the data rows stand right of the header
	fdata     bool     // a data row has been read under the header
	unit      string
	wExec     *model.Decimal // weight written in a funds header, 得分(20分*执行率)

	// goals block
	gcols []span
	goal  [3][]string // paragraphs of the planned, achieved and adjusted goals
	// block is the label of the numbered goal block being read,
	// 年度绩效目标2(40分); its indicators carry it in their Extra.
	block *model.Field

	// inds is a slab of indicators: each form reads its own into the
	// slab's spare capacity (see start and finish), so that a document's
	// forms cost a few allocations, not one (or more) each.
	inds     []model.Indicator
	indSlabs slab.Slabs[model.Indicator]
	bigForm  int        // the most indicators of a form of the input so far
	form     model.Form // the storage of f

	// strs holds the strings that forms point to (Indicator.Name), so
	// that a form costs an allocation for many names, not one for each.
	strs     []string
	strSlabs slab.Slabs[string]

	// The parts of forms that are one or a few each come from pools
	// (see newOf): allocating each alone cost a few allocations a form,
	// and a reused Parser's pools allocate none.
	fundsPool slab.Pool[model.Funds]
	rowPool   slab.Pool[model.FundsRow]
	goalsPool slab.Pool[model.Goals]
	totalPool slab.Pool[model.Total]
	intPool   slab.Pool[int]

	// indicator table
	hrow           []span // the header row's cells, empty ones included
	icols          []span
	icolAt         []*span // see icol: into icols, empty until icol builds it
	level1, level2 string
	l1w, l2w       *model.Decimal
	l1carry        bool // level1 came from a row above
	// standardParent of parentFor, the last level2 looked up (see parent)
	parentFor, parentOf string
	parentOK            bool
}

// span is a column found in a header row: grid columns [col, end).
type span struct {
	col, end int
	name     string // canonical name, "" for an unknown header
	header   string // the header as written
}

// find returns the span holding grid column col.
func find(spans []span, col int) *span {
	for i := range spans {
		if col >= spans[i].col && col < spans[i].end {
			return &spans[i]
		}
	}
	return nil
}

// Parse recognises the forms in rows. It returns the forms in order, with
// their 1-based Index set, and the problems: rows and cells it could not
// place, and forms it found incomplete.
func Parse(rows []table.Row) ([]model.Form, []model.Problem) {
	p := NewParser()
	for i := range rows {
		p.Row(&rows[i])
	}
	return p.Close()
}

// A Parser is Parse for rows that come one at a time, as a reader streams
// them: make one with NewParser (the zero Parser is not ready for use),
// feed it each row in order with Row, then call Close.
type Parser struct {
	m     machine
	state stateFn
	r     row // the row being read, its storage reused
}

// NewParser returns a Parser at the start of its input.
func NewParser() *Parser {
	return &Parser{m: machine{words: newWords()}, state: outside}
}

// Row reads the next row. It reads src and its cells only while it runs,
// so a reader may reuse them for the row after. (The parser's working
// copy of the row points at src's positions until the next call: that
// keeps src from being collected, never from being reused.)
func (p *Parser) Row(src *table.Row) {
	p.m.load(&p.r, src)
	p.state = p.state(&p.m, &p.r)
}

// Close ends the input and returns what Parse returns. The Parser is not
// to be used after, except to Reset it.
func (p *Parser) Close() ([]model.Form, []model.Problem) {
	m := &p.m
	if m.f != nil {
		m.settle()
		if !m.complete() {
			m.warn(CodeTruncated, "输入在表单中途结束，表单不完整", m.f.At, nil)
			m.done = true // reported: finish need not say it again
		}
		m.finish()
	}
	if len(m.forms) == 0 {
		m.problems = append(m.problems, model.Problem{Severity: model.SevError, Code: CodeNoForm,
			Message: "未找到任何绩效自评表"})
	}
	// A reused Parser's storage is not nil when empty; a new one's is.
	forms, problems := m.forms, m.problems
	if len(forms) == 0 {
		forms = nil
	}
	if len(problems) == 0 {
		problems = nil
	}
	return forms, problems
}

// Reset readies p for a new input, reusing its memory: its memo of the
// words of cells, and the storage of the forms, problems and indicators
// that Close returned, which the next input's overwrite. Those must no
// longer be used. A Parser that reads one input after another with Reset
// between them allocates less for each, and gives the same results as a
// new one; after Reset it holds nothing of the last input.
func (p *Parser) Reset() {
	m := &p.m
	// What is kept is cleared, so that it holds on to nothing of the
	// last input (whose strings may be cut from a buffer of any size),
	// and what grew large is let go: a Parser holds about as much after
	// a large input as after a small one.
	m.nums.Reset()
	m.indSlabs.Reset()
	m.strSlabs.Reset()
	m.fundsPool.Reset()
	m.rowPool.Reset()
	m.goalsPool.Reset()
	m.totalPool.Reset()
	m.intPool.Reset()
	p.r.cells, p.r.full = emptied(p.r.cells), emptied(p.r.full)
	*m = machine{
		words:     m.words,
		nums:      m.nums,
		forms:     emptied(m.forms),
		problems:  emptied(m.problems),
		indSlabs:  m.indSlabs,
		strSlabs:  m.strSlabs,
		fundsPool: m.fundsPool,
		rowPool:   m.rowPool,
		goalsPool: m.goalsPool,
		totalPool: m.totalPool,
		intPool:   m.intPool,
		fcols:     emptied(m.fcols),
		srcs:      emptied(m.srcs),
		gcols:     emptied(m.gcols),
		hrow:      emptied(m.hrow),
		icols:     emptied(m.icols),
		icolAt:    emptied(m.icolAt),
		goal:      [3][]string{emptied(m.goal[0]), emptied(m.goal[1]), emptied(m.goal[2])},
	}
	p.state = outside
}

// maxKeep is the most elements of each slice that Reset keeps the
// storage of; a larger one, from an unusually large input, is let go.
const maxKeep = 1 << 10

// emptied returns s cleared and empty, its storage kept for reuse unless
// it has room for more than maxKeep elements.
func emptied[T any](s []T) []T {
	if cap(s) > maxKeep {
		return nil
	}
	clear(s[:cap(s)])
	return s[:0]
}

// load fills r from the reader's row, reusing r's storage.
func (m *machine) load(r *row, src *table.Row) {
	n := len(src.Cells)
	if cap(r.cells) < n {
		r.cells = make([]cell, n, n+n/2)
	}
	// Every field of every cell is set below, so the cells need no
	// clearing first.
	r.cells, r.full = r.cells[:n], r.full[:0]
	r.at, r.para = src.At, src.Para
	r.labels, r.known = 0, false
	for i := range r.cells {
		c, rc := &src.Cells[i], &r.cells[i]
		var t string
		switch {
		case c.Merged:
		case c.OneLine:
			t = normalize.Line(c.Text)
		default:
			t = normalize.Text(c.Text)
		}
		w := noWord
		if t != "" {
			w = m.words.of(t)
			r.full = append(r.full, i)
			if w.label {
				r.labels++
			}
		}
		rc.text, rc.w, rc.col, rc.span, rc.at = t, w, c.Col, max(c.Span, 1), &c.At
		if c.At.Line == 0 && c.At.IsZero() { // text input has a line
			rc.at = &src.At
		}
	}
	if r.at.IsZero() && n > 0 {
		r.at = *r.cells[0].at
	}
}

// str returns a pointer to a copy of s, cut from m.strs.
func (m *machine) str(s string) *string {
	if len(m.strs) == cap(m.strs) {
		m.strs = m.strSlabs.Next(64, maxSlabs)
	}
	m.strs = append(m.strs, s)
	return &m.strs[len(m.strs)-1]
}

// newOf returns a pointer to a zero T from the pool p, valid until the
// Parser is Reset.
func newOf[T any](p *slab.Pool[T]) *T { return p.New(poolSlab, maxSlabs) }

// int returns a pointer to a copy of n, from the pool of ints.
func (m *machine) int(n int) *int {
	p := newOf(&m.intPool)
	*p = n
	return p
}

// maxSlabs is the number of slabs of each kind a Parser keeps for its
// next input: enough for a file of several hundred indicators, little
// enough that a Parser kept between inputs holds at most about half a
// megabyte of them, and 200 KB of names and of the pools' values.
const maxSlabs = 16

// poolSlab is the number of values of each pool's slabs (see machine's
// pools): enough for the forms of most files in one slab of a few
// kilobytes.
const poolSlab = 32

// firstSlab is the number of indicators of a document's first slab, a
// form's worth or two (a file often holds one form), and slabSize of each
// next one: a few forms' worth, and as much as fits in the allocator's
// largest size class for small objects (32 KiB), which allocates it faster
// than a larger one.
const (
	firstSlab = 32
	slabSize  = 48
)

// slab returns the spare capacity of m.inds, empty, for the indicators of
// a new form; it starts a new slab (one kept from the last input, see
// Reset, before a new one) when what is left is less than the largest
// form of the input so far: at least 8, at most half a slab.
func (m *machine) slab() []model.Indicator {
	if cap(m.inds)-len(m.inds) < min(max(m.bigForm, 8), slabSize/2) {
		n := slabSize
		if m.indSlabs.Taken() == 0 {
			n = firstSlab
		}
		m.inds = m.indSlabs.Next(n, maxSlabs)
	}
	return m.inds[len(m.inds):len(m.inds)]
}

// keep closes f's indicators off in the slab: the slab's next form starts
// after them, and an append to them cannot reach into it. A form that
// outgrew the slab has storage of its own, and leaves the slab as it was:
// the room it filled there first is cleared, as the next form may take it
// and expects it zero (see indicatorRow).
func (m *machine) keep(f *model.Form) {
	n := len(f.Indicators)
	f.Indicators = f.Indicators[:n:n]
	m.bigForm = max(m.bigForm, n)
	if n == 0 {
		return
	}
	if len(m.inds) < cap(m.inds) && &f.Indicators[0] == &m.inds[:len(m.inds)+1][len(m.inds)] {
		m.inds = m.inds[:len(m.inds)+n]
		return
	}
	clear(m.inds[len(m.inds):cap(m.inds)])
}

// start opens a new form at r.
func (m *machine) start(r *row) {
	if m.f != nil {
		m.finish()
	}
	m.form = model.Form{
		Index:      len(m.forms) + 1,
		At:         r.at,
		Kind:       model.KindProject,
		Indicators: m.slab(),
		Findings:   []model.Finding{},
	}
	m.f = &m.form
	m.f.HeaderExtra = append(m.f.HeaderExtra, m.prefix...)
	m.prefix = nil
	m.headerScore, m.done = nil, false
	// The column slices keep their storage from form to form.
	m.fcols, m.srcs, m.gcols, m.hrow, m.icols = m.fcols[:0], m.srcs[:0], m.gcols[:0], m.hrow[:0], m.icols[:0]
	m.icolAt = m.icolAt[:0]
	m.fshift, m.fext = 0, 0
	m.unit, m.wExec, m.block = "", nil, nil
	m.level1, m.level2, m.l1w, m.l2w, m.l1carry = "", "", nil, nil, false
}

// finish closes the current form.
func (m *machine) finish() {
	f := m.f
	m.joinGoals()
	m.settle()
	if len(f.Indicators) == 0 {
		m.warn(CodeNoIndicators, "表单没有绩效指标行", f.At, nil)
	}
	if !m.complete() {
		m.warn(CodeNoTotal, "表单没有总分行", f.At, nil)
	}
	m.keep(f)
	m.forms = append(m.forms, *f)
	m.f = nil
}

// settle gives a form without a 总分 row the total it states elsewhere: a
// self-score in its header (自评总分: 95), or its grand total printed in
// the funds row, which shows as a score above the row's weight.
func (m *machine) settle() {
	f := m.f
	if f.Total != nil {
		return
	}
	switch t := fundsTotal(f); {
	case m.headerScore != nil:
		f.Total = newOf(&m.totalPool)
		*f.Total = model.Total{Score: m.headerScore, At: f.At}
	case t != nil && t.Weight != nil && t.Score != nil && t.Score.Cmp(*t.Weight) > 0:
		f.Total = newOf(&m.totalPool)
		*f.Total = model.Total{Score: t.Score, At: t.At}
	}
}

func fundsTotal(f *model.Form) *model.FundsRow {
	if f.Funds == nil {
		return nil
	}
	return f.Funds.Total
}

// complete reports whether the form has come to its end: its 总分 row was
// read, it states its total elsewhere, or its indicator table has no
// weight or score column and so no total to end with.
func (m *machine) complete() bool {
	if m.done || m.f.Total != nil {
		return true
	}
	if len(m.hrow) == 0 {
		return false // no indicator header yet: a total is still to come
	}
	for _, c := range m.icols {
		if c.name == cWeight || c.name == cScore {
			return false
		}
	}
	return true
}

func (m *machine) problem(sev, code, msg string, at model.At, cells []string) {
	p := model.Problem{Severity: sev, Code: code, Message: msg, At: at, Cells: cells}
	if m.f != nil {
		p.Form = m.f.Index
	}
	m.problems = append(m.problems, p)
}

func (m *machine) warn(code, msg string, at model.At, cells []string) {
	m.problem(model.SevWarning, code, msg, at, cells)
}

func (m *machine) info(code, msg string, at model.At, cells []string) {
	m.problem(model.SevInfo, code, msg, at, cells)
}

// unplaced reports a row the machine could not place.
func (m *machine) unplaced(r *row, code, msg string) {
	m.warn(code, msg, r.at, r.texts())
}
