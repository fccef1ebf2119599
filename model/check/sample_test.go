package check_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/check"
)

// TestSample pins the inconsistencies of the 18 forms of the Changji
// sample: a rate and an amount the goals text restates wrongly, ≤ cost
// indicators scored with the ≥ formula, and scores rounded to one decimal.
func TestSample(t *testing.T) {
	doc, err := extract.File("../../testdata/changji-2021.txt", &extract.Options{NoCheck: true})
	require.NoError(t, err)
	require.Len(t, doc.Forms, 18)

	want := map[int][]string{
		1: {check.CodeNarrativeRate, check.CodeReverseAsPositive},
		2: {check.CodeReverseAsPositive},
		4: {check.CodeNarrativeAmount},
		6: {check.CodeIndicatorScore, check.CodeIndicatorScore},
		8: {check.CodeReverseAsPositive},
		9: {check.CodeReverseAsPositive},
	}
	got := map[int][]model.Finding{}
	for i := range doc.Forms {
		f := &doc.Forms[i]
		fs := check.Form(f, nil)
		got[f.Index] = fs
		codes := []string{}
		for _, x := range fs {
			codes = append(codes, x.Code)
			assert.Equal(t, model.SevWarning, x.Severity, "form %d: %s", f.Index, x.Message)
			assert.NotZero(t, x.At.Line, "form %d: %s", f.Index, x.Code)
		}
		w := want[f.Index]
		if w == nil {
			w = []string{}
		}
		assert.Equal(t, w, codes, "form %d", f.Index)
	}

	pins := []struct {
		form, n         int
		expected, found string
		message         string
	}{
		{1, 0, "98.75", "98.6", "实际完成情况写“执行率达到98.6%”，资金表中执行率为98.75%"},
		{1, 1, "5", "4.93", "（5×min(1,296.26/300)=4.937667，截尾保留两位小数）"},
		{2, 0, "2.5", "0.68", "“金保工程运行成本（万元/年）”是≤指标（目标<=95万元）"},
		{4, 0, "134.89", "134.88", "实际完成情况写“支付134.88万元”，资金表中全年执行数为134.89万元"},
		{6, 0, "9.38", "9.4", "（相当于四舍五入保留1位小数）"},
		{6, 1, "9.29", "9.3", "目标=84万元，实际78.008万元"},
		{8, 0, "7", "5.39", "7×min(1,11.5/15)=5.366667"},
		{9, 0, "10", "8.75", "10×min(1,30.64/35)=8.754286"},
	}
	for _, p := range pins {
		fs := got[p.form]
		require.Greater(t, len(fs), p.n, "form %d", p.form)
		f := fs[p.n]
		require.NotNil(t, f.Expected, "form %d", p.form)
		require.NotNil(t, f.Found, "form %d", p.form)
		assert.Equal(t, p.expected, f.Expected.String(), "form %d", p.form)
		assert.Equal(t, p.found, f.Found.String(), "form %d", p.form)
		assert.Contains(t, f.Message, p.message, "form %d", p.form)
	}
}

// BenchmarkSample checks the 18 forms of the sample.
func BenchmarkSample(b *testing.B) {
	doc, err := extract.File("../../testdata/changji-2021.txt", &extract.Options{NoCheck: true})
	if err != nil {
		b.Fatal(err)
	}
	c := check.DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		for i := range doc.Forms {
			check.Form(&doc.Forms[i], c)
		}
	}
}

// BenchmarkSampleDocument checks the sample as extract does: the whole
// document at once, under the default configuration.
func BenchmarkSampleDocument(b *testing.B) {
	doc, err := extract.File("../../testdata/changji-2021.txt", &extract.Options{NoCheck: true})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		check.Document(doc, nil)
	}
}

// BenchmarkCorpusDocument checks, as BenchmarkSampleDocument does, the
// first 20 text files of the folder JIXIAO_CHECK_CORPUS names, such as a
// corpus cmd/gencorpus writes (the package is a command and cannot be
// imported to generate one here); it is skipped when the variable is
// unset.
func BenchmarkCorpusDocument(b *testing.B) {
	dir := os.Getenv("JIXIAO_CHECK_CORPUS")
	if dir == "" {
		b.Skip("JIXIAO_CHECK_CORPUS is not set")
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		b.Fatal(err)
	}
	var docs []*model.Document
	forms := 0
	for _, p := range paths[:min(len(paths), 20)] {
		doc, err := extract.File(p, &extract.Options{NoCheck: true})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		forms += len(doc.Forms)
	}
	if forms == 0 {
		b.Fatalf("no forms in %s", dir)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, doc := range docs {
			check.Document(doc, nil)
		}
	}
	b.ReportMetric(float64(forms), "forms/op")
}
