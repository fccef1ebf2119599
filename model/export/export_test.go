package export

import (
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
)

func dec(s string) *model.Decimal { return model.Dec(s) }

func ptr[T any](v T) *T { return &v }

// testDocs returns three documents that exercise every table: a docx with
// two forms (one of them a department form without funds or total), a
// member of an archive with extreme decimals, and a file that failed.
func testDocs() []*model.Document {
	docx := &model.Document{
		Schema: model.SchemaVersion,
		Source: model.Source{Path: "samples/昌吉,2021.docx", Format: model.FormatDocx, SHA256: "aa11"},
		Status: model.StatusOK,
		Forms: []model.Form{
			{
				Index: 1, At: model.At{Table: 1, Row: 1, Col: 1}, Kind: model.KindProject,
				Title: "项目支出绩效自评表", Year: ptr(2021),
				ProjectName:         "“金保工程”系统维护费, 二期",
				CompetentDepartment: "昌吉回族自治州社会保险管理局本级",
				ImplementingUnit:    `单位 "甲", 乙`,
				HeaderExtra:         []model.Field{{Label: "项目负责人及电话", Value: "张三 0994-1234567"}},
				Funds: &model.Funds{
					Unit: "万元",
					Total: &model.FundsRow{Label: "年度资金总额", At: model.At{Table: 1, Row: 5, Col: 1},
						InitialBudget: dec("95"), AnnualBudget: dec("95"), Executed: dec("25.95"),
						Weight: dec("10"), ExecutionRate: dec("27.32"), Score: dec("2.73")},
					Fiscal: &model.FundsRow{Label: "其中：当年财政拨款", At: model.At{Table: 1, Row: 6, Col: 1},
						InitialBudget: dec("95"), AnnualBudget: dec("95"), Executed: dec("25.95")},
					Other: &model.FundsRow{Label: "其他资金", At: model.At{Table: 1, Row: 8, Col: 1},
						InitialBudget: dec("0"), AnnualBudget: dec("0"), Executed: dec("0")},
					ExtraRows: []model.FundsRow{{Label: `自筹,"配套"`, At: model.At{Table: 1, Row: 9, Col: 1},
						Executed: dec("134.888"), Note: "第一行\n第二行"}},
				},
				Goals: &model.Goals{Planned: "保障系统运行。\n按时支付维护费。", Achieved: "已完成，部分支付。"},
				Indicators: []model.Indicator{
					{
						At: model.At{Table: 1, Row: 12, Col: 3}, Level1: "产出指标", Level2: "成本指标",
						Name:            ptr("金保工程运行成本（万元/年）"),
						Target:          model.Value{Raw: "<=30（万元/年）", Kind: model.ValueNumber, Op: model.OpLE, Value: dec("30"), Unit: "万元/年"},
						Actual:          model.Value{Raw: "25.95", Kind: model.ValueNumber, Value: dec("25.95"), Unit: "万元/年", UnitFrom: "name"},
						Weight:          dec("2.5"),
						Score:           dec("0.68"),
						DeviationReason: "与2021年追加的项目有冲突，只支付了部分维护费",
						Applicable:      true, Met: ptr(true), Core: true,
					},
					{
						At: model.At{Table: 1, Row: 13, Col: 3}, Level1: "效益指标", Level1Weight: dec("30"), Level2: "社会效益指标",
						Name:            ptr("服务期限"),
						Target:          model.Value{Raw: "长期", Kind: model.ValueText, Text: "长期"},
						Actual:          model.Value{Raw: "长期", Kind: model.ValueText, Text: "长期"},
						Weight:          dec("10"),
						Score:           dec("10"),
						DeviationReason: "说明：\"甲\",\"乙\"\n第二行",
						Applicable:      true,
						Extra:           []model.Field{{Label: "复核分", Value: "10"}},
					},
					{
						At: model.At{Table: 1, Row: 14, Col: 3}, Level1: "满意度指标", Level2: "服务对象满意度指标",
						Target: model.Value{Raw: "/", Kind: model.ValueNone},
						Actual: model.Value{Raw: "/", Kind: model.ValueNone},
					},
					{
						At: model.At{Table: 1, Row: 15, Col: 3}, Level1: "产出指标", Level2: "质量指标",
						Name:   ptr("系统正常运行率"),
						Target: model.Value{Raw: "90%-100%", Kind: model.ValuePercent, Op: model.OpRange, Min: dec("90"), Max: dec("100"), Unit: "%"},
						Actual: model.Value{Raw: "134.888%", Kind: model.ValuePercent, Value: dec("134.888"), Unit: "%"},
						Weight: dec("5"), Score: dec("4.5"), Applicable: true, Met: ptr(false),
					},
				},
				Total: &model.Total{Weight: dec("100"), Score: dec("87.91"), Grade: "良"},
				Findings: []model.Finding{{
					Code: "funds.rate_mismatch", Severity: model.SevWarning,
					Message: "执行率写作98.60%，按全年执行数/全年预算数应为98.75%",
					At:      model.At{Table: 1, Row: 5, Col: 6}, Expected: dec("98.75"), Found: dec("98.6"),
				}},
			},
			{
				Index: 2, At: model.At{Table: 2, Row: 1, Col: 1}, Kind: model.KindDepartment,
				Title: "部门整体支出绩效自评表",
				Findings: []model.Finding{{
					Code: "total.missing", Severity: model.SevError, Message: "缺少总分",
					At: model.At{Table: 2, Row: 20, Col: 1},
				}},
			},
		},
		Problems: []model.Problem{
			{Severity: model.SevInfo, Code: "row.unplaced", Message: "无法归入的行", At: model.At{Table: 1, Row: 30},
				Cells: []string{"a,b", `c"d`, "e\nf"}},
			{Severity: model.SevWarning, Code: "indicator.placeholder", Message: "占位行", At: model.At{Table: 2, Row: 9}, Form: 2},
		},
	}
	archived := &model.Document{
		Schema: model.SchemaVersion,
		Source: model.Source{Path: "batch.zip", Entry: "2022/a.txt", Format: model.FormatTextCells,
			Encoding: model.EncGB18030, SHA256: "bb22"},
		Status: model.StatusPartial,
		Forms: []model.Form{{
			Index: 1, At: model.At{Line: 3}, Kind: model.KindProject, Title: "项目支出绩效自评表", Year: ptr(2022),
			ProjectName: "大额项目",
			Funds: &model.Funds{Unit: "元", Total: &model.FundsRow{Label: "年度资金总额", At: model.At{Line: 9},
				InitialBudget: dec("999999999999.999999"), AnnualBudget: dec("123456789012.123456"),
				Executed: dec("0.000001"), ExecutionRate: dec("-1.5"), Score: dec("0.68")}},
			Indicators: []model.Indicator{{
				At: model.At{Line: 20}, Level1: "产出指标", Level2: "数量指标", Name: ptr("培训人数"),
				Target: model.Value{Raw: "≥5.8万人", Kind: model.ValueNumber, Op: model.OpGE, Value: dec("5.8"), Unit: "万人",
					Base: &model.Base{Value: "58000", Unit: "人"}},
				Actual: model.Value{Raw: "6万人", Kind: model.ValueNumber, Value: dec("6"), Unit: "万人"},
				Weight: dec("20"), Score: dec("20"), Applicable: true, Met: ptr(true),
			}},
			Total: &model.Total{Weight: dec("100"), Score: dec("-0.5")},
		}},
		Problems: []model.Problem{{Severity: model.SevWarning, Code: "text.leftover", Message: "多余的行", At: model.At{Line: 40},
			Cells: []string{"填表人：李四"}}},
	}
	failed := &model.Document{
		Schema:   model.SchemaVersion,
		Source:   model.Source{Path: "broken.html", Format: model.FormatHTML, SHA256: "cc33"},
		Status:   model.StatusFailed,
		Forms:    []model.Form{},
		Problems: []model.Problem{{Severity: model.SevError, Code: "read.error", Message: "无法读取文件：unexpected EOF"}},
	}
	return []*model.Document{docx, archived, failed}
}

