package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
)

// seeds are typical target and actual cells.
var seeds = []string{
	">=95%", "=20个", "<=30（万元/年）", "5.8万人", "≥50个", "不低于50个", "50个以上", "90%-100%",
	"2021年12月31日", "2021.12", "2021年1月-12月", "长期", "/", "—", "", "十二个月", "两次",
	"约50人", "100余人", "=1440（元/人/年）", "2021年4月-2022年3月", "W30", "≥100百分比",
	"2021年12月底前", "12月底之前完成", "一百零五人", "1,234.5元", "-", "１０％", "3-5个",
}

func FuzzValue(f *testing.F) {
	for _, s := range seeds {
		f.Add(s, "")
		f.Add(s, "数量（个）")
	}
	f.Fuzz(func(t *testing.T, raw, name string) {
		v := Value(raw, name)
		if v.Raw != Text(raw) {
			t.Fatalf("Raw = %q, want %q", v.Raw, Text(raw))
		}
		switch v.Kind {
		case model.ValueNumber, model.ValuePercent:
			if (v.Value == nil) == (v.Op != model.OpRange) {
				t.Fatalf("%q: value %v with op %q", raw, v.Value, v.Op)
			}
			if v.Op == model.OpRange && v.Min.Cmp(*v.Max) > 0 {
				t.Fatalf("%q: min %s > max %s", raw, *v.Min, *v.Max)
			}
			if (v.Kind == model.ValuePercent) != (v.Unit == "%") {
				t.Fatalf("%q: kind %s with unit %q", raw, v.Kind, v.Unit)
			}
		case model.ValueDate:
			checkDate(t, raw, v.Date)
		case model.ValuePeriod:
			checkDate(t, raw, v.From)
			checkDate(t, raw, v.To)
		case model.ValueText:
			if v.Text != v.Raw || v.Text == "" {
				t.Fatalf("%q: text %q", raw, v.Text)
			}
		case model.ValueNone:
			if v.Value != nil || v.Text != "" || v.Unit != "" {
				t.Fatalf("%q: none with content %+v", raw, v)
			}
		default:
			t.Fatalf("%q: kind %q", raw, v.Kind)
		}
		for _, d := range []*model.Decimal{v.Value, v.Min, v.Max} {
			checkCanonical(t, raw, d)
		}
		if v.Base != nil {
			checkCanonical(t, raw, &v.Base.Value)
		}
		if !utf8.ValidString(v.Unit) {
			t.Fatalf("%q: unit %q", raw, v.Unit)
		}
		Met(v, v)
		Met(Value(name, ""), v)
	})
}

func checkDate(t *testing.T, raw, date string) {
	t.Helper()
	switch len(date) {
	case 4, 7, 10:
	default:
		t.Fatalf("%q: date %q", raw, date)
	}
}

func checkCanonical(t *testing.T, raw string, d *model.Decimal) {
	t.Helper()
	if d == nil {
		return
	}
	if c, ok := model.ParseDecimal(string(*d)); !ok || c != *d {
		t.Fatalf("%q: decimal %q is not canonical", raw, *d)
	}
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"300.00", "9.88分", "１０", "98.75%", "0.9875", "1", "150万", "1500000元", "—", "", "1,234.5", ".5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, p := range []func(string) (*model.Decimal, bool){
			Number, Rate,
			func(s string) (*model.Decimal, bool) { return Amount(s, "万元") },
			func(s string) (*model.Decimal, bool) { return Amount(s, "元") },
		} {
			d, ok := p(raw)
			if !ok && d != nil {
				t.Fatalf("%q: %v with ok false", raw, *d)
			}
			checkCanonical(t, raw, d)
		}
	})
}

func FuzzText(f *testing.F) {
	for _, s := range []string{" a \r\n b ", "产 出 指 标", "（万元）", "\u3000x\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := trimSpace(s), strings.TrimFunc(s, isSpace); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
		x := Text(s)
		if Text(x) != x {
			t.Fatalf("Text not idempotent on %q: %q then %q", s, x, Text(x))
		}
		l := Label(s)
		if Label(l) != l {
			t.Fatalf("Label not idempotent on %q", s)
		}
		if f := Fold(s); Fold(f) != f && utf8.ValidString(s) {
			t.Fatalf("Fold not idempotent on %q", s)
		}
	})
}

func BenchmarkValue(b *testing.B) {
	cells := []struct{ raw, name string }{
		{"=20个", "硬件、软件维护数量（个）"}, {"20个", "硬件、软件维护数量（个）"},
		{">=95%", "满意度"}, {"95%", "满意度"}, {"=100%", "系统正常使用率（%）"},
		{"<=300万元", "设备升级改造费用（万元/年）"}, {"296.26万元", "设备升级改造费用（万元/年）"},
		{"2021年12月31日", "项目完成时间"}, {"2021年1月-12月", "项目开展时间"},
		{"长期", "保障系统正常运行"}, {"提高", "服务质量"}, {"/", "/"},
		{"=1440（元/人/年）", "生活费补助金额（元/人/年）"}, {">=6万人", "发放人数（万人）"},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c := cells[i%len(cells)]
		Value(c.raw, c.name)
	}
}

func BenchmarkNumber(b *testing.B) {
	cells := []string{"300.00", "9.88分", "10", "—", "98.75%"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Number(cells[i%len(cells)])
	}
}
