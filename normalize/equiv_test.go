package normalize

import (
	"archive/zip"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"html"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/model"
)

// The tests in this file compare the package with oracle_test.go, a copy
// of it as it was before its fast paths were written: every exported
// function, and model.ParseDecimal and Decimal.Cmp, must give exactly the
// old results.

// names are indicator names Value is tried with besides the cell's
// neighbours.
var names = []string{
	"", "数量（个）", "满意度(%)", "系统故障率（%）★", "运行成本（万元/年）", "发放人数（万人）",
	"生活费补助金额（元/人/年）", "完成时间（月）", "培训天数（日）", "（可选项）", "覆盖率（百分比）",
}

// tableUnits are funds-table units Amount is tried with.
var tableUnits = []string{"万元", "元", "", "单位：元", "（千元）", "亿元", "单位:万元"}

// decimals are numbers the cells are compared with as decimals (model
// checks Cmp more closely).
var decimals = []model.Decimal{"0", "1", "50", "99999999999999999.9"}

// checkEquiv compares every exported function on s, with name as the
// indicator name, with the oracle.
func checkEquiv(t *testing.T, s, name string) {
	t.Helper()
	if got, want := Fold(s), oldFold(s); got != want {
		t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
	}
	if got, want := Label(s), oldLabel(s); got != want {
		t.Fatalf("Label(%q) = %q, want %q", s, got, want)
	}
	if got, want := Text(s), oldText(s); got != want {
		t.Fatalf("Text(%q) = %q, want %q", s, got, want)
	}
	checkDecimal(t, "Number", s, Number, oldNumber)
	checkDecimal(t, "Rate", s, Rate, oldRate)
	for _, u := range tableUnits {
		checkDecimal(t, "Amount/"+u, s,
			func(s string) (*model.Decimal, bool) { return Amount(s, u) },
			func(s string) (*model.Decimal, bool) { return oldAmount(s, u) })
	}
	got, gok := model.ParseDecimal(s)
	want, wok := oldParseDecimal(s)
	if got != want || gok != wok {
		t.Fatalf("ParseDecimal(%q) = %q, %v, want %q, %v", s, got, gok, want, wok)
	}
	for _, e := range decimals {
		d := model.Decimal(s)
		if got, want := d.Cmp(e), oldCmp(d, e); got != want {
			t.Fatalf("Decimal(%q).Cmp(%q) = %d, want %d", s, e, got, want)
		}
		if got, want := e.Cmp(d), oldCmp(e, d); got != want {
			t.Fatalf("Decimal(%q).Cmp(%q) = %d, want %d", e, s, got, want)
		}
	}
	checkValue(t, s, name)
}

func checkDecimal(t *testing.T, fn, s string, f, old func(string) (*model.Decimal, bool)) {
	t.Helper()
	got, gok := f(s)
	want, wok := old(s)
	if gok != wok || !reflect.DeepEqual(got, want) {
		t.Fatalf("%s(%q) = %s, %v, want %s, %v", fn, s, decString(got), gok, decString(want), wok)
	}
}

func decString(d *model.Decimal) string {
	if d == nil {
		return "nil"
	}
	return strconv.Quote(string(*d))
}

// checkValue compares Value(s, name) with the oracle and returns it.
func checkValue(t *testing.T, s, name string) model.Value {
	got, want := Value(s, name), oldValue(s, name)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Value(%q, %q) =\n%s\nwant\n%s", s, name, valueString(got), valueString(want))
	}
	return got
}

// checkMet compares Met(target, actual) with the oracle.
func checkMet(t *testing.T, target, actual model.Value) {
	got, want := Met(target, actual), oldMet(target, actual)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Met(%s, %s) = %s, want %s", valueString(target), valueString(actual), boolString(got), boolString(want))
	}
}

func boolString(b *bool) string {
	if b == nil {
		return "nil"
	}
	return strconv.FormatBool(*b)
}

