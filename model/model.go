// Package model holds the canonical types of jixiao's output, schema
// "jixiao/v1": a Document per input file, holding Forms, each with its
// funds, goals, indicators, total and findings. The JSON field order of the
// structs is the order SCHEMA.md fixes; Document.AppendJSON and
// Form.AppendJSON encode them fast, and encoding/json gives the same bytes.
package model

// SchemaVersion is the value of Document.Schema.
const SchemaVersion = "jixiao/v1"

// Formats of an input file, as reported in Source.Format.
const (
	FormatTextCells = "text-cells"
	FormatTextRows  = "text-rows"
	FormatDocx      = "docx"
	FormatHTML      = "html"
	FormatXLSX      = "xlsx"
	// FormatUnknown is the format of an input that could not be read far
	// enough to tell: a file that cannot be opened, bytes that are no
	// text in any encoding.
	FormatUnknown = "unknown"
)

// Encodings of a text input, as reported in Source.Encoding.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncGB18030 = "gb18030"
)

// Document statuses.
const (
	StatusOK      = "ok"
	StatusPartial = "partial"
	StatusFailed  = "failed"
)

// Severities of problems and findings.
const (
	SevError   = "error"
	SevWarning = "warning"
	SevInfo    = "info"
)

// Form kinds.
const (
	KindProject    = "project"
	KindDepartment = "department"
)

// At is the provenance of a thing in its source: a 1-based line for text
// input, or a 1-based table, row and column for docx, HTML and xlsx. A
// paragraph outside any table is given by Paragraph.
type At struct {
	Line      int `json:"line,omitempty"`
	Table     int `json:"table,omitempty"`
	Row       int `json:"row,omitempty"`
	Col       int `json:"col,omitempty"`
	Paragraph int `json:"paragraph,omitempty"`
}

// IsZero reports whether a carries no position. It compares the fields
// one by one: a == At{} compiles to a call comparing the memory.
func (a At) IsZero() bool {
	return a.Line == 0 && a.Table == 0 && a.Row == 0 && a.Col == 0 && a.Paragraph == 0
}

// Document is the result for one input file.
type Document struct {
	Schema   string    `json:"schema"`
	Source   Source    `json:"source"`
	Status   string    `json:"status"`
	Forms    []Form    `json:"forms"`
	Problems []Problem `json:"problems"`
}

// Line is one line of an NDJSON stream of forms (extract --ndjson, export
// --format ndjson): one form with its document's schema, source and
// status, so that every line stands alone for line-oriented readers
// (DuckDB read_ndjson, Spark, jq). A document without forms gives one line
// whose Form is nil. Problems holds the document's problems that arose in
// this form; those outside any form go on the document's first line, so
// that every problem appears exactly once.
type Line struct {
	Schema   string    `json:"schema"`
	Source   Source    `json:"source"`
	Status   string    `json:"status"`
	Form     *Form     `json:"form"`
	Problems []Problem `json:"problems"`
}

// Source describes the input file.
type Source struct {
	Path     string `json:"path"`
	Format   string `json:"format"`
	Encoding string `json:"encoding,omitempty"`
	SHA256   string `json:"sha256"`
	// Entry is the member name when the form came from inside an archive.
	Entry string `json:"entry,omitempty"`
}

