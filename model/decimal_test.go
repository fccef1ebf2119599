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

// TestParseDecimalNoAlloc checks that a number whose canonical form is
// written in it is sliced, not copied.
func TestParseDecimalNoAlloc(t *testing.T) {
	for _, s := range []string{"296.26", "5", "10", "300.00", "0.680", "+7", "-2.50", "007", "-0", "0.000"} {
		var d Decimal
		n := testing.AllocsPerRun(100, func() { d, _ = ParseDecimal(s) })
		assert.Zero(t, n, s)
		assert.Equal(t, Decimal(parseDecimalOrEmpty(s)), d, s)
	}
}

func parseDecimalOrEmpty(s string) string {
	d, _ := parseDecimal(s)
	return string(d)
}

var decimalSeeds = []string{
	"300.00", "2.50", "296.26", "0.680", "-0", "-2.50", "+7", ".5", "007", "1,234.5", "12,34", "1.2.3", "", "-",
	"abc", "1e5", "123456789012345678901234567890.5", "1.", ".", "-.", "+.5", "-.5", "-007", "00.10", "0.000",
	"-0.000", "999999999999999999", "9999999999999999999", "-999999999999999999", "0.000000000000000001",
	"99999999999999999.9", "--5", "+-5", "1,234,567", ",123", "-1,234.50",
}

// FuzzParseDecimal checks ParseDecimal's fast path against parseDecimal,
// which builds every canonical form anew.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range decimalSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gok := ParseDecimal(s)
		want, wok := parseDecimal(s)
		if got != want || gok != wok {
			t.Fatalf("ParseDecimal(%q) = %q, %v, want %q, %v", s, got, gok, want, wok)
		}
	})
}

// FuzzDecimalCmp checks Cmp's fixed-point comparison against math/big, on
// canonical decimals and on any string (which Rat reads as 0 when it is
// no number).
func FuzzDecimalCmp(f *testing.F) {
	for i, s := range decimalSeeds {
		f.Add(s, decimalSeeds[(i*7+3)%len(decimalSeeds)])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		check := func(d, e Decimal) {
			if got, want := d.Cmp(e), d.Rat().Cmp(e.Rat()); got != want {
				t.Fatalf("Decimal(%q).Cmp(%q) = %d, want %d", d, e, got, want)
			}
		}
		check(Decimal(a), Decimal(b))
		if d, ok := ParseDecimal(a); ok {
			if e, ok := ParseDecimal(b); ok {
				check(d, e)
			}
		}
	})
}

func BenchmarkParseDecimal(b *testing.B) {
	in := []string{"296.26", "5", "10", "300.00", "0.5", "98.75"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseDecimal(in[i%len(in)])
	}
}

func BenchmarkDecimalCmp(b *testing.B) {
	in := []Decimal{"296.26", "300", "95", "94.9", "0.96", "1", "50"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in[i%len(in)].Cmp(in[(i+1)%len(in)])
	}
}
