package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
)

// readParquet reads a table file written by the Parquet writer into rows
// keyed by column name: nil for a null, a string for text and for a decimal
// (its canonical text), an int64 or a bool.
func readParquet(t testing.TB, path string) (*parquet.File, []map[string]any) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	require.NoError(t, err)
	pf, err := parquet.OpenFile(f, st.Size())
	require.NoError(t, err)
	fields := pf.Schema().Fields()
	r := parquet.NewReader(pf)
	defer r.Close()
	var out []map[string]any
	buf := make([]parquet.Row, 16)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			m := map[string]any{}
			for _, v := range row {
				field := fields[v.Column()]
				var x any
				switch {
				case v.IsNull():
				case isDecimal(field):
					x = scaledString(v.Int64())
				case v.Kind() == parquet.ByteArray:
					x = string(v.ByteArray())
				case v.Kind() == parquet.Int64:
					x = v.Int64()
				case v.Kind() == parquet.Boolean:
					x = v.Boolean()
				default:
					t.Fatalf("%s: unexpected kind %s", field.Name(), v.Kind())
				}
				m[field.Name()] = x
			}
			out = append(out, m)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
	}
	return pf, out
}

func TestParquetSchema(t *testing.T) {
	var b strings.Builder
	require.NoError(t, parquet.PrintSchema(&b, "findings", parquetSchema(tables[tFindings])))
	assert.Equal(t, `message findings {
	required binary source_path (STRING);
	required int64 form_index (INT(64,true));
	optional binary code (STRING);
	optional binary severity (STRING);
	optional binary message (STRING);
	optional int64 expected (DECIMAL(18,6));
	optional int64 found (DECIMAL(18,6));
	optional int64 at_line (INT(64,true));
	optional int64 at_table (INT(64,true));
	optional int64 at_row (INT(64,true));
	optional int64 at_col (INT(64,true));
	optional int64 at_paragraph (INT(64,true));
}`, b.String())
	b.Reset()
	require.NoError(t, parquet.PrintSchema(&b, "x", parquetSchema(tables[tIndicators])))
	assert.Contains(t, b.String(), "optional boolean met;")
	assert.Contains(t, b.String(), "required boolean applicable;")
}

