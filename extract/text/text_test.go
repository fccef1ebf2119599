package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// cellsOf returns each row's cell texts.
func cellsOf(rows []table.Row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.Texts()
	}
	return out
}

func linesOf(rows []table.Row) [][]int {
	out := make([][]int, len(rows))
	for i, r := range rows {
		for _, c := range r.Cells {
			out[i] = append(out[i], c.At.Line)
		}
	}
	return out
}

func TestParseCells(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		cells [][]string
		lines [][]int
	}{
		{"one row", "\t项目名称\n\t金保工程\n\n", [][]string{{"项目名称", "金保工程"}}, [][]int{{1, 2}}},
		{"blank cell", "\t总分\n\t100\n\t\n\n", [][]string{{"总分", "100", ""}}, [][]int{{1, 2, 3}}},
		{"continuation", "\t项目资金\n（万元）\n\t年初预算数\n\n", [][]string{{"项目资金\n（万元）", "年初预算数"}}, [][]int{{1, 3}}},
		{"two rows", "\ta\n\n\tb\n\tc\n", [][]string{{"a"}, {"b", "c"}}, [][]int{{1}, {3, 4}}},
		{"crlf", "\ta\r\n\tb\r\n\r\n\tc\r\n", [][]string{{"a", "b"}, {"c"}}, [][]int{{1, 2}, {4}}},
		{"crlf continuation", "\t项目资金\r\n（万元）\r\n第三段\r\n\tx\r\n", [][]string{{"项目资金\n（万元）\n第三段", "x"}}, [][]int{{1, 4}}},
		{"cr continuation", "\ta\rb\r\r\tc", [][]string{{"a\nb"}, {"c"}}, [][]int{{1}, {4}}},
		{"cr", "\ta\r\tb\r\r\tc", [][]string{{"a", "b"}, {"c"}}, [][]int{{1, 2}, {4}}},
		{"starts mid-cell", "续上文\n\ta\n", [][]string{{"续上文", "a"}}, [][]int{{1, 2}}},
		{"spaces line ends row", "\ta\n   \n\tb\n", [][]string{{"a"}, {"b"}}, [][]int{{1}, {3}}},
		{"no final newline", "\ta\n\tb", [][]string{{"a", "b"}}, [][]int{{1, 2}}},
		{"empty", "", [][]string{}, [][]int{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Parse(c.in, model.FormatTextCells)
			require.NoError(t, err)
			assert.Equal(t, model.FormatTextCells, res.Format)
			assert.Equal(t, c.cells, cellsOf(res.Rows))
			assert.Equal(t, c.lines, linesOf(res.Rows))
			for _, r := range res.Rows {
				for i, cell := range r.Cells {
					assert.Equal(t, i, cell.Col)
					assert.Equal(t, 1, cell.Span)
				}
			}
		})
	}
}

func TestParseRows(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		cells [][]string
		lines [][]int
	}{
		{"simple", "项目名称\t金保工程\n主管部门\tX\t实施单位\tY\n",
			[][]string{{"项目名称", "金保工程"}, {"主管部门", "X", "实施单位", "Y"}}, [][]int{{1, 1}, {2, 2, 2, 2}}},
		{"quoted line break", "\"项目资金\n（万元）\"\t年初预算数\r\n\t年度资金总额\t300\r\n",
			[][]string{{"项目资金\n（万元）", "年初预算数"}, {"", "年度资金总额", "300"}}, [][]int{{1, 2}, {3, 3, 3}}},
		{"doubled quotes", "\"他说\"\"好\"\"\"\tb\n", [][]string{{`他说"好"`, "b"}}, [][]int{{1, 1}}},
		{"quote inside cell", "“金保工程”\ta\"b\n", [][]string{{"“金保工程”", `a"b`}}, [][]int{{1, 1}}},
		{"blank lines skipped", "a\tb\n\n\nc\td\n", [][]string{{"a", "b"}, {"c", "d"}}, [][]int{{1, 1}, {4, 4}}},
		{"crlf inside quotes", "\"a\r\nb\"\tc\r\nd\te\r\n", [][]string{{"a\nb", "c"}, {"d", "e"}}, [][]int{{1, 2}, {3, 3}}},
		{"trailing tab", "a\t\n", [][]string{{"a", ""}}, [][]int{{1, 1}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Parse(c.in, model.FormatTextRows)
			require.NoError(t, err)
			assert.Equal(t, c.cells, cellsOf(res.Rows))
			assert.Equal(t, c.lines, linesOf(res.Rows))
		})
	}
}

func TestParseRowsUnclosedQuote(t *testing.T) {
	res, err := Parse("a\tb\n\"never closed\tc\nd\n", model.FormatTextRows)
	var te *table.Error
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 2, te.At.Line)
	te.Path = "forms.tsv"
	assert.Equal(t, "forms.tsv:2: quoted cell 1 is not closed", te.Error())
	assert.Equal(t, [][]string{{"a", "b"}}, cellsOf(res.Rows), "rows before the error are kept")
}

// TestLongCell: a cell of many paragraphs is read in linear time.
func TestLongCell(t *testing.T) {
	in := "\t" + strings.Repeat("一段\n", 200000) + "\tx\n"
	res, err := Parse(in, model.FormatTextCells)
	require.NoError(t, err)
	require.Len(t, res.Rows, 1)
	assert.Equal(t, 200000*len("一段\n")-1, len(res.Rows[0].Cells[0].Text))
}

