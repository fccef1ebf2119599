package check

import (
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
)

// indicators checks every applicable indicator row: its caps (rule 7),
// then its formula if it is quantitative (rules 3 to 5), else its band if
// it is qualitative (rule 6), else whether a met or unmet target is scored
// accordingly (rule 9). Only the first of these to find something reports.
func (k *checker) indicators() {
	nums := k.inds()
	for i := range k.f.Indicators {
		ind := &k.f.Indicators[i]
		if !ind.Applicable || ind.Score == nil {
			continue
		}
		n := &nums[i]
		// A score written as its weight, mostly, is within its caps
		// unless the weight is negative.
		if (n.s != n.w || n.s.n < 0 || n.s.b != nil) && overCap(n.s, n.w) {
			k.caps(ind.At, indName(ind), ind.Score, n.s, n.w)
			continue
		}
		if ind.Weight == nil {
			continue
		}
		evaluated, reported := k.quantitative(ind, n)
		if evaluated || reported {
			continue
		}
		if k.qualitative(ind, n) {
			continue
		}
		k.met(ind, n)
	}
}

// indName names an indicator in a message.
func indName(ind *model.Indicator) string {
	var buf [64]byte
	return string(appendIndName(buf[:0], ind))
}

// appendIndName appends indName(ind) to b.
func appendIndName(b []byte, ind *model.Indicator) []byte {
	n := ""
	if ind.Name != nil {
		n = trimSpace(*ind.Name)
	}
	if n == "" {
		n = ind.Level2
	}
	b = append(b, "“"...)
	b = append(b, n...)
	return append(b, "”"...)
}

// quantities returns the target A and actual B of ind as comparable
// numbers: both percentages, or numbers in one unit, a missing unit
// matching any, or else in the plain unit of Base (5.8万人 against 58000人).
func quantities(t, a *model.Value) (A, B ratio, ok bool) {
	if t.Value == nil || a.Value == nil {
		return ratio{}, ratio{}, false
	}
	switch {
	case t.Kind == model.ValuePercent && a.Kind == model.ValuePercent,
		t.Kind == model.ValueNumber && a.Kind == model.ValueNumber && (t.Unit == a.Unit || t.Unit == "" || a.Unit == ""):
		A = decRatio(*t.Value)
		B = A
		if !sameAs(a.Value, t.Value) {
			B = decRatio(*a.Value)
		}
		return A, B, true
	case t.Kind != model.ValueNumber || a.Kind != model.ValueNumber:
		return ratio{}, ratio{}, false
	case t.Base != nil && a.Base != nil && t.Base.Unit == a.Base.Unit:
		return decRatio(t.Base.Value), decRatio(a.Base.Value), true
	case t.Base != nil && a.Base == nil && a.Unit == t.Base.Unit:
		return decRatio(t.Base.Value), decRatio(*a.Value), true
	case a.Base != nil && t.Base == nil && t.Unit == a.Base.Unit:
		return decRatio(*t.Value), decRatio(a.Base.Value), true
	}
	return ratio{}, ratio{}, false
}

