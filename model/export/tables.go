package export

import (
	"strings"

	"github.com/jixiao/jixiao/model"
)

// kind is the type of a column.
type kind uint8

const (
	kindKey     kind = iota // text, never null
	kindText                // text, null when empty
	kindInt                 // integer, never null
	kindOptInt              // integer or null
	kindDecimal             // exact decimal or null
	kindBool                // boolean, never null
	kindOptBool             // boolean or null
)

// nullable reports whether a column of kind k may hold nulls.
func (k kind) nullable() bool {
	switch k {
	case kindKey, kindInt, kindBool:
		return false
	}
	return true
}

// column is one column of a table.
type column struct {
	name string
	kind kind
}

// table is one output table: a file of the Parquet and CSV exports, a
// sheet of the workbook.
type table struct {
	name    string
	columns []column
}

// Indexes of the tables in tables.
const (
	tDocuments = iota
	tForms
	tFunds
	tIndicators
	tFindings
	tProblems
	numTables
)

// tables lists the output tables. Their columns are recorded from the
// functions that fill their rows, so that a column's name, type and place
// are written down once.
var tables = [numTables]*table{
	tDocuments:  record("documents", func(r *row) { documentRow(r, &model.Document{}) }),
	tForms:      record("forms", func(r *row) { formRow(r, &model.Document{}, &model.Form{}) }),
	tFunds:      record("funds", func(r *row) { fundsRow(r, "", 0, "", "", &model.FundsRow{}) }),
	tIndicators: record("indicators", func(r *row) { indicatorRow(r, "", 0, 0, &model.Indicator{}) }),
	tFindings:   record("findings", func(r *row) { findingRow(r, "", 0, &model.Finding{}) }),
	tProblems:   record("problems", func(r *row) { problemRow(r, "", &model.Problem{}) }),
}

// record returns the table whose rows fill fills.
func record(name string, fill func(r *row)) *table {
	r := &row{recording: true}
	fill(r)
	return &table{name: name, columns: r.columns}
}

// cell is one value of a row. A decimal is held as its canonical text.
type cell struct {
	null bool
	text string
	num  int64
	flag bool
}

// row collects the cells of a row in column order. While a table is being
// recorded it collects the columns instead.
type row struct {
	cells     []cell
	recording bool
	columns   []column
}

func (r *row) add(name string, k kind, c cell) {
	if r.recording {
		r.columns = append(r.columns, column{name: name, kind: k})
		return
	}
	r.cells = append(r.cells, c)
}

// key adds text that is never null.
func (r *row) key(name, s string) { r.add(name, kindKey, cell{text: s}) }

// text adds text, null when empty.
func (r *row) text(name, s string) { r.add(name, kindText, cell{null: s == "", text: s}) }

// integer adds an integer.
func (r *row) integer(name string, n int) { r.add(name, kindInt, cell{num: int64(n)}) }

// optInteger adds an integer, null when n is nil.
func (r *row) optInteger(name string, n *int) {
	if n == nil {
		r.add(name, kindOptInt, cell{null: true})
		return
	}
	r.add(name, kindOptInt, cell{num: int64(*n)})
}

// posInt adds a 1-based position, null when zero (not given).
func (r *row) posInt(name string, n int) {
	r.add(name, kindOptInt, cell{null: n == 0, num: int64(n)})
}

// dec adds a decimal, null when d is nil.
func (r *row) dec(name string, d *model.Decimal) {
	if d == nil || *d == "" {
		r.add(name, kindDecimal, cell{null: true})
		return
	}
	r.add(name, kindDecimal, cell{text: string(*d)})
}

// boolean adds a boolean.
func (r *row) boolean(name string, b bool) { r.add(name, kindBool, cell{flag: b}) }

// optBoolean adds a boolean, null when b is nil.
func (r *row) optBoolean(name string, b *bool) {
	if b == nil {
		r.add(name, kindOptBool, cell{null: true})
		return
	}
	r.add(name, kindOptBool, cell{flag: *b})
}

// at adds the position columns.
func (r *row) at(a model.At) {
	r.posInt("at_line", a.Line)
	r.posInt("at_table", a.Table)
	r.posInt("at_row", a.Row)
	r.posInt("at_col", a.Col)
	r.posInt("at_paragraph", a.Paragraph)
}

// sourcePath returns the source_path of a document: its path, and the
// archive member after "!" when it has one.
func sourcePath(s *model.Source) string {
	if s.Entry == "" {
		return s.Path
	}
	return s.Path + "!" + s.Entry
}

