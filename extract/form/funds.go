package form

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/normalize"
)

// scoreWeightRe finds a weight written into a score header: 得分(20分*执行率).
var scoreWeightRe = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*分`)

// fundsHeader reads the header row of the funds block: its columns, the
// money unit, and where the numbers start. A header of sources (合计 | 中央
// | 省、地 | …) turns the block round: see fundsSources.
func (m *machine) fundsHeader(r *row) {
	m.fcols, m.srcs = m.fcols[:0], m.srcs[:0]
	m.fshift, m.fext, m.fdata = 0, extent(r), false
	if m.unit == "" {
		m.unit = "万元"
	}
	for i := range r.cells {
		c := &r.cells[i]
		if c.text == "" {
			continue
		}
		if u := unitOf(c.text); u != "" {
			m.unit = u
		}
		if c.w.section {
			if w := m.section(c); w != nil && m.wExec == nil {
				m.wExec = w
			}
			continue
		}
		name := c.w.fcol
		m.scoreWeight(name, c.text)
		m.fcols = append(m.fcols, span{col: c.col, end: c.col + c.span, name: name, header: c.text})
	}
	m.setFundsFrom()
	if m.f.Funds == nil {
		m.f.Funds = newOf(&m.fundsPool)
	}
	m.f.Funds.Unit = m.unit
	known := 0
	for _, c := range m.fcols {
		if c.name != "" {
			known++
		}
	}
	if known < 2 && isSourcesHeader(r) {
		m.sourcesHeader(r)
	}
}

// scoreWeight reads the execution weight written in a score header,
// 得分(20分*执行率).
func (m *machine) scoreWeight(name, header string) {
	if name != fScore {
		return
	}
	if sm := scoreWeightRe.FindStringSubmatch(normalize.Fold(header)); sm != nil {
		m.wExec = model.Dec(sm[1])
	}
}

// setFundsFrom sets where the numbers start: at the first known column.
// Header cells left of it head the labels; unknown ones right of it are
// columns the machine cannot read.
func (m *machine) setFundsFrom() {
	m.fundsFrom = -1
	for _, c := range m.fcols {
		if c.name != "" && (m.fundsFrom < 0 || c.col < m.fundsFrom) {
			m.fundsFrom = c.col
		}
	}
}

// fundsContinues merges r into the funds header when r is the header's
// second row, its words wrapped over two rows (全年 / 预算数, 项目资金 /
// (万元)): each non-empty cell completes the header cell above it, names a
// column where there was none, or gives the unit. It reports whether it
// did.
func (m *machine) fundsContinues(r *row) bool {
	if m.fdata || len(m.srcs) > 0 || len(r.full) > maxColumns {
		return false
	}
	type change struct {
		i    int // index into m.fcols, -1 for a new column
		name string
		c    *cell
	}
	var changes []change
	unit := ""
	for _, i := range r.full {
		c := &r.cells[i]
		at := -1
		for j := range m.fcols {
			if c.col >= m.fcols[j].col && c.col < m.fcols[j].end {
				at = j
			}
		}
		switch {
		case at >= 0 && fundsColumns[key(m.fcols[at].header+c.text)] != "":
			changes = append(changes, change{at, fundsColumns[key(m.fcols[at].header+c.text)], c})
		case c.w.fcol != "" && (at < 0 || m.fcols[at].name == ""):
			changes = append(changes, change{at, c.w.fcol, c})
		case unitOf(c.text) != "" && utf8.RuneCountInString(key(c.text)) <= 4:
			unit = unitOf(c.text)
		default:
			return false
		}
	}
	if unit != "" {
		m.unit, m.f.Funds.Unit = unit, unit
	}
	for _, ch := range changes {
		m.scoreWeight(ch.name, ch.c.text)
		if ch.i < 0 {
			m.fcols = append(m.fcols, span{col: ch.c.col, end: ch.c.col + ch.c.span, name: ch.name, header: ch.c.text})
			continue
		}
		sp := &m.fcols[ch.i]
		if sp.name == "" || fundsColumns[key(sp.header+ch.c.text)] == ch.name {
			sp.header += ch.c.text
		}
		sp.name = ch.name
	}
	m.setFundsFrom()
	return true
}

// sourcesHeader reads a header of sources as columns: each source gets its
// funds row now, filled in by the rows of budget stages below.
func (m *machine) sourcesHeader(r *row) {
	m.fcols, m.fundsFrom = m.fcols[:0], -1
	f := m.f.Funds
	for i := range r.cells {
		c := &r.cells[i]
		slot := c.w.frow
		if slot == "" && !c.w.source {
			continue
		}
		src := source{span: span{col: c.col, end: c.col + c.span, header: c.text}, extra: -1}
		fr := model.FundsRow{Label: c.text, At: *c.at}
		if p := slotOf(f, slot); p != nil && *p == nil {
			*p = newOf(&m.rowPool)
			**p = fr
			src.name = slot
		} else {
			src.extra = len(f.ExtraRows)
			f.ExtraRows = append(f.ExtraRows, fr)
		}
		m.srcs = append(m.srcs, src)
		if m.fundsFrom < 0 || c.col < m.fundsFrom {
			m.fundsFrom = c.col
		}
	}
}

// source is a column of a funds block of sources as columns.
type source struct {
	span
	extra int // index of its row in Funds.ExtraRows, -1 for a named row
}

// row returns the funds row of the source.
func (s *source) row(f *model.Funds) *model.FundsRow {
	if s.extra >= 0 {
		return &f.ExtraRows[s.extra]
	}
	return *slotOf(f, s.name)
}

func isSourcesHeader(r *row) bool {
	n := 0
	for _, i := range r.full {
		if w := r.cells[i].w; w.source || w.frow != "" {
			n++
		}
	}
	return n >= 3
}

// extent returns the grid width of r: the end of its last cell, empty or
// not.
func extent(r *row) int {
	n := 0
	for i := range r.cells {
		n = max(n, r.cells[i].col+r.cells[i].span)
	}
	return n
}

// section reads a section label that carries a weight, 预算执行情况(10分) or
// 绩效指标(90分): it keeps the label in the header and returns the weight,
// nil when the label has none.
func (m *machine) section(c *cell) *model.Decimal {
	if !strings.Contains(c.text, "分") {
		return nil
	}
	_, w := level(c.text)
	if w != nil {
		m.f.HeaderExtra = append(m.f.HeaderExtra, model.Field{Label: "section", Value: c.text, At: *c.at})
	}
	return w
}

// funds reads the rows of the funds block.
func funds(m *machine, r *row) stateFn {
	k := m.classify(r)
	switch k {
	case kEmpty:
		return funds
	case kOther, kTotal:
		if m.fundsContinues(r) || m.fundsRow(r) {
			return funds
		}
	case kFundsHead:
		if !m.fundsContinues(r) {
			m.fundsHeader(r)
		}
		return funds
	case kGoals:
		m.goalsRow(r)
		return goals
	}
	if s := m.within(r, k); s != nil {
		return s
	}
	m.unplaced(r, CodeUnplaced, "资金表中未能识别的行")
	return funds
}

// shift returns how many grid columns r stands right of the funds header.
// A text export writes a header cell that spans the label columns as one
// cell, so its data rows are wider than the header by the span; a row as
// wide as the header, or narrower (its trailing empty cells left out),
// takes the shift of the rows above it.
func (m *machine) shift(r *row) int {
	if d := extent(r) - m.fext; d > 0 {
		m.fshift = d
	}
	return m.fshift
}

// fundsRow reads one row of the funds block; it reports false when r does
// not look like one (no label before the numbers and no number).
func (m *machine) fundsRow(r *row) bool {
	shift := m.shift(r)
	var room [4]string // a label's cells, on the stack
	label := room[:0]
	var lw *word // the word of the label's one cell
	numbers := 0
	for _, i := range r.full {
		c := &r.cells[i]
		col := c.col - shift
		if m.fundsFrom >= 0 && col < m.fundsFrom {
			if !c.w.section {
				label = append(label, c.text)
				lw = c.w
			}
			continue
		}
		if sp := find(m.fcols, col); sp != nil && sp.name != "" || m.findSource(col) != nil {
			numbers++
		}
	}
	fr := model.FundsRow{Label: strings.Join(label, " "), At: r.at}
	// What the label names: a label of one cell has it in its word.
	var fcol, frow string
	if len(label) == 1 {
		fcol, frow = lw.fcol, lw.frow
	} else {
		lk := key(fr.Label)
		fcol, frow = fundsColumns[lk], fundsRows[lk]
	}
	if len(m.srcs) > 0 {
		return m.stageRow(r, shift, fcol)
	}
	if len(label) == 0 || numbers == 0 && frow == "" {
		return false
	}
	var bad, stray bool
	for _, i := range r.full {
		c := &r.cells[i]
		col := c.col - shift
		if col < m.fundsFrom {
			continue
		}
		switch sp := find(m.fcols, col); {
		case sp == nil || sp.name == "":
			stray = stray || !nothing(c.text)
		case !m.setFunds(&fr, sp.name, c.text):
			bad = true
		}
	}
	if bad {
		m.warn(CodeUnreadable, "资金表中有无法读作数字的单元格", r.at, r.texts())
	}
	if stray {
		m.warn(CodeCellUnplaced, "资金表中有不在任何已知列下的单元格", r.at, r.texts())
	}
	m.fdata = true
	f := m.f.Funds
	if f == nil {
		f = newOf(&m.fundsPool)
		f.Unit = m.unit
		m.f.Funds = f
	}
	slot := slotOf(f, frow)
	if slot != nil && *slot == nil {
		if fr.Weight == nil && slot == &f.Total && m.wExec != nil {
			fr.Weight = m.wExec
		}
		*slot = newOf(&m.rowPool)
		**slot = fr
	} else {
		f.ExtraRows = append(f.ExtraRows, fr)
	}
	return true
}

// findSource returns the source column holding grid column col.
func (m *machine) findSource(col int) *source {
	for i := range m.srcs {
		if col >= m.srcs[i].col && col < m.srcs[i].end {
			return &m.srcs[i]
		}
	}
	return nil
}

// stageRow reads a row of a funds block of sources as columns: its label
// names the field (年初预算数, 执行率, 得分 …) that each number sets in its
// source's row.
func (m *machine) stageRow(r *row, shift int, field string) bool {
	if field == "" {
		return false
	}
	var bad bool
	for _, i := range r.full {
		c := &r.cells[i]
		src := m.findSource(c.col - shift)
		if src == nil {
			continue
		}
		if !m.setFunds(src.row(m.f.Funds), field, c.text) {
			bad = true
		}
	}
	if bad {
		m.warn(CodeUnreadable, "资金表中有无法读作数字的单元格", r.at, r.texts())
	}
	if t := m.f.Funds.Total; t != nil && t.Weight == nil && m.wExec != nil {
		t.Weight = m.wExec
	}
	return true
}

// slotOf returns the field of f that holds the funds row of the given key
// (rowTotal …), nil for a key that has none.
func slotOf(f *model.Funds, name string) **model.FundsRow {
	switch name {
	case rowTotal:
		return &f.Total
	case rowFiscal:
		return &f.Fiscal
	case rowCarryover:
		return &f.Carryover
	case rowOther:
		return &f.Other
	}
	return nil
}

// setFunds parses text as the field name of fr; it reports false when the
// text is not a number.
func (m *machine) setFunds(fr *model.FundsRow, name, text string) bool {
	var d *model.Decimal
	ok := true
	switch name {
	case fInitial, fAnnual, fExec:
		d, ok = m.nums.Amount(text, m.unit)
	case fWeight, fScore:
		d, ok = m.nums.Number(text)
	case fRate:
		d, ok = m.nums.Rate(text)
	case fNote:
		fr.Note = text
		return true
	}
	if !ok {
		return false
	}
	switch name {
	case fInitial:
		fr.InitialBudget = d
	case fAnnual:
		fr.AnnualBudget = d
	case fExec:
		fr.Executed = d
	case fWeight:
		fr.Weight = d
	case fRate:
		fr.ExecutionRate = d
	case fScore:
		fr.Score = d
	}
	return true
}

// goalsRow reads a row of the goals block: either a row of labels
// (预期目标 | 实际完成情况) whose texts follow in the next row, or labels
// each followed by their text in the same row.
func (m *machine) goalsRow(r *row) {
	g := m.f.Goals
	if g == nil {
		g = newOf(&m.goalsPool)
		g.At = r.at
		m.f.Goals = g
	}
	var room [4]span // the labels, on the stack
	labels := room[:0]
	last := ""
	for _, i := range r.full {
		c := &r.cells[i]
		name := c.w.goal
		switch {
		case name == gGroup:
			continue
		case name == "" && goalBlock(c) != "":
			m.block = &model.Field{Label: goalBlock(c), Value: c.text, At: *c.at}
		case name == gPlanned || name == gAchieved || name == gAdjusted:
			labels = append(labels, span{col: c.col, end: c.col + c.span, name: name, header: c.text})
			last = name
		case last == "":
			m.goalText(gPlanned, c.text, *c.at)
		default:
			m.goalText(last, c.text, *c.at)
			labels = labels[:0]
			last = ""
		}
	}
	if len(labels) > 0 {
		m.gcols = append(m.gcols[:0], labels...)
		g.At = r.at
	}
}

// goalBlock returns the group word of a numbered goal block's label,
// 年度绩效目标 for 年度绩效目标2(40分), "" when c is no such label.
func goalBlock(c *cell) string {
	k := strings.TrimRight(c.w.key, "0123456789")
	if k == c.w.key || goalLabels[k] != gGroup {
		return ""
	}
	return k
}

// goalText adds text to one goal, after any text it already has; the
// texts are joined when the form is finished (see joinGoals).
func (m *machine) goalText(name, text string, at model.At) {
	i := 0
	switch name {
	case gAchieved:
		i = 1
	case gAdjusted:
		i = 2
	}
	if len(m.goal[0])+len(m.goal[1])+len(m.goal[2]) == 0 && m.f.Goals.At.IsZero() {
		m.f.Goals.At = at
	}
	m.goal[i] = append(m.goal[i], text)
}

// joinGoals writes the goal texts into the form, each goal's paragraphs
// joined by line breaks.
func (m *machine) joinGoals() {
	if g := m.f.Goals; g != nil {
		g.Planned = strings.Join(m.goal[0], "\n")
		g.Achieved = strings.Join(m.goal[1], "\n")
		g.Adjusted = strings.Join(m.goal[2], "\n")
	}
	for i := range m.goal {
		m.goal[i] = m.goal[i][:0]
	}
}

// goals reads the texts under a row of goal labels.
func goals(m *machine, r *row) stateFn {
	k := m.classify(r)
	switch k {
	case kEmpty:
		return goals
	case kGoals:
		m.goalsRow(r)
		return goals
	case kOther:
		if len(m.gcols) == 0 {
			break
		}
		n := 0
		for _, i := range r.full {
			c := &r.cells[i]
			if c.w.section && n == 0 && c.col < m.gcols[0].col {
				continue
			}
			sp := find(m.gcols, c.col)
			name := gPlanned
			switch {
			case sp != nil:
				name = sp.name
			case n < len(m.gcols):
				name = m.gcols[n].name
			default:
				name = m.gcols[len(m.gcols)-1].name
			}
			if len(m.goal[0])+len(m.goal[1])+len(m.goal[2]) == 0 {
				m.f.Goals.At = r.at
			}
			m.goalText(name, c.text, *c.at)
			n++
		}
		return goals
	}
	if s := m.within(r, k); s != nil {
		return s
	}
	m.unplaced(r, CodeUnplaced, "目标栏中未能识别的行")
	return goals
}
