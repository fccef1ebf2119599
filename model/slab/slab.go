// Package slab hands out the values a document is built of (its
// indicators, numbers and smaller parts) from slabs: arrays of many
// values, allocated once each rather than once a value, and kept to be
// handed out again for the next document once the last one is done with.
//
// The recogniser (extract/form) and the normalizer's Arena share it. The
// sizes and the number of slabs kept are the caller's, passed on each
// call, so that the zero Slabs and Pool are ready for use.
package slab

// Slabs hands out empty slabs of T, keeping those it makes, up to a
// number its caller sets, for Reset to hand out again in the same order.
// A slab handed out is empty and zero beyond its length, as a new one is.
type Slabs[T any] struct {
	kept [][]T
	n    int // slabs handed out since Reset
}

// Next returns an empty slab: the next one kept, whatever its capacity,
// or else a new one with room for size values, which is kept if fewer
// than keep are.
func (s *Slabs[T]) Next(size, keep int) []T {
	s.n++
	if s.n <= len(s.kept) {
		return s.kept[s.n-1][:0]
	}
	b := make([]T, 0, size)
	if len(s.kept) < keep {
		s.kept = append(s.kept, b)
	}
	return b
}

// Reset clears the kept slabs handed out since the last Reset, so that
// they hold on to nothing of the values written into them, and readies s
// to hand them out again from the first. The values in them must no
// longer be used.
func (s *Slabs[T]) Reset() {
	for _, b := range s.kept[:min(s.n, len(s.kept))] {
		clear(b[:cap(b)])
	}
	s.n = 0
}

// Taken returns the number of slabs handed out since the last Reset.
func (s *Slabs[T]) Taken() int { return s.n }

// Kept returns the number of slabs s keeps.
func (s *Slabs[T]) Kept() int { return len(s.kept) }

// A Pool hands out values of T one at a time, from slabs.
type Pool[T any] struct {
	cur   []T // the slab being handed out
	slabs Slabs[T]
}

// New returns a pointer to a zero T, from a slab of size values of which
// the pool keeps keep (see Slabs.Next). It is valid until Reset.
func (p *Pool[T]) New(size, keep int) *T {
	if len(p.cur) == cap(p.cur) {
		p.next(size, keep)
	}
	p.cur = p.cur[:len(p.cur)+1]
	return &p.cur[len(p.cur)-1]
}

// next starts the next slab: apart from New, so that New is small enough
// to inline.
func (p *Pool[T]) next(size, keep int) {
	p.cur = p.slabs.Next(size, keep)
}

// Reset readies p to hand out the values of its kept slabs again,
// zeroed. The values handed out so far must no longer be used.
func (p *Pool[T]) Reset() {
	p.slabs.Reset()
	p.cur = nil
}

// Kept returns the number of slabs p keeps.
func (p *Pool[T]) Kept() int { return p.slabs.Kept() }
