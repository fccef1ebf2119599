package main

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
)

// config is what one run generates.
type config struct {
	forms   int      // forms in all
	perFile int      // forms a file
	formats []string // of "txt", "docx", "html"
	seed    uint64
	out     string  // output folder
	zip     bool    // one zip archive instead of loose files
	mix     bool    // each file in one format, in turn
	bad     float64 // share of forms with a flaw
	workers int
}

// output is one file of the corpus.
type output struct {
	name   string // slash-separated, relative to the output folder
	format string
	data   []byte
}

// stats counts what a run wrote, by format.
type stats struct {
	files map[string]int
	bytes map[string]int64
}

// zipName is the archive -zip writes in the output folder.
const zipName = "corpus.zip"

// files returns the number of files of each format the run writes.
func (cfg *config) files() int {
	return (cfg.forms + cfg.perFile - 1) / cfg.perFile
}

// fileForms generates the forms of file i (0-based). Form g of the corpus
// comes from stream g of the seed, and the file's year from a stream of
// its own, so a form is the same whatever the formats and workers.
func (cfg *config) fileForms(i int) []*Form {
	year := newRNG(cfg.seed, 1<<63|uint64(i)).between(2019, 2023)
	first := i * cfg.perFile
	last := min(first+cfg.perFile, cfg.forms)
	forms := make([]*Form, 0, last-first)
	for g := first; g < last; g++ {
		forms = append(forms, newForm(cfg.seed, uint64(g), g-first+1, year, cfg.bad))
	}
	return forms
}

// render returns file i in each of its formats.
func (cfg *config) render(i int) ([]output, error) {
	forms := cfg.fileForms(i)
	formats := cfg.formats
	if cfg.mix {
		formats = formats[i%len(formats) : i%len(formats)+1]
	}
	outs := make([]output, 0, len(formats))
	for _, format := range formats {
		var data []byte
		switch format {
		case "txt":
			data = appendText(nil, forms)
		case "html":
			data = appendHTML(nil, forms)
		case "docx":
			var err error
			if data, err = docxFile(forms); err != nil {
				return nil, err
			}
		}
		outs = append(outs, output{
			name:   path.Join(format, fmt.Sprintf("f%06d.%s", i+1, format)),
			format: format,
			data:   data,
		})
	}
	return outs, nil
}

// generate writes the corpus cfg describes. Files are rendered by
// cfg.workers goroutines and written in order, so that a zip archive is
// the same from run to run.
func generate(cfg *config) (stats, error) {
	st := stats{files: map[string]int{}, bytes: map[string]int64{}}
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return st, err
	}
	var put func(o output) error
	var finish func() error
	if cfg.zip {
		f, err := os.Create(filepath.Join(cfg.out, zipName))
		if err != nil {
			return st, err
		}
		zw := zip.NewWriter(f)
		put = func(o output) error {
			method := zip.Deflate
			if o.format == "docx" {
				method = zip.Store // already compressed
			}
			w, err := zw.CreateHeader(&zip.FileHeader{Name: o.name, Method: method, Modified: docxTime})
			if err != nil {
				return err
			}
			_, err = w.Write(o.data)
			return err
		}
		finish = func() error {
			err := zw.Close()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return err
		}
	} else {
		for _, format := range cfg.formats {
			if err := os.MkdirAll(filepath.Join(cfg.out, format), 0o755); err != nil {
				return st, err
			}
		}
		put = func(o output) error {
			return os.WriteFile(filepath.Join(cfg.out, filepath.FromSlash(o.name)), o.data, 0o644)
		}
		finish = func() error { return nil }
	}

	type result struct {
		outs []output
		err  error
	}
	queue := make(chan chan result, cfg.workers-1) // one more is with the writer
	stop := make(chan struct{})
	go func() {
		defer close(queue)
		for i := range cfg.files() {
			ch := make(chan result, 1)
			select {
			case queue <- ch:
			case <-stop:
				return
			}
			go func() {
				outs, err := cfg.render(i)
				ch <- result{outs, err}
			}()
		}
	}()
	var err error
	for ch := range queue {
		res := <-ch
		if err = res.err; err != nil {
			break
		}
		for _, o := range res.outs {
			if err = put(o); err != nil {
				break
			}
			st.files[o.format]++
			st.bytes[o.format] += int64(len(o.data))
		}
		if err != nil {
			break
		}
	}
	close(stop)
	if ferr := finish(); err == nil {
		err = ferr
	}
	return st, err
}

// report writes a line of what a run wrote.
func (st stats) report(w io.Writer, cfg *config) {
	where := cfg.out
	if cfg.zip {
		where = filepath.Join(cfg.out, zipName)
	}
	fmt.Fprintf(w, "gencorpus: %d forms, %d a file, seed %d, to %s:", cfg.forms, cfg.perFile, cfg.seed, where)
	for _, format := range cfg.formats {
		fmt.Fprintf(w, " %s %d files %.2f MB;", format, st.files[format], float64(st.bytes[format])/1e6)
	}
	fmt.Fprintln(w)
}
