package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ptr[T any](v T) *T { return &v }

// fullForm sets every field of a form, optional ones included, with
// values the schema accepts.
func fullForm(index int) model.Form {
	return model.Form{
		Index: index, At: model.At{Line: 282}, Kind: model.KindProject,
		Title: "项目支出绩效自评表", Year: ptr(2021),
		ProjectName:         "“金保工程”系统维护费",
		CompetentDepartment: "昌吉回族自治州社会保险管理局本级",
		ImplementingUnit:    "昌吉回族自治州社会保险管理局本级",
		HeaderExtra:         []model.Field{{Label: "填报日期", Value: "2022年3月", At: model.At{Table: 1, Row: 2, Col: 2}}},
		Funds: &model.Funds{
			Unit: "万元",
			Total: &model.FundsRow{Label: "年度资金总额", At: model.At{Table: 1, Row: 5, Col: 1},
				InitialBudget: model.Dec("95"), AnnualBudget: model.Dec("95"), Executed: model.Dec("25.95"),
				Weight: model.Dec("10"), ExecutionRate: model.Dec("27.32"), Score: model.Dec("2.73"), Note: "进度滞后"},
			Fiscal:    &model.FundsRow{Label: "其中：当年财政拨款", Executed: model.Dec("25.95")},
			Carryover: &model.FundsRow{Label: "上年结转资金"},
			Other:     &model.FundsRow{Label: "其他资金"},
			ExtraRows: []model.FundsRow{{Label: "自筹资金", At: model.At{Paragraph: 4}}},
		},
		Goals: &model.Goals{Planned: "保障系统运行", Achieved: "已完成", At: model.At{Line: 16}, Adjusted: "调整后目标"},
		Indicators: []model.Indicator{
			{
				At: model.At{Line: 478}, Level1: "产出指标", Level1Weight: model.Dec("50"), Level2: "成本指标", Level2Weight: model.Dec("10"),
				Name:   ptr("金保工程运行成本（万元/年）"),
				Target: model.Value{Raw: "<=30", Kind: model.ValueNumber, Op: model.OpLE, Value: model.Dec("30"), Unit: "万元/年", UnitFrom: "name"},
				Actual: model.Value{Raw: "约5.8万人", Kind: model.ValueNumber, Value: model.Dec("5.8"), Unit: "万人",
					Base: &model.Base{Value: model.MustDecimal("58000"), Unit: "人"}, Approx: true},
				Weight: model.Dec("2.5"), Score: model.Dec("0.68"), DeviationReason: "只支付了部分维护费",
				Applicable: true, Met: ptr(true), Core: true, Nature: "定量",
				Extra: []model.Field{{Label: "评价标准", Value: "达到目标值得满分"}},
			},
			{
				Level1: "效益指标", Level2: "社会效益指标", Name: ptr("服务期限"),
				Target: model.Value{Raw: "90%-100%", Kind: model.ValuePercent, Op: model.OpRange, Min: model.Dec("90"), Max: model.Dec("100"), Unit: "%"},
				Actual: model.Value{Raw: "2021年1月-12月", Kind: model.ValuePeriod, From: "2021-01", To: "2021-12"},
			},
			{
				Level1: "产出指标", Level2: "时效指标", Name: ptr("完成时间"),
				Target: model.Value{Raw: "2021年12月31日", Kind: model.ValueDate, Date: "2021-12-31"},
				Actual: model.Value{Raw: "长期", Kind: model.ValueText, Text: "长期"},
			},
			{Level1: "产出指标", Level2: "数量指标", Target: model.Value{Raw: "/", Kind: model.ValueNone}, Actual: model.Value{Raw: "/", Kind: model.ValueNone}},
		},
		Total:    &model.Total{Weight: model.Dec("100"), Score: model.Dec("87.91"), Grade: "良", At: model.At{Line: 500}},
		Notes:    []model.Field{{Label: "填表人", Value: "李四", At: model.At{Line: 501}}},
		Findings: []model.Finding{{Code: "funds.rate_mismatch", Severity: model.SevWarning, Message: "执行率不符", At: model.At{Line: 5}, Expected: model.Dec("98.75"), Found: model.Dec("98.6")}},
	}
}

