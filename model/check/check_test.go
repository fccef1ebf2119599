package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
)

func dp(s string) *model.Decimal { return model.Dec(s) }

func bp(b bool) *bool { return &b }

func nv(raw, op, v, unit string) model.Value {
	return model.Value{Raw: raw, Kind: model.ValueNumber, Op: op, Value: dp(v), Unit: unit}
}

func pv(raw, op, v string) model.Value {
	return model.Value{Raw: raw, Kind: model.ValuePercent, Op: op, Value: dp(v), Unit: "%"}
}

func tv(raw string) model.Value { return model.Value{Raw: raw, Kind: model.ValueText, Text: raw} }

func dv(raw, date string) model.Value {
	return model.Value{Raw: raw, Kind: model.ValueDate, Date: date}
}

func ind(line int, l1, l2, name string, t, a model.Value, w, s string) model.Indicator {
	return model.Indicator{
		At: model.At{Line: line}, Level1: l1, Level2: l2, Name: &name,
		Target: t, Actual: a, Weight: dp(w), Score: dp(s), Applicable: true,
	}
}

func notApplicable(line int, l1, l2 string) model.Indicator {
	none := model.Value{Raw: "/", Kind: model.ValueNone}
	return model.Indicator{At: model.At{Line: line}, Level1: l1, Level2: l2, Target: none, Actual: none}
}

func frow(label string, line int, initial, annual, executed, w, rate, score string) *model.FundsRow {
	return &model.FundsRow{
		Label: label, At: model.At{Line: line},
		InitialBudget: dp(initial), AnnualBudget: dp(annual), Executed: dp(executed),
		Weight: dp(w), ExecutionRate: dp(rate), Score: dp(score),
	}
}

// cleanForm returns a form whose arithmetic is right under every rule:
// sources that add up, 81.64% executed, positive, reverse and qualitative
// indicators scored by the book, weights and scores that sum to the total.
func cleanForm() *model.Form {
	return &model.Form{
		Index: 1, At: model.At{Line: 1}, Kind: model.KindProject,
		ProjectName: "访惠聚工作经费",
		Funds: &model.Funds{
			Unit:      "万元",
			Total:     frow("年度资金总额", 10, "12.2", "12.2", "9.96", "10", "81.64", "8.16"),
			Fiscal:    frow("其中：当年财政拨款", 11, "8", "8", "5.76", "", "", ""),
			Carryover: frow("      上年结转资金", 12, "4.2", "4.2", "4.2", "", "", ""),
			Other:     frow("  其他资金", 13, "0", "0", "0", "", "", ""),
		},
		Goals: &model.Goals{
			At:       model.At{Line: 15},
			Planned:  "完成工作队办公开支、困难慰问等工作，项目资金12.2万元。",
			Achieved: "慰问困难户达到6次，项目资金已支付9.96万元，资金执行率达到81.6%，项目完成率达到100%。",
		},
		Indicators: []model.Indicator{
			ind(20, "产出指标", "数量指标", "慰问困难户（次）", nv("=6次", "=", "6", "次"), nv("6次", "", "6", "次"), "20", "20"),
			ind(21, "产出指标", "数量指标", "发放人数（万人）", nv(">=6万人", ">=", "6", "万人"), nv("5.8万人", "", "5.8", "万人"), "8", "7.73"),
			ind(22, "产出指标", "质量指标", "问题解决率", pv("=100%", "=", "100"), pv("96.7%", "", "96.7"), "7", "6.77"),
			ind(23, "产出指标", "成本指标", "工作运行成本（万元）", nv("<=12.2万元", "<=", "12.2", "万元"), nv("9.96万元", "", "9.96", "万元"), "5", "5"),
			ind(24, "产出指标", "时效指标", "完成时间", dv("2021年12月31日", "2021-12-31"), dv("2021年12月31日", "2021-12-31"), "10", "10"),
			notApplicable(25, "效益指标", "经济效益指标"),
			ind(26, "效益指标", "社会效益指标", "政策知晓度", tv("提高"), pv("90%", "", "90"), "15", "13.5"),
			ind(27, "效益指标", "可持续影响指标", "政策执行力", tv("长期"), tv("达成预期指标"), "15", "15"),
			ind(28, "满意度指标", "满意度指标", "牧民满意度", pv(">=95%", ">=", "95"), pv("95%", "", "95"), "10", "10"),
		},
		Total: &model.Total{At: model.At{Line: 30}, Weight: dp("100"), Score: dp("96.16"), Grade: "优"},
	}
}

