package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/model"
)

// sample is the real export the generator's layout copies.
const sample = "../../testdata/changji-2021"

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    *config // formats, forms, perFile, seed, mix, zip, bad checked
		wantErr string
	}{
		{args: []string{"-n", "5", "-out", "d"},
			want: &config{forms: 5, perFile: 1, formats: []string{"txt", "docx", "html"}, seed: 1, out: "d", bad: 0.05}},
		{args: []string{"-n", "40", "-per-file", "18", "-formats", "html, txt", "-seed", "7", "-mix", "-zip", "-bad", "0", "-out", "d"},
			want: &config{forms: 40, perFile: 18, formats: []string{"html", "txt"}, seed: 7, out: "d", mix: true, zip: true}},
		{args: []string{"-out", "d"}, wantErr: "-n must be positive"},
		{args: []string{"-n", "3"}, wantErr: "-out is required"},
		{args: []string{"-n", "3", "-out", "d", "-per-file", "0"}, wantErr: "-per-file must be positive"},
		{args: []string{"-n", "3", "-out", "d", "-formats", "txt,pdf"}, wantErr: `unknown format "pdf"`},
		{args: []string{"-n", "3", "-out", "d", "-formats", "txt,txt"}, wantErr: `format "txt" given twice`},
		{args: []string{"-n", "3", "-out", "d", "-bad", "1.5"}, wantErr: "-bad must be between 0 and 1"},
		{args: []string{"-n", "3", "-out", "d", "-j", "0"}, wantErr: "-j must be positive"},
		{args: []string{"-n", "3", "-out", "d", "extra"}, wantErr: `unexpected argument "extra"`},
		{args: []string{"-n", "x"}, wantErr: "invalid value"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			cfg, err := parseFlags(tt.args, io.Discard)
			if tt.wantErr != "" {
				require.ErrorIs(t, err, errUsage)
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want.forms, cfg.forms)
			assert.Equal(t, tt.want.perFile, cfg.perFile)
			assert.Equal(t, tt.want.formats, cfg.formats)
			assert.Equal(t, tt.want.seed, cfg.seed)
			assert.Equal(t, tt.want.out, cfg.out)
			assert.Equal(t, tt.want.mix, cfg.mix)
			assert.Equal(t, tt.want.zip, cfg.zip)
			assert.Equal(t, tt.want.bad, cfg.bad)
			assert.Positive(t, cfg.workers)
		})
	}
	_, err := parseFlags([]string{"-h"}, io.Discard)
	assert.ErrorIs(t, err, flag.ErrHelp)
}

// listFiles returns the files below dir, slash-separated.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	}))
	return names
}

func TestFiles(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"-n", "2", "-formats", "txt,docx,html"},
			[]string{"docx/f000001.docx", "docx/f000002.docx", "html/f000001.html", "html/f000002.html",
				"txt/f000001.txt", "txt/f000002.txt"}},
		{[]string{"-n", "7", "-per-file", "3", "-formats", "txt"},
			[]string{"txt/f000001.txt", "txt/f000002.txt", "txt/f000003.txt"}},
		{[]string{"-n", "4", "-formats", "txt,docx,html", "-mix"},
			[]string{"docx/f000002.docx", "html/f000003.html", "txt/f000001.txt", "txt/f000004.txt"}},
		{[]string{"-n", "4", "-formats", "docx,txt", "-zip"}, []string{"corpus.zip"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := genCorpus(t, tt.args...)
			assert.Equal(t, tt.want, listFiles(t, dir))
		})
	}
}

func TestFormsPerFile(t *testing.T) {
	dir := genCorpus(t, "-n", "7", "-per-file", "3", "-formats", "txt,docx,html")
	for i, want := range []int{3, 3, 1} {
		name := fmt.Sprintf("f%06d", i+1)
		forms := tikaForms(string(readFile(t, dir, "txt/"+name+".txt")))
		require.Len(t, forms, want)
		for j, rows := range forms {
			assert.Equal(t, "项目支出绩效自评表"+strconv.Itoa(j+1), rows[0][0])
			assert.Regexp(t, `^\(20(19|2[0-3])年度\)$`, rows[1][0])
		}
		tables, err := docxTables(docxDocument(t, readFile(t, dir, "docx/"+name+".docx")))
		require.NoError(t, err)
		assert.Len(t, tables, want)
		assert.Len(t, htmlTables(t, readFile(t, dir, "html/"+name+".html")), want)
	}
}

