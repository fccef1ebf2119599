package check

import (
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
)

// indicators checks every applicable indicator row: its caps (rule 7),
// then its formula if it is quantitative (rules 3 to 5), else its band if
// it is qualitative (rule 6), else whether a met or unmet target is scored
// accordingly (rule 9). Only the first of these to find something reports.
func (k *checker) indicators() {
	for i := range k.f.Indicators {
		ind := &k.f.Indicators[i]
		if !ind.Applicable || ind.Score == nil {
			continue
		}
		if k.caps(ind.At, indName(ind), ind.Score, rat(ind.Weight)) {
			continue
		}
		if ind.Weight == nil {
			continue
		}
		evaluated, reported := k.quantitative(ind)
		if evaluated || reported {
			continue
		}
		if k.qualitative(ind) {
			continue
		}
		k.met(ind)
	}
}

// indName names an indicator in a message.
func indName(ind *model.Indicator) string {
	n := ""
	if ind.Name != nil {
		n = strings.TrimSpace(*ind.Name)
	}
	if n == "" {
		n = ind.Level2
	}
	return "“" + n + "”"
}

// indicatorSums adds get over the applicable indicators that have it and
// counts them.
func (k *checker) indicatorSums(get func(*model.Indicator) *model.Decimal) (*big.Rat, int) {
	sum, n := new(big.Rat), 0
	for i := range k.f.Indicators {
		ind := &k.f.Indicators[i]
		if d := get(ind); ind.Applicable && d != nil {
			sum.Add(sum, d.Rat())
			n++
		}
	}
	return sum, n
}

// quantities returns the target A and actual B of ind as comparable
// numbers: both percentages, or numbers in one unit, a missing unit
// matching any, or else in the plain unit of Base (5.8万人 against 58000人).
func quantities(t, a model.Value) (A, B *big.Rat, ok bool) {
	if t.Value == nil || a.Value == nil {
		return nil, nil, false
	}
	switch {
	case t.Kind == model.ValuePercent && a.Kind == model.ValuePercent:
		return t.Value.Rat(), a.Value.Rat(), true
	case t.Kind != model.ValueNumber || a.Kind != model.ValueNumber:
		return nil, nil, false
	case t.Unit == a.Unit || t.Unit == "" || a.Unit == "":
		return t.Value.Rat(), a.Value.Rat(), true
	case t.Base != nil && a.Base != nil && t.Base.Unit == a.Base.Unit:
		return t.Base.Value.Rat(), a.Base.Value.Rat(), true
	case t.Base != nil && a.Base == nil && a.Unit == t.Base.Unit:
		return t.Base.Value.Rat(), a.Value.Rat(), true
	case a.Base != nil && t.Base == nil && t.Unit == a.Base.Unit:
		return t.Value.Rat(), a.Base.Value.Rat(), true
	}
	return nil, nil, false
}