func TestParquet(t *testing.T) {
	dir := t.TempDir()
	docs := testDocs()
	writeAll(t, "parquet", dir, Options{}, docs)

	rowsOf := map[string][]map[string]any{}
	for _, tb := range tables {
		pf, rows := readParquet(t, filepath.Join(dir, tb.name+".parquet"))
		rowsOf[tb.name] = rows
		md := pf.Metadata()
		assert.Equal(t, model.SchemaVersion, keyValue(md, "jixiao.schema"), tb.name)
		for _, rg := range md.RowGroups {
			for _, c := range rg.Columns {
				assert.Equal(t, format.Zstd, c.MetaData.Codec, "%s.%s", tb.name, c.MetaData.PathInSchema)
			}
		}
		var names []string
		for _, f := range pf.Schema().Fields() {
			names = append(names, f.Name())
		}
		assert.Equal(t, columnNames(tableIndex(tb.name)), names)
	}

	assert.Len(t, rowsOf["documents"], 3)
	assert.Len(t, rowsOf["forms"], 3)
	assert.Len(t, rowsOf["funds"], 5)
	assert.Len(t, rowsOf["indicators"], 5)
	assert.Len(t, rowsOf["findings"], 2)
	assert.Len(t, rowsOf["problems"], 4)

	form := rowsOf["forms"][0]
	assert.Equal(t, "samples/昌吉,2021.docx", form["source_path"])
	assert.Equal(t, int64(1), form["form_index"])
	assert.Equal(t, int64(2021), form["year"])
	assert.Equal(t, "“金保工程”系统维护费, 二期", form["project_name"])
	assert.Equal(t, `单位 "甲", 乙`, form["implementing_unit"])
	assert.Equal(t, "95", form["funds_total_initial_budget"])
	assert.Equal(t, "25.95", form["funds_total_executed"])
	assert.Equal(t, "27.32", form["funds_total_execution_rate"])
	assert.Equal(t, "87.91", form["total_score"])
	assert.Equal(t, int64(4), form["indicator_count"])
	assert.Equal(t, "保障系统运行。\n按时支付维护费。", form["goals_planned"])
	assert.Nil(t, form["goals_adjusted"])
	assert.Nil(t, form["at_line"])
	assert.Equal(t, int64(1), form["at_table"])

	dept := rowsOf["forms"][1]
	assert.Nil(t, dept["year"])
	assert.Nil(t, dept["funds_unit"])
	assert.Nil(t, dept["funds_total_executed"])
	assert.Nil(t, dept["total_score"])
	assert.Equal(t, "department", dept["kind"])

	big := rowsOf["forms"][2]
	assert.Equal(t, "batch.zip!2022/a.txt", big["source_path"])
	assert.Equal(t, "999999999999.999999", big["funds_total_initial_budget"])
	assert.Equal(t, "123456789012.123456", big["funds_total_annual_budget"])
	assert.Equal(t, "0.000001", big["funds_total_executed"])
	assert.Equal(t, "-1.5", big["funds_total_execution_rate"])
	assert.Equal(t, "-0.5", big["total_score"])
	assert.Equal(t, "partial", big["status"])

	extra := rowsOf["funds"][3]
	assert.Equal(t, "extra", extra["row_key"])
	assert.Equal(t, `自筹,"配套"`, extra["label"])
	assert.Equal(t, "134.888", extra["executed"])
	assert.Equal(t, "万元", extra["unit"])
	assert.Nil(t, extra["weight"])

	ind := rowsOf["indicators"]
	assert.Equal(t, "0.68", ind[0]["score"])
	assert.Equal(t, "2.5", ind[0]["weight"])
	assert.Equal(t, "<=", ind[0]["target_op"])
	assert.Equal(t, "30", ind[0]["target_value"])
	assert.Equal(t, true, ind[0]["met"])
	assert.Equal(t, true, ind[0]["core"])
	assert.Nil(t, ind[1]["met"])
	assert.Equal(t, "说明：\"甲\",\"乙\"\n第二行", ind[1]["deviation_reason"])
	assert.Equal(t, "30", ind[1]["level1_weight"])
	assert.Nil(t, ind[2]["name"])
	assert.Equal(t, false, ind[2]["applicable"])
	assert.Equal(t, "none", ind[2]["target_kind"])
	assert.Equal(t, "range", ind[3]["target_op"])
	assert.Equal(t, "90", ind[3]["target_min"])
	assert.Equal(t, "100", ind[3]["target_max"])
	assert.Equal(t, "134.888", ind[3]["actual_value"])
	assert.Equal(t, false, ind[3]["met"])
	assert.Equal(t, int64(4), ind[3]["indicator_index"])

	fd := rowsOf["findings"]
	assert.Equal(t, "98.75", fd[0]["expected"])
	assert.Equal(t, "98.6", fd[0]["found"])
	assert.Nil(t, fd[1]["expected"])
	assert.Equal(t, int64(2), fd[1]["form_index"])

	pr := rowsOf["problems"]
	assert.Equal(t, "a,b | c\"d | e\nf", pr[0]["cells"])
	assert.Nil(t, pr[0]["form_index"])
	assert.Equal(t, int64(2), pr[1]["form_index"])
	assert.Equal(t, "broken.html", pr[3]["source_path"])
	assert.Equal(t, "read.error", pr[3]["code"])
	assert.Nil(t, pr[3]["at_line"])

	doc := rowsOf["documents"][2]
	assert.Equal(t, "failed", doc["status"])
	assert.Equal(t, int64(0), doc["form_count"])
	assert.Equal(t, int64(1), doc["problem_count"])
	assert.Equal(t, "2022/a.txt", rowsOf["documents"][1]["source_entry"])
	assert.Equal(t, "gb18030", rowsOf["documents"][1]["source_encoding"])
}

