package check

import (
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
)

// randomRatio returns a random ratio and its value: mostly small decimals,
// sometimes numbers near the int64 limits, or past them.
func randomRatio(r *rand.Rand) (ratio, *big.Rat) {
	var s string
	switch r.Intn(6) {
	case 0:
		s = fmt.Sprint(r.Int63n(1000))
	case 1, 2:
		s = fmt.Sprintf("%d.%0*d", r.Int63n(100000), 1+r.Intn(6), r.Int63n(1000000))
	case 3:
		s = fmt.Sprint(math.MaxInt64 - r.Int63n(1000))
	case 4:
		s = fmt.Sprintf("%d%d", r.Int63(), r.Int63()) // past int64
	default:
		s = fmt.Sprintf("0.%018d", r.Int63n(1e18))
	}
	if r.Intn(4) == 0 {
		s = "-" + s
	}
	d := model.MustDecimal(s)
	x := decRatio(d)
	want := d.Rat()
	if r.Intn(3) == 0 && want.Sign() != 0 {
		// A non-decimal fraction: 1/x.
		want = new(big.Rat).Inv(want)
		x = intRatio(1).quo(x)
	}
	return x, want
}

func TestRatioArithmetic(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		a, ab := randomRatio(r)
		b, bb := randomRatio(r)
		require.Zero(t, ab.Cmp(a.big()), "%v", ab)
		assert.Equal(t, ab.Cmp(bb), a.cmp(b), "%v cmp %v", ab, bb)
		assert.Equal(t, ab.Sign(), a.sign())
		check := func(op string, got ratio, want *big.Rat) {
			t.Helper()
			assert.Zero(t, want.Cmp(got.big()), "%v %s %v: %v, want %v", ab, op, bb, got.big(), want)
			if got.b == nil {
				assert.Positive(t, got.d)
				assert.NotEqual(t, int64(math.MinInt64), got.n)
			}
		}
		check("+", a.add(b), new(big.Rat).Add(ab, bb))
		check("-", a.sub(b), new(big.Rat).Sub(ab, bb))
		check("×", a.mul(b), new(big.Rat).Mul(ab, bb))
		if bb.Sign() != 0 {
			check("÷", a.quo(b), new(big.Rat).Quo(ab, bb))
		}
		check("abs", a.abs(), new(big.Rat).Abs(ab))
		tol, tolb := randomRatio(r)
		if r.Intn(2) == 0 {
			tol, tolb = b.sub(a).abs(), new(big.Rat).Abs(new(big.Rat).Sub(bb, ab)) // the boundary
		}
		assert.Equal(t, new(big.Rat).Abs(new(big.Rat).Sub(ab, bb)).Cmp(tolb) <= 0, within(a, b, tol),
			"|%v − %v| ≤ %v", ab, bb, tolb)
		for _, p := range []int{0, 1, 2, 6, 17, 19} {
			tr, h := a.cut(p)
			assert.Zero(t, trunc(ab, p).Cmp(tr.big()), "%v truncated to %d", ab, p)
			assert.Zero(t, model.FromRat(ab, p).Rat().Cmp(h.big()), "%v rounded to %d", ab, p)
			assert.Equal(t, model.FromRat(ab, p), a.decimal(p), "%v to %d places", ab, p)
			assert.Equal(t, ab.FloatString(p), a.floatString(p), "%v to %d places", ab, p)
		}
	}
	assert.Panics(t, func() { intRatio(1).quo(intRatio(0)) })
}

func TestRatioFormatting(t *testing.T) {
	tests := []struct {
		x        string
		p        int
		dec, flt string
	}{
		{"0", 2, "0", "0.00"},
		{"-0.001", 2, "0", "-0.00"},
		{"-5", 2, "-5", "-5.00"},
		{"98.745", 2, "98.75", "98.75"},
		{"-98.745", 2, "-98.75", "-98.75"},
		{"0.05", 1, "0.1", "0.1"},
		{"0.04", 1, "0", "0.0"},
		{"2.5", 0, "3", "3"},
		{"-2.5", 0, "-3", "-3"},
		{"1.000001", 6, "1.000001", "1.000001"},
		{"100", 6, "100", "100.000000"},
	}
	for _, tt := range tests {
		x := decRatio(model.MustDecimal(tt.x))
		assert.Equal(t, model.Decimal(tt.dec), x.decimal(tt.p), "%s to %d", tt.x, tt.p)
		assert.Equal(t, tt.flt, x.floatString(tt.p), "%s to %d", tt.x, tt.p)
	}
	third := intRatio(1).quo(intRatio(3))
	assert.Equal(t, "0.333333", sprintf("%s", exact(third)))
	assert.Equal(t, "33.33%", sprintf("%s", pct(third.mul(hundredR))))
	assert.Equal(t, "0.67", sprintf("%s", pts(intRatio(2).quo(intRatio(3)))))
	assert.Equal(t, "-0.00%, 0, 2.5, -2.5", sprintf("%s, %s, %s, %s",
		pct(decRatio("-0.001")), pts(decRatio("-0.001")), pts(decRatio("2.5")), exact(decRatio("-2.5"))))
	big := decRatio("123456789012345678901.5")
	assert.Equal(t, "123456789012345678901.5 123456789012345678902 123456789012345678901.50%",
		sprintf("%s %s %s", exact(big), pts(big.mul(intRatio(1)).add(decRatio("0.5"))), pct(big)))
}

