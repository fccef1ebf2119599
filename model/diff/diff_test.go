package diff

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSON(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Change
	}{
		{"equal", `{"a":1,"b":[true,null,"x"]}`, `{"a":1,"b":[true,null,"x"]}`, nil},
		{"space and key order", `{"a": 1, "b": {"c": [1, 2]}}`, "{\"b\":{\"c\":[1,2]},\n\"a\":1}", nil},
		{"added key", `{"a":1}`, `{"a":1,"b":{"c":2}}`, []Change{{"b", "", `{"c":2}`}}},
		{"removed key", `{"a":1,"b":[1, 2]}`, `{"a":1}`, []Change{{"b", "[1,2]", ""}}},
		{"changed number", `{"score":0.68}`, `{"score":0.7}`, []Change{{"score", "0.68", "0.7"}}},
		{"equal numbers", `[300, 2.5, 0, 1e2, -0.0, 0.001, 120]`, `[300.0, 2.50, -0, 100, 0, 1E-3, 1.2e+2]`, nil},
		{"huge exponents", `[1e1000000000000000000000, 0.1e-99999999999999999999]`, `[10e999999999999999999999, 1e-100000000000000000000]`, nil},
		{"huge exponents differ", `[1e1000000000000000000000]`, `[1e1000000000000000000001]`, []Change{{"[0]", "1e1000000000000000000000", "1e1000000000000000000001"}}},
		{"sign", `[1]`, `[-1]`, []Change{{"[0]", "1", "-1"}}},
		{"nested arrays", `{"forms":[{"indicators":[{"score":1},{"score":2}]}]}`,
			`{"forms":[{"indicators":[{"score":1}]},{"indicators":[]}]}`,
			[]Change{{"forms[0].indicators[1]", `{"score":2}`, ""}, {"forms[1]", "", `{"indicators":[]}`}}},
		{"longer array", `[1]`, `[1,[2,3],4]`, []Change{{"[1]", "", "[2,3]"}, {"[2]", "", "4"}}},
		{"type change", `{"a":1,"b":{"x":1},"c":"1","d":true,"e":[]}`, `{"a":null,"b":[1],"c":1,"d":"true","e":{}}`,
			[]Change{{"a", "1", "null"}, {"b", `{"x":1}`, "[1]"}, {"c", `"1"`, "1"}, {"d", "true", `"true"`}, {"e", "[]", "{}"}}},
		{"bool", `{"met":true}`, `{"met":false}`, []Change{{"met", "true", "false"}}},
		{"root", `1`, `"1"`, []Change{{"", "1", `"1"`}}},
		{"root array", ` [] `, `[0]`, []Change{{"[0]", "", "0"}}},
		{"unicode", `{"name":"成本指标","项目":1}`, `{"name":"质量指标","项目":2}`,
			[]Change{{"name", `"成本指标"`, `"质量指标"`}, {`["项目"]`, "1", "2"}}},
		{"escapes are decoded", `["中\n\/","\ud83c\udf89"]`, "[\"\\u4e2d\\u000a/\",\"🎉\"]", nil},
		{"odd keys", `{"a.b":1,"":2,"0":3,"x\"y":4}`, `{"a.b":0,"":0,"0":0,"x\"y":0}`,
			[]Change{{`["a.b"]`, "1", "0"}, {`[""]`, "2", "0"}, {`["0"]`, "3", "0"}, {`["x\"y"]`, "4", "0"}}},
		{"new keys in new order", `{"b":1}`, `{"z":1,"b":1,"a":1}`, []Change{{"z", "", "1"}, {"a", "", "1"}}},
		{"old key order", `{"z":1,"a":1}`, `{"a":2,"z":2}`, []Change{{"z", "1", "2"}, {"a", "1", "2"}}},
		{"duplicate keys", `{"a":1,"b":1,"a":2}`, `{"b":1,"a":2}`, nil},
		{"value as written", `{"a":{ "b" : [1.50, 2] }}`, `{"a":3}`, []Change{{"a", `{"b":[1.50,2]}`, "3"}}},
		{"many keys", `{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k9":0}`,
			`{"k10":10,"k9":1,"k8":8,"k7":7,"k6":6,"k5":5,"k4":4,"k3":3,"k2":2,"k1":1}`, []Change{{"k9", "0", "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := JSON([]byte(tt.old), []byte(tt.new))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestJSONInvalid(t *testing.T) {
	tests := []struct {
		old, new string
		prefix   string
	}{
		{`{`, `{}`, "diff: old: "},
		{`{}`, `{"a":}`, "diff: new: "},
		{``, `1`, "diff: old: "},
		{`1 2`, `1`, "diff: old: "},
		{`[1]`, "[\"\xff\x01\"]", "diff: new: "},
		{`{"a":1,}`, `[]`, "diff: old: "},
	}
	for _, tt := range tests {
		changes, err := JSON([]byte(tt.old), []byte(tt.new))
		require.Error(t, err, "%q %q", tt.old, tt.new)
		assert.Nil(t, changes)
		assert.True(t, strings.HasPrefix(err.Error(), tt.prefix), err.Error())
		var se *json.SyntaxError
		assert.ErrorAs(t, err, &se)
	}
}

func TestCanonNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"-0", "0"},
		{"0.000", "0"},
		{"0e10", "0"},
		{"300", "3e2"},
		{"300.00", "3e2"},
		{"3E+2", "3e2"},
		{"2.5", "25e-1"},
		{"-296.26", "-29626e-2"},
		{"0.0068e2", "68e-2"},
		{"1e-0", "1e0"},
		{"123456789012345678901234567890", "12345678901234567890123456789e1"},
		{"1e99999999999999999999", "1e99999999999999999999"},
		{"1.5e-99999999999999999999", "15e-100000000000000000000"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, canonNumber(tt.in), tt.in)
	}
}