func fullDocument() model.Document {
	return model.Document{
		Schema: model.SchemaVersion,
		Source: model.Source{Path: "a.zip", Format: model.FormatDocx, Encoding: model.EncGB18030,
			SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Entry: "b.docx"},
		Status: model.StatusPartial,
		Forms:  []model.Form{fullForm(1), {Index: 2, Kind: model.KindDepartment}},
		Problems: []model.Problem{
			{Severity: model.SevInfo, Code: "row.unplaced", Message: "未识别的行", At: model.At{Line: 9}, Cells: []string{"……", ""}, Form: 1},
			{Severity: model.SevError, Code: "read", Message: "read error"},
		},
	}
}

func TestValidateAccepts(t *testing.T) {
	docs := map[string]model.Document{
		"full":    fullDocument(),
		"minimal": {Schema: model.SchemaVersion, Source: model.Source{Format: model.FormatTextRows}, Status: model.StatusFailed},
	}
	for _, enc := range []string{model.EncUTF8, model.EncUTF8BOM, model.EncUTF16LE, model.EncUTF16BE} {
		d := fullDocument()
		d.Source.Encoding, d.Source.Format = enc, model.FormatTextCells
		docs[enc] = d
	}
	for name, d := range docs {
		for _, indent := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/indent=%v", name, indent), func(t *testing.T) {
				assert.NoError(t, Validate(d.AppendJSON(nil, indent)))
				for i := range d.Forms {
					assert.NoError(t, ValidateForm(d.Forms[i].AppendJSON(nil, indent)))
				}
			})
		}
	}
}

// keys adds to set every object key in the JSON value v.
func keys(v any, set map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			set[k] = true
			keys(e, set)
		}
	case []any:
		for _, e := range x {
			keys(e, set)
		}
	}
}

// TestFullDocumentCoversSchema makes sure TestValidateAccepts exercises
// every property the schema defines.
func TestFullDocumentCoversSchema(t *testing.T) {
	d := fullDocument()
	var v any
	require.NoError(t, json.Unmarshal(d.AppendJSON(nil, false), &v))
	got := map[string]bool{}
	keys(v, got)
	want := map[string]bool{}
	for _, def := range loadDefs(t) {
		for k := range def.Properties {
			want[k] = true
		}
	}
	assert.Equal(t, sortedKeys(want), sortedKeys(got))
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// edit decodes the full document, applies f to it and encodes it again.
func edit(t *testing.T, f func(doc map[string]any)) []byte {
	t.Helper()
	d := fullDocument()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(d.AppendJSON(nil, false), &doc))
	f(doc)
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return b
}

func form(doc map[string]any) map[string]any { return doc["forms"].([]any)[0].(map[string]any) }

func indicator(doc map[string]any, i int) map[string]any {
	return form(doc)["indicators"].([]any)[i].(map[string]any)
}

