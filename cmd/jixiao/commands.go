package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/check"
	"github.com/jixiao/jixiao/model/export"
	"github.com/jixiao/jixiao/model/schema"
)

// extract prints every input's document: pretty JSON documents one after
// another, or with --ndjson one compact form a line.
func (e *env) extract(args []string) (int, error) {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	var in inputFlags
	in.register(fs)
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	ndjson := fs.Bool("ndjson", false, "one compact form a line, each with its source (for jq, DuckDB, Spark)")
	if err := e.parse(fs, args, "extract [flags] INPUT..."); err != nil {
		return exitUsage, err
	}
	ins, missing, err := e.inputs(&in, fs.Args())
	if err != nil {
		return exitUsage, err
	}
	in.reuse = true // both outputs encode each document as it comes
	if *ndjson {
		path := *out
		if path == "" {
			path = "-"
		}
		w, err := export.New("ndjson", path, export.Options{Stdout: e.stdout})
		if err != nil {
			return exitSome, err
		}
		_, code, err := e.runBatch(&in, ins, missing, w.Write)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return code, err
	}
	dst := e.stdout
	var f *os.File
	if *out != "" && *out != "-" {
		if f, err = os.Create(*out); err != nil {
			return exitSome, err
		}
		dst = f
	}
	bw := bufio.NewWriterSize(dst, 256<<10)
	var buf []byte
	_, code, err := e.runBatch(&in, ins, missing, func(doc *model.Document) error {
		buf = doc.AppendJSON(buf[:0], true)
		buf = append(buf, '\n')
		_, err := bw.Write(buf)
		return err
	})
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	return code, err
}

// check prints a report of the findings, grouped by file and form.
func (e *env) check(args []string) (int, error) {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var in inputFlags
	in.register(fs)
	format := fs.String("format", "text", "report `FORMAT`: text or json")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding reaches `SEVERITY`: error, warning, info or none")
	color := fs.String("color", "auto", "colour the report: auto (on a terminal), always or never")
	printConfig := fs.Bool("print-config", false, "print the checks configuration in force (defaults, or --config's) as JSON, and exit")
	all := fs.Bool("all", false, "list forms with no findings too")
	if err := e.parse(fs, args, "check [flags] INPUT..."); err != nil {
		return exitUsage, err
	}
	if *printConfig {
		c := check.DefaultConfig()
		if in.config != "" {
			var err error
			if c, err = check.LoadConfig(in.config); err != nil {
				return exitSome, err
			}
		}
		b, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return exitSome, err
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return exitOK, err
	}
	switch *failOn {
	case "error", "warning", "info", "none":
	default:
		return exitUsage, fmt.Errorf("%w: --fail-on must be error, warning, info or none", errUsage)
	}
	if *format != "text" && *format != "json" {
		return exitUsage, fmt.Errorf("%w: --format must be text or json", errUsage)
	}
	ins, missing, err := e.inputs(&in, fs.Args())
	if err != nil {
		return exitUsage, err
	}
	if in.noCheck {
		return exitUsage, fmt.Errorf("%w: check with --no-check checks nothing", errUsage)
	}
	var docs []*model.Document
	reached := false
	_, code, err := e.runBatch(&in, ins, missing, func(doc *model.Document) error {
		for i := range doc.Forms {
			if check.Reaches(doc.Forms[i].Findings, *failOn) {
				reached = true
			}
		}
		docs = append(docs, slim(doc))
		return nil
	})
	if err != nil {
		return exitSome, err
	}
	if *format == "json" {
		err = check.WriteJSON(e.stdout, docs)
	} else {
		err = check.WriteReport(e.stdout, docs, check.ReportOptions{Color: useColor(*color, e.stdout), All: *all})
	}
	if reached && code == exitOK {
		code = exitSome
	}
	return code, err
}

// slim keeps of doc what the check report shows — each form's index,
// position, title, project and findings, and the problems — so that
// checking thousands of files holds only their findings.
func slim(doc *model.Document) *model.Document {
	out := *doc
	out.Forms = make([]model.Form, len(doc.Forms))
	for i, f := range doc.Forms {
		out.Forms[i] = model.Form{Index: f.Index, At: f.At, Kind: f.Kind, Title: f.Title,
			ProjectName: f.ProjectName, Findings: f.Findings}
	}
	return &out
}

// useColor decides on colour: always, never, or auto when w is a terminal.
func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}

// export writes the tables of every input's forms.
func (e *env) export(args []string) (int, error) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	var in inputFlags
	in.register(fs)
	format := fs.String("format", "", "table `FORMAT`: parquet, csv, xlsx or ndjson")
	out := fs.String("out", "", "output `PATH`: a folder for parquet and csv, a file for xlsx and ndjson")
	excel := fs.Bool("excel", false, "csv: start each file with the byte-order mark Excel needs to read Chinese")
	if err := e.parse(fs, args, "export --format parquet|csv|xlsx|ndjson --out PATH [flags] INPUT..."); err != nil {
		return exitUsage, err
	}
	if *format == "" || *out == "" {
		return exitUsage, fmt.Errorf("%w: export needs --format and --out", errUsage)
	}
	ok := false
	for _, f := range export.Formats() {
		ok = ok || f == *format
	}
	if !ok {
		return exitUsage, fmt.Errorf("%w: unknown --format %q (parquet, csv, xlsx, ndjson)", errUsage, *format)
	}
	ins, missing, err := e.inputs(&in, fs.Args())
	if err != nil {
		return exitUsage, err
	}
	w, err := export.New(*format, *out, export.Options{Excel: *excel, Stdout: e.stdout})
	if err != nil {
		return exitSome, err
	}
	skipped := 0
	_, code, err := e.runBatch(&in, ins, missing, func(doc *model.Document) error {
		err := w.Write(doc)
		var ve *export.ValueError
		if errors.As(err, &ve) {
			// The format cannot hold a value of this document exactly:
			// it is left out whole, and the run goes on.
			fmt.Fprintf(e.stderr, "jixiao: %v (document left out of the export)\n", ve)
			skipped++
			return nil
		}
		return err
	})
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		fmt.Fprintf(e.stderr, "jixiao: wrote %s to %s\n", *format, *out)
	}
	if skipped > 0 && code == exitOK {
		code = exitSome
	}
	return code, err
}

// schema prints the JSON Schema of the canonical output.
func (e *env) schema(args []string) (int, error) {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	if err := e.parse(fs, args, "schema"); err != nil {
		return exitUsage, err
	}
	if fs.NArg() > 0 {
		return exitUsage, fmt.Errorf("%w: schema takes no arguments", errUsage)
	}
	_, err := e.stdout.Write(schema.JSON)
	return exitOK, err
}
