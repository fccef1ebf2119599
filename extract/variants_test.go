package extract_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/extract/text"
	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/normalize"
)

// A grid is a fixture written once, in the small format of
// testdata/variants/*.grid (see README.md there), and rendered into every
// shape a form arrives in: text-cells, text-rows, HTML and docx.
type grid struct {
	name string
	rows []gridRow
}

// gridRow is one table row, or one paragraph outside the tables.
type gridRow struct {
	para  bool
	cells []gridCell
	line  int // in the .grid file
}

// gridCell is one cell: its text, the grid columns it spans, and whether
// it continues the cell above it (a vertical merge, written ^).
type gridCell struct {
	text   string
	span   int
	merged bool
}

// readGrid reads testdata/variants/name.grid.
func readGrid(t testing.TB, name string) *grid {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "variants", name+".grid"))
	require.NoError(t, err)
	g, err := parseGrid(name, string(b))
	require.NoError(t, err)
	return g
}

// parseGrid parses the .grid format.
func parseGrid(name, s string) (*grid, error) {
	g := &grid{name: name}
	sc := bufio.NewScanner(strings.NewReader(s))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := gridRow{line: n}
		if p, ok := strings.CutPrefix(line, "> "); ok {
			r.para = true
			r.cells = []gridCell{{text: unescape(strings.Trim(p, " ")), span: 1}}
			g.rows = append(g.rows, r)
			continue
		}
		for _, f := range strings.Split(line, "|") {
			c := gridCell{span: 1}
			f = strings.Trim(f, " ")
			if f == "^" {
				c.merged = true
			} else {
				if strings.HasPrefix(f, "<") {
					if i := strings.IndexByte(f, '>'); i > 0 {
						sp, err := strconv.Atoi(f[1:i])
						if err != nil || sp < 1 {
							return nil, fmt.Errorf("%s.grid:%d: bad span %q", name, n, f[:i+1])
						}
						c.span, f = sp, f[i+1:]
					}
				}
				c.text = unescape(f)
			}
			for _, l := range strings.Split(c.text, "\n")[1:] {
				if strings.TrimSpace(l) == "" || l[0] == '\t' {
					return nil, fmt.Errorf("%s.grid:%d: a cell's continuation line cannot be blank or start with a TAB", name, n)
				}
			}
			r.cells = append(r.cells, c)
		}
		g.rows = append(g.rows, r)
	}
	return g, sc.Err()
}

// unescape turns \n into a line break and ␣ into a space.
func unescape(s string) string {
	return strings.NewReplacer(`\n`, "\n", "␣", " ").Replace(s)
}

