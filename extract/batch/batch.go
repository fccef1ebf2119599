package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/extract/docx"
	"github.com/jixiao/jixiao/model"
)

// Options control a batch run.
type Options struct {
	// Workers is the number of inputs extracted at once; 0 means
	// GOMAXPROCS.
	Workers int
	// Extract is passed to every extraction.
	Extract extract.Options
	// Limits bound zip archives of forms (and docx files in them).
	Limits docx.Limits
	// Progress, when set, is called after each document is handed on.
	Progress func(Stats)
	// Reuse lets the run reuse a document's memory once emit has returned
	// (see extract.Extractor): emit must then not keep the document, or
	// anything in it, after it returns. It cuts the bytes a run allocates
	// for each file to less than a tenth.
	Reuse bool
}

// Stats counts what a run has done so far.
type Stats struct {
	Files, Done             int // inputs in all, and handed on
	OK, Partial, Failed     int // documents by status
	Forms                   int
	Errors, Warnings, Infos int // findings by severity
	Bytes                   int64
}

// Run extracts every input on a pool of workers and calls emit with each
// document, in the order of ins, as soon as it and all before it are
// ready. At most a few documents per worker are held at once, whatever
// the number of inputs. A file that cannot be read, or whose extraction
// panics, becomes a failed document with the cause as a problem: one bad
// file never stops the run. Run stops early only when emit returns an
// error, and returns that error.
func Run(ins []Input, opt Options, emit func(*model.Document) error) (Stats, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if opt.Limits == (docx.Limits{}) {
		opt.Limits = docx.DefaultLimits
	}
	st := Stats{Files: len(ins)}
	window := 2 * workers // documents in flight or waiting to be emitted

	type result struct {
		i   int
		doc *model.Document
		x   *extract.Extractor // the memory of doc, with Reuse
	}
	jobs := make(chan int)
	results := make(chan result, window)
	free := make(chan struct{}, window) // tokens bound what is held
	for i := 0; i < window; i++ {
		free <- struct{}{}
	}
	// Extractors go back to spare once their document is emitted; there
	// are never more than the window of documents held.
	var spare chan *extract.Extractor
	if opt.Reuse {
		spare = make(chan *extract.Extractor, window)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				var x *extract.Extractor
				if opt.Reuse {
					select {
					case x = <-spare:
					default:
						x = extract.NewExtractor(&opt.Extract)
					}
				}
				doc, ok := one(ins[i], opt, x)
				if !ok {
					x = nil // it panicked: its state is not to be trusted
				}
				results <- result{i, doc, x}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range ins {
			select {
			case <-free:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	pending := map[int]result{}
	next := 0
	var err error
	for r := range results {
		pending[r.i] = r
		for err == nil {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			st.add(r.doc, ins[next-1].Size)
			if err = emit(r.doc); err != nil {
				close(stop)
				break
			}
			if r.x != nil {
				spare <- r.x
			}
			if opt.Progress != nil {
				opt.Progress(st)
			}
			free <- struct{}{}
		}
	}
	return st, err
}

func (st *Stats) add(doc *model.Document, size int64) {
	st.Done++
	st.Bytes += size
	switch doc.Status {
	case model.StatusOK:
		st.OK++
	case model.StatusPartial:
		st.Partial++
	default:
		st.Failed++
	}
	st.Forms += len(doc.Forms)
	for _, f := range doc.Forms {
		for _, x := range f.Findings {
			switch x.Severity {
			case model.SevError:
				st.Errors++
			case model.SevWarning:
				st.Warnings++
			default:
				st.Infos++
			}
		}
	}
}

// extractBytes extracts b with x, or with extract.Bytes when x is nil;
// tests replace it.
var extractBytes = func(x *extract.Extractor, b []byte, path string, opt *extract.Options) (*model.Document, error) {
	if x != nil {
		return x.Bytes(b, path)
	}
	return extract.Bytes(b, path, opt)
}

// one extracts a single input, with x when it is not nil, turning a read
// failure or a panic into a failed document; ok is false after a panic.
func one(in Input, opt Options, x *extract.Extractor) (doc *model.Document, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			ok = false
			doc = &model.Document{
				Schema: model.SchemaVersion,
				Source: model.Source{Path: in.Path, Entry: in.Entry},
				Status: model.StatusFailed,
				Forms:  []model.Form{},
				Problems: []model.Problem{{Severity: model.SevError, Code: "internal.panic",
					Message: fmt.Sprintf("内部错误（请报告此文件）: %v\n%s", p, debug.Stack())}},
			}
		}
	}()
	max := opt.Extract.MaxSize
	if max <= 0 {
		max = extract.DefaultMaxSize
	}
	b, err := in.read(max, opt.Limits, x)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the document names the file already
		}
		doc = extract.Failed(in.Path, err)
		doc.Source.Entry = in.Entry
		return doc, true
	}
	doc, _ = extractBytes(x, b, in.Path, &opt.Extract)
	doc.Source.Entry = in.Entry
	return doc, true
}