func codes(fs []model.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

func TestCleanForm(t *testing.T) {
	f := cleanForm()
	f.Indicators[4].Met = bp(true)
	fs := Form(f, nil)
	assert.Empty(t, fs)
	assert.False(t, Reaches(fs, model.SevInfo))
}

// byLine finds the indicator of a clean form at line.
func byLine(f *model.Form, line int) *model.Indicator {
	for i := range f.Indicators {
		if f.Indicators[i].At.Line == line {
			return &f.Indicators[i]
		}
	}
	panic("no indicator at that line")
}

func TestRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(f *model.Form)
		config func(c *Config)
		want   []string
		// first describes the first finding when set.
		sev      string
		at       int
		expected string
		found    string
		message  string
	}{
		// Rule 1: 执行率.
		{
			name:   "rate wrong",
			mutate: func(f *model.Form) { f.Funds.Total.ExecutionRate = dp("80.5") },
			want:   []string{CodeRateMismatch},
			sev:    model.SevError, at: 10, expected: "81.64", found: "80.5",
			message: "年度资金总额的执行率写作80.50%，按全年执行数/全年预算数（9.96/12.2）应为81.64%",
		},
		{
			name:   "rate rounded to an integer",
			mutate: func(f *model.Form) { f.Funds.Total.ExecutionRate = dp("82") },
			want:   []string{CodeRateMismatch},
			sev:    model.SevWarning, expected: "81.64", found: "82",
			message: "（相当于四舍五入取整）",
		},
		{
			name:   "rate truncated",
			mutate: func(f *model.Form) { f.Funds.Total.ExecutionRate = dp("81.63") },
			want:   []string{CodeTruncated},
			sev:    model.SevInfo, expected: "81.64", found: "81.63",
			message: "截尾保留两位小数",
		},
		{
			name:   "rate without a budget",
			mutate: func(f *model.Form) { f.Funds.Total.AnnualBudget, f.Funds.Total.InitialBudget = nil, nil },
		},
		{
			name: "total row of zeros uses the fiscal row",
			mutate: func(f *model.Form) {
				f.Funds.Total = frow("年度资金总额", 10, "0", "0", "0", "10", "81.64", "8.16")
				f.Funds.Fiscal = frow("其中：当年财政拨款", 11, "12.2", "12.2", "9.96", "", "", "")
			},
			want: []string{CodeTotalRowZero},
			sev:  model.SevInfo, at: 10,
		},
		{
			name: "total row of zeros and a wrong rate",
			mutate: func(f *model.Form) {
				f.Funds.Total = frow("年度资金总额", 10, "0", "0", "0", "10", "90", "8.16")
				f.Funds.Fiscal = frow("其中：当年财政拨款", 11, "12.2", "12.2", "9.96", "", "", "")
			},
			want: []string{CodeTotalRowZero, CodeRateMismatch},
		},
		// Rule 2: 执行率得分.
		{
			name: "execution score off",
			mutate: func(f *model.Form) {
				f.Funds.Total.Score = dp("9")
				f.Total.Score = dp("97")
			},
			want: []string{CodeExecutionScore},
			sev:  model.SevWarning, at: 10, expected: "8.16", found: "9",
			message: "执行率得分写作9分，按分值10×执行率81.64%应为8.16分",
		},
		{
			name: "execution score deducted at 100%",
			mutate: func(f *model.Form) {
				f.Funds.Total = frow("年度资金总额", 10, "12.2", "12.2", "12.2", "10", "100", "9.5")
				f.Funds.Fiscal.Executed = dp("8")
				f.Total.Score = dp("97.5")
				f.Goals.Achieved = ""
			},
			want:    []string{CodeExecutionScore},
			message: "（执行率已达100%，似有扣分）",
		},
		{
			name: "execution score within tolerance",
			mutate: func(f *model.Form) {
				f.Funds.Total.Score = dp("8.17")
				f.Total.Score = dp("96.17")
			},
		},
		// Rule 12: sources.
		{
			name:   "sources do not add up",
			mutate: func(f *model.Form) { f.Funds.Carryover.Executed = dp("4") },
			want:   []string{CodeSources},
			sev:    model.SevError, at: 10, expected: "9.76", found: "9.96",
			message: "全年执行数 当年财政拨款5.76+上年结转资金4+其他资金0=9.76，年度资金总额写作9.96",
		},
		{
			name: "an extra row breaking a source down",
			mutate: func(f *model.Form) {
				f.Funds.ExtraRows = []model.FundsRow{*frow("其中：中央补助", 14, "5", "5", "3", "", "", "")}
			},
		},
		// Rule 7: caps.
		{
			name: "score above weight",
			mutate: func(f *model.Form) {
				byLine(f, 20).Score = dp("21")
				f.Total.Score = dp("97.16")
			},
			want: []string{CodeOverWeight},
			sev:  model.SevError, at: 20, expected: "20", found: "21",
		},
		{
			name: "negative score",
			mutate: func(f *model.Form) {
				byLine(f, 20).Score = dp("-1")
				f.Total.Score = dp("75.16")
				f.Total.Grade = ""
			},
			want: []string{CodeNegative},
			sev:  model.SevError, at: 20, found: "-1",
		},
		{
			name: "level weight in the heading matches",
			mutate: func(f *model.Form) {
				for i := 0; i < 5; i++ {
					f.Indicators[i].Level1Weight = dp("50")
				}
				byLine(f, 20).Level2Weight = dp("28")
			},
		},
		{
			name: "level weight in the heading does not match",
			mutate: func(f *model.Form) {
				for i := 0; i < 5; i++ {
					f.Indicators[i].Level1Weight = dp("45")
				}
			},
			want: []string{CodeLevelWeight, CodeWeightsDefault},
			sev:  model.SevError, at: 20, expected: "50", found: "45",
			message: "产出指标标明45分，其下各指标分值合计为50",
		},
		{
			name:     "level 2 weight does not match",
			mutate:   func(f *model.Form) { byLine(f, 21).Level2Weight = dp("30") },
			want:     []string{CodeLevelWeight},
			expected: "28", found: "30",
		},
		// Rules 9 and 10: weights.
		{
			name:   "weights do not reach the total's weight",
			mutate: func(f *model.Form) { f.Total.Weight = dp("110") },
			want:   []string{CodeWeightsTotal},
			sev:    model.SevError, at: 30, expected: "110", found: "100",
			message: "分值合计为100（预算执行率10+各指标90），总分一行的分值为110；另有1行不适用（/），不计分值，其余分值应按比例调整至合计110",
		},
		{
			name:   "no total weight, configured total",
			mutate: func(f *model.Form) { f.Total.Weight = nil },
			config: func(c *Config) { c.Weights.Total = model.MustDecimal("90") },
			want:   []string{CodeWeightsTotal},
			sev:    model.SevWarning, expected: "90", found: "100",
		},
		{
			name:   "no total weight, default total",
			mutate: func(f *model.Form) { f.Total.Weight = nil },
		},
		{
			name:   "level weight departs from the usual",
			config: func(c *Config) { c.Weights.Levels["产出指标"] = model.MustDecimal("60") },
			want:   []string{CodeWeightsDefault},
			sev:    model.SevInfo, at: 20, expected: "60", found: "50",
		},
		// Rule 9: the total.
		{
			name: "total leaves out the execution score",
			mutate: func(f *model.Form) {
				f.Total.Score = dp("88")
				f.Total.Grade = "良"
			},
			want: []string{CodeTotalExcludesExecution},
			sev:  model.SevWarning, at: 30, expected: "96.16", found: "88",
			message: "未加预算执行率得分8.16",
		},
		{
			name:   "total matches neither sum",
			mutate: func(f *model.Form) { f.Total.Score = dp("95") },
			want:   []string{CodeTotalSum},
			sev:    model.SevError, expected: "96.16", found: "95",
		},
		{
			name: "grand total in the funds row",
			mutate: func(f *model.Form) {
				f.Funds.Total.Score = dp("96.16")
			},
			want: []string{CodeGrandTotalInFunds},
			sev:  model.SevWarning, at: 10, found: "96.16",
		},
		{
			name: "grand total in the funds row, no 总分 row",
			mutate: func(f *model.Form) {
				f.Funds.Total.Score = dp("96.16")
				f.Total = nil
			},
			want: []string{CodeGrandTotalInFunds},
		},
		{
			name:   "funds score above its weight",
			mutate: func(f *model.Form) { f.Funds.Total.Score = dp("11") },
			want:   []string{CodeOverWeight, CodeTotalSum},
			at:     10,
		},
		{
			name: "no execution score column",
			mutate: func(f *model.Form) {
				f.Funds.Total.Weight, f.Funds.Total.Score = nil, nil
				f.Total.Weight, f.Total.Score = dp("90"), dp("88")
				f.Total.Grade = "良"
			},
		},
		{
			name: "no execution score column, total off",
			mutate: func(f *model.Form) {
				f.Funds.Total.Weight, f.Funds.Total.Score = nil, nil
				f.Total.Weight, f.Total.Score = dp("90"), dp("87")
				f.Total.Grade = "良"
			},
			want: []string{CodeTotalSum},
			sev:  model.SevError, expected: "88", found: "87",
			message: "总分写作87，各指标得分合计为88",
		},
		{
			name: "indicator weights already fill the total",
			mutate: func(f *model.Form) {
				f.Funds.Total.Score = nil
				ind := byLine(f, 20)
				ind.Weight, ind.Score = dp("30"), dp("30")
				f.Total.Score = dp("98")
			},
			want:    []string{CodeWeightsDefault, CodeWeightsTotal},
			message: "产出指标的分值合计为60，常见设置为50分",
		},
		// Rule 11: grade.
		{
			name:   "grade against the total",
			mutate: func(f *model.Form) { f.Total.Grade = "良" },
			want:   []string{CodeGrade},
			sev:    model.SevWarning, at: 30,
			message: "等级写作“良”，总分96.16应评为“优”",
		},
		{
			name:   "grade alias",
			mutate: func(f *model.Form) { f.Total.Grade = "优秀" },
		},
		{
			name:   "grade unknown",
			mutate: func(f *model.Form) { f.Total.Grade = "A" },
		},
		// Rules 3 to 5: quantitative indicators.
		{
			name: "positive indicator scored off the formula",
			mutate: func(f *model.Form) {
				byLine(f, 21).Score = dp("7.5")
				f.Total.Score = dp("95.93")
			},
			want: []string{CodeIndicatorScore},
			sev:  model.SevWarning, at: 21, expected: "7.73", found: "7.5",
			message: "“发放人数（万人）”目标>=6万人，实际5.8万人，分值8：分值×实际值/目标值应为7.73分，表中为7.5分",
		},
		{
			name: "positive indicator rounded to one decimal",
			mutate: func(f *model.Form) {
				byLine(f, 21).Score = dp("7.7")
				f.Total.Score = dp("96.13")
			},
			want:    []string{CodeIndicatorScore},
			message: "（相当于四舍五入保留1位小数）",
		},
		{
			name: "positive indicator truncated",
			mutate: func(f *model.Form) {
				byLine(f, 22).Score = dp("6.76")
				f.Total.Score = dp("96.15")
			},
			want: []string{CodeTruncated},
			sev:  model.SevInfo, at: 22, expected: "6.77", found: "6.76",
		},
		{
			name: "reverse indicator scored as positive",
			mutate: func(f *model.Form) {
				byLine(f, 23).Score = dp("4.08")
				f.Total.Score = dp("95.24")
			},
			want: []string{CodeReverseAsPositive},
			sev:  model.SevWarning, at: 23, expected: "5", found: "4.08",
			message: "“工作运行成本（万元）”是≤指标（目标<=12.2万元），实际9.96万元，按≤指标应得5分；表中4.08分是按≥指标的公式 分值×min(1,实际值/目标值)（5×min(1,9.96/12.2)=4.081967，四舍五入保留两位小数）算的",
		},
		{
			name: "reverse indicator scored as positive, truncated",
			mutate: func(f *model.Form) {
				ind := byLine(f, 23)
				ind.Actual = nv("9.97万元", "", "9.97", "万元")
				ind.Score = dp("4.08")
				f.Total.Score = dp("95.24")
			},
			want:    []string{CodeReverseAsPositive},
			message: "（5×min(1,9.97/12.2)=4.086066，截尾保留两位小数）",
		},
		{
			name: "reverse indicator over its target, scored down",
			mutate: func(f *model.Form) {
				ind := byLine(f, 23)
				ind.Target = nv("<=8万元", "<=", "8", "万元")
				ind.Score = dp("4.02")
				f.Total.Score = dp("95.18")
			},
		},
		{
			name: "reverse indicator over its target at full score",
			mutate: func(f *model.Form) {
				byLine(f, 23).Target = nv("<=8万元", "<=", "8", "万元")
			},
			want:     []string{CodeReverseAsPositive},
			expected: "4.02", found: "5",
		},
		{
			name: "score as w × B%",
			mutate: func(f *model.Form) {
				byLine(f, 22).Target = pv(">=98%", ">=", "98")
			},
			want: []string{CodeScoreAsPercent},
			sev:  model.SevWarning, at: 22, expected: "6.91", found: "6.77",
		},
		{
			name: "score as w × B/A against a higher target",
			mutate: func(f *model.Form) {
				ind := byLine(f, 22)
				ind.Target = pv(">=98%", ">=", "98")
				ind.Score = dp("6.91")
				f.Total.Score = dp("96.3")
			},
		},
		{
			name: "units that differ are not compared",
			mutate: func(f *model.Form) {
				byLine(f, 21).Actual = nv("58000人", "", "58000", "人")
			},
		},
		{
			name: "units compared through base",
			mutate: func(f *model.Form) {
				ind := byLine(f, 21)
				ind.Target.Base = &model.Base{Value: model.MustDecimal("60000"), Unit: "人"}
				ind.Actual = nv("58000人", "", "58000", "人")
				ind.Score = dp("7")
				f.Total.Score = dp("95.43")
			},
			want:     []string{CodeIndicatorScore},
			expected: "7.73", found: "7",
		},
		// Rule 9: met and unmet targets.
		{
			name: "met target below its weight",
			mutate: func(f *model.Form) {
				ind := byLine(f, 24)
				ind.Met = bp(true)
				ind.Score = dp("8")
				f.Total.Score = dp("94.16")
			},
			want: []string{CodeMetBelowWeight},
			sev:  model.SevWarning, at: 24, expected: "10", found: "8",
		},
		{
			name: "over-achieved target marked down",
			mutate: func(f *model.Form) {
				ind := byLine(f, 20)
				ind.Actual = nv("8次", "", "8", "次")
				ind.Met = bp(true)
				ind.Score = dp("18")
				f.Total.Score = dp("94.16")
			},
			want: []string{CodeMetBelowWeight},
			at:   20,
		},
		{
			name:   "unmet target at full score",
			mutate: func(f *model.Form) { byLine(f, 24).Met = bp(false) },
			want:   []string{CodeUnmetFullScore},
			sev:    model.SevWarning, at: 24, found: "10",
		},
		{
			name: "unmet target scored down",
			mutate: func(f *model.Form) {
				ind := byLine(f, 24)
				ind.Met = bp(false)
				ind.Score = dp("6")
				f.Total.Score = dp("92.16")
			},
		},
		// Rule 6: qualitative bands.
		{
			name: "degree of achievement above the score's band",
			mutate: func(f *model.Form) {
				byLine(f, 26).Score = dp("10")
				f.Total.Score = dp("92.66")
			},
			want: []string{CodeQualitativeBand},
			sev:  model.SevWarning, at: 26, expected: "12", found: "10",
			message: "“政策知晓度”实际完成值为90%，属“达成”档，得分应在分值的80%–100%之间（12–15分）；表中10分，占分值的66.67%",
		},
		{
			name: "partial achievement at full score",
			mutate: func(f *model.Form) {
				byLine(f, 27).Actual = tv("部分达成")
			},
			want:     []string{CodeQualitativeBand},
			at:       27,
			expected: "12", found: "15",
		},
		{
			name: "failed at more than the bottom band",
			mutate: func(f *model.Form) {
				byLine(f, 27).Actual = tv("未完成。")
			},
			want:     []string{CodeQualitativeBand},
			expected: "9", found: "15",
			message: "属“未达成”档，得分应在分值的0%–60%之间（0–9分）",
		},
		{
			name: "number target with a percentage actual in band",
			mutate: func(f *model.Form) {
				ind := byLine(f, 26)
				ind.Target = nv("=2年", "=", "2", "年")
				ind.Actual = pv("80%", "", "80")
				ind.Score = dp("12")
				f.Total.Score = dp("94.66")
			},
		},
		{
			name: "partial band with Hubei's bounds",
			mutate: func(f *model.Form) {
				ind := byLine(f, 26)
				ind.Actual = pv("55%", "", "55")
				ind.Score = dp("8.25")
				f.Total.Score = dp("90.91")
			},
			config: func(c *Config) { c.Qualitative.Partial = model.MustDecimal("50") },
		},
		// Rule 13: the goals text.
		{
			name: "text restates another rate",
			mutate: func(f *model.Form) {
				f.Goals.Achieved = "项目资金已支付9.96万元，资金执行率达到98.6%。"
			},
			want: []string{CodeNarrativeRate},
			sev:  model.SevWarning, at: 15, expected: "81.64", found: "98.6",
			message: "实际完成情况写“执行率达到98.6%”，资金表中执行率为81.64%",
		},
		{
			name:   "text rounds the rate",
			mutate: func(f *model.Form) { f.Goals.Achieved = "预算执行率为82%，执行率：８１.６４％。" },
		},
		{
			name:   "text restates another amount",
			mutate: func(f *model.Form) { f.Goals.Achieved = "项目资金已支付9.95万元。" },
			want:   []string{CodeNarrativeAmount},
			sev:    model.SevWarning, at: 15, expected: "9.96", found: "9.95",
			message: "实际完成情况写“支付9.95万元”，资金表中全年执行数为9.96万元",
		},
		{
			name:     "text restates an amount in 元",
			mutate:   func(f *model.Form) { f.Goals.Achieved = "实际支出99,500元。" },
			want:     []string{CodeNarrativeAmount},
			expected: "99600", found: "99500",
		},
		{
			name: "text amounts that agree",
			mutate: func(f *model.Form) {
				f.Goals.Achieved = "已支付99600元，其中使用财政资金5.76万元，补助标准支出1440元/人/年，共拨付10万元。"
			},
		},
		// Switches.
		{
			name:   "a group switched off",
			mutate: func(f *model.Form) { f.Goals.Achieved = "资金执行率达到98.6%，已支付9.95万元。" },
			config: func(c *Config) { c.Rules["narrative"] = false },
		},
		{
			name:   "a code switched on inside a group switched off",
			mutate: func(f *model.Form) { f.Goals.Achieved = "资金执行率达到98.6%，已支付9.95万元。" },
			config: func(c *Config) {
				c.Rules["narrative"] = false
				c.Rules[CodeNarrativeAmount] = true
			},
			want: []string{CodeNarrativeAmount},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := cleanForm()
			if tt.mutate != nil {
				tt.mutate(f)
			}
			c := DefaultConfig()
			if tt.config != nil {
				tt.config(c)
			}
			fs := Form(f, c)
			want := tt.want
			if want == nil {
				want = []string{}
			}
			require.Equal(t, want, codes(fs), "%+v", fs)
			if len(fs) == 0 {
				return
			}
			first := fs[0]
			if tt.sev != "" {
				assert.Equal(t, tt.sev, first.Severity)
			}
			if tt.at != 0 {
				assert.Equal(t, model.At{Line: tt.at}, first.At)
			}
			if tt.expected != "" {
				require.NotNil(t, first.Expected)
				assert.Equal(t, tt.expected, first.Expected.String())
			}
			if tt.found != "" {
				require.NotNil(t, first.Found)
				assert.Equal(t, tt.found, first.Found.String())
			}
			if tt.message != "" {
				assert.Contains(t, first.Message, tt.message)
			}
		})
	}
}