func TestDecRatio(t *testing.T) {
	for _, s := range []string{
		"0", "1", "-1", "296.26", "0.000001", "999999999999999999", "-999999999999999999",
		"9999999999999999999", "12345678901234567.89", "1234567890123456789012.5",
		// Not canonical, read as Decimal.Rat reads them.
		"", ".5", "5.", "-", "+5", "1e3", "007", "1,000", "abc", "3/4",
		"1.2.3", "-.5", "-5.", "--5", "-0", "0.0", "1234567890123456789", "-1234567890123456789",
		"12345678901234567890", "1.23456789012345678", "-1.23456789012345678", "1.234567890123456789",
		// Ten digits and a sign, read without reducing; eleven, reduced.
		"9999999999", "-9999999999", "99999.99999", "-9.99999999", "12345678901", "1234567890.5",
		"4294967296", "-4294967296", "0.0000000001", "1.5a", "1.-5", "12.", "-0.5",
	} {
		want := model.Decimal(s).Rat()
		assert.Zero(t, want.Cmp(decRatio(model.Decimal(s)).big()), "%q", s)
	}
	// Ten digits at most are kept as written; more are reduced when
	// large (see mkRatio).
	for _, tt := range []struct {
		s    string
		n, d int64
	}{
		{"2.5", 25, 10},
		{"-0.05", -5, 100},
		{"9999999999", 9999999999, 1},
		{"-99999.99999", -9999999999, 100000},
		{"123456.78901", 12345678901, 100000},
		{"12345678901", 12345678901, 1},
	} {
		r := decRatio(model.Decimal(tt.s))
		assert.Equal(t, ratio{n: tt.n, d: tt.d}, r, "%q", tt.s)
	}
	x, w := model.Dec("9.5"), model.Dec("9.5")
	assert.True(t, sameAs(x, x), "the same decimal")
	assert.True(t, sameAs(x, w), "decimals written alike")
	other := model.Decimal("9.50")
	assert.False(t, sameAs(x, &other), "decimals written otherwise")
	assert.False(t, sameAs(x, nil))
	assert.False(t, sameAs(nil, w))
	assert.False(t, sameAs(nil, nil))
	assert.True(t, ratOf(nil).missing())
	assert.False(t, ratOf(model.Dec("0")).missing())
}

func TestSprintf(t *testing.T) {
	for _, tt := range []struct {
		format string
		args   []string
	}{
		{"", nil},
		{"plain", nil},
		{"%s写作%s，应为%s%%", []string{"执行率", "80.50%", "81.64"}},
		{"%s%s%s", []string{"", "a", ""}},
		{"100%%（%s×%s%%）", []string{"7", "96.7"}},
	} {
		args := make([]any, len(tt.args))
		for i, a := range tt.args {
			args[i] = a
		}
		assert.Equal(t, fmt.Sprintf(tt.format, args...), sprintf(tt.format, args...), tt.format)
	}
	name := "  数量 "
	ind := &model.Indicator{Name: &name}
	assert.Equal(t, "“数量”的得分为10.5，占98.60%", sprintf("%s的得分为%s，占%s", ind, exact(decRatio("10.50")), pct(decRatio("98.6"))))
	assert.Equal(t, "“数量”", indName(ind))
	assert.Equal(t, "“质量指标”", indName(&model.Indicator{Level2: "质量指标"}))
	assert.Panics(t, func() { sprintf("%s", 1) })
	assert.Panics(t, func() { sprintf("%s", decRatio("1")) })
	assert.Panics(t, func() { sprintf("%s") })
	assert.Panics(t, func() { sprintf("%d", "1") })
	assert.Panics(t, func() { sprintf("trailing %") })
	assert.Panics(t, func() { sprintf("none", "1") })
}