func TestFilter(t *testing.T) {
	changes := []Change{
		{Path: "source.path"},
		{Path: "source.pathname"},
		{Path: "source.sha256"},
		{Path: "forms[0].at.line"},
		{Path: "forms[0].indicators[12].at"},
		{Path: "forms[0].indicators[12].score"},
		{Path: "forms[1].title"},
		{Path: "at"},
		{Path: `["项目"].at`},
		{Path: `forms[2]["a.b"]`},
		{Path: "forms[3]"},
		{Path: ""},
	}
	tests := []struct {
		ignore []string
		want   []string // paths kept
	}{
		{nil, []string{"source.path", "source.pathname", "source.sha256", "forms[0].at.line", "forms[0].indicators[12].at", "forms[0].indicators[12].score", "forms[1].title", "at", `["项目"].at`, `forms[2]["a.b"]`, "forms[3]", ""}},
		{[]string{"source.path", "source.sha256"}, []string{"source.pathname", "forms[0].at.line", "forms[0].indicators[12].at", "forms[0].indicators[12].score", "forms[1].title", "at", `["项目"].at`, `forms[2]["a.b"]`, "forms[3]", ""}},
		{[]string{"source"}, []string{"forms[0].at.line", "forms[0].indicators[12].at", "forms[0].indicators[12].score", "forms[1].title", "at", `["项目"].at`, `forms[2]["a.b"]`, "forms[3]", ""}},
		{[]string{"**.at"}, []string{"source.path", "source.pathname", "source.sha256", "forms[0].indicators[12].score", "forms[1].title", `forms[2]["a.b"]`, "forms[3]", ""}},
		{[]string{"forms[*].title", "forms[0].indicators[*].score"}, []string{"source.path", "source.pathname", "source.sha256", "forms[0].at.line", "forms[0].indicators[12].at", "at", `["项目"].at`, `forms[2]["a.b"]`, "forms[3]", ""}},
		{[]string{"forms.*", "source.path*"}, []string{"source.sha256", "at", `["项目"].at`, ""}},
		{[]string{"*.*"}, []string{"at", ""}},
		{[]string{"source.sha???", "项目", `forms[2]["a.b"]`}, []string{"source.path", "source.pathname", "forms[0].at.line", "forms[0].indicators[12].at", "forms[0].indicators[12].score", "forms[1].title", "at", "forms[3]", ""}},
		{[]string{`["a*"]`, "forms[0].*[12]"}, []string{"source.path", "source.pathname", "source.sha256", "forms[0].at.line", "forms[1].title", "at", `["项目"].at`, `forms[2]["a.b"]`, "forms[3]", ""}},
		{[]string{"forms[2].a*"}, []string{"source.path", "source.pathname", "source.sha256", "forms[0].at.line", "forms[0].indicators[12].at", "forms[0].indicators[12].score", "forms[1].title", "at", `["项目"].at`, "forms[3]", ""}},
		{[]string{"**"}, nil},
		{[]string{"forms[", "", "[x]"}, []string{"source.path", "source.pathname", "source.sha256", "forms[0].at.line", "forms[0].indicators[12].at", "forms[0].indicators[12].score", "forms[1].title", "at", `["项目"].at`, `forms[2]["a.b"]`, "forms[3]", ""}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.ignore, ","), func(t *testing.T) {
			var got []string
			for _, c := range Filter(changes, tt.ignore) {
				got = append(got, c.Path)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCheckPattern(t *testing.T) {
	tests := []struct {
		pattern string
		err     string
	}{
		{"source.path", ""},
		{"**.at", ""},
		{"forms[*].indicators[12]", ""},
		{`["a.b"].c`, ""},
		{"[0]", ""},
		{"项目.名称", ""},
		{"", "diff: empty pattern"},
		{"a..b", `diff: bad path "a..b": empty key at offset 2`},
		{".a", `diff: bad path ".a": empty key at offset 0`},
		{"a.", `diff: bad path "a.": empty key at offset 2`},
		{"forms[", `diff: bad path "forms[": missing "]"`},
		{"forms[x]", `diff: bad path "forms[x]": bad index "x"`},
		{"forms[01]", `diff: bad path "forms[01]": bad index "01"`},
		{"forms[-1]", `diff: bad path "forms[-1]": bad index "-1"`},
		{`["a`, `diff: bad path "[\"a": unterminated quoted key`},
		{`["a"x`, `diff: bad path "[\"a\"x": quoted key not followed by "]"`},
		{`["\q"]`, `diff: bad path "[\"\\q\"]": quoted key: invalid syntax`},
	}
	for _, tt := range tests {
		err := CheckPattern(tt.pattern)
		if tt.err == "" {
			assert.NoError(t, err, tt.pattern)
		} else {
			assert.EqualError(t, err, tt.err, tt.pattern)
		}
	}
}

func TestWrite(t *testing.T) {
	long := `"` + strings.Repeat("长", 200) + `"`
	changes := []Change{
		{"forms[3].indicators[12].score", "0.68", "0.7"},
		{"source.sha256", `"ab"`, `"cd"`},
		{`forms[0]["项目"]`, "", `"新"`},
		{"a", "1", ""},
		{"", "[]", "{}"},
		{"b", long, "2"},
		{strings.Repeat("x", 60), "1", "2"},
	}
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, changes))
	want := `forms[3].indicators[12].score: 0.68 → 0.7
source.sha256:                 "ab" → "cd"
forms[0]["项目"]:              (absent) → "新"
a:                             1 → (absent)
.:                             [] → {}
b:                             "` + strings.Repeat("长", 118) + `… → 2
` + strings.Repeat("x", 60) + `: 1 → 2
`
	assert.Equal(t, want, buf.String())

	buf.Reset()
	require.NoError(t, Write(&buf, nil))
	assert.Empty(t, buf.String())

	assert.ErrorIs(t, Write(failWriter{}, changes), errWrite)
}

var errWrite = errors.New("write failed")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestTextWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"项目", 4},
		{"（％）", 6},
		{"a🎉", 3},
		{"é", 1},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, textWidth(tt.s), tt.s)
	}
}

