package slab

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSlabs: slabs are kept up to the number asked, handed out again in
// order after Reset, and come out empty and cleared; those past the kept
// ones are new each time.
func TestSlabs(t *testing.T) {
	const keep = 3
	var s Slabs[int]
	var first [][]int
	for round := range 3 {
		for i := range keep + 2 {
			b := s.Next(4+i, keep)
			require.Empty(t, b, "round %d, slab %d", round, i)
			require.Equal(t, make([]int, cap(b)), b[:cap(b)], "round %d, slab %d is cleared", round, i)
			if round == 0 {
				require.Equal(t, 4+i, cap(b), "a new slab's size")
				first = append(first, b)
			} else if i < keep {
				assert.Same(t, &first[i][:1][0], &b[:1][0], "round %d: slab %d kept", round, i)
			} else {
				assert.NotSame(t, &first[i][:1][0], &b[:1][0], "round %d: slab %d is new", round, i)
			}
			b = append(b, 7, 8, 9)
			_ = b
		}
		assert.Equal(t, keep+2, s.Taken())
		assert.Equal(t, keep, s.Kept())
		s.Reset()
		assert.Zero(t, s.Taken())
	}
}

// TestPool: a pool hands out distinct zero values, from more slabs than it
// keeps, and after Reset hands out the kept ones again, zeroed.
func TestPool(t *testing.T) {
	type value struct {
		s string
		n int
	}
	const size, keep = 8, 4
	var p Pool[value]
	for round := range 3 {
		seen := map[*value]bool{}
		for i := range (keep + 2) * size {
			v := p.New(size, keep)
			require.Equal(t, value{}, *v, "round %d, value %d", round, i)
			require.False(t, seen[v], "round %d: value %d handed out twice", round, i)
			seen[v] = true
			v.s, v.n = "x", i+1
		}
		assert.Equal(t, keep, p.Kept(), "round %d: slabs kept", round)
		p.Reset()
	}
}

// TestZero: the zero values are ready for use.
func TestZero(t *testing.T) {
	var s Slabs[byte]
	s.Reset()
	assert.Empty(t, s.Next(1, 0))
	var p Pool[int]
	p.Reset()
	assert.Equal(t, 0, *p.New(1, 0))
	assert.Zero(t, p.Kept())
}
