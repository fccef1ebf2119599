package model

import (
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends the canonical JSON encoding of d to dst and returns
// the extended buffer. With indent the output is pretty-printed with a
// two-space indent; without it, it is compact.
//
// The bytes are those that a json.Encoder with SetEscapeHTML(false) (and,
// for indent, SetIndent("", "  ")) writes for d, less the newline the
// Encoder adds after each value: AppendJSON adds no trailing newline.
// There are two deliberate departures from a plain reflection encoding of
// the structs, which Document.MarshalJSON and Form.MarshalJSON share so
// that encoding/json agrees with AppendJSON:
//
//   - forms, problems, indicators and findings are always arrays: a nil
//     slice is written as [], never null;
//   - a Decimal that is not a JSON number (the empty Decimal, or one not
//     made by ParseDecimal) is written as null, where encoding/json would
//     report an error from Decimal.MarshalJSON.
//
// A nil d is written as null.
func (d *Document) AppendJSON(dst []byte, indent bool) []byte {
	e := encoder{b: dst, indent: indent}
	if d == nil {
		e.null()
		return e.b
	}
	e.document(d)
	return e.b
}

// AppendJSON appends the canonical JSON encoding of f to dst, as
// Document.AppendJSON does for a document; the compact form (indent false)
// is one line of an NDJSON stream of forms. No newline is appended.
// A nil f is written as null.
func (f *Form) AppendJSON(dst []byte, indent bool) []byte {
	e := encoder{b: dst, indent: indent}
	if f == nil {
		e.null()
		return e.b
	}
	e.form(f)
	return e.b
}

// AppendJSON appends the JSON encoding of l to dst, as Document.AppendJSON
// does for a document: with indent false it is one line of an NDJSON
// stream, less its newline. A nil l is written as null. Problems is always
// an array, and Form null when l has none.
func (l *Line) AppendJSON(dst []byte, indent bool) []byte {
	e := encoder{b: dst, indent: indent}
	if l == nil {
		e.null()
		return e.b
	}
	e.line(l)
	return e.b
}

// MarshalJSON returns the compact encoding of d made by AppendJSON, so that
// json.Marshal and a json.Encoder give the same document as AppendJSON.
// Note that json.Marshal, and an Encoder unless told SetEscapeHTML(false),
// then escape <, > and & in strings as \u003c, \u003e and \u0026; the
// canonical bytes are those of AppendJSON.
func (d Document) MarshalJSON() ([]byte, error) {
	return d.AppendJSON(nil, false), nil
}

// MarshalJSON returns the compact encoding of f made by AppendJSON. See
// Document.MarshalJSON.
func (f Form) MarshalJSON() ([]byte, error) {
	return f.AppendJSON(nil, false), nil
}

// MarshalJSON returns the compact encoding of l made by AppendJSON. See
// Document.MarshalJSON.
func (l Line) MarshalJSON() ([]byte, error) {
	return l.AppendJSON(nil, false), nil
}

// newline is a line break followed by indentation for 16 levels. The
// deepest value of a Document is at level 8 (the at of a Field in the
// extra of an Indicator); TestAppendJSONEveryField reaches it.
const newline = "\n                                "

// encoder appends JSON to b. depth counts the objects and arrays open.
type encoder struct {
	b      []byte
	indent bool
	depth  int
}

// nl starts a new line at the current depth when indenting.
func (e *encoder) nl() {
	if e.indent {
		e.b = append(e.b, newline[:1+2*e.depth]...)
	}
}

// open starts a non-empty object or array.
func (e *encoder) open(c byte) {
	e.b = append(e.b, c)
	e.depth++
}

// close ends a non-empty object or array begun by open.
func (e *encoder) close(c byte) {
	e.depth--
	e.nl()
	e.b = append(e.b, c)
}

// key writes the separator before a member (none for the first), then the
// quoted key and colon given in k, such as `"index":`.
func (e *encoder) key(k string, first bool) {
	if !first {
		e.b = append(e.b, ',')
	}
	e.nl()
	e.b = append(e.b, k...)
	if e.indent {
		e.b = append(e.b, ' ')
	}
}

// elem writes the separator before an array element.
func (e *encoder) elem(first bool) {
	if !first {
		e.b = append(e.b, ',')
	}
	e.nl()
}

func (e *encoder) null() { e.b = append(e.b, "null"...) }

func (e *encoder) int(n int) { e.b = strconv.AppendInt(e.b, int64(n), 10) }

func (e *encoder) bool(v bool) { e.b = strconv.AppendBool(e.b, v) }

func (e *encoder) string(s string) { e.b = appendString(e.b, s) }

// decimal writes d as a bare number, or null when d is not a JSON number.
func (e *encoder) decimal(d Decimal) {
	if !isJSONNumber(string(d)) {
		e.null()
		return
	}
	e.b = append(e.b, d...)
}

// decimalPtr writes *d, or null when d is nil.
func (e *encoder) decimalPtr(d *Decimal) {
	if d == nil {
		e.null()
		return
	}
	e.decimal(*d)
}

func (e *encoder) strings(ss []string) {
	if len(ss) == 0 {
		e.b = append(e.b, "[]"...)
		return
	}
	e.open('[')
	for i, s := range ss {
		e.elem(i == 0)
		e.string(s)
	}
	e.close(']')
}

func (e *encoder) document(d *Document) {
	e.open('{')
	e.key(`"schema":`, true)
	e.string(d.Schema)
	e.key(`"source":`, false)
	e.source(&d.Source)
	e.key(`"status":`, false)
	e.string(d.Status)
	e.key(`"forms":`, false)
	if len(d.Forms) == 0 {
		e.b = append(e.b, "[]"...)
	} else {
		e.open('[')
		for i := range d.Forms {
			e.elem(i == 0)
			e.form(&d.Forms[i])
		}
		e.close(']')
	}
	e.key(`"problems":`, false)
	e.problems(d.Problems)
	e.close('}')
}

func (e *encoder) line(l *Line) {
	e.open('{')
	e.key(`"schema":`, true)
	e.string(l.Schema)
	e.key(`"source":`, false)
	e.source(&l.Source)
	e.key(`"status":`, false)
	e.string(l.Status)
	e.key(`"form":`, false)
	if l.Form == nil {
		e.null()
	} else {
		e.form(l.Form)
	}
	e.key(`"problems":`, false)
	e.problems(l.Problems)
	e.close('}')
}

// problems writes ps as an array, [] when it is empty.
func (e *encoder) problems(ps []Problem) {
	if len(ps) == 0 {
		e.b = append(e.b, "[]"...)
		return
	}
	e.open('[')
	for i := range ps {
		e.elem(i == 0)
		e.problem(&ps[i])
	}
	e.close(']')
}

func (e *encoder) source(s *Source) {
	e.open('{')
	e.key(`"path":`, true)
	e.string(s.Path)
	e.key(`"format":`, false)
	e.string(s.Format)
	if s.Encoding != "" {
		e.key(`"encoding":`, false)
		e.string(s.Encoding)
	}
	e.key(`"sha256":`, false)
	e.string(s.SHA256)
	if s.Entry != "" {
		e.key(`"entry":`, false)
		e.string(s.Entry)
	}
	e.close('}')
}

func (e *encoder) problem(p *Problem) {
	e.open('{')
	e.key(`"severity":`, true)
	e.string(p.Severity)
	e.key(`"code":`, false)
	e.string(p.Code)
	e.key(`"message":`, false)
	e.string(p.Message)
	e.key(`"at":`, false)
	e.at(p.At)
	if len(p.Cells) > 0 {
		e.key(`"cells":`, false)
		e.strings(p.Cells)
	}
	if p.Form != 0 {
		e.key(`"form":`, false)
		e.int(p.Form)
	}
	e.close('}')
}

func (e *encoder) at(a At) {
	if a == (At{}) {
		e.b = append(e.b, "{}"...)
		return
	}
	e.open('{')
	first := true
	if a.Line != 0 {
		e.key(`"line":`, first)
		e.int(a.Line)
		first = false
	}
	if a.Table != 0 {
		e.key(`"table":`, first)
		e.int(a.Table)
		first = false
	}
	if a.Row != 0 {
		e.key(`"row":`, first)
		e.int(a.Row)
		first = false
	}
	if a.Col != 0 {
		e.key(`"col":`, first)
		e.int(a.Col)
		first = false
	}
	if a.Paragraph != 0 {
		e.key(`"paragraph":`, first)
		e.int(a.Paragraph)
	}
	e.close('}')
}

func (e *encoder) form(f *Form) {
	e.open('{')
	e.key(`"index":`, true)
	e.int(f.Index)
	e.key(`"at":`, false)
	e.at(f.At)
	e.key(`"kind":`, false)
	e.string(f.Kind)
	e.key(`"title":`, false)
	e.string(f.Title)
	e.key(`"year":`, false)
	if f.Year == nil {
		e.null()
	} else {
		e.int(*f.Year)
	}
	e.key(`"project_name":`, false)
	e.string(f.ProjectName)
	e.key(`"competent_department":`, false)
	e.string(f.CompetentDepartment)
	e.key(`"implementing_unit":`, false)
	e.string(f.ImplementingUnit)
	if len(f.HeaderExtra) > 0 {
		e.key(`"header_extra":`, false)
		e.fields(f.HeaderExtra)
	}
	e.key(`"funds":`, false)
	if f.Funds == nil {
		e.null()
	} else {
		e.funds(f.Funds)
	}
	e.key(`"goals":`, false)
	if f.Goals == nil {
		e.null()
	} else {
		e.goals(f.Goals)
	}
	e.key(`"indicators":`, false)
	if len(f.Indicators) == 0 {
		e.b = append(e.b, "[]"...)
	} else {
		e.open('[')
		for i := range f.Indicators {
			e.elem(i == 0)
			e.indicator(&f.Indicators[i])
		}
		e.close(']')
	}
	e.key(`"total":`, false)
	if f.Total == nil {
		e.null()
	} else {
		e.total(f.Total)
	}
	if len(f.Notes) > 0 {
		e.key(`"notes":`, false)
		e.fields(f.Notes)
	}
	e.key(`"findings":`, false)
	if len(f.Findings) == 0 {
		e.b = append(e.b, "[]"...)
	} else {
		e.open('[')
		for i := range f.Findings {
			e.elem(i == 0)
			e.finding(&f.Findings[i])
		}
		e.close(']')
	}
	e.close('}')
}

// fields writes a non-empty list of fields (callers omit an empty one).
func (e *encoder) fields(fs []Field) {
	e.open('[')
	for i := range fs {
		e.elem(i == 0)
		e.open('{')
		e.key(`"label":`, true)
		e.string(fs[i].Label)
		e.key(`"value":`, false)
		e.string(fs[i].Value)
		e.key(`"at":`, false)
		e.at(fs[i].At)
		e.close('}')
	}
	e.close(']')
}

func (e *encoder) funds(f *Funds) {
	e.open('{')
	e.key(`"unit":`, true)
	e.string(f.Unit)
	if f.Total != nil {
		e.key(`"total":`, false)
		e.fundsRow(f.Total)
	}
	if f.Fiscal != nil {
		e.key(`"fiscal":`, false)
		e.fundsRow(f.Fiscal)
	}
	if f.Carryover != nil {
		e.key(`"carryover":`, false)
		e.fundsRow(f.Carryover)
	}
	if f.Other != nil {
		e.key(`"other":`, false)
		e.fundsRow(f.Other)
	}
	if len(f.ExtraRows) > 0 {
		e.key(`"extra_rows":`, false)
		e.open('[')
		for i := range f.ExtraRows {
			e.elem(i == 0)
			e.fundsRow(&f.ExtraRows[i])
		}
		e.close(']')
	}
	e.close('}')
}

func (e *encoder) fundsRow(r *FundsRow) {
	e.open('{')
	e.key(`"label":`, true)
	e.string(r.Label)
	e.key(`"at":`, false)
	e.at(r.At)
	e.key(`"initial_budget":`, false)
	e.decimalPtr(r.InitialBudget)
	e.key(`"annual_budget":`, false)
	e.decimalPtr(r.AnnualBudget)
	e.key(`"executed":`, false)
	e.decimalPtr(r.Executed)
	e.key(`"weight":`, false)
	e.decimalPtr(r.Weight)
	e.key(`"execution_rate":`, false)
	e.decimalPtr(r.ExecutionRate)
	e.key(`"score":`, false)
	e.decimalPtr(r.Score)
	if r.Note != "" {
		e.key(`"note":`, false)
		e.string(r.Note)
	}
	e.close('}')
}

func (e *encoder) goals(g *Goals) {
	e.open('{')
	e.key(`"planned":`, true)
	e.string(g.Planned)
	e.key(`"achieved":`, false)
	e.string(g.Achieved)
	e.key(`"at":`, false)
	e.at(g.At)
	if g.Adjusted != "" {
		e.key(`"adjusted":`, false)
		e.string(g.Adjusted)
	}
	e.close('}')
}

func (e *encoder) indicator(in *Indicator) {
	e.open('{')
	e.key(`"at":`, true)
	e.at(in.At)
	e.key(`"level1":`, false)
	e.string(in.Level1)
	if in.Level1Weight != nil {
		e.key(`"level1_weight":`, false)
		e.decimal(*in.Level1Weight)
	}
	e.key(`"level2":`, false)
	e.string(in.Level2)
	if in.Level2Weight != nil {
		e.key(`"level2_weight":`, false)
		e.decimal(*in.Level2Weight)
	}
	e.key(`"name":`, false)
	if in.Name == nil {
		e.null()
	} else {
		e.string(*in.Name)
	}
	e.key(`"target":`, false)
	e.value(&in.Target)
	e.key(`"actual":`, false)
	e.value(&in.Actual)
	e.key(`"weight":`, false)
	e.decimalPtr(in.Weight)
	e.key(`"score":`, false)
	e.decimalPtr(in.Score)
	e.key(`"deviation_reason":`, false)
	e.string(in.DeviationReason)
	e.key(`"applicable":`, false)
	e.bool(in.Applicable)
	e.key(`"met":`, false)
	if in.Met == nil {
		e.null()
	} else {
		e.bool(*in.Met)
	}
	if in.Core {
		e.key(`"core":`, false)
		e.bool(true)
	}
	if in.Nature != "" {
		e.key(`"nature":`, false)
		e.string(in.Nature)
	}
	if len(in.Extra) > 0 {
		e.key(`"extra":`, false)
		e.fields(in.Extra)
	}
	e.close('}')
}

func (e *encoder) value(v *Value) {
	e.open('{')
	e.key(`"raw":`, true)
	e.string(v.Raw)
	e.key(`"kind":`, false)
	e.string(v.Kind)
	if v.Op != "" {
		e.key(`"op":`, false)
		e.string(v.Op)
	}
	if v.Value != nil {
		e.key(`"value":`, false)
		e.decimal(*v.Value)
	}
	if v.Min != nil {
		e.key(`"min":`, false)
		e.decimal(*v.Min)
	}
	if v.Max != nil {
		e.key(`"max":`, false)
		e.decimal(*v.Max)
	}
	if v.Unit != "" {
		e.key(`"unit":`, false)
		e.string(v.Unit)
	}
	if v.UnitFrom != "" {
		e.key(`"unit_from":`, false)
		e.string(v.UnitFrom)
	}
	if v.Base != nil {
		e.key(`"base":`, false)
		e.open('{')
		e.key(`"value":`, true)
		e.decimal(v.Base.Value)
		e.key(`"unit":`, false)
		e.string(v.Base.Unit)
		e.close('}')
	}
	if v.Approx {
		e.key(`"approx":`, false)
		e.bool(true)
	}
	if v.Date != "" {
		e.key(`"date":`, false)
		e.string(v.Date)
	}
	if v.From != "" {
		e.key(`"from":`, false)
		e.string(v.From)
	}
	if v.To != "" {
		e.key(`"to":`, false)
		e.string(v.To)
	}
	if v.Text != "" {
		e.key(`"text":`, false)
		e.string(v.Text)
	}
	e.close('}')
}

func (e *encoder) total(t *Total) {
	e.open('{')
	e.key(`"weight":`, true)
	e.decimalPtr(t.Weight)
	e.key(`"score":`, false)
	e.decimalPtr(t.Score)
	if t.Grade != "" {
		e.key(`"grade":`, false)
		e.string(t.Grade)
	}
	e.key(`"at":`, false)
	e.at(t.At)
	e.close('}')
}

func (e *encoder) finding(f *Finding) {
	e.open('{')
	e.key(`"code":`, true)
	e.string(f.Code)
	e.key(`"severity":`, false)
	e.string(f.Severity)
	e.key(`"message":`, false)
	e.string(f.Message)
	e.key(`"at":`, false)
	e.at(f.At)
	if f.Expected != nil {
		e.key(`"expected":`, false)
		e.decimal(*f.Expected)
	}
	if f.Found != nil {
		e.key(`"found":`, false)
		e.decimal(*f.Found)
	}
	e.close('}')
}

// isJSONNumber reports whether s is a number in JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i == len(s):
		return false
	case s[i] == '0':
		i++
	case s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			return false
		}
	}
	return i == len(s)
}

