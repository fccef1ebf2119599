package check

import (
	"strings"

	"github.com/jixiao/jixiao/model"
)

// round returns r rounded half up to two decimals, for Expected fields.
func round(r ratio) *model.Decimal {
	d := r.decimal(2)
	return &d
}

// places returns the number of decimals written in s.
func places(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// noteFor explains a printed figure found, of value f, that misses the
// exact value x but equals it rounded or truncated to the decimals the
// figure is written with, when that is fewer than two; otherwise it
// returns "".
func noteFor(found model.Decimal, f, x ratio) string {
	p := places(string(found))
	if p >= 2 {
		return ""
	}
	t, h := x.cut(p)
	switch {
	case f.cmp(h) == 0:
		return roundedNotes[p]
	case f.cmp(t) == 0:
		return truncatedNotes[p]
	}
	return ""
}

// roundedNotes and truncatedNotes are the notes of noteFor, by the
// number of decimals.
var (
	roundedNotes   = [...]string{"（相当于四舍五入取整）", "（相当于四舍五入保留1位小数）"}
	truncatedNotes = [...]string{"（相当于截尾取整）", "（相当于截尾保留1位小数）"}
)

// howFor names how a printed figure of value f was made from the exact
// value x: rounded half up, or truncated, to two decimals; "" when
// neither.
func howFor(f, x ratio) string {
	t, h := x.cut(2)
	switch {
	case f.cmp(h) == 0:
		return "四舍五入"
	case f.cmp(t) == 0:
		return "截尾"
	}
	return ""
}

// truncatedOnly reports whether f is x truncated to two decimals where
// rounding half up would give another figure.
func truncatedOnly(f, x ratio) bool {
	if x.exactAt(2) {
		return false
	}
	t, h := x.cut(2)
	if t.cmp(h) == 0 {
		return false
	}
	return f.cmp(t) == 0
}

// Numbers to write in a message, as sprintf writes them.
type (
	// exactNum is written rounded half up past the sixth decimal, in
	// canonical form: 4.937667, 98.75, 10.
	exactNum ratio
	// ptsNum is a computed score or amount, written rounded half up to
	// two decimals in canonical form: 4.94, 10.
	ptsNum ratio
	// pctNum is a percentage, written with two decimals: 98.60%.
	pctNum ratio
)

// exact returns r to write as a decimal, rounded only past the sixth
// place.
func exact(r ratio) exactNum { return exactNum(r) }

// pts returns r to write as a computed score or amount.
func pts(r ratio) ptsNum { return ptsNum(r) }

// pct returns r to write as a percentage.
func pct(r ratio) pctNum { return pctNum(r) }

// num formats a printed decimal as written canonically.
func num(d *model.Decimal) string {
	if d == nil {
		return "—"
	}
	return d.String()
}

// sprintf is fmt.Sprintf for messages: each %s of format writes the next
// argument, and %% writes %. An argument is a string, a number of exact,
// pts or pct, or an *model.Indicator, which writes its name as indName
// does. sprintf makes one allocation, for the result, unless the message
// is long. Any other verb or argument, or arguments too few or too many,
// is a mistake in a message and panics.
func sprintf(format string, args ...any) string {
	var buf [512]byte
	b := buf[:0]
	for {
		i := strings.IndexByte(format, '%')
		if i < 0 {
			if len(args) > 0 {
				panic("check: too many arguments for a message")
			}
			return string(append(b, format...))
		}
		b = append(b, format[:i]...)
		switch {
		case i+1 < len(format) && format[i+1] == 's' && len(args) > 0:
			b = appendArg(b, args[0])
			args = args[1:]
		case i+1 < len(format) && format[i+1] == '%':
			b = append(b, '%')
		default:
			panic("check: bad verb or too few arguments in a message")
		}
		format = format[i+2:]
	}
}

// appendArg appends an argument of sprintf.
func appendArg(b []byte, a any) []byte {
	switch a := a.(type) {
	case string:
		return append(b, a...)
	case exactNum:
		return ratio(a).appendDecimal(b, 6)
	case ptsNum:
		return ratio(a).appendDecimal(b, 2)
	case pctNum:
		return append(ratio(a).appendFloat(b, 2), '%')
	case *model.Indicator:
		return appendIndName(b, a)
	}
	panic("check: bad argument for a message")
}
