package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refForm has Form's fields but not its methods, so encoding/json encodes
// it by reflection: it is the reference AppendJSON is checked against.
type refForm Form

// refDocument mirrors Document with refForm in place of Form.
// TestRefDocumentMirrorsDocument keeps the two in step.
type refDocument struct {
	Schema   string    `json:"schema"`
	Source   Source    `json:"source"`
	Status   string    `json:"status"`
	Forms    []refForm `json:"forms"`
	Problems []Problem `json:"problems"`
}

// refForms converts forms to their reference type, with nil slices made
// empty as AppendJSON writes them.
func refForms(forms []Form) []refForm {
	out := make([]refForm, len(forms))
	for i, f := range forms {
		out[i] = refFormOf(&f)
	}
	return out
}

// refLine mirrors Line with refForm in place of Form.
type refLine struct {
	Schema   string    `json:"schema"`
	Source   Source    `json:"source"`
	Status   string    `json:"status"`
	Form     *refForm  `json:"form"`
	Problems []Problem `json:"problems"`
}

func refFormOf(f *Form) refForm {
	r := refForm(*f)
	if r.Indicators == nil {
		r.Indicators = []Indicator{}
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	return r
}

func refDocumentOf(d *Document) refDocument {
	r := refDocument{Schema: d.Schema, Source: d.Source, Status: d.Status, Forms: refForms(d.Forms), Problems: d.Problems}
	if r.Problems == nil {
		r.Problems = []Problem{}
	}
	return r
}

// encodeRef encodes v with a json.Encoder as the contract says, less the
// trailing newline.
func encodeRef(t testing.TB, v any, indent bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	require.NoError(t, enc.Encode(v))
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func TestRefDocumentMirrorsDocument(t *testing.T) {
	dt, rt := reflect.TypeFor[Document](), reflect.TypeFor[refDocument]()
	require.Equal(t, dt.NumField(), rt.NumField())
	for i := range dt.NumField() {
		df, rf := dt.Field(i), rt.Field(i)
		assert.Equal(t, df.Name, rf.Name)
		assert.Equal(t, df.Tag, rf.Tag)
		if df.Name == "Forms" {
			assert.Equal(t, reflect.TypeFor[[]Form](), df.Type)
			continue
		}
		assert.Equal(t, df.Type, rf.Type, df.Name)
	}
}

func ptr[T any](v T) *T { return &v }

// fullForm sets every field of a form, optional ones included.
func fullForm() Form {
	return Form{
		Index: 2, At: At{Line: 282}, Kind: KindProject,
		Title: "项目支出绩效自评表", Year: ptr(2021),
		ProjectName:         "“金保工程”系统维护费",
		CompetentDepartment: "昌吉回族自治州社会保险管理局本级",
		ImplementingUnit:    "昌吉回族自治州社会保险管理局本级",
		HeaderExtra: []Field{
			{Label: "项目负责人及电话", Value: "张三 0994-1234567", At: At{Table: 1, Row: 2, Col: 2}},
			{Label: "填报日期", Value: "", At: At{}},
		},
		Funds: &Funds{
			Unit: "万元",
			Total: &FundsRow{Label: "年度资金总额", At: At{Table: 1, Row: 5, Col: 1},
				InitialBudget: Dec("95"), AnnualBudget: Dec("95.00"), Executed: Dec("25.95"),
				Weight: Dec("10"), ExecutionRate: Dec("27.32"), Score: Dec("2.73"), Note: "进度滞后"},
			Fiscal:    &FundsRow{Label: "其中：当年财政拨款", InitialBudget: Dec("95"), AnnualBudget: Dec("95"), Executed: Dec("25.95")},
			Carryover: &FundsRow{Label: "上年结转资金", At: At{Line: 12}},
			Other:     &FundsRow{Label: "其他资金", Executed: Dec("0")},
			ExtraRows: []FundsRow{{Label: "自筹资金", At: At{Line: 14}, Score: Dec("-1.5")}},
		},
		Goals: &Goals{Planned: "保障系统运行\n按时支付维护费", Achieved: "已完成", At: At{Line: 16}, Adjusted: "调整后目标"},
		Indicators: []Indicator{
			{
				At: At{Line: 478}, Level1: "产出指标", Level1Weight: Dec("50"), Level2: "成本指标", Level2Weight: Dec("10"),
				Name:   ptr("金保工程运行成本（万元/年）"),
				Target: Value{Raw: "<=30（万元/年）", Kind: ValueNumber, Op: OpLE, Value: Dec("30"), Unit: "万元/年", UnitFrom: "name"},
				Actual: Value{Raw: "5.8万人", Kind: ValueNumber, Value: Dec("5.8"), Unit: "万人",
					Base: &Base{Value: MustDecimal("58000"), Unit: "人"}, Approx: true},
				Weight: Dec("2.5"), Score: Dec("0.68"),
				DeviationReason: "与2021年追加的项目有冲突，只支付了部分维护费",
				Applicable:      true, Met: ptr(true), Core: true, Nature: "定量",
				Extra: []Field{{Label: "评价标准", Value: "达到目标值得满分", At: At{Table: 2, Row: 9, Col: 8}}},
			},
			{
				At: At{Table: 2, Row: 10, Col: 1, Paragraph: 3}, Level1: "效益指标", Level2: "社会效益指标", Name: ptr("服务期限"),
				Target: Value{Raw: "90%-100%", Kind: ValuePercent, Op: OpRange, Min: Dec("90"), Max: Dec("100"), Unit: "%"},
				Actual: Value{Raw: "2021年1月-12月", Kind: ValuePeriod, From: "2021-01", To: "2021-12"},
				Met:    ptr(false),
			},
			{
				Level1: "产出指标", Level2: "时效指标", Name: ptr("完成时间"),
				Target: Value{Raw: "2021年12月31日", Kind: ValueDate, Date: "2021-12-31"},
				Actual: Value{Raw: "长期", Kind: ValueText, Text: "长期"},
			},
			{Level1: "产出指标", Level2: "数量指标", Target: Value{Raw: "/", Kind: ValueNone}, Actual: Value{Kind: ValueNone}},
		},
		Total: &Total{Weight: Dec("100"), Score: Dec("87.91"), Grade: "良", At: At{Line: 500}},
		Notes: []Field{{Label: "偏差原因", Value: "资金到位晚", At: At{Line: 501}}, {Label: "填表人", Value: "李四"}},
		Findings: []Finding{
			{Code: "funds.rate_mismatch", Severity: SevWarning, Message: "执行率写作98.60%，按全年执行数/全年预算数应为98.75%",
				At: At{Line: 5}, Expected: Dec("98.75"), Found: Dec("98.6")},
			{Code: "total.sum", Severity: SevError, Message: "总分不符", At: At{Line: 500}},
		},
	}
}

func fullDocument() Document {
	f2 := fullForm()
	f2.Index = 3
	f2.Kind = KindDepartment
	return Document{
		Schema: SchemaVersion,
		Source: Source{Path: "testdata/changji-2021.docx", Format: FormatDocx, Encoding: EncUTF8BOM,
			SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Entry: "a/b.docx"},
		Status: StatusPartial,
		Forms:  []Form{fullForm(), f2, {Index: 4}},
		Problems: []Problem{
			{Severity: SevInfo, Code: "row.unplaced", Message: "未识别的行", At: At{Line: 9}, Cells: []string{"……", "", "指标2"}, Form: 1},
			{Severity: SevError, Code: "read", Message: "read error"},
		},
	}
}

// awkward holds strings that exercise every escape encoding/json makes.
var awkward = []string{
	"",
	"plain ascii",
	"中文，全角（括号）％",
	"quote \" backslash \\ slash /",
	"<html> & 'apos'",
	"\x00\x01\x07\b\f\n\r\t\x0b\x1f\x7f",
	"line\u2028sep\u2029para",
	"\u2027\u202a\u20ac€…—",
	"bad \xff utf8 \xe2\x80 cut \xe2",
	"\xed\xa0\x80 surrogate",
	"\ufffd replacement",
	"emoji 🎉 and 𠀀",
	"“金保工程”…—·×°",
	"\u0800\u0fff\ud7ff\ue000\uffff\u0080\u07ff",
	"\xe0\x80\x80 overlong \xc0\xaf \xf0\x80\x80\x80 \xf4\x90\x80\x80 \xf8",
	strings.Repeat("长", 7) + "\u2028" + strings.Repeat("文本", 5) + "\u2029",
	strings.Repeat("0123456789", 3) + "\"" + strings.Repeat("abcdefgh", 3) + "\x1f\\",
	strings.Repeat("长文本", 100),
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	docs := map[string]Document{
		"zero":   {},
		"empty":  {Schema: SchemaVersion, Source: Source{Path: "x.txt", Format: FormatTextCells}, Status: StatusFailed},
		"full":   fullDocument(),
		"noform": {Schema: SchemaVersion, Status: StatusOK, Forms: []Form{}, Problems: []Problem{}},
	}
	for i, s := range awkward {
		f := fullForm()
		f.Title = s
		f.Indicators[0].Name = &s
		f.Indicators[0].Target.Unit = s
		f.Funds.Total.Note = s
		d := fullDocument()
		d.Source.Path = s
		d.Problems[0].Cells = []string{s, s}
		d.Forms = []Form{f}
		docs[fmt.Sprintf("awkward%d", i)] = d
	}
	ats := []At{{}, {Line: 1}, {Table: 1}, {Row: 2}, {Col: 3}, {Paragraph: 4}, {Table: 1, Row: 9, Col: 4}, {Line: -1, Paragraph: 7}}
	for i, at := range ats {
		f := fullForm()
		f.At, f.Indicators[1].At, f.Funds.Total.At = at, at, at
		docs[fmt.Sprintf("at%d", i)] = Document{Forms: []Form{f}}
	}
	decimals := []string{"0", "-1", "300", "2.5", "0.68", "123456789012345678901234567890.123456789", "1e5", "-0", "300.00"}
	for i, s := range decimals {
		v := Decimal(s)
		f := fullForm()
		f.Funds.Total.Executed = &v
		f.Indicators[0].Target.Value = &v
		f.Indicators[0].Actual.Base.Value = v
		f.Findings[0].Found = &v
		docs[fmt.Sprintf("decimal%d", i)] = Document{Forms: []Form{f}}
	}
	for name, d := range docs {
		for _, indent := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/indent=%v", name, indent), func(t *testing.T) {
				want := encodeRef(t, refDocumentOf(&d), indent)
				got := d.AppendJSON(nil, indent)
				require.Equal(t, string(want), string(got))
				assert.True(t, json.Valid(got))

				// Encoder with the methods: same bytes plus the newline.
				assert.Equal(t, string(want)+"\n", string(encodeRef(t, d, indent))+"\n")

				// Each form alone, as an NDJSON line.
				for i := range d.Forms {
					ref := refFormOf(&d.Forms[i])
					assert.Equal(t, string(encodeRef(t, ref, indent)), string(d.Forms[i].AppendJSON(nil, indent)))

					// And as a whole NDJSON line.
					l := Line{Schema: d.Schema, Source: d.Source, Status: d.Status, Form: &d.Forms[i], Problems: d.Problems}
					rl := refLine{Schema: l.Schema, Source: l.Source, Status: l.Status, Form: &ref, Problems: refDocumentOf(&d).Problems}
					assert.Equal(t, string(encodeRef(t, rl, indent)), string(l.AppendJSON(nil, indent)))
				}
				noForm := Line{Schema: d.Schema, Source: d.Source, Status: d.Status}
				assert.Equal(t, string(encodeRef(t, refLine{Schema: d.Schema, Source: d.Source, Status: d.Status, Problems: []Problem{}}, indent)),
					string(noForm.AppendJSON(nil, indent)))

				// json.Marshal agrees, less its HTML escaping.
				m, err := json.Marshal(d)
				require.NoError(t, err)
				var esc bytes.Buffer
				json.HTMLEscape(&esc, d.AppendJSON(nil, false))
				assert.Equal(t, esc.String(), string(m))
			})
		}
	}
}

