package check_test

import (
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/check"
)

// TestEquivalence runs Form and the big.Rat oracle of oracle_test.go over
// many randomized forms and configurations and requires the very same
// findings: codes, severities, messages, positions, expected and found.
// It also requires every code to come up, so that the forms reach every
// rule.
func TestEquivalence(t *testing.T) {
	n := 6000
	if testing.Short() {
		n = 1500
	}
	configs := equivConfigs()
	seen := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	const workers = 2 // Form is safe for concurrent use, sharing a Config
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			g := &formGen{r: rand.New(rand.NewSource(int64(20260 + w)))}
			for i := w; i < n; i += workers {
				f := g.form(i)
				c := configs[i%len(configs)]
				want := refForm(f, c)
				got := check.Form(f, c)
				if !assert.Equal(t, want, got, "form %d, config %d:\n%s", i, i%len(configs), dumpForm(f)) {
					return
				}
				mu.Lock()
				for _, x := range want {
					seen[x.Code]++
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	for code := range refSeverities {
		assert.GreaterOrEqual(t, seen[code], 3, "the random forms reach %s too seldom", code)
	}
	t.Logf("findings by code: %v", seen)
}

// TestEquivalenceDocument runs Document, which reads a Config once for
// all its forms, and Form with a nil Config, against the oracle.
func TestEquivalenceDocument(t *testing.T) {
	g := &formGen{r: rand.New(rand.NewSource(20270))}
	configs := append(equivConfigs(), nil)
	for round := 0; round < 60; round++ {
		d := &model.Document{}
		for i := 0; i < 20; i++ {
			d.Forms = append(d.Forms, *g.form(round*20 + i))
		}
		c := configs[round%len(configs)]
		check.Document(d, c)
		for i := range d.Forms {
			f := &d.Forms[i]
			got := f.Findings
			f.Findings = nil
			want := refForm(f, c)
			if want == nil {
				want = []model.Finding{}
			}
			require.Equal(t, want, got, "round %d, form %d:\n%s", round, i, dumpForm(f))
			if c == nil {
				require.Equal(t, refForm(f, nil), check.Form(f, nil))
			}
		}
	}
}

// TestEquivalenceManyGroups compares Form with the oracle on forms with
// more level groups, funds rows and indicators than Form keeps at hand.
func TestEquivalenceManyGroups(t *testing.T) {
	g := &formGen{r: rand.New(rand.NewSource(20280))}
	configs := equivConfigs()
	for i := 0; i < 300; i++ {
		f := g.form(i)
		for len(f.Indicators) > 0 && len(f.Indicators) < 40 {
			f.Indicators = append(f.Indicators, f.Indicators...)
		}
		for j := range f.Indicators {
			ind := &f.Indicators[j]
			ind.At.Line = 1000 + j
			if g.chance(0.7) {
				ind.Level2 = fmt.Sprintf("二级%d", j/2)
				if g.chance(0.5) {
					ind.Level2Weight = g.weight()
				}
			}
			if g.chance(0.3) {
				ind.Level1 = fmt.Sprintf("一级%d", j/5)
				if g.chance(0.5) {
					ind.Level1Weight = g.weight()
				}
			}
		}
		if f.Funds != nil {
			for len(f.Funds.ExtraRows) < 8 {
				r := model.FundsRow{Label: "其他", InitialBudget: g.dec(2), Executed: g.dec(2)}
				if f.Funds.Fiscal != nil && g.chance(0.5) {
					r = *f.Funds.Fiscal
				}
				r.At.Line = 500 + len(f.Funds.ExtraRows)
				f.Funds.ExtraRows = append(f.Funds.ExtraRows, r)
			}
		}
		c := configs[i%len(configs)]
		require.Equal(t, refForm(f, c), check.Form(f, c), "form %d:\n%s", i, dumpForm(f))
	}
}

// FuzzEquivalence compares Form with the oracle on the random form of a
// seed, under each configuration, and Document on a document of it.
func FuzzEquivalence(f *testing.F) {
	for _, seed := range []int64{1, 7, 20260, 1 << 40} {
		f.Add(seed)
	}
	configs := append(equivConfigs(), nil)
	f.Fuzz(func(t *testing.T, seed int64) {
		g := &formGen{r: rand.New(rand.NewSource(seed))}
		form := g.form(int(seed & 0xffff))
		for i, c := range configs {
			require.Equal(t, refForm(form, c), check.Form(form, c), "config %d:\n%s", i, dumpForm(form))
		}
		c := configs[int(uint64(seed)%uint64(len(configs)))]
		d := &model.Document{Forms: []model.Form{*form}}
		check.Document(d, c)
		want := refForm(form, c)
		if want == nil {
			want = []model.Finding{}
		}
		require.Equal(t, want, d.Forms[0].Findings)
	})
}

// TestEquivalenceCanFail shows the comparison is not vacuous: a finding
// off by one character, or one finding more, does not pass.
func TestEquivalenceCanFail(t *testing.T) {
	g := &formGen{r: rand.New(rand.NewSource(7))}
	c := check.DefaultConfig()
	for i := 0; ; i++ {
		require.Less(t, i, 1000, "no random form has findings")
		f := g.form(i)
		want := refForm(f, c)
		if len(want) == 0 {
			continue
		}
		got := check.Form(f, c)
		require.Equal(t, want, got)
		got[0].Message += "。"
		assert.NotEqual(t, want, got)
		assert.NotEqual(t, want, append(check.Form(f, c), model.Finding{}))
		return
	}
}

// equivConfigs returns the configurations the forms are checked under:
// the default, and others that move every parameter.
func equivConfigs() []*check.Config {
	def := check.DefaultConfig()

	tight := check.DefaultConfig()
	tight.Tolerance.Rate = model.MustDecimal("0")
	tight.Tolerance.ExecutionScore = model.MustDecimal("0.005")
	tight.Tolerance.Indicator = model.MustDecimal("0")
	tight.Tolerance.Total = model.MustDecimal("0.1")
	tight.Tolerance.Narrative = model.MustDecimal("0.01")
	tight.Tolerance.Formula = model.MustDecimal("0.2")
	tight.Tolerance.Sources = model.MustDecimal("0.5")
	tight.Tolerance.Weights = model.MustDecimal("0")

	other := check.DefaultConfig()
	other.Weights.Execution = model.MustDecimal("20")
	other.Weights.Total = model.MustDecimal("90")
	other.Weights.Levels = map[string]model.Decimal{"产出指标": "40", "效益指标": "20.5"}
	other.Qualitative.Achieved = model.MustDecimal("85.5")
	other.Qualitative.Partial = model.MustDecimal("50")
	other.Qualitative.AchievedWords = []string{"好", "较好", "达到预期"}
	other.Grades = []check.Grade{
		{Name: "C", Min: "60"}, {Name: "A", Min: "90", Aliases: []string{"优"}},
		{Name: "B", Min: "80"}, {Name: "B+", Min: "80", Aliases: []string{"良"}}, {Name: "D", Min: "0"},
	}

	off := check.DefaultConfig()
	off.Rules["funds"] = false
	off.Rules[check.CodeTruncated] = false
	off.Rules["narrative"] = false
	off.Rules[check.CodeNarrativeAmount] = true

	return []*check.Config{def, tight, def, other, def, off}
}

// formGen builds random forms whose figures are mostly consistent, so the
// checks pass, round, truncate and fail in every way.
type formGen struct {
	r    *rand.Rand
	line int
}

func (g *formGen) chance(p float64) bool { return g.r.Float64() < p }

func (g *formGen) pick(xs ...string) string { return xs[g.r.Intn(len(xs))] }

// at returns the next position, sometimes none or a table cell.
func (g *formGen) at() model.At {
	g.line += 1 + g.r.Intn(3)
	switch {
	case g.chance(0.05):
		return model.At{}
	case g.chance(0.05):
		return model.At{Table: 1 + g.r.Intn(2), Row: g.line, Col: 1 + g.r.Intn(6)}
	}
	return model.At{Line: g.line}
}

// digits returns a random decimal below 10^intDigits with 0 to 6 places.
func (g *formGen) digits(intDigits int) string {
	var b strings.Builder
	b.WriteString(fmt.Sprint(g.r.Int63n(pow10(intDigits))))
	if p := g.r.Intn(7); p > 0 {
		b.WriteByte('.')
		for i := 0; i < p; i++ {
			b.WriteByte(byte('0' + g.r.Intn(10)))
		}
	}
	return b.String()
}

func pow10(n int) int64 {
	x := int64(1)
	for ; n > 0; n-- {
		x *= 10
	}
	return x
}

// dec returns a random decimal, sometimes zero, tiny or negative.
func (g *formGen) dec(intDigits int) *model.Decimal {
	switch {
	case g.chance(0.05):
		return model.Dec("0")
	case g.chance(0.01):
		return model.Dec(g.pick("0.000001", "-0.000004", "-0.00001", "0.000049"))
	case g.chance(0.02):
		return model.Dec("-" + g.digits(intDigits))
	}
	return model.Dec(g.digits(intDigits))
}

// ratOf returns the exact value of d.
func ratOf(d *model.Decimal) *big.Rat { return d.Rat() }

// cutTo returns x truncated toward zero to p places.
func cutTo(x *big.Rat, p int) *model.Decimal {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(p)), nil)
	n := new(big.Int).Mul(x.Num(), scale)
	n.Quo(n, x.Denom())
	d := model.FromRat(new(big.Rat).SetFrac(n, scale), p)
	return &d
}

