package check

import (
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/jixiao/jixiao/model"
)

// refWordBand is wordBand as it was before bandWords: the lists tried in
// turn, each word tested with no byte set.
func refWordBand(q *Qualitative, text string) int {
	text = trimActual(text)
	for _, o := range [...]struct {
		band  int
		words []string
	}{
		{bandFailed, q.FailedWords},
		{bandPartial, q.PartialWords},
		{bandAchieved, q.AchievedWords},
	} {
		for _, w := range o.words {
			if w != "" && (text == w || len(w) < len(text) && multiRune(w) && strings.Contains(text, w)) {
				return o.band
			}
		}
	}
	return -1
}

// TestBandWords compares bandWords.band with refWordBand on odd words
// and actuals: empty, one-rune, ASCII and broken UTF-8 words among them.
func TestBandWords(t *testing.T) {
	def := DefaultConfig().Qualitative
	odd := Qualitative{
		AchievedWords: []string{"", "ok", "是", "好", "\xe5", "达到预期"},
		PartialWords:  []string{"一般", "y", "\xbc\x85"},
		FailedWords:   []string{"否", "no", ""},
	}
	texts := []string{
		"", "是", "否", "好", " 是。", "是的", "完成", "已完成", "未完成", "基本完成", "部分完成。",
		"2021年12月31日", "达到预期", "达到预期目标", "较好", "ok", "OK", "not ok", "no", "y", "yes",
		"100％", "一般般", "\xe5", "\xe5\xa5", "，达成；", "没有完成任务", "实现了", "否决",
	}
	for _, q := range []*Qualitative{&def, &odd} {
		bw := newBandWords(q)
		for _, text := range texts {
			assert.Equal(t, refWordBand(q, text), bw.band(text), "%q in %q", text, q.AchievedWords)
		}
	}
}

// TestBandWordsCache shows that prepared words are reused for equal
// lists and read again for a list changed in place.
func TestBandWordsCache(t *testing.T) {
	q := DefaultConfig().Qualitative
	bw := q.bandWords()
	assert.Same(t, bw, q.bandWords(), "the same words are prepared once")
	assert.Equal(t, bandPartial, bw.band("基本完成"))
	q.PartialWords[1] = "另一个" // 基本达成 no more
	other := q.bandWords()
	assert.NotSame(t, bw, other, "a list changed in place is read again")
	assert.Equal(t, bandAchieved, other.band("基本达成"))
	assert.Equal(t, bandPartial, bw.band("基本达成"), "words prepared before keep their own copy")
}

// TestByteSig checks that a string's byte set holds those of the strings
// in it.
func TestByteSig(t *testing.T) {
	for _, c := range []struct{ s, in string }{
		{"", ""}, {"达成", "未达成"}, {"a", "ba"}, {"\x00", "\x40"}, {"完成", "2021年完成"},
	} {
		assert.Zero(t, byteSig(c.s)&^byteSig(c.in), "%q in %q", c.s, c.in)
	}
	assert.NotZero(t, byteSig("未完成")&^byteSig("2021年12月31日"))
}

// TestAddMixedDenominators checks add's sum over two small denominators
// against big.Rat, and that it is written as sum64 writes it.
func TestAddMixedDenominators(t *testing.T) {
	tests := []struct{ a, b ratio }{
		{intRatio(10), ratio{n: 45, d: 10}},
		{ratio{n: 45, d: 10}, intRatio(10)},
		{ratio{n: 225, d: 100}, ratio{n: 45, d: 10}},
		{ratio{n: -7, d: 3}, ratio{n: 5, d: 1000}},
		{ratio{n: reduceAbove - 1, d: 1<<30 - 1}, ratio{n: -reduceAbove, d: 1<<30 - 3}},
		{ratio{n: reduceAbove - 1, d: 1 << 30}, ratio{n: 1, d: 3}}, // past the quick sum
		{ratio{n: reduceAbove, d: 10}, ratio{n: 1, d: 3}},          // past the quick sum
		{ratio{n: 1, d: 1e9}, ratio{n: 1, d: 1e8}},
	}
	for _, tt := range tests {
		got := tt.a.add(tt.b)
		want := new(big.Rat).Add(tt.a.big(), tt.b.big())
		assert.Zero(t, want.Cmp(got.big()), "%v + %v = %v", tt.a, tt.b, got)
		if n, d, ok := sum64(tt.a.n, tt.a.d, tt.b.n, tt.b.d); ok {
			assert.Equal(t, mkRatio(n, d), got, "%v + %v as sum64 writes it", tt.a, tt.b)
		}
	}
}

// TestSameDecimal checks sameDecimal against ==.
func TestSameDecimal(t *testing.T) {
	for _, c := range []struct {
		a, b model.Decimal
		same bool
	}{
		{"", "", true}, {"10", "10", true}, {"98.5", "98.5", true}, {"10", "1", false},
		{"98.5", "98.6", false}, {"98.5", "88.5", false}, {"0", "", false},
	} {
		assert.Equal(t, c.same, sameDecimal(c.a, c.b), "%q, %q", c.a, c.b)
		assert.Equal(t, c.a == c.b, sameDecimal(c.a, c.b), "%q, %q", c.a, c.b)
	}
}

// sameRatio reports whether a and b are written alike: the same n and d,
// or equal big.Rats.
func sameRatio(a, b ratio) bool {
	if a.b != nil || b.b != nil {
		return a.b != nil && b.b != nil && a.b.Cmp(b.b) == 0
	}
	return a == b
}

