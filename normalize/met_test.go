package normalize

import (
	"testing"

	"github.com/jixiao/jixiao/model"
	"github.com/stretchr/testify/assert"
)

func TestMet(t *testing.T) {
	yes, no := new(bool), new(bool)
	*yes = true
	tests := []struct {
		target, actual, name string
		want                 *bool
	}{
		{">=95%", "95%", "", yes},
		{">=95%", "94.9%", "", no},
		{"=100%", "100%", "", yes},
		{"=100%", "96.7%", "", no},
		{"=0%", "0%", "", yes},
		{"<=300万元", "296.26万元", "", yes},
		{"<=15万元", "15.01万元", "", no},
		{">6", "6", "", no},
		{"<3%", "2.99%", "", yes},
		{"<3%", "3%", "", no},
		{"=20个", "20个", "", yes},
		{"=13440人", "12488人", "", no},
		{">=6万人", "5.8万人", "", no},
		{">=5.8万人", "58000人", "", yes},
		{">=60000人", "5.8万人", "", no},
		{"=12月", "12个月", "", yes},
		{"=12个月", "十二个月", "", yes},
		{"1天", "1日", "", yes},
		{"20个", "25个", "", yes},
		{"20个", "15个", "", no},
		{"90%-100%", "95%", "", yes},
		{"90%-100%", "89%", "", no},
		{"90-100", "100", "满意度（%）", yes},
		{">=95%", "95", "", yes},
		{"=20个", "20", "", yes},
		{"不少于12 种", "≥13种", "", yes},
		{"=1440（元/人/年）", "1440（元/人/年）", "", yes},
		{"=100%", "1", "", yes},
		{">=95%", "0.96", "", yes},
		{">=95", "0.9", "满意度（%）", no},
		{"=100", "1", "使用率（%）", yes},
		{"<=5%", "0.5", "", yes},
		{"=1%", "1", "", yes},
		{"=8年", "100%", "", nil},
		{"=20个", "20次", "", nil},
		{"长期", "100%", "", nil},
		{"提高", "提高", "", nil},
		{">=95%", "/", "", nil},
		{">=95%", "较好", "", nil},
		{">=95%", "90%-100%", "", nil},
		{"2021年12月31日", "2021年12月31日", "", yes},
		{"2021年12月31日", "2021年12月", "", yes},
		{"2021年12月31日", "2022年1月", "", no},
		{"2021.12", "2021-11-30", "", yes},
		{"2021年1月-12月", "2021年1月-12月", "", yes},
		{"2021年1月-12月", "2021年3月-2022年2月", "", no},
		{"2021年12月31日", "100%", "", nil},
		{"在项目计划完成时间内完成", "2021年12月", "", nil},
	}
	for _, tt := range tests {
		got := Met(Value(tt.target, tt.name), Value(tt.actual, tt.name))
		assert.Equal(t, tt.want, got, "Met(%q, %q)", tt.target, tt.actual)
	}
}

// TestCmpScaled checks cmpScaled, whose fast path compares canonical
// decimals as strings, on real values and forms it leaves to
// model.CmpScaled.
func TestCmpScaled(t *testing.T) {
	for _, c := range []struct {
		a      model.Decimal
		ea     int
		b      model.Decimal
		eb     int
		want   int
		wholeA int
	}{
		{"95", 0, "94.9", 0, 1, 2}, {"94.9", 0, "95", 0, -1, 2}, {"100", 0, "95", 0, 1, 3},
		{"296.26", 0, "300", 0, -1, 3}, {"20", 0, "20", 0, 0, 2}, {"0", 0, "0.5", 0, -1, 1},
		{"0.25", 0, "0.5", 0, -1, 1}, {"12", 0, "12.5", 0, -1, 2}, {"5.8", 4, "60000", 0, -1, 1},
		{"2.50", 0, "2.5", 0, 0, 0}, {"07", 0, "7", 0, 0, 0}, {"-1", 0, "0", 0, -1, 0},
		{"2.", 0, "2", 0, 0, 0}, {"", 0, "1", 0, -1, 0}, {"1.2.3", 0, "1", 0, 1, 0},
	} {
		if c.a != "1.2.3" && c.a != "" {
			assert.Equal(t, c.want, cmpScaled(c.a, c.ea, c.b, c.eb), "cmpScaled(%q, %d, %q, %d)", c.a, c.ea, c.b, c.eb)
			assert.Equal(t, -c.want, cmpScaled(c.b, c.eb, c.a, c.ea), "cmpScaled(%q, %d, %q, %d)", c.b, c.eb, c.a, c.ea)
		}
		assert.Equal(t, c.wholeA, wholeLen(c.a), "wholeLen(%q)", c.a)
	}
}

// FuzzCmpScaled checks cmpScaled against model.CmpScaled on numbers as
// written and in canonical form.
func FuzzCmpScaled(f *testing.F) {
	f.Add("95", "94.9", uint8(0), uint8(0))
	f.Add("5.8", "60000", uint8(4), uint8(0))
	f.Add("2.50", "2.5", uint8(0), uint8(0))
	f.Add("007", "0.07", uint8(2), uint8(2))
	f.Fuzz(func(t *testing.T, x, y string, ex, ey uint8) {
		for _, c := range x + y {
			if (c < '0' || c > '9') && c != '.' && c != '-' {
				return // model.CmpScaled takes numbers only
			}
		}
		dx, ok1 := model.ParseDecimal(x)
		dy, ok2 := model.ParseDecimal(y)
		if !ok1 || !ok2 {
			return
		}
		ea, eb := int(ex%10), int(ey%10)
		want := model.CmpScaled(dx, ea, dy, eb)
		if got := cmpScaled(dx, ea, dy, eb); got != want {
			t.Fatalf("cmpScaled(%q, %d, %q, %d) = %d, want %d", dx, ea, dy, eb, got, want)
		}
		if got := cmpScaled(model.Decimal(x), ea, model.Decimal(y), eb); got != want {
			t.Fatalf("cmpScaled(%q, %d, %q, %d) = %d, want %d", x, ea, y, eb, got, want)
		}
	})
}
