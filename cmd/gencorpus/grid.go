package main

import "strings"

// gridCols is the number of grid columns of a form's table.
const gridCols = 9

// Vertical merges of a grid cell.
const (
	mergeNone     = iota
	mergeRestart  // the first cell of a vertical merge
	mergeContinue // a cell covered by the merge above
)

// gridCell is one cell of a form's table as Word holds it: spanning span
// grid columns, and taking part in a vertical merge.
type gridCell struct {
	text  string // paragraphs separated by "\n"
	span  int
	merge int
	rows  int  // for mergeRestart, the rows the merge covers
	run   bool // written as a paragraph holding an empty run, <w:p><w:r/></w:p>
}

// gridRow is one row of a form's table.
type gridRow struct {
	cells []gridCell
	title bool // one of the two title rows
}

// cell is a plain cell of span columns.
func cell(text string, span int) gridCell {
	return gridCell{text: text, span: span}
}

// restart is the first cell of a vertical merge over rows rows.
func restart(text string, rows int) gridCell {
	return gridCell{text: text, span: 1, merge: mergeRestart, rows: rows}
}

// cont is a cell covered by a vertical merge.
var cont = gridCell{span: 1, merge: mergeContinue}

// grid lays the form out as the sample's Word tables: nine columns, the
// block labels (项目资金, 年度总体目标, 年度绩效指标完成情况) and each 一级指标
// merged down their rows.
func (f *Form) grid() []gridRow {
	rows := []gridRow{
		{cells: []gridCell{cell(f.Title, 9)}, title: true},
		{cells: []gridCell{cell(yearLine(f.Year), 9)}, title: true},
		{cells: []gridCell{cell("项目名称", 1), cell(f.Project, 8)}},
		{cells: []gridCell{cell("主管部门", 1), cell(f.Department, 4), cell("实施单位", 1), cell(f.Unit, 3)}},
	}
	head := []gridCell{restart("项目资金（万元）", 1+len(f.Funds)), cell("", 2)}
	for _, h := range fundsHeads {
		head = append(head, cell(h, 1))
	}
	rows = append(rows, gridRow{cells: head})
	for _, fr := range f.Funds {
		rows = append(rows, gridRow{cells: []gridCell{cont, cell(fr.Label, 2),
			cell(fr.Initial, 1), cell(fr.Annual, 1), cell(fr.Executed, 1), cell(fr.Weight, 1), cell(fr.Rate, 1), cell(fr.Score, 1)}})
	}
	rows = append(rows,
		gridRow{cells: []gridCell{restart("年度总体目标", 2), cell("预期目标", 4), cell("实际完成情况", 4)}},
		gridRow{cells: []gridCell{cont, cell(f.Planned, 4), cell(f.Achieved, 4)}},
	)
	head = []gridCell{restart("年度绩效指标完成情况", 1+len(f.Indicators))}
	for _, h := range indicatorHeads {
		head = append(head, cell(h, 1))
	}
	rows = append(rows, gridRow{cells: head})
	for i, in := range f.Indicators {
		level1 := cont
		if i == 0 || f.Indicators[i-1].Level1 != in.Level1 {
			n := 1
			for n < len(f.Indicators)-i && f.Indicators[i+n].Level1 == in.Level1 {
				n++
			}
			level1 = cell(in.Level1, 1)
			if n > 1 {
				level1 = restart(in.Level1, n)
			}
		}
		cells := []gridCell{cont, level1, cell(in.Level2, 1)}
		if in.NA {
			for range 6 {
				cells = append(cells, cell("/", 1))
			}
		} else {
			cells = append(cells, cell(in.Name, 1), cell(in.Target, 1), cell(in.Actual, 1),
				cell(in.Weight, 1), cell(in.Score, 1), gridCell{text: strings.TrimLeft(in.Deviation, " "), span: 1, run: true})
		}
		rows = append(rows, gridRow{cells: cells})
	}
	return append(rows, gridRow{cells: []gridCell{cell("总分", 6), cell(f.TotalWeight, 1), cell(f.TotalScore, 1), cell("", 1)}})
}
