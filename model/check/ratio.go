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

// small reports whether n lies in [-reduceAbove, reduceAbove).
func small(n int64) bool { return uint64(n+reduceAbove) < 2*reduceAbove }

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

// decRatio returns the value of d as Decimal.Rat does, over the
// denominator readDecimal gives. It reads a short unsigned decimal with
// plainDecimal itself, as a form's numbers mostly are, and leaves the
// rest to readDecimal.
func decRatio(d model.Decimal) ratio {
	// At most 10 bytes, so m stays below 10^10 and the ratio is written
	// as readDecimal writes it, unreduced.
	if s := string(d); uint(len(s))-1 < 10 { // not for an empty s
		if m, den, ok := plainDecimal(s); ok {
			return ratio{n: m, d: den}
		}
	}
	return readDecimal(d)
}

// readDecimal returns the value of d as Decimal.Rat does: a decimal of
// up to 18 digits, with digits on both sides of its point if it has one,
// is read directly, anything else through Rat.
func readDecimal(d model.Decimal) ratio {
	s := string(d)
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	// 19 bytes hold 18 digits and a point; 19 digits may overflow.
	if len(s) == 0 || len(s) > 19 {
		return fromBig(d.Rat())
	}
	m, den, ok := plainDecimal(s)
	if !ok {
		return fromBig(d.Rat())
	}
	if neg {
		m = -m
	}
	if len(s) <= 10 {
		// At most 10 bytes: an integer has den 1, in lowest terms
		// whatever m is; a number with a point has at most 9 digits,
		// so m and den are below reduceAbove, where mkRatio would not
		// reduce it either.
		return ratio{n: m, d: den}
	}
	return mkRatio(m, den)
}

// plainDecimal reads s, of 1 to 19 bytes, as ASCII digits with at most
// one point, which has digits on both sides: the digits as one integer m
// over den, a power of ten. ok is false for anything else, and for an
// integer of 19 digits, which may overflow m.
func plainDecimal(s string) (m, den int64, ok bool) {
	// The digits before the point.
	i := 0
	for ; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			break
		}
		m = m*10 + int64(c)
	}
	if i == len(s) {
		return m, 1, i <= 18
	}
	if s[i] != '.' || i == 0 || i == len(s)-1 {
		return 0, 0, false
	}
	// The digits after the point: 18 digits in all at most, as s has 19
	// bytes at most.
	den = 1
	for _, c := range []byte(s[i+1:]) {
		c -= '0'
		if c > 9 {
			return 0, 0, false
		}
		m = m*10 + int64(c)
		den *= 10
	}
	return m, den, true
}

// ratOf returns *d as a ratio, or the missing ratio for nil.
func ratOf(d *model.Decimal) ratio {
	if d == nil {
		return ratio{}
	}
	return decRatio(*d)
}

// sameAs reports whether d and e are both there and written alike, as a
// score and its weight, or an actual and its target, often are: then d
// need not be read, having e's value. It is small enough to inline, where
// a function that also read d would not be.
func sameAs(d, e *model.Decimal) bool {
	return d != nil && (d == e || e != nil && sameDecimal(*d, *e))
}

// sameDecimal reports whether a == b. It compares the bytes itself, from
// the last, where == would call memequal: the decimals of a form are a
// few bytes, and those that differ mostly differ in their last digit.
func sameDecimal(a, b model.Decimal) bool {
	if len(a) != len(b) {
		return false
	}
	for i := len(a) - 1; i >= 0; i-- {
		if a[i] != b[i] {
			return false
		}
	}
	return true
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
	// Over one denominator, as the weights and scores of a form mostly
	// are. A d of 0 is a ratio on the big path, or missing.
	if a.d == b.d && a.d != 0 && uint64(a.n+reduceAbove)|uint64(b.n+reduceAbove) < 2*reduceAbove {
		return ratio{n: a.n + b.n, d: a.d} // |n| < 2·reduceAbove
	}
	if a.b == nil && b.b == nil {
		switch {
		case b.n == 0:
			return a
		case a.n == 0:
			return b
		}
		// Small numerators over different denominators below 2^30, as
		// a form's decimals are: sum64's sum with no test for overflow,
		// the products being below 2^62.
		if small(a.n) && small(b.n) && uint64(a.d|b.d) < 1<<30 {
			return mkRatio(a.n*b.d+b.n*a.d, a.d*b.d)
		}
		if n, d, ok := sum64(a.n, a.d, b.n, b.d); ok {
			return mkRatio(n, d)
		}
	}
	return fromBig(new(big.Rat).Add(a.big(), b.big()))
}