func TestAppendJSONAppends(t *testing.T) {
	d := Document{Schema: SchemaVersion, Status: StatusOK}
	got := d.AppendJSON([]byte("prefix "), false)
	assert.Equal(t, `prefix {"schema":"jixiao/v1","source":{"path":"","format":"","sha256":""},"status":"ok","forms":[],"problems":[]}`, string(got))

	var nd *Document
	assert.Equal(t, "null", string(nd.AppendJSON(nil, true)))
	var nf *Form
	assert.Equal(t, "x null", string(nf.AppendJSON([]byte("x "), false)))
}

// TestAppendJSONWritesOnlyItsResult encodes the golden document into a
// buffer with room to spare, compact and indented, and checks that nothing
// past the end of the result was written, as append writes nothing there.
func TestAppendJSONWritesOnlyItsResult(t *testing.T) {
	raw, err := os.ReadFile("../testdata/golden/changji-2021.txt.json")
	require.NoError(t, err)
	var d Document
	require.NoError(t, json.Unmarshal(raw, &d))
	for _, indent := range []bool{false, true} {
		want := d.AppendJSON(nil, indent)
		full := bytes.Repeat([]byte{0xAA}, 4*len(want))
		got := d.AppendJSON(full[:0], indent)
		require.Equal(t, string(want), string(got))
		require.Equal(t, &full[0], &got[0], "encoded in place")
		for i := len(got); i < len(full); i++ {
			if full[i] != 0xAA {
				t.Fatalf("indent=%v: byte %d, past the result's %d, was written", indent, i, len(got))
			}
		}
	}
}