// writeAll writes docs to a new export of format at path.
func writeAll(t testing.TB, format, path string, opt Options, docs []*model.Document) {
	t.Helper()
	w, err := New(format, path, opt)
	require.NoError(t, err)
	for _, d := range docs {
		require.NoError(t, w.Write(d))
	}
	require.NoError(t, w.Close())
}

// columnNames returns the column names of table t.
func columnNames(t int) []string {
	names := make([]string, len(tables[t].columns))
	for i, c := range tables[t].columns {
		names[i] = c.name
	}
	return names
}

// summary is what the verification scripts print for an export: for each
// table its number of rows and, for each column, the number of non-null
// values and the exact sum of the numbers, the count of true values or
// the total UTF-8 bytes of the text.
type summary map[string]tableSummary

type tableSummary struct {
	Rows    int                      `json:"rows"`
	Columns map[string]columnSummary `json:"columns"`
}

type columnSummary struct {
	NonNull int    `json:"non_null"`
	Sum     string `json:"sum,omitempty"`
	True    int    `json:"true,omitempty"`
	Bytes   int    `json:"bytes,omitempty"`
	// Types lists the Python types of the cells, from verify_xlsx.py.
	Types []string `json:"types,omitempty"`
}

// summarize computes the summary of docs from the rows the writers write.
func summarize(docs []*model.Document) summary {
	s := summary{}
	sums := map[string]map[string]*big.Rat{}
	var b batch
	for t, tb := range tables {
		ts := tableSummary{Columns: map[string]columnSummary{}}
		sums[tb.name] = map[string]*big.Rat{}
		for _, c := range tb.columns {
			switch c.kind {
			case kindInt, kindOptInt, kindDecimal:
				sums[tb.name][c.name] = new(big.Rat)
			}
			ts.Columns[c.name] = columnSummary{}
		}
		s[tables[t].name] = ts
	}
	for _, d := range docs {
		b.fill(d)
		for t, tb := range tables {
			ts := s[tb.name]
			ts.Rows += b.len(t)
			for i := range b.len(t) {
				for j, c := range b.row(t, i) {
					col := tb.columns[j]
					cs := ts.Columns[col.name]
					if c.null {
						continue
					}
					cs.NonNull++
					switch col.kind {
					case kindKey, kindText:
						cs.Bytes += len(c.text)
					case kindBool, kindOptBool:
						if c.flag {
							cs.True++
						}
					case kindInt, kindOptInt:
						r := sums[tb.name][col.name]
						r.Add(r, new(big.Rat).SetInt64(c.num))
					case kindDecimal:
						r := sums[tb.name][col.name]
						r.Add(r, model.Decimal(c.text).Rat())
					}
					ts.Columns[col.name] = cs
				}
			}
			s[tb.name] = ts
		}
	}
	for name, cols := range sums {
		for col, r := range cols {
			cs := s[name].Columns[col]
			cs.Sum = string(model.FromRat(r, decimalScale))
			s[name].Columns[col] = cs
		}
	}
	return s
}

