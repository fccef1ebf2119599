package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
	"github.com/stretchr/testify/assert"
)

// TestRuneAt checks runeAt against utf8.DecodeRuneInString on every rune,
// cut short, and on invalid forms.
func TestRuneAt(t *testing.T) {
	check := func(s string) {
		t.Helper()
		want, _ := utf8.DecodeRuneInString(s)
		if got := runeAt(s, 0); got != want {
			t.Fatalf("runeAt(%q) = %U, want %U", s, got, want)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		s := string(r)
		check(s)
		check(s[:len(s)-1] + "a")
	}
	for _, s := range []string{
		"\xc2", "\xc2a", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\xef\xbc",
		"\xef\xbc\x28", "\xe2\x80", "\xc0\x80", "\xc1\xbf", "\xf0\x9f\x98\x80", "\x80", "\xff",
	} {
		check(s)
	}
}

// TestMayStartLabel checks that a word holding any byte of the classes
// needsLabel looks for, at any place, passes mayStartLabel.
func TestMayStartLabel(t *testing.T) {
	for c := range 256 {
		if byteClass[c]&(startsFold|startsSpace) == 0 {
			continue
		}
		for k := range 8 {
			b := []byte("abcdefgh")
			b[k] = byte(c)
			if !mayStartLabel(load64(string(b), 0)) {
				t.Errorf("mayStartLabel misses %#x at %d", c, k)
			}
		}
	}
	assert.False(t, mayStartLabel(load64("年度资金总额", 0)))
	assert.False(t, mayStartLabel(load64("2021年12月", 0)))
}

func TestNeedsLabel(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"产出指标", false}, {"2021年12月31日", false}, {"≥95%", false}, {"——", false},
		{"产 出 指 标", true}, {"经济效益\n指标", true}, {"（万元）", true}, {"年度资金总额\u3000", true},
		{"12345678 ", true}, {"1234567\u200b", true}, {"a\u00a0b", true}, {"“金保工程”社会保险信息系统升级改造经费", false},
		{"数量指标１", true}, {"\xe3\x80", false}, {"12345678\xef\xbc", false},
	} {
		assert.Equal(t, c.want, needsLabel(c.s), "needsLabel(%q)", c.s)
	}
}

func TestFoldSqueeze(t *testing.T) {
	for _, s := range []string{
		"产 出 指 标", "经济效益\n指标", "（万元）", "\u3000１０％\u3000", "＞＝９５％", "ｶﾞ ", "₩ 5", "a\xffb c",
		" \xe3\x80", "数量\t指标\r\n", "a\u200bb\ufeff", "",
	} {
		assert.Equal(t, squeeze(Fold(s)), foldSqueeze(s), "foldSqueeze(%q)", s)
	}
}

func TestNeedsLineWork(t *testing.T) {
	long := strings.Repeat("完成了升级改造", 5)
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"\n", false}, {"a\nb", false}, {"a \nb", true}, {"a\rb", true}, {"12345678\r", true},
		{"完成了升级改造，\n保障了系统运行。", false}, {"完成了升级改造\u3000\n保障", true},
		{long + "\n" + long, false}, {long + " \n" + long, true}, {long + "\r" + long, true},
		{"=20个", false}, {"100%", false}, {"a \nbc", true}, {"ab\rc", true}, {"ab \n", true},
		{"12345678 \nb", true}, {"123456789\r", true}, {"12345678\nb", false}, {"ab\ncd", false},
	} {
		assert.Equal(t, c.want, needsLineWork(c.s), "needsLineWork(%q)", c.s)
		assert.Equal(t, c.want, oldNeedsLineWork(c.s), "oldNeedsLineWork(%q)", c.s)
	}
}

// TestTrimSpace checks trimSpace against strings.TrimFunc.
func TestTrimSpace(t *testing.T) {
	for _, s := range []string{
		"", "\n", "  其他资金", "      上年结转资金", " 年度资金总额 ", "\u3000年度\u3000", "\u00a0x\u200b",
		"“金保工程”", "长期", " \xe3\x80", "\xe3\x80 ", "\xff ", " \xff", "a\u2028", "\ufeff\t",
	} {
		assert.Equal(t, strings.TrimFunc(s, isSpace), trimSpace(s), "trimSpace(%q)", s)
	}
}

func TestReadPlain(t *testing.T) {
	for _, c := range []struct {
		s    string
		want model.Decimal
		j    int
		ok   bool
	}{
		{"300.00", "300", 6, true}, {"296.26万元", "296.26", 6, true}, {"0.00", "0", 4, true},
		{"007.50%", "7.5", 6, true}, {"10.", "10", 2, true}, {"1,234", "1", 1, true}, {"-5", "", 0, false},
		{".5", "", 0, false}, {"", "", 0, false}, {"100%", "100", 3, true}, {"0", "0", 1, true},
	} {
		d, j, ok := readPlain(c.s, 0)
		assert.Equal(t, []any{c.want, c.j, c.ok}, []any{d, j, ok}, "readPlain(%q)", c.s)
		if ok {
			p, _ := model.ParseDecimal(c.s[:j])
			assert.Equal(t, p, d, "ParseDecimal(%q)", c.s[:j])
		}
	}
}

