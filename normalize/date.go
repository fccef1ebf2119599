package normalize

import (
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
)

// ymd is a date to the precision written: a year, a month or a day (zero
// fields are absent).
type ymd struct{ y, m, d int }

// String writes t as "2021", "2021-12" or "2021-12-31". The dates of the
// years year4 reads are cut from yearText, without allocating.
func (t ymd) String() string {
	if t.y < minYear || t.y > maxYear || t.m < 0 || t.m > 12 || t.d < 0 || t.d > 31 || t.m == 0 && t.d > 0 {
		return string(t.append(make([]byte, 0, len("2021-12-31"))))
	}
	s := yearText(t.y)
	switch {
	case t.m == 0:
		return s[:len("2021")]
	case t.d == 0:
		k := (t.m - 1) * 31 * len("2021-12-31")
		return s[k : k+len("2021-12")]
	}
	k := ((t.m-1)*31 + t.d - 1) * len("2021-12-31")
	return s[k : k+len("2021-12-31")]
}

// append appends t, written as String writes it, to b.
func (t ymd) append(b []byte) []byte {
	b = append(b, byte('0'+t.y/1000), byte('0'+t.y/100%10), byte('0'+t.y/10%10), byte('0'+t.y%10))
	if t.m > 0 {
		b = append(b, '-', byte('0'+t.m/10), byte('0'+t.m%10))
		if t.d > 0 {
			b = append(b, '-', byte('0'+t.d/10), byte('0'+t.d%10))
		}
	}
	return b
}

// The years year4 reads.
const minYear, maxYear = 1900, 2099

// yearTexts holds the texts yearText makes, by year from minYear.
var yearTexts [maxYear - minYear + 1]atomic.Pointer[string]

// yearText returns the text of the days of year y, from minYear to
// maxYear, 31 to a month whatever its length: "2021-01-01" to
// "2021-12-31", each in len("2021-12-31") bytes. Its first four bytes are
// the year, and the first seven of a month's first day the month. It makes
// the text the first time it is asked for the year, which needs no
// allocation again: a document's dates fall in a few years.
func yearText(y int) string {
	p := &yearTexts[y-minYear]
	if s := p.Load(); s != nil {
		return *s
	}
	b := make([]byte, 0, 12*31*len("2021-12-31"))
	for m := 1; m <= 12; m++ {
		for d := 1; d <= 31; d++ {
			b = ymd{y, m, d}.append(b)
		}
	}
	s := string(b)
	p.Store(&s)
	return s
}

// maxRemainder is how many characters of words may follow a date in a
// cell that is still a date ("2021年12月底前完成").
const maxRemainder = 16

// parseDateValue parses a date or period at s[i:] into v. Words without
// digits may follow it ("完成", "底前"); anything else makes it no date.
func parseDateValue(s string, i int, v *model.Value) bool {
	from, to, j, ok := readDate(s, i)
	if !ok {
		return false
	}
	rest := s[j:]
	if strings.ContainsAny(rest, "0123456789") || utf8.RuneCountInString(rest) > maxRemainder {
		return false
	}
	// "2077.06万元", "2021.5%": a number whose whole part looks like a
	// year, followed by its unit, is no date.
	if u := unbracket(rest); u != "" && (knownUnit(u) || u == "%") {
		return false
	}
	if to.y == 0 {
		v.Kind, v.Date = model.ValueDate, from.String()
	} else {
		v.Kind, v.From, v.To = model.ValuePeriod, from.String(), to.String()
	}
	return true
}

// readDate reads a date or a period at s[i:]: "2021年12月31日", "2021.12",
// "2021-12-31", "2021/12/31", "2020年"; "2021年1月-12月", "2021年1-12月",
// "2021年1月至2021年12月", "2021.1-2021.12", "2021-2022年". The end of a period
// written without its year takes the start's, or the next year when its
// month comes before the start's ("2021年10月-3月").
func readDate(s string, i int) (from, to ymd, j int, ok bool) {
	if _, _, ok := year4(s, i); !ok {
		return from, to, i, false // both forms begin with a year
	}
	from, to, j, ok = readYMD(s, i, 0)
	if !ok {
		// "2021-2022年": a span of years.
		y1, j1, ok1 := year4(s, i)
		if !ok1 {
			return
		}
		w := sepWidth(s, j1)
		if w == 0 {
			return
		}
		y2, j2, ok2 := year4(s, j1+w)
		if !ok2 || y2 < y1 {
			return
		}
		if strings.HasPrefix(s[j2:], "年") {
			j2 += len("年")
		}
		return ymd{y: y1}, ymd{y: y2}, j2, true
	}
	if to.y != 0 {
		return from, to, j, true
	}
	if w := sepWidth(s, j); w > 0 {
		end, _, k, ok2 := readYMD(s, j+w, from.y)
		if ok2 {
			if _, _, explicit := year4(s, j+w); !explicit && end.m > 0 && from.m > end.m {
				end.y++
			}
			return from, end, k, true
		}
	}
	return from, ymd{}, j, true
}

