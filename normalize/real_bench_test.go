package normalize

import (
	"os"
	"strings"
	"testing"
)

// The benchmarks in this file run each function over the cells extract
// gives it on a real form, in about the proportions they occur there.

// realValueCells are target and actual cells with their indicator names.
var realValueCells = []struct{ raw, name string }{
	{"=100%", "“金保工程”系统正常使用率（%）"}, {"100%", "“金保工程”系统正常使用率（%）"},
	{">=95%", "参保群众满意度"}, {"95%", "参保群众满意度"}, {"=0%", "系统故障率（%）"}, {"0%", "系统故障率（%）"},
	{"=20个", "硬件、软件维护数量（个）"}, {"20个", "硬件、软件维护数量（个）"},
	{"=1天", "系统故障修复处理时间（天）"}, {"1天", "系统故障修复处理时间（天）"},
	{"=1小时", "系统运行维护响应时间（小时）"}, {"1小时", "系统运行维护响应时间（小时）"},
	{"2021年12月31日", "项目完成时间"}, {"2021年12月31日", "项目完成时间"},
	{"2021年1月-12月", "项目开展时间"}, {"<=300万元", "社会保险信息系统设备升级改造费用（万元/年）"},
	{"296.26万元", "社会保险信息系统设备升级改造费用（万元/年）"}, {"长期", "保障社会保险经办系统正常运行"},
	{"长期", "保障社会保险经办系统正常运行"}, {"提高", "被补助人群生活质量改善情况"}, {"提升", "政策执行力"},
	{"90%", "参保群众满意度"}, {"80%", "参保群众满意度"}, {"≤300万元", "设备升级改造费用（万元/年）"},
	{"≥50个", "培训人次"}, {"是", "是否按时完成"}, {"达标", "数据安全"}, {"/", "/"},
	{"有效提升了社会保险经办服务水平", "社会效益"},
}

func BenchmarkRealValue(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c := realValueCells[i%len(realValueCells)]
		Value(c.raw, c.name)
	}
}

// realNumberCells are weight, score and funds cells.
var realNumberCells = []string{
	"10", "0", "15", "5", "100", "20", "4", "15.00", "100.00分", "100.00%", "10.00分", "2.5", "18.46", "—",
	"—", "/", "300.00", "296.26", "9.88分", "98.75%", "7.20", "62.00", "38.64", "20.00分", "4.93",
}

func BenchmarkRealNumber(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Number(realNumberCells[i%len(realNumberCells)])
	}
}

// realLabelCells are level names and label-like cells.
var realLabelCells = []string{
	"产出指标", "数量指标", "质量指标", "时效指标", "成本指标", "效益指标", "经济效益指标", "社会效益指标",
	"生态效益指标", "可持续影响指标", "满意度指标", "服务对象满意度指标", "年度资金总额", "其中：当年财政拨款",
	"      上年结转资金", "  其他资金", "项目资金\n（万元）", "分值", "得分", "执行率", "(2021年度)", "产 出 指 标",
}

func BenchmarkRealLabel(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Label(realLabelCells[i%len(realLabelCells)])
	}
}

// formCells returns the cells of testdata/changji-2021.txt, each line led
// by a TAB a cell and the lines after it without one its continuation.
func formCells(b *testing.B) []string {
	data, err := os.ReadFile("../testdata/changji-2021.txt")
	if err != nil {
		b.Skip(err)
	}
	var cells []string
	cell, in := "", false
	for _, l := range strings.Split(string(data), "\n") {
		if c, ok := strings.CutPrefix(l, "\t"); ok {
			if in {
				cells = append(cells, cell)
			}
			cell, in = c, true
		} else if in {
			cell += "\n" + l
		}
	}
	return cells
}

func BenchmarkRealText(b *testing.B) {
	cells := formCells(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Text(cells[i%len(cells)])
	}
}

// BenchmarkArenaRealValue is BenchmarkRealValue with the numbers cut from
// an Arena, reset after each pass over the cells as a parser resets its
// own after each document.
func BenchmarkArenaRealValue(b *testing.B) {
	var a Arena
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := i % len(realValueCells)
		if k == 0 {
			a.Reset()
		}
		c := realValueCells[k]
		a.Value(c.raw, c.name)
	}
}