func valueString(v model.Value) string {
	s := fmt.Sprintf("%+v", v)
	for _, d := range []*model.Decimal{v.Value, v.Min, v.Max} {
		s += " " + decString(d)
	}
	if v.Base != nil {
		s += fmt.Sprintf(" base %+v", *v.Base)
	}
	return s
}

func TestEquivCorpus(t *testing.T) {
	cells := corpus(t)
	if len(cells) < 1000 {
		t.Fatalf("corpus has %d strings only", len(cells))
	}
	var values []model.Value
	seen := map[string]bool{}
	addValue := func(v model.Value) {
		// Only what Met reads tells values apart here.
		v.Raw, v.Text, v.Approx, v.Base = "", "", false, nil
		if k := valueString(v); v.Kind != model.ValueText && v.Kind != model.ValueNone && !seen[k] {
			seen[k] = true
			values = append(values, v)
		}
	}
	for i, s := range cells {
		checkEquiv(t, s, "")
		for _, n := range names[1:] {
			checkValue(t, s, n)
		}
		checkValue(t, s, s)
		if i > 0 {
			checkValue(t, s, cells[i-1])
		}
		addValue(checkValue(t, s, ""))
		addValue(checkValue(t, s, "数量（%）"))
	}
	// Every distinct parsed value against every other with the same unit
	// or against a date (units, operators, ranges, dates and fractions meet
	// in every combination), and against a third of the rest.
	pairs := 0
	for i, a := range values {
		for j, b := range values {
			if measure(a) == measure(b) && measure(a) != "" || (i+j)%3 == 0 {
				checkMet(t, a, b)
				pairs++
			}
		}
	}
	t.Logf("%d strings, %d distinct values, %d pairs", len(cells), len(values), pairs)
}

// measure returns what v measures: "date" for a date or period, otherwise
// its plain unit as Met compares it.
func measure(v model.Value) string {
	if isDateKind(v.Kind) {
		return "date"
	}
	_, plain := unitExp(v.Unit)
	return canonUnit(plain)
}

// corpus returns the strings the package meets or is tested with: the
// string literals of its tests, the cells and lines of the sample forms,
// and the layout variants in every shape.
func corpus(t *testing.T) []string {
	set := map[string]bool{}
	add := func(s string) {
		set[s] = true
		set[strings.TrimSpace(s)] = true
	}
	for _, s := range testLiterals(t) {
		add(s)
	}
	addText := func(text string) {
		add(text)
		lines := strings.Split(text, "\n")
		cell := ""
		for _, l := range lines {
			add(l)
			for _, f := range strings.Split(strings.TrimRight(l, "\r"), "\t") {
				add(f)
				add(strings.Trim(f, `"`))
			}
			// A cell a line led by TAB, continued on lines without one.
			if c, ok := strings.CutPrefix(l, "\t"); ok {
				add(cell)
				cell = c
			} else {
				cell += "\n" + l
			}
		}
		add(cell)
	}
	files, _ := filepath.Glob("../testdata/variants/*")
	files = append(files, "../testdata/changji-2021.txt", "../testdata/changji-2021.html", "../testdata/changji-2021.docx")
	for _, f := range files {
		switch filepath.Ext(f) {
		case ".docx":
			for _, s := range docxTexts(t, f) {
				add(s)
			}
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		switch filepath.Ext(f) {
		case ".html":
			text = tags.ReplaceAllString(text, "\t")
			text = html.UnescapeString(text)
		case ".grid":
			text = strings.ReplaceAll(text, "|", "\t")
			text = strings.ReplaceAll(text, `\n`, "\n")
			text = strings.ReplaceAll(text, "␣", " ")
		}
		addText(text)
	}
	for _, s := range extraCells {
		add(s)
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

var tags = regexp.MustCompile(`<[^>]*>`)

// extraCells are cells written to reach corners the corpus does not.
var extraCells = []string{
	"\u3000１０％\u3000", "＞＝９５％", "１，２３４．５元", "a\u200bb", "\ufeff100", "x\u00a0y", "\r\n\r\n",
	" a \r\n b \r c\n\n", "产 出 指 标", "经济效益\n指标", "（万元）", "\t\v\f", "₩", "ｶﾞ", "\xff\xfe", "a\xffb",
	"1.", ".5", "+7", "-0", "-0.00", "007", "0.000", "00.10", "1,234,567.890", "12,34", "1,2345", ",123", "1.2.3",
	"99999999999999999999999", "-9223372036854775808", "9223372036854775807", "0.0000000000000000001",
	"999999999999999999", "1000000000000000000", "≥99999999999999999%", "<=92233720368547758.07万元",
	"十万", "一万二千", "两万人", "三万余人", "一百零五人", "十二个月", "零", "〇", "二十多个",
	"3-5个", "5~3个", "90%-100%", "100%-90%", "1万-2万人", "2021年10月-3月", "2021.1-2021.12",
	"2021-2022年", "2022-2021年", "2021年1-12月", "2021年12月31号", "2021年2月30日", "2021/12/31", "2021.13",
	"百分之九十五", "百分之95%", "≥100百分比", "%(百分比)", "5万", "5千万元", "5百万元", "0.5亿元",
	"50个以上", "5天以内", "50人左右", "(含)以上", "≥=95%", "≥≤5", "约≈5", "达到达到达到达到5",
	"N/A", "n/a", "NA", "不适用", "无", "——", "……", "一", "、", "100%。", "100%；", "95%,",
}

// testLiterals returns the string literals of the package's tests.
func testLiterals(t *testing.T) []string {
	files, _ := filepath.Glob("*_test.go")
	fset := token.NewFileSet()
	var out []string
	for _, name := range files {
		if name == "oracle_test.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if l, ok := n.(*ast.BasicLit); ok && l.Kind == token.STRING {
				if s, err := strconv.Unquote(l.Value); err == nil {
					out = append(out, s)
				}
			}
			return true
		})
	}
	return out
}

