package check

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"

	"github.com/jixiao/jixiao/model"
)

// ratio is an exact rational number: n/d with d > 0 while both fit an
// int64, else the big.Rat b. Neither n nor d is ever math.MinInt64, so
// both can be negated and their magnitudes taken. A b once made is never
// modified. The zero ratio stands for a missing number (a nil *big.Rat in
// the checks' earlier form).
//
// The numbers of a form are small decimals, and the checks add, multiply
// and divide only a few of them, so the int64 path almost always holds;
// an operation whose result would not fit is done again on big.Rat.
type ratio struct {
	n, d int64
	b    *big.Rat
}

// pow10 holds the powers of ten that fit an int64.
var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// reduceAbove is the size of numerator or denominator past which a result
// is brought to lowest terms, so that chains of operations stay small
// without paying for a gcd on every step.
const reduceAbove = 1 << 32

// hundredR is 100.
var hundredR = intRatio(100)

// intRatio returns the integer n.
func intRatio(n int64) ratio { return ratio{n: n, d: 1} }

// mkRatio returns n/d for d > 0, neither being math.MinInt64, in lowest
// terms when either is large.
func mkRatio(n, d int64) ratio {
	// n outside [-reduceAbove, reduceAbove) or d ≥ 2·reduceAbove, in one
	// test that keeps mkRatio small enough to inline.
	if uint64(n+reduceAbove)|uint64(d) >= 2*reduceAbove {
		return reduced(n, d)
	}
	return ratio{n: n, d: d}
}

// reduced returns n/d in lowest terms.
func reduced(n, d int64) ratio {
	g := int64(gcd(uabs(n), uint64(d)))
	return ratio{n: n / g, d: d / g}
}

// fromBig returns x, on the int64 path when it fits.
func fromBig(x *big.Rat) ratio {
	num, den := x.Num(), x.Denom()
	if num.IsInt64() && den.IsInt64() {
		if n, d := num.Int64(), den.Int64(); n != math.MinInt64 {
			return ratio{n: n, d: d}
		}
	}
	return ratio{b: x}
}

// decRatio returns the value of d as Decimal.Rat does: a decimal of up
// to 18 digits, with digits on both sides of its point if it has one, is
// read directly, anything else through Rat.
func decRatio(d model.Decimal) ratio {
	s := string(d)
	i := 0
	if len(s) > 0 && s[0] == '-' {
		i = 1
	}
	if n := len(s) - i; n == 0 || n > 19 {
		return fromBig(d.Rat())
	}
	var m int64
	dot := -1
	for j := i; j < len(s); j++ {
		if c := s[j] - '0'; c <= 9 {
			m = m*10 + int64(c) // may overflow with 19 digits, then unused
			continue
		}
		if s[j] != '.' || dot >= 0 {
			return fromBig(d.Rat())
		}
		dot = j
	}
	scale := 0
	switch {
	case dot < 0:
		if len(s)-i > 18 {
			return fromBig(d.Rat())
		}
	case dot == i || dot == len(s)-1:
		return fromBig(d.Rat())
	default:
		scale = len(s) - 1 - dot
	}
	if i > 0 {
		m = -m
	}
	return mkRatio(m, int64(pow10[scale]))
}

// ratOf returns *d as a ratio, or the missing ratio for nil.
func ratOf(d *model.Decimal) ratio {
	if d == nil {
		return ratio{}
	}
	return decRatio(*d)
}

// missing reports whether r stands for no number.
func (r ratio) missing() bool { return r.d == 0 && r.b == nil }

// big returns r as a big.Rat; the caller must not modify it.
func (r ratio) big() *big.Rat {
	if r.b != nil {
		return r.b
	}
	return new(big.Rat).SetFrac64(r.n, r.d)
}

// sign returns -1, 0 or +1.
func (r ratio) sign() int {
	if r.b != nil {
		return r.b.Sign()
	}
	return sign64(r.n)
}

// neg returns -r.
func (r ratio) neg() ratio {
	if r.b != nil {
		return ratio{b: new(big.Rat).Neg(r.b)}
	}
	return ratio{n: -r.n, d: r.d}
}

// abs returns |r|.
func (r ratio) abs() ratio {
	if r.sign() < 0 {
		return r.neg()
	}
	return r
}

// add returns a + b.
func (a ratio) add(b ratio) ratio {
	if a.b == nil && b.b == nil {
		if a.d == b.d {
			if n, ok := add64(a.n, b.n); ok {
				return mkRatio(n, a.d)
			}
		} else if x, ok := mul64(a.n, b.d); ok {
			if y, ok := mul64(b.n, a.d); ok {
				if n, ok := add64(x, y); ok {
					if d, ok := mul64(a.d, b.d); ok {
						return mkRatio(n, d)
					}
				}
			}
		}
	}
	return fromBig(new(big.Rat).Add(a.big(), b.big()))
}

// sub returns a − b.
func (a ratio) sub(b ratio) ratio { return a.add(b.neg()) }

// mul returns a × b.
func (a ratio) mul(b ratio) ratio {
	if a.b == nil && b.b == nil {
		if n, ok := mul64(a.n, b.n); ok {
			if d, ok := mul64(a.d, b.d); ok {
				return mkRatio(n, d)
			}
		}
	}
	return fromBig(new(big.Rat).Mul(a.big(), b.big()))
}

// quo returns a ÷ b; it panics when b is zero, as big.Rat does.
func (a ratio) quo(b ratio) ratio {
	if a.b == nil && b.b == nil {
		if b.n == 0 {
			panic("division by zero")
		}
		if n, ok := mul64(a.n, b.d); ok {
			if d, ok := mul64(a.d, b.n); ok {
				if d < 0 {
					n, d = -n, -d
				}
				return mkRatio(n, d)
			}
		}
	}
	return fromBig(new(big.Rat).Quo(a.big(), b.big()))
}