func TestAppendJSONIndentLayout(t *testing.T) {
	f := Form{Index: 1, At: At{Line: 3}, Kind: KindProject, Year: ptr(2022),
		Indicators: []Indicator{{Level1: "产出指标", Target: Value{Kind: ValueNone}, Actual: Value{Raw: ">=95%", Kind: ValuePercent, Op: OpGE, Value: Dec("95"), Unit: "%"}, Weight: Dec("10")}}}
	want := `{
  "index": 1,
  "at": {
    "line": 3
  },
  "kind": "project",
  "title": "",
  "year": 2022,
  "project_name": "",
  "competent_department": "",
  "implementing_unit": "",
  "funds": null,
  "goals": null,
  "indicators": [
    {
      "at": {},
      "level1": "产出指标",
      "level2": "",
      "name": null,
      "target": {
        "raw": "",
        "kind": "none"
      },
      "actual": {
        "raw": ">=95%",
        "kind": "percent",
        "op": ">=",
        "value": 95,
        "unit": "%"
      },
      "weight": 10,
      "score": null,
      "deviation_reason": "",
      "applicable": false,
      "met": null
    }
  ],
  "total": null,
  "findings": []
}`
	assert.Equal(t, want, string(f.AppendJSON(nil, true)))
}

func TestAppendJSONBadDecimal(t *testing.T) {
	tests := []struct {
		d    Decimal
		want string
	}{
		{"", "null"},
		{"abc", "null"},
		{"1.", "null"},
		{".5", "null"},
		{"01", "null"},
		{"+1", "null"},
		{"1e", "null"},
		{"NaN", "null"},
		{"12", "12"},
		{"-0.5", "-0.5"},
		{"1E+9", "1E+9"},
	}
	for _, tt := range tests {
		t.Run(string(tt.d), func(t *testing.T) {
			d := tt.d
			f := Finding{Expected: &d}
			got := (&Form{Findings: []Finding{f}}).AppendJSON(nil, false)
			assert.Contains(t, string(got), `"expected":`+tt.want+"}")
			assert.True(t, json.Valid(got))
		})
	}
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range awkward {
		want, err := json.Marshal(s)
		require.NoError(t, err)
		// json.Marshal escapes HTML; undo that for the comparison.
		want = bytes.ReplaceAll(want, []byte(`\u003c`), []byte("<"))
		want = bytes.ReplaceAll(want, []byte(`\u003e`), []byte(">"))
		want = bytes.ReplaceAll(want, []byte(`\u0026`), []byte("&"))
		assert.Equal(t, string(want), string(appendString(nil, s)), "%q", s)
	}
}

