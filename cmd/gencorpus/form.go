package main

import (
	"fmt"
	"strconv"
	"strings"
)

// A Form is one synthetic 项目支出绩效自评表: every cell as it is written,
// the same whatever the output format.
type Form struct {
	Title       string // 项目支出绩效自评表N
	Year        int
	Project     string // 项目名称
	Department  string // 主管部门
	Unit        string // 实施单位
	Funds       [4]FundsRow
	Planned     string // 预期目标
	Achieved    string // 实际完成情况; paragraphs are separated by "\n"
	Indicators  []Indicator
	TotalWeight string // 总分 分值
	TotalScore  string // 总分 得分, "87.91分"
	// Flaw names the inconsistency put into the form on purpose (one of
	// flaws), or is empty when its arithmetic holds.
	Flaw string
}

// A FundsRow is one row of the funds block. Sub-rows hold "—" in Weight,
// Rate and Score.
type FundsRow struct {
	Label                     string
	Initial, Annual, Executed string
	Weight, Rate, Score       string
}

// An Indicator is one row of the indicator table. NA marks a row of "/",
// an indicator class that does not apply, whose other fields are empty.
type Indicator struct {
	Level1, Level2 string
	Name           string
	Target, Actual string
	Weight, Score  string
	Deviation      string
	NA             bool
}

// flaws are the inconsistencies a flawed form carries, one each: the
// execution rate, the funds score, an indicator score above its weight,
// the total score, the funds breakdown, the weights' sum, and a cost
// indicator under its ceiling scored as if more were better (as the
// sample's first form does: 5 × 296.26 / 300 = 4.93).
var flaws = []string{"rate", "funds_score", "score_over_weight", "total", "breakdown", "weights", "cost_as_positive"}

// fundsLabels are the labels of the funds rows, in order.
var fundsLabels = [4]string{"年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"}

// slot is one 二级指标 of the indicator table and how many rows it gets.
type slot struct {
	level1, level2 string
	rows, max      int
	na             bool
}

// gen holds what one form's generation needs.
type gen struct {
	r         *rng
	year      int
	budget    int64 // 全年预算数 in cents of 万元
	executed  int64 // 全年执行数 in cents of 万元
	topic     string
	flaw      string
	budgetRow bool // the form has its indicator of the whole cost
}

// newForm generates the form numbered pos in its file, from stream of seed.
// bad is the share of forms that carry a flaw.
func newForm(seed, stream uint64, pos, year int, bad float64) *Form {
	r := newRNG(seed, stream)
	g := &gen{r: r, year: year}
	f := &Form{Title: "项目支出绩效自评表" + strconv.Itoa(pos), Year: year}
	if r.chance(bad) {
		g.flaw = pick(r, flaws)
		f.Flaw = g.flaw
	}

	b := pick(r, bureaus)
	region := pick(r, regions)
	g.topic = pick(r, b.topics)
	f.Project = g.topic + pick(r, projectSuffixes)
	if r.chance(0.15) {
		f.Project = strconv.Itoa(year) + "年" + f.Project
	}
	f.Department = region + b.name
	if r.chance(0.5) {
		f.Department += "本级"
	}
	f.Unit = f.Department
	if r.chance(0.4) {
		f.Unit = region + pick(r, b.units)
	}

	fundsWeight := int64(1000)
	if r.chance(0.15) {
		fundsWeight = 2000
	}
	fundsScore := g.funds(f, fundsWeight)
	scores := g.indicators(f, 10000-fundsWeight)
	g.goals(f)

	total := fundsScore + scores
	if g.flaw == "total" {
		d := int64(r.between(50, 300))
		if r.chance(0.5) && total > d {
			d = -d
		}
		total += d
	}
	f.TotalWeight = "100"
	f.TotalScore = fixed2(total) + "分"
	return f
}

