package export

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/jixiao/jixiao/model"
)

// benchForms is the number of forms one benchmark iteration exports.
const benchForms = 10_000

// benchDocs returns generated documents holding benchForms forms, and the
// number of rows they give across the tables.
func benchDocs() ([]*model.Document, int) {
	var docs []*model.Document
	var b batch
	forms, rows := 0, 0
	for i := 0; forms < benchForms; i++ {
		d := genDoc(i)
		if len(d.Forms) > benchForms-forms {
			d.Forms = d.Forms[:benchForms-forms]
		}
		docs = append(docs, d)
		forms += len(d.Forms)
		b.fill(d)
		for t := range tables {
			rows += b.len(t)
		}
	}
	return docs, rows
}

func benchmarkExport(b *testing.B, format string) {
	docs, rows := benchDocs()
	dir := b.TempDir()
	path := filepath.Join(dir, "out")
	if format == "xlsx" {
		path += ".xlsx"
	}
	b.ReportAllocs()
	for b.Loop() {
		w, err := New(format, path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			if err := w.Write(d); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(rows*b.N)/secs, "rows/s")
	b.ReportMetric(float64(benchForms*b.N)/secs, "forms/s")
}

// BenchmarkParquet exports 10,000 forms (about 150,000 rows) to Parquet.
func BenchmarkParquet(b *testing.B) { benchmarkExport(b, "parquet") }

// BenchmarkCSV exports 10,000 forms to CSV.
func BenchmarkCSV(b *testing.B) { benchmarkExport(b, "csv") }

// BenchmarkXLSX exports 10,000 forms to xlsx.
func BenchmarkXLSX(b *testing.B) { benchmarkExport(b, "xlsx") }

// BenchmarkNDJSON exports 10,000 forms to NDJSON.
func BenchmarkNDJSON(b *testing.B) { benchmarkExport(b, "ndjson") }

// TestMemoryFlat writes many documents and checks that the live heap does
// not grow with the number written: after a first phase, which fills the
// writers' buffers, the next phase of four times as many documents may add
// little more than the Parquet footer grows by: the metadata of each row
// group, kept until Close writes it (about 1 MiB per 10,000 documents with
// the small row groups set here).
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100,000 documents")
	}
	// Small row groups, so that the Parquet writer flushes many times in
	// each phase.
	saved := rowGroupRows
	rowGroupRows = 8 << 10
	defer func() { rowGroupRows = saved }()

	docs := genDocs(1000)
	for _, format := range []string{"parquet", "csv", "ndjson"} {
		t.Run(format, func(t *testing.T) {
			w, err := New(format, filepath.Join(t.TempDir(), "out."+format), Options{})
			require.NoError(t, err)
			first := peakHeap(t, w, docs, 0, 5000)
			more := peakHeap(t, w, docs, 5000, 20000)
			t.Logf("peak live heap %.1f MiB over the first 5,000 documents, %.1f MiB over the next 20,000", mib(first), mib(more))
			assert.Less(t, more, first+6<<20, "heap grew from %.1f MiB to %.1f MiB", mib(first), mib(more))
			require.NoError(t, w.Close())
		})
	}
}

// TestMemoryXLSX checks that the xlsx writer holds at most what excelize's
// StreamWriter keeps of each sheet before it spills to its temporary file:
// a buffer of StreamChunkSize, which may double as it fills.
func TestMemoryXLSX(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 8,000 documents")
	}
	docs := genDocs(1000)
	base := peakHeap(t, nil, docs, 0, 0)
	w, err := New("xlsx", filepath.Join(t.TempDir(), "out.xlsx"), Options{})
	require.NoError(t, err)
	peak := peakHeap(t, w, docs, 0, 8000)
	t.Logf("peak live heap %.1f MiB, %.1f MiB above the documents", mib(peak), mib(peak-base))
	assert.Less(t, peak-base, uint64(numTables*2*excelize.StreamChunkSize))
	require.NoError(t, w.Close())
}

// peakHeap writes docs[from%len(docs)…] to w, count of them, and returns
// the largest live heap seen every 1,000 documents (or once, for count 0).
func peakHeap(t *testing.T, w Writer, docs []*model.Document, from, count int) uint64 {
	var peak uint64
	measure := func() {
		runtime.GC()
		runtime.GC() // and the pools' victims
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
	}
	if count == 0 {
		measure()
	}
	for i := from; i < from+count; i++ {
		require.NoError(t, w.Write(docs[i%len(docs)]))
		if (i+1)%1000 == 0 {
			measure()
		}
	}
	return peak
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }
