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
