package check

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/jixiao/jixiao/model"
)

// round returns r rounded half up to two decimals, for Expected fields.
func round(r ratio) *model.Decimal {
	d := r.decimal(2)
	return &d
}

// exact returns r as a decimal, rounded only past the sixth place.
func exact(r ratio) string { return string(r.decimal(6)) }

// places returns the number of decimals written in s.
func places(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// roundingNote is noteFor for an exact value held as a big.Rat.
func roundingNote(found model.Decimal, x *big.Rat) string { return noteFor(found, fromBig(x)) }

// roundingHow is howFor for an exact value held as a big.Rat.
func roundingHow(found model.Decimal, x *big.Rat) string { return howFor(found, fromBig(x)) }

// noteFor explains a printed figure that misses the exact value x but
// equals it rounded or truncated to the decimals the figure is written
// with, when that is fewer than two; otherwise it returns "".
func noteFor(found model.Decimal, x ratio) string {
	p := places(string(found))
	if p >= 2 {
		return ""
	}
	f := decRatio(found)
	how := "取整"
	if p > 0 {
		how = "保留" + strconv.Itoa(p) + "位小数"
	}
	t, h := x.cut(p)
	switch {
	case f.cmp(h) == 0:
		return "（相当于四舍五入" + how + "）"
	case f.cmp(t) == 0:
		return "（相当于截尾" + how + "）"
	}
	return ""
}

// howFor names how found was made from the exact value x: rounded half
// up, or truncated, to two decimals; "" when neither.
func howFor(found model.Decimal, x ratio) string {
	f := decRatio(found)
	t, h := x.cut(2)
	switch {
	case f.cmp(h) == 0:
		return "四舍五入"
	case f.cmp(t) == 0:
		return "截尾"
	}
	return ""
}

// truncatedOnly reports whether found is x truncated to two decimals
// where rounding half up would give another figure.
func truncatedOnly(found model.Decimal, x ratio) bool {
	t, h := x.cut(2)
	if t.cmp(h) == 0 {
		return false
	}
	return decRatio(found).cmp(t) == 0
}

// pct formats a percentage with two decimals: 98.60%.
func pct(r ratio) string { return r.floatString(2) + "%" }

// pts formats a computed score or amount rounded half up to two decimals.
func pts(r ratio) string { return string(r.decimal(2)) }

// num formats a printed decimal as written canonically.
func num(d *model.Decimal) string {
	if d == nil {
		return "—"
	}
	return d.String()
}

// sprintf is fmt.Sprintf for messages whose arguments are all strings:
// each %s of format takes the next argument and %% writes %. It makes one
// allocation. Any other verb, or arguments too few or too many, is a
// mistake in a message and panics.
func sprintf(format string, args ...string) string {
	n := len(format)
	for _, a := range args {
		n += len(a)
	}
	var b strings.Builder
	b.Grow(n)
	for {
		i := strings.IndexByte(format, '%')
		if i < 0 {
			if len(args) > 0 {
				panic("check: too many arguments for a message")
			}
			b.WriteString(format)
			return b.String()
		}
		b.WriteString(format[:i])
		switch {
		case i+1 < len(format) && format[i+1] == 's' && len(args) > 0:
			b.WriteString(args[0])
			args = args[1:]
		case i+1 < len(format) && format[i+1] == '%':
			b.WriteByte('%')
		default:
			panic("check: bad verb or too few arguments in a message")
		}
		format = format[i+2:]
	}
}