// funds fills the funds block and returns the funds score in cents.
func (g *gen) funds(f *Form, weight int64) int64 {
	r := g.r
	var b int64
	switch r.intn(4) {
	case 0:
		b = int64(r.between(1, 50)) * 100
	case 1:
		b = int64(r.between(50, 500)) * 100
	case 2:
		b = int64(r.between(500, 3000)) * 100
	default:
		b = int64(r.between(100, 20000))
	}
	if r.chance(0.3) {
		b += int64(r.intn(100))
	}
	var e int64
	switch x := r.intn(100); {
	case x < 45:
		e = b
	case x < 85:
		e = b * int64(r.between(9000, 9999)) / 10000
	default:
		e = b * int64(r.between(2000, 8999)) / 10000
	}
	if g.flaw == "cost_as_positive" && e*100 > b*99 {
		// Far enough below the budget that even a one-point cost
		// indicator loses a cent.
		e = b * int64(r.between(9000, 9899)) / 10000
	}
	g.budget, g.executed = b, e

	// The breakdown: carry-over and other funds take a share of the total,
	// the appropriation the rest; execution is spread in proportion.
	var carry, other int64
	if r.chance(0.2) {
		carry = b * int64(r.between(10, 50)) / 100
	}
	if r.chance(0.1) {
		other = (b - carry) * int64(r.between(5, 30)) / 100
	}
	fiscal := b - carry - other
	initial := b
	if carry == 0 && other == 0 {
		switch x := r.intn(100); {
		case x < 15:
			initial = b - b*int64(r.between(5, 40))/100 // 年中追加
		case x < 20:
			initial = b + b*int64(r.between(5, 20))/100 // 年中调减
		}
	}
	carryE, otherE := carry*e/b, other*e/b
	fiscalE := e - carryE - otherE
	fiscalInitial := initial - carry - other
	if g.flaw == "breakdown" {
		fiscal += int64(r.between(1, 10)) * 100
	}

	rate := ratio(e*10000, b) // hundredths of a percent
	score := ratio(weight*e, b)
	if g.flaw == "rate" {
		d := int64(r.between(5, 150))
		if rate > d && (rate == 10000 || r.chance(0.5)) {
			d = -d
		}
		rate += d
	}
	if g.flaw == "funds_score" {
		score += int64(r.between(10, 100))
	}
	f.Funds[0] = FundsRow{fundsLabels[0], fixed2(initial), fixed2(b), fixed2(e),
		trim(weight), fixed2(rate) + "%", fixed2(score) + "分"}
	sub := func(label string, in, an, ex int64) FundsRow {
		return FundsRow{label, trim(in), trim(an), trim(ex), "—", "—", "—"}
	}
	f.Funds[1] = sub(fundsLabels[1], fiscalInitial, fiscal, fiscalE)
	f.Funds[2] = sub(fundsLabels[2], carry, carry, carryE)
	f.Funds[3] = sub(fundsLabels[3], other, other, otherE)
	return score
}

// indicators fills the indicator table, whose weights sum to weight (in
// cents), and returns the sum of its scores in cents.
func (g *gen) indicators(f *Form, weight int64) int64 {
	r := g.r
	satisfaction := "满意度指标"
	if r.chance(0.5) {
		satisfaction = "服务对象满意度指标"
	}
	slots := []slot{
		{"产出指标", "数量指标", 1, 5, false}, {"产出指标", "质量指标", 1, 5, false},
		{"产出指标", "时效指标", 1, 5, false}, {"产出指标", "成本指标", 1, 3, false},
		{"效益指标", "经济效益指标", 1, 2, r.chance(0.6)}, {"效益指标", "社会效益指标", 1, 3, false},
		{"效益指标", "生态效益指标", 1, 2, r.chance(0.7)}, {"效益指标", "可持续影响指标", 1, 3, false},
		{"满意度指标", satisfaction, 1, 2, false},
	}
	for extra := r.between(10, 25) - len(slots); extra > 0; {
		s := &slots[r.intn(len(slots))]
		if !s.na && s.rows < s.max {
			s.rows++
			extra--
		}
	}
	// Each 一级指标 takes its share of the weight, spread over its rows.
	level1Weight := map[string]int64{"产出指标": weight - 4000, "效益指标": 3000, "满意度指标": 1000}
	counts := map[string]int{}
	for _, s := range slots {
		if !s.na {
			counts[s.level1] += s.rows
		}
	}
	weights := map[string][]int64{}
	for _, l1 := range []string{"产出指标", "效益指标", "满意度指标"} {
		weights[l1] = spread(r, level1Weight[l1], counts[l1])
	}

	var sum int64
	var applicable []int
	used := map[string]bool{}
	for _, s := range slots {
		if s.na {
			f.Indicators = append(f.Indicators, Indicator{Level1: s.level1, Level2: s.level2, NA: true})
			continue
		}
		for range s.rows {
			w := weights[s.level1][0]
			weights[s.level1] = weights[s.level1][1:]
			// An indicator appears once a form: draw again on a repeat.
			var in Indicator
			var num, den int64
			for try := 0; try == 0 || used[in.Name] && try < 20; try++ {
				in = Indicator{Level1: s.level1, Level2: s.level2}
				num, den = g.value(&in, s.level2, r.chance(0.12))
			}
			used[in.Name] = true
			score := ratio(w*num, den)
			if g.flaw == "weights" && len(applicable) == 0 {
				w += 100
			}
			in.Weight, in.Score = trim(w), trim(score)
			sum += score
			applicable = append(applicable, len(f.Indicators))
			f.Indicators = append(f.Indicators, in)
		}
	}
	if g.flaw == "score_over_weight" {
		in := &f.Indicators[pick(r, applicable)]
		w := parseCents(in.Weight)
		over := w + int64(r.between(50, 200))
		sum += over - parseCents(in.Score)
		in.Score = trim(over)
	}
	return sum
}