func TestFormOrderAndNil(t *testing.T) {
	assert.Nil(t, Form(nil, nil))

	f := cleanForm()
	f.Total.Score = dp("95")                 // total, line 30
	byLine(f, 23).Score = dp("4.08")         // reverse, line 23
	f.Funds.Total.ExecutionRate = dp("80.5") // rate, line 10
	f.Goals.Achieved = "资金执行率达到98.6%"        // narrative, line 15
	fs := Form(f, nil)
	assert.Equal(t, []string{CodeRateMismatch, CodeNarrativeRate, CodeReverseAsPositive, CodeTotalSum}, codes(fs))
	assert.Equal(t, fs, Form(f, nil), "same input, same findings")

	// A form with no position still places its findings at the form.
	g := cleanForm()
	g.At = model.At{Table: 2, Row: 1, Col: 1}
	g.Total.At = model.At{}
	g.Total.Score = dp("95")
	fs = Form(g, nil)
	require.Len(t, fs, 1)
	assert.Equal(t, model.At{Table: 2, Row: 1, Col: 1}, fs[0].At)
}

func TestFormSkipsMissingNumbers(t *testing.T) {
	f := &model.Form{
		Index: 1,
		Funds: &model.Funds{Total: &model.FundsRow{Label: "年度资金总额"}, Fiscal: &model.FundsRow{Label: "当年财政拨款"}},
		Goals: &model.Goals{Achieved: "资金执行率达到98.6%，项目资金已支付296.26万元"},
		Indicators: []model.Indicator{
			{Applicable: true, Target: tv("提高"), Actual: pv("90%", "", "90")},
			{Applicable: true, Target: nv("<=300万元", "<=", "300", "万元"), Actual: nv("296.26万元", "", "296.26", "万元"), Score: dp("4.93")},
			notApplicable(3, "效益指标", "生态效益指标"),
		},
		Total: &model.Total{Grade: "优"},
	}
	assert.Empty(t, Form(f, nil))
}

