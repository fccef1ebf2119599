package html

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract/docx"
	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

const sample = "../../testdata/changji-2021"

// txtRow is a row of the sample's text export.
type txtRow struct {
	line  int // first line, 1-based
	cells []string
}

// txtRows reads a text export as Tika writes one: a cell a line, led by
// TAB; a line without one continues the cell above; a blank line ends the
// row.
func txtRows(t testing.TB, path string) []txtRow {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var rows []txtRow
	var cur *txtRow
	for i, line := range strings.Split(string(b), "\n") {
		switch {
		case line == "":
			if cur != nil {
				rows = append(rows, *cur)
				cur = nil
			}
		case strings.HasPrefix(line, "\t"):
			if cur == nil {
				cur = &txtRow{line: i + 1}
			}
			cur.cells = append(cur.cells, line[1:])
		default:
			require.NotNil(t, cur, "line %d continues no cell", i+1)
			cur.cells[len(cur.cells)-1] += "\n" + line
		}
	}
	if cur != nil {
		rows = append(rows, *cur)
	}
	return rows
}

// filled returns the trimmed texts of the cells that are not blank.
func filled(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// Kinds of difference between the sample's text export and the page,
// which LibreOffice saved from the sample's .docx: see the docx package's
// test, where the same differences are found.
const (
	diffLineBreak = "line break"  // "项目资金\n（万元）" against "项目资金（万元）"
	diffSlash     = "extra slash" // one "/" cell more in the txt
	diffLabel     = "label moved" // the indicator block's label a row lower, after an empty row
)

// compareSample aligns the txt rows with got on their filled cells and
// classifies every difference, failing on one it cannot place.
func compareSample(t *testing.T, txt []txtRow, got []table.Row) (kinds map[string]int, spaced, trailing int) {
	t.Helper()
	kinds = map[string]int{}
	i, j := 0, 0
	for i < len(txt) && j < len(got) {
		a, b := filled(txt[i].cells), filled(got[j].Texts())
		switch {
		case slices.Equal(a, b):
			for k, c := range txt[i].cells {
				if k < len(got[j].Cells) && c != got[j].Cells[k].Text && strings.TrimSpace(c) == got[j].Cells[k].Text {
					spaced++
				}
			}
			if n := len(txt[i].cells); n == len(got[j].Cells)+1 && txt[i].cells[n-1] == "" {
				trailing++
			} else {
				assert.Len(t, got[j].Cells, n, "txt line %d: cells", txt[i].line)
			}
			i, j = i+1, j+1
		case len(a) == len(b) && slices.Equal(noBreaks(a), b):
			kinds[diffLineBreak]++
			i, j = i+1, j+1
		case len(a) == len(b)+1 && a[len(a)-1] == "/" && slices.Equal(a[:len(b)], b):
			kinds[diffSlash]++
			i, j = i+1, j+1
		case i+2 < len(txt) && j+1 < len(got) && len(b) > 0 && slices.Equal(a, b[1:]) &&
			len(filled(txt[i+1].cells)) == 0 &&
			slices.Equal(filled(txt[i+2].cells), append([]string{b[0]}, filled(got[j+1].Texts())...)):
			kinds[diffLabel]++
			i, j = i+3, j+2
		default:
			t.Fatalf("txt line %d and %v differ:\n txt  %q\n read %q", txt[i].line, got[j].At, a, b)
		}
	}
	assert.Equal(t, len(txt), i, "txt rows left over")
	assert.Equal(t, len(got), j, "rows left over")
	return kinds, spaced, trailing
}

func noBreaks(s []string) []string {
	out := make([]string, len(s))
	for i, c := range s {
		out[i] = strings.ReplaceAll(c, "\n", "")
	}
	return out
}

func readSample(t testing.TB) *table.Result {
	b, err := os.ReadFile(sample + ".html")
	require.NoError(t, err)
	res, err := Read(b)
	require.NoError(t, err)
	return res
}

func TestSampleMatchesText(t *testing.T) {
	res := readSample(t)
	assert.Equal(t, model.EncUTF8, res.Encoding)
	assert.Empty(t, res.Problems)
	require.Len(t, res.Rows, 422)
	txt := txtRows(t, sample+".txt")
	kinds, spaced, trailing := compareSample(t, txt, res.Rows)
	assert.Equal(t, map[string]int{diffLineBreak: 18, diffSlash: 36, diffLabel: 18}, kinds)
	assert.Equal(t, 39, spaced)
	assert.Equal(t, 24, trailing)
}

// The page is LibreOffice's export of the .docx: both give the same rows,
// cell for cell, with the same grid places and positions.
func TestSampleMatchesDocx(t *testing.T) {
	res := readSample(t)
	b, err := os.ReadFile(sample + ".docx")
	require.NoError(t, err)
	want, err := docx.Read(bytes.NewReader(b), int64(len(b)), docx.DefaultLimits)
	require.NoError(t, err)
	require.Len(t, res.Rows, len(want.Rows))
	for i := range want.Rows {
		require.Equal(t, want.Rows[i], res.Rows[i], "row %d", i)
	}
}

func BenchmarkHTMLSample(b *testing.B) {
	data, err := os.ReadFile(sample + ".html")
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(data); err != nil {
			b.Fatal(err)
		}
	}
}
