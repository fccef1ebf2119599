package normalize

import (
	"math"
	"math/big"
	"strings"

	"github.com/jixiao/jixiao/model"
)

// Met reports whether actual satisfies target, or nil when they cannot be
// compared.
//
// Numbers compare when their units measure the same thing: equal after
// folding, 个月 and 月, 天 and 日, or units that differ only in magnitude
// (6万人 and 58000人, compared exactly in the plain unit); a value with no
// unit takes the other's. A percent compares with a percent. The target's
// operator decides: ">=" B≥A, "<=" B≤A, ">" B>A, "<" B<A, "=" B=A, "range"
// min≤B≤max; a target with no operator is a floor (">="). The actual's own
// operator (≥266米) is ignored. An actual written without "%" that is at
// most 1, against a percent target of at least 50 that is a floor (">=",
// ">", "=", a range or no operator), is a fraction: "1" is 100%, "0.96" is
// 96%.
//
// Dates and periods compare as deadlines: the actual's date, or its
// period's end, must not be later than the target's, compared at the
// coarser precision of the two ("2021年12月" meets "2021年12月31日").
//
// Met returns nil for a text or empty target or actual, an actual range,
// a number against a date, and different units.
func Met(target, actual model.Value) *bool {
	switch {
	case isDateKind(target.Kind) && isDateKind(actual.Kind):
		t, a := dateEnd(target), dateEnd(actual)
		if n := min(len(t), len(a)); n > 0 {
			return boolPtr(a[:n] <= t[:n])
		}
		return nil
	case !isNumberKind(target.Kind) || !isNumberKind(actual.Kind) || actual.Value == nil:
		return nil
	}
	tu, au := target.Unit, actual.Unit
	switch {
	case tu == "":
		tu = au
	case au == "":
		au = tu
	}
	texp, tplain := unitExp(tu)
	aexp, aplain := unitExp(au)
	if !sameUnit(tplain, aplain) {
		return nil
	}
	b := *actual.Value
	if wholeAsOne(target, actual) {
		aexp += 2 // × 100
	}
	switch target.Op {
	case model.OpRange:
		if target.Min == nil || target.Max == nil {
			return nil
		}
		return boolPtr(cmpScaled(b, aexp, *target.Min, texp) >= 0 && cmpScaled(b, aexp, *target.Max, texp) <= 0)
	}
	if target.Value == nil {
		return nil
	}
	c := cmpScaled(b, aexp, *target.Value, texp)
	switch target.Op {
	case model.OpLE:
		return boolPtr(c <= 0)
	case model.OpGT:
		return boolPtr(c > 0)
	case model.OpLT:
		return boolPtr(c < 0)
	case model.OpEq:
		return boolPtr(c == 0)
	}
	return boolPtr(c >= 0)
}

// wholeAsOne reports whether actual is a rate written as a fraction of 1
// against a percent target (see Met).
func wholeAsOne(target, actual model.Value) bool {
	if target.Kind != model.ValuePercent || actual.Unit != "" && actual.UnitFrom != "name" {
		return false
	}
	floor := target.Value
	switch target.Op {
	case "", model.OpGE, model.OpGT, model.OpEq:
	case model.OpRange:
		floor = target.Min
	default:
		return false
	}
	if floor == nil || floor.Cmp("50") < 0 {
		return false
	}
	a := *actual.Value
	return a.Cmp("0") > 0 && a.Cmp("1") <= 0
}

func isNumberKind(k string) bool { return k == model.ValueNumber || k == model.ValuePercent }

func isDateKind(k string) bool { return k == model.ValueDate || k == model.ValuePeriod }

// dateEnd returns a date value's date, or a period's end.
func dateEnd(v model.Value) string {
	if v.Kind == model.ValuePeriod {
		return v.To
	}
	return v.Date
}

// unitExp splits unit into its magnitude and plain unit (万人 → 4, 人).
func unitExp(unit string) (int, string) {
	exp, plain, _ := magnitude(unit)
	return exp, plain
}

// cmpScaled compares a × 10^ea and b × 10^eb exactly: -1, 0 or +1. It
// compares in int64 fixed point, and with math/big only when the numbers
// are too long for that.
func cmpScaled(a model.Decimal, ea int, b model.Decimal, eb int) int {
	if c, ok := cmpFixed(a, ea, b, eb); ok {
		return c
	}
	return scaled(a, ea).Cmp(scaled(b, eb))
}

// cmpFixed is cmpScaled in int64 fixed point. It reports false when a or
// b is not a decimal of at most 18 digits, or when the comparison would
// overflow.
func cmpFixed(a model.Decimal, ea int, b model.Decimal, eb int) (int, bool) {
	ma, sa, ok1 := fixed(a)
	mb, sb, ok2 := fixed(b)
	if !ok1 || !ok2 {
		return 0, false
	}
	// a = ma × 10^ka and b = mb × 10^kb: scale up the one with the
	// larger exponent.
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

// fixed returns d as m / 10^scale when d is written [-]digits[.digits]
// with at most 18 digits, which fits an int64.
func fixed(d model.Decimal) (m int64, scale int, ok bool) {
	s := string(d)
	neg := s != "" && s[0] == '-'
	if neg {
		s = s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || dot && frac == "" || len(whole)+len(frac) > 18 {
		return 0, 0, false
	}
	for _, part := range [...]string{whole, frac} {
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return 0, 0, false
			}
			m = m*10 + int64(c-'0')
		}
	}
	if neg {
		m = -m
	}
	return m, len(frac), true
}

// pow10 holds the powers of ten that fit an int64.
var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// mulPow10 returns m × 10^n for n >= 0, reporting false when it
// overflows an int64.
func mulPow10(m int64, n int) (int64, bool) {
	if m == 0 {
		return 0, true
	}
	if n >= len(pow10) || m > math.MaxInt64/pow10[n] || m < -math.MaxInt64/pow10[n] {
		return 0, false
	}
	return m * pow10[n], true
}

// scaled returns d × 10^exp as an exact rational.
func scaled(d model.Decimal, exp int) *big.Rat {
	r := d.Rat()
	if exp > 0 {
		r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp)), nil)))
	}
	return r
}

func boolPtr(b bool) *bool { return &b }
