package check_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/model/check"
)

// TestEquivalenceCorpus compares Form with the big.Rat oracle on every
// form the extractor reads from the repository's test data, under each
// configuration of TestEquivalence.
func TestEquivalenceCorpus(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"../../testdata/*", "../../testdata/variants/*"} {
		ms, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, ms...)
	}
	forms := 0
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			continue
		}
		doc, err := extract.File(p, &extract.Options{NoCheck: true})
		if err != nil || doc == nil {
			continue // not a form file
		}
		for i := range doc.Forms {
			f := &doc.Forms[i]
			for j, c := range equivConfigs() {
				assert.Equal(t, refForm(f, c), check.Form(f, c), "%s, form %d, config %d", p, f.Index, j)
			}
			forms++
		}
	}
	assert.Greater(t, forms, 18, "the test data holds more forms than the sample's")
	t.Logf("%d forms", forms)
}

// BenchmarkSampleOracle checks the 18 forms of the sample with the big.Rat
// oracle, the checks as they were: the baseline of BenchmarkSample.
func BenchmarkSampleOracle(b *testing.B) {
	doc, err := extract.File("../../testdata/changji-2021.txt", &extract.Options{NoCheck: true})
	if err != nil {
		b.Fatal(err)
	}
	c := check.DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		for i := range doc.Forms {
			refForm(&doc.Forms[i], c)
		}
	}
}
