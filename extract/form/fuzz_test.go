package form

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// rowsOf splits s into rows at line ends and into cells at TABs, a cell a
// grid column, as the text-rows reader does without its quoting.
func rowsOf(s string) []table.Row {
	var rows []table.Row
	for n, line := range strings.Split(s, "\n") {
		r := table.Row{At: model.At{Line: n + 1}}
		for i, c := range strings.Split(strings.TrimSuffix(line, "\r"), "\t") {
			r.Cells = append(r.Cells, table.Cell{Text: c, Col: i, Span: 1, At: model.At{Line: n + 1}})
		}
		rows = append(rows, r)
	}
	return rows
}

// FuzzParse feeds the machine rows of any text: it must not panic, must
// number its forms in order, and must say so when it found none.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "variants", "*.rows.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("项目支出绩效自评表\n项目名称\t甲\n一级指标\t二级指标\t三级指标\t年度\t实际\t分值\t得分\n\t\t\t指标值\t完成值\n总分\t100")
	f.Add("项目资金\t\t合计\t中央\t省、地\n\t年初预算数\t1\t2\t3\n\t得分\tx")
	f.Fuzz(func(t *testing.T, s string) {
		forms, problems := Parse(rowsOf(s))
		for i, fm := range forms {
			if fm.Index != i+1 {
				t.Fatalf("form %d has index %d", i+1, fm.Index)
			}
			if fm.Indicators == nil || fm.Findings == nil {
				t.Fatalf("form %d has nil slices", fm.Index)
			}
		}
		for _, p := range problems {
			if p.Code == "" || p.Message == "" || p.Severity == "" {
				t.Fatalf("problem without code, message or severity: %+v", p)
			}
		}
		if len(forms) == 0 && (len(problems) == 0 || problems[len(problems)-1].Code != CodeNoForm) {
			t.Fatalf("no form and no %s problem", CodeNoForm)
		}
	})
}
