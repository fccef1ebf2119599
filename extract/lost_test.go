package extract_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/extract/text"
	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/normalize"
)

// labelWords are the printed labels of the forms: a cell holding one of
// them is structure, not data, and need not reappear in the output. The
// list is the test's own, independent of the recogniser's tables.
var labelWords = strings.Fields(`
项目支出绩效自评表 项目名称 主管部门 实施单位 项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度总体目标 预期目标 实际完成情况 一级指标 二级指标 三级指标 年度指标值 实际完成值 偏差原因分析及改进措施
年度绩效指标完成情况 总分 合计 指标性质 指标值 度量单位 计量单位 符号 值 单位 权重 自评分 指标名称
年初目标值 全年实际值 全年完成值 年初指标值 调整指标值 得分系数 指标权重 指标得分 是否核心指标 预算执行率
年初设定目标 年度总体目标完成情况综述 全年实际完成情况 预算数 执行数 调整后预算数 预算执行数 原因
未完成原因分析 实施单位盖章 项目实施单位 评价标准 复核分 权重占比 折算得分
年初预算 资金情况 部门整体支出 部门名称 地方主管部门 资金使用单位 总体目标 项目年度目标 年度目标完成情况
年初绩效目标 全年绩效目标 全年目标实际完成情况 预期指标值 年终完成值 未完成原因及拟采取的改进措施
年度 实际 完成值 实际完成值 年初 全年 (元) (万元) 目标值 参考分值 全年实际完成值 是 否
`)

var yearCell = regexp.MustCompile(`^\(?\s*(\d{4})\s*年度?\s*\)?$`)

var numberCell = regexp.MustCompile(`^[-+]?\d[\d,]*(\.\d+)?\s*(分|%|％)?$`)

// assertNothingLost checks that every non-empty cell of rows appears in
// doc: as a string in some field or problem, as a number, or as one of the
// forms' printed labels.
func assertNothingLost(t *testing.T, rows []table.Row, doc *model.Document) {
	t.Helper()
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	var v any
	require.NoError(t, json.Unmarshal(b, &v))
	strs := map[string]bool{}
	nums := map[string]bool{}
	var all strings.Builder
	walk(v, func(s string) { strs[s] = true; all.WriteString(s); all.WriteByte(0) },
		func(n json.Number) { d, _ := model.ParseDecimal(string(n)); nums[string(d)] = true })
	labels := map[string]bool{}
	for _, w := range labelWords {
		labels[w] = true
	}
	lost := 0
	for _, r := range rows {
		for _, c := range r.Cells {
			s := normalize.Text(c.Text)
			if s == "" || strs[s] || strings.Contains(all.String(), s) {
				continue
			}
			if d, ok := normalize.Number(s); ok && (d == nil || nums[string(*d)]) {
				continue
			}
			if numberCell.MatchString(s) {
				d, _ := model.ParseDecimal(strings.TrimRight(s, "分%％ "))
				if nums[string(d)] {
					continue
				}
			}
			if m := yearCell.FindStringSubmatch(normalize.Fold(s)); m != nil && nums[m[1]] {
				continue // the year line is Form.Year
			}
			k := normalize.Label(s)
			if i := strings.IndexAny(k, "(（"); i > 0 {
				k = k[:i]
			}
			if labels[k] || labels[strings.TrimRight(k, "0123456789")] {
				continue
			}
			lost++
			t.Errorf("cell %q at %+v is not in the output", s, c.At)
		}
	}
	assert.Zero(t, lost)
}

func walk(v any, str func(string), num func(json.Number)) {
	switch x := v.(type) {
	case string:
		str(x)
	case float64:
		num(json.Number(strings.TrimRight(strings.TrimRight(jsonNum(x), "0"), ".")))
	case map[string]any:
		for _, e := range x {
			walk(e, str, num)
		}
	case []any:
		for _, e := range x {
			walk(e, str, num)
		}
	}
}

func jsonNum(f float64) string {
	b, _ := json.Marshal(f)
	s := string(b)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// TestNothingLost: on the sample, every non-empty input cell appears in
// the output.
func TestNothingLost(t *testing.T) {
	raw := readSample(t, sample)
	res, err := text.Parse(string(raw), "")
	require.NoError(t, err)
	cells := 0
	for _, r := range res.Rows {
		for _, c := range r.Cells {
			if strings.TrimSpace(c.Text) != "" {
				cells++
			}
		}
	}
	assert.Greater(t, cells, 2000, "the sample has thousands of non-empty cells")
	assertNothingLost(t, res.Rows, extractSample(t, sample))
}

// TestNothingLostCatchesLoss proves the check can fail: a row the output
// does not hold is found.
func TestNothingLostCatchesLoss(t *testing.T) {
	doc := extractSample(t, sample)
	rows := []table.Row{{Cells: []table.Cell{{Text: "这一格不在输出中", At: model.At{Line: 9999}}}}}
	ft := &testing.T{}
	assertNothingLost(ft, rows, doc)
	assert.True(t, ft.Failed())
}
