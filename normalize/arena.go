package normalize

import (
	"strings"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/slab"
)

// An Arena cuts the numbers that Number, Rate, Amount and Value return,
// and the results of Met, from slabs, so that the values of a document
// cost a few allocations rather than one each. Its methods are the
// package's functions of the same names and give equal results; the
// package's functions are its methods on a nil *Arena, which allocates
// each value on its own.
//
// The zero Arena is ready for use. An Arena is not safe for concurrent
// use. Each result has pointers of its own; a slab lives as long as any
// value cut from it, so values that share an Arena, as those of one
// document do, keep one another's slabs alive. Reset reuses the slabs for
// the next document instead, once the values cut so far are no longer
// used.
type Arena struct {
	decs  slab.Pool[model.Decimal]
	bases slab.Pool[model.Base]
	bools slab.Pool[bool]
	// text holds the digits of the numbers an Arena writes rather than
	// cuts from its input (a Base in a plain unit, a rate read as a
	// fraction, an amount in the table's unit; see shift), which Reset
	// leaves alone: its strings are never written again. It is a
	// pointer so that an Arena may be copied.
	text *strings.Builder
	// unit is the last table unit Amount was given, and unitExp its
	// power of ten (see moneyExp); unitSet is false until then.
	unit    string
	unitExp int
	unitSet bool
}

// arenaSlab is the number of values in a slab.
const arenaSlab = 64

// maxKept is the number of slabs of each type an Arena keeps for reuse:
// a document of a few dozen forms' worth; at most 64 KiB of decimals,
// 128 KiB of bases and 4 KiB of booleans.
const maxKept = 64

// textSlab is the size of the buffers an Arena writes numbers into.
const textSlab = 1024

// Reset readies a to cut the values of a new document from the slabs it
// has made so far: every value cut from it before must no longer be used,
// as the next ones overwrite them.
func (a *Arena) Reset() {
	// The slabs handed out are cleared, so that they hold on to nothing
	// of the last document (decimals may be cut from its input).
	a.decs.Reset()
	a.bases.Reset()
	a.bools.Reset()
	a.unit, a.unitExp, a.unitSet = "", 0, false
}

// put returns a pointer to a copy of v, from the pool p.
func put[T any](p *slab.Pool[T], v T) *T {
	q := p.New(arenaSlab, maxKept)
	*q = v
	return q
}

// dec returns a pointer to a copy of d.
func (a *Arena) dec(d model.Decimal) *model.Decimal {
	if a == nil {
		return newDecimal(d)
	}
	return put(&a.decs, d)
}

// pair returns pointers to copies of min and max.
func (a *Arena) pair(min, max model.Decimal) (*model.Decimal, *model.Decimal) {
	if a == nil {
		return newPair(min, max)
	}
	return a.dec(min), a.dec(max)
}

// withBase returns pointers to copies of d and b.
func (a *Arena) withBase(d model.Decimal, b model.Base) (*model.Decimal, *model.Base) {
	if a == nil {
		return newWithBase(d, b)
	}
	return a.dec(d), put(&a.bases, b)
}

// bool returns a pointer to a copy of b.
func (a *Arena) bool(b bool) *bool {
	if a == nil {
		return newBool(b)
	}
	return put(&a.bools, b)
}

// string returns b as a string. An Arena writes it into its text buffer,
// whose bytes strings.Builder never writes again once written, so the
// string stays valid after Reset too.
func (a *Arena) string(b []byte) string {
	if a == nil {
		return string(b)
	}
	if a.text == nil || a.text.Cap()-a.text.Len() < len(b) {
		a.text = new(strings.Builder)
		a.text.Grow(max(textSlab, len(b)))
	}
	n := a.text.Len()
	a.text.Write(b)
	return a.text.String()[n:]
}

// newDecimal returns a pointer to a copy of d, allocated on its own. The
// numbers of parseValue are copied only once they are known to be kept,
// so that a cell that turns out to be text allocates nothing.
func newDecimal(d model.Decimal) *model.Decimal { return &d }

// newBool returns a pointer to a copy of b, allocated on its own: in a
// function of its own, so that b is not moved to the heap in the caller.
func newBool(b bool) *bool { return &b }

// newPair returns pointers to copies of min and max, made in one
// allocation.
func newPair(min, max model.Decimal) (*model.Decimal, *model.Decimal) {
	p := &[2]model.Decimal{min, max}
	return &p[0], &p[1]
}

// newWithBase returns pointers to copies of d and b, made in one
// allocation.
func newWithBase(d model.Decimal, b model.Base) (*model.Decimal, *model.Base) {
	p := &struct {
		d model.Decimal
		b model.Base
	}{d, b}
	return &p.d, &p.b
}