// TestTooManyCells: a hostile file of TABs stops at MaxCells with the
// line where it passed it.
func TestTooManyCells(t *testing.T) {
	defer func(n int) { maxCells = n }(maxCells)
	maxCells = 1000
	for _, shape := range []string{model.FormatTextCells, model.FormatTextRows} {
		in := strings.Repeat("\t\n", maxCells+2)
		if shape == model.FormatTextRows {
			in = strings.Repeat("a\t", maxCells+2) + "\n"
		}
		_, err := Parse(in, shape)
		var te *table.Error
		require.ErrorAs(t, err, &te, shape)
		assert.Contains(t, te.Error(), "cells")
		assert.Positive(t, te.At.Line)
	}
}

func TestDetect(t *testing.T) {
	cases := []struct{ in, want string }{
		{"\t项目名称\n\tX\n\n\t主管部门\n\tY\n", model.FormatTextCells},
		{"项目名称\tX\n主管部门\tY\t实施单位\tZ\n", model.FormatTextRows},
		{"\t年度资金总额\t300\t300\n\t其中\t1\t1\n", model.FormatTextRows},
		{"no tabs at all\n", model.FormatTextRows},
		{"", model.FormatTextRows},
		// Only the first 16 KiB count: rows there outweigh the cells
		// after them, however many.
		{strings.Repeat("a\tb\n", detectBytes/4) + strings.Repeat("\tc\n", 20000), model.FormatTextRows},
		{strings.Repeat("a\tb\n", detectBytes/8) + strings.Repeat("\tc\n", 20000), model.FormatTextCells},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Detect(c.in), "%.40q", c.in)
	}
}

// TestScan: Scan hands over the rows Parse keeps, in the same shape, each
// in a row that it reuses.
func TestScan(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "changji-2021.txt"))
	require.NoError(t, err)
	inputs := []string{string(raw), strings.ReplaceAll(string(raw), "\n", "\r\n"),
		"项目名称\tX\n\"a\nb\"\t\"c\"\"d\"\n\n总分\t100\n"}
	for _, in := range inputs {
		want, err := Parse(in, "")
		require.NoError(t, err)
		var got [][]string
		var rows []*table.Row
		shape, err := Scan(in, "", func(r *table.Row) {
			got = append(got, r.Texts())
			rows = append(rows, r)
		})
		require.NoError(t, err)
		assert.Equal(t, want.Format, shape)
		assert.Equal(t, cellsOf(want.Rows), got)
		for _, r := range rows {
			assert.Same(t, rows[0], r, "Scan reuses its row")
		}
	}
	_, err = Scan("x", "csv", func(*table.Row) {})
	assert.EqualError(t, err, `text: unknown shape "csv"`)
}

// FuzzParse: neither shape panics, and every row has cells numbered in
// order with lines that never decrease.
func FuzzParse(f *testing.F) {
	f.Add("\t项目名称\n\tX\n\n", "")
	f.Add("a\t\"b\nc\"\td\r\n", "")
	f.Add("\"", "text-rows")
	f.Add("x\r\r\ty", "text-cells")
	f.Fuzz(func(t *testing.T, s, shape string) {
		if shape != model.FormatTextCells && shape != model.FormatTextRows {
			shape = ""
		}
		res, err := Parse(s, shape)
		if err != nil {
			var te *table.Error
			require.ErrorAs(t, err, &te)
			require.Positive(t, te.At.Line)
		}
		if res == nil {
			return
		}
		last := 0
		for _, r := range res.Rows {
			require.NotEmpty(t, r.Cells)
			for i, c := range r.Cells {
				require.Equal(t, i, c.Col)
				require.GreaterOrEqual(t, c.At.Line, last)
				last = c.At.Line
			}
		}
		require.LessOrEqual(t, last, strings.Count(s, "\n")+strings.Count(s, "\r")+1)
	})
}

// BenchmarkParse tokenizes the shipped sample.
func BenchmarkParse(b *testing.B) {
	raw := sampleText(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(raw, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOneLine: the cells the readers know to be one line are marked so,
// in both shapes and with every line end; a cell that runs over lines is
// not. (The oracle tests check that no marked cell holds a line break.)
func TestOneLine(t *testing.T) {
	cases := []struct {
		name, in, shape string
		want            []bool // OneLine of each cell, in order
	}{
		{"cells", "\t项目名称\n\t甲\n\n\t分值\n", model.FormatTextCells, []bool{true, true, true}},
		{"cells, a cell over lines", "\t年度目标\n第一段\n\t乙\n", model.FormatTextCells, []bool{false, true}},
		{"cells, a file that starts mid-cell", "续上\n\t丙\n", model.FormatTextCells, []bool{true, true}},
		{"rows", "项目名称\t甲\n分值\t10\n", model.FormatTextRows, []bool{true, true, true, true}},
		{"rows, quoted", "\"甲\"\t\"乙\n丙\"\t丁\n", model.FormatTextRows, []bool{true, false, true}},
	}
	for _, c := range cases {
		for _, in := range []string{c.in, strings.ReplaceAll(c.in, "\n", "\r\n"), strings.ReplaceAll(c.in, "\n", "\r")} {
			var got []bool
			_, err := Scan(in, c.shape, func(r *table.Row) {
				for _, cell := range r.Cells {
					got = append(got, cell.OneLine)
				}
			})
			require.NoError(t, err)
			assert.Equal(t, c.want, got, "%s: %q", c.name, in)
		}
	}
}