func TestDocument(t *testing.T) {
	bad := cleanForm()
	bad.Total.Score = dp("95")
	d := &model.Document{Forms: []model.Form{*cleanForm(), *bad}}
	Document(d, nil)
	require.NotNil(t, d.Forms[0].Findings)
	assert.Empty(t, d.Forms[0].Findings)
	assert.Equal(t, []string{CodeTotalSum}, codes(d.Forms[1].Findings))
	Document(nil, nil)
}

func TestReaches(t *testing.T) {
	info := model.Finding{Severity: model.SevInfo}
	warn := model.Finding{Severity: model.SevWarning}
	errf := model.Finding{Severity: model.SevError}
	tests := []struct {
		findings []model.Finding
		failOn   string
		want     bool
	}{
		{nil, model.SevInfo, false},
		{[]model.Finding{info}, model.SevInfo, true},
		{[]model.Finding{info}, model.SevWarning, false},
		{[]model.Finding{info, warn}, model.SevWarning, true},
		{[]model.Finding{warn}, model.SevError, false},
		{[]model.Finding{info, errf}, model.SevError, true},
		{[]model.Finding{errf}, "none", false},
		{[]model.Finding{errf}, "", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Reaches(tt.findings, tt.failOn), "%v at %q", tt.findings, tt.failOn)
	}
}

