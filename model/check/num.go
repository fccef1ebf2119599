package check

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/jixiao/jixiao/model"
)

var hundred = big.NewRat(100, 1)

// rat returns d as a rational, or nil for a missing number.
func rat(d *model.Decimal) *big.Rat {
	if d == nil {
		return nil
	}
	return d.Rat()
}

func add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
func sub(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) }
func mul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }
func quo(a, b *big.Rat) *big.Rat { return new(big.Rat).Quo(a, b) }

// minRat returns the smaller of a and b.
func minRat(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) <= 0 {
		return a
	}
	return b
}

// within reports whether a and b are at most tol apart.
func within(a, b *big.Rat, tol model.Decimal) bool {
	d := sub(a, b)
	return d.Abs(d).Cmp(tol.Rat()) <= 0
}

// round returns r rounded half up to two decimals, for Expected fields.
func round(r *big.Rat) *model.Decimal {
	d := model.FromRat(r, 2)
	return &d
}

// exact returns r as a decimal, rounded only past the sixth place.
func exact(r *big.Rat) model.Decimal { return model.FromRat(r, 6) }

// halfUp rounds r half away from zero to p decimals.
func halfUp(r *big.Rat, p int) *big.Rat { return model.FromRat(r, p).Rat() }

// trunc cuts r toward zero to p decimals.
func trunc(r *big.Rat, p int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p)), nil)
	n := new(big.Int).Mul(r.Num(), scale)
	n.Quo(n, r.Denom())
	return new(big.Rat).SetFrac(n, scale)
}

// places returns the number of decimals written in s.
func places(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// roundingNote explains a printed figure that misses the exact value but
// equals it rounded or truncated to the decimals the figure is written
// with, when that is fewer than two; otherwise it returns "".
func roundingNote(found model.Decimal, x *big.Rat) string {
	p := places(string(found))
	if p >= 2 {
		return ""
	}
	f := found.Rat()
	how := "取整"
	if p > 0 {
		how = fmt.Sprintf("保留%d位小数", p)
	}
	switch {
	case f.Cmp(halfUp(x, p)) == 0:
		return "（相当于四舍五入" + how + "）"
	case f.Cmp(trunc(x, p)) == 0:
		return "（相当于截尾" + how + "）"
	}
	return ""
}

// roundingHow names how found was made from the exact value x: rounded
// half up, or truncated, to two decimals; "" when neither.
func roundingHow(found model.Decimal, x *big.Rat) string {
	f := found.Rat()
	switch {
	case f.Cmp(halfUp(x, 2)) == 0:
		return "四舍五入"
	case f.Cmp(trunc(x, 2)) == 0:
		return "截尾"
	}
	return ""
}

// truncatedOnly reports whether found is x truncated to two decimals
// where rounding half up would give another figure.
func truncatedOnly(found model.Decimal, x *big.Rat) bool {
	f := found.Rat()
	return f.Cmp(trunc(x, 2)) == 0 && f.Cmp(halfUp(x, 2)) != 0
}

// pct formats a percentage with two decimals: 98.60%.
func pct(r *big.Rat) string { return r.FloatString(2) + "%" }

// pts formats a computed score or amount rounded half up to two decimals.
func pts(r *big.Rat) string { return model.FromRat(r, 2).String() }

// num formats a printed decimal as written canonically.
func num(d *model.Decimal) string {
	if d == nil {
		return "—"
	}
	return d.String()
}