// printed returns how a form might print the exact value x: rounded half
// up or truncated to two places or fewer, exact, a little off, or not at
// all like it.
func (g *formGen) printed(x *big.Rat) *model.Decimal {
	if x == nil {
		return g.dec(2)
	}
	switch g.r.Intn(12) {
	case 0, 1, 2, 3:
		d := model.FromRat(x, 2)
		return &d
	case 4, 5:
		return cutTo(x, 2)
	case 6:
		d := model.FromRat(x, g.r.Intn(2))
		return &d
	case 7:
		return cutTo(x, g.r.Intn(2))
	case 8:
		d := model.FromRat(x, 6)
		return &d
	case 9:
		delta := model.MustDecimal(g.pick("0.01", "-0.01", "0.005", "-0.006", "0.5", "-1", "3"))
		d := model.FromRat(new(big.Rat).Add(x, delta.Rat()), 2+g.r.Intn(2))
		return &d
	case 10:
		return nil
	}
	return g.dec(2)
}

// weight returns a usual weight, an odd one, zero or none.
func (g *formGen) weight() *model.Decimal {
	if g.chance(0.06) {
		return nil
	}
	if g.chance(0.1) {
		return g.dec(2)
	}
	return model.Dec(g.pick("5", "10", "10", "20", "15", "2.5", "7", "8", "3.33", "0", "30", "50"))
}

