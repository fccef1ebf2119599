package extract_test

import (
	"testing"

	"github.com/jixiao/jixiao/extract"
)

// BenchmarkTextSample extracts the 18-form text sample and encodes it as
// canonical JSON: the whole text path, in MB/s of input.
func BenchmarkTextSample(b *testing.B) {
	raw := readSample(b, sample)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		doc, err := extract.Bytes(raw, sample, nil)
		if err != nil {
			b.Fatal(err)
		}
		for i := range doc.Forms {
			buf = doc.Forms[i].AppendJSON(buf[:0], false)
		}
	}
}

// BenchmarkTextSampleNoCheck is BenchmarkTextSample without the checks.
func BenchmarkTextSampleNoCheck(b *testing.B) {
	raw := readSample(b, sample)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	var buf []byte
	opt := &extract.Options{NoCheck: true}
	for b.Loop() {
		doc, err := extract.Bytes(raw, sample, opt)
		if err != nil {
			b.Fatal(err)
		}
		for i := range doc.Forms {
			buf = doc.Forms[i].AppendJSON(buf[:0], false)
		}
	}
}