// fuzzDocument builds a document from fuzzed text and numbers. bits
// chooses which optional parts are present.
func fuzzDocument(s1, s2, s3, d1, d2 string, n int, bits uint16) Document {
	dec := func(s string) *Decimal {
		d, ok := ParseDecimal(s)
		if !ok {
			return nil
		}
		return &d
	}
	on := func(i int) bool { return bits&(1<<i) != 0 }
	at := At{Line: n, Table: n & 7, Row: n >> 3 & 15, Col: n >> 7 & 3}
	if on(0) {
		at.Paragraph = n
	}
	v := Value{Raw: s1, Kind: s2, Op: s3, Value: dec(d1), Min: dec(d2), Unit: s2, Approx: on(1)}
	if on(2) {
		v.Base = &Base{Value: MustDecimal("0"), Unit: s3}
		if d := dec(d2); d != nil {
			v.Base.Value = *d
		}
		v.Date, v.From, v.To, v.Text, v.UnitFrom = s1, s2, s3, s1, s2
	}
	in := Indicator{At: at, Level1: s1, Level2: s2, Name: ptr(s3), Target: v, Actual: Value{Raw: s3, Kind: s1},
		Weight: dec(d1), Score: dec(d2), DeviationReason: s2, Applicable: on(3), Core: on(4), Nature: s3}
	if on(5) {
		in.Met = ptr(on(6))
		in.Level1Weight, in.Level2Weight = dec(d2), dec(d1)
		in.Extra = []Field{{Label: s1, Value: s2, At: at}}
	}
	f := Form{Index: n, At: at, Kind: s1, Title: s2, ProjectName: s3, CompetentDepartment: s1, ImplementingUnit: s2,
		Indicators: []Indicator{in, in}}
	if on(7) {
		f.Year = ptr(n)
		row := FundsRow{Label: s1, At: at, InitialBudget: dec(d1), AnnualBudget: dec(d2), Executed: dec(d1),
			Weight: dec(d2), ExecutionRate: dec(d1), Score: dec(d2), Note: s3}
		f.Funds = &Funds{Unit: s1, Total: &row, ExtraRows: []FundsRow{row}}
		f.Goals = &Goals{Planned: s1, Achieved: s2, At: at, Adjusted: s3}
		f.Total = &Total{Weight: dec(d1), Score: dec(d2), Grade: s3, At: at}
		f.HeaderExtra = []Field{{Label: s3, Value: s1}}
		f.Notes = []Field{{Label: s2, Value: s3, At: at}}
	}
	if on(8) {
		f.Findings = []Finding{{Code: s1, Severity: s2, Message: s3, At: at, Expected: dec(d1), Found: dec(d2)}}
	}
	d := Document{Schema: s1, Source: Source{Path: s1, Format: s2, Encoding: s3, SHA256: s1, Entry: s2}, Status: s3}
	if on(9) {
		d.Forms = []Form{f, {Index: n + 1}}
	}
	if on(10) {
		d.Problems = []Problem{{Severity: s1, Code: s2, Message: s3, At: at, Cells: []string{s1, s2, s3}, Form: n}}
	}
	return d
}

func FuzzAppendJSON(f *testing.F) {
	f.Add("项目", "percent", ">=", "95", "2.50", 3, uint16(0xffff))
	f.Add("", "", "", "", "", 0, uint16(0))
	f.Add("a\"b\\c\n\x00\u2028", "<&>", "\xff\xfe", "-0.00", "1,234.5", -7, uint16(0x5555))
	f.Fuzz(func(t *testing.T, s1, s2, s3, d1, d2 string, n int, bits uint16) {
		d := fuzzDocument(s1, s2, s3, d1, d2, n, bits)
		for _, indent := range []bool{false, true} {
			got := d.AppendJSON(nil, indent)
			if !json.Valid(got) {
				t.Fatalf("invalid JSON: %q", got)
			}
			if want := encodeRef(t, refDocumentOf(&d), indent); !bytes.Equal(got, want) {
				t.Fatalf("AppendJSON differs from encoding/json:\n got %q\nwant %q", got, want)
			}
			var back Document
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatalf("round trip: %v", err)
			}
			// Decoding turns each byte of invalid UTF-8 into U+FFFD.
			want := fuzzDocument(sanitize(s1), sanitize(s2), sanitize(s3), d1, d2, n, bits)
			assert.Equal(t, refDocumentOf(&want), refDocumentOf(&back))
			if again := back.AppendJSON(nil, indent); !bytes.Equal(again, want.AppendJSON(nil, indent)) {
				t.Fatalf("round trip changed the encoding:\n got %q\nwant %q", again, got)
			}
		}
	})
}