func TestRounding(t *testing.T) {
	tests := []struct {
		exact string
		found string
		note  string
		how   string
	}{
		{"4.937533", "4.94", "", "四舍五入"},
		{"4.937533", "4.93", "", "截尾"},
		{"4.937533", "4.9", "（相当于四舍五入保留1位小数）", ""},
		{"4.96", "4.9", "（相当于截尾保留1位小数）", ""},
		{"4.937533", "5", "（相当于四舍五入取整）", ""},
		{"8.6", "8", "（相当于截尾取整）", ""},
		{"4.937533", "4.8", "", ""},
	}
	for _, tt := range tests {
		x := decRatio(model.MustDecimal(tt.exact))
		f := model.MustDecimal(tt.found)
		assert.Equal(t, tt.note, noteFor(f, decRatio(f), x), "%s from %s", tt.found, tt.exact)
		assert.Equal(t, tt.how, howFor(decRatio(f), x), "%s from %s", tt.found, tt.exact)
	}
	assert.Equal(t, "-1.23", model.FromRat(trunc(model.MustDecimal("-1.239").Rat(), 2), 2).String())
}

func TestWeightsTotalNotes(t *testing.T) {
	f := cleanForm()
	f.Funds.Total.Score = nil
	ind := byLine(f, 20)
	ind.Weight, ind.Score = dp("30"), dp("30")
	f.Total.Score = dp("98")
	fs := Form(f, nil)
	require.Len(t, fs, 2)
	assert.Equal(t, CodeWeightsTotal, fs[1].Code)
	assert.Equal(t, "分值合计为110（预算执行率10+各指标100），总分一行的分值为100；各指标分值已合计100，未给预算执行率留出分值；另有1行不适用（/），不计分值，其余分值应按比例调整至合计100", fs[1].Message)
}
