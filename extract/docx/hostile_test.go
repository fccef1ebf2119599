package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

func read(b []byte, lim Limits) (*table.Result, error) {
	return Read(bytes.NewReader(b), int64(len(b)), lim)
}

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
	assert.Less(t, took, d*slowdown, "time")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, mem, "bytes allocated")
}

func TestNotADocx(t *testing.T) {
	valid := docxOf(t, document(p("甲")))
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotZip},
		{"text", []byte("项目支出绩效自评表\t得分\n"), ErrNotZip},
		{"truncated to half", valid[:len(valid)/2], ErrNotZip},
		{"truncated by one byte", valid[:len(valid)-1], ErrNotZip},
		{"no document part", zipOf(t, entry{"[Content_Types].xml", []byte(contentTypes)}, entry{"word/styles.xml", []byte("<w:styles/>")}), ErrNoDocument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := read(tt.data, DefaultLimits)
			assert.Nil(t, res)
			assert.ErrorIs(t, err, tt.want)
			var te *table.Error
			assert.ErrorAs(t, err, &te)
		})
	}
}

func TestCorruptEntry(t *testing.T) {
	b := docxOf(t, document(tbl(tr("", cells(strings.Repeat("项目资金", 2000))))))
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	f := find(z, "word/document.xml")
	off, err := f.DataOffset()
	require.NoError(t, err)
	for i := off + 40; i < off+60; i++ {
		b[i] ^= 0x5A
	}
	_, err = read(b, DefaultLimits)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "word/document.xml: ")
}

func TestZipBomb(t *testing.T) {
	const gib4 = 4 << 30
	prefix := docOpen + p("标题")
	spaces := repeated(prefix, ' ', 4096) // 4 GiB of spaces inside <w:body>
	zeros := repeated("", 0, 4096)        // 4 GiB of NUL
	require.Less(t, len(spaces), 5<<20, "the bomb is a few megabytes")
	tests := []struct {
		name string
		raw  []byte
		size uint64 // declared
		want error
	}{
		{"declares 4 GiB of spaces", spaces, gib4 + uint64(len(prefix)), ErrTooLarge},
		{"declares 4 GiB of zeros", zeros, gib4, ErrTooLarge},
		{"declares 1 MiB, inflates to 4 GiB of spaces", spaces, 1 << 20, zip.ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := rawZip(t, "word/document.xml", tt.raw, tt.size, entry{"_rels/.rels", []byte(rels("word/document.xml"))})
			bounded(t, 2*time.Second, 64<<20, func() {
				_, err := read(b, DefaultLimits)
				assert.ErrorIs(t, err, tt.want)
				var te *table.Error
				assert.ErrorAs(t, err, &te)
			})
			z, err := OpenZip(bytes.NewReader(b), int64(len(b)), DefaultLimits)
			if tt.size > uint64(DefaultLimits.MaxTotal) {
				assert.ErrorIs(t, err, ErrTooLarge)
				return
			}
			require.NoError(t, err)
			bounded(t, 2*time.Second, 64<<20, func() {
				_, err := ReadEntry(find(z, "word/document.xml"), DefaultLimits)
				assert.ErrorIs(t, err, tt.want)
			})
		})
	}

	// Zeros declared within the limit fail at the first byte.
	b := rawZip(t, "word/document.xml", zeros, 200<<20)
	bounded(t, time.Second, 16<<20, func() {
		_, err := read(b, DefaultLimits)
		assert.EqualError(t, err, ": word/document.xml: illegal character U+0000 on line 1")
	})
}

func TestRepeatedStream(t *testing.T) {
	// The bomb maker makes what it says, checked on a small one.
	raw := repeated("<a>", 'x', 3)
	b := rawZip(t, "x", raw, 3<<20+3)
	z, err := OpenZip(bytes.NewReader(b), int64(len(b)), DefaultLimits)
	require.NoError(t, err)
	f, err := z.File[0].Open()
	require.NoError(t, err)
	got, err := io.ReadAll(f)
	require.NoError(t, err) // a CRC of 0 is not checked
	assert.Equal(t, "<a>"+strings.Repeat("x", 3<<20), string(got))
}

