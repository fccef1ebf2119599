package extract_test

import (
	"testing"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/extract/decode"
	"github.com/jixiao/jixiao/extract/form"
	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/extract/text"
	"github.com/jixiao/jixiao/model/check"
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

// BenchmarkTextPhases splits BenchmarkTextSample into its phases, each
// measured on the same 18-form sample and reported in MB/s of that input,
// so that a phase's share of the whole can be read off: decode (encoding
// detection and UTF-8 validation), tokenize (text.Scan alone), recognise
// (text.Scan feeding form.Parser), check and json (the forms' canonical
// JSON, compact).
func BenchmarkTextPhases(b *testing.B) {
	raw := readSample(b, sample)
	s, _, err := decode.Bytes(raw)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := extract.Bytes(raw, sample, &extract.Options{NoCheck: true})
	if err != nil {
		b.Fatal(err)
	}
	run := func(name string, fn func(b *testing.B)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				fn(b)
			}
		})
	}
	run("decode", func(b *testing.B) {
		if _, _, err := decode.Bytes(raw); err != nil {
			b.Fatal(err)
		}
	})
	run("tokenize", func(b *testing.B) {
		if _, err := text.Scan(s, "", func(*table.Row) {}); err != nil {
			b.Fatal(err)
		}
	})
	run("recognise", func(b *testing.B) {
		p := form.NewParser()
		if _, err := text.Scan(s, "", p.Row); err != nil {
			b.Fatal(err)
		}
		p.Close()
	})
	run("check", func(*testing.B) {
		for i := range doc.Forms {
			doc.Forms[i].Findings = doc.Forms[i].Findings[:0]
		}
		check.Document(doc, nil)
	})
	var buf []byte
	run("json", func(*testing.B) {
		for i := range doc.Forms {
			buf = doc.Forms[i].AppendJSON(buf[:0], false)
		}
	})
}