func TestJoinedEqual(t *testing.T) {
	for _, tt := range [][4]string{
		{"产出指标", "数量指标", "产出指标", "数量指标"},
		{"产出指标", "数量指标", "产出指标", "质量指标"},
		{"a\x00b", "c", "a", "b\x00c"},
		{"a\x00b", "c", "a", "b\x00d"},
		{"", "x", "", "x"},
		{"ab", "", "a", "b"},
	} {
		want := tt[0]+"\x00"+tt[1] == tt[2]+"\x00"+tt[3]
		assert.Equal(t, want, joinedEqual(tt[0], tt[1], tt[2], tt[3]), "%q", tt)
	}
}

var (
	// rateRE and amountRE are the expressions rateMatch and amountMatch
	// stand for.
	rateRE   = regexp.MustCompile(`执行率(?:为|是|达到|达|到|了|约|：|:|\s)*([0-9]+(?:\.[0-9]+)?)\s*%`)
	amountRE = regexp.MustCompile(`(?:支付|支出|使用|拨付|执行)(?:数|资金|金额|经费|了|为|是|达到|达|共计|合计|总计|约|：|:|\s)*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(亿元|万元|元)`)
)

// matchTokens are the pieces the random texts of TestMatchers are made
// of: everything the expressions look for, near misses, and bytes that
// are not UTF-8.
var matchTokens = []string{
	"执行率", "执行", "执", "行", "率", "支付", "支出", "使用", "拨付", "支", "付", "使", "拨",
	"为", "是", "达到", "达", "到", "了", "约", "：", ":", " ", "\t", "\n", "\v", "\r", "\f",
	"数", "资金", "金额", "经费", "共计", "合计", "总计", "资", "金", "额", "经", "费", "共", "合", "总", "计",
	"0", "1", "5", "9", "12", ".", ",", "%", "％", "元", "万元", "亿元", "万", "亿", "/", "每",
	"\xe6", "\x89", "\xa7\xe8", "\xef\xbc", "，", "。", "项目",
	"０", "１", "９", "．", "\xbc\x85", "\x85", "\xbc\x90", "\xef\xbc\xef\xbc\x91",
}

// foldedMatches returns what the expression re finds in text once folded:
// for each match the folded text of its whole and of each group.
func foldedMatches(re *regexp.Regexp, text string) [][]string {
	var ms [][]string
	for _, m := range re.FindAllStringSubmatch(foldFullWidth(text), -1) {
		ms = append(ms, m)
	}
	return ms
}

// foldedParts returns the folded text of each pair of bounds of m.
func foldedParts(text string, m []int) []string {
	var parts []string
	for i := 0; i < len(m); i += 2 {
		parts = append(parts, foldFullWidth(text[m[i]:m[i+1]]))
	}
	return parts
}

// pickOf returns one of xs at random.
func pickOf(r *rand.Rand, xs ...string) string { return xs[r.Intn(len(xs))] }

func TestMatchers(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		for j := r.Intn(16); j >= 0; j-- {
			if r.Intn(3) == 0 {
				// Something close to a match: a keyword, fillers, a
				// number of digits, commas and points, a unit.
				b.WriteString(pickOf(r, "执行率", "支付", "支出", "使用", "拨付", "执行", "行"))
				for k := r.Intn(3); k > 0; k-- {
					b.WriteString(pickOf(r, "为", "达到", "达", "到", "：", " ", "数", "资金", "金额", "共计", "资", "额"))
				}
				for k := 1 + r.Intn(6); k > 0; k-- {
					b.WriteString(pickOf(r, "0", "1", "7", ",", ".", "0", "1", "7", ",", ".", "０", "７", "．", "，"))
				}
				b.WriteString(pickOf(r, "", " ", "\t"))
				b.WriteString(pickOf(r, "%", "元", "万元", "亿元", "万", "", "/人", "％"))
				continue
			}
			b.WriteString(matchTokens[r.Intn(len(matchTokens))])
		}
		text := b.String()
		// Where there is nothing to fold, the bounds must agree too.
		plain := foldFullWidth(text) == text

		var got [][]int
		var gotParts [][]string
		full := hasFullPercent(text)
		assert.Equal(t, strings.Contains(text, "％"), full, "％ in %q", text)
		for from := 0; ; {
			m, ok := rateMatch(text, from, full)
			if !ok {
				break
			}
			got = append(got, m[:])
			gotParts = append(gotParts, foldedParts(text, m[:]))
			from = m[1]
		}
		if plain {
			assert.Equal(t, rateRE.FindAllStringSubmatchIndex(text, -1), got, "rate in %q", text)
		}
		assert.Equal(t, foldedMatches(rateRE, text), gotParts, "rate in %q", text)

		got, gotParts = nil, nil
		for from := 0; ; {
			m, ok := amountMatch(text, from)
			if !ok {
				break
			}
			got = append(got, m[:])
			gotParts = append(gotParts, foldedParts(text, m[2:]))
			gotParts[len(gotParts)-1] = append([]string{foldFullWidth(text[m[0]:m[1]])}, gotParts[len(gotParts)-1]...)
			from = m[1]
		}
		if plain {
			assert.Equal(t, amountRE.FindAllStringSubmatchIndex(text, -1), got, "amount in %q", text)
		}
		if !assert.Equal(t, foldedMatches(amountRE, text), gotParts, "amount in %q", text) {
			return
		}
	}
}

