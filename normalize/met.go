package normalize

import (
	"cmp"

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
	if m, ok := met(&target, &actual); ok {
		return newBool(m)
	}
	return nil
}

// Met is the package's Met, its result cut from a.
func (a *Arena) Met(target, actual model.Value) *bool {
	if m, ok := met(&target, &actual); ok {
		return a.bool(m)
	}
	return nil
}

// met is Met, reporting whether actual satisfies target and whether they
// compare.
func met(target, actual *model.Value) (met, ok bool) {
	switch {
	case isDateKind(target.Kind) && isDateKind(actual.Kind):
		t, a := dateEnd(target), dateEnd(actual)
		if n := min(len(t), len(a)); n > 0 {
			return a[:n] <= t[:n], true
		}
		return false, false
	case !isNumberKind(target.Kind) || !isNumberKind(actual.Kind) || actual.Value == nil:
		return false, false
	}
	tu, au := target.Unit, actual.Unit
	switch {
	case tu == "":
		tu = au
	case au == "":
		au = tu
	}
	texp, tplain := unitExp(tu)
	aexp := texp
	if au != tu {
		// Units written alike, as most are, measure the same thing.
		var aplain string
		aexp, aplain = unitExp(au)
		if !sameUnit(tplain, aplain) {
			return false, false
		}
	}
	b := *actual.Value
	if wholeAsOne(target, actual) {
		aexp += 2 // × 100
	}
	switch target.Op {
	case model.OpRange:
		if target.Min == nil || target.Max == nil {
			return false, false
		}
		return cmpScaled(b, aexp, *target.Min, texp) >= 0 && cmpScaled(b, aexp, *target.Max, texp) <= 0, true
	}
	if target.Value == nil {
		return false, false
	}
	c := cmpScaled(b, aexp, *target.Value, texp)
	switch target.Op {
	case model.OpLE:
		return c <= 0, true
	case model.OpGT:
		return c > 0, true
	case model.OpLT:
		return c < 0, true
	case model.OpEq:
		return c == 0, true
	}
	return c >= 0, true
}

// wholeAsOne reports whether actual is a rate written as a fraction of 1
// against a percent target (see Met).
func wholeAsOne(target, actual *model.Value) bool {
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
	if floor == nil || cmpScaled(*floor, 0, "50", 0) < 0 {
		return false
	}
	a := *actual.Value
	return cmpScaled(a, 0, "0", 0) > 0 && cmpScaled(a, 0, "1", 0) <= 0
}

// cmpScaled is model.CmpScaled, comparing a and b as strings when they
// are in canonical form, not negative and scaled alike, as most are: the
// one with the longer whole part is the greater, and between whole parts
// of one length the order of the strings is that of the numbers.
func cmpScaled(a model.Decimal, ea int, b model.Decimal, eb int) int {
	if ea == eb {
		if la, lb := wholeLen(a), wholeLen(b); la > 0 && lb > 0 {
			if la != lb {
				return cmp.Compare(la, lb)
			}
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					return cmp.Compare(a[i], b[i])
				}
			}
			return cmp.Compare(len(a), len(b))
		}
	}
	return model.CmpScaled(a, ea, b, eb)
}

// wholeLen returns the length of the whole part of d when d is a
// non-negative decimal in canonical form: digits without leading zeros
// (or "0"), then perhaps "." and digits without trailing zeros. It
// returns 0 for anything else.
func wholeLen(d model.Decimal) int {
	dot := len(d) // until a point is found
	for i := 0; i < len(d); i++ {
		if c := d[i]; c-'0' > 9 {
			if c != '.' || dot != len(d) {
				return 0
			}
			dot = i
		}
	}
	// Rule out "" and ".5", "07", "2." and "2.50".
	if dot == 0 || d[0] == '0' && dot != 1 || dot < len(d) && (dot == len(d)-1 || d[len(d)-1] == '0') {
		return 0
	}
	return dot
}

func isNumberKind(k string) bool { return k == model.ValueNumber || k == model.ValuePercent }

func isDateKind(k string) bool { return k == model.ValueDate || k == model.ValuePeriod }

// dateEnd returns a date value's date, or a period's end.
func dateEnd(v *model.Value) string {
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