// value fills the name, target, actual and deviation of an indicator of
// level2 and returns the share of its weight it scores, num/den. When
// partial, the actual falls short of the target.
func (g *gen) value(in *Indicator, level2 string, partial bool) (num, den int64) {
	r := g.r
	switch level2 {
	case "数量指标":
		return g.count(in, pick(r, quantities), partial)
	case "质量指标":
		return g.percent(in, pick(r, qualityRates), partial)
	case "时效指标":
		switch r.intn(5) {
		case 0:
			return g.percent(in, pick(r, timelinessRates), partial)
		case 1:
			in.Name = "项目完成时间"
			in.Target = fmt.Sprintf("%d年12月31日", g.year)
			in.Actual = in.Target
			if partial {
				in.Actual = fmt.Sprintf("%d年%d月%d日", g.year+1, r.between(1, 3), r.between(1, 28))
				in.Deviation = pick(r, deviationReasons)
				return 8, 10
			}
			return 1, 1
		case 2:
			in.Name = "项目开展时间"
			in.Target = fmt.Sprintf("%d年1月-12月", g.year)
			in.Actual = in.Target
			return 1, 1
		case 3:
			in.Name = "资金拨付完成时间"
			in.Target = fmt.Sprintf("%d.12", g.year)
			in.Actual = in.Target
			return 1, 1
		default:
			unit := pick(r, []string{"天", "小时"})
			in.Name = pick(r, []string{"系统故障修复处理时间", "维护响应时间", "问题处理时限"}) + "（" + unit + "）"
			t := r.between(1, 8)
			op := pick(r, []string{"=", "<=", "≤"})
			in.Target = op + strconv.Itoa(t) + unit
			in.Actual = in.Target[len(op):]
			if op != "=" {
				in.Actual = strconv.Itoa(r.between(1, t)) + unit
			}
			if partial {
				// Over a ceiling: the score is weight × target / actual.
				a := t + r.between(1, 4)
				in.Actual = strconv.Itoa(a) + unit
				in.Deviation = pick(r, deviationReasons)
				return int64(t), int64(a)
			}
			return 1, 1
		}
	case "成本指标":
		kind := r.intn(3)
		switch {
		case !g.budgetRow && g.flaw == "cost_as_positive":
			kind = 2
		case g.budgetRow && kind == 2:
			kind = r.intn(2)
		}
		switch kind {
		case 0:
			in.Name = "年度维护成本增长率（%）"
			in.Target, in.Actual = "=0%", "0%"
			return 1, 1
		case 1:
			in.Name = pick(r, []string{"人均培训成本（元/人）", "单位维护成本（元/台）", "户均补助标准（元/户）"})
			unit := in.Name[strings.Index(in.Name, "（")+len("（") : strings.Index(in.Name, "/")]
			t := r.between(10, 80) * 10
			in.Target = "<=" + strconv.Itoa(t) + unit
			in.Actual = strconv.Itoa(t-r.intn(t/5)) + unit
			return 1, 1
		default:
			// The cost of the whole project: met when it stays within the
			// budget, unless the flaw scores it by its execution.
			g.budgetRow = true
			in.Name = g.topic + pick(r, []string{"费用（万元/年）", "成本（万元）", "项目总成本（万元）"})
			in.Target = "<=" + trim(g.budget) + "万元"
			in.Actual = trim(g.executed) + "万元"
			if g.executed == g.budget {
				in.Target = "=" + trim(g.budget) + "万元"
				return 1, 1
			}
			in.Deviation = fmt.Sprintf(costReason, trim(g.budget), trim(g.budget))
			if g.flaw == "cost_as_positive" {
				return g.executed, g.budget
			}
			return 1, 1
		}
	case "经济效益指标":
		ci := pick(r, economics)
		return g.count(in, ci, partial)
	case "社会效益指标":
		if r.chance(0.5) {
			return g.percent(in, pick(r, socialRates), partial)
		}
		return g.qualitative(in, pick(r, socialTexts), partial)
	case "生态效益指标":
		return g.qualitative(in, pick(r, ecologyTexts), partial)
	case "可持续影响指标":
		if r.chance(0.3) {
			in.Name = pick(r, []string{"系统支出使用年限", "设备使用年限（年）", "设施使用年限"})
			t := r.between(2, 10)
			in.Target = pick(r, []string{"=", ">=", "≥"}) + strconv.Itoa(t) + "年"
			in.Actual = pick(r, []string{"100%", strconv.Itoa(t) + "年"})
			if partial {
				in.Actual = "80%"
				in.Deviation = pick(r, deviationReasons)
				return 8, 10
			}
			return 1, 1
		}
		return g.qualitative(in, pick(r, lastingTexts), partial)
	}
	return g.percent(in, pick(r, satisfied), partial)
}

