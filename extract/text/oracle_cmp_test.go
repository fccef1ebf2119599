package text

import (
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// scanned is what one Scan call handed over: the shape, the rows (copied,
// as Scan reuses its own) and the error.
type scanned struct {
	shape string
	rows  []table.Row
	err   string
	errAt model.At
	// broken lists the cells marked OneLine that hold a line break; the
	// oracle, which marks none, never has any.
	broken []string
}

// scanWith runs scan (Scan or the oracle's oldScan) over s, keeping copies
// of the rows it hands over.
func scanWith(scan func(string, string, func(*table.Row)) (string, error), s, shape string) scanned {
	var out scanned
	var err error
	out.shape, err = scan(s, shape, func(r *table.Row) {
		row := *r
		row.Cells = append([]table.Cell(nil), r.Cells...)
		for i := range row.Cells {
			// OneLine is a promise the oracle does not make: it is
			// checked, then left out of the comparison.
			if c := &row.Cells[i]; c.OneLine {
				if strings.ContainsAny(c.Text, "\r\n") {
					out.broken = append(out.broken, c.Text)
				}
				c.OneLine = false
			}
		}
		out.rows = append(out.rows, row)
	})
	if err != nil {
		out.err = err.Error()
		if te, ok := err.(*table.Error); ok {
			out.errAt = te.At
		}
	}
	return out
}

// sameAsOracle fails t unless Detect and Scan (in every shape) give for s
// exactly what the oracle gives.
func sameAsOracle(t testing.TB, s string) {
	t.Helper()
	require.Equal(t, oldDetect(s), Detect(s), "Detect(%.80q)", s)
	for _, shape := range []string{"", model.FormatTextCells, model.FormatTextRows} {
		want := scanWith(oldScan, s, shape)
		got := scanWith(Scan, s, shape)
		require.Equal(t, want, got, "Scan(%.80q, %q)", s, shape)
	}
}

// variants returns s with its line ends as they are, as CRLF and as CR,
// and with a byte-order mark's worth of odd bytes before it.
func variants(s string) []string {
	lf := strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return []string{s, lf, strings.ReplaceAll(lf, "\n", "\r\n"), strings.ReplaceAll(lf, "\n", "\r"),
		"\uFEFF" + s, "\x00\x1f " + s}
}

// TestOracle holds the tokenizer to the oracle on hand-picked inputs, the
// shipped sample and form variants with every kind of line end, and
// inputs pieced together from the bytes the tokenizer looks at.
func TestOracle(t *testing.T) {
	inputs := []string{
		"", "\t", "\n", "\r", "\r\n", "\t\t", "\t\n\t", " \n", "\t \n \n\t",
		"\t项目名称\n\t金保工程\n\n",
		"\t项目资金\n（万元）\n\t年初预算数\n\n",
		"\t项目资金\r\n（万元）\r\n第三段\r\n\tx\r\n",
		"\ta\rb\r\r\tc",
		"续上文\n\ta\n",
		"续上文\r\n第二段\r\n\ta\r\n",
		"\ta\n   \n\tb\n",
		"\ta\n \t \n\tb\n",
		"\ta\tb\n\tc\n\n",
		"a\tb\nc\td\n",
		"\ta\n\n\n\n\tb",
		"\t12345678\n\t123456789abcdef\n\t1234567\n",
		"\t一二三四五六七八九十\r\n\t1\r\r\n\n\r",
		"\t\v\f\x00\x1f\x7f\n\t\x80\xff\n",
		"项目名称\tX\n\"a\nb\"\t\"c\"\"d\"\n\n总分\t100\n",
		strings.Repeat("\t项目名称\n\t300.00\n\n", 2000),
		strings.Repeat("a\tb\n", detectBytes/4) + strings.Repeat("\tc\n", 20000),
		strings.Repeat("a\tb\n", detectBytes/8) + strings.Repeat("\tc\n", 20000),
		strings.Repeat("\t\n", detectBytes) + "a\tb\n",
	}
	for _, pattern := range []string{"../../testdata/*.txt", "../../testdata/variants/*.txt"} {
		files, err := filepath.Glob(pattern)
		require.NoError(t, err)
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			inputs = append(inputs, string(b))
		}
	}
	for _, in := range inputs {
		for _, v := range variants(in) {
			sameAsOracle(t, v)
		}
	}
	pieces := []string{"\t", "\n", "\r", "\r\n", " ", "  ", "\u3000", "a", "12.5", "项目", "\"", "\x00", "\x1f", "\xff", "\n\n", "\t\t"}
	rnd := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	for range 20000 {
		b.Reset()
		for n := rnd.IntN(40); n > 0; n-- {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		sameAsOracle(t, b.String())
	}
}

// TestOracleTooManyCells: the cap on cells stops both at the same line
// with the same rows handed over.
func TestOracleTooManyCells(t *testing.T) {
	defer func(n int) { maxCells = n }(maxCells)
	maxCells = 10
	for _, in := range []string{strings.Repeat("\t\n", 20), strings.Repeat("\ta\n\tb\n\n", 10),
		strings.Repeat("\ta\r\nb\r\n\r\n", 12), strings.Repeat("a\tb\n", 10)} {
		sameAsOracle(t, in)
	}
}

// FuzzOracle holds the tokenizer to the oracle on any input.
func FuzzOracle(f *testing.F) {
	f.Add("\t项目名称\n\tX\n\n")
	f.Add("\ta\r\nb\r\n\r\n\tc\r")
	f.Add("a\t\"b\nc\"\td\r\n")
	f.Add("续\r\r\t \n  \n\t\t\n")
	f.Add("\t12345678\n\t123456789abcdef\n\t1234567\n")
	f.Fuzz(func(t *testing.T, s string) {
		sameAsOracle(t, s)
	})
}

// BenchmarkScan tokenizes the shipped sample as Scan, handing the rows to
// a function that drops them: the tokenizer alone, as
// BenchmarkTextPhases/tokenize measures it. CRLF is the sample with CRLF
// line ends, and Detect the shape detection alone.
func BenchmarkScan(b *testing.B) {
	raw := sampleText(b)
	for _, c := range []struct{ name, in string }{
		{"LF", raw},
		{"CRLF", strings.ReplaceAll(raw, "\n", "\r\n")},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Scan(c.in, "", func(*table.Row) {}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("Detect", func(b *testing.B) {
		b.SetBytes(int64(min(len(raw), detectBytes)))
		for b.Loop() {
			Detect(raw)
		}
	})
}

// TestOracleFastPaths holds to the oracle the inputs that cross the
// bounds of the fast paths: cellRun's runs of cells of every length up to
// two words, ending at the end of the input, filling the row's cells
// exactly at a CRLF, holding control characters, or followed by a
// continuation line; and Detect's lines of a cell, near the end of its
// 16 KiB or with a second TAB.
func TestOracleFastPaths(t *testing.T) {
	texts := []string{"", "1", "38.64", "产出指标", "1234567", "12345678", "123456789abcdef",
		"项目名称项目名称", "a\tb", "a\x0bb", "\x1f", "a\x00", "\t"}
	var inputs []string
	for _, x := range texts {
		for cells := 1; cells <= 20; cells++ {
			var b strings.Builder
			for range cells {
				b.WriteString("\t" + x + "\n")
			}
			row := b.String()
			inputs = append(inputs, row, row+"\n"+row, row[:len(row)-1], "\t"+x,
				row+"续\n"+row, row+"\n\n"+row+"\n", strings.Repeat(row+"\n", 40))
		}
	}
	// Detect's 16 KiB cut in every place of a line of a cell.
	for k := range 12 {
		inputs = append(inputs, strings.Repeat("a\tb\n", detectBytes/8)+strings.Repeat("x", k)+strings.Repeat("\t项目名称\n", detectBytes/8))
	}
	for _, in := range inputs {
		for _, v := range variants(in) {
			sameAsOracle(t, v)
		}
	}
}

// TestControls: the lowest byte controls marks is the first byte of the
// word below 0x20, and no byte is marked when there is none.
func TestControls(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	bytes := []byte{0, 0x09, 0x0a, 0x0d, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0x9f, 0xa0, 0xe4, 0xff}
	for range 200000 {
		var w [8]byte
		for i := range w {
			w[i] = bytes[rnd.IntN(len(bytes))]
		}
		s := string(w[:])
		first := -1
		for i, c := range w {
			if c < 0x20 {
				first = i
				break
			}
		}
		m := controls(load64(s, 0))
		if first < 0 {
			require.Zero(t, m, "%q", s)
		} else {
			require.Equal(t, first, bits.TrailingZeros64(m)>>3, "%q", s)
		}
	}
}
