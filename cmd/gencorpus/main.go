// Command gencorpus writes a synthetic corpus of project expenditure
// performance self-evaluation forms (项目支出绩效自评表) in the layout of
// the sample testdata/changji-2021, so that anyone can reproduce the
// pipeline's speed and memory figures on any number of forms.
//
// Usage:
//
//	go run ./cmd/gencorpus -n FORMS -out DIR [flags]
//
// The flags are:
//
//	-n FORMS          number of forms (required)
//	-out DIR          output folder (required)
//	-per-file K       forms a file (default 1); the last file may hold fewer
//	-formats LIST     comma-separated formats: txt, docx, html (default txt,docx,html)
//	-seed S           seed (default 1); the same seed gives the same bytes
//	-mix              write each file in one format, taking the formats in turn,
//	                  instead of every file in every format
//	-zip              pack the files into DIR/corpus.zip instead of writing them loose
//	-bad RATE         share of forms given one arithmetic inconsistency (default 0.05)
//	-j N              files generated at once (default: the number of CPUs)
//
// Files go to DIR/txt/f000001.txt, DIR/docx/f000001.docx and
// DIR/html/f000001.html (the same forms in each format unless -mix):
//
//   - txt is an Apache Tika text export, one cell a line led by a TAB, a
//     blank line after each row, in UTF-8;
//   - docx is a Word package whose document holds a table for each form,
//     with w:gridSpan and w:vMerge merges and page breaks between tables;
//   - html is LibreOffice's export of such a document, merges written as
//     rowspan and colspan.
//
// Each form has a title, year, project name, department and unit; the
// funds block (年度资金总额 and its three sub-rows); the goals; 10 to 25
// indicator rows under the standard 一级 and 二级指标, rows of "/" among
// them; and the 总分 row. Names are composed from word lists and numbers
// drawn so that the arithmetic holds: 执行率 is 执行数/预算数 rounded, scores
// do not pass their weights, weights sum to 100 and the total is the sum.
// A share of forms (-bad) breaks exactly one of those rules, as real forms
// do. A line on standard error says what was written.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
)

// formatNames are the formats gencorpus writes.
var formatNames = []string{"txt", "docx", "html"}

func main() {
	err := run(os.Args[1:], os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

// errUsage marks an error in the command line.
var errUsage = errors.New("usage")

// run parses args, writes the corpus and reports it on stderr.
func run(args []string, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	st, err := generate(cfg)
	if err != nil {
		return err
	}
	st.report(stderr, cfg)
	return nil
}

// parseFlags reads the command line into a config.
func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gencorpus -n FORMS -out DIR [-per-file K] [-formats txt,docx,html] [-seed S] [-mix] [-zip] [-bad RATE] [-j N]")
		fs.PrintDefaults()
	}
	cfg := &config{}
	fs.IntVar(&cfg.forms, "n", 0, "number of `FORMS` to write")
	fs.IntVar(&cfg.perFile, "per-file", 1, "forms a file")
	formats := fs.String("formats", strings.Join(formatNames, ","), "comma-separated `LIST` of formats: txt, docx, html")
	fs.Uint64Var(&cfg.seed, "seed", 1, "seed; the same seed gives the same bytes")
	fs.StringVar(&cfg.out, "out", "", "output `DIR`")
	fs.BoolVar(&cfg.mix, "mix", false, "write each file in one format, taking the formats in turn")
	fs.BoolVar(&cfg.zip, "zip", false, "pack the files into DIR/"+zipName)
	fs.Float64Var(&cfg.bad, "bad", 0.05, "share of forms given one arithmetic inconsistency")
	fs.IntVar(&cfg.workers, "j", runtime.GOMAXPROCS(0), "files generated at once")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	case cfg.forms <= 0:
		return nil, fmt.Errorf("%w: -n must be positive", errUsage)
	case cfg.out == "":
		return nil, fmt.Errorf("%w: -out is required", errUsage)
	case cfg.perFile <= 0:
		return nil, fmt.Errorf("%w: -per-file must be positive", errUsage)
	case cfg.bad < 0 || cfg.bad > 1:
		return nil, fmt.Errorf("%w: -bad must be between 0 and 1", errUsage)
	case cfg.workers <= 0:
		return nil, fmt.Errorf("%w: -j must be positive", errUsage)
	}
	for f := range strings.SplitSeq(*formats, ",") {
		f = strings.TrimSpace(f)
		if !slices.Contains(formatNames, f) {
			return nil, fmt.Errorf("%w: unknown format %q (txt, docx, html)", errUsage, f)
		}
		if slices.Contains(cfg.formats, f) {
			return nil, fmt.Errorf("%w: format %q given twice", errUsage, f)
		}
		cfg.formats = append(cfg.formats, f)
	}
	return cfg, nil
}