func TestLimits(t *testing.T) {
	var entries []entry
	for i := range 11 {
		entries = append(entries, entry{fmt.Sprintf("f%02d.docx", i), bytes.Repeat([]byte("x"), 100)})
	}
	b := zipOf(t, entries...)
	lim := Limits{MaxEntries: 10, MaxEntrySize: 1 << 20, MaxTotal: 1 << 20}
	_, err := OpenZip(bytes.NewReader(b), int64(len(b)), lim)
	assert.ErrorIs(t, err, ErrTooManyEntries)
	assert.EqualError(t, err, ": too many entries in archive: 11, at most 10")

	lim = Limits{MaxEntries: 11, MaxEntrySize: 100, MaxTotal: 1099}
	_, err = OpenZip(bytes.NewReader(b), int64(len(b)), lim)
	assert.ErrorIs(t, err, ErrTooLarge)

	lim.MaxTotal = 1100
	z, err := OpenZip(bytes.NewReader(b), int64(len(b)), lim)
	require.NoError(t, err)
	got, err := ReadEntry(z.File[3], lim)
	require.NoError(t, err)
	assert.Equal(t, bytes.Repeat([]byte("x"), 100), got)

	lim.MaxEntrySize = 99
	_, err = ReadEntry(z.File[3], lim)
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.EqualError(t, err, ": f03.docx: archive inflates beyond the limit: declares 100 bytes, at most 99")

	// Zero fields are the defaults.
	z, err = OpenZip(bytes.NewReader(b), int64(len(b)), Limits{MaxEntrySize: 99})
	require.NoError(t, err)
	_, err = ReadEntry(z.File[3], Limits{MaxEntrySize: 99})
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.EqualError(t, err, ": f03.docx: archive inflates beyond the limit: declares 100 bytes, at most 99")
}

func TestCapped(t *testing.T) {
	c := &capped{rc: io.NopCloser(strings.NewReader(strings.Repeat("a", 100))), name: "x.xml", left: 10}
	got, err := io.ReadAll(c)
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.Len(t, got, 0)

	c = &capped{rc: io.NopCloser(strings.NewReader(strings.Repeat("a", 10))), name: "x.xml", left: 10}
	got, err = io.ReadAll(c)
	require.NoError(t, err)
	assert.Len(t, got, 10)
}

func TestMalformedXML(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		at   model.At
		msg  string
	}{{
		name: "mismatched tag in a cell",
		doc:  document(tbl(tr("", cells("a"), `<w:tc><w:p><w:r><w:t>b</w:r></w:p></w:tc>`))),
		at:   model.At{Table: 1, Row: 1, Col: 2},
		msg:  ": table 1, row 1, col 2: word/document.xml: XML syntax error on line 1: element <t> closed by </r>",
	}, {
		name: "cut short in a paragraph",
		doc:  document(p("标题") + tbl(tr("", cells("a"))) + p("注"))[:len(docOpen+p("标题")+tbl(tr("", cells("a"))))+60],
		at:   model.At{Paragraph: 2},
		msg:  ": paragraph 2: word/document.xml: XML syntax error on line 1: unexpected EOF",
	}, {
		name: "on a later line",
		doc:  document(p("a")) + "\n\n<",
		msg:  ": word/document.xml: XML syntax error on line 3: unexpected EOF",
	}, {
		name: "not a document",
		doc:  `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`,
		msg:  ": word/document.xml: root element <styles> is not w:document",
	}, {
		name: "binary",
		doc:  document(p("a") + "\n" + p("b\x01")),
		at:   model.At{Paragraph: 2},
		msg:  ": paragraph 2: word/document.xml: illegal character U+0001 on line 2",
	}, {
		name: "empty",
		doc:  "",
		msg:  ": word/document.xml: no document element",
	}, {
		name: "undeclared entity",
		doc:  document(p("a&nbsp;b")),
		at:   model.At{Paragraph: 1},
		msg:  ": paragraph 1: word/document.xml: XML syntax error on line 1: invalid character entity &nbsp;",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := read(docxOf(t, tt.doc), DefaultLimits)
			var te *table.Error
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tt.at, te.At)
			assert.EqualError(t, err, tt.msg)
		})
	}
}

func TestDeepNesting(t *testing.T) {
	const depth = 200000
	body := tbl(tr("", tc("", "<w:p>"+strings.Repeat(`<w:customXml w:element="x">`, depth)+
		r("深处")+strings.Repeat(`</w:customXml>`, depth)+"</w:p>"), tc("", "b")))
	b := docxOf(t, document(body))
	bounded(t, 5*time.Second, 512<<20, func() {
		res, err := read(b, DefaultLimits)
		require.NoError(t, err)
		assert.Equal(t, []string{"t1r1: 0:深处 | 1:b"}, show(res.Rows))
	})
}

func TestHugeCell(t *testing.T) {
	big := strings.Repeat("资金", 20<<20/6) // 20 MiB of UTF-8
	b := docxOf(t, document(tbl(tr("", cells("a", big, "c")))))
	bounded(t, 5*time.Second, 512<<20, func() {
		res, err := read(b, DefaultLimits)
		require.NoError(t, err)
		require.Len(t, res.Rows, 1)
		require.Len(t, res.Rows[0].Cells, 3)
		assert.Equal(t, len(big), len(res.Rows[0].Cells[1].Text))
		assert.True(t, res.Rows[0].Cells[1].Text == big)
	})
}

func TestErrorsAreTableErrors(t *testing.T) {
	_, err := read([]byte("PK\x03\x04 not really"), DefaultLimits)
	var te *table.Error
	require.True(t, errors.As(err, &te))
	assert.True(t, te.At.IsZero())
}
