package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract/table"
)

// The fixtures are written here, in Go, as Word writes them; none is made
// with the reader under test.

const docOpen = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
	` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"` +
	` xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"` +
	` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
	` xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"` +
	` xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"><w:body>`

const docClose = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`

// document returns a main document part with the given body.
func document(body string) string { return docOpen + body + docClose }

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`</Types>`

// rels returns a package relationships part naming target as the main
// document.
func rels(target string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="` + target + `"/>` +
		`</Relationships>`
}

// entry is one member of a zip archive.
type entry struct {
	name string
	data []byte
}

// zipOf writes a zip archive of the entries, deflated.
func zipOf(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		f, err := w.Create(e.name)
		require.NoError(t, err)
		_, err = f.Write(e.data)
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return buf.Bytes()
}

// docxOf returns a .docx archive whose main document part is doc.
func docxOf(t testing.TB, doc string) []byte {
	return zipOf(t,
		entry{"[Content_Types].xml", []byte(contentTypes)},
		entry{"_rels/.rels", []byte(rels("word/document.xml"))},
		entry{"word/document.xml", []byte(doc)},
	)
}

// readBody reads a .docx archive built around body.
func readBody(t testing.TB, body string) *table.Result {
	t.Helper()
	b := docxOf(t, document(body))
	res, err := Read(bytes.NewReader(b), int64(len(b)), DefaultLimits)
	require.NoError(t, err)
	return res
}

// Markup helpers, each writing one WordprocessingML element.

// r is a run of text.
func r(s string) string { return `<w:r><w:t xml:space="preserve">` + s + `</w:t></w:r>` }

// p is a paragraph of runs; plain strings become runs.
func p(content ...string) string {
	var b strings.Builder
	b.WriteString("<w:p><w:pPr><w:jc w:val=\"center\"/><w:rPr><w:b/></w:rPr></w:pPr>")
	for _, c := range content {
		if !strings.HasPrefix(c, "<") {
			c = r(c)
		}
		b.WriteString(c)
	}
	b.WriteString("</w:p>")
	return b.String()
}

// tc is a cell with the given properties (inside w:tcPr) and content;
// plain strings become paragraphs.
func tc(props string, content ...string) string {
	var b strings.Builder
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="960" w:type="dxa"/>` + props + `</w:tcPr>`)
	if len(content) == 0 {
		content = []string{"<w:p/>"}
	}
	for _, c := range content {
		if !strings.HasPrefix(c, "<") {
			c = p(c)
		}
		b.WriteString(c)
	}
	b.WriteString("</w:tc>")
	return b.String()
}

// cells returns plain cells of the given texts.
func cells(texts ...string) string {
	var b strings.Builder
	for _, s := range texts {
		b.WriteString(tc("", s))
	}
	return b.String()
}

// tr is a row with the given properties (inside w:trPr) and cells.
func tr(props string, cells ...string) string {
	s := "<w:tr>"
	if props != "" {
		s += "<w:trPr>" + props + "</w:trPr>"
	}
	return s + strings.Join(cells, "") + "</w:tr>"
}

// tbl is a table of rows.
func tbl(rows ...string) string {
	return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>` +
		`<w:tblGrid><w:gridCol w:w="960"/><w:gridCol w:w="960"/><w:gridCol w:w="960"/></w:tblGrid>` +
		strings.Join(rows, "") + `</w:tbl>`
}

func span(n int) string { return fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, n) }

const (
	vRestart = `<w:vMerge w:val="restart"/>`
	vCont    = `<w:vMerge/>`
	hRestart = `<w:hMerge w:val="restart"/>`
	hCont    = `<w:hMerge/>`
)

// show renders rows compactly for assertions: "t1r2: 0:a | 1+2:b | ~3"
// (col, +span when not 1, ~ for a merged cell), "p3: text" for paragraphs.
func show(rows []table.Row) []string {
	var out []string
	for _, row := range rows {
		var b strings.Builder
		if row.Para {
			fmt.Fprintf(&b, "p%d: %s", row.At.Paragraph, row.Cells[0].Text)
			out = append(out, b.String())
			continue
		}
		fmt.Fprintf(&b, "t%dr%d:", row.Table, row.At.Row)
		for i, c := range row.Cells {
			if i > 0 {
				b.WriteString(" |")
			}
			b.WriteByte(' ')
			if c.Merged {
				b.WriteByte('~')
			}
			fmt.Fprintf(&b, "%d", c.Col)
			if c.Span != 1 {
				fmt.Fprintf(&b, "+%d", c.Span)
			}
			if !c.Merged {
				b.WriteString(":" + c.Text)
			}
		}
		out = append(out, b.String())
	}
	return out
}

// repeated returns a raw deflate stream that inflates to prefix followed
// by mib MiB of the byte c: flushed blocks of a run repeat exactly, so
// gigabytes cost a few megabytes and no time to make.
func repeated(prefix string, c byte, mib int) []byte {
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

// rawZip writes one deflated entry from its raw stream, declaring size
// as its inflated size.
func rawZip(t testing.TB, name string, raw []byte, size uint64, extra ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range extra {
		f, err := w.Create(e.name)
		require.NoError(t, err)
		_, err = f.Write(e.data)
		require.NoError(t, err)
	}
	f, err := w.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: size,
	})
	require.NoError(t, err)
	_, err = f.Write(raw)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}