var (
	level1s = []string{"产出指标", "产出指标", "效益指标", "满意度指标", "成本指标", ""}
	level2s = []string{"数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "经济效益指标", "满意度指标", ""}
	units   = []string{"万元", "人", "次", "万人", "", "%", "个", "元", "亩"}
)

// form returns a random form, index i.
func (g *formGen) form(i int) *model.Form {
	g.line = 0
	f := &model.Form{Index: i + 1, At: g.at(), Kind: model.KindProject, ProjectName: "项目"}
	if f.At.IsZero() {
		f.At = model.At{Line: 1}
	}
	if g.chance(0.92) {
		f.Funds = g.funds()
	}
	var scores []*big.Rat
	n := g.r.Intn(15)
	for j := 0; j < n; j++ {
		ind, s := g.indicator()
		f.Indicators = append(f.Indicators, ind)
		if s != nil {
			scores = append(scores, s)
		}
	}
	g.levelWeights(f)
	if g.chance(0.8) {
		f.Goals = g.goals(f)
	}
	if g.chance(0.88) {
		f.Total = g.total(f)
	}
	return f
}

// funds returns a funds block whose sources mostly add up.
func (g *formGen) funds() *model.Funds {
	fd := &model.Funds{Unit: g.pick("万元", "万元", "元", "", "亿元", "千元", "（万元）", " 万 ")}
	budget := g.dec(3 + g.r.Intn(3))
	total := &model.FundsRow{Label: g.pick("年度资金总额", "年度资金总额：", " 年度 资金 总额 "), At: g.at()}
	total.AnnualBudget = budget
	if g.chance(0.7) {
		total.InitialBudget = budget
	} else if g.chance(0.5) {
		total.InitialBudget = g.dec(4)
	}
	if g.chance(0.1) {
		total.AnnualBudget = nil
	}
	share := big.NewRat(int64(g.r.Intn(130)), 100)
	if b := total.AnnualBudget; b != nil {
		total.Executed = g.printed(new(big.Rat).Mul(b.Rat(), share))
	} else {
		total.Executed = g.dec(4)
	}
	g.execution(total)
	fd.Total = total

	parts := []*model.FundsRow{}
	for _, label := range []string{"其中：当年财政拨款", "      上年结转资金", "  其他资金"} {
		if g.chance(0.25) {
			parts = append(parts, nil)
			continue
		}
		parts = append(parts, &model.FundsRow{Label: label, At: g.at()})
	}
	// Split each column among the sources, exactly or not.
	for col := 0; col < 3; col++ {
		var whole *model.Decimal
		switch col {
		case 0:
			whole = total.InitialBudget
		case 1:
			whole = total.AnnualBudget
		default:
			whole = total.Executed
		}
		rest := new(big.Rat)
		if whole != nil {
			rest = whole.Rat()
		}
		for j, p := range parts {
			if p == nil {
				continue
			}
			var d *model.Decimal
			last := true
			for _, q := range parts[j+1:] {
				if q != nil {
					last = false
				}
			}
			switch {
			case g.chance(0.08):
				d = nil
			case last && g.chance(0.85):
				s := model.FromRat(rest, 6)
				d = &s
			default:
				part := new(big.Rat).Mul(rest, big.NewRat(int64(g.r.Intn(101)), 100))
				s := model.FromRat(part, g.r.Intn(3))
				d = &s
				rest.Sub(rest, s.Rat())
			}
			switch col {
			case 0:
				p.InitialBudget = d
			case 1:
				p.AnnualBudget = d
			default:
				p.Executed = d
			}
		}
	}
	fd.Fiscal, fd.Carryover, fd.Other = parts[0], parts[1], parts[2]
	for _, p := range parts {
		if p != nil && g.chance(0.1) {
			g.execution(p)
		}
	}
	if fd.Fiscal != nil && g.chance(0.1) {
		// A total row of zeros, the 其中 row standing in for it.
		fd.Fiscal.InitialBudget, fd.Fiscal.AnnualBudget, fd.Fiscal.Executed = total.InitialBudget, total.AnnualBudget, total.Executed
		zero := model.Dec("0")
		total.InitialBudget, total.AnnualBudget, total.Executed = zero, zero, zero
		if g.chance(0.5) {
			total.Weight, total.Score = nil, nil
			g.execution(fd.Fiscal)
		}
	}
	if g.chance(0.15) {
		extra := model.FundsRow{Label: g.pick("其中：中央补助", "自治区资金", ""), At: g.at(), Executed: g.dec(3), AnnualBudget: g.dec(3)}
		if g.chance(0.5) {
			g.execution(&extra)
		}
		fd.ExtraRows = append(fd.ExtraRows, extra)
	}
	if g.chance(0.05) {
		fd.Total = nil
	}
	return fd
}

// execution sets a funds row's weight, 执行率 and score from its amounts,
// mostly right.
func (g *formGen) execution(r *model.FundsRow) {
	b := r.AnnualBudget
	if b == nil {
		b = r.InitialBudget
	}
	var rate *big.Rat
	if b != nil && r.Executed != nil && !b.IsZero() {
		rate = new(big.Rat).Quo(new(big.Rat).Mul(r.Executed.Rat(), big.NewRat(100, 1)), b.Rat())
	}
	if g.chance(0.85) {
		r.ExecutionRate = g.printed(rate)
	}
	r.Weight = model.Dec(g.pick("10", "10", "10", "20", "5", "8.5"))
	if g.chance(0.15) {
		r.Weight = nil
	}
	w := big.NewRat(10, 1)
	if r.Weight != nil {
		w = r.Weight.Rat()
	}
	x := rate
	if x == nil && r.ExecutionRate != nil {
		x = r.ExecutionRate.Rat()
	}
	if x != nil {
		if x.Cmp(big.NewRat(100, 1)) > 0 {
			x = big.NewRat(100, 1)
		}
		x = new(big.Rat).Quo(new(big.Rat).Mul(w, x), big.NewRat(100, 1))
	}
	switch {
	case g.chance(0.1):
		r.Score = nil
	case g.chance(0.05):
		r.Score = model.Dec(g.pick("96.16", "88", "95.5", "-1", "12"))
	default:
		r.Score = g.printed(x)
	}
}

// indicator returns a random indicator and, usually, its right score.
func (g *formGen) indicator() (model.Indicator, *big.Rat) {
	name := g.pick("慰问困难户（次）", "问题解决率", "工作运行成本（万元）", "  ", "政策知晓度", "完成时间", "牧民满意度")
	ind := model.Indicator{
		At: g.at(), Level1: g.pick(level1s...), Level2: g.pick(level2s...), Name: &name,
		Weight: g.weight(), Applicable: g.chance(0.92),
	}
	if g.chance(0.05) {
		ind.Name = nil
	}
	if !ind.Applicable {
		none := model.Value{Raw: "/", Kind: model.ValueNone}
		ind.Target, ind.Actual = none, none
		if g.chance(0.3) {
			ind.Score = g.dec(1)
		}
		return ind, nil
	}
	w := big.NewRat(0, 1)
	if ind.Weight != nil {
		w = ind.Weight.Rat()
	}
	var x *big.Rat
	switch g.r.Intn(10) {
	case 0, 1, 2: // percentages
		A, B := g.quantity(true), g.quantity(true)
		op := g.pick(">=", ">=", "=", ">", "<=", "<")
		ind.Target = model.Value{Raw: op + string(*A) + "%", Kind: model.ValuePercent, Op: op, Value: A, Unit: "%"}
		ind.Actual = model.Value{Raw: string(*B) + "%", Kind: model.ValuePercent, Value: B, Unit: "%"}
		x = formula(op, w, A.Rat(), B.Rat(), g)
	case 3, 4, 5: // numbers with units
		A, B := g.quantity(false), g.quantity(false)
		op := g.pick(">=", "=", "<=", "<=", "<", ">", "range", "")
		tu := g.pick(units...)
		au := tu
		if g.chance(0.2) {
			au = g.pick(units...)
		}
		ind.Target = model.Value{Raw: op + string(*A) + tu, Kind: model.ValueNumber, Op: op, Value: A, Unit: tu}
		ind.Actual = model.Value{Raw: string(*B) + au, Kind: model.ValueNumber, Value: B, Unit: au}
		if tu == "万人" && g.chance(0.5) {
			ind.Target.Base = &model.Base{Value: model.FromRat(new(big.Rat).Mul(A.Rat(), big.NewRat(10000, 1)), 6), Unit: "人"}
			ind.Actual.Unit = "人"
			if g.chance(0.5) {
				ind.Actual.Base = &model.Base{Value: *B, Unit: "人"}
				ind.Actual.Unit = "个"
			}
		}
		if g.chance(0.05) {
			ind.Target.Value = nil
		}
		x = formula(op, w, A.Rat(), B.Rat(), g)
	case 6, 7: // qualitative
		ind.Target = model.Value{Raw: "提高", Kind: model.ValueText, Text: "提高"}
		if g.chance(0.3) {
			ind.Target = model.Value{Raw: "=2年", Kind: model.ValueNumber, Op: "=", Value: model.Dec("2"), Unit: "年"}
		}
		if g.chance(0.5) {
			B := g.quantity(true)
			ind.Actual = model.Value{Raw: string(*B) + "%", Kind: model.ValuePercent, Value: B, Unit: "%"}
		} else {
			text := g.pick("达成预期指标", "部分达成", "基本完成。", "未完成", "是", "否", "较好", "好", "提高", " 完成 ")
			ind.Actual = model.Value{Raw: text, Kind: model.ValueText, Text: text}
		}
		share := big.NewRat(int64(g.r.Intn(101)), 100)
		x = new(big.Rat).Mul(w, share)
	default: // dates and the like, judged met or not
		ind.Target = model.Value{Raw: "2021年12月31日", Kind: model.ValueDate, Date: "2021-12-31"}
		ind.Actual = ind.Target
		x = w
		if g.chance(0.4) {
			x = new(big.Rat).Mul(w, big.NewRat(4, 5))
		}
	}
	if g.chance(0.5) {
		met := g.chance(0.6)
		ind.Met = &met
	}
	switch {
	case g.chance(0.04):
		ind.Score = nil
	case g.chance(0.03):
		ind.Score = model.Dec("-1")
	case g.chance(0.03) && ind.Weight != nil:
		s := model.FromRat(new(big.Rat).Add(w, big.NewRat(1, 1)), 2)
		ind.Score = &s
	default:
		ind.Score = g.printed(x)
	}
	if ind.Score == nil {
		return ind, nil
	}
	return ind, ind.Score.Rat()
}

// quantity returns a target or actual value: often a round number, and
// often close to another.
func (g *formGen) quantity(percent bool) *model.Decimal {
	if percent {
		if g.chance(0.8) {
			return model.Dec(g.pick("100", "95", "98", "90", "96.7", "80", "60", "0", "85.5", "99.99", "120"))
		}
		return g.dec(2)
	}
	if g.chance(0.75) {
		return model.Dec(g.pick("6", "5.8", "12.2", "9.96", "8", "300", "296.26", "0", "58000", "1", "0.5", "15"))
	}
	return g.dec(1 + g.r.Intn(4))
}

// formula returns the score the rules give, and sometimes one of the
// wrong formulas forms use.
func formula(op string, w, A, B *big.Rat, g *formGen) *big.Rat {
	hundred := big.NewRat(100, 1)
	switch {
	case g.chance(0.15):
		return new(big.Rat).Quo(new(big.Rat).Mul(w, B), hundred) // w × B%
	case (op == "<=" || op == "<") && A.Sign() > 0 && g.chance(0.3):
		m := B
		if B.Cmp(A) > 0 {
			m = A
		}
		return new(big.Rat).Quo(new(big.Rat).Mul(w, m), A) // ≥ formula
	case op == "<=" || op == "<":
		if B.Cmp(A) <= 0 || B.Sign() == 0 {
			return w
		}
		return new(big.Rat).Quo(new(big.Rat).Mul(w, A), B)
	case A.Sign() <= 0:
		return w
	case B.Cmp(A) >= 0:
		return w
	}
	return new(big.Rat).Quo(new(big.Rat).Mul(w, B), A)
}

// levelWeights writes the weights of some headings, right or not.
func (g *formGen) levelWeights(f *model.Form) {
	if !g.chance(0.3) {
		return
	}
	sums := map[string]*big.Rat{}
	for _, ind := range f.Indicators {
		if ind.Applicable && ind.Weight != nil {
			for _, k := range []string{"1" + ind.Level1, "2" + ind.Level1 + "/" + ind.Level2} {
				if sums[k] == nil {
					sums[k] = new(big.Rat)
				}
				sums[k].Add(sums[k], ind.Weight.Rat())
			}
		}
	}
	for i := range f.Indicators {
		ind := &f.Indicators[i]
		if s := sums["1"+ind.Level1]; s != nil && g.chance(0.5) {
			d := model.FromRat(s, 2)
			if g.chance(0.2) {
				d = model.MustDecimal("45")
			}
			ind.Level1Weight = &d
		}
		if s := sums["2"+ind.Level1+"/"+ind.Level2]; s != nil && g.chance(0.4) {
			d := model.FromRat(s, 2)
			if g.chance(0.2) {
				d = model.MustDecimal("12")
			}
			ind.Level2Weight = &d
		}
	}
}

// goals returns an 实际完成情况 restating the form's figures, rightly or
// not, among other words.
func (g *formGen) goals(f *model.Form) *model.Goals {
	var b strings.Builder
	var rate, paid *big.Rat
	if fd := f.Funds; fd != nil && fd.Total != nil {
		t := fd.Total
		if t.AnnualBudget != nil && t.Executed != nil && !t.AnnualBudget.IsZero() {
			rate = new(big.Rat).Quo(new(big.Rat).Mul(t.Executed.Rat(), big.NewRat(100, 1)), t.AnnualBudget.Rat())
		}
		if t.Executed != nil {
			paid = t.Executed.Rat()
		}
	}
	n := g.r.Intn(6)
	for i := 0; i < n; i++ {
		switch g.r.Intn(9) {
		case 0, 1:
			b.WriteString(g.pick("资金执行率达到", "预算执行率为", "执行率：", "执行率 约", "执行率了", "执行率是"))
			b.WriteString(g.fullWidth(g.stated(rate)))
			b.WriteString(g.pick("%", "%", " %", "％", "", "元"))
		case 2, 3:
			b.WriteString(g.pick("项目资金已", "实际", "共", "", "，"))
			b.WriteString(g.pick("支付", "支出", "使用", "拨付", "执行"))
			for j := g.r.Intn(4); j > 0; j-- {
				b.WriteString(g.pick("数", "资金", "金额", "经费", "了", "为", "是", "达到", "达", "共计", "合计", "总计", "约", "：", ":", " ", "资", "额", "计"))
			}
			unit, factor, tableUnit := g.pick("万元", "元", "亿元"), big.NewRat(1, 1), ""
			if f.Funds != nil {
				tableUnit = f.Funds.Unit
			}
			switch {
			case unit == "元" && (tableUnit == "万元" || tableUnit == ""):
				factor = big.NewRat(10000, 1)
			case unit == "万元" && tableUnit == "元":
				factor = big.NewRat(1, 10000)
			}
			var s string
			if paid != nil {
				s = g.stated(new(big.Rat).Mul(paid, factor))
			} else {
				s = g.stated(nil)
			}
			if len(s) > 4 && !strings.Contains(s, ".") && g.chance(0.5) {
				s = s[:len(s)-3] + "," + s[len(s)-3:]
			}
			b.WriteString(g.fullWidth(s))
			b.WriteString(g.pick("", " ", "\t"))
			b.WriteString(unit)
			b.WriteString(g.pick("", "", "/人", "每年", "／年"))
		case 4:
			b.WriteString(g.pick("慰问困难户达到6次", "项目完成率达到100%", "补助标准支出1440元/人/年", "使用 资金金额 3,000.5 元", "执行率达到９８.６％"))
		case 5:
			b.WriteString(g.pick("支付", "执行率", "元", "%", "万元", "执行", "使用经费约", "支出数共计", "执行率为达到了"))
			b.WriteString(g.digits(2))
			b.WriteString(g.pick("", "元", "%", "亿元", " 万元", ".", ",5元"))
		default:
			b.WriteString(g.pick("，", "。", "完成工作队办公开支、困难慰问等工作", "1.2.3", " ", "\n"))
		}
	}
	if g.chance(0.05) {
		b.Reset()
		b.WriteString("  ")
	}
	return &model.Goals{At: g.at(), Planned: "完成", Achieved: b.String()}
}

// stated returns how a text might restate the exact value x.
// fullWidth writes some of the digits and points of s full width, at
// times.
func (g *formGen) fullWidth(s string) string {
	if !g.chance(0.2) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9' && g.chance(0.5):
			b.WriteRune('０' + c - '0')
		case c == '.' && g.chance(0.5):
			b.WriteRune('．')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func (g *formGen) stated(x *big.Rat) string {
	if d := g.printed(x); d != nil {
		return string(*d)
	}
	return g.digits(3)
}

// total returns the 总分 row: weight, score (mostly the sum) and grade.
func (g *formGen) total(f *model.Form) *model.Total {
	t := &model.Total{At: g.at(), Weight: model.Dec(g.pick("100", "100", "100", "90", "110"))}
	if g.chance(0.1) {
		t.Weight = nil
	}
	sum := new(big.Rat)
	for _, ind := range f.Indicators {
		if ind.Applicable && ind.Score != nil {
			sum.Add(sum, ind.Score.Rat())
		}
	}
	if fd := f.Funds; fd != nil && fd.Total != nil && fd.Total.Score != nil && g.chance(0.8) {
		sum.Add(sum, fd.Total.Score.Rat())
	}
	switch {
	case g.chance(0.08):
		t.Score = nil
	case g.chance(0.1) && f.Funds != nil && f.Funds.Total != nil && f.Funds.Total.Score != nil:
		t.Score = f.Funds.Total.Score
	default:
		t.Score = g.printed(sum)
	}
	t.Grade = g.pick("", "优", "良", "中", "差", "优秀", "合格", "A", " 良好 ")
	return t
}

// dumpForm writes f for a failure message.
func dumpForm(f *model.Form) string {
	b, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}
