package html

import (
	"errors"
	"testing"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// checkRows checks what every result must hold, whatever the input.
func checkRows(t *testing.T, res *table.Result) {
	t.Helper()
	para := 0
	for i, row := range res.Rows {
		if row.Para {
			para++
			at := model.At{Paragraph: para}
			if len(row.Cells) != 1 || row.At != at || row.Cells[0].At != at || row.Table != 0 {
				t.Fatalf("row %d: paragraph %+v", i, row)
			}
			continue
		}
		if len(row.Cells) == 0 || row.Table < 1 || row.At != row.Cells[0].At {
			t.Fatalf("row %d: %+v", i, row)
		}
		end := 0
		for _, c := range row.Cells {
			if c.Span < 1 || c.Col < end {
				t.Fatalf("row %d: cell overlaps the one before: %+v", i, row)
			}
			end = c.Col + c.Span
			if c.Merged && c.Text != "" {
				t.Fatalf("row %d: merged cell with text %q", i, c.Text)
			}
			if want := (model.At{Table: row.Table, Row: row.At.Row, Col: c.Col + 1}); c.At != want {
				t.Fatalf("row %d: cell at %+v, want %+v", i, c.At, want)
			}
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, body := range []string{
		`<table><tr><td>a<table><tr><td>x</td><td>y</td></tr></table></td><td>b</td></tr></table>`,
		`<table><tr><td rowspan="2" colspan="2">A</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td><td rowspan=0>E</td></tr></table>`,
		`<h1>标题</h1><p>(2021年度)</p><table><caption>表</caption><thead><tr><th rowspan=3>H</th></tr></thead><tbody><tr><td>&nbsp;x<br>y</td></tr></tbody></table>`,
		`<table><tr height="0"><td width="0"></td></tr><tr><td><pre> a
 b</pre><input type=checkbox checked></td></tr></table>`,
		`<meta charset="gb2312"><table><tr><td>a<td>b<tr><td colspan=2>c</table>`,
	} {
		f.Add([]byte(page(body)))
	}
	f.Add([]byte("\xEF\xBB\xBF<p>a</p>"))
	f.Add([]byte("\xFF\xFE<\x00p\x00>\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Read(b)
		if err != nil {
			var te *table.Error
			if !errors.As(err, &te) {
				t.Fatalf("%v is not a *table.Error", err)
			}
			return
		}
		checkRows(t, res)
	})
}