func TestNew(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		format string
		path   string
		files  []string
	}{
		{"parquet", filepath.Join(dir, "p"), []string{"documents.parquet", "forms.parquet", "funds.parquet", "indicators.parquet", "findings.parquet", "problems.parquet"}},
		{"csv", filepath.Join(dir, "c", "nested"), []string{"documents.csv", "forms.csv", "funds.csv", "indicators.csv", "findings.csv", "problems.csv"}},
		{"xlsx", filepath.Join(dir, "book.xlsx"), nil},
		{"ndjson", filepath.Join(dir, "forms.ndjson"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			writeAll(t, tt.format, tt.path, Options{}, nil)
			if tt.files == nil {
				_, err := os.Stat(tt.path)
				assert.NoError(t, err)
				return
			}
			entries, err := os.ReadDir(tt.path)
			require.NoError(t, err)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			assert.ElementsMatch(t, tt.files, names)
		})
	}
	_, err := New("json", dir, Options{})
	assert.EqualError(t, err, `export: unknown format "json" (want one of [parquet csv xlsx ndjson])`)
	assert.Equal(t, []string{"parquet", "csv", "xlsx", "ndjson"}, Formats())
}

func TestClosed(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			w, err := New(format, filepath.Join(t.TempDir(), "out."+format), Options{})
			require.NoError(t, err)
			require.NoError(t, w.Close())
			assert.ErrorIs(t, w.Write(testDocs()[0]), errClosed)
			assert.ErrorIs(t, w.Close(), errClosed)
		})
	}
}

func TestValueErrorMessage(t *testing.T) {
	tests := []struct {
		err  ValueError
		want string
	}{
		{ValueError{Format: "parquet", Source: "a.docx", Form: 2, Table: "funds", Column: "executed", Value: "1.1234567", Reason: "7 decimal places"},
			"export: parquet: a.docx form 2: funds.executed = 1.1234567: 7 decimal places"},
		{ValueError{Format: "xlsx", Source: "b.txt", Table: "problems", Column: "cells", Value: "x", Reason: "too long"},
			"export: xlsx: b.txt: problems.cells = x: too long"},
		{ValueError{Format: "xlsx", Source: "c.txt", Table: "indicators", Reason: "too many rows"},
			"export: xlsx: c.txt: indicators: too many rows"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.err.Error())
	}
}

