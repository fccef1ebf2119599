package extract_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/extract/text"
	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sample is the shipped text export of 18 forms.
const sample = "testdata/changji-2021.txt"

// readSample reads a file of the repository's testdata.
func readSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", name))
	require.NoError(t, err)
	return b
}

func extractSample(t testing.TB, name string) *model.Document {
	t.Helper()
	doc, err := extract.Bytes(readSample(t, name), name, nil)
	require.NoError(t, err)
	return doc
}

// TestGolden compares the canonical JSON of every sample with its golden
// file, and validates it against the JSON Schema.
func TestGolden(t *testing.T) {
	for _, name := range goldenInputs {
		t.Run(filepath.Base(name), func(t *testing.T) {
			doc := extractSample(t, name)
			got := append(doc.AppendJSON(nil, true), '\n')
			require.NoError(t, schema.Validate(got), "output must validate against the JSON Schema")
			golden := filepath.Join("..", "testdata", "golden", filepath.Base(name)+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./... -update to create it")
			require.NoError(t, schema.Validate(want), "golden file must validate against the JSON Schema")
			assert.Equal(t, string(want), string(got))
		})
	}
}

// goldenInputs are the inputs with golden files.
var goldenInputs = []string{sample}

// TestSampleFacts pins facts of the sample checked by hand against it.
func TestSampleFacts(t *testing.T) {
	doc := extractSample(t, sample)
	require.Equal(t, model.StatusOK, doc.Status)
	assert.Empty(t, doc.Problems)
	assert.Equal(t, model.FormatTextCells, doc.Source.Format)
	assert.Equal(t, model.EncUTF8, doc.Source.Encoding)
	require.Len(t, doc.Forms, 18)

	f1 := doc.Forms[0]
	assert.Equal(t, "项目支出绩效自评表1", f1.Title)
	require.NotNil(t, f1.Year)
	assert.Equal(t, 2021, *f1.Year)
	assert.Equal(t, "“金保工程”社会保险信息系统升级改造经费", f1.ProjectName)
	assert.Equal(t, "昌吉回族自治州社会保险管理局本级", f1.CompetentDepartment)
	assert.Equal(t, "昌吉回族自治州社会保险管理局本级", f1.ImplementingUnit)
	assert.Equal(t, model.At{Line: 1}, f1.At)
	require.NotNil(t, f1.Total)
	assert.Equal(t, "99.81", f1.Total.Score.String())
	assert.Equal(t, "100", f1.Total.Weight.String())
	assert.Equal(t, "万元", f1.Funds.Unit)
	tot := f1.Funds.Total
	assert.Equal(t, "年度资金总额", tot.Label)
	assert.Equal(t, []string{"300", "300", "296.26", "10", "98.75", "9.88"},
		[]string{tot.InitialBudget.String(), tot.AnnualBudget.String(), tot.Executed.String(),
			tot.Weight.String(), tot.ExecutionRate.String(), tot.Score.String()})
	assert.Equal(t, "其中：当年财政拨款", f1.Funds.Fiscal.Label)
	assert.Nil(t, f1.Funds.Fiscal.Weight)
	assert.Nil(t, f1.Funds.Fiscal.Score)
	assert.Equal(t, "上年结转资金", f1.Funds.Carryover.Label, "indentation is trimmed")
	assert.True(t, strings.HasPrefix(f1.Goals.Achieved, "截止到2021年12月31日"))
	require.Len(t, f1.Indicators, 16)
	cost := f1.Indicators[8]
	assert.Equal(t, "产出指标", cost.Level1)
	assert.Equal(t, "成本指标", cost.Level2)
	assert.Equal(t, "社会保险信息系统设备升级改造费用（万元/年）", *cost.Name)
	assert.Equal(t, model.OpLE, cost.Target.Op)
	assert.Equal(t, "300", cost.Target.Value.String())
	assert.Equal(t, "4.93", cost.Score.String())
	assert.Equal(t, "原定竞标价格为300万，实际成交价格低于300万，剩余资金已收回至财政。", cost.DeviationReason)
	na := f1.Indicators[10]
	assert.Equal(t, "效益指标", na.Level1)
	assert.Equal(t, "经济效益指标", na.Level2)
	assert.False(t, na.Applicable)
	assert.Nil(t, na.Name)
	assert.Nil(t, na.Weight)
	assert.Equal(t, model.ValueNone, na.Target.Kind)

	f2 := doc.Forms[1]
	assert.Len(t, f2.Indicators, 19)
	assert.Equal(t, model.At{Line: 282}, f2.At)
	assert.Equal(t, "87.91", f2.Total.Score.String())
	in := f2.Indicators[11]
	assert.Equal(t, model.At{Line: 478}, in.At)
	assert.Equal(t, "金保工程运行成本（万元/年）", *in.Name)
	assert.Equal(t, "与2021年追加的项目有冲突，只支付了部分维护费", in.DeviationReason)
	assert.Equal(t, "0.68", in.Score.String())

	f7 := doc.Forms[6]
	assert.Equal(t, "4.2", f7.Funds.Carryover.InitialBudget.String())
	assert.Equal(t, "4.2", f7.Funds.Carryover.Executed.String())
	assert.Equal(t, "8", f7.Funds.Fiscal.AnnualBudget.String())

	// The <=30（万元/年） target keeps its raw text and reads its unit
	// out of the full-width brackets.
	var found bool
	for _, f := range doc.Forms {
		for _, in := range f.Indicators {
			if in.Target.Raw == "<=30（万元/年）" {
				found = true
				assert.Equal(t, model.ValueNumber, in.Target.Kind)
				assert.Equal(t, model.OpLE, in.Target.Op)
				assert.Equal(t, "30", in.Target.Value.String())
				assert.Equal(t, "万元/年", in.Target.Unit)
			}
		}
	}
	assert.True(t, found, "the sample has a <=30（万元/年） target")

	// Every applicable indicator has a weight, a score and met decided or
	// explicitly undecidable; totals add up to 18 forms of weight 100.
	for _, f := range doc.Forms {
		assert.Equal(t, "100", f.Total.Weight.String(), "form %d", f.Index)
		for _, in := range f.Indicators {
			if in.Applicable {
				assert.NotNil(t, in.Weight, "form %d %v", f.Index, in.At)
				assert.NotNil(t, in.Score, "form %d %v", f.Index, in.At)
			}
		}
	}
}

// TestReencoded extracts the sample re-encoded as it arrives from other
// tools: the forms must be the same, only the source differs (and, for the
// one-row-a-line shape, the line numbers).
func TestReencoded(t *testing.T) {
	raw := readSample(t, sample)
	want := extractSample(t, sample)

	crlf := bytes.ReplaceAll(raw, []byte("\n"), []byte("\r\n"))
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(crlf)
	require.NoError(t, err)
	cr := append([]byte("\xEF\xBB\xBF"), bytes.ReplaceAll(raw, []byte("\n"), []byte("\r"))...)
	tsv := toRows(t, string(raw))
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(tsv))
	require.NoError(t, err)

	cases := []struct {
		name, format, encoding string
		data                   []byte
		sameLines              bool
	}{
		{"gb18030-crlf", model.FormatTextCells, model.EncGB18030, gb, true},
		{"utf8-bom-cr", model.FormatTextCells, model.EncUTF8BOM, cr, true},
		{"utf16le-tsv", model.FormatTextRows, model.EncUTF16LE, utf16, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := extract.Bytes(c.data, c.name, nil)
			require.NoError(t, err)
			assert.Equal(t, c.format, doc.Source.Format)
			assert.Equal(t, c.encoding, doc.Source.Encoding)
			assert.Equal(t, model.StatusOK, doc.Status)
			assert.Empty(t, doc.Problems)
			require.Len(t, doc.Forms, len(want.Forms))
			if !c.sameLines {
				assert.Equal(t, withoutAt(t, want.Forms), withoutAt(t, doc.Forms))
				return
			}
			for i := range want.Forms {
				assert.Equal(t, want.Forms[i], doc.Forms[i], "form %d", i+1)
			}
		})
	}
}

