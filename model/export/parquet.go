package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/jixiao/jixiao/model"
)

// A Parquet row group is flushed when it reaches rowGroupRows rows or
// rowGroupBytes bytes of text, whichever comes first, which bounds the
// memory a table's writer holds.
var (
	rowGroupRows  int64 = 128 << 10
	rowGroupBytes int64 = 32 << 20
)

// pageBufferSize is the size at which a column's values are cut into a
// page. It stays under zstd's 128 KiB block, which each page then fits:
// a larger page makes the zstd encoder keep a window of 8 MiB of history,
// for each of the pooled encoders.
const pageBufferSize = 64 << 10

// parquetWriter writes one Parquet file per table into a folder.
type parquetWriter struct {
	tables [numTables]*parquetTable
	b      batch
	closed bool
}

// parquetTable is the writer of one table's file.
type parquetTable struct {
	file *os.File
	w    *parquet.Writer
	rows []parquet.Row
	// text holds the bytes of the pending rows' text values.
	text []byte
	// buffered counts the bytes of text in the current row group.
	buffered int64
}

func newParquet(dir string) (_ *parquetWriter, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: parquet: %w", err)
	}
	pw := &parquetWriter{}
	defer func() {
		if err != nil {
			pw.abort()
		}
	}()
	for i, t := range tables {
		f, err := os.Create(filepath.Join(dir, t.name+".parquet"))
		if err != nil {
			return nil, fmt.Errorf("export: parquet: %w", err)
		}
		cfg, err := parquet.NewWriterConfig(
			parquetSchema(t),
			parquet.Compression(&zstd.Codec{Level: zstd.DefaultLevel}),
			parquet.MaxRowsPerRowGroup(rowGroupRows),
			parquet.PageBufferSize(pageBufferSize),
			parquet.CreatedBy("jixiao", model.SchemaVersion, ""),
			parquet.KeyValueMetadata("jixiao.schema", model.SchemaVersion),
		)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("export: parquet: %s: %w", t.name, err)
		}
		pw.tables[i] = &parquetTable{file: f, w: parquet.NewWriter(f, cfg)}
	}
	return pw, nil
}

// parquetSchema returns the Parquet schema of t. parquet.Group orders its
// fields by name, so the schema is taken from a struct type made for t,
// whose fields keep the order of the columns.
func parquetSchema(t *table) *parquet.Schema {
	fields := make([]reflect.StructField, len(t.columns))
	for i, c := range t.columns {
		var typ reflect.Type
		tag := c.name
		switch c.kind {
		case kindKey:
			typ = reflect.TypeFor[string]()
		case kindText:
			typ = reflect.TypeFor[string]()
			tag += ",optional"
		case kindInt:
			typ = reflect.TypeFor[int64]()
		case kindOptInt:
			typ = reflect.TypeFor[int64]()
			tag += ",optional"
		case kindDecimal:
			typ = reflect.TypeFor[int64]()
			tag += fmt.Sprintf(",decimal(%d:%d),optional", decimalScale, decimalPrecision)
		case kindBool:
			typ = reflect.TypeFor[bool]()
		case kindOptBool:
			typ = reflect.TypeFor[bool]()
			tag += ",optional"
		}
		fields[i] = reflect.StructField{
			Name: "F" + strconv.Itoa(i),
			Type: typ,
			Tag:  reflect.StructTag(`parquet:"` + tag + `"`),
		}
	}
	proto := reflect.New(reflect.StructOf(fields)).Interface()
	return parquet.NewSchema(t.name, parquet.SchemaOf(proto))
}

// Write converts every row of doc before it writes any, so that a
// *ValueError leaves nothing of doc in the files.
func (pw *parquetWriter) Write(doc *model.Document) error {
	if pw.closed {
		return errClosed
	}
	pw.b.fill(doc)
	for t, pt := range pw.tables {
		if err := pt.convert(&pw.b, t); err != nil {
			for _, pt := range pw.tables {
				pt.rows, pt.text = pt.rows[:0], pt.text[:0]
			}
			return err
		}
	}
	for t, pt := range pw.tables {
		if err := pt.flush(); err != nil {
			return fmt.Errorf("export: parquet: %s: %s: %w", sourcePath(&doc.Source), tables[t].name, err)
		}
	}
	return nil
}

// convert turns the rows of table t in b into pending Parquet rows.
func (pt *parquetTable) convert(b *batch, t int) error {
	cols := tables[t].columns
	for i := range b.len(t) {
		// Reuse the value slices of the rows already written.
		n := len(pt.rows)
		if n < cap(pt.rows) {
			pt.rows = pt.rows[:n+1]
		} else {
			pt.rows = append(pt.rows, nil)
		}
		r := pt.rows[n][:0]
		for j, c := range b.row(t, i) {
			def := 0
			if cols[j].kind.nullable() {
				def = 1
			}
			if c.null {
				r = append(r, parquet.NullValue().Level(0, 0, j))
				continue
			}
			var v parquet.Value
			switch cols[j].kind {
			case kindKey, kindText:
				// The value points into pt.text; if pt.text moves as it
				// grows, the earlier values keep the old array, which is
				// not written to again before WriteRows has copied them.
				start := len(pt.text)
				pt.text = append(pt.text, c.text...)
				v = parquet.ByteArrayValue(pt.text[start:len(pt.text):len(pt.text)])
			case kindInt, kindOptInt:
				v = parquet.Int64Value(c.num)
			case kindDecimal:
				n, err := unscaled(c.text)
				if err != nil {
					return b.valueError("parquet", t, i, j, err.Error())
				}
				v = parquet.Int64Value(n)
			case kindBool, kindOptBool:
				v = parquet.BooleanValue(c.flag)
			}
			r = append(r, v.Level(0, def, j))
		}
		pt.rows[n] = r
	}
	return nil
}

// flush writes the pending rows, and ends the row group when it holds
// rowGroupBytes of text.
func (pt *parquetTable) flush() error {
	if len(pt.rows) == 0 {
		return nil
	}
	if _, err := pt.w.WriteRows(pt.rows); err != nil {
		return err
	}
	pt.buffered += int64(len(pt.text))
	pt.rows, pt.text = pt.rows[:0], pt.text[:0]
	if pt.buffered >= rowGroupBytes {
		pt.buffered = 0
		return pt.w.Flush()
	}
	return nil
}

// Close writes the footers and closes the files.
func (pw *parquetWriter) Close() error {
	if pw.closed {
		return errClosed
	}
	pw.closed = true
	var errs []error
	for i, pt := range pw.tables {
		if err := pt.w.Close(); err != nil {
			errs = append(errs, fmt.Errorf("export: parquet: %s: %w", tables[i].name, err))
		}
		if err := pt.file.Close(); err != nil {
			errs = append(errs, fmt.Errorf("export: parquet: %w", err))
		}
	}
	return errors.Join(errs...)
}

// abort closes the files opened so far, after a failed start.
func (pw *parquetWriter) abort() {
	for _, pt := range pw.tables {
		if pt != nil {
			pt.file.Close()
		}
	}
}
