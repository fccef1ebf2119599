package normalize

import (
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
)

// Number parses a plain number cell such as a weight, a score or a total:
// "300.00"→300, "9.88分"→9.88, "10", "１０", "1,234.5", "10%"→10 (a weight
// written as a share of 100). A cell that says nothing ("", "/", "—",
// "-", "－", "——", "一", "……", "无", "不适用") returns nil and true; text
// that is not a number returns nil and false.
func Number(raw string) (*model.Decimal, bool) { return (*Arena)(nil).Number(raw) }

// Number is the package's Number, its result cut from a.
func (a *Arena) Number(raw string) (*model.Decimal, bool) {
	// Most cells are a number, perhaps with 分 or % after it: nothing
	// Label changes, and the number read as the steps below would.
	if d, j, ok := readArabic(raw, 0); ok {
		switch raw[j:] {
		case "", "分", "%", "%分":
			return a.dec(d), true
		}
	}
	s := Label(raw)
	if saysNothing(s) {
		return nil, true
	}
	s = strings.TrimSuffix(s, "分")
	s = strings.TrimSuffix(s, "%")
	return a.decimal(s)
}

// Rate parses an execution-rate cell and returns it in percent:
// "98.75%"→98.75, "100.00%"→100, "120%"→120. A bare number is a fraction
// when it is above 0 and at most 1 ("1"→100, "0.9875"→98.75) and already
// percent otherwise ("98.75"→98.75, "0"→0). A cell that says nothing
// returns nil and true.
func Rate(raw string) (*model.Decimal, bool) { return (*Arena)(nil).Rate(raw) }

// Rate is the package's Rate, its result cut from a.
func (a *Arena) Rate(raw string) (*model.Decimal, bool) {
	s := Label(raw)
	if saysNothing(s) {
		return nil, true
	}
	if p, ok := strings.CutSuffix(s, "%"); ok {
		return a.decimal(p)
	}
	if p, ok := strings.CutSuffix(s, "百分比"); ok {
		return a.decimal(p)
	}
	d, ok := a.decimal(s)
	if !ok {
		return nil, false
	}
	if !d.IsZero() && (*d)[0] != '-' && d.Cmp("1") <= 0 {
		*d = a.shift(*d, 2)
	}
	return d, true
}

// Amount parses a money cell of a funds table whose unit is tableUnit
// ("万元", "元", "千元", "亿元"; brackets and white space are ignored, and
// an empty or unknown unit is taken as 万元, the usual one). A cell that
// names its own unit is converted exactly to the table's: "150万" in a 万元
// table is 150, "1500000元" in a 万元 table is 150, "150万" in a 元 table is
// 1500000. A cell that says nothing returns nil and true.
func Amount(raw, tableUnit string) (*model.Decimal, bool) {
	return (*Arena)(nil).Amount(raw, tableUnit)
}

// Amount is the package's Amount, its result cut from a.
func (a *Arena) Amount(raw, tableUnit string) (*model.Decimal, bool) {
	s := Label(raw)
	if saysNothing(s) {
		return nil, true
	}
	want := a.moneyExp(tableUnit)
	s, exp, ok := cutMoneyUnit(s)
	if !ok {
		exp = want
	}
	d, ok := a.decimal(s)
	if !ok {
		return nil, false
	}
	if exp != want {
		*d = a.shift(*d, exp-want)
	}
	return d, true
}

// moneyUnits are the units a money cell may carry, longest first, with
// the power of ten of one 元 each stands for.
var moneyUnits = []struct {
	unit string
	exp  int
}{
	{"万元", 4}, {"亿元", 8}, {"千元", 3}, {"萬元", 4}, {"億元", 8}, {"元", 0},
	{"万", 4}, {"亿", 8}, {"萬", 4}, {"億", 8},
}

// cutMoneyUnit removes a money unit from the end of s.
func cutMoneyUnit(s string) (string, int, bool) {
	if s == "" || s[len(s)-1] < utf8.RuneSelf {
		return s, 0, false // every unit ends in a CJK rune, and most cells in a digit
	}
	for _, u := range moneyUnits {
		if n, ok := strings.CutSuffix(s, u.unit); ok {
			return n, u.exp, true
		}
	}
	return s, 0, false
}

// moneyExp is the package's moneyExp of the table unit as Amount takes it,
// remembered from one call to the next: the cells of a funds table share
// their unit.
func (a *Arena) moneyExp(tableUnit string) int {
	if a != nil && a.unitSet && tableUnit == a.unit {
		return a.unitExp
	}
	exp := moneyExp(unbracket(Label(tableUnit)))
	if a != nil {
		a.unit, a.unitExp, a.unitSet = tableUnit, exp, true
	}
	return exp
}

// moneyExp returns the power of ten of a funds table's unit, read from
// its end ("万元", "单位:元"), or 4 (万元) when it names none.
func moneyExp(unit string) int {
	if _, exp, ok := cutMoneyUnit(unit); ok {
		return exp
	}
	return 4
}

// saysNothing reports whether the folded, squeezed number cell s is empty,
// a dash or a word for nothing.
func saysNothing(s string) bool {
	return isNone(s) || s == "无"
}

// decimal parses the whole of s as a number.
func (a *Arena) decimal(s string) (*model.Decimal, bool) {
	d, j, ok := readArabic(s, 0)
	if !ok || j != len(s) {
		return nil, false
	}
	return a.dec(d), true // only now, so that a failure allocates nothing
}
