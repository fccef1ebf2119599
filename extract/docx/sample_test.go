package docx

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract/table"
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

// Kinds of difference between the sample's text export and its .docx.
// The two were saved from different revisions of the same forms; each
// kind is a layout difference of the source, not of reading.
const (
	// A txt cell has a line break where the .docx has one paragraph:
	// "项目资金\n（万元）" against "项目资金（万元）".
	diffLineBreak = "line break"
	// The txt has one "/" cell more than the .docx in a row of "/".
	diffSlash = "extra slash"
	// The indicator block's row label: the txt has the header row without
	// it, then an empty row, then the label in the first indicator row;
	// the .docx has it in the header row and no empty row.
	diffLabel = "label moved"
)

// compareSample aligns the txt rows with got row by row on their filled
// cells, classifying every difference; it fails on one it cannot place.
// It returns the count of each kind of difference, the number of cells
// equal only once trimmed, and the number of rows with the same filled
// cells where the txt has one trailing empty cell more.
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

func TestSampleMatchesText(t *testing.T) {
	b, err := os.ReadFile(sample + ".docx")
	require.NoError(t, err)
	res, err := Read(bytes.NewReader(b), int64(len(b)), DefaultLimits)
	require.NoError(t, err)
	require.Len(t, res.Rows, 422)
	assert.Empty(t, res.Problems)

	txt := txtRows(t, sample+".txt")
	require.Len(t, txt, 440)
	kinds, spaced, trailing := compareSample(t, txt, res.Rows)
	// Each of the 18 forms differs in the same four places.
	assert.Equal(t, map[string]int{diffLineBreak: 18, diffSlash: 36, diffLabel: 18}, kinds)
	// "      上年结转资金", "  其他资金" in each form and three deviation
	// reasons led by a space in the txt.
	assert.Equal(t, 39, spaced)
	// Form 1 of the txt has a tenth, empty column in all its other rows.
	assert.Equal(t, 24, trailing)

	// Tables, titles and merges as the .docx has them.
	tables := 0
	merged := 0
	for _, r := range res.Rows {
		tables = max(tables, r.Table)
		for _, c := range r.Cells {
			if c.Merged {
				merged++
				assert.Empty(t, c.Text)
			}
		}
	}
	assert.Equal(t, 18, tables)
	assert.Equal(t, 412, merged, "the document.xml has 412 <w:vMerge/> continues")
	assert.Equal(t, []string{"t1r1: 0+9:项目支出绩效自评表1"}, show(res.Rows[:1]))
	assert.Equal(t, []string{"t2r6: ~0 | 1+2:年度资金总额 | 3:95.00 | 4:95.00 | 5:25.95 | 6:10 | 7:27.32% | 8:2.73分"},
		show(res.Rows[34:35]))
}

func BenchmarkDocxSample(b *testing.B) {
	data, err := os.ReadFile(sample + ".docx")
	require.NoError(b, err)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), int64(len(data)), DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}
