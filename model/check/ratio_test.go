package check

import (
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"regexp"
	"strings"
	"testing"

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
	assert.Equal(t, "0.333333", exact(third))
	assert.Equal(t, "33.33%", pct(third.mul(hundredR)))
	assert.Equal(t, "0.67", pts(intRatio(2).quo(intRatio(3))))
}

func TestDecRatio(t *testing.T) {
	for _, s := range []string{
		"0", "1", "-1", "296.26", "0.000001", "999999999999999999", "-999999999999999999",
		"9999999999999999999", "12345678901234567.89", "1234567890123456789012.5",
		// Not canonical, read as Decimal.Rat reads them.
		"", ".5", "5.", "-", "+5", "1e3", "007", "1,000", "abc", "3/4",
	} {
		want := model.Decimal(s).Rat()
		assert.Zero(t, want.Cmp(decRatio(model.Decimal(s)).big()), "%q", s)
	}
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
		assert.Equal(t, fmt.Sprintf(tt.format, args...), sprintf(tt.format, tt.args...), tt.format)
	}
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
					b.WriteString(pickOf(r, "0", "1", "7", ",", "."))
				}
				b.WriteString(pickOf(r, "", " ", "\t"))
				b.WriteString(pickOf(r, "%", "元", "万元", "亿元", "万", "", "/人"))
				continue
			}
			b.WriteString(matchTokens[r.Intn(len(matchTokens))])
		}
		text := b.String()

		var got [][]int
		for from := 0; ; {
			m, ok := rateMatch(text, from)
			if !ok {
				break
			}
			got = append(got, m[:])
			from = m[1]
		}
		assert.Equal(t, rateRE.FindAllStringSubmatchIndex(text, -1), got, "rate in %q", text)

		got = nil
		for from := 0; ; {
			m, ok := amountMatch(text, from)
			if !ok {
				break
			}
			got = append(got, m[:])
			from = m[1]
		}
		if !assert.Equal(t, amountRE.FindAllStringSubmatchIndex(text, -1), got, "amount in %q", text) {
			return
		}
	}
}

func TestFoldFullWidth(t *testing.T) {
	for _, s := range []string{"", "执行率98.6%", "执行率：９８．６％", "，。（）", "\xef\xbc", "a\xef\xbc\x90", "１"} {
		assert.Equal(t, fullWidth.Replace(s), foldFullWidth(s), "%q", s)
	}
}