// labelRows are the rows of a text form before its indicators that hold
// only fixed labels, by position.
var labelRows = []int{4, 9, 11, 12}

func TestTextLayout(t *testing.T) {
	real := tikaForms(string(readFile(t, ".", sample+".txt")))
	require.Len(t, real, 18)
	gen := tikaForms(string(readFile(t, genCorpus(t, "-n", "30", "-per-file", "15", "-formats", "txt"), "txt/f000001.txt")))
	require.Len(t, gen, 15)
	// The first form of a file has one more cell a row, as Tika writes it.
	for i, want := range [][][]string{real[0], real[1]} {
		got := gen[i]
		for r := range rowIndicators {
			assert.Len(t, got[r], len(want[r]), "form %d row %d", i+1, r)
		}
		for _, r := range labelRows {
			assert.Equal(t, want[r], got[r], "form %d row %d", i+1, r)
		}
		for r := rowFunds; r < rowFunds+4; r++ {
			assert.Equal(t, want[r][1], got[r][1], "funds label")
		}
		assert.Equal(t, want[rowIndicators][0], got[rowIndicators][0])
		assert.Equal(t, want[len(want)-1][0], got[len(got)-1][0])
		assert.Len(t, got[len(got)-1], len(want[len(want)-1]))
	}
	for i, rows := range gen {
		extra := 0
		if i == 0 {
			extra = 1
		}
		ind := rows[rowIndicators : len(rows)-1]
		assert.True(t, len(ind) >= 10 && len(ind) <= 25, "form %d has %d indicators", i+1, len(ind))
		level1 := ""
		for _, r := range ind {
			if r[1] != "" {
				level1 = r[1]
			}
			if r[3] == "/" {
				assert.Equal(t, []string{"/", "/", "/", "/", "/", "/", "/"}, r[3:])
				assert.Contains(t, []string{"经济效益指标", "生态效益指标"}, r[2])
			} else {
				assert.Len(t, r, 9+extra)
				assert.NotEmpty(t, r[3], "name")
			}
			assert.Contains(t, standardLevels[level1], r[2], "二级 %s under %s", r[2], level1)
		}
		assert.Equal(t, "100", rows[len(rows)-1][1])
		assert.Regexp(t, `^\d+\.\d\d分$`, rows[len(rows)-1][2])
	}
	assert.True(t, strings.HasSuffix(string(readFile(t, ".", sample+".txt")), "\t\n\n\n\n\n"))
}

// standardLevels are the 二级指标 each 一级指标 holds.
var standardLevels = map[string][]string{
	"产出指标":  {"数量指标", "质量指标", "时效指标", "成本指标"},
	"效益指标":  {"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"},
	"满意度指标": {"满意度指标", "服务对象满意度指标"},
}

func TestArithmetic(t *testing.T) {
	for _, bad := range []float64{0, 1} {
		t.Run(fmt.Sprint("bad=", bad), func(t *testing.T) {
			cfg := &config{forms: 140, perFile: 20, formats: []string{"txt"}, seed: 3, bad: bad}
			perFlaw := map[string]int{}
			for i := range cfg.files() {
				want := cfg.fileForms(i)
				got := tikaForms(string(appendText(nil, want)))
				require.Len(t, got, len(want))
				for j, rows := range got {
					var flaws []string
					if want[j].Flaw != "" {
						flaws = []string{want[j].Flaw}
					}
					assert.Equal(t, flaws, flawsOf(t, rows), "file %d form %d", i+1, j+1)
					perFlaw[want[j].Flaw]++
				}
			}
			if bad == 0 {
				assert.Equal(t, map[string]int{"": 140}, perFlaw)
				return
			}
			for _, f := range flaws {
				assert.Positive(t, perFlaw[f], "no form with flaw %s", f)
			}
		})
	}
}

func TestShareOfFlaws(t *testing.T) {
	cfg := &config{forms: 2000, perFile: 100, formats: []string{"txt"}, seed: 11, bad: 0.05}
	n := 0
	for i := range cfg.files() {
		for _, f := range cfg.fileForms(i) {
			if f.Flaw != "" {
				n++
			}
		}
	}
	assert.InDelta(t, 100, n, 30, "flawed forms of 2000 at 5%%")
}

