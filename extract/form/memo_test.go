package form

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/normalize"
)

// memoTexts are cells as forms write them: values whose reading rests on
// the indicator's name and values whose reading does not.
var memoTexts = []string{
	"", "/", "—", "无", "10", "20.00", "5分", "100%", ">=95%", "≥95%", "=20个", "<=300万元", "≥50个",
	"2021年12月31日", "2021.12", "2021年1月-12月", "长期", "是", "按时完成", "90%-100%", "95",
	"3.5万", "5.8万人", "不低于50个", "十二个月", "约100", "12", "0.5", "abc", "1,234.5",
}

// memoNames are indicator names, some with a unit in brackets.
var memoNames = []string{"", "资金使用合规率（%）", "培训人数（人）", "项目完成时间", "单位维护成本（元/台）",
	"年度维护成本增长率(%)", "覆盖户数（万户）"}

// checkValue asks m for raw under name and holds the answer to
// normalize.Value's, with pointers not shared with earlier answers.
func checkValue(t *testing.T, m *memo, seen map[*model.Decimal]bool, raw, name string) {
	t.Helper()
	got := m.value(raw, name)
	want := normalize.Value(raw, name)
	require.Equal(t, want, got, "value(%q, %q)", raw, name)
	for _, d := range []*model.Decimal{got.Value, got.Min, got.Max} {
		if d != nil {
			require.False(t, seen[d], "value(%q, %q) shares a decimal", raw, name)
			seen[d] = true
		}
	}
}

func TestMemoValue(t *testing.T) {
	var m memo
	seen := map[*model.Decimal]bool{}
	// Every text under every name, twice over: the second round is read
	// from the memo where the name does not count.
	for range 2 {
		for _, name := range memoNames {
			for _, raw := range memoTexts {
				checkValue(t, &m, seen, raw, name)
			}
		}
	}
	// The memo holds what rests on no name, and nothing that does.
	for _, raw := range []string{">=95%", "长期", "=20个", "2021.12", "/"} {
		assert.GreaterOrEqual(t, m.values[raw], int32(0), raw)
	}
	dependent := []string{"10", "20.00", "95", "12", "0.5", "1,234.5", "约100"}
	for _, raw := range dependent {
		assert.Equal(t, int32(-1), m.values[raw], raw)
	}
	assert.Len(t, m.vals, len(memoTexts)-len(dependent))
}

func TestMemoNumber(t *testing.T) {
	var m memo
	seen := map[*model.Decimal]bool{}
	for range 3 {
		for _, s := range memoTexts {
			got, gok := m.number(s)
			want, wok := normalize.Number(s)
			require.Equal(t, wok, gok, "number(%q)", s)
			require.Equal(t, want, got, "number(%q)", s)
			if got != nil {
				require.False(t, seen[got], "number(%q) shares a decimal", s)
				seen[got] = true
			}
		}
	}
	assert.Len(t, m.numbers, len(memoTexts))
}

func TestMemoLimits(t *testing.T) {
	var m memo
	long := "≥95%，全年累计完成培训人次达到预期目标并持续提高服务质量"
	require.Greater(t, len(long), maxMemoText)
	checkValue(t, &m, map[*model.Decimal]bool{}, long, "")
	checkValue(t, &m, map[*model.Decimal]bool{}, long, "")
	assert.Empty(t, m.values, "a long text is not kept")

	// A full memo starts afresh.
	m = memo{}
	seen := map[*model.Decimal]bool{}
	for i := range maxMemo + 10 {
		checkValue(t, &m, seen, fmt.Sprintf(">=%d%%", i), "")
	}
	assert.Len(t, m.values, 10)
	assert.Empty(t, m.vals)
	checkValue(t, &m, seen, ">=1%", "") // forgotten: seen once now
	checkValue(t, &m, seen, ">=1%", "") // kept now
	checkValue(t, &m, seen, ">=1%", "") // from the memo
	assert.Len(t, m.values, 11)
	assert.Len(t, m.vals, 1)
	for i := range maxMemo + 10 {
		_, _ = m.number(fmt.Sprint(i))
	}
	assert.Len(t, m.numbers, 10)

	// The memo holds copies of its texts, not the input's storage.
	in := ">=99%" + fmt.Sprint(len(m.values)) // not a constant
	checkValue(t, &m, seen, in, "")
	checkValue(t, &m, seen, in, "")
	_, _ = m.number(in)
	require.GreaterOrEqual(t, m.values[in], int32(0))
	require.Contains(t, m.numbers, in)
	for k := range m.values {
		assert.True(t, unsafe.StringData(k) != unsafe.StringData(in), "the memo holds the input's storage")
	}
	for k := range m.numbers {
		assert.True(t, unsafe.StringData(k) != unsafe.StringData(in), "the memo holds the input's storage")
	}
}

// FuzzMemo holds the memo to normalize: a text read under one name, then
// under another, reads as normalize reads it under each.
func FuzzMemo(f *testing.F) {
	for i, raw := range memoTexts {
		f.Add(raw, memoNames[i%len(memoNames)], memoNames[(i+1)%len(memoNames)])
	}
	f.Fuzz(func(t *testing.T, raw, name1, name2 string) {
		var m memo
		seen := map[*model.Decimal]bool{}
		checkValue(t, &m, seen, raw, name1)
		checkValue(t, &m, seen, raw, name2)
		checkValue(t, &m, seen, raw, name1)
		for range 2 {
			got, gok := m.number(raw)
			want, wok := normalize.Number(raw)
			if gok != wok || (got == nil) != (want == nil) || got != nil && *got != *want {
				t.Fatalf("number(%q) = %v, %v; want %v, %v", raw, got, gok, want, wok)
			}
		}
	})
}

// TestMemoDetached holds the memo to keeping none of the input's storage:
// not in its keys, not in the strings and decimals of its results, which
// normalize cuts from the cell where it can.
func TestMemoDetached(t *testing.T) {
	buf := strings.Join(memoTexts, "\t") + "\t" + strings.Join(memoNames, "\t")
	var m memo
	for range 2 {
		for _, raw := range strings.Split(buf, "\t") {
			m.value(raw, "")
			m.number(raw)
		}
	}
	require.NotEmpty(t, m.vals)
	start := uintptr(unsafe.Pointer(unsafe.StringData(buf)))
	inside := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return s != "" && p >= start && p < start+uintptr(len(buf))
	}
	// strs returns every string reachable from v: its string fields, and
	// those of the structs its pointers lead to.
	var strs func(v reflect.Value) []string
	strs = func(v reflect.Value) []string {
		switch v.Kind() {
		case reflect.String:
			return []string{v.String()}
		case reflect.Pointer:
			if v.IsNil() {
				return nil
			}
			return strs(v.Elem())
		case reflect.Struct:
			var out []string
			for i := range v.NumField() {
				out = append(out, strs(v.Field(i))...)
			}
			return out
		}
		return nil
	}
	n := 0
	for _, v := range m.vals {
		for _, s := range strs(reflect.ValueOf(v)) {
			assert.False(t, inside(s), "memo value %q holds the input's storage", s)
			n++
		}
	}
	for k, v := range m.numbers {
		assert.False(t, inside(k), "memo key %q holds the input's storage", k)
		assert.False(t, inside(string(v.d)), "memo number %q holds the input's storage", v.d)
	}
	for k := range m.values {
		assert.False(t, inside(k), "memo key %q holds the input's storage", k)
	}
	assert.Greater(t, n, 100)
}
