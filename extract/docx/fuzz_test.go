package docx

import (
	"bytes"
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

func FuzzParse(f *testing.F) {
	for _, body := range []string{
		p("项目支出绩效自评表") + tbl(tr(`<w:gridBefore w:val="1"/>`, tc(span(2), "a"), tc("", "b")), tr("", cells("x", "y", "z"))),
		tbl(tr("", tc(vRestart, "A"), cells("b")), tr("", tc(vCont, "c"), cells("d")), tr("", tc(span(2)+vCont))),
		tbl(tr("", tc(hRestart+vRestart, "A"), tc(hCont+vRestart), cells("d")), tr("", tc(span(2)+vCont), cells("y"))),
		tbl(tr("", tc(vCont, "lost"), tc(hCont, "left"))),
		tbl(tr("", tc("", p("上"), tbl(tr("", cells("a", "b"))), "<w:p/>"), tc("", "x"))),
		`<w:sdt><w:sdtContent>` + tbl(tr("", `<w:sdt><w:sdtContent>`+tc("", "b")+`</w:sdtContent></w:sdt>`)) + `</w:sdtContent></w:sdt>`,
		p(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + p("c") +
			`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback>` + p("f") + `</mc:Fallback></mc:AlternateContent></w:r>`),
		p(`<w:ins>`+r("i")+`</w:ins><w:del><w:r><w:delText>d</w:delText></w:r></w:del>`, sym("Wingdings", "F0FE"), checkBox(`<w:default w:val="1"/>`)),
	} {
		f.Add([]byte(document(body)))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Parse(bytes.NewReader(b))
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