// sanitize replaces each byte of invalid UTF-8 in s with U+FFFD, as
// encoding/json does.
func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}

// benchDocument builds a realistic document: 18 forms of 20 indicators.
func benchDocument() Document {
	d := Document{Schema: SchemaVersion, Status: StatusOK,
		Source: Source{Path: "/data/2021/昌吉回族自治州社会保险管理局.docx", Format: FormatDocx,
			SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}}
	levels := [][2]string{{"产出指标", "数量指标"}, {"产出指标", "质量指标"}, {"产出指标", "时效指标"}, {"产出指标", "成本指标"},
		{"效益指标", "经济效益指标"}, {"效益指标", "社会效益指标"}, {"效益指标", "可持续影响指标"}, {"满意度指标", "服务对象满意度指标"}}
	for i := range 18 {
		f := fullForm()
		f.Index = i + 1
		f.At = At{Table: i + 1, Row: 1, Col: 1}
		f.Title = fmt.Sprintf("项目支出绩效自评表%d", i+1)
		f.Goals.Planned = "1.保障金保工程系统正常运行，全年系统故障率低于5%；\n2.按合同约定及时支付运维费用，确保参保人员社保业务办理不受影响。"
		f.Goals.Achieved = "1.系统全年稳定运行，未发生重大故障；\n2.因与2021年追加项目有冲突，仅支付部分维护费，其余资金结转下年使用。"
		f.Indicators = f.Indicators[:0]
		for j := range 20 {
			l := levels[j%len(levels)]
			f.Indicators = append(f.Indicators, Indicator{
				At: At{Table: i + 1, Row: 10 + j, Col: 3}, Level1: l[0], Level2: l[1],
				Name:            ptr(fmt.Sprintf("参保人员社保业务办理及时率（%%）第%d项", j+1)),
				Target:          Value{Raw: ">=95%", Kind: ValuePercent, Op: OpGE, Value: Dec("95"), Unit: "%"},
				Actual:          Value{Raw: "98.75%", Kind: ValuePercent, Value: Dec("98.75"), Unit: "%"},
				Weight:          Dec("2.5"),
				Score:           Dec("2.5"),
				DeviationReason: "与2021年追加的项目有冲突，只支付了部分维护费",
				Applicable:      true, Met: ptr(true),
			})
		}
		d.Forms = append(d.Forms, f)
	}
	return d
}

func BenchmarkAppendJSON(b *testing.B) {
	d := benchDocument()
	for _, indent := range []bool{false, true} {
		b.Run(fmt.Sprintf("indent=%v", indent), func(b *testing.B) {
			buf := d.AppendJSON(nil, indent)
			b.SetBytes(int64(len(buf)))
			b.ReportAllocs()
			for b.Loop() {
				buf = d.AppendJSON(buf[:0], indent)
			}
		})
	}
}

