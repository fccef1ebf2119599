package normalize

import (
	"testing"

	"github.com/jixiao/jixiao/model"
	"github.com/stretchr/testify/assert"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		raw  string
		want *model.Decimal
		ok   bool
	}{
		{"300.00", d("300"), true},
		{"9.88分", d("9.88"), true},
		{"10", d("10"), true},
		{"１０", d("10"), true},
		{"１０．５０分", d("10.5"), true},
		{" 2.50 ", d("2.5"), true},
		{"0.68", d("0.68"), true},
		{"1,234.5", d("1234.5"), true},
		{"10%", d("10"), true},
		{"-1", d("-1"), true},
		{"007", d("7"), true},
		{"", nil, true},
		{"/", nil, true},
		{"—", nil, true},
		{"-", nil, true},
		{"－", nil, true},
		{"——", nil, true},
		{"一", nil, true},
		{"无", nil, true},
		{"不适用", nil, true},
		{"优", nil, false},
		{"10分10", nil, false},
		{"1.2.3", nil, false},
		{"十", nil, false},
	}
	for _, tt := range tests {
		got, ok := Number(tt.raw)
		assert.Equal(t, tt.want, got, "Number(%q)", tt.raw)
		assert.Equal(t, tt.ok, ok, "Number(%q) ok", tt.raw)
	}
}

func TestRate(t *testing.T) {
	tests := []struct {
		raw  string
		want *model.Decimal
		ok   bool
	}{
		{"98.75%", d("98.75"), true},
		{"100.00%", d("100"), true},
		{"27.32％", d("27.32"), true},
		{"120%", d("120"), true},
		{"1", d("100"), true},
		{"1.00", d("100"), true},
		{"0.9875", d("98.75"), true},
		{"0.5", d("50"), true},
		{"98.75", d("98.75"), true},
		{"0", d("0"), true},
		{"0%", d("0"), true},
		{"100百分比", d("100"), true},
		{"—", nil, true},
		{"", nil, true},
		{"高", nil, false},
	}
	for _, tt := range tests {
		got, ok := Rate(tt.raw)
		assert.Equal(t, tt.want, got, "Rate(%q)", tt.raw)
		assert.Equal(t, tt.ok, ok, "Rate(%q) ok", tt.raw)
	}
}

func TestAmount(t *testing.T) {
	tests := []struct {
		raw, unit string
		want      *model.Decimal
		ok        bool
	}{
		{"300.00", "万元", d("300"), true},
		{"89.974", "万元", d("89.974"), true},
		{"150万", "万元", d("150"), true},
		{"150万元", "万元", d("150"), true},
		{"1500000元", "万元", d("150"), true},
		{"1500元", "万元", d("0.15"), true},
		{"15元", "万元", d("0.0015"), true},
		{"150万", "元", d("1500000"), true},
		{"1.5亿元", "万元", d("15000"), true},
		{"2千元", "元", d("2000"), true},
		{"1,500,000", "元", d("1500000"), true},
		{"300", "(万元)", d("300"), true},
		{"300", "（元）", d("300"), true},
		{"150万", "", d("150"), true},
		{"150万", "金额单位:元", d("1500000"), true},
		{"5萬元", "元", d("50000"), true},
		{"—", "万元", nil, true},
		{"", "元", nil, true},
		{"约150万", "万元", nil, false},
	}
	for _, tt := range tests {
		got, ok := Amount(tt.raw, tt.unit)
		assert.Equal(t, tt.want, got, "Amount(%q, %q)", tt.raw, tt.unit)
		assert.Equal(t, tt.ok, ok, "Amount(%q, %q) ok", tt.raw, tt.unit)
	}
}

func TestShift(t *testing.T) {
	tests := []struct {
		d    string
		n    int
		want model.Decimal
	}{
		{"5.8", 4, "58000"},
		{"0.9875", 2, "98.75"},
		{"150", -4, "0.015"},
		{"-1.5", 1, "-15"},
		{"0", 8, "0"},
		{"1500000", -4, "150"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, shift(model.MustDecimal(tt.d), tt.n), "shift(%s, %d)", tt.d, tt.n)
	}
}
