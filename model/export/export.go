// Package export writes canonical documents (schema "jixiao/v1") as flat,
// typed tables for analysts: Parquet, CSV and xlsx, or as newline-delimited
// JSON with one form per line.
//
// Documents are written one at a time through a Writer, and memory stays
// flat however many there are: CSV and NDJSON write through, Parquet ends a
// row group every 131,072 rows or 32 MiB of text, and xlsx spills each
// sheet to a temporary file past 16 MiB (excelize's StreamWriter).
//
// # Tables
//
// The table formats write six tables: one file per table in the output
// folder for Parquet (documents.parquet, forms.parquet, …) and CSV
// (documents.csv, forms.csv, …), one sheet per table in the xlsx workbook.
// Rows are joined by source_path and form_index.
//
//   - documents: one row per input file: source_path, source_file,
//     source_entry, source_format, source_encoding, source_sha256, status,
//     form_count, problem_count.
//   - forms: one row per form: source_path, form_index, kind, title, year,
//     project_name, competent_department, implementing_unit, funds_unit,
//     funds_total_initial_budget, funds_total_annual_budget,
//     funds_total_executed, funds_total_weight, funds_total_execution_rate,
//     funds_total_score, total_weight, total_score, grade, indicator_count,
//     finding_count, status, source_format, source_sha256, goals_planned,
//     goals_achieved, goals_adjusted, header_extra, notes and the position.
//   - funds: one row per funds row: source_path, form_index, row_key (total,
//     fiscal, carryover, other or extra), label, initial_budget,
//     annual_budget, executed, weight, execution_rate, score, unit, note and
//     the position.
//   - indicators: one row per indicator: source_path, form_index,
//     indicator_index (1-based, in form order), level1, level1_weight,
//     level2, level2_weight, name, target_raw, target_kind, target_op,
//     target_value, target_min, target_max, target_unit, actual_raw,
//     actual_kind, actual_op, actual_value, actual_min, actual_max,
//     actual_unit, weight, score, met, applicable, core, deviation_reason,
//     nature, extra and the position.
//   - findings: one row per finding: source_path, form_index, code,
//     severity, message, expected, found and the position.
//   - problems: one row per problem: source_path, form_index (null outside
//     any form), severity, code, message, cells (joined by " | ") and the
//     position.
//
// The position of a row is at_line, at_table, at_row, at_col and
// at_paragraph, each null where the source gives none. source_path is the
// Source.Path, followed by "!" and the Source.Entry for a member of an
// archive, so that it identifies one document. header_extra, notes and
// extra hold their fields as "label: value", joined by " | ".
//
// Text is null where it is empty. Numbers are exact: DECIMAL(18,6) in
// Parquet (a value with more than 6 decimal places or more than 12 integer
// digits is a *ValueError, never rounded), the canonical decimal text in
// CSV, a number cell in xlsx (a value of more than 15 significant digits,
// more than Excel holds, is a *ValueError). met is a nullable boolean.
package export

import (
	"errors"
	"fmt"
	"io"

	"github.com/jixiao/jixiao/model"
)

// Options tunes a Writer.
type Options struct {
	// Excel starts each CSV file with a UTF-8 byte order mark, by which
	// Excel recognises UTF-8. It has no effect on the other formats.
	Excel bool
	// Stdout receives an ndjson export whose path is "-"; nil means
	// os.Stdout.
	Stdout io.Writer
}

// Writer writes documents to an export, one at a time. It is not safe for
// concurrent use. Write and Close on a closed Writer return an error.
type Writer interface {
	// Write adds the rows of doc. A *ValueError means that a value of doc
	// cannot be held by the format; nothing of doc was written, and the
	// caller may report it and go on with the next document. Any other
	// error leaves the export incomplete.
	Write(doc *model.Document) error
	// Close finishes the export and releases its files. The export is
	// complete only when Close returns nil.
	Close() error
}

// Formats returns the names of the formats New accepts.
func Formats() []string {
	return []string{"parquet", "csv", "xlsx", "ndjson"}
}

// New returns a Writer for format. For parquet and csv, path is a folder,
// created if need be, that receives one file per table; for xlsx it is the
// workbook file; for ndjson it is the output file, or "-" for standard
// output.
func New(format, path string, opt Options) (Writer, error) {
	switch format {
	case "parquet":
		return newParquet(path)
	case "csv":
		return newCSV(path, opt)
	case "xlsx":
		return newXLSX(path)
	case "ndjson":
		return newNDJSON(path, opt.Stdout)
	}
	return nil, fmt.Errorf("export: unknown format %q (want one of %v)", format, Formats())
}

// ValueError reports a value that a format cannot hold exactly, such as a
// decimal with more places than a Parquet DECIMAL(18,6) column keeps or a
// text longer than an xlsx cell.
type ValueError struct {
	Format string // "parquet", "xlsx"
	Source string // the source_path of the document
	Form   int    // the 1-based form index, 0 for a row outside any form
	Table  string
	Column string // empty when the table as a whole is at fault
	Value  string // the value, shortened when long
	Reason string
}

// Error describes the value and where it stands.
func (e *ValueError) Error() string {
	where := e.Source
	if e.Form > 0 {
		where = fmt.Sprintf("%s form %d", e.Source, e.Form)
	}
	if e.Column == "" {
		return fmt.Sprintf("export: %s: %s: %s: %s", e.Format, where, e.Table, e.Reason)
	}
	return fmt.Sprintf("export: %s: %s: %s.%s = %s: %s", e.Format, where, e.Table, e.Column, e.Value, e.Reason)
}

// errClosed is returned by Write and Close on a closed Writer.
var errClosed = errors.New("export: writer is closed")

// shorten cuts s to at most n runes for an error message.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
