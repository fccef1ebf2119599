package main

import "strconv"

// appendText appends forms as an Apache Tika text export, the shape of
// testdata/changji-2021.txt: each cell on a line led by a TAB (a cell's
// further paragraphs on lines of their own, without the TAB), a blank
// line after each row, three more at the end. Tika gives every row of a
// file's first table one more empty cell than the grid holds, except the
// rows of "/"; the generator does the same.
func appendText(dst []byte, forms []*Form) []byte {
	for i, f := range forms {
		for _, row := range f.textRows() {
			for _, c := range row.cells {
				dst = append(dst, '\t')
				dst = append(dst, c...)
				dst = append(dst, '\n')
			}
			if i == 0 && !row.slashes {
				dst = append(dst, "\t\n"...)
			}
			dst = append(dst, '\n')
		}
	}
	return append(dst, "\n\n\n"...)
}

// textRow is one row of a text export.
type textRow struct {
	cells   []string
	slashes bool // a row of "/"
}

// fundsHeads and indicatorHeads are the column headers of the funds block
// and of the indicator table.
var (
	fundsHeads     = []string{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"}
	indicatorHeads = []string{"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"}
)

// textIndent is how Tika indents the funds labels of the sample.
var textIndent = [4]string{"", "", "      ", "  "}

// textRows lays the form out as Tika exports it: merged cells written once
// in the row where they start and empty below, an empty row after the
// indicator header, and the 一级指标 column's label on the first indicator.
func (f *Form) textRows() []textRow {
	rows := []textRow{
		{cells: []string{f.Title}},
		{cells: []string{yearLine(f.Year)}},
		{cells: []string{"项目名称", f.Project}},
		{cells: []string{"主管部门", f.Department, "实施单位", f.Unit}},
		{cells: append([]string{"项目资金\n（万元）", ""}, fundsHeads...)},
	}
	for i, fr := range f.Funds {
		rows = append(rows, textRow{cells: []string{"", textIndent[i] + fr.Label,
			fr.Initial, fr.Annual, fr.Executed, fr.Weight, fr.Rate, fr.Score}})
	}
	rows = append(rows,
		textRow{cells: []string{"年度总体目标", "预期目标", "实际完成情况"}},
		textRow{cells: []string{"", f.Planned, f.Achieved}},
		textRow{cells: append([]string{""}, indicatorHeads...)},
		textRow{cells: make([]string, 1+len(indicatorHeads))},
	)
	for i, in := range f.Indicators {
		first, level1 := "", ""
		if i == 0 {
			first = "年度绩效指标完成情况"
		}
		if i == 0 || f.Indicators[i-1].Level1 != in.Level1 {
			level1 = in.Level1
		}
		if in.NA {
			rows = append(rows, textRow{cells: []string{first, level1, in.Level2, "/", "/", "/", "/", "/", "/", "/"}, slashes: true})
			continue
		}
		rows = append(rows, textRow{cells: []string{first, level1, in.Level2,
			in.Name, in.Target, in.Actual, in.Weight, in.Score, in.Deviation}})
	}
	return append(rows, textRow{cells: []string{"总分", f.TotalWeight, f.TotalScore, ""}})
}

// yearLine is the line under the title.
func yearLine(year int) string {
	return "(" + strconv.Itoa(year) + "年度)"
}