// FuzzReadPlain checks that readPlain cuts its number where the digits
// and fraction end and trims it as model.ParseDecimal does.
func FuzzReadPlain(f *testing.F) {
	for _, s := range []string{"300.00", "0.00", "007.50%", "10.", "0", "000", "0.0001", "1,234", "2021年", "12.30.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, j, ok := readPlain(s, 0)
		// Where the number ends: the digits, then "." and digits.
		k := 0
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k > 0 && k+1 < len(s) && s[k] == '.' && isDigit(s[k+1]) {
			for k += 2; k < len(s) && isDigit(s[k]); k++ {
			}
		}
		if ok != (k > 0) || ok && j != k || !ok && (j != 0 || d != "") {
			t.Fatalf("readPlain(%q) = %q, %d, %v; the number ends at %d", s, d, j, ok, k)
		}
		if want, _ := model.ParseDecimal(s[:k]); ok && d != want {
			t.Fatalf("readPlain(%q) = %q, want %q", s, d, want)
		}
	})
}

// TestDashes checks isDash against dashes, and the class of their first
// bytes.
func TestDashes(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if isDash(r) != strings.ContainsRune(dashes, r) {
			t.Errorf("isDash(%U) = %v", r, isDash(r))
		}
		if isDash(r) && byteClass[string(r)[0]]&startsDash == 0 {
			t.Errorf("%U is a dash, but its first byte is not in startsDash", r)
		}
	}
}

// TestRangeSeps checks the class of the first bytes of rangeSeps and
// isSepRune.
func TestRangeSeps(t *testing.T) {
	for _, sep := range rangeSeps {
		r, _ := utf8.DecodeRuneInString(sep)
		assert.NotZero(t, byteClass[sep[0]]&startsSep, sep)
		assert.Equal(t, r >= utf8.RuneSelf, isSepRune(r), sep)
	}
	for _, c := range []struct {
		s    string
		k, w int
	}{
		{"万元", -1, 0}, {"%-100%", 1, 1}, {"个至30个", 3, 3}, {"——5", 0, 6}, {"到", 0, 3}, {"小时", -1, 0}, {"5-", -1, 0},
	} {
		k, w := rangeSep(c.s)
		assert.Equal(t, []int{c.k, c.w}, []int{k, w}, "rangeSep(%q)", c.s)
		k, w = oldRangeSep(c.s)
		assert.Equal(t, []int{c.k, c.w}, []int{k, w}, "oldRangeSep(%q)", c.s)
	}
}

// TestUnitTable checks the table of clean units: it holds every unit and
// only strings cleanUnit's steps keep as they are, and those it marks bare
// have neither a range separator nor a suffix.
func TestUnitTable(t *testing.T) {
	// Open addressing needs empty slots to end a search: keep the table
	// at most half full.
	assert.LessOrEqual(t, 2*len(unitEntries), len(unitSlots), "the unit table is more than half full")
	for u := range units {
		e := lookupUnit(u)
		if assert.NotNil(t, e, u) {
			assert.True(t, e.unit, u)
		}
	}
	for _, e := range unitEntries {
		got := lookupUnit(e.u)
		assert.Equal(t, e, *got)
		assert.Equal(t, units[e.u], e.unit, e.u)
		for _, strict := range []bool{false, true} {
			u, ok := cleanUnitSteps(e.u, strict)
			assert.True(t, ok && u == e.u, "cleanUnitSteps(%q, %v) = %q, %v", e.u, strict, u, ok)
		}
		k, _ := rangeSep(e.u)
		assert.Equal(t, k < 0 && matchSuffix(e.u) == nil, e.bare, e.u)
	}
	for _, u := range []string{"万元", "万人", "个月", "元/人/年", "万元/年", "千米", "亿元"} {
		assert.NotNil(t, lookupUnit(u), u)
	}
	for _, u := range []string{"", "完成", "万元以上", "(个)", "百分比", "個", "x"} {
		assert.Nil(t, lookupUnit(u), u)
	}
}

// TestNumberNoAlloc checks that a cell that is not a number, or says
// nothing, allocates nothing.
func TestNumberNoAlloc(t *testing.T) {
	for _, s := range []string{"—", "/", "", "数量指标", "10个", "-"} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = Number(s) }), "Number(%q)", s)
	}
}

// FuzzMatchPrefix checks matchPrefix against a scan of prefixes in order.
func FuzzMatchPrefix(f *testing.F) {
	for _, p := range prefixes {
		f.Add(p.text + "95%")
	}
	f.Add("")
	f.Add("长期")
	f.Fuzz(func(t *testing.T, s string) {
		var want *prefix
		for k := range prefixes {
			if strings.HasPrefix(s, prefixes[k].text) {
				want = &prefixes[k]
				break
			}
		}
		got := matchPrefix(s)
		if (got == nil) != (want == nil) || got != nil && *got != *want {
			t.Fatalf("matchPrefix(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestBareUnit checks bareUnit on units of one rune and others.
func TestBareUnit(t *testing.T) {
	for _, c := range []struct {
		u    string
		want bool
	}{
		{"%", true}, {"个", true}, {"天", true}, {"小时", true}, {"万元", true}, {"元/人/年", true},
		{"", false}, {"内", false}, {"x", false}, {"\xe0\x80\xa5", false}, {"\xe4\xb8", false},
		{"个以上", false}, {"期", true}, {"万", true},
	} {
		assert.Equal(t, c.want, bareUnit(c.u), "bareUnit(%q)", c.u)
	}
}

// FuzzBareUnit checks bareUnit against the entries of the unit table.
func FuzzBareUnit(f *testing.F) {
	for _, e := range unitEntries {
		f.Add(e.u)
	}
	f.Add("\xe0\x80\xa5") // an overlong "%"
	f.Fuzz(func(t *testing.T, u string) {
		e := lookupUnit(u)
		if want := e != nil && e.bare; bareUnit(u) != want {
			t.Fatalf("bareUnit(%q) = %v, want %v", u, !want, want)
		}
		for k := range unitEntries {
			if unitEntries[k].u == u && e != &unitEntries[k] {
				t.Fatalf("lookupUnit(%q) misses its entry", u)
			}
		}
	})
}