// toRows rewrites a text-cells export as spreadsheet "Unicode text": a row
// a line, TAB between cells, cells with line breaks or quotes quoted.
func toRows(t *testing.T, s string) string {
	res, err := text.Parse(s, model.FormatTextCells)
	require.NoError(t, err)
	var b strings.Builder
	for _, r := range res.Rows {
		for i, c := range r.Cells {
			if i > 0 {
				b.WriteByte('\t')
			}
			if strings.ContainsAny(c.Text, "\"\n\t") {
				b.WriteString(`"` + strings.ReplaceAll(c.Text, `"`, `""`) + `"`)
			} else {
				b.WriteString(c.Text)
			}
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

// withoutAt returns the forms with every position cleared, through JSON.
func withoutAt(t *testing.T, forms []model.Form) []any {
	b, err := json.Marshal(forms)
	require.NoError(t, err)
	var v []any
	require.NoError(t, json.Unmarshal(b, &v))
	out := make([]any, len(v))
	for i := range v {
		out[i] = dropKey(v[i], "at")
	}
	return out
}

func dropKey(v any, k string) any {
	switch x := v.(type) {
	case map[string]any:
		delete(x, k)
		for kk, vv := range x {
			x[kk] = dropKey(vv, k)
		}
	case []any:
		for i := range x {
			x[i] = dropKey(x[i], k)
		}
	}
	return v
}

// TestReadAll: whatever size it is told, ReadAll reads the whole input, or
// one byte past the limit.
func TestReadAll(t *testing.T) {
	in := strings.Repeat("表", 10000) // 30,000 bytes
	for _, size := range []int64{30000, 0, 10, -5000, 1 << 40, 29999, 30001} {
		b, err := extract.ReadAll(strings.NewReader(in), size, 1<<20)
		require.NoError(t, err)
		assert.Equal(t, in, string(b), "size %d", size)
	}
	b, err := extract.ReadAll(strings.NewReader(in), 30000, 100)
	require.NoError(t, err)
	assert.Len(t, b, 101, "read one byte past the limit, no more")
}