// FuzzMatchers compares the matchers with the expressions they stand for
// on any text, and the readers of numbers and characters they rely on
// with the standard ones.
func FuzzMatchers(f *testing.F) {
	for _, s := range []string{"资金执行率达到98.6%", "执行率：９８．６％", "项目资金已支付296.26万元", "共使用资金3,000元/人",
		"执行率为 1.2.3 %", "\xef\xbc\x85\xef", "支出数共计０．５亿元", "-12.50", "1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var rates, amounts [][]string
		full := hasFullPercent(text)
		require.Equal(t, strings.Contains(text, "％"), full)
		for from := 0; ; {
			m, ok := rateMatch(text, from, full)
			if !ok {
				break
			}
			rates = append(rates, foldedParts(text, m[:]))
			from = m[1]
		}
		require.Equal(t, foldedMatches(rateRE, text), rates, "rate in %q", text)
		for from := 0; ; {
			m, ok := amountMatch(text, from)
			if !ok {
				break
			}
			amounts = append(amounts, append([]string{foldFullWidth(text[m[0]:m[1]])}, foldedParts(text, m[2:])...))
			from = m[1]
		}
		require.Equal(t, foldedMatches(amountRE, text), amounts, "amount in %q", text)
		require.Equal(t, fullWidth.Replace(text), foldFullWidth(text))
		for _, sep := range []string{"元", "％"} {
			require.Equal(t, strings.Index(text, sep), index3(text, sep))
		}
		require.Equal(t, strings.TrimSpace(text) == "", blank(text))
		require.Equal(t, strings.TrimSpace(text), trimSpace(text))
		require.Equal(t, strings.Trim(strings.TrimSpace(text), actualPunct), trimActual(text))
		require.Zero(t, model.Decimal(text).Rat().Cmp(decRatio(model.Decimal(text)).big()), "%q", text)
	})
}

func TestFoldFullWidth(t *testing.T) {
	for _, s := range []string{"", "执行率98.6%", "执行率：９８．６％", "，。（）", "\xef\xbc", "a\xef\xbc\x90", "１",
		"\xef", "，\xef\xbc", "，，。５", "\xef\xef\xbc\x85", "\xef\xbc\xbc\x85"} {
		assert.Equal(t, fullWidth.Replace(s), foldFullWidth(s), "%q", s)
	}
}

func TestIsWhite(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if isWhite(r) != unicode.IsSpace(r) {
			t.Fatalf("isWhite(%U) = %v", r, isWhite(r))
		}
	}
	assert.True(t, blank(" \t\u3000\n"))
	assert.False(t, blank(" 完成"))
	assert.Equal(t, "完成", trimSpace("\u3000完成 "))
	assert.Equal(t, "完成", trimActual(" 完成。"))
}

func TestIndex3(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	parts := []string{"元", "万元", "\xe5", "\x85", "\x83", "\xe5\x85", "\x85\x83", "兑", "先", "光", "a", "，",
		"％", "\xef\xbc", "执行率", "执行", "率", "\x87", "行率"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for j := r.Intn(8); j >= 0; j-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		s := b.String()
		for _, sep := range []string{"元", "％", "率"} {
			assert.Equal(t, strings.Index(s, sep), index3(s, sep), "%q in %q", sep, s)
		}
	}
}
