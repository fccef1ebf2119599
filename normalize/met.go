package normalize

import (
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
		return boolPtr(model.CmpScaled(b, aexp, *target.Min, texp) >= 0 && model.CmpScaled(b, aexp, *target.Max, texp) <= 0)
	}
	if target.Value == nil {
		return nil
	}
	c := model.CmpScaled(b, aexp, *target.Value, texp)
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

func boolPtr(b bool) *bool { return &b }
