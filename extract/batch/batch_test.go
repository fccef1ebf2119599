package batch

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/extract/docx"
	"github.com/jixiao/jixiao/model"
)

const sample = "../../testdata/changji-2021.txt"

// corpus writes n copies of the sample text into a folder.
func corpus(t testing.TB, n int) string {
	t.Helper()
	b, err := os.ReadFile(sample)
	require.NoError(t, err)
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%05d.txt", i)), b, 0o644))
	}
	return dir
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	}
	write("b.txt", "x")
	write("a/c.html", "x")
	write("a/.hidden.txt", "x")
	write(".git/config.txt", "x")
	write("notes.pdf", "x")
	var zb strings.Builder
	zw := zip.NewWriter(&zb)
	for _, n := range []string{"z/2.docx", "z/1.txt", "__MACOSX/z/._1.txt", "readme.md"} {
		w, err := zw.Create(n)
		require.NoError(t, err)
		fmt.Fprint(w, "x")
	}
	require.NoError(t, zw.Close())
	write("forms.zip", zb.String())

	ins, errs := Expand([]string{dir, filepath.Join(dir, "*.pdf"), filepath.Join(dir, "missing.txt")},
		strings.NewReader(filepath.Join(dir, "b.txt")+"\n\n"), nil, docx.DefaultLimits)
	assert.Empty(t, errs)
	var names []string
	for _, in := range ins {
		names = append(names, strings.TrimPrefix(in.Name(), dir+"/"))
	}
	assert.Equal(t, []string{"a/c.html", "b.txt", "b.txt", "forms.zip!z/1.txt", "forms.zip!z/2.docx", "missing.txt", "notes.pdf"}, names,
		"sorted; hidden files, other extensions in folders and archive junk skipped; a named file is read whatever its name, "+
			"and one that is not there becomes an input that fails")
	_, errs = Expand([]string{filepath.Join(dir, "*.nothing")}, nil, nil, docx.DefaultLimits)
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "no file matches")
}

func TestExpandStdin(t *testing.T) {
	ins, errs := Expand([]string{"-"}, nil, strings.NewReader("\t项目名称\n"), docx.DefaultLimits)
	require.Empty(t, errs)
	require.Len(t, ins, 1)
	b, err := ins[0].read(1<<20, docx.DefaultLimits, nil)
	require.NoError(t, err)
	assert.Equal(t, "\t项目名称\n", string(b))
}

// TestRunOrder: documents come out in input order whatever the number of
// workers and however long each takes.
func TestRunOrder(t *testing.T) {
	dir := corpus(t, 40)
	ins, errs := Expand([]string{dir}, nil, nil, docx.DefaultLimits)
	require.Empty(t, errs)
	for _, workers := range []int{1, 3, 8} {
		var got []string
		st, err := Run(ins, Options{Workers: workers}, func(d *model.Document) error {
			got = append(got, d.Source.Path)
			return nil
		})
		require.NoError(t, err)
		require.Len(t, got, 40)
		for i := range got {
			assert.Equal(t, ins[i].Path, got[i])
		}
		assert.Equal(t, Stats{Files: 40, Done: 40, OK: 40, Forms: 40 * 18, Warnings: 40 * 8, Bytes: st.Bytes}, st)
	}
}