// count fills a counted indicator.
func (g *gen) count(in *Indicator, c countIndicator, partial bool) (num, den int64) {
	r := g.r
	in.Name = c.name
	if r.chance(0.7) {
		in.Name += "（" + c.unit + "）"
	}
	unit, _, _ := strings.Cut(c.unit, "/")
	t := r.between(c.lo, c.hi)
	switch r.intn(6) {
	case 0, 1:
		in.Target = "=" + strconv.Itoa(t) + unit
	case 2:
		in.Target = ">=" + strconv.Itoa(t) + unit
	case 3:
		in.Target = "≥" + strconv.Itoa(t) + unit
	case 4:
		in.Target = "不少于" + strconv.Itoa(t) + unit
	default:
		in.Target = strconv.Itoa(t) + unit + "以上"
	}
	if !partial {
		a := t
		if in.Target[0] != '=' && r.chance(0.3) {
			a += r.between(1, t/10+1)
		}
		in.Actual = strconv.Itoa(a) + unit
		return 1, 1
	}
	a := max(t*r.between(60, 95)/100, 1)
	in.Actual = strconv.Itoa(a) + unit
	in.Deviation = pick(r, deviationReasons)
	return int64(a), int64(t)
}

// percent fills a percentage indicator named subject.
func (g *gen) percent(in *Indicator, subject string, partial bool) (num, den int64) {
	r := g.r
	in.Name = subject
	if r.chance(0.6) {
		in.Name += "（%）"
	}
	var t int // in tenths of a percent
	switch r.intn(6) {
	case 0, 1:
		t = 1000
		in.Target = "=100%"
	case 2:
		t = 950
		in.Target = ">=95%"
	case 3:
		t = 900
		in.Target = "≥90%"
	case 4:
		t = 980
		in.Target = ">=98%"
	default:
		t = 850
		in.Target = ">=85%"
	}
	if !partial {
		a := t
		if t < 1000 && r.chance(0.5) {
			a = r.between(t, 1000)
		}
		in.Actual = tenths(a) + "%"
		return 1, 1
	}
	a := t - r.between(20, 150)
	in.Actual = tenths(a) + "%"
	in.Deviation = pick(r, deviationReasons)
	return int64(a), int64(t)
}

