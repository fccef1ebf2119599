package normalize

import "github.com/jixiao/jixiao/model"

// An Arena cuts the numbers that Number, Rate, Amount and Value return
// from slabs, so that the numbers of a document cost a few allocations
// rather than one each. Its methods are the package's functions of the
// same names and give equal results; the package's functions are its
// methods on a nil *Arena, which allocates each number on its own.
//
// The zero Arena is ready for use. An Arena is not safe for concurrent
// use. Each result has pointers of its own; a slab lives as long as any
// number cut from it, so numbers that share an Arena, as those of one
// document do, keep one another's slabs alive. Reset reuses the slabs for
// the next document instead, once the numbers cut so far are no longer
// used.
type Arena struct {
	decs  []model.Decimal
	bases []model.Base
	// kept are the first maxKept decimal slabs, for Reset to hand out
	// again; next counts the slabs taken since the last Reset.
	kept [][]model.Decimal
	next int
	// unit is the last table unit Amount was given, and unitExp its
	// power of ten (see moneyExp); unitSet is false until then.
	unit    string
	unitExp int
	unitSet bool
}

// arenaSlab is the number of decimals, or of bases, in a slab.
const arenaSlab = 64

// maxKept is the number of decimal slabs an Arena keeps for reuse: a
// document of a few dozen forms' worth, 64 KiB.
const maxKept = 64

// Reset readies a to cut the numbers of a new document from the slabs it
// has made so far: every number cut from it before must no longer be used,
// as the next ones overwrite them.
func (a *Arena) Reset() {
	// The slabs handed out are cleared, so that they hold on to nothing
	// of the last document (decimals may be cut from its input).
	for _, s := range a.kept[:min(a.next, len(a.kept))] {
		clear(s[:cap(s)])
	}
	*a = Arena{kept: a.kept}
}

// dec returns a pointer to a copy of d.
func (a *Arena) dec(d model.Decimal) *model.Decimal {
	if a == nil {
		return newDecimal(d)
	}
	if len(a.decs) == cap(a.decs) {
		a.decs = a.slab()
	}
	a.decs = append(a.decs, d)
	return &a.decs[len(a.decs)-1]
}

// slab returns an empty slab of decimals: the next one kept, or a new one.
func (a *Arena) slab() []model.Decimal {
	a.next++
	if a.next <= len(a.kept) {
		return a.kept[a.next-1][:0]
	}
	s := make([]model.Decimal, 0, arenaSlab)
	if len(a.kept) < maxKept {
		a.kept = append(a.kept, s)
	}
	return s
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
	if len(a.bases) == cap(a.bases) {
		a.bases = make([]model.Base, 0, arenaSlab)
	}
	a.bases = append(a.bases, b)
	return a.dec(d), &a.bases[len(a.bases)-1]
}

// newDecimal returns a pointer to a copy of d, allocated on its own. The
// numbers of parseValue are copied only once they are known to be kept,
// so that a cell that turns out to be text allocates nothing.
func newDecimal(d model.Decimal) *model.Decimal { return &d }

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
