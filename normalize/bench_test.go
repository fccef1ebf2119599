package normalize

import (
	"testing"

	"github.com/jixiao/jixiao/model"
)

// valueCells are typical target and actual cells, each benchmarked alone.
var valueCells = []struct{ raw, name string }{
	{">=95%", "满意度"}, {"=20个", "硬件、软件维护数量（个）"}, {"≤300万元", "设备升级改造费用（万元/年）"},
	{"2021年12月31日", "项目完成时间"}, {"长期", "保障系统正常运行"}, {"100%", "系统正常使用率（%）"},
	{"20个", "硬件、软件维护数量（个）"}, {"是", "是否按时完成"}, {"达标", "数据安全"},
	{"有效提升了社会保险经办服务水平", "社会效益"},
}

func BenchmarkValueCells(b *testing.B) {
	for _, c := range valueCells {
		b.Run(c.raw, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Value(c.raw, c.name)
			}
		})
	}
}

// textCells are cells as an export writes them: labels, numbers, names,
// narrative with line breaks, and a few with white space to clean.
var textCells = []string{
	"项目名称", "“金保工程”社会保险信息系统升级改造经费", "300.00", "296.26", "98.75%", "10", "产出指标",
	"数量指标", "硬件、软件维护数量（个）", "=20个", "≥95%", "",
	"完成了社会保险信息系统的升级改造，\n保障了系统的正常运行。", " 年度资金总额 ", "其中：当年财政拨款",
	"经济效益\r\n指标", "2021年12月31日", "/",
}

func BenchmarkText(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Text(textCells[i%len(textCells)])
	}
}

// labelCells are level labels and header cells as written.
var labelCells = []string{
	"产出指标", "数量指标", "质量指标", "时效指标", "成本指标", "效益指标", "社会效益指标", "满意度指标",
	"年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金", "一级指标", "三级指标", "年度指标值",
	"实际完成值", "分值", "得分", "产 出 指 标", "经济效益\n指标", "（万元）", "偏差原因分析及改进措施",
}

func BenchmarkLabel(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Label(labelCells[i%len(labelCells)])
	}
}

func BenchmarkFold(b *testing.B) {
	cells := append(append([]string(nil), labelCells...), textCells...)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Fold(cells[i%len(cells)])
	}
}

// metPairs are target and actual values, with their indicator name.
var metPairs = []struct{ target, actual, name string }{
	{">=95%", "95%", "满意度"}, {"=20个", "20个", ""}, {"<=300万元", "296.26万元", ""},
	{"2021年12月31日", "2021年12月", ""}, {">=6万人", "5.8万人", ""}, {"=100%", "1", "系统正常使用率（%）"},
	{"90%-100%", "95%", ""}, {"长期", "长期", ""}, {"=1440（元/人/年）", "1440元/人/年", ""},
}

// metValues returns metPairs parsed.
func metValues() (targets, actuals []model.Value) {
	for _, p := range metPairs {
		targets = append(targets, Value(p.target, p.name))
		actuals = append(actuals, Value(p.actual, p.name))
	}
	return targets, actuals
}

func BenchmarkMet(b *testing.B) {
	targets, actuals := metValues()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := i % len(targets)
		Met(targets[k], actuals[k])
	}
}

// BenchmarkArenaMet is BenchmarkMet with the results cut from an Arena,
// reset after each pass over the pairs.
func BenchmarkArenaMet(b *testing.B) {
	targets, actuals := metValues()
	var a Arena
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := i % len(targets)
		if k == 0 {
			a.Reset()
		}
		a.Met(targets[k], actuals[k])
	}
}

// BenchmarkArenaValueCells is BenchmarkValueCells with the numbers cut
// from an Arena, reset as a parser resets its own after each document.
func BenchmarkArenaValueCells(b *testing.B) {
	for _, c := range valueCells {
		b.Run(c.raw, func(b *testing.B) {
			var a Arena
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if i%arenaSlab == 0 {
					a.Reset()
				}
				a.Value(c.raw, c.name)
			}
		})
	}
}