// isDecimal reports whether field has the DECIMAL logical type.
func isDecimal(field parquet.Field) bool {
	lt := field.Type().LogicalType()
	if lt == nil {
		return false
	}
	_, ok := lt.Value.(*format.DecimalType)
	return ok
}

// keyValue returns the value of key in the file's key/value metadata.
func keyValue(md *format.FileMetaData, key string) string {
	for _, kv := range md.KeyValueMetadata {
		if kv.Key == key {
			return kv.Value
		}
	}
	return ""
}

// tableIndex returns the index of the table called name.
func tableIndex(name string) int {
	for i, t := range tables {
		if t.name == name {
			return i
		}
	}
	panic("no table " + name)
}

func TestUnscaled(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"0", 0, ""},
		{"300", 300_000_000, ""},
		{"2.5", 2_500_000, ""},
		{"0.68", 680_000, ""},
		{"134.888", 134_888_000, ""},
		{"-1.5", -1_500_000, ""},
		{"0.000001", 1, ""},
		{"1.500000", 1_500_000, ""},
		{"999999999999.999999", 999_999_999_999_999_999, ""},
		{"-999999999999.999999", -999_999_999_999_999_999, ""},
		{"1.1234567", 0, "7 decimal places, more than the 6 of DECIMAL(18,6)"},
		{"1000000000000", 0, "13 integer digits, more than the 12 of DECIMAL(18,6)"},
		{"1e5", 0, `"1e5" is not a decimal`},
		{"", 0, `"" is not a decimal`},
		{".", 0, `"." is not a decimal`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := unscaled(tt.in)
			if tt.err != "" {
				assert.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			d, _ := model.ParseDecimal(tt.in)
			assert.Equal(t, string(d), scaledString(got))
		})
	}
}

func TestParquetValueError(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(d *model.Document)
		form   int
		table  string
		column string
		value  string
		reason string
	}{
		{"too many places", func(d *model.Document) { d.Forms[0].Funds.ExtraRows[0].Executed = dec("1.1234567") },
			1, "funds", "executed", "1.1234567", "7 decimal places, more than the 6 of DECIMAL(18,6)"},
		{"too large", func(d *model.Document) { d.Forms[1].Findings[0].Found = dec("12345678901234") },
			2, "findings", "found", "12345678901234", "14 integer digits, more than the 12 of DECIMAL(18,6)"},
		{"in the forms table", func(d *model.Document) { d.Forms[0].Total.Score = dec("87.9100001") },
			1, "forms", "total_score", "87.9100001", "7 decimal places, more than the 6 of DECIMAL(18,6)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			docs := testDocs()
			bad := testDocs()[0]
			tt.edit(bad)
			w, err := New("parquet", dir, Options{})
			require.NoError(t, err)
			require.NoError(t, w.Write(docs[1]))
			err = w.Write(bad)
			var ve *ValueError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, ValueError{Format: "parquet", Source: "samples/昌吉,2021.docx", Form: tt.form,
				Table: tt.table, Column: tt.column, Value: tt.value, Reason: tt.reason}, *ve)
			// Nothing of the bad document was written; the writer goes on.
			require.NoError(t, w.Write(docs[2]))
			require.NoError(t, w.Close())
			for _, tb := range tables {
				_, rows := readParquet(t, filepath.Join(dir, tb.name+".parquet"))
				for _, r := range rows {
					assert.NotEqual(t, "samples/昌吉,2021.docx", r["source_path"], tb.name)
				}
			}
			_, docRows := readParquet(t, filepath.Join(dir, "documents.parquet"))
			assert.Len(t, docRows, 2)
		})
	}
}

// scaledString returns the canonical decimal text of n / 10^decimalScale,
// the inverse of unscaled.
func scaledString(n int64) string {
	var b strings.Builder
	u := uint64(n)
	if n < 0 {
		b.WriteByte('-')
		u = -u
	}
	p := uint64(pow10[decimalScale])
	fmt.Fprintf(&b, "%d", u/p)
	if f := u % p; f != 0 {
		frac := strings.TrimRight(fmt.Sprintf("%0*d", decimalScale, f), "0")
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}
