package export

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/jixiao/jixiao/model"
)

// xlsxCell is a cell read back: its raw text and its type.
type xlsxCell struct {
	Text string
	Type excelize.CellType
}

// readXLSX reads every sheet of a workbook written by the xlsx writer:
// its header and its rows keyed by column name (absent where the cell is
// empty).
func readXLSX(t testing.TB, path string) (*excelize.File, map[string][]string, map[string][]map[string]xlsxCell) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	headers := map[string][]string{}
	rowsOf := map[string][]map[string]xlsxCell{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		require.NotEmpty(t, rows, sheet)
		headers[sheet] = rows[0]
		for i, row := range rows[1:] {
			m := map[string]xlsxCell{}
			for j, text := range row {
				if text == "" {
					continue
				}
				ref, err := excelize.CoordinatesToCellName(j+1, i+2)
				require.NoError(t, err)
				typ, err := f.GetCellType(sheet, ref)
				require.NoError(t, err)
				m[rows[0][j]] = xlsxCell{Text: text, Type: typ}
			}
			rowsOf[sheet] = append(rowsOf[sheet], m)
		}
	}
	return f, headers, rowsOf
}

// fitXLSX replaces the decimals of testDocs that have more significant
// digits than a number cell holds with ones of exactly 15.
func fitXLSX(docs []*model.Document) []*model.Document {
	total := docs[1].Forms[0].Funds.Total
	total.InitialBudget = dec("999999999.999999")
	total.AnnualBudget = dec("123456789012.123")
	return docs
}

func TestXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.xlsx")
	writeAll(t, "xlsx", path, Options{}, fitXLSX(testDocs()))
	f, headers, rowsOf := readXLSX(t, path)

	names := make([]string, len(tables))
	for i, tb := range tables {
		names[i] = tb.name
		assert.Equal(t, columnNames(i), headers[tb.name])
	}
	assert.Equal(t, names, f.GetSheetList())
	assert.Len(t, rowsOf["documents"], 3)
	assert.Len(t, rowsOf["forms"], 3)
	assert.Len(t, rowsOf["funds"], 5)
	assert.Len(t, rowsOf["indicators"], 5)
	assert.Len(t, rowsOf["findings"], 2)
	assert.Len(t, rowsOf["problems"], 4)

	text := func(s string) xlsxCell { return xlsxCell{Text: s, Type: excelize.CellTypeInlineString} }
	number := func(s string) xlsxCell { return xlsxCell{Text: s, Type: excelize.CellTypeUnset} }
	boolean := func(s string) xlsxCell { return xlsxCell{Text: s, Type: excelize.CellTypeBool} }

	form := rowsOf["forms"][0]
	assert.Equal(t, text("samples/昌吉,2021.docx"), form["source_path"])
	assert.Equal(t, number("2021"), form["year"])
	assert.Equal(t, number("25.95"), form["funds_total_executed"])
	assert.Equal(t, number("87.91"), form["total_score"])
	assert.Equal(t, text(`单位 "甲", 乙`), form["implementing_unit"])
	assert.Equal(t, text("保障系统运行。\n按时支付维护费。"), form["goals_planned"])
	assert.NotContains(t, rowsOf["forms"][1], "year")
	assert.NotContains(t, rowsOf["forms"][1], "total_score")
	assert.Equal(t, number("999999999.999999"), rowsOf["forms"][2]["funds_total_initial_budget"])
	assert.Equal(t, number("123456789012.123"), rowsOf["forms"][2]["funds_total_annual_budget"])
	assert.Equal(t, number("-1.5"), rowsOf["forms"][2]["funds_total_execution_rate"])
	assert.Equal(t, number("0.000001"), rowsOf["forms"][2]["funds_total_executed"])

	ind := rowsOf["indicators"]
	assert.Equal(t, number("0.68"), ind[0]["score"])
	assert.Equal(t, number("134.888"), ind[3]["actual_value"])
	assert.Equal(t, boolean("1"), ind[0]["met"])
	assert.NotContains(t, ind[1], "met")
	assert.Equal(t, boolean("0"), ind[3]["met"])
	assert.Equal(t, boolean("0"), ind[2]["applicable"])
	assert.Equal(t, text("说明：\"甲\",\"乙\"\n第二行"), ind[1]["deviation_reason"])
	assert.Equal(t, text("a,b | c\"d | e\nf"), rowsOf["problems"][0]["cells"])

	// The header is bold and frozen, the columns sized.
	for _, tb := range tables {
		panes, err := f.GetPanes(tb.name)
		require.NoError(t, err)
		assert.True(t, panes.Freeze, tb.name)
		assert.Equal(t, 1, panes.YSplit, tb.name)
		assert.Equal(t, "A2", panes.TopLeftCell, tb.name)
		id, err := f.GetCellStyle(tb.name, "A1")
		require.NoError(t, err)
		style, err := f.GetStyle(id)
		require.NoError(t, err)
		require.NotNil(t, style.Font, tb.name)
		assert.True(t, style.Font.Bold, tb.name)
		w, err := f.GetColWidth(tb.name, "A")
		require.NoError(t, err)
		assert.Equal(t, 36.0, w, tb.name)
	}
	w, err := f.GetColWidth("findings", "E")
	require.NoError(t, err)
	assert.Equal(t, 60.0, w, "findings.message")
}