// quantitative checks the score of a quantitative indicator. A positive
// one (>=, >, =) scores w × min(1, B/A); a reverse one (<=, <) scores w
// when B ≤ A, else w × A/B. Over-achievement of a positive target may be
// marked down at discretion (rule 5), so it is not evaluated here; nor is
// a reverse target below zero met by an actual of zero, which has no
// A/B.
func (k *checker) quantitative(ind *model.Indicator, n *indNums) (evaluated, reported bool) {
	A, B, ok := quantities(&ind.Target, &ind.Actual)
	if !ok {
		return false, false
	}
	w, s := n.w, n.s
	var x ratio
	// full is set when the target is met by definition (0 of 0).
	reverse, full := false, false
	switch ind.Target.Op {
	case model.OpGE, model.OpGT, model.OpEq:
		c := 0 // B.cmp(A), known when quantities found A written as B
		if A != B {
			c = B.cmp(A)
		}
		switch {
		case A.sign() == 0 && B.sign() == 0:
			x, full = w, true
		case A.sign() <= 0 || c > 0:
			return false, false
		case c == 0:
			x = w // w × A/A, the usual case
		default:
			x = w.mul(B).quo(A)
		}
	case model.OpLE, model.OpLT:
		reverse = true
		switch {
		case A == B || B.cmp(A) <= 0:
			x = w
		case B.sign() == 0:
			return false, false
		default:
			x = w.mul(A).quo(B)
		}
	default:
		return false, false
	}
	tol := k.p.indicator
	if s == x && k.p.indicatorExact || within(s, x, tol) {
		if !x.exactAt(2) && truncatedOnly(s, x) {
			k.truncated(ind.At, indName(ind)+"的得分", *ind.Score, x)
		}
		return true, false
	}
	t, a := ind.Target.Raw, ind.Actual.Raw
	if reverse && A.sign() > 0 {
		alt := w
		if B.cmp(A) <= 0 {
			alt = w.mul(B).quo(A)
		}
		if within(s, alt, k.p.formula) {
			how := howFor(s, alt)
			// The printed score is the ≥ formula's value rounded or cut
			// to two decimals, or only near it (within the formula
			// tolerance): say which, and claim the cause only in the
			// first case.
			verb := "是按≥指标的公式"
			tail := "算的"
			switch how {
			case "四舍五入":
				how = "，四舍五入保留两位小数"
			case "截尾":
				how = "，截尾保留两位小数"
			default:
				verb = "接近按≥指标的公式"
				tail = "算出的值，似按≥指标计分"
			}
			k.add(CodeReverseAsPositive, ind.At, round(x), ind.Score,
				"%s是≤指标（目标%s），实际%s，按≤指标应得%s分；表中%s分%s 分值×min(1,实际值/目标值)（%s×min(1,%s/%s)=%s%s）%s",
				ind, t, a, pts(x), num(ind.Score), verb, exact(w), exact(B), exact(A), exact(alt), how, tail)
			return true, true
		}
	}
	if !reverse && ind.Target.Kind == model.ValuePercent {
		alt := w.mul(B).quo(hundredR)
		if !within(alt, x, tol) && within(s, alt, k.p.formula) {
			k.add(CodeScoreAsPercent, ind.At, round(x), ind.Score,
				"%s目标%s，实际%s，应得分值×实际值/目标值=%s×%s/%s=%s分；表中%s分是按分值×实际值%%（%s×%s%%）算的",
				ind, t, a, exact(w), exact(B), exact(A), pts(x), num(ind.Score), exact(w), exact(B))
			return true, true
		}
	}
	formula := "分值×实际值/目标值"
	switch {
	case reverse && B.cmp(A) <= 0:
		formula = "≤指标未超目标，应得满分"
	case reverse:
		formula = "≤指标超出目标，按分值×目标值/实际值"
	case full:
		formula = "已达目标，应得满分"
	}
	k.add(CodeIndicatorScore, ind.At, round(x), ind.Score,
		"%s目标%s，实际%s，分值%s：%s应为%s分，表中为%s分%s",
		ind, t, a, exact(w), formula, pts(x), num(ind.Score), noteFor(*ind.Score, s, x))
	return true, true
}

// Qualitative bands.
const (
	bandAchieved = iota
	bandPartial
	bandFailed
)

var bandNames = [...]string{"达成", "部分达成", "未达成"}

// band places a share of 100 in a qualitative band.
func (k *checker) band(share ratio) int {
	switch {
	case share.cmp(k.p.achieved) >= 0:
		return bandAchieved
	case share.cmp(k.p.partial) >= 0:
		return bandPartial
	}
	return bandFailed
}

// actualPunct is the punctuation around a text actual that wordBand
// ignores.
const actualPunct = "。.，,；;！!"

// isActualPunct reports whether r is in actualPunct.
func isActualPunct(r rune) bool {
	switch r {
	case '。', '.', '，', ',', '；', ';', '！', '!':
		return true
	}
	return false
}

// hanEdges reports whether s begins and ends with a character of three
// bytes led by E4 to E9, U+4000 to U+9FFF, as Chinese text mostly does:
// neither white space nor punctuation, which is told without decoding.
func hanEdges(s string) bool { return hanFirst(s) && isHan(s[len(s)-3:]) }

// hanFirst reports whether s begins with a character of U+4000 to U+9FFF,
// as hanEdges tells it.
func hanFirst(s string) bool { return len(s) >= 3 && isHan(s[:3]) }

// isHan reports whether c, three bytes, is a character of U+4000 to
// U+9FFF: E4 to E9 and two continuation bytes.
func isHan(c string) bool {
	return c[0]-0xe4 <= 0xe9-0xe4 && c[1]&0xc0 == 0x80 && c[2]&0xc0 == 0x80
}

