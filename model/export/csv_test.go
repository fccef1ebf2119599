package export

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readCSV reads a table file written by the CSV writer: its header and
// its rows keyed by column name.
func readCSV(t testing.TB, path string) ([]string, []map[string]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(bom))))
	records, err := r.ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, records)
	var rows []map[string]string
	for _, rec := range records[1:] {
		m := map[string]string{}
		for i, name := range records[0] {
			m[name] = rec[i]
		}
		rows = append(rows, m)
	}
	return records[0], rows
}

func TestCSV(t *testing.T) {
	dir := t.TempDir()
	writeAll(t, "csv", dir, Options{}, testDocs())

	rowsOf := map[string][]map[string]string{}
	for i, tb := range tables {
		header, rows := readCSV(t, filepath.Join(dir, tb.name+".csv"))
		assert.Equal(t, columnNames(i), header)
		rowsOf[tb.name] = rows
	}
	assert.Len(t, rowsOf["documents"], 3)
	assert.Len(t, rowsOf["forms"], 3)
	assert.Len(t, rowsOf["funds"], 5)
	assert.Len(t, rowsOf["indicators"], 5)
	assert.Len(t, rowsOf["findings"], 2)
	assert.Len(t, rowsOf["problems"], 4)

	form := rowsOf["forms"][0]
	assert.Equal(t, "samples/昌吉,2021.docx", form["source_path"])
	assert.Equal(t, "2021", form["year"])
	assert.Equal(t, `单位 "甲", 乙`, form["implementing_unit"])
	assert.Equal(t, "25.95", form["funds_total_executed"])
	assert.Equal(t, "保障系统运行。\n按时支付维护费。", form["goals_planned"])
	assert.Equal(t, "", rowsOf["forms"][1]["year"])
	assert.Equal(t, "999999999999.999999", rowsOf["forms"][2]["funds_total_initial_budget"])
	assert.Equal(t, "-1.5", rowsOf["forms"][2]["funds_total_execution_rate"])

	ind := rowsOf["indicators"]
	assert.Equal(t, "0.68", ind[0]["score"])
	assert.Equal(t, "true", ind[0]["met"])
	assert.Equal(t, "", ind[1]["met"])
	assert.Equal(t, "false", ind[3]["met"])
	assert.Equal(t, "false", ind[2]["applicable"])
	assert.Equal(t, "134.888", ind[3]["actual_value"])
	assert.Equal(t, "说明：\"甲\",\"乙\"\n第二行", ind[1]["deviation_reason"])
	assert.Equal(t, "a,b | c\"d | e\nf", rowsOf["problems"][0]["cells"])
	assert.Equal(t, "第一行\n第二行", rowsOf["funds"][3]["note"])

	// The text is quoted as RFC 4180 says.
	raw, err := os.ReadFile(filepath.Join(dir, "problems.csv"))
	require.NoError(t, err)
	assert.Contains(t, string(raw), `"a,b | c""d | e`+"\n"+`f"`)
	assert.False(t, bytes.HasPrefix(raw, []byte(bom)))
}

func TestCSVExcel(t *testing.T) {
	dir := t.TempDir()
	writeAll(t, "csv", dir, Options{Excel: true}, testDocs()[:1])
	for _, tb := range tables {
		raw, err := os.ReadFile(filepath.Join(dir, tb.name+".csv"))
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(raw, []byte("\xef\xbb\xbfsource_path,")), tb.name)
	}
	_, rows := readCSV(t, filepath.Join(dir, "forms.csv"))
	assert.Equal(t, "“金保工程”系统维护费, 二期", rows[0]["project_name"])
}
