package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"

	"github.com/jixiao/jixiao/model"
)

// Config holds the rules' switches and parameters. Start from DefaultConfig
// or LoadConfig; a Config built by hand must fill every field.
type Config struct {
	// Rules turns rules on or off, by code ("funds.rate_mismatch") or by
	// the group before the code's dot ("narrative"). A code's own entry
	// wins over its group's; a rule named nowhere is on.
	Rules map[string]bool `json:"rules"`
	// Tolerance says how far a printed figure may be from the computed one.
	Tolerance Tolerance `json:"tolerance"`
	// Weights are the expected weights of SCORING.md rule 8.
	Weights Weights `json:"weights"`
	// Qualitative sets the bands of SCORING.md rule 6.
	Qualitative Qualitative `json:"qualitative"`
	// Grades are the bands of SCORING.md rule 11, in any order.
	Grades []Grade `json:"grades"`
}

// Tolerance holds one tolerance per rule, each in the unit of the figures
// it compares. A printed figure passes when it is within the tolerance of
// the exact computed value, so with 0.01 both rounding half up and
// truncating to two decimals pass.
type Tolerance struct {
	// Rate is for 执行率, in percentage points.
	Rate model.Decimal `json:"rate"`
	// ExecutionScore is for 执行率得分, in points.
	ExecutionScore model.Decimal `json:"execution_score"`
	// Sources is for the sum of the funds sources, in the funds unit.
	Sources model.Decimal `json:"sources"`
	// Weights is for sums of weights, in points.
	Weights model.Decimal `json:"weights"`
	// Total is for the sum of the scores against 总分, in points.
	Total model.Decimal `json:"total"`
	// Indicator is for an indicator's score against its formula, in points.
	Indicator model.Decimal `json:"indicator"`
	// Formula is the wider slack used only to name the wrong formula a
	// form applied (forms round the ratio before multiplying), in points.
	Formula model.Decimal `json:"formula"`
	// Narrative is for figures restated in the goals text, beyond the
	// rounding to the precision the text writes them with.
	Narrative model.Decimal `json:"narrative"`
}

// Weights are the weights a form is expected to use.
type Weights struct {
	// Execution is the weight of 预算执行率, used where the funds row
	// has a score but no weight.
	Execution model.Decimal `json:"execution"`
	// Total is the weight of the whole form, used where 总分 has none.
	Total model.Decimal `json:"total"`
	// Levels are the usual weights of the 一级指标, by name. A form that
	// departs from them gets a note, never a warning.
	Levels map[string]model.Decimal `json:"levels"`
}

// Qualitative sets the bands of a qualitative indicator: the share of its
// weight a score must reach, in percent, and the words of an actual value
// that put it in a band. A word of two or more characters matches anywhere
// in the actual, a single character only the whole actual; failed words
// are tried first, then partial, then achieved.
type Qualitative struct {
	// Achieved is the lowest share for 达成 (80).
	Achieved model.Decimal `json:"achieved"`
	// Partial is the lowest share for 部分达成 (60); below it is 未达成.
	Partial model.Decimal `json:"partial"`
	// AchievedWords put an actual in the top band.
	AchievedWords []string `json:"achieved_words"`
	// PartialWords put an actual in the middle band.
	PartialWords []string `json:"partial_words"`
	// FailedWords put an actual in the bottom band.
	FailedWords []string `json:"failed_words"`
}

// Grade is one grade band: a total of at least Min earns Name. Aliases
// are other ways forms write the same grade.
type Grade struct {
	Name    string        `json:"name"`
	Min     model.Decimal `json:"min"`
	Aliases []string      `json:"aliases,omitempty"`
}

// DefaultConfig returns the rules of SCORING.md with all checks on:
// tolerances of 0.01 (0.05 to name a formula, 0 beyond rounding for the
// goals text), weights 10 for 预算执行率, 50/30/10 for 产出/效益/满意度
// and 100 in all, qualitative bands at 80% and 60%, grades 优 ≥ 90,
// 良 ≥ 80, 中 ≥ 60, 差 below.
func DefaultConfig() *Config {
	cent := model.MustDecimal("0.01")
	return &Config{
		Rules: map[string]bool{},
		Tolerance: Tolerance{
			Rate:           cent,
			ExecutionScore: cent,
			Sources:        cent,
			Weights:        cent,
			Total:          cent,
			Indicator:      cent,
			Formula:        model.MustDecimal("0.05"),
			Narrative:      model.MustDecimal("0"),
		},
		Weights: Weights{
			Execution: model.MustDecimal("10"),
			Total:     model.MustDecimal("100"),
			Levels: map[string]model.Decimal{
				"产出指标":  model.MustDecimal("50"),
				"效益指标":  model.MustDecimal("30"),
				"满意度指标": model.MustDecimal("10"),
			},
		},
		Qualitative: Qualitative{
			Achieved:      model.MustDecimal("80"),
			Partial:       model.MustDecimal("60"),
			AchievedWords: []string{"达成预期", "达成", "已完成", "完成", "达到", "实现", "是"},
			PartialWords:  []string{"部分达成", "基本达成", "部分完成", "基本完成", "部分实现", "基本实现", "部分达到", "基本达到"},
			FailedWords:   []string{"未达成", "未完成", "未达到", "未实现", "没有完成", "否"},
		},
		Grades: []Grade{
			{Name: "优", Min: model.MustDecimal("90"), Aliases: []string{"优秀"}},
			{Name: "良", Min: model.MustDecimal("80"), Aliases: []string{"良好"}},
			{Name: "中", Min: model.MustDecimal("60"), Aliases: []string{"中等", "合格", "一般"}},
			{Name: "差", Min: model.MustDecimal("0"), Aliases: []string{"较差", "不合格"}},
		},
	}
}