func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name string
		edit func(doc map[string]any)
		want []Violation
	}{
		{"unknown key", func(d map[string]any) { indicator(d, 2)["colour"] = "red" },
			[]Violation{{"forms[0].indicators[2].colour", "unknown property"}}},
		{"unknown top key", func(d map[string]any) { d["版本"] = 1 },
			[]Violation{{`["版本"]`, "unknown property"}}},
		{"missing key", func(d map[string]any) { delete(form(d)["total"].(map[string]any), "score") },
			[]Violation{{"forms[0].total.score", "missing property"}}},
		{"bad status", func(d map[string]any) { d["status"] = "done" },
			[]Violation{{"status", "value must be one of 'ok', 'partial', 'failed'"}}},
		{"bad kind", func(d map[string]any) { indicator(d, 1)["target"].(map[string]any)["kind"] = "ratio" },
			[]Violation{{"forms[0].indicators[1].target.kind", "value must be one of 'number', 'percent', 'date', 'period', 'text', 'none'"}}},
		{"bad op", func(d map[string]any) { indicator(d, 0)["target"].(map[string]any)["op"] = "≥" },
			[]Violation{{"forms[0].indicators[0].target.op", "value must be one of '=', '>=', '<=', '>', '<', 'range'"}}},
		{"string for number", func(d map[string]any) {
			form(d)["funds"].(map[string]any)["total"].(map[string]any)["executed"] = "25.95"
		}, []Violation{{"forms[0].funds.total.executed", "got string, want null or number"}}},
		{"null for number", func(d map[string]any) { indicator(d, 0)["level1_weight"] = nil },
			[]Violation{{"forms[0].indicators[0].level1_weight", "got null, want number"}}},
		{"bad schema", func(d map[string]any) { d["schema"] = "jixiao/v2" },
			[]Violation{{"schema", "value must be 'jixiao/v1'"}}},
		{"zero line", func(d map[string]any) { d["problems"].([]any)[0].(map[string]any)["at"] = map[string]any{"line": 0} },
			[]Violation{{"problems[0].at.line", "minimum: got 0, want 1"}}},
		{"bad date", func(d map[string]any) { indicator(d, 2)["target"].(map[string]any)["date"] = "2021/12/31" },
			[]Violation{{"forms[0].indicators[2].target.date", "'2021/12/31' does not match pattern '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'"}}},
		{"bad sha256", func(d map[string]any) { d["source"].(map[string]any)["sha256"] = "E3B0" },
			[]Violation{{"source.sha256", "'E3B0' does not match pattern '^([0-9a-f]{64})?$'"}}},
		{"null forms", func(d map[string]any) { d["forms"] = nil },
			[]Violation{{"forms", "got null, want array"}}},
		{"funds as string", func(d map[string]any) { form(d)["funds"] = "none" },
			[]Violation{{"forms[0].funds", "got string, want object or null"}}},
		{"two faults", func(d map[string]any) { d["status"] = 1; form(d)["year"] = "2021" },
			[]Violation{{"status", "value must be one of 'ok', 'partial', 'failed'"}, {"forms[0].year", "got string, want null or integer"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(edit(t, tt.edit))
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.ElementsMatch(t, tt.want, e.Violations)
			for _, v := range tt.want {
				assert.Contains(t, err.Error(), v.String())
			}
		})
	}
}

func TestValidateFormRejects(t *testing.T) {
	f := fullForm(1)
	b := f.AppendJSON(nil, false)
	b = bytes.Replace(b, []byte(`"kind":"project"`), []byte(`"kind":"programme"`), 1)
	err := ValidateForm(b)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, []Violation{{"kind", "value must be one of 'project', 'department'"}}, e.Violations)

	// A document is not a form.
	d := fullDocument()
	err = ValidateForm(d.AppendJSON(nil, false))
	require.ErrorAs(t, err, &e)
	assert.Contains(t, e.Violations, Violation{"schema", "unknown property"})
	assert.Contains(t, e.Violations, Violation{"index", "missing property"})
}

func TestValidateBadJSON(t *testing.T) {
	for _, in := range []string{"", "{", `{"schema":}`, "{} {}"} {
		err := Validate([]byte(in))
		require.Error(t, err, in)
		var e *Error
		assert.False(t, errors.As(err, &e), in)
		assert.True(t, strings.HasPrefix(err.Error(), "schema: invalid JSON: "), err.Error())
	}
}

func TestViolationString(t *testing.T) {
	assert.Equal(t, "(root): got array, want object", Violation{"", "got array, want object"}.String())
	err := Validate([]byte("[]"))
	assert.EqualError(t, err, "schema: (root): got array, want object")
}

func TestPath(t *testing.T) {
	inst := map[string]any{"forms": []any{map[string]any{"a.b": []any{1.0}}}, "0": map[string]any{}}
	tests := []struct {
		tokens []string
		want   string
	}{
		{nil, ""},
		{[]string{"forms"}, "forms"},
		{[]string{"forms", "0"}, "forms[0]"},
		{[]string{"forms", "0", "a.b", "0"}, `forms[0]["a.b"][0]`},
		{[]string{"0", "x"}, `["0"].x`},
		{[]string{"forms", "7", "x"}, "forms[7].x"},
		{[]string{"", "_k9"}, `[""]._k9`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, path(inst, tt.tokens), "%q", tt.tokens)
	}
}

// def is the part of a $defs entry the drift tests read.
type def struct {
	Type                 any            `json:"type"`
	Properties           map[string]any `json:"properties"`
	Order                keyOrder       `json:"-"`
	Required             []string       `json:"required"`
	AdditionalProperties *bool          `json:"additionalProperties"`
	Enum                 []any          `json:"enum"`
}

