package model

import (
	"fmt"
	"math"
	"math/big"
	"strings"
)

// Decimal is an exact decimal number held in canonical form: no leading
// zeros, no trailing fractional zeros, no "+" sign, and "-" only on a
// non-zero value ("300", "2.5", "0.68", "-1"). The zero value "" is not a
// number; use a nil *Decimal for a missing one.
type Decimal string

// ParseDecimal reads an ASCII decimal such as "300.00", "-2.50", ".5" or
// "1,234.5" (thousands separators are dropped) and returns it in canonical
// form. It reports false when s is not such a number. When the canonical
// form is a substring of s ("296.26", "300.00"→"300", "+7"→"7") it is
// returned without allocating.
func ParseDecimal(s string) (Decimal, bool) {
	if d, ok := parseSubstring(s); ok {
		return d, true
	}
	return parseDecimal(s)
}

// parseSubstring is ParseDecimal for a number written [+-]digits[.digits]
// whose canonical form is a substring of s. It reports false for anything
// else, which parseDecimal then reads or rejects.
func parseSubstring(s string) (Decimal, bool) {
	start := 0
	if s != "" && (s[0] == '-' || s[0] == '+') {
		start = 1
	}
	dot, end := -1, len(s)
	for i := start; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && dot < 0:
			dot = i
		default:
			return "", false
		}
	}
	if dot < 0 {
		dot = end
	}
	// The whole part without leading zeros, or its last "0".
	i := start
	for i < dot-1 && s[i] == '0' {
		i++
	}
	// The fraction without trailing zeros, or nothing (and no point).
	for end > dot+1 && s[end-1] == '0' {
		end--
	}
	if end == dot+1 {
		end = dot
	}
	switch {
	case i == dot:
		// No whole digit to keep: ".5" needs a "0" written before it,
		// and "." or "" is no number.
		return "", false
	case s[i] == '0' && end == dot:
		// Zero, which has no sign.
		return Decimal(s[i : i+1]), true
	case start == 1 && s[0] == '-':
		if i != start {
			return "", false // "-007": the sign is not next to the digits
		}
		i = 0
	}
	return Decimal(s[i:end]), true
}

// parseDecimal is ParseDecimal for any input, building the canonical form
// anew.
func parseDecimal(s string) (Decimal, bool) {
	if s == "" {
		return "", false
	}
	neg := false
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	var intPart, frac []byte
	seenDot, digits := false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if seenDot {
				frac = append(frac, c)
			} else {
				intPart = append(intPart, c)
			}
		case c == '.' && !seenDot:
			seenDot = true
		case c == ',' && !seenDot && i > 0 && isGroup(s[i+1:]):
			// thousands separator
		default:
			return "", false
		}
	}
	if digits == 0 {
		return "", false
	}
	for len(intPart) > 0 && intPart[0] == '0' {
		intPart = intPart[1:]
	}
	for len(frac) > 0 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	var b strings.Builder
	b.Grow(len(intPart) + len(frac) + 2)
	if neg && (len(intPart) > 0 || len(frac) > 0) {
		b.WriteByte('-')
	}
	if len(intPart) == 0 {
		b.WriteByte('0')
	} else {
		b.Write(intPart)
	}
	if len(frac) > 0 {
		b.WriteByte('.')
		b.Write(frac)
	}
	return Decimal(b.String()), true
}

// isGroup reports whether s starts with exactly three digits followed by
// a non-digit or the end: the shape after a thousands separator.
func isGroup(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) == 3 || s[3] < '0' || s[3] > '9'
}

// MustDecimal is ParseDecimal for literals known to be valid; it panics
// otherwise. It is meant for tests and tables.
func MustDecimal(s string) Decimal {
	d, ok := ParseDecimal(s)
	if !ok {
		panic("model: bad decimal " + s)
	}
	return d
}

// Dec returns a pointer to the canonical decimal s, or nil when s is not a
// number. It is a convenience for building optional fields.
func Dec(s string) *Decimal {
	d, ok := ParseDecimal(s)
	if !ok {
		return nil
	}
	return &d
}

// String returns the canonical text.
func (d Decimal) String() string { return string(d) }

// MarshalJSON writes the decimal as a bare JSON number.
func (d Decimal) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	return []byte(d), nil
}

// UnmarshalJSON reads a JSON number (or a string holding one).
func (d *Decimal) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	v, ok := ParseDecimal(s)
	if !ok {
		return fmt.Errorf("model: %s is not a decimal", b)
	}
	*d = v
	return nil
}