// LoadConfig reads a JSON configuration file over DefaultConfig: keys the
// file leaves out keep their defaults, maps (rules, weights.levels) are
// merged entry by entry, lists replace the default list. An unknown key,
// or a rule name that is neither a code nor a group, is an error naming it.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	c, err := parseConfig(data)
	if err != nil {
		return nil, fmt.Errorf("check: %s: %w", path, err)
	}
	return c, nil
}

func parseConfig(data []byte) (*Config, error) {
	c := DefaultConfig()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		if msg, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return nil, fmt.Errorf("unknown key %s", msg)
		}
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("data after the configuration object")
	}
	// Decoding into the default lists reuses their elements, which would
	// blend a default grade's aliases into a new grade: decode the lists
	// the file gives afresh.
	var lists struct {
		Qualitative struct {
			AchievedWords *[]string `json:"achieved_words"`
			PartialWords  *[]string `json:"partial_words"`
			FailedWords   *[]string `json:"failed_words"`
		} `json:"qualitative"`
		Grades *[]Grade `json:"grades"`
	}
	if err := json.Unmarshal(data, &lists); err != nil {
		return nil, err
	}
	for _, l := range []struct {
		src *[]string
		dst *[]string
	}{
		{lists.Qualitative.AchievedWords, &c.Qualitative.AchievedWords},
		{lists.Qualitative.PartialWords, &c.Qualitative.PartialWords},
		{lists.Qualitative.FailedWords, &c.Qualitative.FailedWords},
	} {
		if l.src != nil {
			*l.dst = *l.src
		}
	}
	if lists.Grades != nil {
		c.Grades = *lists.Grades
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// validate reports the first setting that makes no sense.
func (c *Config) validate() error {
	for name := range c.Rules {
		if !knownRule(name) {
			return fmt.Errorf("unknown rule %q", name)
		}
	}
	tols := []struct {
		key string
		d   model.Decimal
	}{
		{"rate", c.Tolerance.Rate},
		{"execution_score", c.Tolerance.ExecutionScore},
		{"sources", c.Tolerance.Sources},
		{"weights", c.Tolerance.Weights},
		{"total", c.Tolerance.Total},
		{"indicator", c.Tolerance.Indicator},
		{"formula", c.Tolerance.Formula},
		{"narrative", c.Tolerance.Narrative},
	}
	for _, t := range tols {
		if t.d.Rat().Sign() < 0 {
			return fmt.Errorf("tolerance.%s is negative", t.key)
		}
	}
	if c.Qualitative.Partial.Cmp(c.Qualitative.Achieved) > 0 {
		return errors.New("qualitative.partial is above qualitative.achieved")
	}
	for _, g := range c.Grades {
		if g.Name == "" {
			return errors.New("a grade has no name")
		}
	}
	return nil
}

// enabled reports whether the rule code is on.
func (c *Config) enabled(code string) bool {
	if len(c.Rules) == 0 {
		return true
	}
	if on, ok := c.Rules[code]; ok {
		return on
	}
	if group, _, ok := strings.Cut(code, "."); ok {
		if on, ok := c.Rules[group]; ok {
			return on
		}
	}
	return true
}

// params holds the numbers of a Config as ratios, read once per form
// rather than once per comparison.
type params struct {
	// Tolerances, as in Tolerance.
	rate, executionScore, sources, weights, total, indicator, formula, narrative ratio
	// execution and totalWeight are Weights.Execution and Weights.Total.
	execution, totalWeight ratio
	// achieved and partial are the Qualitative shares.
	achieved, partial ratio
	// indicatorExact is set when the indicator tolerance is not
	// negative, so that a score equal to its formula's value is within
	// it.
	indicatorExact bool
}

// params reads the numbers of c, or returns those last read when c
// holds the same decimals. The caller must not modify them.
func (c *Config) params() *params {
	if last := lastParams.Load(); last != nil && last.of(c) {
		return &last.p
	}
	t := &c.Tolerance
	from := [...]model.Decimal{
		t.Rate, t.ExecutionScore, t.Sources, t.Weights, t.Total, t.Indicator, t.Formula, t.Narrative,
		c.Weights.Execution, c.Weights.Total, c.Qualitative.Achieved, c.Qualitative.Partial,
	}
	var r [len(from)]ratio
	for i, d := range from {
		r[i] = decRatio(d)
	}
	p := params{
		rate:           r[0],
		executionScore: r[1],
		sources:        r[2],
		weights:        r[3],
		total:          r[4],
		indicator:      r[5],
		formula:        r[6],
		narrative:      r[7],
		execution:      r[8],
		totalWeight:    r[9],
		achieved:       r[10],
		partial:        r[11],
		indicatorExact: r[5].sign() >= 0,
	}
	last := &readParams{from: from, p: p}
	lastParams.Store(last)
	return &last.p
}

// lastParams holds the params last read, so that Form, called form after
// form with one Config, reads its numbers once.
var lastParams atomic.Pointer[readParams]

// readParams are params and the decimals they were read from, in the
// order of Config.params.
type readParams struct {
	from [12]model.Decimal
	p    params
}

// of reports whether r was read from decimals that c holds too.
func (r *readParams) of(c *Config) bool {
	t, f := &c.Tolerance, &r.from
	return f[0] == t.Rate && f[1] == t.ExecutionScore && f[2] == t.Sources && f[3] == t.Weights &&
		f[4] == t.Total && f[5] == t.Indicator && f[6] == t.Formula && f[7] == t.Narrative &&
		f[8] == c.Weights.Execution && f[9] == c.Weights.Total &&
		f[10] == c.Qualitative.Achieved && f[11] == c.Qualitative.Partial
}