// keyOrder is the keys of a JSON object in the order written.
type keyOrder []string

// UnmarshalJSON reads the keys of an object in order.
func (k *keyOrder) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		*k = append(*k, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return nil
}

func loadDefs(t *testing.T) map[string]def {
	t.Helper()
	var s struct {
		Defs map[string]def `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(JSON, &s))
	var order struct {
		Defs map[string]struct {
			Properties keyOrder `json:"properties"`
		} `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(JSON, &order))
	for name, d := range s.Defs {
		d.Order = order.Defs[name].Properties
		s.Defs[name] = d
	}
	return s.Defs
}

// field is a struct field as encoding/json sees it.
type field struct {
	key       string
	omitempty bool
	typ       reflect.Type
}

func jsonFields(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		out = append(out, field{key: name, omitempty: slices.Contains(strings.Split(opts, ","), "omitempty"), typ: f.Type})
	}
	return out
}

var decimalType = reflect.TypeFor[model.Decimal]()

// wantSchema says what the schema of a field of Go type typ must be, as a
// JSON value with "$ref" resolved to the def's name for structs.
func wantSchema(typ reflect.Type, omitempty bool) any {
	nullable := func(s string) any {
		if omitempty {
			return s
		}
		return []any{s, "null"}
	}
	switch {
	case typ == decimalType:
		return "number"
	case typ.Kind() == reflect.String:
		return "string"
	case typ.Kind() == reflect.Int:
		return "integer"
	case typ.Kind() == reflect.Bool:
		return "boolean"
	case typ.Kind() == reflect.Struct:
		return "#/$defs/" + typ.Name()
	case typ.Kind() == reflect.Slice:
		return map[string]any{"array": wantSchema(typ.Elem(), false)}
	case typ.Kind() == reflect.Pointer && typ.Elem().Kind() == reflect.Struct:
		if omitempty {
			return "#/$defs/" + typ.Elem().Name()
		}
		return []any{"#/$defs/" + typ.Elem().Name(), "null"}
	case typ.Kind() == reflect.Pointer:
		return nullable(wantSchema(typ.Elem(), false).(string))
	}
	panic("wantSchema: unexpected type " + typ.String())
}

// gotSchema reduces a property's schema to the shape wantSchema gives.
func gotSchema(t *testing.T, defs map[string]def, prop any) any {
	m, ok := prop.(map[string]any)
	require.True(t, ok, "%v", prop)
	if ref, ok := m["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		require.Contains(t, defs, name)
		if d := defs[name]; d.Enum != nil {
			return enumType(t, d.Enum)
		}
		return ref
	}
	if alts, ok := m["anyOf"].([]any); ok {
		require.Len(t, alts, 2)
		require.Equal(t, map[string]any{"type": "null"}, alts[1])
		return []any{gotSchema(t, defs, alts[0]), "null"}
	}
	if c, ok := m["const"]; ok {
		return enumType(t, []any{c})
	}
	if e, ok := m["enum"].([]any); ok {
		return enumType(t, e)
	}
	if m["type"] == "array" {
		return map[string]any{"array": gotSchema(t, defs, m["items"])}
	}
	require.NotNil(t, m["type"], "%v", m)
	return m["type"]
}

// enumType is the JSON type of all the values of an enum.
func enumType(t *testing.T, values []any) any {
	require.NotEmpty(t, values)
	for _, v := range values {
		require.IsType(t, "", v, "enum %v", values)
	}
	return "string"
}

