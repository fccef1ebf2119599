package extract_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/extract/text"
	"github.com/jixiao/jixiao/model"
)

// bounded runs f and fails when it takes more than d or allocates more
// than mem bytes.
func bounded(t *testing.T, d time.Duration, mem uint64, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	assert.Less(t, took, d, "time")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, mem, "bytes allocated")
}

// variant reads a rendered fixture of testdata/variants.
func variant(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "variants", name))
	require.NoError(t, err)
	return b
}

// deflated returns a raw deflate stream of prefix followed by mib MiB of
// the byte c, built from one compressed MiB repeated, so that a stream of
// gigabytes costs a few megabytes and no time to make.
func deflated(prefix string, c byte, mib int) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	block := bytes.Repeat([]byte{c}, 1<<20)
	w.Write([]byte(prefix))
	w.Write(block)
	w.Flush()
	out := bytes.Clone(buf.Bytes())
	buf.Reset()
	w.Write(block)
	w.Flush()
	chunk := bytes.Clone(buf.Bytes())
	buf.Reset()
	w.Close()
	for range mib - 1 {
		out = append(out, chunk...)
	}
	return append(out, buf.Bytes()...)
}

// bomb returns a .docx whose word/document.xml is the raw deflate stream
// raw, declared to inflate to size bytes.
func bomb(t *testing.T, raw []byte, size uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, err := w.Create("_rels/.rels")
	require.NoError(t, err)
	_, err = f.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`))
	require.NoError(t, err)
	f, err = w.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: size})
	require.NoError(t, err)
	_, err = f.Write(raw)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

// TestHostile feeds extract.Bytes input of every kind that is no form, or
// only part of one: each gets a failed or partial document with problems
// that say what went wrong and where, the returned error (for input that
// cannot be read) names the file, and nothing panics or runs away.
func TestHostile(t *testing.T) {
	declared := bomb(t, deflated(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`, ' ', 3<<10), 3<<30+120)
	lying := bomb(t, deflated(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`, ' ', 3<<10), 1<<20)
	valid := variant(t, "titles.docx")
	random := make([]byte, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	huge := "\t项目支出绩效自评表\n\n\t项目名称\n\t" + strings.Repeat("资金", 15<<20) + "\n\n"
	big := strings.Repeat("资金", 5<<20) // 30 MB
	bigGrid := &grid{name: "big", rows: []gridRow{
		{para: true, cells: []gridCell{{text: "项目支出绩效自评表", span: 1}}},
		{cells: []gridCell{{text: "项目名称", span: 1}, {text: big, span: 1}}},
	}}
	const deep = 200000
	goals := "\t项目支出绩效自评表\n\n\t年度总体目标\n\t预期目标\n\t实际完成情况\n\n" +
		strings.Repeat("\t\n\t完成年度目标。\n\t已完成。\n\n", 200000)
	wide := "项目支出绩效自评表\r\n一级指标\t二级指标\t三级指标" + strings.Repeat("\t值", 100000) + "\r\n" +
		"产出指标\t数量指标\t甲" + strings.Repeat("\t1", 100000) + "\r\n"

	tests := []struct {
		name, path string
		data       []byte
		status     string
		codes      []string // problem codes, in order
		err        string   // the returned error, "" for none
		mem        uint64   // bytes it may allocate; 0 for the default, see below
	}{
		{"empty", "empty.txt", nil, model.StatusFailed, []string{"form.none"}, "", 0},
		{"blank lines", "blank.txt", []byte("\r\n\r\n  \n"), model.StatusFailed, []string{"form.none"}, "", 0},
		{"random bytes", "random.bin", random, model.StatusFailed, []string{"read.error"}, "random.bin: not UTF-8, UTF-16 or GB18030 text", 0},
		{"text with no form", "notes.txt", []byte("\t会议纪要\n\n\t时间\n\t2022年3月1日\n\n\t议题\n\t预算执行情况\n\n"),
			model.StatusFailed, []string{"row.outside", "row.outside", "row.outside", "form.none"}, "", 0},
		{"not a zip", "form.docx", []byte("PK\x03\x04 this is no zip archive"), model.StatusFailed,
			[]string{"read.error"}, "form.docx: not a zip archive", 0},
		{"truncated docx", "cut.docx", valid[:len(valid)/2], model.StatusFailed, []string{"read.error"}, "cut.docx: not a zip archive", 0},
		{"docx declaring 3 GiB", "bomb.docx", declared, model.StatusFailed, []string{"read.error"}, "bomb.docx: ", 0},
		{"docx inflating past its size", "lying.docx", lying, model.StatusFailed, []string{"read.error"}, "lying.docx: ", 0},
		{"html nested 200000 deep", "deep.html",
			[]byte("<html><body>" + strings.Repeat("<table><tr><td>", deep) + "项目支出绩效自评表"),
			model.StatusFailed, []string{"read.error"}, "deep.html: html: open stack of elements exceeds", 0},
		{"html divs nested 200000 deep", "divs.html",
			[]byte("<html><body><p>项目支出绩效自评表</p>" + strings.Repeat("<div>", deep) + "项目名称" + strings.Repeat("</div>", deep) + "</body></html>"),
			model.StatusPartial, []string{"html.flattened", "form.truncated", "form.no_indicators"}, "", 0},
		{"a cell of 90 MB", "huge.txt", []byte(huge), model.StatusPartial, []string{"form.truncated", "form.no_indicators"}, "", 0},
		{"html with a cell of 30 MB", "big.html", bigGrid.html(), model.StatusPartial, []string{"form.truncated", "form.no_indicators"}, "", 512 << 20},
		{"docx with a cell of 30 MB", "big.docx", bigGrid.docx(), model.StatusPartial, []string{"form.truncated", "form.no_indicators"}, "", 512 << 20},
		{"200000 goal rows", "goals.txt", []byte(goals), model.StatusPartial, []string{"form.truncated", "form.no_indicators"}, "", 0},
		{"a header row of 100000 cells", "wide.txt", []byte(wide), model.StatusPartial, []string{"form.truncated", "form.no_indicators"}, "", 0},
		{"unclosed quote", "quote.txt", []byte("项目名称\t\"乡村道路\r\n主管部门\t某县\r\n"), model.StatusFailed,
			[]string{"read.error", "form.none"}, "quote.txt:1: quoted cell 2 is not closed", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Memory grows with the input's bytes and with its cells: a
			// row of cells costs the reader and the machine some hundred
			// bytes a cell, however short the cells.
			mem := tt.mem
			if mem == 0 {
				cells := bytes.Count(tt.data, []byte("\t")) + bytes.Count(tt.data, []byte("\n"))
				mem = 8*uint64(len(tt.data)) + 1<<10*uint64(cells) + 96<<20
			}
			var doc *model.Document
			var err error
			bounded(t, 20*time.Second, mem, func() {
				doc, err = extract.Bytes(tt.data, tt.path, nil)
			})
			require.NotNil(t, doc)
			assert.Equal(t, tt.path, doc.Source.Path)
			assert.Equal(t, tt.status, doc.Status)
			if tt.err == "" {
				assert.NoError(t, err)
			} else {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				var te *table.Error
				assert.ErrorAs(t, err, &te)
			}
			got := problems(doc)
			for i := range got {
				got[i] = strings.TrimSuffix(strings.TrimSuffix(got[i], "@0"), "@1")
			}
			assert.Equal(t, tt.codes, got)
			for _, p := range doc.Problems {
				assert.NotEmpty(t, p.Message)
				if strings.HasPrefix(p.Code, "row.") || strings.HasPrefix(p.Code, "form.") && p.Code != "form.none" {
					assert.False(t, p.At.IsZero(), "%s has a position", p.Code)
				}
			}
			if tt.err == "" && strings.HasSuffix(tt.path, ".txt") && len(tt.data) < 1<<20 {
				res, err := text.Parse(string(tt.data), "")
				require.NoError(t, err)
				assertNothingLost(t, res.Rows, doc)
			}
		})
	}
}

// TestCutOff extracts a file cut off in the middle of a form's indicator
// table, and one that starts in the middle of a form, in every shape: the
// forms before the cut come out whole, the cut form as far as it goes, and
// a warning says where it was cut.
func TestCutOff(t *testing.T) {
	g := readGrid(t, "titles")
	last, first := -1, -1
	for i, r := range g.rows {
		if len(r.cells) > 3 && r.cells[3].text == "补贴发放准确率" {
			last = i
		}
		if first < 0 && r.cells[0].text == "项目资金\n(万元)" {
			first = i
		}
	}
	require.Positive(t, last)
	tail := &grid{name: "tail", rows: g.rows[:last+1]}
	tail.rows[last].cells = tail.rows[last].cells[:4] // the row itself cut short
	head := &grid{name: "head", rows: g.rows[first:]}
	for _, sh := range shapes {
		t.Run(sh.ext, func(t *testing.T) {
			doc, err := extract.Bytes(sh.render(tail), "tail"+sh.ext, nil)
			require.NoError(t, err)
			assert.Equal(t, model.StatusPartial, doc.Status)
			require.Len(t, doc.Forms, 9)
			f := doc.Forms[8]
			assert.Equal(t, "耕地地力保护补贴", f.ProjectName)
			assert.Nil(t, f.Total)
			require.Len(t, f.Indicators, 1)
			assert.Equal(t, "补贴发放准确率", *f.Indicators[0].Name)
			assert.Equal(t, []string{"form.truncated@9"}, problems(doc))
			assert.Equal(t, f.At, doc.Problems[0].At, "the warning points at the form")

			doc, err = extract.Bytes(sh.render(head), "head"+sh.ext, nil)
			require.NoError(t, err)
			assert.Equal(t, model.StatusPartial, doc.Status)
			require.Len(t, doc.Forms, 9)
			assert.Equal(t, "", doc.Forms[0].Title)
			assert.Equal(t, "100/99.9", total(doc.Forms[0]))
			assert.Len(t, doc.Forms[0].Indicators, 3)
			assert.Equal(t, []string{"form.no_title@1"}, problems(doc))
		})
	}
	for _, g := range []*grid{tail, head} {
		res, err := text.Parse(string(g.cells()), model.FormatTextCells)
		require.NoError(t, err)
		doc, err := extract.Bytes(g.cells(), g.name, nil)
		require.NoError(t, err)
		assertNothingLost(t, readable(res.Rows), doc)
	}
}