// decSum adds ratios: in hundredths, in an int64, while they are small
// decimals of up to two places, as the weights, scores and amounts of a
// form mostly are, and as ratios otherwise. Adding needs no call on the
// first path, where add would take one. The sum is the same number
// either way, though it may come over another denominator than adding
// ratio by ratio gives; the checks use sums only by their value. The
// zero decSum is 0.
type decSum struct {
	cents int64
	// rest is the sum of the ratios not added in cents, missing for
	// none.
	rest ratio
}

// add adds r, which must not be missing. It is too large to inline, so
// the loops over every indicator write it out, as
//
//	if !s.addCents(r) {
//		s.addRatio(r)
//	}
//
// where addCents inlines.
func (s *decSum) add(r ratio) {
	if !s.addCents(r) {
		s.addRatio(r)
	}
}

// addCents adds r in cents and returns true, or returns false when r is
// not a small decimal of up to two places.
func (s *decSum) addCents(r ratio) bool {
	// A ratio on the big path has a d of 0, which has no cents.
	if uint64(r.d) >= uint64(len(centsPer)) {
		return false
	}
	// |r.n| < 2^32 and |cents| < 2^59: the sum stays below 2^60.
	m := int64(centsPer[r.d])
	if m == 0 || uint64(r.n+reduceAbove)|uint64(s.cents>>27+reduceAbove) >= 2*reduceAbove {
		return false
	}
	s.cents += r.n * m
	return true
}

// addRatio adds r to s.rest.
func (s *decSum) addRatio(r ratio) {
	if s.rest.missing() {
		s.rest = r
		return
	}
	s.rest = s.rest.add(r)
}

// centsPer holds the hundredths in 1/d by d, for a d of 1, 10 or 100;
// 0 for any other.
var centsPer = [101]uint8{1: 100, 10: 10, 100: 1}

// value returns the sum, the cents over 1 or 10 where they allow.
func (s *decSum) value() ratio {
	var c ratio
	switch {
	case s.cents%100 == 0:
		c = intRatio(s.cents / 100)
	case s.cents%10 == 0:
		c = mkRatio(s.cents/10, 10)
	default:
		c = mkRatio(s.cents, 100)
	}
	if s.rest.missing() {
		return c
	}
	return s.rest.add(c)
}

