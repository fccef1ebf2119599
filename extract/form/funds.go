package form

import (
	"regexp"
	"strings"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/normalize"
)

// scoreWeightRe finds a weight written into a score header: 得分(20分*执行率).
var scoreWeightRe = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*分`)

// fundsHeader reads the header row of the funds block: its columns, the
// money unit, and where the numbers start.
func (m *machine) fundsHeader(r *row) {
	m.fcols = m.fcols[:0]
	m.fundsFrom = -1
	if m.unit == "" {
		m.unit = "万元"
	}
	for _, c := range r.cells {
		if u := unitOf(c.text); u != "" {
			m.unit = u
		}
		name := fundsColumns[c.key]
		if name == "" {
			continue
		}
		if name == fScore {
			if sm := scoreWeightRe.FindStringSubmatch(normalize.Fold(c.text)); sm != nil {
				m.wExec = model.Dec(sm[1])
			}
		}
		m.fcols = append(m.fcols, span{col: c.col, end: c.col + c.span, name: name, header: c.text})
		if m.fundsFrom < 0 || c.col < m.fundsFrom {
			m.fundsFrom = c.col
		}
	}
	if m.f.Funds == nil {
		m.f.Funds = &model.Funds{}
	}
	m.f.Funds.Unit = m.unit
}

// funds reads the rows of the funds block.
func funds(m *machine, r *row) stateFn {
	k := m.classify(r)
	switch k {
	case kEmpty:
		return funds
	case kOther, kTotal:
		if m.fundsRow(r) {
			return funds
		}
	case kFundsHead:
		// A second header row (a header wrapped over two rows) refines
		// the columns.
		m.fundsHeader(r)
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

// fundsRow reads one row of the funds block; it reports false when r does
// not look like one (no label before the numbers and no number).
func (m *machine) fundsRow(r *row) bool {
	var label []string
	var at model.At
	numbers := 0
	for _, i := range r.full {
		c := &r.cells[i]
		if m.fundsFrom >= 0 && c.col < m.fundsFrom {
			if sectionLabels[c.key] {
				continue
			}
			if len(label) == 0 {
				at = c.at
			}
			label = append(label, c.text)
			continue
		}
		if find(m.fcols, c.col) != nil {
			numbers++
		}
	}
	if len(label) == 0 || numbers == 0 && fundsRows[key(strings.Join(label, ""))] == "" {
		return false
	}
	if at.IsZero() {
		at = r.at
	}
	fr := model.FundsRow{Label: strings.Join(label, " "), At: r.at}
	var bad bool
	for _, i := range r.full {
		c := &r.cells[i]
		sp := find(m.fcols, c.col)
		if sp == nil || c.col < m.fundsFrom {
			continue
		}
		var d *model.Decimal
		ok := true
		switch sp.name {
		case fInitial, fAnnual, fExec:
			d, ok = normalize.Amount(c.text, m.unit)
		case fWeight, fScore:
			d, ok = normalize.Number(c.text)
		case fRate:
			d, ok = normalize.Rate(c.text)
		case fNote:
			fr.Note = c.text
			continue
		}
		if !ok {
			bad = true
			continue
		}
		switch sp.name {
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
	}
	if bad {
		m.warn(CodeUnreadable, "资金表中有无法读作数字的单元格", r.at, r.texts())
	}
	f := m.f.Funds
	if f == nil {
		f = &model.Funds{Unit: m.unit}
		m.f.Funds = f
	}
	var slot **model.FundsRow
	switch fundsRows[key(fr.Label)] {
	case rowTotal:
		slot = &f.Total
	case rowFiscal:
		slot = &f.Fiscal
	case rowCarryover:
		slot = &f.Carryover
	case rowOther:
		slot = &f.Other
	}
	if slot != nil && *slot == nil {
		if fr.Weight == nil && slot == &f.Total && m.wExec != nil {
			fr.Weight = m.wExec
		}
		*slot = &fr
	} else {
		f.ExtraRows = append(f.ExtraRows, fr)
	}
	return true
}

// goalsRow reads a row of the goals block: either a row of labels
// (预期目标 | 实际完成情况) whose texts follow in the next row, or labels
// each followed by their text in the same row.
func (m *machine) goalsRow(r *row) {
	g := m.f.Goals
	if g == nil {
		g = &model.Goals{At: r.at}
		m.f.Goals = g
	}
	var labels []span
	last := ""
	for _, i := range r.full {
		c := &r.cells[i]
		switch name := goalLabels[c.key]; name {
		case gGroup:
			continue
		case gPlanned, gAchieved, gAdjusted:
			labels = append(labels, span{col: c.col, end: c.col + c.span, name: name, header: c.text})
			last = name
		default:
			if last == "" {
				m.goalText(gPlanned, c.text, c.at)
				continue
			}
			m.goalText(last, c.text, c.at)
			labels = labels[:0]
			last = ""
		}
	}
	if len(labels) > 0 {
		m.gcols = append(m.gcols[:0], labels...)
		g.At = r.at
	}
}

// goalText adds text to one goal, after any text it already has.
func (m *machine) goalText(name, text string, at model.At) {
	g := m.f.Goals
	var p *string
	switch name {
	case gPlanned:
		p = &g.Planned
	case gAchieved:
		p = &g.Achieved
	default:
		p = &g.Adjusted
	}
	if *p == "" {
		*p = text
		if g.At.IsZero() {
			g.At = at
		}
		return
	}
	*p += "\n" + text
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
			if sectionLabels[c.key] && n == 0 && c.col < m.gcols[0].col {
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
			if m.f.Goals.Planned == "" && m.f.Goals.Achieved == "" && m.f.Goals.Adjusted == "" {
				m.f.Goals.At = r.at
			}
			m.goalText(name, c.text, c.at)
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