var wordText = regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`)

// docxTexts returns the text runs and paragraphs of a Word file.
func docxTexts(t *testing.T, name string) []string {
	z, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var out []string
	for _, f := range z.File {
		if f.Name != "word/document.xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range strings.Split(string(b), "</w:p>") {
			var para strings.Builder
			for _, m := range wordText.FindAllStringSubmatch(p, -1) {
				s := html.UnescapeString(m[1])
				out = append(out, s)
				para.WriteString(s)
			}
			out = append(out, para.String())
		}
	}
	return out
}

func FuzzEquiv(f *testing.F) {
	for _, s := range seeds {
		f.Add(s, "")
		f.Add(s, "数量（个）")
		f.Add(s, "<=300万元")
	}
	for _, s := range extraCells {
		f.Add(s, "≥95%")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		checkEquiv(t, a, b)
		checkEquiv(t, b, a)
		va, vb := checkValue(t, a, ""), checkValue(t, b, "")
		na, nb := checkValue(t, a, "数量（%）"), checkValue(t, b, "数量（万人）")
		for _, x := range []model.Value{va, vb, na, nb} {
			for _, y := range []model.Value{va, vb, na, nb} {
				checkMet(t, x, y)
			}
		}
	})
}

// FuzzEquivMet compares Met on numbers built from two decimals, units and
// operators, reaching the overflow paths of the fixed-point comparison.
func FuzzEquivMet(f *testing.F) {
	f.Add("95", "94.9", "%", "", uint8(0))
	f.Add("300", "296.26", "万元", "元", uint8(2))
	f.Add("99999999999999999.9", "0.000000000000000001", "亿元", "", uint8(1))
	f.Add("9223372036854775807", "-9223372036854775808", "千万人", "人", uint8(6))
	f.Add("50", "1", "%", "", uint8(5))
	f.Fuzz(func(t *testing.T, x, y, tu, au string, op uint8) {
		dx, ok1 := model.ParseDecimal(x)
		dy, ok2 := model.ParseDecimal(y)
		if !ok1 || !ok2 {
			return
		}
		ops := []string{"", model.OpGE, model.OpLE, model.OpGT, model.OpLT, model.OpEq, model.OpRange}
		kind := func(u string) string {
			if u == "%" {
				return model.ValuePercent
			}
			return model.ValueNumber
		}
		target := model.Value{Kind: kind(tu), Op: ops[int(op)%len(ops)], Unit: tu}
		if target.Op == model.OpRange {
			target.Min, target.Max = &dy, &dx
		} else {
			target.Value = &dx
		}
		actual := model.Value{Kind: kind(au), Unit: au, Value: &dy}
		checkMet(t, target, actual)
		checkMet(t, actual, target)
		actual.UnitFrom = "name"
		checkMet(t, target, actual)
		actual.Value = &dx
		checkMet(t, target, actual)
	})
}

// shifts are the powers of ten shift is tried with.
var shifts = []int{-9, -8, -4, -3, -2, -1, 1, 2, 3, 4, 6, 7, 8, 20}

// checkInternals compares the helpers that have fast paths with the
// oracle's, on inputs Value alone might not give them, shifting by n as
// well as by shifts.
func checkInternals(t *testing.T, s string, n int) {
	t.Helper()
	same := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s(%q): got %v, want %v", what, s, got, want)
		}
	}
	e1, p1, ok1 := magnitude(s)
	e2, p2, ok2 := oldMagnitude(s)
	same("magnitude", []any{e1, p1, ok1}, []any{e2, p2, ok2})
	for _, strict := range []bool{false, true} {
		u1, ok1 := cleanUnit(s, strict)
		u2, ok2 := oldCleanUnit(s, strict)
		same("cleanUnit", []any{u1, ok1}, []any{u2, ok2})
	}
	same("simplify", simplify(s), oldSimplify(s))
	same("nameUnit", nameUnit(s), oldNameUnit(s))
	same("squeeze", squeeze(s), oldSqueeze(s))
	same("trimClosing", trimClosing(s), strings.TrimRight(s, "。；;，,"))
	same("isNone", isNone(s), oldIsNone(s))
	same("sepWidth", sepWidth(s, 0), oldSepWidth(s, 0))
	var v1, v2 model.Value
	same("stripSuffixes", stripSuffixes(s, &v1), oldStripSuffixes(s, &v2))
	same("stripSuffixes", v1, v2)
	for i := range min(len(s), 4) {
		d1, j1, c1, ok1 := readNumber(s, i)
		d2, j2, c2, ok2 := oldReadNumber(s, i)
		same("readNumber", []any{d1, j1, c1, ok1}, []any{d2, j2, c2, ok2})
		f1, t1, j1, ok1 := readDate(s, i)
		f2, t2, j2, ok2 := oldReadDate(s, i)
		same("readDate", []any{f1.String(), t1.String(), j1, ok1}, []any{f2.String(), t2.String(), j2, ok2})
	}
	same("knownUnit", knownUnit(s), oldKnownUnit(s))
	d, ok := model.ParseDecimal(s)
	for _, n := range append(shifts, n) {
		same("shift", shift(model.Decimal(s), n), oldShift(model.Decimal(s), n))
		same("Arena.shift", new(Arena).shift(model.Decimal(s), n), oldShift(model.Decimal(s), n))
		if ok {
			same("shift", shift(d, n), oldShift(d, n))
		}
	}
	a, b := model.Decimal(s), model.Decimal("12.5")
	for _, e := range []int{0, 2, 4, 8} {
		same("cmpScaled", model.CmpScaled(a, e, b, 0), oldScaled(a, e).Cmp(oldScaled(b, 0)))
		same("cmpScaled", model.CmpScaled(b, e, a, 3), oldScaled(b, e).Cmp(oldScaled(a, 3)))
	}
}

func TestEquivInternals(t *testing.T) {
	for _, s := range corpus(t) {
		checkInternals(t, s, 0)
	}
}

func FuzzEquivInternals(f *testing.F) {
	for _, s := range append(append([]string{}, seeds...), extraCells...) {
		f.Add(s, int8(5))
	}
	f.Fuzz(func(t *testing.T, s string, n int8) {
		checkInternals(t, s, int(n))
	})
}