// qualitative fills an indicator whose target is a word.
func (g *gen) qualitative(in *Indicator, q qualitative, partial bool) (num, den int64) {
	r := g.r
	in.Name = q.name
	in.Target = pick(r, q.words)
	in.Actual = pick(r, []string{"100%", strings.TrimPrefix(in.Target, "="), "达到预期"})
	if partial {
		in.Deviation = pick(r, deviationReasons)
		if r.chance(0.2) {
			in.Deviation = " " + in.Deviation // a stray space, as in the sample's text export
		}
		if r.chance(0.5) {
			in.Actual = "80%"
			return 8, 10
		}
		in.Actual = pick(r, []string{"基本完成", "部分完成"})
		return 7, 10
	}
	return 1, 1
}

// goals writes 预期目标 and 实际完成情况 from the form's numbers.
func (g *gen) goals(f *Form) {
	r := g.r
	aim := pick(r, goalAims)
	s1 := pick(r, goalSteps)
	s2 := pick(r, goalSteps)
	benefit := pick(r, goalBenefits)
	switch r.intn(3) {
	case 0:
		f.Planned = fmt.Sprintf("以%s为目标，%s，%s，%s。", aim, s1, s2, benefit)
	case 1:
		f.Planned = fmt.Sprintf("为进一步%s，%s，%s，确保%s。", aim, s1, s2, benefit)
	default:
		f.Planned = fmt.Sprintf("根据%s工作要求，%s，%s，%s，%s。", g.topic, s1, s2, aim, benefit)
	}

	var sb strings.Builder
	fmt.Fprintf(&sb, "截止到%d年12月31日，", g.year)
	n := 0
	for _, in := range f.Indicators {
		if in.NA || n == 3 || !strings.HasSuffix(in.Actual, "%") && in.Level2 != "数量指标" {
			continue
		}
		name, _, _ := strings.Cut(in.Name, "（")
		fmt.Fprintf(&sb, "%s达到%s，", name, in.Actual)
		n++
	}
	fmt.Fprintf(&sb, "项目资金已支付%s万元，资金执行率达到%s%%，项目完成率达到100%%。",
		trim(g.executed), trim(ratio(g.executed*10000, g.budget)))
	if r.chance(0.2) {
		sb.WriteString("\n")
	}
	fmt.Fprintf(&sb, "通过项目实施，%s。", pick(r, goalBenefits))
	f.Achieved = sb.String()
}

// spread divides total (in cents) into n weights in whole or half points,
// unevenly, none below one point.
func spread(r *rng, total int64, n int) []int64 {
	unit := int64(100)
	if total/int64(n) < 100 || total%(100*int64(n)) != 0 && r.chance(0.5) {
		unit = 50
	}
	units := total / unit
	w := make([]int64, n)
	for i := range w {
		w[i] = units / int64(n)
	}
	for i := range units % int64(n) {
		w[i]++
	}
	for range n / 2 {
		i, j := r.intn(n), r.intn(n)
		if d := int64(r.between(1, 2)); w[i]-d >= 100/unit {
			w[i] -= d
			w[j] += d
		}
	}
	for i := range w {
		w[i] *= unit
	}
	return w
}

// ratio returns a/b rounded half up; a ≥ 0, b > 0.
func ratio(a, b int64) int64 {
	return (2*a + b) / (2 * b)
}

// fixed2 writes cents with two decimals: 29626 is "296.26", 30000 "300.00".
func fixed2(c int64) string {
	return fmt.Sprintf("%d.%02d", c/100, c%100)
}

// trim writes cents canonically: 30000 is "300", 250 "2.5", 29626 "296.26".
func trim(c int64) string {
	s := fixed2(c)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// tenths writes tenths: 955 is "95.5", 1000 "100".
func tenths(t int) string {
	if t%10 == 0 {
		return strconv.Itoa(t / 10)
	}
	return fmt.Sprintf("%d.%d", t/10, t%10)
}

// parseCents reads a number written by fixed2 or trim back into cents.
func parseCents(s string) int64 {
	whole, frac, _ := strings.Cut(s, ".")
	c, _ := strconv.ParseInt(whole, 10, 64)
	frac = (frac + "00")[:2]
	f, _ := strconv.ParseInt(frac, 10, 64)
	return c*100 + f
}