// cells renders g as a text-cells export: a cell a line led by a TAB, a
// line break inside a cell as a line of its own, a blank line after each
// row; paragraphs as lines without the TAB, as Tika writes them.
func (g *grid) cells() []byte {
	var b bytes.Buffer
	for _, r := range g.rows {
		if r.para {
			b.WriteString(r.cells[0].text)
			b.WriteString("\n\n")
			continue
		}
		for _, c := range r.cells {
			b.WriteByte('\t')
			b.WriteString(c.text)
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// tsv renders g as spreadsheet "Unicode text": a row a line, TAB between
// cells, a cell holding a line break or a quote quoted, CRLF line ends.
func (g *grid) tsv() []byte {
	var b bytes.Buffer
	for _, r := range g.rows {
		for i, c := range r.cells {
			if i > 0 {
				b.WriteByte('\t')
			}
			if strings.ContainsAny(c.text, "\"\n\t") {
				b.WriteString(`"` + strings.ReplaceAll(c.text, `"`, `""`) + `"`)
			} else {
				b.WriteString(c.text)
			}
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

// tables groups the table rows of g between paragraphs, and computes each
// cell's row span from the ^ cells under it.
func (g *grid) tables() (parts [][]gridRow, rowspan map[*gridCell]int) {
	rowspan = map[*gridCell]int{}
	var cur []gridRow
	flush := func() {
		if len(cur) > 0 {
			parts = append(parts, cur)
			cur = nil
		}
	}
	for _, r := range g.rows {
		if r.para {
			flush()
			parts = append(parts, []gridRow{r})
			continue
		}
		cur = append(cur, r)
	}
	flush()
	for _, p := range parts {
		if p[0].para {
			continue
		}
		owner := map[int]*gridCell{} // grid column → the cell starting there
		for i := range p {
			col := 0
			for j := range p[i].cells {
				c := &p[i].cells[j]
				if c.merged {
					if o := owner[col]; o != nil {
						rowspan[o]++
					}
				} else {
					owner[col] = c
					rowspan[c] = 1
				}
				col += c.span
			}
		}
	}
	return parts, rowspan
}

// html renders g as an HTML page: paragraphs as <p>, table rows as <tr>,
// spans as colspan and rowspan.
func (g *grid) html() []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + g.name + "</title></head><body>\n")
	parts, rowspan := g.tables()
	for _, p := range parts {
		if p[0].para {
			fmt.Fprintf(&b, "<p>%s</p>\n", htmlText(p[0].cells[0].text))
			continue
		}
		b.WriteString("<table border=\"1\">\n")
		for i := range p {
			b.WriteString("<tr>")
			for j := range p[i].cells {
				c := &p[i].cells[j]
				if c.merged {
					continue
				}
				b.WriteString("<td")
				if c.span > 1 {
					fmt.Fprintf(&b, " colspan=\"%d\"", c.span)
				}
				if n := rowspan[c]; n > 1 {
					fmt.Fprintf(&b, " rowspan=\"%d\"", n)
				}
				fmt.Fprintf(&b, ">%s</td>", htmlText(c.text))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	b.WriteString("</body></html>\n")
	return b.Bytes()
}

func htmlText(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
}

// docx renders g as a Word document: paragraphs as w:p, table rows as w:tr,
// spans as w:gridSpan and w:vMerge, line breaks as paragraphs of a cell.
func (g *grid) docx() []byte {
	var body bytes.Buffer
	para := func(s string) {
		body.WriteString("<w:p>")
		if s != "" {
			fmt.Fprintf(&body, `<w:r><w:t xml:space="preserve">%s</w:t></w:r>`, html.EscapeString(s))
		}
		body.WriteString("</w:p>")
	}
	parts, rowspan := g.tables()
	for _, p := range parts {
		if p[0].para {
			for _, l := range strings.Split(p[0].cells[0].text, "\n") {
				para(l)
			}
			continue
		}
		width := 0
		for _, r := range p {
			n := 0
			for _, c := range r.cells {
				n += c.span
			}
			width = max(width, n)
		}
		body.WriteString("<w:tbl><w:tblGrid>")
		for range width {
			body.WriteString(`<w:gridCol w:w="1000"/>`)
		}
		body.WriteString("</w:tblGrid>")
		for i := range p {
			body.WriteString("<w:tr>")
			for j := range p[i].cells {
				c := &p[i].cells[j]
				body.WriteString("<w:tc><w:tcPr>")
				if c.span > 1 {
					fmt.Fprintf(&body, `<w:gridSpan w:val="%d"/>`, c.span)
				}
				switch {
				case c.merged:
					body.WriteString("<w:vMerge/>")
				case rowspan[c] > 1:
					body.WriteString(`<w:vMerge w:val="restart"/>`)
				}
				body.WriteString("</w:tcPr>")
				for _, l := range strings.Split(c.text, "\n") {
					para(l)
				}
				body.WriteString("</w:tc>")
			}
			body.WriteString("</w:tr>")
		}
		body.WriteString("</w:tbl>")
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, f := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `</w:body></w:document>`},
	} {
		w, err := z.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate})
		if err != nil {
			panic(err)
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			panic(err)
		}
	}
	if err := z.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// variants are the fixtures of testdata/variants.
var variants = []string{"titles", "funds", "goals", "indicators", "levels", "department", "totals"}

// shape is one rendering of a grid, as a file beside it.
type shape struct {
	ext    string // file name suffix
	format string // model.Format* the extractor must report
	render func(*grid) []byte
}

var shapes = []shape{
	{".cells.txt", model.FormatTextCells, (*grid).cells},
	{".rows.txt", model.FormatTextRows, (*grid).tsv},
	{".html", model.FormatHTML, (*grid).html},
	{".docx", model.FormatDocx, (*grid).docx},
}

// TestVariantFiles checks that the rendered fixtures beside each .grid are
// current; -update rewrites them.
func TestVariantFiles(t *testing.T) {
	for _, name := range variants {
		g := readGrid(t, name)
		for _, sh := range shapes {
			path := filepath.Join("..", "testdata", "variants", name+sh.ext)
			want := sh.render(g)
			if *update {
				require.NoError(t, os.WriteFile(path, want, 0o644))
			}
			got, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./extract/ -run TestVariantFiles -update")
			assert.True(t, bytes.Equal(want, got), "%s is not current: run go test ./extract/ -run TestVariantFiles -update", path)
		}
	}
}

// TestVariants extracts every fixture in every shape and checks what came
// out field by field, and that nothing was lost.
func TestVariants(t *testing.T) {
	checks := map[string]func(*testing.T, *model.Document){
		"titles":     checkTitles,
		"funds":      checkFunds,
		"goals":      checkGoals,
		"indicators": checkIndicators,
		"levels":     checkLevels,
		"department": checkDepartment,
		"totals":     checkTotals,
	}
	for _, name := range variants {
		g := readGrid(t, name)
		res, err := text.Parse(string(g.cells()), model.FormatTextCells)
		require.NoError(t, err)
		cells := 0
		for _, r := range res.Rows {
			for _, c := range r.Cells {
				if strings.TrimSpace(c.Text) != "" {
					cells++
				}
			}
		}
		require.Greater(t, cells, 100, "%s has hundreds of non-empty cells to find", name)
		for _, sh := range shapes {
			t.Run(name+sh.ext, func(t *testing.T) {
				path := filepath.Join("..", "testdata", "variants", name+sh.ext)
				b, err := os.ReadFile(path)
				require.NoError(t, err)
				doc, err := extract.Bytes(b, path, nil)
				require.NoError(t, err)
				assert.Equal(t, sh.format, doc.Source.Format)
				checks[name](t, doc)
				assertNothingLost(t, readable(res.Rows), doc)
			})
		}
	}
}

// dec writes d as the JSON does, "" for nil.
func dec(d *model.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// head is a form's title and header fields; extra holds HeaderExtra as
// label=value.
type head struct {
	Title, Year, Kind, Project, Department, Unit string
	Extra                                        []string
}

func heads(doc *model.Document) []head {
	var hs []head
	for _, f := range doc.Forms {
		h := head{Title: f.Title, Kind: f.Kind, Project: f.ProjectName,
			Department: f.CompetentDepartment, Unit: f.ImplementingUnit}
		if f.Year != nil {
			h.Year = strconv.Itoa(*f.Year)
		}
		for _, e := range f.HeaderExtra {
			h.Extra = append(h.Extra, e.Label+"="+e.Value)
		}
		hs = append(hs, h)
	}
	return hs
}

// fund is a funds row: key is total, fiscal, carryover, other or extra.
type fund struct {
	Key, Label                                           string
	Initial, Annual, Executed, Weight, Rate, Score, Note string
}

func funds(f model.Form) []fund {
	if f.Funds == nil {
		return nil
	}
	var out []fund
	add := func(key string, r *model.FundsRow) {
		if r != nil {
			out = append(out, fund{key, r.Label, dec(r.InitialBudget), dec(r.AnnualBudget), dec(r.Executed),
				dec(r.Weight), dec(r.ExecutionRate), dec(r.Score), r.Note})
		}
	}
	add("total", f.Funds.Total)
	add("fiscal", f.Funds.Fiscal)
	add("carryover", f.Funds.Carryover)
	add("other", f.Funds.Other)
	for i := range f.Funds.ExtraRows {
		add("extra", &f.Funds.ExtraRows[i])
	}
	return out
}

// ind is an indicator's levels, name, cells as written, weight and score;
// Core and NA (not applicable) flag the row, Extra holds label=value.
type ind struct {
	L1, L1W, L2, L2W, Name, Target, Actual, Weight, Score string
	Core, NA                                              bool
	Extra                                                 []string
}

func inds(f model.Form) []ind {
	var out []ind
	for _, in := range f.Indicators {
		i := ind{L1: in.Level1, L1W: dec(in.Level1Weight), L2: in.Level2, L2W: dec(in.Level2Weight),
			Target: in.Target.Raw, Actual: in.Actual.Raw, Weight: dec(in.Weight), Score: dec(in.Score),
			Core: in.Core, NA: !in.Applicable}
		if in.Name != nil {
			i.Name = *in.Name
		}
		for _, e := range in.Extra {
			i.Extra = append(i.Extra, e.Label+"="+e.Value)
		}
		out = append(out, i)
	}
	return out
}

// val is a parsed Value: kind, operator, number and unit.
type val struct{ Raw, Kind, Op, Value, Unit, UnitFrom, Text string }

func vals(v model.Value) val {
	return val{v.Raw, v.Kind, v.Op, dec(v.Value), v.Unit, v.UnitFrom, v.Text}
}

// total writes a form's total as weight/score/grade, "" when it has none.
func total(f model.Form) string {
	if f.Total == nil {
		return ""
	}
	s := dec(f.Total.Weight) + "/" + dec(f.Total.Score)
	if f.Total.Grade != "" {
		s += "/" + f.Total.Grade
	}
	return s
}

func totals(doc *model.Document) []string {
	var out []string
	for _, f := range doc.Forms {
		out = append(out, total(f))
	}
	return out
}

// problems lists the document's problems as code@form.
func problems(doc *model.Document) []string {
	var out []string
	for _, p := range doc.Problems {
		out = append(out, fmt.Sprintf("%s@%d", p.Code, p.Form))
	}
	return out
}

func notes(f model.Form) []string {
	var out []string
	for _, n := range f.Notes {
		out = append(out, n.Label+"="+n.Value)
	}
	return out
}

func checkTitles(t *testing.T, doc *model.Document) {
	assert.Equal(t, model.StatusOK, doc.Status)
	assert.Empty(t, problems(doc))
	p := model.KindProject
	assert.Equal(t, []head{
		{"项目支出绩效自评表", "2022", p, "34170221000000000012-农村人居环境整治提升项目", "219-池州市贵池区人民政府", "池州市贵池区农业农村局",
			[]string{"prefix=附件1", "项目负责人及电话=王明 0566-2021234", "填报日期=2023年2月15日"}},
		{"项目支出绩效自评表", "2019", p, "乡村道路养护", "", "某县交通运输局", []string{"prefix=公开14表"}},
		{"项目支出绩效自评表", "2021", p, "基本公共卫生服务", "某县卫生健康委员会", "", []string{"prefix=附件:"}},
		{"项目支出绩效自评表", "2022", p, "城乡居民医疗救助", "某市医疗保障局", "某市医疗保障局",
			[]string{"prefix=报表编号:510000_0013zp", "自评总分=95"}},
		{"部门预算项目支出绩效自评表", "2023", p, "财政信息化建设", "某市财政局", "某市财政局",
			[]string{"单位名称=某市财政局", "金额单位=万元", "项目类别=☑新增项目 □延续项目", "项目属性=□经常性项目 ☑一次性项目"}},
		{"银川市本级部门项目支出绩效自评表", "2021", p, "城市绿化养护", "银川市园林管理局", "银川市园林管理局", []string{"自评得分=98"}},
		{"绩效目标自评表", "2020", p, "中小学校舍维修", "某县教育局", "某县第一中学", nil},
		{"财政预算支出项目绩效目标自评表", "2021", p, "农村饮水安全巩固提升", "某县水利局", "某县水利局", nil},
		{"农业生产发展资金项目自评表", "2021", p, "耕地地力保护补贴", "某省农业农村厅", "某县农业农村局", []string{"中央主管部门=农业农村部"}},
	}, heads(doc))
	assert.Equal(t, []string{"100/99.9", "100/100", "100/99.5", "100/95", "100/100", "/98", "100/100", "100/99.6", "100/100"}, totals(doc))
	require.Len(t, doc.Forms, 9)

	f := doc.Forms[0]
	assert.Equal(t, []fund{
		{"total", "年度资金总额", "120", "120", "118.8", "10", "99", "9.9", ""},
		{"fiscal", "其中：当年财政拨款", "120", "120", "118.8", "", "", "", ""},
	}, funds(f))
	assert.Equal(t, "万元", f.Funds.Unit)
	assert.Equal(t, "完成20个行政村人居环境整治。", f.Goals.Planned)
	assert.Equal(t, []ind{
		{L1: "产出指标", L2: "数量指标", Name: "整治行政村数量（个）", Target: "≥20个", Actual: "20个", Weight: "50", Score: "50"},
		{L1: "效益指标", L2: "社会效益指标", Name: "农村人居环境", Target: "明显改善", Actual: "明显改善", Weight: "30", Score: "30"},
		{L1: "满意度指标", L2: "服务对象满意度指标", Name: "群众满意度", Target: "≥90%", Actual: "96%", Weight: "10", Score: "10"},
	}, inds(f))
	// The self-score stands in for the missing 总分 row.
	assert.Equal(t, doc.Forms[5].At, doc.Forms[5].Total.At)
}

func checkFunds(t *testing.T, doc *model.Document) {
	assert.Equal(t, model.StatusOK, doc.Status)
	assert.Empty(t, problems(doc))
	require.Len(t, doc.Forms, 8)
	assert.Equal(t, []string{"100/99.5", "100/95", "", "100/99", "100/99.9", "100/99.5", "100/99", "100/99.5"}, totals(doc))
	want := [][]fund{
		{
			{"total", "年度资金总额:", "89.974", "89.974", "85.5", "10", "95.03", "9.5", "部分尾款未支付"},
			{"fiscal", "其中:财政资金", "89.974", "89.974", "85.5", "", "", "", ""},
			{"carryover", "上年结转 资金", "", "", "", "", "", "", ""},
			{"other", "其他", "0", "0", "0", "", "", "", ""},
		},
		{
			{"total", "总额", "", "400", "380", "10", "95", "9.5", ""},
			{"fiscal", "其中:中央补助", "", "250", "250", "", "100", "", ""},
			{"extra", "地方资金", "", "150", "130", "", "86.67", "", ""},
			{"extra", "财政专户管理资金", "", "0", "0", "", "", "", ""},
			{"extra", "单位资金", "", "0", "0", "", "", "", ""},
		},
		{
			{"total", "年度资金总额", "", "600", "600", "", "100", "", ""},
			{"fiscal", "其中：中央补助", "", "500", "500", "", "100", "", ""},
			{"other", "其他资金", "", "", "", "", "", "", ""},
			{"extra", "地方资金", "", "100", "100", "", "100", "", ""},
		},
		{
			{"total", "年度财政资金总额", "", "800", "760", "20", "95", "19", ""},
			{"fiscal", "其中：本年财政拨款", "", "800", "760", "", "95", "", ""},
			{"other", "其他资金", "", "0", "0", "", "", "", ""},
		},
		{
			{"total", "年度资金总额", "0", "0", "0", "10", "0", "0", ""},
			{"fiscal", "其中：当年\n财政拨款", "350000", "350000", "348000.5", "", "", "", ""},
			{"carryover", "上年结转资金", "0", "0", "0", "", "", "", ""},
		},
		{
			{"total", "合计", "200", "220", "209", "10", "95", "9.5", ""},
			{"other", "其他", "0", "0", "0", "", "", "", ""},
			{"extra", "中央", "100", "100", "100", "", "100", "", ""},
			{"extra", "省、地", "50", "60", "55", "", "91.67", "", ""},
			{"extra", "本级", "50", "60", "54", "", "90", "", ""},
		},
		{
			{"total", "年度资金总额", "70", "70", "63", "10", "90", "9", ""},
			{"fiscal", "其中：当年财政拨款", "70", "70", "63", "", "", "", ""},
		},
		{
			{"total", "年度资金总额", "660000", "660000", "627000", "10", "95", "9.5", ""},
			{"fiscal", "其中：当年财政拨款", "660000", "660000", "627000", "", "", "", ""},
		},
	}
	for i, f := range doc.Forms {
		assert.Equal(t, want[i], funds(f), "form %d", i+1)
		unit := "万元"
		if i == 4 || i == 7 {
			unit = "元"
		}
		assert.Equal(t, unit, f.Funds.Unit, "form %d", i+1)
	}
	// A form with no score columns has no total and needs none.
	assert.Nil(t, doc.Forms[2].Total)
	assert.Equal(t, []ind{
		{L1: "产出指标", L2: "数量指标", Name: "修复面积", Target: "≥200公顷", Actual: "200公顷"},
		{L1: "效益指标", L2: "生态效益指标", Name: "植被覆盖度", Target: "提高", Actual: "有所提高"},
	}, inds(doc.Forms[2]))
	assert.Equal(t, []string{"中央主管部门=财政部"}, heads(doc)[2].Extra)
}

func checkGoals(t *testing.T, doc *model.Document) {
	assert.Equal(t, model.StatusOK, doc.Status)
	assert.Empty(t, problems(doc))
	require.Len(t, doc.Forms, 6)
	type goals struct{ Planned, Adjusted, Achieved string }
	var got []goals
	for _, f := range doc.Forms {
		require.NotNil(t, f.Goals, "form %d", f.Index)
		got = append(got, goals{f.Goals.Planned, f.Goals.Adjusted, f.Goals.Achieved})
	}
	assert.Equal(t, []goals{
		{"全年不发生重大森林火灾。", "", "全年未发生重大森林火灾。"},
		{"重大动物疫病免疫密度达到90%以上。", "", "重大动物疫病免疫密度达到95%。"},
		{"100", "", "98.5"},
		{"（填写说明：简要描述项目年度绩效目标，不超过300字）", "", "全年开展惠民演出60场。"},
		{"清淤河道15公里。", "清淤河道12公里。", "完成清淤河道12公里。"},
		{"开展职业技能培训1000人次。\n发放创业担保贷款贴息。", "", "开展职业技能培训1050人次。\n已发放创业担保贷款贴息。"},
	}, got)
	// Two goal blocks, each with its indicator header: every indicator
	// names its block.
	b1, b2 := []string{"年度绩效目标=年度绩效目标1(45分)"}, []string{"年度绩效目标=年度绩效目标2(45分)"}
	assert.Equal(t, []ind{
		{L1: "产出指标", L2: "数量指标", Name: "培训人次", Target: "≥1000人次", Actual: "1050人次", Weight: "25", Score: "25", Extra: b1},
		{L1: "效益指标", L2: "社会效益指标", Name: "培训后就业率", Target: "≥60%", Actual: "65%", Weight: "20", Score: "20", Extra: b1},
		{L1: "产出指标", L2: "数量指标", Name: "贴息人数", Target: "≥200人", Actual: "180人", Weight: "35", Score: "31.5", Extra: b2},
		{L1: "满意度指标", L2: "服务对象满意度指标", Name: "贷款对象满意度", Target: "≥90%", Actual: "93%", Weight: "10", Score: "10", Extra: b2},
	}, inds(doc.Forms[5]))
	assert.Equal(t, "申请人数少于预期", doc.Forms[5].Indicators[2].DeviationReason)
	assert.Equal(t, "100/96", total(doc.Forms[5]))
}

func checkIndicators(t *testing.T, doc *model.Document) {
	assert.Equal(t, model.StatusOK, doc.Status)
	assert.Empty(t, problems(doc))
	require.Len(t, doc.Forms, 7)
	assert.Equal(t, []string{"100/100", "100/98", "90/90", "", "100/95.75", "100/100", "100/99.45"}, totals(doc))

	// 指标性质 | 指标值 | 度量单位 joined into one target; the unit column
	// gives the actual its unit.
	f := doc.Forms[0]
	assert.Equal(t, []ind{
		{L1: "产出指标", L2: "数量指标", Name: "培训人次", Target: "≥500人次", Actual: "520", Weight: "20", Score: "20"},
		{L1: "产出指标", L2: "质量指标", Name: "培训合格率", Target: "≥95%", Actual: "98", Weight: "20", Score: "20"},
		{L1: "产出指标", L2: "数量指标", Name: "实训基地道路长度", Target: "≥266米", Actual: "≥266米", Weight: "10", Score: "10"},
		{L1: "效益指标", L2: "社会效益指标", Name: "农民增收", Target: "有所提升", Actual: "有所提升", Weight: "20", Score: "20"},
		{L1: "满意度指标", L2: "服务对象满意度指标", Name: "学员满意度", Target: "≥90%", Actual: "95", Weight: "10", Score: "10"},
	}, inds(f))
	assert.Equal(t, val{"≥500人次", model.ValueNumber, model.OpGE, "500", "人次", "", ""}, vals(f.Indicators[0].Target))
	assert.Equal(t, val{"520", model.ValueNumber, "", "520", "人次", "column", ""}, vals(f.Indicators[0].Actual))
	assert.Equal(t, val{"98", model.ValuePercent, "", "98", "%", "column", ""}, vals(f.Indicators[1].Actual))
	assert.Equal(t, "定性", f.Indicators[3].Nature)
	assert.Equal(t, []fund{{"total", "年度资金总额", "", "100", "100", "20", "100", "20", ""}}, funds(f),
		"the weight 20 comes from 得分(20分*执行率)")

	// 年度指标值 spanning 符号 | 值 | 单位 on a second header row.
	f = doc.Forms[1]
	assert.Equal(t, []ind{
		{L1: "产出指标", L2: "数量指标", Name: "新建产业路", Target: "≥5公里", Actual: "5.2", Weight: "30", Score: "30"},
		{L1: "产出指标", L2: "成本指标", Name: "每公里造价", Target: "≤80万元", Actual: "78", Weight: "20", Score: "20"},
		{L1: "效益指标", L2: "经济效益指标", Name: "带动增收户数", Target: "≥300户", Actual: "280", Weight: "30", Score: "28"},
		{L1: "满意度指标", L2: "服务对象满意度指标", Name: "受益群众满意度", Target: "≥95%", Actual: "96", Weight: "10", Score: "10"},
	}, inds(f))
	assert.Equal(t, val{"≤80万元", model.ValueNumber, model.OpLE, "80", "万元", "", ""}, vals(f.Indicators[1].Target))
	assert.Equal(t, val{"5.2", model.ValueNumber, "", "5.2", "公里", "column", ""}, vals(f.Indicators[0].Actual))
	assert.Equal(t, "部分农户外出务工", f.Indicators[2].DeviationReason)
	assert.Equal(t, []string{"偏差原因分析及改进措施=带动增收户数未达目标，下年度加强产业带动。"}, notes(f))

	// 分值 before the target, 复核分 and 评价标准 kept as extra columns, the
	// 复核分 total as a note.
	f = doc.Forms[2]
	assert.Equal(t, []ind{
		{L1: "产出指标", L2: "数量指标", Name: "采购执法记录仪", Target: "50台", Actual: "50台", Weight: "45", Score: "45",
			Extra: []string{"复核分=45", "评价标准=完成得满分"}},
		{L1: "效益指标", L2: "社会效益指标", Name: "执法规范化水平", Target: "提高", Actual: "明显提高", Weight: "45", Score: "45",
			Extra: []string{"复核分=43", "评价标准=按完成程度打分"}},
	}, inds(f))
	assert.Equal(t, []string{"复核分=88"}, notes(f))

	// No 分值 or 得分: nothing to score, no total expected.
	f = doc.Forms[3]
	assert.Equal(t, []ind{
		{L1: "产出指标", L2: "数量指标", Name: "城乡低保保障人数", Target: "3000人", Actual: "2950人"},
		{L1: "效益指标", L2: "社会效益指标", Name: "困难群众基本生活", Target: "有效保障", Actual: "有效保障"},
	}, inds(f))
	assert.Equal(t, "部分对象退出低保", f.Indicators[0].DeviationReason)

	// 年度 / 指标值 and 实际 / 完成值 wrapped over two header rows.
	f = doc.Forms[4]
	assert.Equal(t, []ind{
		{L1: "产出指标", L2: "数量指标", Name: "改造小区数", Target: "12个", Actual: "11个", Weight: "45", Score: "41.25"},
		{L1: "效益指标", L2: "社会效益指标", Name: "居住环境", Target: "明显改善", Actual: "明显改善", Weight: "45", Score: "45"},
	}, inds(f))
	assert.Equal(t, "1个小区因居民意见未统一延期", f.Indicators[0].DeviationReason)

	// More synonyms: 目标值, 全年实际值, 参考分值; 全年实际完成值, 指标权重.
	assert.Equal(t, []ind{
		{L1: "产出指标", L2: "数量指标", Name: "抽检样品数", Target: "≥600批次", Actual: "620批次", Weight: "50", Score: "50"},
		{L1: "效益指标", L2: "社会效益指标", Name: "抽检合格率", Target: "≥98%", Actual: "99.2%", Weight: "40", Score: "40"},
	}, inds(doc.Forms[5]))
	assert.Equal(t, []ind{
		{L1: "产出指标", L2: "数量指标", Name: "建设益农信息社", Target: "20个", Actual: "20个", Weight: "90", Score: "90"},
	}, inds(doc.Forms[6]))
}

func checkLevels(t *testing.T, doc *model.Document) {
	assert.Equal(t, model.StatusOK, doc.Status)
	// The rows that are no indicators are reported, not lost.
	assert.Equal(t, []string{"indicator.breakdown@1", "indicator.placeholder@1", "indicator.placeholder@1", "row.empty@1"}, problems(doc))
	for _, p := range doc.Problems {
		assert.Equal(t, model.SevInfo, p.Severity)
	}
	require.Len(t, doc.Forms, 3)
	assert.Equal(t, []string{"100/100", "100/100", "100/95.5"}, totals(doc))

	assert.Equal(t, []ind{
		{L1: "产出指标", L1W: "50", L2: "数量指标", L2W: "30", Name: "示范村数量", Target: "3个", Actual: "3个", Weight: "20", Score: "20", Core: true},
		{L1: "产出指标", L1W: "50", L2: "数量指标", L2W: "30", Name: "新建村级活动场所", Target: "3处", Actual: "3处", Weight: "10", Score: "10"},
		{L1: "产出指标", L1W: "50", L2: "时效指标", L2W: "20", Name: "完成时间", Target: "2022年12月底前", Actual: "2022年11月", Weight: "20", Score: "20"},
		{L1: "效益指标", L1W: "30", L2: "经济效益指标", Name: "村集体经济收入增长", Target: "≥5万元", Actual: "6万元", Weight: "10", Score: "10"},
		{L1: "效益指标", L1W: "30", L2: "社会效益指标", Name: "村容村貌", Target: "明显改善", Actual: "明显改善", Weight: "10", Score: "10"},
		{L1: "效益指标", L1W: "30", L2: "服务对象满意度指标等", Name: "村民满意度", Target: "≥90%", Actual: "95%", Weight: "10", Score: "10"},
		{L1: "满意度指标", L1W: "10", L2: "满意度指标", Name: "镇政府满意度", Target: "≥90%", Actual: "92%", Weight: "10", Score: "10"},
	}, inds(doc.Forms[0]))
	var cells [][]string
	for _, p := range doc.Problems {
		cells = append(cells, p.Cells)
	}
	assert.Equal(t, [][]string{
		{"", "", "", "其中：党群服务中心", "2处", "2处"},
		{"", "", "", "……"},
		{"", "", "", "指标2"},
		nil,
	}, cells)

	assert.Equal(t, []ind{
		{L1: "项目完成指标", L2: "数量", Name: "治理面积", Target: "10平方公里", Actual: "10平方公里", Weight: "30", Score: "30"},
		{L1: "项目完成指标", L2: "进度指标", Name: "完工率", Target: "100%", Actual: "100%", Weight: "20", Score: "20"},
		{L1: "效果指标", L2: "生态效益指标", Name: "土壤侵蚀模数下降", Target: "有所下降", Actual: "有所下降", Weight: "20", Score: "20"},
		{L1: "过程指标", L2: "经济成本指标", Name: "单位面积治理成本", Target: "≤15万元/平方公里", Actual: "15万元/平方公里", Weight: "20", Score: "20"},
	}, inds(doc.Forms[1]))

	// An evaluation score table under weighted section headings.
	f := doc.Forms[2]
	assert.Equal(t, "项目支出绩效评价得分表", f.Title)
	assert.Equal(t, []string{"section=预算执行情况(10分)", "section=绩效指标(90分)"}, heads(doc)[2].Extra)
	assert.Equal(t, []fund{{"total", "年度资金总额", "100", "100", "95", "10", "95", "9.5", ""}}, funds(f),
		"the weight 10 comes from 预算执行情况(10分)")
	assert.Equal(t, []ind{
		{L1: "项目决策", L1W: "20", L2: "项目立项", Name: "立项依据充分性", Weight: "10", Score: "10"},
		{L1: "项目决策", L1W: "20", L2: "绩效目标", Name: "绩效目标合理性", Weight: "10", Score: "8"},
		{L1: "项目管理", L1W: "20", L2: "资金管理", Name: "资金使用合规性", Weight: "20", Score: "20"},
		{L1: "项目产出", L1W: "30", L2: "产出数量", Name: "健身路径建设数量", Weight: "30", Score: "30"},
		{L1: "项目效益", L1W: "20", L2: "社会效益", Name: "群众健身条件改善", Weight: "20", Score: "18"},
	}, inds(f))
	assert.Equal(t, model.ValueNone, f.Indicators[0].Target.Kind)
}

func checkDepartment(t *testing.T, doc *model.Document) {
	assert.Equal(t, model.StatusOK, doc.Status)
	assert.Empty(t, problems(doc))
	d := model.KindDepartment
	assert.Equal(t, []head{
		{"部门整体支出绩效自评表", "2022", d, "", "", "某县教育局", []string{"prefix=附件2"}},
		{"部门整体绩效自评表", "2021", d, "", "", "某市统计局", nil},
		{"部门整体支出绩效评价得分表", "2023", d, "", "", "某区审计局", nil},
	}, heads(doc))
	assert.Equal(t, []string{"90/88", "100/96.76/优", "100/95"}, totals(doc))

	f := doc.Forms[0]
	assert.Equal(t, []fund{
		{"total", "年度资金总额", "5000", "5200", "5100", "10", "98.08", "9.81", ""},
		{"extra", "其中：基本支出", "4000", "4100", "4100", "", "", "", ""},
		{"extra", "项目支出", "1000", "1100", "1000", "", "", "", ""},
	}, funds(f))
	assert.Equal(t, "保障全县义务教育均衡发展。", f.Goals.Planned)
	// The flat list: the unit column joins the target and gives the
	// actual its unit; 调整指标值 and 得分系数 are extra; 是 marks core.
	assert.Equal(t, []ind{
		{Name: "义务教育巩固率", Target: "≥96%", Actual: "97.5", Weight: "30", Score: "30", Core: true,
			Extra: []string{"调整指标值=≥96", "得分系数(%)=100"}},
		{Name: "教师培训人次", Target: "1200人次", Actual: "1050", Weight: "20", Score: "20",
			Extra: []string{"调整指标值=1000", "得分系数(%)=100"}},
		{Name: "学校安全事故发生率", Target: "≤1%", Actual: "0", Weight: "20", Score: "20",
			Extra: []string{"调整指标值=≤1", "得分系数(%)=100"}},
		{Name: "群众对教育满意度", Target: "较高", Actual: "较高", Weight: "20", Score: "18",
			Extra: []string{"调整指标值=较高", "得分系数(%)=90"}},
	}, inds(f))
	assert.Equal(t, val{"≥96%", model.ValuePercent, model.OpGE, "96", "%", "", ""}, vals(f.Indicators[0].Target))
	assert.Equal(t, val{"97.5", model.ValuePercent, "", "97.5", "%", "column", ""}, vals(f.Indicators[0].Actual))
	var natures []string
	for _, in := range f.Indicators {
		natures = append(natures, in.Nature)
	}
	assert.Equal(t, []string{"定量", "定量", "定量", "定性"}, natures)

	assert.Equal(t, []ind{
		{L1: "部门决策", L2: "目标设定", Name: "绩效目标合理性", Weight: "20", Score: "18", Extra: []string{"评价标准=目标明确得满分"}},
		{L1: "部门决策", L2: "预算配置", Name: "财政供养人员控制率", Weight: "20", Score: "20", Extra: []string{"评价标准=≤100%得满分"}},
		{L1: "综合管理", L2: "资金管理", Name: "资金使用合规性", Weight: "25", Score: "25", Extra: []string{"评价标准=合规得满分"}},
		{L1: "综合管理", L2: "资产管理", Name: "固定资产利用率", Weight: "25", Score: "24", Extra: []string{"评价标准=≥95%得满分"}},
	}, inds(doc.Forms[1]))
	assert.Equal(t, []fund{
		{"total", "年度资金总额", "800", "820", "800", "10", "97.56", "9.76", ""},
		{"fiscal", "其中：财政拨款", "800", "820", "800", "", "", "", ""},
	}, funds(doc.Forms[1]))
	assert.Nil(t, doc.Forms[2].Funds)
	assert.Len(t, doc.Forms[2].Indicators, 2)
}

func checkTotals(t *testing.T, doc *model.Document) {
	assert.Equal(t, model.StatusOK, doc.Status)
	assert.Empty(t, problems(doc))
	require.Len(t, doc.Forms, 5)
	assert.Equal(t, []string{"100/96/优", "100/90", "100/", "/95", "/97"}, totals(doc))
	// The header's self-score stands in for the 总分 row, at the form; the
	// funds row's grand total, at that row.
	assert.Equal(t, doc.Forms[3].At, doc.Forms[3].Total.At)
	assert.Equal(t, doc.Forms[4].Funds.Total.At, doc.Forms[4].Total.At)
	assert.Equal(t, []string{"自评总分=95"}, heads(doc)[3].Extra)
	assert.Equal(t, "检测机构产能不足", doc.Forms[1].Indicators[0].DeviationReason)
}

var (
	// titlePrefix and titleYear are the parts of a title cell other than
	// the title.
	titlePrefix = regexp.MustCompile(`^(附件\s*[:：]?\s*\d*|公开\s*\d+\s*表|报表编号\s*[:：]\s*\S*)`)
	titleYear   = regexp.MustCompile(`[(（]?\s*\d{4}\s*年度?\s*[)）]?`)
	// weighted is a level or section written with its weight.
	weighted = regexp.MustCompile(`^(.+?)\((\d+(?:\.\d+)?)分\)$`)
	// scoreCell is a self-score written without a colon, 自评得分98.
	scoreCell = regexp.MustCompile(`^(自评得分|自评总分|总分)(\d+(?:\.\d+)?)$`)
	// totalWords open a total written in one cell, 总分 100 90.
	totalWords = map[string]bool{"总分": true, "合计": true, "自评得分": true, "自评总分": true}
	// wanCell is an amount written with its unit in a 万元 table.
	wanCell = regexp.MustCompile(`^(\d+(?:\.\d+)?)万$`)
)

// readable returns rows with each cell that the forms read in parts
// replaced by those parts, as a form reads them: a title cell as its
// prefix, title and year; a level as written with its weight or letter
// spaced (产 出 指 标 (50分)) as its name and weight; ★ off a name; a
// "label：value" cell as its label and value; 自评得分98 as label and
// number, 总分 100 90 as its words; 150万 in a 万元 table as 150; a label
// with a bracket inside, 部门（单位）名称, without it.
// assertNothingLost then finds every part, so that nothing the form split
// goes missing unseen.
func readable(rows []table.Row) []table.Row {
	out := make([]table.Row, len(rows))
	for i, r := range rows {
		out[i] = r
		out[i].Cells = nil
		for _, c := range r.Cells {
			for _, p := range parts(normalize.Text(c.Text)) {
				c.Text = p
				out[i].Cells = append(out[i].Cells, c)
			}
		}
	}
	return out
}

// parts returns the parts of the cell s that a form keeps (see readable).
func parts(s string) []string {
	l := normalize.Label(s)
	switch {
	case s == "":
		return nil
	case strings.Contains(l, "自评表") || strings.Contains(l, "评价得分表"):
		t := normalize.Fold(s)
		prefix := titlePrefix.FindString(t)
		t = strings.TrimPrefix(t, prefix)
		year := titleYear.FindString(t)
		return nonEmpty(prefix, normalize.Label(strings.Replace(t, year, "", 1)), year)
	case len(strings.Fields(s)) > 1 && totalWords[strings.Fields(s)[0]]:
		return strings.Fields(s) // 总分 100 90
	case scoreCell.MatchString(l):
		m := scoreCell.FindStringSubmatch(l)
		return nonEmpty(m[1], m[2])
	case wanCell.MatchString(l):
		return []string{wanCell.FindStringSubmatch(l)[1]}
	case strings.HasPrefix(s, "★"):
		return []string{strings.TrimPrefix(s, "★")}
	case utf8.RuneCountInString(l) > 24:
		return []string{s}
	}
	if i := strings.IndexAny(s, ":："); i > 0 && utf8.RuneCountInString(s[:i]) <= 16 {
		_, n := utf8.DecodeRuneInString(s[i:])
		return nonEmpty(strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+n:]))
	}
	if m := weighted.FindStringSubmatch(l); m != nil {
		return nonEmpty(m[1], m[2])
	}
	// Labels: letter-spaced or wrapped, with a note or a bracket inside.
	if k := strings.TrimSuffix(l, "(可选项)"); strings.HasSuffix(k, "指标") || strings.HasSuffix(k, "名称") ||
		strings.HasSuffix(k, "目标") {
		if i, j := strings.Index(k, "("), strings.Index(k, ")"); i > 0 && j > i {
			k = k[:i] + k[j+1:]
		}
		return []string{k}
	}
	return []string{s}
}

// nonEmpty returns ss trimmed, without the empty ones.
func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