// quantitative checks the score of a quantitative indicator. A positive
// one (>=, >, =) scores w × min(1, B/A); a reverse one (<=, <) scores w
// when B ≤ A, else w × A/B. Over-achievement of a positive target may be
// marked down at discretion (rule 5), so it is not evaluated here.
func (k *checker) quantitative(ind *model.Indicator) (evaluated, reported bool) {
	A, B, ok := quantities(ind.Target, ind.Actual)
	if !ok {
		return false, false
	}
	w, s := ind.Weight.Rat(), ind.Score.Rat()
	var x *big.Rat
	reverse := false
	switch ind.Target.Op {
	case model.OpGE, model.OpGT, model.OpEq:
		switch {
		case A.Sign() == 0 && B.Sign() == 0:
			x = w
		case A.Sign() <= 0 || B.Cmp(A) > 0:
			return false, false
		default:
			x = quo(mul(w, B), A)
		}
	case model.OpLE, model.OpLT:
		reverse = true
		if B.Cmp(A) <= 0 {
			x = w
		} else {
			x = quo(mul(w, A), B)
		}
	default:
		return false, false
	}
	tol := k.c.Tolerance.Indicator
	if within(s, x, tol) {
		k.truncated(ind.At, indName(ind)+"的得分", *ind.Score, x)
		return true, false
	}
	t, a := ind.Target.Raw, ind.Actual.Raw
	if reverse && A.Sign() > 0 {
		alt := quo(mul(w, minRat(B, A)), A)
		if B.Cmp(A) > 0 {
			alt = w
		}
		if within(s, alt, k.c.Tolerance.Formula) {
			how := roundingHow(*ind.Score, alt)
			if how != "" {
				how = "，" + how + "保留两位小数"
			}
			k.add(CodeReverseAsPositive, ind.At, round(x), ind.Score,
				"%s是≤指标（目标%s），实际%s，按≤指标应得%s分；表中%s分是按≥指标的公式 分值×min(1,实际值/目标值)（%s×min(1,%s/%s)=%s%s）算的",
				indName(ind), t, a, pts(x), num(ind.Score), exact(w), exact(B), exact(A), exact(alt), how)
			return true, true
		}
	}
	if !reverse && ind.Target.Kind == model.ValuePercent {
		alt := quo(mul(w, B), hundred)
		if !within(alt, x, tol) && within(s, alt, k.c.Tolerance.Formula) {
			k.add(CodeScoreAsPercent, ind.At, round(x), ind.Score,
				"%s目标%s，实际%s，应得分值×实际值/目标值=%s×%s/%s=%s分；表中%s分是按分值×实际值%%（%s×%s%%）算的",
				indName(ind), t, a, exact(w), exact(B), exact(A), pts(x), num(ind.Score), exact(w), exact(B))
			return true, true
		}
	}
	formula := "分值×实际值/目标值"
	switch {
	case reverse && B.Cmp(A) <= 0:
		formula = "≤指标未超目标，应得满分"
	case reverse:
		formula = "≤指标超出目标，按分值×目标值/实际值"
	case x == w:
		formula = "已达目标，应得满分"
	}
	k.add(CodeIndicatorScore, ind.At, round(x), ind.Score,
		"%s目标%s，实际%s，分值%s：%s应为%s分，表中为%s分%s",
		indName(ind), t, a, exact(w), formula, pts(x), num(ind.Score), roundingNote(*ind.Score, x))
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
func (q *Qualitative) band(share *big.Rat) int {
	switch {
	case share.Cmp(q.Achieved.Rat()) >= 0:
		return bandAchieved
	case share.Cmp(q.Partial.Rat()) >= 0:
		return bandPartial
	}
	return bandFailed
}

// wordBand places a text actual in a band by its words, or returns -1.
func (q *Qualitative) wordBand(text string) int {
	text = strings.Trim(strings.TrimSpace(text), "。.，,；;！!")
	order := []struct {
		band  int
		words []string
	}{
		{bandFailed, q.FailedWords},
		{bandPartial, q.PartialWords},
		{bandAchieved, q.AchievedWords},
	}
	for _, o := range order {
		for _, w := range o.words {
			if w != "" && (text == w || utf8.RuneCountInString(w) > 1 && strings.Contains(text, w)) {
				return o.band
			}
		}
	}
	return -1
}

// qualitative checks that the share of the weight a qualitative indicator
// scored lies in the band its actual value puts it in (rule 6): a
// percentage actual against a target that is not a percentage reads as a
// degree of achievement; a text actual is placed by its words.
func (k *checker) qualitative(ind *model.Indicator) bool {
	t, a := ind.Target, ind.Actual
	if t.Kind == model.ValueNone || t.Kind == model.ValuePercent {
		return false
	}
	w := ind.Weight.Rat()
	if w.Sign() <= 0 {
		return false
	}
	q := &k.c.Qualitative
	var want int
	switch {
	case a.Kind == model.ValuePercent && a.Value != nil:
		want = q.band(minRat(a.Value.Rat(), hundred))
	case a.Kind == model.ValueText:
		if want = q.wordBand(a.Text); want < 0 {
			return false
		}
	default:
		return false
	}
	s := ind.Score.Rat()
	share := mul(quo(s, w), hundred)
	got := q.band(share)
	if got == want {
		return false
	}
	lo, hi := new(big.Rat), hundred
	switch want {
	case bandAchieved:
		lo = q.Achieved.Rat()
	case bandPartial:
		lo, hi = q.Partial.Rat(), q.Achieved.Rat()
	case bandFailed:
		hi = q.Partial.Rat()
	}
	loPts, hiPts := quo(mul(w, lo), hundred), quo(mul(w, hi), hundred)
	edge := loPts
	if s.Cmp(hiPts) > 0 {
		edge = hiPts
	}
	k.add(CodeQualitativeBand, ind.At, round(edge), ind.Score,
		"%s实际完成值为%s，属“%s”档，得分应在分值的%s%%–%s%%之间（%s–%s分）；表中%s分，占分值的%s",
		indName(ind), a.Raw, bandNames[want], exact(lo), exact(hi), pts(loPts), pts(hiPts), num(ind.Score), pct(share))
	return true
}

// met checks a target the form or the extractor judged met or unmet
// against its score (rule 9).
func (k *checker) met(ind *model.Indicator) {
	if ind.Met == nil {
		return
	}
	w, s := ind.Weight.Rat(), ind.Score.Rat()
	full := within(s, w, k.c.Tolerance.Indicator)
	wd := exact(w)
	switch {
	case *ind.Met && !full:
		k.add(CodeMetBelowWeight, ind.At, &wd, ind.Score,
			"%s已达到目标（目标%s，实际%s），得分%s低于分值%s", indName(ind), ind.Target.Raw, ind.Actual.Raw, num(ind.Score), wd)
	case !*ind.Met && full:
		k.add(CodeUnmetFullScore, ind.At, nil, ind.Score,
			"%s未达到目标（目标%s，实际%s），却得满分%s", indName(ind), ind.Target.Raw, ind.Actual.Raw, num(ind.Score))
	}
}