// TestColumns pins the column lists, so that a change shows in review.
func TestColumns(t *testing.T) {
	want := map[int][]string{
		tDocuments: {"source_path", "source_file", "source_entry", "source_format", "source_encoding", "source_sha256", "status", "form_count", "problem_count"},
		tForms: {"source_path", "form_index", "kind", "title", "year", "project_name", "competent_department", "implementing_unit",
			"funds_unit", "funds_total_initial_budget", "funds_total_annual_budget", "funds_total_executed", "funds_total_weight",
			"funds_total_execution_rate", "funds_total_score", "total_weight", "total_score", "grade", "indicator_count",
			"finding_count", "status", "source_format", "source_sha256", "goals_planned", "goals_achieved", "goals_adjusted",
			"header_extra", "notes", "at_line", "at_table", "at_row", "at_col", "at_paragraph"},
		tFunds: {"source_path", "form_index", "row_key", "label", "initial_budget", "annual_budget", "executed", "weight",
			"execution_rate", "score", "unit", "note", "at_line", "at_table", "at_row", "at_col", "at_paragraph"},
		tIndicators: {"source_path", "form_index", "indicator_index", "level1", "level1_weight", "level2", "level2_weight", "name",
			"target_raw", "target_kind", "target_op", "target_value", "target_min", "target_max", "target_unit",
			"actual_raw", "actual_kind", "actual_op", "actual_value", "actual_min", "actual_max", "actual_unit",
			"weight", "score", "met", "applicable", "core", "deviation_reason", "nature", "extra",
			"at_line", "at_table", "at_row", "at_col", "at_paragraph"},
		tFindings: {"source_path", "form_index", "code", "severity", "message", "expected", "found",
			"at_line", "at_table", "at_row", "at_col", "at_paragraph"},
		tProblems: {"source_path", "form_index", "severity", "code", "message", "cells",
			"at_line", "at_table", "at_row", "at_col", "at_paragraph"},
	}
	for tb, names := range want {
		assert.Equal(t, names, columnNames(tb), tables[tb].name)
	}
	kinds := map[string]kind{}
	for _, c := range tables[tIndicators].columns {
		kinds[c.name] = c.kind
	}
	assert.Equal(t, kindKey, kinds["source_path"])
	assert.Equal(t, kindInt, kinds["indicator_index"])
	assert.Equal(t, kindDecimal, kinds["target_value"])
	assert.Equal(t, kindOptBool, kinds["met"])
	assert.Equal(t, kindBool, kinds["applicable"])
	assert.Equal(t, kindOptInt, kinds["at_line"])
}

func TestFill(t *testing.T) {
	docs := testDocs()
	var b batch
	counts := func() []int {
		n := make([]int, numTables)
		for t := range n {
			n[t] = b.len(t)
		}
		return n
	}
	b.fill(docs[0])
	assert.Equal(t, []int{1, 2, 4, 4, 2, 2}, counts())
	b.fill(docs[1])
	assert.Equal(t, []int{1, 1, 1, 1, 0, 1}, counts())
	b.fill(docs[2])
	assert.Equal(t, []int{1, 0, 0, 0, 0, 1}, counts())

	b.fill(docs[1])
	get := func(tb, i int, name string) cell {
		for j, c := range tables[tb].columns {
			if c.name == name {
				return b.row(tb, i)[j]
			}
		}
		panic(fmt.Sprintf("no column %s in %s", name, tables[tb].name))
	}
	assert.Equal(t, "batch.zip!2022/a.txt", get(tForms, 0, "source_path").text)
	assert.Equal(t, cell{null: true}, get(tForms, 0, "funds_total_weight"))
	assert.Equal(t, cell{text: "-1.5"}, get(tForms, 0, "funds_total_execution_rate"))
	assert.Equal(t, cell{num: 3}, get(tForms, 0, "at_line"))
	assert.Equal(t, cell{null: true}, get(tForms, 0, "at_table"))
	assert.Equal(t, cell{text: "total"}, get(tFunds, 0, "row_key"))
	assert.Equal(t, cell{num: 1}, get(tIndicators, 0, "indicator_index"))

	b.fill(docs[0])
	assert.Equal(t, cell{text: "extra"}, get(tFunds, 3, "row_key"))
	assert.Equal(t, cell{text: `自筹,"配套"`}, get(tFunds, 3, "label"))
	assert.Equal(t, cell{text: "项目负责人及电话: 张三 0994-1234567"}, get(tForms, 0, "header_extra"))
	assert.Equal(t, cell{null: true}, get(tIndicators, 1, "met"))
	assert.Equal(t, cell{flag: true}, get(tIndicators, 0, "met"))
	assert.Equal(t, cell{null: true}, get(tIndicators, 2, "name"))
	assert.Equal(t, cell{text: "复核分: 10"}, get(tIndicators, 1, "extra"))
	assert.Equal(t, cell{null: true}, get(tForms, 1, "year"))
	assert.Equal(t, cell{null: true}, get(tForms, 1, "total_score"))
	assert.Equal(t, cell{null: true}, get(tProblems, 0, "form_index"))
	assert.Equal(t, cell{num: 2}, get(tProblems, 1, "form_index"))
	assert.Equal(t, cell{text: "a,b | c\"d | e\nf"}, get(tProblems, 0, "cells"))
	assert.Equal(t, []int{1, 2}, b.forms[tForms])
}