func TestVariety(t *testing.T) {
	cfg := &config{forms: 500, perFile: 50, formats: []string{"txt"}, seed: 5}
	projects, departments, budgets, targets := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i := range cfg.files() {
		for _, f := range cfg.fileForms(i) {
			projects[f.Project] = true
			departments[f.Department] = true
			budgets[f.Funds[0].Annual] = true
			for _, in := range f.Indicators {
				targets[in.Target] = true
			}
		}
	}
	assert.Greater(t, len(projects), 250)
	assert.Greater(t, len(departments), 250)
	assert.Greater(t, len(budgets), 400)
	assert.Greater(t, len(targets), 500)
	for _, want := range []string{">=95%", "=100%", "长期", "提高", "=0%"} {
		assert.True(t, targets[want], "no target %q", want)
	}
	assert.True(t, slices.ContainsFunc(mapsKeys(targets), func(s string) bool { return strings.HasSuffix(s, "年12月31日") }))
	assert.True(t, slices.ContainsFunc(mapsKeys(targets), func(s string) bool { return strings.HasSuffix(s, "年1月-12月") }))
	assert.True(t, slices.ContainsFunc(mapsKeys(targets), func(s string) bool { return strings.HasPrefix(s, "<=") && strings.HasSuffix(s, "万元") }))
}

// mapsKeys returns the keys of m.
func mapsKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// zipPart returns the entry name of the zip archive b.
func zipPart(t *testing.T, b []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	rc, err := zr.Open(name)
	require.NoError(t, err)
	defer rc.Close()
	data, err := io.ReadAll(rc)
	require.NoError(t, err)
	return data
}

// docxDocument returns word/document.xml of a generated Word package,
// checking the package's parts are there and well-formed.
func docxDocument(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	var names []string
	var doc []byte
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		require.NoError(t, rc.Close())
		require.NoError(t, xml.Unmarshal(data, new(struct{})), "%s is not well-formed", f.Name)
		if f.Name == "word/document.xml" {
			doc = data
		}
		if f.Name == "[Content_Types].xml" {
			assert.Contains(t, string(data), `PartName="/word/document.xml"`)
		}
	}
	assert.Equal(t, []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels"}, names)
	return doc
}

// xcell is a table cell read back from Word or HTML: its spans and text.
type xcell struct {
	span  int    // grid columns (gridSpan, colspan)
	merge string // Word: "restart", "continue" or ""; HTML: rowspan or ""
	text  string
}

// docxTables reads the tables of a document.xml, failing on XML that is
// not well-formed.
func docxTables(doc []byte) ([][][]xcell, error) {
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	var tables [][][]xcell
	var cur *xcell
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return tables, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != w {
				continue
			}
			switch tok.Name.Local {
			case "tbl":
				tables = append(tables, nil)
			case "tr":
				tables[len(tables)-1] = append(tables[len(tables)-1], nil)
			case "tc":
				cur = &xcell{span: 1}
			case "gridSpan", "vMerge":
				val := ""
				for _, a := range tok.Attr {
					if a.Name.Local == "val" {
						val = a.Value
					}
				}
				if tok.Name.Local == "gridSpan" {
					cur.span, _ = strconv.Atoi(val)
				} else if cur.merge = val; val == "" {
					cur.merge = "continue"
				}
			case "p":
				if cur != nil && cur.text != "" {
					cur.text += "\n"
				}
			}
		case xml.CharData:
			if cur != nil {
				cur.text += string(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "tc" {
				rows := tables[len(tables)-1]
				rows[len(rows)-1] = append(rows[len(rows)-1], *cur)
				cur = nil
			}
		}
	}
}

// fixedRows are the rows of a table before the indicators.
const fixedRows = 12

// signature writes the spans and merges of a row, "2" for a cell over two
// columns, "1v" for a vertical merge's first cell, "1|" for a covered one.
func signature(row []xcell) string {
	var b strings.Builder
	for _, c := range row {
		b.WriteString(strconv.Itoa(c.span))
		switch c.merge {
		case "":
		case "continue":
			b.WriteString("|")
		default:
			b.WriteString("v")
		}
		b.WriteString(" ")
	}
	return b.String()
}

// texts returns the text of each cell of row.
func texts(row []xcell) []string {
	var s []string
	for _, c := range row {
		s = append(s, c.text)
	}
	return s
}

// labelGridRows are the rows of a Word or HTML table before the
// indicators that hold only fixed labels, by position.
var labelGridRows = []int{4, 9, 11}

