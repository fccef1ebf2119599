package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/jixiao/jixiao/extract/batch"
	"github.com/jixiao/jixiao/extract/docx"
	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/check"
)

// inputFlags are the flags every command that reads forms shares.
type inputFlags struct {
	workers     int
	filesFrom   string
	inputFormat string
	config      string
	noCheck     bool
	progress    bool
	noProgress  bool
	// reuse is set by a command whose emit encodes each document before
	// it returns and keeps nothing of it (see batch.Options.Reuse).
	reuse bool
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.workers, "j", runtime.GOMAXPROCS(0), "number of inputs read at once")
	fs.StringVar(&f.filesFrom, "files-from", "", "read input paths from `FILE`, one a line (- for standard input)")
	fs.StringVar(&f.inputFormat, "input-format", "", "read every input as `FORMAT` (text-cells, text-rows, docx, html) instead of detecting it")
	fs.StringVar(&f.config, "config", "", "checks configuration `FILE` (JSON, as check --print-config writes it)")
	fs.BoolVar(&f.noCheck, "no-check", false, "do not check the forms' arithmetic")
	fs.BoolVar(&f.progress, "progress", false, "show a progress bar on standard error even when it is not a terminal")
	fs.BoolVar(&f.noProgress, "no-progress", false, "never show a progress bar")
}

// parse parses args with fs, printing usage to stderr on error.
func (e *env) parse(fs *flag.FlagSet, args []string, synopsis string) error {
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: jixiao %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return errHelp
		}
		return errUsage
	}
	return nil
}

// options builds the batch options from the flags.
func (f *inputFlags) options() (batch.Options, error) {
	opt := batch.Options{Workers: f.workers, Limits: docx.DefaultLimits}
	switch f.inputFormat {
	case "", model.FormatTextCells, model.FormatTextRows, model.FormatDocx, model.FormatHTML:
		opt.Extract.Format = f.inputFormat
	case "text":
		opt.Extract.Format = "text"
	default:
		return opt, fmt.Errorf("%w: unknown --input-format %q (text-cells, text-rows, docx, html)", errUsage, f.inputFormat)
	}
	if f.config != "" {
		c, err := check.LoadConfig(f.config)
		if err != nil {
			return opt, err
		}
		opt.Extract.Check = c
	}
	opt.Extract.NoCheck = f.noCheck
	opt.Reuse = f.reuse
	return opt, nil
}

// inputs expands the arguments and --files-from into inputs. Arguments
// that name nothing are reported on stderr and counted as failed.
func (e *env) inputs(f *inputFlags, args []string) ([]batch.Input, int, error) {
	var list io.Reader
	if f.filesFrom != "" {
		if f.filesFrom == "-" {
			list = e.stdin
		} else {
			fh, err := os.Open(f.filesFrom)
			if err != nil {
				return nil, 0, err
			}
			defer fh.Close()
			list = fh
		}
	}
	if len(args) == 0 && list == nil {
		return nil, 0, fmt.Errorf("%w: no INPUT given", errUsage)
	}
	stdin := e.stdin
	if f.filesFrom == "-" {
		stdin = nil
	}
	ins, errs := batch.Expand(args, list, stdin, docx.DefaultLimits)
	for _, err := range errs {
		fmt.Fprintln(e.stderr, "jixiao:", err)
	}
	return ins, len(errs), nil
}

// runBatch extracts ins, calling emit for each document in order, with a
// progress bar and a summary line on stderr. It returns the exit status:
// 1 when an input was missing, partial or failed.
func (e *env) runBatch(f *inputFlags, ins []batch.Input, missing int, emit func(*model.Document) error) (batch.Stats, int, error) {
	opt, err := f.options()
	if err != nil {
		return batch.Stats{}, exitUsage, err
	}
	p := newProgress(e.stderr, len(ins), f.progress, f.noProgress)
	opt.Progress = p.update
	st, err := batch.Run(ins, opt, func(doc *model.Document) error {
		for _, pr := range doc.Problems {
			if pr.Severity == model.SevError {
				p.clear()
				fmt.Fprintf(e.stderr, "jixiao: %s\n", problemLine(doc, pr))
			}
		}
		return emit(doc)
	})
	p.finish(st, missing)
	code := exitOK
	if st.Partial+st.Failed+missing > 0 {
		code = exitSome
	}
	return st, code, err
}

// problemLine formats a document's problem as "path:line: message".
func problemLine(doc *model.Document, p model.Problem) string {
	var b strings.Builder
	b.WriteString(doc.Source.Path)
	if doc.Source.Entry != "" {
		b.WriteString("!" + doc.Source.Entry)
	}
	switch a := p.At; {
	case a.Line > 0:
		fmt.Fprintf(&b, ":%d", a.Line)
	case a.Table > 0:
		fmt.Fprintf(&b, ": table %d, row %d", a.Table, a.Row)
	}
	fmt.Fprintf(&b, ": %s", p.Message)
	return b.String()
}

// summary is the line printed after a run.
func summary(st batch.Stats, missing int) string {
	return fmt.Sprintf("%s: %d ok, %d partial, %d failed; %s; findings: %d error, %d warning, %d info",
		plural(st.Done+missing, "file"), st.OK, st.Partial, st.Failed+missing, plural(st.Forms, "form"),
		st.Errors, st.Warnings, st.Infos)
}

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