// sum64 returns an/ad + bn/bd as n/d over the larger denominator when one
// is 1 or both are the same, else over their product, or false when a
// number would not fit an int64 other than math.MinInt64.
func sum64(an, ad, bn, bd int64) (n, d int64, ok bool) {
	switch {
	case ad == bd:
		n, ok = add64(an, bn)
		return n, ad, ok
	case bd == 1:
		if x, ok := mul64(bn, ad); ok {
			n, ok = add64(an, x)
			return n, ad, ok
		}
	case ad == 1:
		if x, ok := mul64(an, bd); ok {
			n, ok = add64(x, bn)
			return n, bd, ok
		}
	default:
		if x, ok := mul64(an, bd); ok {
			if y, ok := mul64(bn, ad); ok {
				if n, ok := add64(x, y); ok {
					d, ok := mul64(ad, bd)
					return n, d, ok
				}
			}
		}
	}
	return 0, 0, false
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
	if a.d == b.d {
		switch {
		case a.n < b.n:
			return -1
		case a.n > b.n:
			return 1
		}
		return 0
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
func within(a, b, tol ratio) bool {
	if a == b {
		return tol.sign() >= 0 // as a score often is its weight
	}
	if a.b == nil && b.b == nil && tol.b == nil {
		// |n/d| ≤ tol.n/tol.d, that is |n|·tol.d ≤ tol.n·d, in 128 bits.
		n, d, ok := a.n-b.n, a.d, a.d == b.d && small(a.n) && small(b.n)
		if !ok {
			n, d, ok = sum64(a.n, a.d, -b.n, b.d)
		}
		if ok {
			if tol.n < 0 {
				return false
			}
			h1, l1 := bits.Mul64(uabs(n), uint64(tol.d))
			h2, l2 := bits.Mul64(uint64(tol.n), uint64(d))
			return h1 < h2 || h1 == h2 && l1 <= l2
		}
	}
	return a.sub(b).abs().cmp(tol) <= 0
}

// scaled returns |r| × 10^p over r's denominator, truncated, and whether
// the remainder is at least half the denominator (rounding half up adds
// one); ok is false when r is on the big path or the quotient would not
// fit an int64.
func (r ratio) scaled(p int) (q uint64, up, ok bool) {
	if r.b != nil || p < 0 || p >= len(pow10) {
		return 0, false, false
	}
	d := uint64(r.d)
	if k := decimalPlaces(d); k >= 0 && k <= p {
		// A decimal: |r.n| × 10^(p−k), with no division.
		hi, q := bits.Mul64(uabs(r.n), pow10[p-k])
		if hi != 0 || q >= math.MaxInt64 {
			return 0, false, false
		}
		return q, false, true
	}
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

// decimalPlaces returns k for a denominator d of 10^k up to 10^6, the
// denominators of decimals as decRatio reads them, or -1.
func decimalPlaces(d uint64) int {
	switch d {
	case 1:
		return 0
	case 10:
		return 1
	case 100:
		return 2
	case 1e3:
		return 3
	case 1e4:
		return 4
	case 1e5:
		return 5
	case 1e6:
		return 6
	}
	return -1
}

// cut returns r truncated toward zero and rounded half away from zero to
// p decimals.
func (r ratio) cut(p int) (t, h ratio) {
	if r.exactAt(p) {
		return r, r
	}
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

// exactAt reports cheaply whether r has at most p decimals: false for
// some r that has, but not for one that is written with them, as a
// decimal read by decRatio and not reduced.
func (r ratio) exactAt(p int) bool {
	return r.b == nil && (r.d == 1 || r.d == 10 && p >= 1 || r.d == 100 && p >= 2)
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
	var buf [48]byte
	return model.Decimal(r.appendDecimal(buf[:0], p))
}

// appendDecimal appends r.decimal(p) to b.
func (r ratio) appendDecimal(b []byte, p int) []byte {
	if k := decimalPlaces(uint64(r.d)); r.b == nil && k >= 0 && k < p {
		p = k // r is exact with k decimals: fewer zeros to write and trim
	}
	q, up, ok := r.scaled(p)
	if !ok {
		return append(b, model.FromRat(r.big(), p)...)
	}
	if up {
		q++
	}
	b = appendFixed(b, q, p, r.n < 0 && q != 0)
	// Canonical: no trailing fractional zeros, no bare point.
	if p > 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	return b
}

// floatString formats r with exactly p decimals, rounded half away from
// zero, as big.Rat.FloatString does (a negative r keeps its sign even when
// it rounds to zero).
func (r ratio) floatString(p int) string {
	var buf [48]byte
	return string(r.appendFloat(buf[:0], p))
}

// appendFloat appends r.floatString(p) to b.
func (r ratio) appendFloat(b []byte, p int) []byte {
	q, up, ok := r.scaled(p)
	if !ok {
		return append(b, r.big().FloatString(p)...)
	}
	if up {
		q++
	}
	return appendFixed(b, q, p, r.n < 0)
}

// appendFixed appends q/10^p with exactly p decimals, after a minus sign
// when neg is set.
func appendFixed(b []byte, q uint64, p int, neg bool) []byte {
	if neg {
		b = append(b, '-')
	}
	if p == 0 {
		return strconv.AppendUint(b, q, 10)
	}
	var digits [24]byte
	ds := strconv.AppendUint(digits[:0], q, 10)
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
