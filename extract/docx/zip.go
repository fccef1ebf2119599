package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/jixiao/jixiao/extract/table"
)

// Limits bound the work of reading a zip archive (a .docx, or a .zip of
// forms), so that a hostile archive fails fast with bounded memory. A
// field left zero takes its value from DefaultLimits.
type Limits struct {
	// MaxEntries is the most entries an archive may list.
	MaxEntries int
	// MaxEntrySize is the most bytes one entry may inflate to.
	MaxEntrySize int64
	// MaxTotal is the most bytes the entries of one archive may declare
	// in total. Package archive/zip refuses to inflate an entry beyond its
	// declared size, so this bounds what reading all of them can produce.
	MaxTotal int64
}

// DefaultLimits are generous for real documents: a form's document.xml is
// a few hundred kilobytes.
var DefaultLimits = Limits{
	MaxEntries:   10000,
	MaxEntrySize: 256 << 20,
	MaxTotal:     1 << 30,
}

// orDefault returns lim with its zero fields set from DefaultLimits.
func (lim Limits) orDefault() Limits {
	if lim.MaxEntries <= 0 {
		lim.MaxEntries = DefaultLimits.MaxEntries
	}
	if lim.MaxEntrySize <= 0 {
		lim.MaxEntrySize = DefaultLimits.MaxEntrySize
	}
	if lim.MaxTotal <= 0 {
		lim.MaxTotal = DefaultLimits.MaxTotal
	}
	return lim
}

// Errors of archive reading, wrapped in a *table.Error.
var (
	ErrNotZip         = errors.New("not a zip archive")
	ErrTooManyEntries = errors.New("too many entries in archive")
	ErrTooLarge       = errors.New("archive inflates beyond the limit")
	ErrNoDocument     = errors.New("no main document part (word/document.xml)")
)

// OpenZip opens the zip archive r of the given size and checks it against
// lim: the number of entries and their declared total size. Package
// archive/zip reads the whole central directory, so its memory is bounded
// by the archive's size.
func OpenZip(r io.ReaderAt, size int64, lim Limits) (*zip.Reader, error) {
	lim = lim.orDefault()
	z, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, &table.Error{Err: fmt.Errorf("%w: %v", ErrNotZip, err)}
	}
	if len(z.File) > lim.MaxEntries {
		return nil, &table.Error{Err: fmt.Errorf("%w: %d, at most %d", ErrTooManyEntries, len(z.File), lim.MaxEntries)}
	}
	left := uint64(lim.MaxTotal)
	for _, f := range z.File {
		if f.UncompressedSize64 > left {
			return nil, &table.Error{Err: fmt.Errorf("%w: entries declare more than %d bytes", ErrTooLarge, lim.MaxTotal)}
		}
		left -= f.UncompressedSize64
	}
	return z, nil
}

// ReadEntry inflates f, refusing one that declares or inflates to more
// than lim.MaxEntrySize bytes; its memory is bounded by twice that.
func ReadEntry(f *zip.File, lim Limits) ([]byte, error) {
	rc, err := openEntry(f, lim)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// Deflate inflates at most 1032 times: a lying header does not make
	// this allocate more than the data can fill.
	var buf bytes.Buffer
	buf.Grow(int(min(f.UncompressedSize64, f.CompressedSize64*1032+512)))
	if _, err := buf.ReadFrom(rc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// openEntry opens f for reading with the cap of lim.MaxEntrySize.
func openEntry(f *zip.File, lim Limits) (io.ReadCloser, error) {
	lim = lim.orDefault()
	if f.UncompressedSize64 > uint64(lim.MaxEntrySize) {
		return nil, &table.Error{Err: fmt.Errorf("%s: %w: declares %d bytes, at most %d",
			f.Name, ErrTooLarge, f.UncompressedSize64, lim.MaxEntrySize)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &table.Error{Err: fmt.Errorf("%s: %w", f.Name, err)}
	}
	return &capped{rc: rc, name: f.Name, left: lim.MaxEntrySize}, nil
}

// capped reads an entry and fails once it yields more than left bytes.
// archive/zip already fails an entry that outgrows its declared size; the
// cap holds even where a decompressor registered by a caller does not.
type capped struct {
	rc   io.ReadCloser
	name string
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.rc.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return 0, &table.Error{Err: fmt.Errorf("%s: %w", c.name, ErrTooLarge)}
	}
	if err != nil && err != io.EOF {
		err = &table.Error{Err: fmt.Errorf("%s: %w", c.name, err)}
	}
	return n, err
}

func (c *capped) Close() error { return c.rc.Close() }

// find returns the entry named name, compared as OPC part names are:
// without a leading slash, with backslashes read as slashes, ignoring case.
func find(z *zip.Reader, name string) *zip.File {
	name = partName(name)
	for _, f := range z.File {
		if strings.EqualFold(partName(f.Name), name) {
			return f
		}
	}
	return nil
}

func partName(s string) string {
	return strings.TrimPrefix(strings.ReplaceAll(s, `\`, "/"), "/")
}

// mainPart returns the entry of the main document part, which the package
// relationships name, else word/document.xml.
func mainPart(z *zip.Reader, lim Limits) (*zip.File, error) {
	if f := find(z, "_rels/.rels"); f != nil {
		b, err := ReadEntry(f, lim)
		if err != nil {
			return nil, err
		}
		if target := officeDocument(b); target != "" {
			if f := find(z, path.Clean("/"+target)); f != nil {
				return f, nil
			}
		}
	}
	if f := find(z, "word/document.xml"); f != nil {
		return f, nil
	}
	return nil, &table.Error{Err: ErrNoDocument}
}