// Rat returns the exact value as a rational number.
func (d Decimal) Rat() *big.Rat {
	if m, scale, ok := d.small(); ok {
		if scale == 0 {
			return new(big.Rat).SetInt64(m)
		}
		return new(big.Rat).SetFrac64(m, pow10[scale])
	}
	r, ok := new(big.Rat).SetString(string(d))
	if !ok {
		return new(big.Rat)
	}
	return r
}

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// small returns d as an integer m and a count of decimals, d = m/10^scale,
// when both fit an int64 (at most 18 digits); ok is false otherwise.
func (d Decimal) small() (m int64, scale int, ok bool) {
	s := string(d)
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if s == "" || len(s) > 19 {
		return 0, 0, false
	}
	dot, digits := false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			// 19 digits may overflow an int64.
			if digits++; digits > 18 {
				return 0, 0, false
			}
			m = m*10 + int64(c-'0')
			if dot {
				scale++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, 0, false
		}
	}
	if neg {
		m = -m
	}
	return m, scale, true
}

// Float64 returns the nearest float64, for display and tolerances only.
func (d Decimal) Float64() float64 {
	f, _ := d.Rat().Float64()
	return f
}

// Cmp compares d and e exactly: -1, 0 or +1.
func (d Decimal) Cmp(e Decimal) int {
	return CmpScaled(d, 0, e, 0)
}

// CmpScaled compares a × 10^ea and b × 10^eb exactly, for ea, eb >= 0
// (a value in 万人 against one in 人): -1, 0 or +1. It compares in int64
// fixed point, and with math/big only when the numbers are too long for
// that.
func CmpScaled(a Decimal, ea int, b Decimal, eb int) int {
	if c, ok := cmpSmall(a, ea, b, eb); ok {
		return c
	}
	return scaledRat(a, ea).Cmp(scaledRat(b, eb))
}

// cmpSmall is CmpScaled in int64 fixed point, without math/big. It reports
// false when a or b does not fit (see small) or when aligning them would
// overflow.
func cmpSmall(a Decimal, ea int, b Decimal, eb int) (int, bool) {
	ma, sa, ok1 := a.small()
	mb, sb, ok2 := b.small()
	if !ok1 || !ok2 {
		return 0, false
	}
	// a = ma × 10^ka and b = mb × 10^kb: scale up the one with the larger
	// exponent.
	ka, kb := ea-sa, eb-sb
	if ka > kb {
		ma, ok1 = mulPow10(ma, ka-kb)
	} else {
		mb, ok1 = mulPow10(mb, kb-ka)
	}
	if !ok1 {
		return 0, false
	}
	switch {
	case ma < mb:
		return -1, true
	case ma > mb:
		return 1, true
	}
	return 0, true
}

// scaledRat returns d × 10^exp as an exact rational, for exp >= 0.
func scaledRat(d Decimal, exp int) *big.Rat {
	r := d.Rat()
	if exp > 0 {
		r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp)), nil)))
	}
	return r
}

// mulPow10 returns m × 10^n, reporting false when it overflows an int64.
func mulPow10(m int64, n int) (int64, bool) {
	if n >= len(pow10) {
		return 0, m == 0
	}
	p := pow10[n]
	if m > math.MaxInt64/p || m < -math.MaxInt64/p {
		return 0, false
	}
	return m * p, true
}

// IsZero reports whether d is zero.
func (d Decimal) IsZero() bool { return d == "0" }

// FromRat rounds r half away from zero to places decimal places and returns
// it in canonical form.
func FromRat(r *big.Rat, places int) Decimal {
	s := r.FloatString(places) // FloatString rounds half away from zero
	d, _ := ParseDecimal(s)
	return d
}

// Sum returns the exact sum of ds.
func Sum(ds ...Decimal) Decimal {
	r := new(big.Rat)
	for _, d := range ds {
		r.Add(r, d.Rat())
	}
	return ratString(r)
}

// ratString writes r, a sum or difference of decimals, exactly.
func ratString(r *big.Rat) Decimal {
	// A sum of finite decimals is a finite decimal: find its places.
	for places := 0; places <= 40; places++ {
		d := FromRat(r, places)
		if d.Rat().Cmp(r) == 0 {
			return d
		}
	}
	return FromRat(r, 40)
}