// equalRef compares two JSON texts with encoding/json, numbers as exact
// rationals. ok is false when a number's exponent is too large for that.
func equalRef(a, b []byte) (equal, ok bool) {
	decode := func(b []byte) any {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			panic(err)
		}
		return v
	}
	ok = true
	var eq func(x, y any) bool
	eq = func(x, y any) bool {
		switch x := x.(type) {
		case map[string]any:
			y, isMap := y.(map[string]any)
			if !isMap || len(x) != len(y) {
				return false
			}
			for k, v := range x {
				w, found := y[k]
				if !found || !eq(v, w) {
					return false
				}
			}
			return true
		case []any:
			y, isArr := y.([]any)
			if !isArr || len(x) != len(y) {
				return false
			}
			for i := range x {
				if !eq(x[i], y[i]) {
					return false
				}
			}
			return true
		case json.Number:
			y, isNum := y.(json.Number)
			if !isNum {
				return false
			}
			rx, okx := rat(string(x))
			ry, oky := rat(string(y))
			if !okx || !oky {
				ok = false
				return false
			}
			return rx.Cmp(ry) == 0
		}
		return x == y
	}
	equal = eq(decode(a), decode(b))
	return equal, ok
}

// rat reads a JSON number whose exponent is small enough to expand.
func rat(s string) (*big.Rat, bool) {
	if i := strings.IndexAny(s, "eE"); i >= 0 && len(strings.TrimLeft(s[i+1:], "+-0")) > 3 {
		return nil, false
	}
	return new(big.Rat).SetString(s)
}

