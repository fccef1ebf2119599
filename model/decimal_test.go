package model

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseDecimal(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"300.00", "300", true},
		{"2.50", "2.5", true},
		{"296.26", "296.26", true},
		{"0.680", "0.68", true},
		{"-0", "0", true},
		{"-2.50", "-2.5", true},
		{"+7", "7", true},
		{".5", "0.5", true},
		{"007", "7", true},
		{"1,234.5", "1234.5", true},
		{"12,34", "", false},
		{"1.2.3", "", false},
		{"", "", false},
		{"-", "", false},
		{"abc", "", false},
		{"1e5", "", false},
		{"123456789012345678901234567890.5", "123456789012345678901234567890.5", true},
	}
	for _, c := range cases {
		d, ok := ParseDecimal(c.in)
		assert.Equal(t, c.ok, ok, c.in)
		assert.Equal(t, c.want, string(d), c.in)
	}
}

func TestDecimalRat(t *testing.T) {
	for _, s := range []string{"0", "296.26", "-2.5", "0.001", "123456789012345678", "1234567890123456789012.5", "-0.000000000000000001",
		"9999999999999999999", "-9223372036854775808", "9223372036854775807", "999999999999999999", "99999999999999999.9"} {
		want, _ := new(big.Rat).SetString(s)
		assert.Zero(t, want.Cmp(Decimal(s).Rat()), s)
	}
	assert.Equal(t, 1, MustDecimal("10").Cmp(MustDecimal("9.99")))
	assert.Equal(t, Decimal("100"), Sum(MustDecimal("98.75"), MustDecimal("1.25")))
	assert.Equal(t, Decimal("0.3"), Sum(MustDecimal("0.1"), MustDecimal("0.2")), "exact, no float artefact")
	assert.Equal(t, Decimal("98.75"), FromRat(big.NewRat(29626, 300), 2))
}

func BenchmarkDecimalRat(b *testing.B) {
	d := MustDecimal("296.26")
	for b.Loop() {
		d.Rat()
	}
}