// cmp compares a and b: -1, 0 or +1.
func (a ratio) cmp(b ratio) int {
	if a.b != nil || b.b != nil {
		return a.big().Cmp(b.big())
	}
	sa, sb := sign64(a.n), sign64(b.n)
	switch {
	case sa < sb:
		return -1
	case sa > sb:
		return 1
	case sa == 0:
		return 0
	}
	// Same sign: compare |a.n|·b.d with |b.n|·a.d in 128 bits.
	h1, l1 := bits.Mul64(uabs(a.n), uint64(b.d))
	h2, l2 := bits.Mul64(uabs(b.n), uint64(a.d))
	c := 0
	switch {
	case h1 < h2 || h1 == h2 && l1 < l2:
		c = -1
	case h1 > h2 || l1 > l2:
		c = 1
	}
	return c * sa
}

// minRatio returns the smaller of a and b.
func minRatio(a, b ratio) ratio {
	if a.cmp(b) <= 0 {
		return a
	}
	return b
}

// within reports whether a and b are at most tol apart.
func within(a, b, tol ratio) bool { return a.sub(b).abs().cmp(tol) <= 0 }

// scaled returns |r| × 10^p over r's denominator, truncated, and whether
// the remainder is at least half the denominator (rounding half up adds
// one); ok is false when r is on the big path or the quotient would not
// fit an int64.
func (r ratio) scaled(p int) (q uint64, up, ok bool) {
	if r.b != nil || p < 0 || p >= len(pow10) {
		return 0, false, false
	}
	d := uint64(r.d)
	hi, lo := bits.Mul64(uabs(r.n), pow10[p])
	if hi >= d {
		return 0, false, false
	}
	q, rem := bits.Div64(hi, lo, d)
	if q >= math.MaxInt64 {
		return 0, false, false
	}
	return q, rem >= d-rem, true
}

// cut returns r truncated toward zero and rounded half away from zero to
// p decimals.
func (r ratio) cut(p int) (t, h ratio) {
	q, up, ok := r.scaled(p)
	if !ok {
		x := r.big()
		return fromBig(trunc(x, p)), fromBig(model.FromRat(x, p).Rat())
	}
	tn, hn := int64(q), int64(q)
	if up {
		hn++
	}
	if r.n < 0 {
		tn, hn = -tn, -hn
	}
	den := int64(pow10[p])
	return mkRatio(tn, den), mkRatio(hn, den)
}

// trunc cuts r toward zero to p decimals.
func trunc(r *big.Rat, p int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p)), nil)
	n := new(big.Int).Mul(r.Num(), scale)
	n.Quo(n, r.Denom())
	return new(big.Rat).SetFrac(n, scale)
}

// decimal returns r rounded half away from zero to p decimals in
// canonical form, as model.FromRat does.
func (r ratio) decimal(p int) model.Decimal {
	q, up, ok := r.scaled(p)
	if !ok {
		return model.FromRat(r.big(), p)
	}
	if up {
		q++
	}
	var buf [48]byte
	b := appendFixed(buf[:0], q, p, r.n < 0 && q != 0)
	// Canonical: no trailing fractional zeros, no bare point.
	if p > 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	return model.Decimal(b)
}

// floatString formats r with exactly p decimals, rounded half away from
// zero, as big.Rat.FloatString does (a negative r keeps its sign even when
// it rounds to zero).
func (r ratio) floatString(p int) string {
	q, up, ok := r.scaled(p)
	if !ok {
		return r.big().FloatString(p)
	}
	if up {
		q++
	}
	var buf [48]byte
	return string(appendFixed(buf[:0], q, p, r.n < 0))
}

// appendFixed appends q/10^p with exactly p decimals, after a minus sign
// when neg is set.
func appendFixed(b []byte, q uint64, p int, neg bool) []byte {
	if neg {
		b = append(b, '-')
	}
	var digits [24]byte
	ds := strconv.AppendUint(digits[:0], q, 10)
	if p == 0 {
		return append(b, ds...)
	}
	if len(ds) <= p {
		b = append(b, '0', '.')
		for i := len(ds); i < p; i++ {
			b = append(b, '0')
		}
		return append(b, ds...)
	}
	b = append(b, ds[:len(ds)-p]...)
	b = append(b, '.')
	return append(b, ds[len(ds)-p:]...)
}

// sign64 returns the sign of n.
func sign64(n int64) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// uabs returns |n|, for n other than math.MinInt64.
func uabs(n int64) uint64 {
	if n < 0 {
		return uint64(-n)
	}
	return uint64(n)
}

// add64 returns a + b, or false when the sum is not an int64 other than
// math.MinInt64.
func add64(a, b int64) (int64, bool) {
	s := a + b
	if (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0) || s == math.MinInt64 {
		return 0, false
	}
	return s, true
}

// mul64 returns a × b, or false when the product is not an int64 other
// than math.MinInt64.
func mul64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(uabs(a), uabs(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

// gcd returns the greatest common divisor of a and b (binary algorithm).
func gcd(a, b uint64) uint64 {
	if a == 0 {
		return b
	}
	if b == 0 {
		return a
	}
	shift := bits.TrailingZeros64(a | b)
	a >>= bits.TrailingZeros64(a)
	for b != 0 {
		b >>= bits.TrailingZeros64(b)
		if a > b {
			a, b = b, a
		}
		b -= a
	}
	return a << shift
}