func sortChanges(cs []Change) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].Path < cs[j].Path })
}

func FuzzJSONDiff(f *testing.F) {
	f.Add([]byte(`{"a":1,"b":[1,2,{"c":"中"}]}`), []byte(`{"b":[1.0,3],"a":1,"d":null}`))
	f.Add([]byte(`[1e5, "x", true]`), []byte(`[100000, "\u0078", false, 1]`))
	f.Add([]byte(`{"a":{"a":{"a":1}},"a":2}`), []byte(`2`))
	f.Add([]byte(`{"项目":"\ud800","":[]}`), []byte(`{"a.b":{},"":[[]]}`))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		same, err := JSON(a, a)
		if !json.Valid(a) {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		require.Empty(t, same)
		if !json.Valid(b) {
			_, err := JSON(a, b)
			require.Error(t, err)
			return
		}
		ab, err := JSON(a, b)
		require.NoError(t, err)
		ba, err := JSON(b, a)
		require.NoError(t, err)

		// The same changes, seen from the other side.
		require.Len(t, ba, len(ab))
		var swapped []Change
		for _, c := range ba {
			swapped = append(swapped, Change{Path: c.Path, Old: c.New, New: c.Old})
		}
		sortChanges(swapped)
		sorted := append([]Change(nil), ab...)
		sortChanges(sorted)
		require.Equal(t, sorted, swapped)

		if equal, ok := equalRef(a, b); ok {
			require.Equal(t, equal, len(ab) == 0, "equal %v, changes %v", equal, ab)
		}
		for _, c := range ab {
			require.True(t, c.Old != "" || c.New != "", "empty change at %q", c.Path)
			require.True(t, c.Old == "" || json.Valid([]byte(c.Old)), c.Old)
			require.True(t, c.New == "" || json.Valid([]byte(c.New)), c.New)
			_, err := segments(c.Path, false)
			require.NoError(t, err, c.Path)
			// A change's own path, as a pattern, filters it out.
			if c.Path != "" {
				require.Empty(t, Filter([]Change{c}, []string{c.Path}))
			}
		}
		require.Equal(t, ab, Filter(ab, nil))
		require.NoError(t, Write(&bytes.Buffer{}, ab))
	})
}

func BenchmarkJSON(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"forms":[`)
	for i := range 18 {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"index":1,"title":"项目支出绩效自评表","indicators":[`)
		for j := range 20 {
			if j > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(`{"at":{"line":478},"level1":"产出指标","name":"金保工程运行成本（万元/年）","target":{"raw":"<=30","kind":"number","value":30},"weight":2.5,"score":0.68}`)
		}
		sb.WriteString(`]}`)
	}
	sb.WriteString(`]}`)
	old := []byte(sb.String())
	new := bytes.ReplaceAll(old, []byte(`"score":0.68`), []byte(`"score":0.680`))
	b.SetBytes(int64(len(old) + len(new)))
	for b.Loop() {
		if _, err := JSON(old, new); err != nil {
			b.Fatal(err)
		}
	}
}
