package check

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
)

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "check.json")
	require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	return p
}

func TestDefaultConfig(t *testing.T) {
	c := DefaultConfig()
	assert.Equal(t, model.MustDecimal("10"), c.Weights.Execution)
	assert.Equal(t, model.MustDecimal("100"), c.Weights.Total)
	assert.Equal(t, map[string]model.Decimal{"产出指标": "50", "效益指标": "30", "满意度指标": "10"}, c.Weights.Levels)
	assert.Equal(t, model.MustDecimal("0.01"), c.Tolerance.Rate)
	assert.Equal(t, model.MustDecimal("80"), c.Qualitative.Achieved)
	assert.Equal(t, model.MustDecimal("60"), c.Qualitative.Partial)
	require.Len(t, c.Grades, 4)
	assert.Equal(t, "优", c.Grades[0].Name)
	assert.Equal(t, model.MustDecimal("90"), c.Grades[0].Min)
	assert.NoError(t, c.validate())
	for code := range severities {
		assert.True(t, c.enabled(code), code)
	}
}

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, c *Config)
	}{
		{
			name:  "empty object keeps the defaults",
			body:  `{}`,
			check: func(t *testing.T, c *Config) { assert.Equal(t, DefaultConfig(), c) },
		},
		{
			name: "overrides merge with the defaults",
			body: `{"tolerance": {"rate": 0.05}, "weights": {"execution": 20, "levels": {"产出指标": 40}},
				"rules": {"narrative": false, "rounding.truncated": false}}`,
			check: func(t *testing.T, c *Config) {
				assert.Equal(t, model.MustDecimal("0.05"), c.Tolerance.Rate)
				assert.Equal(t, model.MustDecimal("0.01"), c.Tolerance.Indicator, "unset tolerance keeps its default")
				assert.Equal(t, model.MustDecimal("20"), c.Weights.Execution)
				assert.Equal(t, model.MustDecimal("100"), c.Weights.Total)
				assert.Equal(t, map[string]model.Decimal{"产出指标": "40", "效益指标": "30", "满意度指标": "10"}, c.Weights.Levels)
				assert.False(t, c.enabled(CodeNarrativeRate))
				assert.False(t, c.enabled(CodeTruncated))
				assert.True(t, c.enabled(CodeRateMismatch))
			},
		},
		{
			name: "lists replace the defaults",
			body: `{"grades": [{"name": "合格", "min": 60}, {"name": "不合格", "min": 0}],
				"qualitative": {"partial": 50, "achieved_words": ["达成"]}}`,
			check: func(t *testing.T, c *Config) {
				assert.Equal(t, []Grade{{Name: "合格", Min: "60"}, {Name: "不合格", Min: "0"}}, c.Grades)
				assert.Equal(t, model.MustDecimal("50"), c.Qualitative.Partial)
				assert.Equal(t, []string{"达成"}, c.Qualitative.AchievedWords)
				assert.Equal(t, DefaultConfig().Qualitative.FailedWords, c.Qualitative.FailedWords)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(writeConfig(t, tt.body))
			require.NoError(t, err)
			tt.check(t, c)
		})
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"unknown top-level key", `{"tolerances": {}}`, `unknown key "tolerances"`},
		{"unknown nested key", `{"tolerance": {"rat": 0.1}}`, `unknown key "rat"`},
		{"unknown rule", `{"rules": {"funds.rate": false}}`, `unknown rule "funds.rate"`},
		{"negative tolerance", `{"tolerance": {"sources": -0.1}}`, "tolerance.sources is negative"},
		{"bands in the wrong order", `{"qualitative": {"partial": 90}}`, "qualitative.partial is above qualitative.achieved"},
		{"not a number", `{"weights": {"total": "abc"}}`, "not a decimal"},
		{"trailing data", `{} {}`, "data after the configuration object"},
		{"grade without a name", `{"grades": [{"min": 10}]}`, "a grade has no name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeConfig(t, tt.body)
			_, err := LoadConfig(p)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), p)
		})
	}
	_, err := LoadConfig(filepath.Join(t.TempDir(), "missing.json"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestKnownRule(t *testing.T) {
	for name, want := range map[string]bool{
		"funds":               true,
		"funds.rate_mismatch": true,
		"narrative":           true,
		"fund":                false,
		"funds.":              false,
		"funds.rate":          false,
		"":                    false,
	} {
		assert.Equal(t, want, knownRule(name), name)
	}
}