func TestXLSXValueError(t *testing.T) {
	tests := []struct {
		name   string
		bad    func() *model.Document
		form   int
		table  string
		column string
		value  string
		reason string
	}{
		{"long text", func() *model.Document {
			d := fitXLSX(testDocs())[1]
			d.Problems[0].Cells = []string{strings.Repeat("长", excelize.TotalCellChars+1)}
			return d
		}, 0, "problems", "cells", strings.Repeat("长", 40) + "…", "text of 32768 characters, more than an xlsx cell holds (32767)"},
		{"18 digits", func() *model.Document { return testDocs()[1] },
			1, "forms", "funds_total_initial_budget", "999999999999.999999", "18 significant digits, more than an xlsx number holds (15)"},
		{"16 digits", func() *model.Document {
			d := fitXLSX(testDocs())[1]
			d.Forms[0].Indicators[0].Score = dec("0.1234567890123456")
			return d
		}, 1, "indicators", "score", "0.1234567890123456", "16 significant digits, more than an xlsx number holds (15)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "book.xlsx")
			docs := testDocs()
			w, err := New("xlsx", path, Options{})
			require.NoError(t, err)
			require.NoError(t, w.Write(docs[0]))
			err = w.Write(tt.bad())
			var ve *ValueError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, ValueError{Format: "xlsx", Source: "batch.zip!2022/a.txt", Form: tt.form, Table: tt.table,
				Column: tt.column, Value: tt.value, Reason: tt.reason}, *ve)
			require.NoError(t, w.Write(docs[2]))
			require.NoError(t, w.Close())

			_, _, rowsOf := readXLSX(t, path)
			assert.Len(t, rowsOf["documents"], 2, "nothing of the bad document")
			assert.Len(t, rowsOf["forms"], 2)
			assert.Len(t, rowsOf["problems"], 3)
		})
	}
}

func TestSignificant(t *testing.T) {
	tests := map[string]int{
		"0": 0, "300": 1, "2.5": 2, "0.68": 2, "134.888": 6, "-1.5": 2, "0.000001": 1,
		"999999999999.999999": 18, "1000000000000000000": 1, "100.001": 6,
	}
	for in, want := range tests {
		assert.Equal(t, want, significant(in), in)
	}
}

func TestXLSXValue(t *testing.T) {
	tests := []struct {
		kind kind
		cell cell
		want any
	}{
		{kindText, cell{text: "甲"}, "甲"},
		{kindText, cell{null: true}, nil},
		{kindInt, cell{num: 7}, int64(7)},
		{kindDecimal, cell{text: "134.888"}, 134.888},
		{kindDecimal, cell{null: true}, nil},
		{kindOptBool, cell{flag: true}, true},
		{kindOptBool, cell{null: true}, nil},
	}
	for _, tt := range tests {
		got, err := xlsxValue(tt.kind, tt.cell)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got)
	}
}