const hex = "0123456789abcdef"

// special marks the bytes that appendString cannot copy through unchanged
// in valid UTF-8: control characters, the quote and the backslash, and
// 0xE2, the first byte of U+2028 and U+2029.
var special = [256]bool{
	0x00: true, 0x01: true, 0x02: true, 0x03: true, 0x04: true, 0x05: true, 0x06: true, 0x07: true,
	0x08: true, 0x09: true, 0x0a: true, 0x0b: true, 0x0c: true, 0x0d: true, 0x0e: true, 0x0f: true,
	0x10: true, 0x11: true, 0x12: true, 0x13: true, 0x14: true, 0x15: true, 0x16: true, 0x17: true,
	0x18: true, 0x19: true, 0x1a: true, 0x1b: true, 0x1c: true, 0x1d: true, 0x1e: true, 0x1f: true,
	'"': true, '\\': true, 0xe2: true,
}

// appendString appends s as a JSON string, escaped exactly as
// encoding/json escapes it with HTML escaping off: the quote, the
// backslash and control characters; U+2028 and U+2029; and each byte of
// invalid UTF-8 as \ufffd.
func appendString(dst []byte, s string) []byte {
	if !utf8.ValidString(s) {
		return appendInvalidString(dst, s)
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !special[b] {
			continue
		}
		if b == 0xe2 {
			// Valid UTF-8: a lead byte 0xE2 has two continuation bytes.
			if s[i+1] != 0x80 || (s[i+2] != 0xa8 && s[i+2] != 0xa9) {
				i += 2
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[s[i+2]&0xf])
			i += 2
			start = i + 1
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = appendEscape(dst, b)
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendEscape appends the escape of an ASCII byte that JSON strings
// cannot hold as it is.
func appendEscape(dst []byte, b byte) []byte {
	switch b {
	case '\\', '"':
		return append(dst, '\\', b)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xf])
}

// appendInvalidString is appendString for text that is not valid UTF-8:
// it decodes rune by rune, as encoding/json does.
func appendInvalidString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if special[b] {
				dst = append(dst, s[start:i]...)
				dst = appendEscape(dst, b)
				start = i + 1
			}
			i++
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			start = i + size
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xf])
			start = i + size
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
