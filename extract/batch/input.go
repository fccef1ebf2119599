// Package batch extracts many inputs at once: files, folders, globs,
// standard input and zip archives of forms, on a pool of workers, handing
// the documents on in a deterministic order (by path, then entry) as soon
// as each is ready, so that memory stays flat however many inputs there
// are.
package batch

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/jixiao/jixiao/extract"
	"github.com/jixiao/jixiao/extract/docx"
)

// Input is one document to extract: a file, standard input, or an entry
// of a zip archive.
type Input struct {
	// Path is the file's path as given or found ("-" for standard input);
	// for an archive entry, the archive's path.
	Path string
	// Entry is the member's name inside the archive at Path, "" for a
	// plain file.
	Entry string
	// Size is the size in bytes, when known before reading.
	Size int64

	data []byte    // standard input, read once
	arc  *archive  // the open archive of an entry
	zf   *zip.File // the entry in it
}

// archive is a zip of forms, opened once for all its entries: its central
// directory is read once, not once an entry. The file is closed when the
// last of its entries has been read.
type archive struct {
	f    *os.File
	left atomic.Int64 // entries not yet read
}

// done marks one entry read, closing the file after the last.
func (a *archive) done() {
	if a.left.Add(-1) == 0 {
		a.f.Close()
	}
}

// Name returns the input's display name: Path, or "Path!Entry" for an
// archive member.
func (in Input) Name() string {
	if in.Entry == "" {
		return in.Path
	}
	return in.Path + "!" + in.Entry
}

// extensions are the file names a folder walk picks up; a file named on
// the command line is read whatever its name.
var extensions = map[string]bool{
	".txt": true, ".tsv": true, ".text": true, ".csv": true,
	".docx": true, ".html": true, ".htm": true, ".xhtml": true, ".zip": true,
}

// Expand turns command-line arguments into inputs: a file stands for
// itself, a folder for the form files below it (by extension, hidden
// files and folders skipped), a pattern with * ? or [ for the files it
// matches, "-" for standard input, and a .zip archive for the entries in
// it. Paths read from list (one a line, as with --files-from) are added.
// The inputs come back sorted by path and entry. A named file that is not
// there becomes an input whose reading fails (a failed document, so that
// it is not missing from the output); a pattern that matches nothing is
// returned as an error, and the rest are still expanded. An
// archive's file stays open until its entries have been read (by Run).
func Expand(args []string, list io.Reader, stdin io.Reader, lim docx.Limits) ([]Input, []error) {
	var ins []Input
	var errs []error
	add := func(arg string) {
		got, err := expand(arg, stdin, lim)
		ins = append(ins, got...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, a := range args {
		add(a)
	}
	if list != nil {
		sc := bufio.NewScanner(list)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if p := strings.TrimSpace(sc.Text()); p != "" {
				add(p)
			}
		}
		if err := sc.Err(); err != nil {
			errs = append(errs, fmt.Errorf("reading the list of files: %w", err))
		}
	}
	sort.SliceStable(ins, func(i, j int) bool {
		if ins[i].Path != ins[j].Path {
			return ins[i].Path < ins[j].Path
		}
		return ins[i].Entry < ins[j].Entry
	})
	return ins, errs
}

func expand(arg string, stdin io.Reader, lim docx.Limits) ([]Input, error) {
	if arg == "-" {
		if stdin == nil {
			return nil, fmt.Errorf("-: no standard input")
		}
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("-: %w", err)
		}
		return []Input{{Path: "-", Size: int64(len(b)), data: b}}, nil
	}
	st, err := os.Stat(arg)
	if err != nil {
		if strings.ContainsAny(arg, "*?[") {
			matches, gerr := filepath.Glob(arg)
			if gerr != nil {
				return nil, fmt.Errorf("%s: %w", arg, gerr)
			}
			if len(matches) == 0 {
				return nil, fmt.Errorf("%s: no file matches", arg)
			}
			var ins []Input
			for _, m := range matches {
				got, err := expand(m, stdin, lim)
				if err != nil {
					return ins, err
				}
				ins = append(ins, got...)
			}
			return ins, nil
		}
		// A file named but not there (or not readable) still gets its
		// document: a failed one, saying why, so that no input named on
		// the command line is missing from the output.
		return []Input{{Path: arg}}, nil
	}
	if !st.IsDir() {
		if isZip(arg) {
			return zipEntries(arg, lim)
		}
		return []Input{{Path: arg, Size: st.Size()}}, nil
	}
	var ins []Input
	err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != arg && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !extensions[strings.ToLower(filepath.Ext(p))] {
			return nil
		}
		if isZip(p) {
			got, err := zipEntries(p, lim)
			ins = append(ins, got...)
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		ins = append(ins, Input{Path: p, Size: info.Size()})
		return nil
	})
	return ins, err
}

// isZip reports whether p is a zip archive of forms: named .zip (a .docx
// is a zip too, but it is one form file).
func isZip(p string) bool {
	return strings.EqualFold(filepath.Ext(p), ".zip")
}

// zipEntries lists the form files inside the archive at p. The archive
// stays open until every listed entry has been read.
func zipEntries(p string, lim docx.Limits) ([]Input, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	zr, err := docx.OpenZip(f, st.Size(), lim)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	arc := &archive{f: f}
	var ins []Input
	for _, e := range zr.File {
		name := e.Name
		if e.FileInfo().IsDir() || strings.HasPrefix(filepath.Base(name), ".") || strings.HasPrefix(name, "__MACOSX/") {
			continue
		}
		if !extensions[strings.ToLower(filepath.Ext(name))] || isZip(name) {
			continue
		}
		ins = append(ins, Input{Path: p, Entry: name, Size: int64(e.UncompressedSize64), arc: arc, zf: e})
	}
	arc.left.Store(int64(len(ins)))
	if len(ins) == 0 {
		f.Close()
	}
	return ins, nil
}

// read returns the input's bytes: a file's are read into x's buffer when x is
// not nil.
func (in Input) read(max int64, lim docx.Limits, x *extract.Extractor) ([]byte, error) {
	if in.data != nil {
		return in.data, nil
	}
	if in.Entry == "" {
		f, err := os.Open(in.Path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		// Read into a buffer of the size Expand saw.
		readAll := extract.ReadAll
		if x != nil {
			readAll = x.ReadAll // into x's buffer, reused file to file
		}
		b, err := readAll(f, in.Size, max)
		if err != nil {
			return nil, err
		}
		if int64(len(b)) > max {
			return nil, fmt.Errorf("larger than the size limit of %d bytes", max)
		}
		return b, nil
	}
	if in.zf == nil {
		return nil, fmt.Errorf("archive entry %s was not listed by Expand", in.Entry)
	}
	// Entries of one archive share its open file; zip.File.Open reads
	// through ReadAt, so workers may read entries of it at once.
	defer in.arc.done()
	return docx.ReadEntry(in.zf, lim)
}
