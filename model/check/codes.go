package check

import "github.com/jixiao/jixiao/model"

// Finding codes. The group before the dot can switch a whole group off in
// Config.Rules. The severity given is the usual one; a few findings are
// milder when rounding explains them, as their comments say.
const (
	// CodeRateMismatch: 执行率 is not 全年执行数/全年预算数 (error; a
	// warning when rounding to fewer decimals explains it).
	CodeRateMismatch = "funds.rate_mismatch"
	// CodeExecutionScore: 执行率得分 is not w × min(执行率, 100%) (warning).
	CodeExecutionScore = "funds.score_mismatch"
	// CodeSources: the sources do not add up to 年度资金总额 in a column
	// (error).
	CodeSources = "funds.sources_mismatch"
	// CodeTotalRowZero: 年度资金总额 is all zero while the 其中 row is
	// filled, which the checks use instead (info).
	CodeTotalRowZero = "funds.total_zero"
	// CodeGrandTotalInFunds: the funds row holds the form's grand total in
	// place of the execution score (warning).
	CodeGrandTotalInFunds = "funds.total_in_funds_row"
	// CodeOverWeight: a score above its weight (error).
	CodeOverWeight = "score.over_weight"
	// CodeNegative: a negative score (error).
	CodeNegative = "score.negative"
	// CodeTruncated: a score or rate truncated to two decimals where
	// rounding half up gives another figure (info).
	CodeTruncated = "rounding.truncated"
	// CodeLevelWeight: a level's weight written in its heading is not the
	// sum of its rows' weights (error).
	CodeLevelWeight = "weights.level_mismatch"
	// CodeWeightsTotal: the weights do not add up to the total's weight
	// (error; a warning where the form prints no total weight and the
	// configured total is used).
	CodeWeightsTotal = "weights.total_mismatch"
	// CodeWeightsDefault: the execution or a level weight departs from the
	// usual one (info).
	CodeWeightsDefault = "weights.not_default"
	// CodeTotalExcludesExecution: 总分 is the sum of the indicator scores
	// without the execution score (warning).
	CodeTotalExcludesExecution = "total.excludes_execution"
	// CodeTotalSum: 总分 is not the sum of the scores (error).
	CodeTotalSum = "total.sum_mismatch"
	// CodeGrade: the printed grade is not the band of the total (warning).
	CodeGrade = "total.grade_mismatch"
	// CodeIndicatorScore: a quantitative indicator's score does not follow
	// its formula (warning).
	CodeIndicatorScore = "indicator.score_mismatch"
	// CodeReverseAsPositive: a ≤ indicator scored with the ≥ formula
	// w × min(1, B/A) (warning).
	CodeReverseAsPositive = "indicator.reverse_scored_as_positive"
	// CodeScoreAsPercent: a score computed as w × B% instead of
	// w × B/A (warning).
	CodeScoreAsPercent = "indicator.score_as_percent"
	// CodeMetBelowWeight: a met target scored below its weight (warning).
	CodeMetBelowWeight = "indicator.met_below_weight"
	// CodeUnmetFullScore: an unmet target at full score (warning).
	CodeUnmetFullScore = "indicator.unmet_full_score"
	// CodeQualitativeBand: a qualitative indicator's score is outside the
	// band its actual value puts it in (warning).
	CodeQualitativeBand = "indicator.qualitative_band"
	// CodeNarrativeRate: the 执行率 restated in the goals text differs
	// from the funds table (warning).
	CodeNarrativeRate = "narrative.rate_mismatch"
	// CodeNarrativeAmount: an amount paid restated in the goals text
	// matches no 全年执行数 of the funds table (warning).
	CodeNarrativeAmount = "narrative.amount_mismatch"
)

// severities gives each code its usual severity.
var severities = map[string]string{
	CodeRateMismatch:           model.SevError,
	CodeExecutionScore:         model.SevWarning,
	CodeSources:                model.SevError,
	CodeTotalRowZero:           model.SevInfo,
	CodeGrandTotalInFunds:      model.SevWarning,
	CodeOverWeight:             model.SevError,
	CodeNegative:               model.SevError,
	CodeTruncated:              model.SevInfo,
	CodeLevelWeight:            model.SevError,
	CodeWeightsTotal:           model.SevError,
	CodeWeightsDefault:         model.SevInfo,
	CodeTotalExcludesExecution: model.SevWarning,
	CodeTotalSum:               model.SevError,
	CodeGrade:                  model.SevWarning,
	CodeIndicatorScore:         model.SevWarning,
	CodeReverseAsPositive:      model.SevWarning,
	CodeScoreAsPercent:         model.SevWarning,
	CodeMetBelowWeight:         model.SevWarning,
	CodeUnmetFullScore:         model.SevWarning,
	CodeQualitativeBand:        model.SevWarning,
	CodeNarrativeRate:          model.SevWarning,
	CodeNarrativeAmount:        model.SevWarning,
}

// knownRule reports whether name is a code or the group of one.
func knownRule(name string) bool {
	for code := range severities {
		if code == name || len(code) > len(name) && code[:len(name)] == name && code[len(name)] == '.' {
			return true
		}
	}
	return false
}