// readYMD reads one date at s[i:]. When year is not 0 it also reads a date
// written without its year ("12月", "12月31日") as one in that year. The
// compact form "2021年1-12月" returns its end as span.
func readYMD(s string, i, year int) (d, span ymd, j int, ok bool) {
	y, j, ok := year4(s, i)
	if !ok {
		if year == 0 {
			return d, span, i, false
		}
		d.y = year
		m, k, ok := number2(s, i, 12)
		if !ok || !strings.HasPrefix(s[k:], "月") {
			return d, span, i, false
		}
		d.m = m
		j = readDay(s, k+len("月"), &d)
		return d, span, j, true
	}
	d.y = y
	if j == len(s) {
		return d, span, i, false
	}
	switch c := s[j]; {
	case strings.HasPrefix(s[j:], "年"):
		j += len("年")
		m, k, ok := number2(s, j, 12)
		if !ok {
			return d, span, j, true
		}
		if strings.HasPrefix(s[k:], "月") {
			d.m = m
			return d, span, readDay(s, k+len("月"), &d), true
		}
		// "2021年1-12月"
		if w := sepWidth(s, k); w > 0 {
			m2, k2, ok := number2(s, k+w, 12)
			if ok && strings.HasPrefix(s[k2:], "月") {
				d.m = m
				span = ymd{y: y, m: m2}
				return d, span, skipFen(s, k2+len("月")), true
			}
		}
		return d, span, j, true
	case c == '.' || c == '-' || c == '/':
		m, k, ok := number2(s, j+1, 12)
		if !ok {
			return d, span, i, false
		}
		d.m, j = m, k
		if j < len(s) && s[j] == c {
			if dd, k, ok := number2(s, j+1, daysIn(m)); ok {
				d.d, j = dd, k
			}
		}
		return d, span, j, true
	}
	return d, span, i, false
}

// readDay reads an optional "份" and day ("31日", "31号") after a month.
func readDay(s string, j int, d *ymd) int {
	j = skipFen(s, j)
	dd, k, ok := number2(s, j, daysIn(d.m))
	if !ok {
		return j
	}
	for _, w := range [...]string{"日", "号"} {
		if strings.HasPrefix(s[k:], w) {
			d.d = dd
			return k + len(w)
		}
	}
	return j
}

func skipFen(s string, j int) int {
	if strings.HasPrefix(s[j:], "份") {
		return j + len("份")
	}
	return j
}

// daysIn returns the most days month m can have.
func daysIn(m int) int {
	switch m {
	case 2:
		return 29
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// year4 reads a year 1900–2099 written with four digits at s[i:].
func year4(s string, i int) (int, int, bool) {
	if i+4 > len(s) || !(s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') ||
		!isDigit(s[i+2]) || !isDigit(s[i+3]) || i+4 < len(s) && isDigit(s[i+4]) {
		return 0, i, false
	}
	return int(s[i]-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0'), i + 4, true
}

// number2 reads a number of one or two digits, 1 to max, at s[i:].
func number2(s string, i, max int) (int, int, bool) {
	j, n := i, 0
	for j < len(s) && isDigit(s[j]) && j-i < 3 {
		n = n*10 + int(s[j]-'0')
		j++
	}
	if j == i || j-i > 2 || n < 1 || n > max {
		return 0, i, false
	}
	return n, j, true
}

// sepWidth returns the width of the range separator at s[j:], or 0.
func sepWidth(s string, j int) int {
	if j >= len(s) {
		return 0
	}
	for _, sep := range rangeSepsByByte[s[j]] {
		if strings.HasPrefix(s[j:], sep) {
			return len(sep)
		}
	}
	return 0
}

// rangeSepsByByte holds rangeSeps by their first byte, in their order.
var rangeSepsByByte [256][]string

func init() {
	for _, sep := range rangeSeps {
		rangeSepsByByte[sep[0]] = append(rangeSepsByByte[sep[0]], sep)
	}
}
