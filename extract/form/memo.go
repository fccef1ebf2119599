package form

import (
	"strings"
	"sync"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/normalize"
)

// The weights, scores, targets and actual values of indicators are mostly
// a few short texts written again and again, within a file and from file
// to file ("10", ">=95%", "100%", "是"), so the machine remembers what
// normalize made of each and reads a text again only when it has not seen
// it. Every result handed out has pointers of its own, as if normalize had
// made it: no two indicators share a *model.Decimal. A memo serves one
// Parser at a time and passes from parse to parse through memos; it holds
// copies of its texts and results, never the input's storage, so that it
// keeps no document alive.

// maxMemoText is the longest text, in bytes, that the memo keeps; maxMemo
// the most texts of each kind it keeps: when it holds that many, it starts
// afresh.
const (
	maxMemoText = 64
	maxMemo     = 1 << 12
)

// memos holds the memos of parsers that have closed, for the next ones.
var memos = sync.Pool{New: func() any { return new(memo) }}

// memo holds what normalize made of the texts seen so far in one parse.
type memo struct {
	values  map[string]int32  // texts of normalize.Value seen: an index into vals, or -1
	vals    []model.Value     // results of normalize.Value that do not rest on the name
	numbers map[string]number // results of normalize.Number
	decs    []model.Decimal   // storage for the decimals handed out, see dec
}

// number is a result of normalize.Number.
type number struct {
	d   model.Decimal
	nil bool // the text says nothing: normalize.Number gave nil, true
	ok  bool
}

// dec returns a pointer to a copy of d, cut from a slab so that a form's
// numbers cost a few allocations rather than one each.
func (m *memo) dec(d model.Decimal) *model.Decimal {
	if len(m.decs) == cap(m.decs) {
		m.decs = make([]model.Decimal, 0, 64)
	}
	m.decs = append(m.decs, d)
	return &m.decs[len(m.decs)-1]
}

// number returns normalize.Number(s).
func (m *memo) number(s string) (*model.Decimal, bool) {
	if len(s) > maxMemoText {
		return normalize.Number(s)
	}
	if n, ok := m.numbers[s]; ok {
		if n.nil || !n.ok {
			return nil, n.ok
		}
		return m.dec(n.d), true
	}
	d, ok := normalize.Number(s)
	if m.numbers == nil {
		m.numbers = map[string]number{}
	} else if len(m.numbers) >= maxMemo {
		clear(m.numbers)
	}
	n := number{nil: d == nil, ok: ok}
	if d != nil {
		n.d = model.Decimal(strings.Clone(string(*d)))
	}
	m.numbers[strings.Clone(s)] = n
	return d, ok
}

// value returns normalize.Value(raw, name).
func (m *memo) value(raw, name string) model.Value {
	if len(raw) > maxMemoText {
		return normalize.Value(raw, name)
	}
	i, seen := m.values[raw]
	if seen && i >= 0 {
		return m.own(m.vals[i])
	}
	v := normalize.Value(raw, name)
	switch {
	case !seen:
		// A text met once is often met only once (an actual value such
		// as "98.6%"): it is kept when it comes again.
		if m.values == nil {
			m.values = map[string]int32{}
		} else if len(m.values) >= maxMemo {
			clear(m.values)
			clear(m.vals) // for the collector
			m.vals = m.vals[:0]
		}
		m.values[strings.Clone(raw)] = -1
	case nameFree(v):
		// The key is cloned again, since a map assignment also stores
		// its key.
		m.values[strings.Clone(raw)] = int32(len(m.vals))
		m.vals = append(m.vals, detach(v))
	}
	return v
}

// detach returns a deep copy of v that shares no storage with v: a
// Value's strings are often cut from the input (Raw, and a Decimal that
// is a substring of the cell), which the memo must not keep alive.
func detach(v model.Value) model.Value {
	c := strings.Clone
	d := func(p *model.Decimal) *model.Decimal {
		if p == nil {
			return nil
		}
		x := model.Decimal(c(string(*p)))
		return &x
	}
	v.Raw, v.Kind, v.Op, v.Unit, v.UnitFrom = c(v.Raw), c(v.Kind), c(v.Op), c(v.Unit), c(v.UnitFrom)
	v.Date, v.From, v.To, v.Text = c(v.Date), c(v.From), c(v.To), c(v.Text)
	v.Value, v.Min, v.Max = d(v.Value), d(v.Min), d(v.Max)
	if v.Base != nil {
		v.Base = &model.Base{Value: model.Decimal(c(string(v.Base.Value))), Unit: c(v.Base.Unit)}
	}
	return v
}

// own returns v with pointers of its own.
func (m *memo) own(v model.Value) model.Value {
	if v.Value != nil {
		v.Value = m.dec(*v.Value)
	}
	if v.Min != nil {
		v.Min = m.dec(*v.Min)
	}
	if v.Max != nil {
		v.Max = m.dec(*v.Max)
	}
	if v.Base != nil {
		b := *v.Base
		v.Base = &b
	}
	return v
}

// nameFree reports whether the Value v that normalize.Value gave for a
// cell is the same whatever the indicator's name. The name counts only
// for a number written without a unit: it may give the unit (UnitFrom
// "name"), and where it gives none, another name might.
func nameFree(v model.Value) bool {
	switch v.Kind {
	case model.ValueNumber, model.ValuePercent:
		return v.Unit != "" && v.UnitFrom == ""
	}
	return true
}