// TestDecRatioShort checks decRatio's own reading of short unsigned
// decimals against readDecimal, which reads any.
func TestDecRatioShort(t *testing.T) {
	for _, s := range []string{
		"", "0", "7", "10", "007", "9.5", "296.26", "0.05", "1.50", "9999999999", "99999.9999",
		"12345678901", "1234567890.5", "-1", "-0.5", ".5", "5.", "1.2.3", "1e3", "1,000", "５", "10%",
		"0.000000001", "1.-5", "+5", "１０",
	} {
		assert.True(t, sameRatio(readDecimal(model.Decimal(s)), decRatio(model.Decimal(s))), "%q", s)
	}
}

// FuzzDecRatio holds decRatio's reading of short decimals equal to
// readDecimal's, over the same denominator.
func FuzzDecRatio(f *testing.F) {
	for _, s := range []string{"", "0", "9.5", "296.26", "9999999999", "12345678901", "-1", ".5", "5.", "1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !sameRatio(readDecimal(model.Decimal(s)), decRatio(model.Decimal(s))) {
			t.Fatalf("%q: decRatio %v, readDecimal %v", s, decRatio(model.Decimal(s)), readDecimal(model.Decimal(s)))
		}
	})
}

// checkSum compares decSum, added to by add and by addCents and addRatio
// as read adds, with the sum of the values of ds.
func checkSum(t *testing.T, ds []model.Decimal) {
	t.Helper()
	want := new(big.Rat)
	var s1, s2 decSum
	for _, d := range ds {
		want.Add(want, d.Rat())
		r := decRatio(d)
		s1.add(r)
		if !s2.addCents(r) {
			s2.addRatio(r)
		}
	}
	for _, s := range []*decSum{&s1, &s2} {
		if got := s.value(); got.big().Cmp(want) != 0 {
			t.Fatalf("sum of %q = %v, want %v", ds, got.big(), want)
		}
	}
}

// TestDecSum checks decSum on decimals that it adds in cents, that it
// adds as ratios, and on sums past the cents it holds.
func TestDecSum(t *testing.T) {
	for _, ds := range [][]model.Decimal{
		nil, {"0"}, {"10", "9.5", "0.25"}, {"-3", "2.5", "0.01"}, {"1.005", "2", "0.1"},
		{"4294967295", "4294967295", "0.5"}, {"4294967296", "1"}, {"123456789012345678901", "0.5", "1"},
		{"1/3", "2"}, {"0.333333", "0.666667"},
	} {
		checkSum(t, ds)
	}
	// Past 2^59 cents, where the sum moves to ratios.
	const n = 1 << 21
	var s decSum
	for range n {
		s.add(ratio{n: 429496729599, d: 100})
	}
	want := new(big.Rat).SetFrac64(429496729599*n, 100)
	assert.Zero(t, want.Cmp(s.value().big()), "%d × 4294967295.99", n)
	assert.False(t, s.rest.missing(), "the sum went past the cents")
	// The denominators value gives: 1 or 10 where the cents allow.
	for _, tt := range []struct {
		ds   []model.Decimal
		want ratio
	}{
		{[]model.Decimal{"10", "5"}, intRatio(15)},
		{[]model.Decimal{"9.5", "0.5"}, intRatio(10)},
		{[]model.Decimal{"9.5", "0.25"}, ratio{n: 975, d: 100}},
		{[]model.Decimal{"9.5", "0.2"}, ratio{n: 97, d: 10}},
	} {
		var s decSum
		for _, d := range tt.ds {
			s.add(decRatio(d))
		}
		assert.Equal(t, tt.want, s.value(), "%q", tt.ds)
	}
}

// FuzzDecSum compares decSum with big.Rat on the decimals of a text
// split at commas.
func FuzzDecSum(f *testing.F) {
	for _, s := range []string{"10,9.5,0.25", "-3,2.5", "4294967295,4294967295", "1.005,0.1", "x,5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var ds []model.Decimal
		for _, p := range strings.Split(s, ",") {
			ds = append(ds, model.Decimal(p))
		}
		checkSum(t, ds)
	})
}

// TestHanEdges checks trimSpace and trimActual, which hanEdges lets
// return Chinese text as it is, against the standard trims, on text
// whose edges only look Chinese.
func TestHanEdges(t *testing.T) {
	for _, s := range []string{
		"完成", "已完成", "完", "完成。", "。完成", "\u3000完成", "完成\u3000", "完\u0085", "\u0085完",
		"\xe5\xc2\x85", "\xe4\x80", "\xe9\xbf\xbf", "\xe3\x80\x80", "\xea\x80\x80", "\xe4\x80\x80 ", " \xe4\x80\x80",
		"完\xc2\xa0", "\xe5a\x85", "\xe5\x85", "a完成b", "完成！", "！完成", "完成,",
	} {
		assert.Equal(t, strings.TrimSpace(s), trimSpace(s), "%q", s)
		assert.Equal(t, strings.Trim(strings.TrimSpace(s), actualPunct), trimActual(s), "%q", s)
	}
	assert.True(t, hanEdges("完成"))
	assert.False(t, hanEdges("完\u0085"), "a two-byte character last")
	assert.False(t, hanEdges("。完成"), "U+3002 leads with E3")
}