// trimSpace returns strings.TrimSpace(s): s itself when neither its
// first nor its last character is white space, as it mostly is.
func trimSpace(s string) string {
	if s == "" || hanEdges(s) {
		return s
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if isWhite(first) || isWhite(last) {
		return strings.TrimSpace(s)
	}
	return s
}

// trimActual returns strings.Trim(strings.TrimSpace(text), actualPunct):
// text itself when neither its first nor its last character is white
// space or punctuation, as it mostly is.
func trimActual(text string) string {
	if text == "" || hanEdges(text) {
		return text
	}
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	if isWhite(first) || isWhite(last) || isActualPunct(first) || isActualPunct(last) {
		return strings.Trim(strings.TrimSpace(text), actualPunct)
	}
	return text
}

// multiRune reports whether w has more than one character.
func multiRune(w string) bool { return len(w) > utf8.UTFMax || utf8.RuneCountInString(w) > 1 }

// bandWords are the words of a Qualitative prepared for band: the failed
// words, then the partial, then the achieved, the empty ones left out.
type bandWords struct {
	// from are copies of the lists read, in that order, to tell whether
	// a Qualitative still holds them.
	from  [3][]string
	words []bandWord
}

// bandWord is a word of bandWords.
type bandWord struct {
	w    string
	band int
	// multi is set when w has more than one character, and so may be
	// found anywhere in an actual, not only as the whole of it.
	multi bool
	// sig is byteSig(w).
	sig uint64
}

// newBandWords prepares the words of q.
func newBandWords(q *Qualitative) *bandWords {
	bw := &bandWords{}
	for i, l := range [...]struct {
		band  int
		words []string
	}{
		{bandFailed, q.FailedWords},
		{bandPartial, q.PartialWords},
		{bandAchieved, q.AchievedWords},
	} {
		bw.from[i] = slices.Clone(l.words)
		for _, w := range l.words {
			if w != "" {
				bw.words = append(bw.words, bandWord{w, l.band, multiRune(w), byteSig(w)})
			}
		}
	}
	return bw
}

// of reports whether bw was prepared from the words q holds.
func (bw *bandWords) of(q *Qualitative) bool {
	return slices.Equal(bw.from[0], q.FailedWords) && slices.Equal(bw.from[1], q.PartialWords) &&
		slices.Equal(bw.from[2], q.AchievedWords)
}

// lastWords holds the words last prepared, so that Form, called form
// after form with one Config, prepares them once.
var lastWords atomic.Pointer[bandWords]

// bandWords returns the words of q prepared, or those last prepared when
// q holds the same words. The caller must not modify them.
func (q *Qualitative) bandWords() *bandWords {
	if last := lastWords.Load(); last != nil && last.of(q) {
		return last
	}
	bw := newBandWords(q)
	lastWords.Store(bw)
	return bw
}

// byteSig returns the set of the bytes of s, byte b as bit b%64. A string
// holds another only if its set holds the other's, which rules out most
// words for an actual in a few instructions each.
func byteSig(s string) uint64 {
	var sig uint64
	for i := 0; i < len(s); i++ {
		sig |= 1 << (s[i] & 63)
	}
	return sig
}

// band places a text actual in a band by its words, or returns -1: the
// band of the first word that is the actual, or has several characters
// and is in it.
func (bw *bandWords) band(text string) int {
	text = trimActual(text)
	sig := byteSig(text)
	for i := range bw.words {
		w := &bw.words[i]
		// A word no shorter than text is in it only if it is text.
		if w.sig&^sig == 0 && (text == w.w || w.multi && len(w.w) < len(text) && strings.Contains(text, w.w)) {
			return w.band
		}
	}
	return -1
}

// qualitative checks that the share of the weight a qualitative indicator
// scored lies in the band its actual value puts it in (rule 6): a
// percentage actual against a target that is not a percentage reads as a
// degree of achievement; a text actual is placed by its words.
func (k *checker) qualitative(ind *model.Indicator, n *indNums) bool {
	t, a := &ind.Target, &ind.Actual
	if t.Kind == model.ValueNone || t.Kind == model.ValuePercent {
		return false
	}
	w := n.w
	if w.sign() <= 0 {
		return false
	}
	var want int
	switch {
	case a.Kind == model.ValuePercent && a.Value != nil:
		want = k.band(minRatio(decRatio(*a.Value), hundredR))
	case a.Kind == model.ValueText:
		if k.words == nil {
			k.words = k.c.Qualitative.bandWords()
		}
		if want = k.words.band(a.Text); want < 0 {
			return false
		}
	default:
		return false
	}
	s := n.s
	share := percentOf(s, w)
	got := k.band(share)
	if got == want {
		return false
	}
	lo, hi := intRatio(0), hundredR
	switch want {
	case bandAchieved:
		lo = k.p.achieved
	case bandPartial:
		lo, hi = k.p.partial, k.p.achieved
	case bandFailed:
		hi = k.p.partial
	}
	loPts, hiPts := w.mul(lo).quo(hundredR), w.mul(hi).quo(hundredR)
	edge := loPts
	if s.cmp(hiPts) > 0 {
		edge = hiPts
	}
	k.add(CodeQualitativeBand, ind.At, round(edge), ind.Score,
		"%s实际完成值为%s，属“%s”档，得分应在分值的%s%%–%s%%之间（%s–%s分）；表中%s分，占分值的%s",
		ind, a.Raw, bandNames[want], exact(lo), exact(hi), pts(loPts), pts(hiPts), num(ind.Score), pct(share))
	return true
}

// met checks a target the form or the extractor judged met or unmet
// against its score (rule 9).
func (k *checker) met(ind *model.Indicator, n *indNums) {
	if ind.Met == nil {
		return
	}
	w, s := n.w, n.s
	full := within(s, w, k.p.indicator)
	switch {
	case *ind.Met && !full:
		wd := w.decimal(6)
		k.add(CodeMetBelowWeight, ind.At, &wd, ind.Score,
			"%s已达到目标（目标%s，实际%s），得分%s低于分值%s", ind, ind.Target.Raw, ind.Actual.Raw, num(ind.Score), string(wd))
	case !*ind.Met && full:
		k.add(CodeUnmetFullScore, ind.At, nil, ind.Score,
			"%s未达到目标（目标%s，实际%s），却得满分%s", ind, ind.Target.Raw, ind.Actual.Raw, num(ind.Score))
	}
}