// TestSchemaMatchesTypes walks the model's types and checks that the
// schema has a def for each struct, with exactly its JSON keys, in order,
// of the right types, the keys encoding/json always writes required, and
// no other properties allowed.
func TestSchemaMatchesTypes(t *testing.T) {
	defs := loadDefs(t)
	seen := map[string]bool{}
	var walk func(typ reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ.Name()] {
			return
		}
		seen[typ.Name()] = true
		t.Run(typ.Name(), func(t *testing.T) {
			d, ok := defs[typ.Name()]
			require.True(t, ok, "no $defs/%s", typ.Name())
			assert.Equal(t, "object", d.Type)
			require.NotNil(t, d.AdditionalProperties)
			assert.False(t, *d.AdditionalProperties)
			var keys, required []string
			for _, f := range jsonFields(typ) {
				keys = append(keys, f.key)
				if !f.omitempty {
					required = append(required, f.key)
				}
				if prop, ok := d.Properties[f.key]; assert.True(t, ok, "%s.%s not in schema", typ.Name(), f.key) {
					assert.Equal(t, wantSchema(f.typ, f.omitempty), gotSchema(t, defs, prop), "%s.%s", typ.Name(), f.key)
				}
			}
			assert.Equal(t, keys, []string(d.Order), "properties of %s", typ.Name())
			assert.Equal(t, required, d.Required, "required of %s", typ.Name())
		})
		for _, f := range jsonFields(typ) {
			walk(f.typ)
		}
	}
	walk(reflect.TypeFor[model.Document]())
	walk(reflect.TypeFor[model.Line]())

	// Every object def is a model type.
	for name, d := range defs {
		if d.Type == "object" {
			assert.True(t, seen[name], "$defs/%s is not a model type", name)
		}
	}
	var root struct {
		Schema string `json:"$schema"`
		ID     string `json:"$id"`
		Ref    string `json:"$ref"`
	}
	require.NoError(t, json.Unmarshal(JSON, &root))
	assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", root.Schema)
	assert.Equal(t, ID, root.ID)
	assert.Equal(t, "#/$defs/Document", root.Ref)
}

// TestEnumsMatchConstants checks the enums against the model's constants.
func TestEnumsMatchConstants(t *testing.T) {
	defs := loadDefs(t)
	prop := func(def, key string) []any {
		return defs[def].Properties[key].(map[string]any)["enum"].([]any)
	}
	strs := func(ss ...string) []any {
		out := make([]any, len(ss))
		for i, s := range ss {
			out[i] = s
		}
		return out
	}
	assert.Equal(t, strs(model.StatusOK, model.StatusPartial, model.StatusFailed), prop("Document", "status"))
	assert.Equal(t, strs(model.FormatTextCells, model.FormatTextRows, model.FormatDocx, model.FormatHTML, model.FormatXLSX, model.FormatUnknown), prop("Source", "format"))
	assert.Equal(t, strs(model.EncUTF8, model.EncUTF8BOM, model.EncUTF16LE, model.EncUTF16BE, model.EncGB18030), prop("Source", "encoding"))
	assert.Equal(t, strs(model.SevError, model.SevWarning, model.SevInfo), defs["Severity"].Enum)
	assert.Equal(t, strs(model.KindProject, model.KindDepartment), prop("Form", "kind"))
	assert.Equal(t, strs(model.ValueNumber, model.ValuePercent, model.ValueDate, model.ValuePeriod, model.ValueText, model.ValueNone), prop("Value", "kind"))
	assert.Equal(t, strs(model.OpEq, model.OpGE, model.OpLE, model.OpGT, model.OpLT, model.OpRange), prop("Value", "op"))
}

// TestDescriptions checks that every def and property says what it is.
func TestDescriptions(t *testing.T) {
	var s struct {
		Description string `json:"description"`
		Defs        map[string]struct {
			Description string                    `json:"description"`
			Properties  map[string]map[string]any `json:"properties"`
		} `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(JSON, &s))
	assert.NotEmpty(t, s.Description)
	for name, d := range s.Defs {
		assert.NotEmpty(t, d.Description, name)
		for key, p := range d.Properties {
			if _, ref := p["$ref"]; ref {
				continue // described by its def
			}
			assert.NotEmpty(t, p["description"], "%s.%s", name, key)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	d := fullDocument()
	for range 17 {
		d.Forms = append(d.Forms, fullForm(len(d.Forms)+1))
	}
	doc := d.AppendJSON(nil, false)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if err := Validate(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestGoldenFilesConform validates the repository's golden files, the
// pipeline's real output, and checks that they are in the canonical
// encoding.
func TestGoldenFilesConform(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "*.json"))
	require.NoError(t, err)
	if len(files) == 0 {
		t.Skip("no golden files")
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			b, err := os.ReadFile(name)
			require.NoError(t, err)
			require.NoError(t, Validate(b))
			var d model.Document
			require.NoError(t, json.Unmarshal(b, &d))
			assert.Equal(t, string(b), string(d.AppendJSON(nil, true))+"\n")
		})
	}
}
