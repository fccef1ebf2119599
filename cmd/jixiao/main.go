// Command jixiao turns Chinese budget-performance self-evaluation forms
// (项目支出绩效自评表, 部门整体支出绩效自评表) into canonical, checked,
// structured data.
//
// Usage:
//
//	jixiao extract [flags] INPUT...   forms as canonical JSON (or NDJSON)
//	jixiao check   [flags] INPUT...   where a form's own numbers disagree
//	jixiao export  --format F --out PATH INPUT...   tables for Excel, DuckDB, Spark
//	jixiao verify  --golden DIR INPUT...   compare with stored golden JSON
//	jixiao schema                     print the JSON Schema of the output
//
// An INPUT is a file (text export, .docx, .html), a folder (searched
// recursively), a glob pattern, a .zip archive of forms, or - for standard
// input. Run "jixiao COMMAND -h" for a command's flags.
//
// Exit status: 0 when every input was read whole (and, for check, no
// finding reached --fail-on; for verify, nothing differed), 1 when some
// input was partial or failed, 2 for a usage error.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// Exit statuses.
const (
	exitOK    = 0
	exitSome  = 1
	exitUsage = 2
)

// errUsage marks an error in the command line; errHelp a request for a
// command's help, which has been printed.
var (
	errUsage = errors.New("usage")
	errHelp  = errors.New("help")
)

const usage = `jixiao — budget-performance self-evaluation forms to canonical data

Usage:
  jixiao extract [flags] INPUT...            forms as canonical JSON (--ndjson: a form a line)
  jixiao check   [flags] INPUT...            report where forms' own numbers disagree
  jixiao export  --format parquet|csv|xlsx|ndjson --out PATH INPUT...
  jixiao verify  --golden DIR [--update] INPUT...
  jixiao schema                              print the JSON Schema of the output
  jixiao version

INPUT is a file (text export, .docx, .html), a folder (recursive), a glob,
a .zip of forms, or - for standard input. "jixiao COMMAND -h" lists flags.
`

func main() {
	// The live heap is small and bounded (a few documents per worker), so
	// collecting less often trades a few megabytes for a quarter less CPU.
	// GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program, with its streams, for tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	env := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	var code int
	var err error
	switch args[0] {
	case "extract":
		code, err = env.extract(args[1:])
	case "check":
		code, err = env.check(args[1:])
	case "export":
		code, err = env.export(args[1:])
	case "verify":
		code, err = env.verify(args[1:])
	case "schema":
		code, err = env.schema(args[1:])
	case "version":
		fmt.Fprintln(stdout, "jixiao", version, "schema", "jixiao/v1")
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "jixiao: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	if err != nil {
		if err == errHelp {
			return exitOK
		}
		if errors.Is(err, errUsage) {
			if err != errUsage {
				fmt.Fprintln(stderr, "jixiao:", err)
			}
			return exitUsage
		}
		fmt.Fprintln(stderr, "jixiao:", err)
		if code == exitOK {
			code = exitSome
		}
	}
	return code
}

// version is the program's version.
const version = "0.1.0"

// env holds the streams a command uses.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}