// joinFields writes fields as "label: value", joined by " | ".
func joinFields(fields []model.Field) string {
	if len(fields) == 0 {
		return ""
	}
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(f.Label)
		b.WriteString(": ")
		b.WriteString(f.Value)
	}
	return b.String()
}

// documentRow fills the row of the documents table for d.
func documentRow(r *row, d *model.Document) {
	r.key("source_path", sourcePath(&d.Source))
	r.text("source_file", d.Source.Path)
	r.text("source_entry", d.Source.Entry)
	r.text("source_format", d.Source.Format)
	r.text("source_encoding", d.Source.Encoding)
	r.text("source_sha256", d.Source.SHA256)
	r.text("status", d.Status)
	r.integer("form_count", len(d.Forms))
	r.integer("problem_count", len(d.Problems))
}

// formRow fills the row of the forms table for form f of d.
func formRow(r *row, d *model.Document, f *model.Form) {
	r.key("source_path", sourcePath(&d.Source))
	r.integer("form_index", f.Index)
	r.text("kind", f.Kind)
	r.text("title", f.Title)
	r.optInteger("year", f.Year)
	r.text("project_name", f.ProjectName)
	r.text("competent_department", f.CompetentDepartment)
	r.text("implementing_unit", f.ImplementingUnit)
	var unit string
	var total model.FundsRow
	if f.Funds != nil {
		unit = f.Funds.Unit
		if f.Funds.Total != nil {
			total = *f.Funds.Total
		}
	}
	r.text("funds_unit", unit)
	r.dec("funds_total_initial_budget", total.InitialBudget)
	r.dec("funds_total_annual_budget", total.AnnualBudget)
	r.dec("funds_total_executed", total.Executed)
	r.dec("funds_total_weight", total.Weight)
	r.dec("funds_total_execution_rate", total.ExecutionRate)
	r.dec("funds_total_score", total.Score)
	var t model.Total
	if f.Total != nil {
		t = *f.Total
	}
	r.dec("total_weight", t.Weight)
	r.dec("total_score", t.Score)
	r.text("grade", t.Grade)
	r.integer("indicator_count", len(f.Indicators))
	r.integer("finding_count", len(f.Findings))
	r.text("status", d.Status)
	r.text("source_format", d.Source.Format)
	r.text("source_sha256", d.Source.SHA256)
	var g model.Goals
	if f.Goals != nil {
		g = *f.Goals
	}
	r.text("goals_planned", g.Planned)
	r.text("goals_achieved", g.Achieved)
	r.text("goals_adjusted", g.Adjusted)
	r.text("header_extra", joinFields(f.HeaderExtra))
	r.text("notes", joinFields(f.Notes))
	r.at(f.At)
}

// fundsRow fills a row of the funds table: fr, the row of form form keyed
// key, whose amounts are in unit.
func fundsRow(r *row, src string, form int, key, unit string, fr *model.FundsRow) {
	r.key("source_path", src)
	r.integer("form_index", form)
	r.key("row_key", key)
	r.text("label", fr.Label)
	r.dec("initial_budget", fr.InitialBudget)
	r.dec("annual_budget", fr.AnnualBudget)
	r.dec("executed", fr.Executed)
	r.dec("weight", fr.Weight)
	r.dec("execution_rate", fr.ExecutionRate)
	r.dec("score", fr.Score)
	r.text("unit", unit)
	r.text("note", fr.Note)
	r.at(fr.At)
}

// indicatorRow fills a row of the indicators table: ind, the index-th
// (1-based) indicator of form form.
func indicatorRow(r *row, src string, form, index int, ind *model.Indicator) {
	r.key("source_path", src)
	r.integer("form_index", form)
	r.integer("indicator_index", index)
	r.text("level1", ind.Level1)
	r.dec("level1_weight", ind.Level1Weight)
	r.text("level2", ind.Level2)
	r.dec("level2_weight", ind.Level2Weight)
	var name string
	if ind.Name != nil {
		name = *ind.Name
	}
	r.text("name", name)
	value(r, &targetColumns, &ind.Target)
	value(r, &actualColumns, &ind.Actual)
	r.dec("weight", ind.Weight)
	r.dec("score", ind.Score)
	r.optBoolean("met", ind.Met)
	r.boolean("applicable", ind.Applicable)
	r.boolean("core", ind.Core)
	r.text("deviation_reason", ind.DeviationReason)
	r.text("nature", ind.Nature)
	r.text("extra", joinFields(ind.Extra))
	r.at(ind.At)
}

// valueColumns names the columns of a target or actual Value.
type valueColumns struct {
	raw, kind, op, value, min, max, unit string
}

