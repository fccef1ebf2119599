package extract_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract"
)

// testInputs returns every input file of testdata: the samples in their
// three formats and the variants in theirs.
func testInputs(t testing.TB) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("..", "testdata", "*.*"))
	require.NoError(t, err)
	more, err := filepath.Glob(filepath.Join("..", "testdata", "variants", "*.*"))
	require.NoError(t, err)
	in := map[string][]byte{}
	for _, name := range append(names, more...) {
		switch filepath.Ext(name) {
		case ".txt", ".docx", ".html":
			b, err := os.ReadFile(name)
			require.NoError(t, err)
			in[name] = b
		}
	}
	require.Greater(t, len(in), 20)
	return in
}

// TestExtractor reads every test input with one Extractor, each through
// its ReadAll buffer, in two orders: each document's JSON must be that of
// extract.Bytes, and encoding it must happen before the next call only.
func TestExtractor(t *testing.T) {
	in := testInputs(t)
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range in {
			if !yield(k) {
				return
			}
		}
	})
	order := append(slices.Clone(names), names...)
	slices.Reverse(order[len(names):])
	for _, opt := range []*extract.Options{nil, {NoCheck: true}} {
		x := extract.NewExtractor(opt)
		for _, name := range order {
			want, wantErr := extract.Bytes(in[name], name, opt)
			b, err := x.ReadAll(bytes.NewReader(in[name]), int64(len(in[name])), extract.DefaultMaxSize)
			require.NoError(t, err)
			got, err := x.Bytes(b, name)
			assert.Equal(t, wantErr, err, name)
			require.Equal(t, string(want.AppendJSON(nil, true)), string(got.AppendJSON(nil, true)), name)
		}
	}
}

// TestExtractorInPlace: an Extractor reads UTF-8 text in place, so its
// document's strings are cut from the input, and allocates less than a
// fifth of the bytes Bytes does for the sample once warm.
func TestExtractorInPlace(t *testing.T) {
	raw := readSample(t, sample)
	x := extract.NewExtractor(nil)
	doc, err := x.Bytes(raw, sample)
	require.NoError(t, err)
	name := doc.Forms[0].ProjectName
	require.NotEmpty(t, name)
	i := bytes.Index(raw, []byte(name))
	require.GreaterOrEqual(t, i, 0)
	raw[i] = 'X' // a change to the input shows in the document
	assert.Equal(t, byte('X'), doc.Forms[0].ProjectName[0])
	raw = readSample(t, sample)

	alloc := func(f func()) uint64 {
		var a, b runtime.MemStats
		f()
		runtime.ReadMemStats(&a)
		for range 5 {
			f()
		}
		runtime.ReadMemStats(&b)
		return (b.TotalAlloc - a.TotalAlloc) / 5
	}
	fresh := alloc(func() { extract.Bytes(raw, sample, nil) })
	reused := alloc(func() { x.Bytes(raw, sample) })
	t.Logf("bytes allocated for the sample: Bytes %d, Extractor %d", fresh, reused)
	if race {
		t.Skip("the race detector's instrumentation allocates")
	}
	assert.Less(t, reused, fresh/5)
}

// FuzzExtractor reads two inputs in turn with one Extractor: the second's
// document must be what a fresh extraction gives, whatever the first
// left behind.
func FuzzExtractor(f *testing.F) {
	in := testInputs(f)
	txt := in[filepath.Join("..", "testdata", "variants", "indicators.cells.txt")]
	rows := in[filepath.Join("..", "testdata", "variants", "levels.rows.txt")]
	require.NotNil(f, txt)
	require.NotNil(f, rows)
	f.Add(txt, rows)
	f.Add(rows, txt)
	f.Add(readSample(f, sample), txt)
	f.Add([]byte("项目支出绩效自评表\n"), []byte("\xEF\xBB\xBF项目名称\t甲\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		want, wantErr := extract.Bytes(b, "b", nil)
		x := extract.NewExtractor(nil)
		x.Bytes(a, "a")
		got, err := x.Bytes(slices.Clone(b), "b")
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("error %v, want %v", err, wantErr)
		}
		if w, g := want.AppendJSON(nil, false), got.AppendJSON(nil, false); !bytes.Equal(w, g) {
			t.Fatalf("after another input:\n%s\nwant\n%s", g, w)
		}
	})
}

// TestExtractorLetsGo: once an Extractor has read a small input after a
// large one, it holds on to nothing of the large one (whose strings its
// forms were cut from): the large input can be collected.
func TestExtractorLetsGo(t *testing.T) {
	raw := readSample(t, sample)
	small := readSample(t, "testdata/variants/indicators.cells.txt")
	x := extract.NewExtractor(nil)
	freed := make(chan struct{})
	func() {
		big := bytes.Repeat(raw, 100) // 4 MB, 1,800 forms: beyond what a Parser keeps
		runtime.AddCleanup(&big[0], func(struct{}) { close(freed) }, struct{}{})
		doc, err := x.Bytes(big, "big")
		require.NoError(t, err)
		require.Len(t, doc.Forms, 1800)
	}()
	_, err := x.Bytes(small, "small")
	require.NoError(t, err)
	defer runtime.KeepAlive(x) // x lives on, as it would for the next input
	for range 20 {
		runtime.GC()
		select {
		case <-freed:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("the Extractor still holds the large input after reading a small one")
}
