package export

import (
	"fmt"
	"strings"
)

// The Parquet type of decimal columns: DECIMAL(18,6) stored as INT64. It
// holds every amount up to 999,999,999,999.999999 exactly, whether in 元 or
// 万元, and every rate, weight and score.
const (
	decimalPrecision = 18
	decimalScale     = 6
)

// pow10 holds the powers of ten up to 10^decimalScale.
var pow10 = [decimalScale + 1]int64{1, 10, 100, 1000, 10000, 100000, 1000000}

// unscaled returns the decimal s times 10^decimalScale, the INT64 that a
// DECIMAL(decimalPrecision, decimalScale) column stores. It fails, rather
// than round, when s has more than decimalScale decimal places or more than
// decimalPrecision-decimalScale integer digits.
func unscaled(s string) (int64, error) {
	orig := s
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	intPart = strings.TrimLeft(intPart, "0")
	frac = strings.TrimRight(frac, "0")
	if !digits(intPart) || !digits(frac) || (intPart == "" && frac == "" && !strings.ContainsRune(s, '0')) {
		return 0, fmt.Errorf("%q is not a decimal", orig)
	}
	if len(frac) > decimalScale {
		return 0, fmt.Errorf("%d decimal places, more than the %d of DECIMAL(%d,%d)",
			len(frac), decimalScale, decimalPrecision, decimalScale)
	}
	if len(intPart) > decimalPrecision-decimalScale {
		return 0, fmt.Errorf("%d integer digits, more than the %d of DECIMAL(%d,%d)",
			len(intPart), decimalPrecision-decimalScale, decimalPrecision, decimalScale)
	}
	var n int64
	for i := 0; i < len(intPart); i++ {
		n = n*10 + int64(intPart[i]-'0')
	}
	var f int64
	for i := 0; i < len(frac); i++ {
		f = f*10 + int64(frac[i]-'0')
	}
	n = n*pow10[decimalScale] + f*pow10[decimalScale-len(frac)]
	if neg {
		n = -n
	}
	return n, nil
}

// digits reports whether s holds only ASCII digits.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