func TestDocx(t *testing.T) {
	real, err := docxTables(zipPart(t, readFile(t, ".", sample+".docx"), "word/document.xml"))
	require.NoError(t, err)
	require.Len(t, real, 18)
	dir := genCorpus(t, "-n", "12", "-per-file", "12", "-formats", "docx")
	gen, err := docxTables(docxDocument(t, readFile(t, dir, "docx/f000001.docx")))
	require.NoError(t, err)
	require.Len(t, gen, 12)

	want := real[0]
	for i, table := range gen {
		for r := range fixedRows {
			assert.Equal(t, signature(want[r]), signature(table[r]), "table %d row %d", i+1, r)
		}
		for _, r := range labelGridRows {
			assert.Equal(t, texts(want[r]), texts(table[r]), "table %d row %d", i+1, r)
		}
		assert.Equal(t, signature(want[len(want)-1]), signature(table[len(table)-1]))
		assert.Equal(t, "总分", table[len(table)-1][0].text)
		// Every row covers the nine grid columns, and a merge's covered
		// cells lie under its first cell or another covered one.
		for r, row := range table {
			col := 0
			for _, c := range row {
				if c.merge == "continue" {
					above := cellAt(table[r-1], col)
					require.NotNil(t, above, "table %d row %d col %d", i+1, r, col)
					assert.Contains(t, []string{"restart", "continue"}, above.merge)
				}
				col += c.span
			}
			assert.Equal(t, gridCols, col, "table %d row %d", i+1, r)
		}
	}
}

// cellAt returns the cell of row that starts at grid column col.
func cellAt(row []xcell, col int) *xcell {
	at := 0
	for i := range row {
		if at == col {
			return &row[i]
		}
		at += row[i].span
	}
	return nil
}

// htmlTables parses an HTML page and returns its tables: rows of cells,
// with colspan as span and rowspan as merge.
func htmlTables(t *testing.T, b []byte) [][][]xcell {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	require.NoError(t, err)
	var tables [][][]xcell
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "table":
				tables = append(tables, nil)
			case "tr":
				tables[len(tables)-1] = append(tables[len(tables)-1], nil)
			case "td":
				c := xcell{span: 1, text: nodeText(n)}
				for _, a := range n.Attr {
					switch a.Key {
					case "colspan":
						c.span, _ = strconv.Atoi(a.Val)
					case "rowspan":
						c.merge = a.Val
					}
				}
				rows := tables[len(tables)-1]
				rows[len(rows)-1] = append(rows[len(rows)-1], c)
				return
			}
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(doc)
	return tables
}

// nodeText returns the text of n, its paragraphs joined by "\n" and the
// layout whitespace of each dropped.
func nodeText(n *html.Node) string {
	var paras []string
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
		if n.Type == html.ElementNode && n.Data == "p" {
			paras = append(paras, strings.TrimSpace(b.String()))
			b.Reset()
		}
	}
	walk(n)
	return strings.Join(paras, "\n")
}

func TestHTML(t *testing.T) {
	real := htmlTables(t, readFile(t, ".", sample+".html"))
	require.Len(t, real, 18)
	dir := genCorpus(t, "-n", "12", "-per-file", "12", "-formats", "html,docx")
	b := readFile(t, dir, "html/f000001.html")
	gen := htmlTables(t, b)
	require.Len(t, gen, 12)
	words, err := docxTables(docxDocument(t, readFile(t, dir, "docx/f000001.docx")))
	require.NoError(t, err)

	want := real[0]
	for i, table := range gen {
		for r := range fixedRows {
			assert.Equal(t, signature(want[r]), signature(table[r]), "table %d row %d", i+1, r)
		}
		for _, r := range labelGridRows {
			assert.Equal(t, texts(want[r]), texts(table[r]), "table %d row %d", i+1, r)
		}
		assert.Equal(t, signature(want[len(want)-1]), signature(table[len(table)-1]))
		// The rows fill the nine columns once rowspans are counted, and
		// the cells say what the Word document's say.
		covered := map[[2]int]bool{}
		var fromHTML, fromWord []string
		for r, row := range table {
			col := 0
			for _, c := range row {
				for covered[[2]int{r, col}] {
					col++
				}
				rows, _ := strconv.Atoi(c.merge)
				for dr := 1; dr < rows; dr++ {
					for dc := range c.span {
						covered[[2]int{r + dr, col + dc}] = true
					}
				}
				col += c.span
				fromHTML = append(fromHTML, c.text)
			}
			for covered[[2]int{r, col}] {
				col++
			}
			assert.Equal(t, gridCols, col, "table %d row %d", i+1, r)
		}
		for _, row := range words[i] {
			for _, c := range row {
				if c.merge != "continue" {
					fromWord = append(fromWord, c.text)
				}
			}
		}
		assert.Equal(t, fromWord, fromHTML, "table %d", i+1)
	}
	// East Asian runs are in LibreOffice's font element, Western ones not.
	assert.Contains(t, string(b), `<font face="ＭＳ 明朝">项目支出绩效自评表</font>1</p>`)
	assert.Contains(t, string(b), `<font face="ＭＳ 明朝">年度</font>)</p>`)
	assert.True(t, bytes.HasPrefix(b, []byte("<!DOCTYPE html>\n<html>\n<head>")))
	assert.True(t, bytes.HasSuffix(b, []byte("</table>\n</body>\n</html>")))
}