// The columns of Indicator.Target and Indicator.Actual.
var (
	targetColumns = valueColumnsOf("target_")
	actualColumns = valueColumnsOf("actual_")
)

func valueColumnsOf(prefix string) valueColumns {
	return valueColumns{
		raw: prefix + "raw", kind: prefix + "kind", op: prefix + "op",
		value: prefix + "value", min: prefix + "min", max: prefix + "max", unit: prefix + "unit",
	}
}

// value adds the columns of a target or actual Value.
func value(r *row, cols *valueColumns, v *model.Value) {
	r.text(cols.raw, v.Raw)
	r.text(cols.kind, v.Kind)
	r.text(cols.op, v.Op)
	r.dec(cols.value, v.Value)
	r.dec(cols.min, v.Min)
	r.dec(cols.max, v.Max)
	r.text(cols.unit, v.Unit)
}

// findingRow fills a row of the findings table: f, a finding of form form.
func findingRow(r *row, src string, form int, f *model.Finding) {
	r.key("source_path", src)
	r.integer("form_index", form)
	r.text("code", f.Code)
	r.text("severity", f.Severity)
	r.text("message", f.Message)
	r.dec("expected", f.Expected)
	r.dec("found", f.Found)
	r.at(f.At)
}

// problemRow fills a row of the problems table.
func problemRow(r *row, src string, p *model.Problem) {
	r.key("source_path", src)
	r.posInt("form_index", p.Form)
	r.text("severity", p.Severity)
	r.text("code", p.Code)
	r.text("message", p.Message)
	r.text("cells", strings.Join(p.Cells, " | "))
	r.at(p.At)
}

// batch holds the rows of one document, table by table, so that a writer
// can check all of them before it writes any.
type batch struct {
	// cells holds the rows of each table end to end.
	cells [numTables][]cell
	// forms holds the form index of each row of each table, for errors.
	forms [numTables][]int
	r     row
}

// len returns the number of rows of table t.
func (b *batch) len(t int) int { return len(b.forms[t]) }

// row returns row i of table t.
func (b *batch) row(t, i int) []cell {
	n := len(tables[t].columns)
	return b.cells[t][i*n : (i+1)*n : (i+1)*n]
}

// begin starts a row of table t.
func (b *batch) begin(t int) *row {
	b.r.cells = b.cells[t]
	return &b.r
}

// end finishes the row of table t begun by begin.
func (b *batch) end(t, form int) {
	b.cells[t] = b.r.cells
	b.forms[t] = append(b.forms[t], form)
}

// fill empties b and fills it with the rows of doc.
func (b *batch) fill(doc *model.Document) {
	for t := range b.cells {
		b.cells[t] = b.cells[t][:0]
		b.forms[t] = b.forms[t][:0]
	}
	src := sourcePath(&doc.Source)
	documentRow(b.begin(tDocuments), doc)
	b.end(tDocuments, 0)
	for i := range doc.Forms {
		f := &doc.Forms[i]
		formRow(b.begin(tForms), doc, f)
		b.end(tForms, f.Index)
		if fs := f.Funds; fs != nil {
			for _, kr := range [...]struct {
				key string
				row *model.FundsRow
			}{{"total", fs.Total}, {"fiscal", fs.Fiscal}, {"carryover", fs.Carryover}, {"other", fs.Other}} {
				if kr.row != nil {
					fundsRow(b.begin(tFunds), src, f.Index, kr.key, fs.Unit, kr.row)
					b.end(tFunds, f.Index)
				}
			}
			for j := range fs.ExtraRows {
				fundsRow(b.begin(tFunds), src, f.Index, "extra", fs.Unit, &fs.ExtraRows[j])
				b.end(tFunds, f.Index)
			}
		}
		for j := range f.Indicators {
			indicatorRow(b.begin(tIndicators), src, f.Index, j+1, &f.Indicators[j])
			b.end(tIndicators, f.Index)
		}
		for j := range f.Findings {
			findingRow(b.begin(tFindings), src, f.Index, &f.Findings[j])
			b.end(tFindings, f.Index)
		}
	}
	for i := range doc.Problems {
		p := &doc.Problems[i]
		problemRow(b.begin(tProblems), src, p)
		b.end(tProblems, p.Form)
	}
}

// valueError returns a *ValueError for cell col of row i of table t.
func (b *batch) valueError(format string, t, i, col int, reason string) *ValueError {
	c := b.row(t, i)[col]
	return &ValueError{
		Format: format,
		Source: b.row(t, i)[0].text,
		Form:   b.forms[t][i],
		Table:  tables[t].name,
		Column: tables[t].columns[col].name,
		Value:  shorten(c.text, 40),
		Reason: reason,
	}
}