// TestRunBoundedMemory: with a slow consumer, the documents extracted but
// not yet handed on never exceed the window of two per worker, so memory
// stays flat however many inputs there are.
func TestRunBoundedMemory(t *testing.T) {
	const n, workers = 3000, 4
	ins := make([]Input, n)
	for i := range ins {
		ins[i] = Input{Path: fmt.Sprintf("in%05d", i), data: []byte("x")}
	}
	var made, emitted, peak atomic.Int64
	old := extractBytes
	extractBytes = func(x *extract.Extractor, b []byte, path string, opt *extract.Options) (*model.Document, error) {
		held := made.Add(1) - emitted.Load()
		for {
			p := peak.Load()
			if held <= p || peak.CompareAndSwap(p, held) {
				break
			}
		}
		return &model.Document{Source: model.Source{Path: path}, Status: model.StatusOK}, nil
	}
	defer func() { extractBytes = old }()
	_, err := Run(ins, Options{Workers: workers}, func(d *model.Document) error {
		if emitted.Load()%500 == 0 {
			time.Sleep(time.Millisecond)
		}
		emitted.Add(1)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, int64(n), emitted.Load())
	assert.LessOrEqual(t, peak.Load(), int64(2*workers+1), "documents held at once")
}

// TestRunFailures: a file that cannot be read and a panic inside one file
// become failed documents; the other files come out whole, with or
// without Reuse (whose extractor that panicked is not used again).
func TestRunFailures(t *testing.T) {
	dir := corpus(t, 3)
	ins, _ := Expand([]string{dir}, nil, nil, docx.DefaultLimits)
	ins = append(ins, Input{Path: filepath.Join(dir, "vanished.txt")})
	old := extractBytes
	defer func() { extractBytes = old }()
	for _, reuse := range []bool{false, true} {
		var panicked *extract.Extractor
		extractBytes = func(x *extract.Extractor, b []byte, path string, opt *extract.Options) (*model.Document, error) {
			if x != nil && x == panicked {
				t.Error("an extractor that panicked was used again")
			}
			if strings.HasSuffix(path, "f00001.txt") {
				panicked = x
				panic("boom")
			}
			return old(x, b, path, opt)
		}
		var docs []*model.Document
		st, err := Run(ins, Options{Workers: 1, Reuse: reuse}, func(d *model.Document) error {
			docs = append(docs, d)
			return nil
		})
		require.NoError(t, err)
		require.Len(t, docs, 4)
		assert.Equal(t, reuse, panicked != nil)
		assert.Equal(t, model.StatusOK, docs[0].Status)
		assert.Equal(t, model.StatusFailed, docs[1].Status)
		assert.Equal(t, "internal.panic", docs[1].Problems[0].Code)
		assert.Contains(t, docs[1].Problems[0].Message, "boom")
		assert.Equal(t, model.StatusOK, docs[2].Status)
		assert.Len(t, docs[2].Forms, 18)
		assert.Equal(t, model.StatusFailed, docs[3].Status)
		assert.Equal(t, "no such file or directory", docs[3].Problems[0].Message)
		assert.Equal(t, filepath.Join(dir, "vanished.txt"), docs[3].Source.Path)
		assert.Equal(t, 2, st.OK)
		assert.Equal(t, 2, st.Failed)
	}
}

// TestRunReuse: a run with Reuse over every test input (text, docx, HTML,
// a zip of them, standard input) gives, on any number of workers, the
// documents a run without it gives, each encoded as emit receives it.
func TestRunReuse(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for _, pat := range []string{"../../testdata/*.*", "../../testdata/variants/*.*"} {
		m, err := filepath.Glob(pat)
		require.NoError(t, err)
		names = append(names, m...)
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for i, name := range names {
		ext := filepath.Ext(name)
		if ext != ".txt" && ext != ".docx" && ext != ".html" {
			continue
		}
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		base := fmt.Sprintf("%02d-%s", i, filepath.Base(name))
		require.NoError(t, os.WriteFile(filepath.Join(dir, base), b, 0o644))
		w, err := zw.Create("z/" + base)
		require.NoError(t, err)
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(filepath.Join(dir, "all.zip"), zb.Bytes(), 0o644))
	stdin, err := os.ReadFile(sample)
	require.NoError(t, err)
	run := func(workers int, reuse bool) []string {
		ins, errs := Expand([]string{dir, "-"}, nil, bytes.NewReader(stdin), docx.DefaultLimits)
		require.Empty(t, errs)
		var out []string
		_, err := Run(ins, Options{Workers: workers, Reuse: reuse}, func(d *model.Document) error {
			out = append(out, string(d.AppendJSON(nil, false)))
			return nil
		})
		require.NoError(t, err)
		return out
	}
	want := run(1, false)
	require.Greater(t, len(want), 50)
	for _, workers := range []int{1, 2, 5} {
		got := run(workers, true)
		require.Equal(t, len(want), len(got))
		for i := range want {
			require.Equal(t, want[i], got[i], "document %d, %d workers", i, workers)
		}
	}
}

// TestRunStops: an error from emit stops the run and is returned.
func TestRunStops(t *testing.T) {
	dir := corpus(t, 20)
	ins, _ := Expand([]string{dir}, nil, nil, docx.DefaultLimits)
	stop := errors.New("disk full")
	n := 0
	_, err := Run(ins, Options{Workers: 2}, func(d *model.Document) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 5, n)
}

// BenchmarkRun extracts a folder of 500 copies of the sample on all cores;
// b.N runs report MB/s of input and the heap in use at the end of each
// run, which stays flat as the corpus grows.
func BenchmarkRun(b *testing.B) {
	for _, n := range []int{500, 2000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := corpus(b, n)
			ins, _ := Expand([]string{dir}, nil, nil, docx.DefaultLimits)
			var size int64
			for _, in := range ins {
				size += in.Size
			}
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(ins, Options{}, func(*model.Document) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
