package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/width"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"（万元）", "(万元)"},
		{"％", "%"},
		{"１０", "10"},
		{"＞＝", ">="},
		{"～", "~"},
		{"－", "-"},
		{"／", "/"},
		{"\u3000", " "},
		{"ｶ", "カ"},
		{"①²℃", "①²℃"},
		{"、。", "、。"},
		{"≥≤═﹦", "≥≤═﹦"},
		{"产出指标", "产出指标"},
		{"ascii only", "ascii only"},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Fold(tt.in), "Fold(%q)", tt.in)
	}
}

// TestFoldFastPath checks that every rune width.Fold changes is one Fold's
// pre-scan looks for.
func TestFoldFastPath(t *testing.T) {
	for r := rune(0x80); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := string(r)
		if width.Fold.String(s) != s && !foldable(r) {
			t.Errorf("width.Fold changes %U, which Fold does not look for", r)
		}
	}
}

func TestFoldNoAlloc(t *testing.T) {
	s := "年度资金总额 ≥95%"
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Fold(s) }))
}

func TestLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"产 出 指 标", "产出指标"},
		{"经济效益\n指标", "经济效益指标"},
		{"经济效益\r\n 指标", "经济效益指标"},
		{"产出指标（50分）", "产出指标(50分)"},
		{"\u3000上年结转\u00a0资金\t", "上年结转资金"},
		{"年度\u200b指标值", "年度指标值"},
		{"其中：当年财政拨款", "其中:当年财政拨款"},
		{"满意度指标", "满意度指标"},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Label(tt.in), "Label(%q)", tt.in)
	}
}

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  金保工程  ", "金保工程"},
		{"第一段\r\n第二段", "第一段\n第二段"},
		{"第一段\r第二段", "第一段\n第二段"},
		{"\n\n第一段  \n  第二段\t\n\n", "第一段\n  第二段"},
		{"（全角）保留　", "（全角）保留"},
		{"a \r\n\r\nb", "a\n\nb"},
		{"\u3000\u3000", ""},
		{"", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Text(tt.in), "Text(%q)", tt.in)
	}
}

// TestFoldDirect: the direct mapping of full-width ASCII and the
// ideographic space gives what width.Fold gives.
func TestFoldDirect(t *testing.T) {
	for r := rune(0xFF01); r <= 0xFF5E; r++ {
		s := "前" + string(r) + "后"
		assert.Equal(t, width.Fold.String(s), Fold(s), "%U", r)
	}
	assert.Equal(t, width.Fold.String("a\u3000b（万元）"), Fold("a\u3000b（万元）"))
	assert.Equal(t, width.Fold.String("（１）ｶ"), Fold("（１）ｶ"), "other forms fall back to width.Fold")
}