// Problem is something in the input that could not be placed in a form, or
// an error reading it. Cells holds the text of an unplaced row, so that
// nothing in the input is lost.
type Problem struct {
	Severity string   `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	At       At       `json:"at"`
	Cells    []string `json:"cells,omitempty"`
	// Form is the 1-based index of the form the problem arose in, 0 when
	// it arose outside any form.
	Form int `json:"form,omitempty"`
}

// Form is one self-evaluation form.
type Form struct {
	Index               int         `json:"index"`
	At                  At          `json:"at"`
	Kind                string      `json:"kind"`
	Title               string      `json:"title"`
	Year                *int        `json:"year"`
	ProjectName         string      `json:"project_name"`
	CompetentDepartment string      `json:"competent_department"`
	ImplementingUnit    string      `json:"implementing_unit"`
	HeaderExtra         []Field     `json:"header_extra,omitempty"`
	Funds               *Funds      `json:"funds"`
	Goals               *Goals      `json:"goals"`
	Indicators          []Indicator `json:"indicators"`
	Total               *Total      `json:"total"`
	// Notes holds labelled rows that follow the indicator table, such as
	// deviation reasons given as rows after the total, or 填表人 lines.
	Notes    []Field   `json:"notes,omitempty"`
	Findings []Finding `json:"findings"`
}

// Field is a labelled value kept as written, such as an extra header field
// (项目负责人及电话, 填报日期).
type Field struct {
	Label string `json:"label"`
	Value string `json:"value"`
	At    At     `json:"at"`
}

// Funds is the 项目资金 block.
type Funds struct {
	Unit      string     `json:"unit"`
	Total     *FundsRow  `json:"total,omitempty"`
	Fiscal    *FundsRow  `json:"fiscal,omitempty"`
	Carryover *FundsRow  `json:"carryover,omitempty"`
	Other     *FundsRow  `json:"other,omitempty"`
	ExtraRows []FundsRow `json:"extra_rows,omitempty"`
}

// Rows returns the funds rows present, in the order total, fiscal,
// carryover, other, then the extra rows.
func (f *Funds) Rows() []*FundsRow {
	if f == nil {
		return nil
	}
	var rows []*FundsRow
	for _, r := range []*FundsRow{f.Total, f.Fiscal, f.Carryover, f.Other} {
		if r != nil {
			rows = append(rows, r)
		}
	}
	for i := range f.ExtraRows {
		rows = append(rows, &f.ExtraRows[i])
	}
	return rows
}

// FundsRow is one row of the funds block. Numbers are in Funds.Unit,
// except ExecutionRate, which is in percent.
type FundsRow struct {
	Label         string   `json:"label"`
	At            At       `json:"at"`
	InitialBudget *Decimal `json:"initial_budget"`
	AnnualBudget  *Decimal `json:"annual_budget"`
	Executed      *Decimal `json:"executed"`
	Weight        *Decimal `json:"weight"`
	ExecutionRate *Decimal `json:"execution_rate"`
	Score         *Decimal `json:"score"`
	// Note is a remark column (原因) where the form has one.
	Note string `json:"note,omitempty"`
}

// Goals is the 年度总体目标 block.
type Goals struct {
	Planned  string `json:"planned"`
	Achieved string `json:"achieved"`
	At       At     `json:"at"`
	// Adjusted is the 全年(调整)绩效目标 where a form has one.
	Adjusted string `json:"adjusted,omitempty"`
}

// Indicator is one row of the performance indicator table.
type Indicator struct {
	At           At       `json:"at"`
	Level1       string   `json:"level1"`
	Level1Weight *Decimal `json:"level1_weight,omitempty"`
	Level2       string   `json:"level2"`
	Level2Weight *Decimal `json:"level2_weight,omitempty"`
	// Name is the 三级指标 as written; nil on a row of "/" (a class of
	// indicator that does not apply).
	Name            *string  `json:"name"`
	Target          Value    `json:"target"`
	Actual          Value    `json:"actual"`
	Weight          *Decimal `json:"weight"`
	Score           *Decimal `json:"score"`
	DeviationReason string   `json:"deviation_reason"`
	Applicable      bool     `json:"applicable"`
	Met             *bool    `json:"met"`
	Core            bool     `json:"core,omitempty"`
	// Nature is 指标性质 (定量/定性) where the form states it apart from
	// the target's operator.
	Nature string `json:"nature,omitempty"`
	// Extra holds columns that have no canonical field (调整指标值,
	// 得分系数, 复核分, 评价标准 …), by their header as written.
	Extra []Field `json:"extra,omitempty"`
}

// Total is the 总分 row.
type Total struct {
	Weight *Decimal `json:"weight"`
	Score  *Decimal `json:"score"`
	Grade  string   `json:"grade,omitempty"`
	At     At       `json:"at"`
}

// Finding is the result of a check of the form's own arithmetic or logic.
type Finding struct {
	Code     string   `json:"code"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	At       At       `json:"at"`
	Expected *Decimal `json:"expected,omitempty"`
	Found    *Decimal `json:"found,omitempty"`
}

// Value kinds.
const (
	ValueNumber  = "number"
	ValuePercent = "percent"
	ValueDate    = "date"
	ValuePeriod  = "period"
	ValueText    = "text"
	ValueNone    = "none"
)

// Operators of a target Value.
const (
	OpEq    = "="
	OpGE    = ">="
	OpLE    = "<="
	OpGT    = ">"
	OpLT    = "<"
	OpRange = "range"
)

// Value is a parsed target or actual cell. Raw is the cell as written
// (trimmed); the other fields depend on Kind.
type Value struct {
	Raw   string   `json:"raw"`
	Kind  string   `json:"kind"`
	Op    string   `json:"op,omitempty"`
	Value *Decimal `json:"value,omitempty"`
	Min   *Decimal `json:"min,omitempty"`
	Max   *Decimal `json:"max,omitempty"`
	Unit  string   `json:"unit,omitempty"`
	// UnitFrom says where a unit not written in the cell came from:
	// "name" (the indicator's name ends in it) or "column" (a separate
	// unit column, 度量单位/计量单位).
	UnitFrom string `json:"unit_from,omitempty"`
	Base     *Base  `json:"base,omitempty"`
	Approx   bool   `json:"approx,omitempty"`
	Date     string `json:"date,omitempty"`
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Text     string `json:"text,omitempty"`
}

// Base is a value restated in the plain unit where the unit carries a
// magnitude: 5.8万人 is 58000 人.
type Base struct {
	Value Decimal `json:"value"`
	Unit  string  `json:"unit"`
}
