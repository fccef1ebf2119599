package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/model"
)

func init() {
	goldenInputs = append(goldenInputs, "testdata/changji-2021.docx", "testdata/changji-2021.html")
}

// TestFormatsAgree: the Word document and the HTML page of the sample give
// the same forms as its text export, field for field; only the source and
// the positions differ.
func TestFormatsAgree(t *testing.T) {
	want := extractSample(t, sample)
	for _, c := range []struct{ name, format, encoding string }{
		{"testdata/changji-2021.docx", model.FormatDocx, ""},
		{"testdata/changji-2021.html", model.FormatHTML, model.EncUTF8},
	} {
		t.Run(c.format, func(t *testing.T) {
			doc := extractSample(t, c.name)
			assert.Equal(t, c.format, doc.Source.Format)
			assert.Equal(t, c.encoding, doc.Source.Encoding)
			assert.Equal(t, model.StatusOK, doc.Status)
			assert.Empty(t, doc.Problems)
			require.Len(t, doc.Forms, len(want.Forms))
			assert.Equal(t, withoutAt(t, want.Forms), withoutAt(t, doc.Forms))
			// Positions are tables, rows and columns.
			f := doc.Forms[1]
			assert.Equal(t, 2, f.Funds.Total.At.Table)
			assert.Positive(t, f.Indicators[0].At.Row)
			assert.Positive(t, f.Indicators[0].At.Col)
			assert.Zero(t, f.Indicators[0].At.Line)
		})
	}
}

// TestDetectFormat names formats by content, not by file name.
func TestDetectFormat(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"docx", readSample(t, "testdata/changji-2021.docx"), model.FormatDocx},
		{"html", readSample(t, "testdata/changji-2021.html"), model.FormatHTML},
		{"text", readSample(t, sample), "text"},
		{"html with bom", []byte("\xEF\xBB\xBF  <!DOCTYPE html><html></html>"), model.FormatHTML},
		{"bare table", []byte("\n<TABLE><tr><td>x</td></tr></TABLE>"), model.FormatHTML},
		{"utf16 html", []byte("\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00"), model.FormatHTML},
		{"text with angle", []byte("\t<=300万元\n"), "text"},
		{"comment before html", []byte("<!-- saved --><HTML><body>"), model.FormatHTML},
		{"xml with html", []byte("<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"), model.FormatHTML},
		{"xml without html", []byte("<?xml version=\"1.0\"?><w:document>"), "text"},
		{"comment without html", []byte("<!-- x -->\t项目名称\n"), "text"},
		{"blanks only", []byte(" \t\r\n"), "text"},
		{"ideographic space first", []byte("\u3000<html>"), "text"},
		{"empty", nil, "text"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, extract.Detect(c.data), c.name)
	}
	// A .txt name does not stop a Word file from being read as one.
	doc, err := extract.Bytes(readSample(t, "testdata/changji-2021.docx"), "misnamed.txt", nil)
	require.NoError(t, err)
	assert.Equal(t, model.FormatDocx, doc.Source.Format)
	assert.Len(t, doc.Forms, 18)
}
