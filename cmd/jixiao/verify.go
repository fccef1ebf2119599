package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/diff"
)

// verifyIgnore are the paths verify does not compare: where the input was
// read from depends on the directory the command runs in.
var verifyIgnore = []string{"source.path"}

// verify extracts each input and compares it with the golden JSON of the
// same name in the golden folder, printing field-level differences.
func (e *env) verify(args []string) (int, error) {
	fset := flag.NewFlagSet("verify", flag.ContinueOnError)
	var in inputFlags
	in.register(fset)
	golden := fset.String("golden", "", "`DIR` holding the golden JSON, one NAME.json per input NAME")
	update := fset.Bool("update", false, "rewrite the golden files from what the inputs give now")
	if err := e.parse(fset, args, "verify --golden DIR [--update] [flags] INPUT..."); err != nil {
		return exitUsage, err
	}
	if *golden == "" {
		return exitUsage, fmt.Errorf("%w: verify needs --golden DIR", errUsage)
	}
	ins, missing, err := e.inputs(&in, fset.Args())
	if err != nil {
		return exitUsage, err
	}
	if *update {
		if err := os.MkdirAll(*golden, 0o755); err != nil {
			return exitSome, err
		}
	}
	differ, updated := 0, 0
	in.reuse = true // each document is encoded, then compared from buf
	var buf []byte
	_, code, err := e.runBatch(&in, ins, missing, func(doc *model.Document) error {
		name := goldenName(doc.Source)
		path := filepath.Join(*golden, name)
		buf = doc.AppendJSON(buf[:0], true)
		buf = append(buf, '\n')
		if *update {
			old, _ := os.ReadFile(path)
			if string(old) != string(buf) {
				updated++
				return os.WriteFile(path, buf, 0o644)
			}
			return nil
		}
		old, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			differ++
			fmt.Fprintf(e.stdout, "%s: no golden file %s (run with --update to create it)\n", docName(doc.Source), path)
			return nil
		}
		if err != nil {
			return err
		}
		changes, err := diff.JSON(old, buf)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		changes = diff.Filter(changes, verifyIgnore)
		if len(changes) == 0 {
			return nil
		}
		differ++
		fmt.Fprintf(e.stdout, "%s: %s from %s\n", docName(doc.Source), plural(len(changes), "difference"), path)
		return diff.Write(e.stdout, changes)
	})
	if err != nil {
		return exitSome, err
	}
	switch {
	case *update:
		fmt.Fprintf(e.stderr, "jixiao: %s written in %s\n", plural(updated, "golden file"), *golden)
	case differ > 0:
		if differ == 1 {
			fmt.Fprintln(e.stderr, "jixiao: 1 input differs from its golden file")
		} else {
			fmt.Fprintf(e.stderr, "jixiao: %d inputs differ from their golden files\n", differ)
		}
		code = exitSome
	default:
		fmt.Fprintf(e.stderr, "jixiao: every input matches its golden file\n")
	}
	return code, nil
}

// goldenName is the golden file's name for a source: the input's base
// name (the entry's, inside an archive) with .json added.
func goldenName(s model.Source) string {
	name := s.Path
	if s.Entry != "" {
		name = s.Entry
	}
	if name == "-" {
		name = "stdin"
	}
	return filepath.Base(strings.ReplaceAll(name, "\\", "/")) + ".json"
}

// docName is how a document is named in messages.
func docName(s model.Source) string {
	if s.Entry != "" {
		return s.Path + "!" + s.Entry
	}
	return s.Path
}
