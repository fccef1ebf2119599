package model

import "testing"

// TestAtIsZero checks IsZero against a comparison with At{}, for the zero
// At, each field set alone, and values whose bits cancel out in an OR or
// a sum.
func TestAtIsZero(t *testing.T) {
	tests := []At{
		{},
		{Line: 1},
		{Table: 1},
		{Row: 1},
		{Col: 1},
		{Paragraph: 1},
		{Line: -1},
		{Paragraph: -1 << 63},
		{Line: 1, Table: -1},
		{Row: 2, Col: -2},
		{Line: 1, Table: 2, Row: 3, Col: 4, Paragraph: 5},
	}
	for _, a := range tests {
		if got, want := a.IsZero(), a == (At{}); got != want {
			t.Errorf("%+v.IsZero() = %v, want %v", a, got, want)
		}
	}
}