func TestRuns(t *testing.T) {
	tests := []struct{ in, want string }{
		{"项目支出绩效自评表1", `<font face="ＭＳ 明朝">项目支出绩效自评表</font>1`},
		{"(2021年度)", `(2021<font face="ＭＳ 明朝">年度</font>)`},
		{"“金保工程”系统", `“<font face="ＭＳ 明朝">金保工程”系统</font>`},
		{"<=300万元", `&lt;=300<font face="ＭＳ 明朝">万元</font>`},
		{">=95%", `&gt;=95%`},
		{"≥50个", `≥50<font face="ＭＳ 明朝">个</font>`},
		{"—", `—`},
		{"人均成本（元/人）", `<font face="ＭＳ 明朝">人均成本（元</font>/<font face="ＭＳ 明朝">人）</font>`},
		{"A&B", `A&amp;B`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, string(appendRuns(nil, tt.in)), tt.in)
	}
}

func TestDeterminism(t *testing.T) {
	args := []string{"-n", "9", "-per-file", "2", "-formats", "txt,docx,html", "-seed", "42"}
	a := genCorpus(t, append(args, "-j", "1")...)
	b := genCorpus(t, append(args, "-j", "4")...)
	names := listFiles(t, a)
	require.Equal(t, names, listFiles(t, b))
	for _, name := range names {
		assert.Equal(t, readFile(t, a, name), readFile(t, b, name), name)
	}
	// A form is the same whatever else is written with it.
	txtOnly := genCorpus(t, "-n", "9", "-per-file", "2", "-formats", "txt", "-seed", "42")
	assert.Equal(t, readFile(t, a, "txt/f000003.txt"), readFile(t, txtOnly, "txt/f000003.txt"))
	// Another seed, other forms.
	other := genCorpus(t, "-n", "9", "-per-file", "2", "-formats", "txt", "-seed", "43")
	assert.NotEqual(t, readFile(t, a, "txt/f000001.txt"), readFile(t, other, "txt/f000001.txt"))
	// Zip archives too are the same from run to run.
	z1 := genCorpus(t, append(args, "-zip", "-j", "1")...)
	z2 := genCorpus(t, append(args, "-zip", "-j", "3")...)
	assert.Equal(t, readFile(t, z1, zipName), readFile(t, z2, zipName))
}

func TestZip(t *testing.T) {
	loose := genCorpus(t, "-n", "5", "-per-file", "2", "-formats", "txt,docx,html")
	packed := genCorpus(t, "-n", "5", "-per-file", "2", "-formats", "txt,docx,html", "-zip")
	b := readFile(t, packed, zipName)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		assert.Equal(t, readFile(t, loose, f.Name), zipPart(t, b, f.Name), f.Name)
	}
	assert.Equal(t, []string{
		"txt/f000001.txt", "docx/f000001.docx", "html/f000001.html",
		"txt/f000002.txt", "docx/f000002.docx", "html/f000002.html",
		"txt/f000003.txt", "docx/f000003.docx", "html/f000003.html",
	}, names)
}