func BenchmarkEncodingJSON(b *testing.B) {
	d := benchDocument()
	ref := refDocumentOf(&d)
	for _, indent := range []bool{false, true} {
		b.Run(fmt.Sprintf("indent=%v", indent), func(b *testing.B) {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if indent {
				enc.SetIndent("", "  ")
			}
			if err := enc.Encode(ref); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(buf.Len() - 1))
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := enc.Encode(ref); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// fill sets every field reachable from v to a non-zero value, allocating
// pointers and giving slices two elements, so that a field added to the
// model and missed by AppendJSON shows up as a difference.
func fill(v reflect.Value, n int) {
	switch v.Kind() {
	case reflect.String:
		if v.Type() == reflect.TypeFor[Decimal]() {
			v.SetString(fmt.Sprintf("%d.5", n))
			return
		}
		v.SetString(fmt.Sprintf("s%d", n))
	case reflect.Int:
		v.SetInt(int64(n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n+i)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n+i)
		}
	default:
		panic("fill: unexpected kind " + v.Kind().String())
	}
}

func TestAppendJSONEveryField(t *testing.T) {
	var d Document
	fill(reflect.ValueOf(&d).Elem(), 1)
	for _, indent := range []bool{false, true} {
		got := d.AppendJSON(nil, indent)
		assert.Equal(t, string(encodeRef(t, refDocumentOf(&d), indent)), string(got))
		for i := range d.Forms {
			ref := refFormOf(&d.Forms[i])
			assert.Equal(t, string(encodeRef(t, ref, indent)), string(d.Forms[i].AppendJSON(nil, indent)))
		}
	}
}

// BenchmarkAppendJSONGolden encodes the golden document of the text
// sample form by form, as the NDJSON export does: real text, whose strings
// are mostly short.
func BenchmarkAppendJSONGolden(b *testing.B) {
	raw, err := os.ReadFile("../testdata/golden/changji-2021.txt.json")
	if err != nil {
		b.Skip(err)
	}
	var d Document
	if err := json.Unmarshal(raw, &d); err != nil {
		b.Fatal(err)
	}
	for _, indent := range []bool{false, true} {
		b.Run(fmt.Sprintf("indent=%v", indent), func(b *testing.B) {
			var buf []byte
			n := 0
			for i := range d.Forms {
				buf = d.Forms[i].AppendJSON(buf[:0], indent)
				n += len(buf)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for i := range d.Forms {
					buf = d.Forms[i].AppendJSON(buf[:0], indent)
				}
			}
		})
	}
}

// BenchmarkAppendJSONNew is BenchmarkAppendJSON with a new buffer each
// time, as MarshalJSON has.
func BenchmarkAppendJSONNew(b *testing.B) {
	d := benchDocument()
	b.SetBytes(int64(len(d.AppendJSON(nil, false))))
	b.ReportAllocs()
	for b.Loop() {
		d.AppendJSON(nil, false)
	}
}

// FuzzAppendString compares appendString with encoding/json for any bytes,
// invalid UTF-8 included.
func FuzzAppendString(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	f.Add("0123456789abcdef\"0123456789\\abcdef\x1f01234567\x7f")
	f.Add("中文\xe0\xa0\x80\xed\x9f\xbf\xed\xa0\x80\xef\xbf\xbf\xf4\x8f\xbf\xbf\xf4\x90\x80\x80\xc2\x80\xc1\xbf\xdf")
	f.Fuzz(func(t *testing.T, s string) {
		want := encodeRef(t, s, false)
		if got := appendString([]byte("x"), s); string(got[1:]) != string(want) || got[0] != 'x' {
			t.Fatalf("appendString(%q) = %q, want %q", s, got[1:], want)
		}
	})
}

// TestAppendStringEveryByte puts every byte at every offset of strings
// long enough for appendString to read them a word at a time, ASCII and
// CJK; puts U+2028 at every offset of a run of CJK; and tries every lead
// byte with every following byte, and every three-byte sequence whose
// first two bytes are near the valid ranges.
func TestAppendStringEveryByte(t *testing.T) {
	check := func(s string) {
		t.Helper()
		want := encodeRef(t, s, false)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %q, want %q", s, got, want)
		}
	}
	for _, base := range []string{"abcdefghijklmnopqrstuvwxyz", "产出指标数量指标成本指标"} {
		for n := range len(base) + 1 {
			for i := range n {
				for c := range 256 {
					check(base[:i] + string(byte(c)) + base[i+1:n])
				}
			}
		}
	}
	const cjk = "金保工程运行成本（万元/年）“社会保险”…"
	for i := range len(cjk) + 1 {
		check(cjk[:i] + "\u2028" + cjk[i:])
		check(cjk[:i] + "\u2029\u2027" + cjk[i:])
	}
	for c0 := 0x80; c0 < 0x100; c0++ {
		for c1 := range 256 {
			check(string([]byte{byte(c0), byte(c1)}))
			check(string([]byte{'a', byte(c0), byte(c1), 0xbf, 0xbf}))
		}
	}
	for c0 := 0xe0; c0 < 0x100; c0++ {
		for c1 := 0x70; c1 < 0xd0; c1++ {
			for c2 := range 256 {
				check(string([]byte{byte(c0), byte(c1), byte(c2)}))
				if c0 < 0xf0 {
					check(string([]byte{0xe4, 0xb8, 0xad, byte(c0), byte(c1), byte(c2), 0xe6, 0x96}))
				}
			}
		}
	}
}

// goldenStrings returns the string values of the golden document of the
// text sample.
func goldenStrings(b *testing.B) []string {
	raw, err := os.ReadFile("../testdata/golden/changji-2021.txt.json")
	if err != nil {
		b.Skip(err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		b.Fatal(err)
	}
	var ss []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			ss = append(ss, v)
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return ss
}

// BenchmarkAppendString writes the strings of a real document: most are
// short, CJK or ASCII or both, and few need escaping.
func BenchmarkAppendString(b *testing.B) {
	ss := goldenStrings(b)
	var buf []byte
	for _, s := range ss {
		buf = appendString(buf, s)
	}
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		buf = buf[:0]
		for _, s := range ss {
			buf = appendString(buf, s)
		}
	}
}

// TestIsJSONNumber compares isJSONNumber with JSON's grammar for numbers,
// on canonical decimals, near misses and every string of up to three
// bytes drawn from the characters numbers are made of.
func TestIsJSONNumber(t *testing.T) {
	grammar := regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)
	cases := []string{
		"", "0", "-0", "7", "300", "2.5", "0.68", "-1", "1e5", "1E+5", "-2.5e-3",
		"00", "01", "-", "1.", ".5", "1.e5", "1e", "1e+", "+1", "1,000", "0x1f", " 1", "1 ",
		"12345678901234567890.12345678901234567890", "1.5e", "1.5E-", "--1", "-.5", "1..2",
	}
	const alphabet = "0159-+.eE x"
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		cases = append(cases, prefix)
		if n == 0 {
			return
		}
		for i := range len(alphabet) {
			gen(prefix+alphabet[i:i+1], n-1)
		}
	}
	gen("", 4)
	for _, s := range cases {
		if got, want := isJSONNumber(s), grammar.MatchString(s); got != want {
			t.Errorf("isJSONNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPlain6 checks plain6 against plain3 on each half, for every pair
// of lead bytes E0–EF with continuation bytes at and near the edges of
// their range, and for words that are not two sequences.
func TestPlain6(t *testing.T) {
	conts := []uint64{0x00, 0x41, 0x7f, 0x80, 0x9f, 0xa0, 0xa8, 0xa9, 0xbf, 0xc0, 0xe4}
	seq := func(lead, c1, c2 uint64) uint64 { return lead | c1<<8 | c2<<16 }
	n := 0
	for l0 := uint64(0xe0); l0 <= 0xef; l0++ {
		for l1 := uint64(0xe0); l1 <= 0xf0; l1++ {
			for _, c := range conts {
				for _, x := range []uint64{
					seq(l0, 0x80, c) | seq(l1, 0xb8, 0xad)<<24,
					seq(l0, c, 0xa8) | seq(l1, 0x80, c)<<24,
					seq(l0, 0xbf, 0xbf) | seq(l1, c, 0x80)<<24 | 0xffff<<48,
				} {
					want := plain3(x) && plain3(x>>24) && l0 != 0xe2 && l1 != 0xe2
					if got := plain6(x); got != want {
						t.Fatalf("plain6(%#x) = %v, want %v", x, got, want)
					}
					if want {
						n++
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("plain6 accepted no word")
	}
	for _, x := range []uint64{0, 0x2020202020202020, 0xadb8e4, 0xadb8e4adb8, load64("中文字符")} {
		want := x == load64("中文字符")
		if got := plain6(x); got != want {
			t.Errorf("plain6(%#x) = %v, want %v", x, got, want)
		}
	}
}

// TestAppendStringRoom checks appendString whatever room the buffer has
// after its length, and that it writes nothing past the end of its
// result, as append does not.
func TestAppendStringRoom(t *testing.T) {
	for _, s := range []string{
		"", "%", "元", "number", "1小时", "产出指标", "效益指标ab", "0123456789abcdef", "产出指标产出",
		"0123456789abcdefg", "中\"", "a\x00", "\xe4\xb8", "\u2028", "ab\xe2\x80\xa8",
		"ab", "abc", "abcd", "a元", "abcde", "元元a", "1小时",
		"产出指标产出指标产出指标", "产出指标产出指标产出指标产", "产出指标产出指标a产出指标产出指标产出“指标”",
		"产出指标产出指标产出\x00", "产出指标产出指标产出\u2028指标", "产出指标产出指标产出\xed\xa0\x80",
	} {
		want := encodeRef(t, s, false)
		for room := range 20 {
			full := bytes.Repeat([]byte{0xAA}, 3+room)
			copy(full, "xyz")
			got := appendString(full[:3], s)
			if string(got[:3]) != "xyz" || !bytes.Equal(got[3:], want) {
				t.Errorf("appendString(%q) with room %d = %q, want xyz%s", s, room, got, want)
			}
			if len(got) <= len(full) {
				for i := len(got); i < len(full); i++ {
					if full[i] != 0xAA {
						t.Fatalf("appendString(%q) with room %d wrote byte %d, past its result", s, room, i)
					}
				}
			}
		}
	}
}

// TestAppendJSONAt checks the positions AppendJSON writes, a line alone
// (written by a fast path when compact) among them, against
// encoding/json, compact and indented.
func TestAppendJSONAt(t *testing.T) {
	for _, a := range []At{
		{}, {Line: 1}, {Line: 12345}, {Line: -3}, {Line: 1, Col: 2}, {Table: 1, Row: 2, Col: 3},
		{Paragraph: 4}, {Line: 7, Paragraph: 1}, {Row: -1}, {Line: 1, Table: 1, Row: 1, Col: 1, Paragraph: 1},
	} {
		f := Form{At: a, Findings: []Finding{{Code: "c", At: a}}}
		for _, indent := range []bool{false, true} {
			want := encodeRef(t, refFormOf(&f), indent)
			assert.Equal(t, string(want), string(f.AppendJSON(nil, indent)), "%+v, indent=%v", a, indent)
		}
	}
}

// TestAppendKindOp checks that encoder.kind and encoder.op write what
// appendString writes after the key, compact and indented, for the Value
// constants, which they write without looking at them, and for other
// strings.
func TestAppendKindOp(t *testing.T) {
	for _, s := range []string{
		ValueNumber, ValuePercent, ValueDate, ValuePeriod, ValueText, ValueNone,
		OpEq, OpGE, OpLE, OpGT, OpLT, OpRange,
		"", "Number", "percent ", "nonE", "=>", "<>", "≥", "\"", "a\\b", "\x00", "\u2028", "\xff", "区间",
	} {
		for _, indent := range []bool{false, true} {
			e := encoder{indent: indent, depth: 1}
			sep := ":"
			if indent {
				sep = ": "
			}
			want := string(appendString([]byte("x,\n  \"kind\""+sep), s))
			if !indent {
				want = string(appendString([]byte(`x,"kind":`), s))
			}
			assert.Equal(t, want, string(e.kind([]byte("x"), s)), "kind(%q), indent=%v", s, indent)
			want = strings.Replace(want, "kind", "op", 1)
			assert.Equal(t, want, string(e.op([]byte("x"), s)), "op(%q), indent=%v", s, indent)
		}
	}
}

// TestPlain12 checks plain12 against plain6 on each word, for words made
// of sequences plain6 accepts and rejects, in every combination.
func TestPlain12(t *testing.T) {
	words := []uint64{load64("中文字符"), load64("产出指标"), load64("“中”"), load64("中\u2028文"),
		load64("\xe0\xa0\x80\xe4\xb8\xad\x00\x00"), load64("中\xed\x9f\xbf\x00\x00"),
		load64("中文\xe4\xb8"), load64("abcdefgh"), load64("中a文bc"), 0}
	for _, x := range words {
		for _, y := range words {
			if got, want := plain12(x, y), plain6(x) && plain6(y); got != want {
				t.Errorf("plain12(%#x, %#x) = %v, want %v", x, y, got, want)
			}
		}
	}
}

// FuzzPlain12 compares plain12 with plain6 on each word.
func FuzzPlain12(f *testing.F) {
	f.Add(load64("中文字符"), load64("产出指标"))
	f.Add(load64("中文字符"), load64("中\u2028文"))
	f.Fuzz(func(t *testing.T, x, y uint64) {
		if got, want := plain12(x, y), plain6(x) && plain6(y); got != want {
			t.Fatalf("plain12(%#x, %#x) = %v, want %v", x, y, got, want)
		}
	})
}

// TestAppendInt compares appendInt with strconv, around each number of
// digits that appendInt writes without it and beyond.
func TestAppendInt(t *testing.T) {
	cases := []int{-1, -10, -12345, 100000, 123456789, math.MaxInt, math.MinInt}
	for n := range 20000 {
		cases = append(cases, n)
	}
	for _, n := range cases {
		if got, want := string(appendInt([]byte("x"), n)), "x"+strconv.Itoa(n); got != want {
			t.Errorf("appendInt(%d) = %q, want %q", n, got, want)
		}
	}
}

// checkAppendNumber checks appendNumber against isJSONNumber, which
// TestIsJSONNumber checks against the grammar.
func checkAppendNumber(t *testing.T, s string) {
	t.Helper()
	want := "xnull"
	if isJSONNumber(s) {
		want = "x" + s
	}
	if got := string(appendNumber([]byte("x"), s)); got != want {
		t.Fatalf("appendNumber(%q) = %q, want %q", s, got, want)
	}
}

// TestAppendNumber checks the short cases of appendNumber: every string of
// one or two bytes, every string of up to six bytes drawn from the
// characters numbers are made of, and every byte at every offset of
// numbers of one to nine bytes.
func TestAppendNumber(t *testing.T) {
	for c0 := range 256 {
		checkAppendNumber(t, string([]byte{byte(c0)}))
		for c1 := range 256 {
			checkAppendNumber(t, string([]byte{byte(c0), byte(c1)}))
		}
	}
	const alphabet = "019.-e"
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		checkAppendNumber(t, prefix)
		if n == 0 {
			return
		}
		for i := range len(alphabet) {
			gen(prefix+alphabet[i:i+1], n-1)
		}
	}
	gen("", 6)
	for _, base := range []string{"123456789", "100.25678", "0.1234567", "90.500001"} {
		for n := 1; n <= len(base); n++ {
			for i := range n {
				for c := range 256 {
					checkAppendNumber(t, base[:i]+string(byte(c))+base[i+1:n])
				}
			}
		}
	}
}

// FuzzAppendNumber checks appendNumber against isJSONNumber for any bytes.
func FuzzAppendNumber(f *testing.F) {
	for _, s := range []string{"0", "10", "2.5", "0.5", "98.75", "2021", "12345678", "1234.678", "-1", "1e5", "05", "1.", ".5", "abcdefgh"} {
		f.Add(s)
	}
	f.Fuzz(checkAppendNumber)
}

// TestRaw checks the layout raw gives pieces of compact JSON that hold
// values as well as keys, compact and indented.
func TestRaw(t *testing.T) {
	for _, c := range []struct {
		piece  string
		depth  int
		indent string
	}{
		{`{"raw":`, 0, "{\n  \"raw\": "},
		{`,"unit":"%"`, 1, ",\n  \"unit\": \"%\""},
		{`,"op":">="`, 1, ",\n  \"op\": \">=\""},
		{`},"actual":`, 2, "\n  },\n  \"actual\": "},
		{`true,"met":`, 1, "true,\n  \"met\": "},
		{`false,"met":`, 1, "false,\n  \"met\": "},
		{`]}`, 2, "\n  ]\n}"},
	} {
		e := encoder{}
		assert.Equal(t, "x"+c.piece, string(e.raw([]byte("x"), c.piece)), "compact %q", c.piece)
		e = encoder{indent: true, depth: c.depth}
		assert.Equal(t, "x"+c.indent, string(e.raw([]byte("x"), c.piece)), "indented %q", c.piece)
	}
}