// TestExtract reads generated text through the pipeline: every form is
// found whole, with its name, indicators and total, and a form without a
// flaw draws no error from the checks while a flawed one draws a finding.
func TestExtract(t *testing.T) {
	for _, bad := range []float64{0, 1} {
		t.Run(fmt.Sprint("bad=", bad), func(t *testing.T) {
			cfg := &config{forms: 60, perFile: 20, formats: []string{"txt"}, seed: 9, bad: bad}
			for i := range cfg.files() {
				forms := cfg.fileForms(i)
				doc, err := extract.Bytes(appendText(nil, forms), "f.txt", nil)
				require.NoError(t, err)
				assert.Equal(t, model.StatusOK, doc.Status)
				assert.Empty(t, doc.Problems)
				require.Len(t, doc.Forms, len(forms))
				for j, got := range doc.Forms {
					want := forms[j]
					assert.Equal(t, want.Project, got.ProjectName)
					assert.Equal(t, want.Department, got.CompetentDepartment)
					assert.Equal(t, want.Year, *got.Year)
					require.Len(t, got.Indicators, len(want.Indicators))
					for k, in := range got.Indicators {
						assert.Equal(t, want.Indicators[k].Level1, in.Level1)
						assert.Equal(t, want.Indicators[k].Level2, in.Level2)
						assert.Equal(t, !want.Indicators[k].NA, in.Applicable)
					}
					assert.Equal(t, trim(parseCents(strings.TrimSuffix(want.TotalScore, "分"))), got.Total.Score.String())
					var severe []string
					for _, f := range got.Findings {
						if f.Severity != model.SevInfo {
							severe = append(severe, f.Code+": "+f.Message)
						}
					}
					if want.Flaw == "" {
						assert.Empty(t, severe, "form %d", j+1)
					} else {
						assert.NotEmpty(t, severe, "form %d, flaw %s", j+1, want.Flaw)
					}
				}
			}
		})
	}
}

// TestFormatsAgree reads the same forms from the three formats through the
// pipeline: the canonical JSON is the same but for the positions.
func TestFormatsAgree(t *testing.T) {
	cfg := &config{forms: 18, perFile: 18, seed: 21, bad: 0.3}
	forms := cfg.fileForms(0)
	word, err := docxFile(forms)
	require.NoError(t, err)
	inputs := map[string][]byte{"txt": appendText(nil, forms), "docx": word, "html": appendHTML(nil, forms)}
	got := map[string][]any{}
	for format, data := range inputs {
		doc, err := extract.Bytes(data, "f."+format, nil)
		require.NoError(t, err, format)
		assert.Equal(t, model.StatusOK, doc.Status, format)
		assert.Empty(t, doc.Problems, format)
		for i := range doc.Forms {
			var v any
			require.NoError(t, json.Unmarshal(doc.Forms[i].AppendJSON(nil, false), &v))
			got[format] = append(got[format], withoutAt(v))
		}
	}
	require.Len(t, got["txt"], 18)
	assert.Equal(t, got["txt"], got["docx"])
	assert.Equal(t, got["txt"], got["html"])
}

// withoutAt returns v, decoded JSON, without its "at" positions.
func withoutAt(v any) any {
	switch v := v.(type) {
	case map[string]any:
		delete(v, "at")
		for k, x := range v {
			v[k] = withoutAt(x)
		}
	case []any:
		for i, x := range v {
			v[i] = withoutAt(x)
		}
	}
	return v
}

// TestWriteError reports a folder that cannot be written.
func TestWriteError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	err := run([]string{"-n", "3", "-out", filepath.Join(file, "sub")}, io.Discard)
	assert.ErrorContains(t, err, "not a directory")
}

// BenchmarkExtract runs the pipeline over generated files of 18 forms in
// each format with one extract.Extractor, encoding every form as JSON, in
// MB/s of input: a profile of
// it (go test ./cmd/gencorpus -run XXX -bench Extract -cpuprofile cpu.prof)
// shows where the time of a jixiao run goes.
func BenchmarkExtract(b *testing.B) {
	cfg := &config{forms: 180, perFile: 18, seed: 1, bad: 0.05}
	for _, format := range []string{"txt", "docx", "html"} {
		b.Run(format, func(b *testing.B) {
			var files [][]byte
			var size int64
			for i := range cfg.files() {
				forms := cfg.fileForms(i)
				var data []byte
				switch format {
				case "txt":
					data = appendText(nil, forms)
				case "html":
					data = appendHTML(nil, forms)
				default:
					var err error
					data, err = docxFile(forms)
					require.NoError(b, err)
				}
				files = append(files, data)
				size += int64(len(data))
			}
			b.SetBytes(size)
			b.ReportAllocs()
			var buf []byte
			x := extract.NewExtractor(nil) // as jixiao extract reads files
			for b.Loop() {
				for _, data := range files {
					doc, err := x.Bytes(data, "f."+format)
					if err != nil {
						b.Fatal(err)
					}
					for i := range doc.Forms {
						buf = doc.Forms[i].AppendJSON(buf[:0], false)
					}
				}
			}
			b.ReportMetric(float64(cfg.forms*b.N)/b.Elapsed().Seconds(), "forms/s")
		})
	}
}
