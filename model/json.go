package model

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"
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
	if d == nil {
		return append(dst, "null"...)
	}
	e := encoder{indent: indent}
	n := 512 + 256*len(d.Problems)
	for i := range d.Forms {
		n += d.Forms[i].sizeHint()
	}
	return e.document(e.grow(dst, n), d)
}

// AppendJSON appends the canonical JSON encoding of f to dst, as
// Document.AppendJSON does for a document; the compact form (indent false)
// is one line of an NDJSON stream of forms. No newline is appended.
// A nil f is written as null.
func (f *Form) AppendJSON(dst []byte, indent bool) []byte {
	if f == nil {
		return append(dst, "null"...)
	}
	e := encoder{indent: indent}
	return e.form(e.grow(dst, f.sizeHint()), f)
}

// AppendJSON appends the JSON encoding of l to dst, as Document.AppendJSON
// does for a document: with indent false it is one line of an NDJSON
// stream, less its newline. A nil l is written as null. Problems is always
// an array, and Form null when l has none.
func (l *Line) AppendJSON(dst []byte, indent bool) []byte {
	if l == nil {
		return append(dst, "null"...)
	}
	e := encoder{indent: indent}
	n := 512 + 256*len(l.Problems)
	if l.Form != nil {
		n += l.Form.sizeHint()
	}
	return e.line(e.grow(dst, n), l)
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

// encoder holds the layout of the JSON being written: whether to indent,
// and the depth of the objects and arrays open. Its methods take the
// buffer and return it extended, like the strconv Append functions, so
// that the buffer stays in registers and is never stored through a
// pointer (such a store costs a write barrier while the garbage collector
// runs). The encoder holds no pointers, for the same reason.
type encoder struct {
	indent bool
	depth  int
}

// sizeHint estimates the length of the compact encoding of f, on the
// generous side, so that AppendJSON can make room once for the whole form:
// the forms of the samples take some 1000 bytes and 400 to 550 for each
// indicator.
func (f *Form) sizeHint() int {
	n := 1536 + 512*len(f.Indicators) + 256*len(f.Findings) + 128*(len(f.HeaderExtra)+len(f.Notes))
	if f.Goals != nil {
		n += len(f.Goals.Planned) + len(f.Goals.Achieved) + len(f.Goals.Adjusted)
	}
	return n
}

// grow makes room in b for n bytes of compact JSON, or their indented
// layout, so that appends do not copy the buffer again and again as it
// grows. A reused buffer usually has the room already.
func (e *encoder) grow(b []byte, n int) []byte {
	if e.indent {
		n += n / 2
	}
	return slices.Grow(b, n)
}

// raw appends s, a piece of compact JSON made of punctuation, keys and
// values, such as `{"index":`, `},"actual":`, `,"unit":"%"`,
// `true,"met":` or `]`: a key ends s with its colon, or a string value
// after it ends s, and a literal value such as true is followed by a
// comma or a bracket. Keys and values hold no punctuation. Brackets in s
// open or close non-empty objects and arrays; an empty one is written
// with append.
// When indenting, raw lays s out as json.Indent does: a line break after
// an opening bracket and a comma and before a closing one, and a space
// after each colon.
//
// The callers write as much as they can in one piece, so that compact
// JSON takes one append for it, but keep a piece to sixteen bytes where
// they can: the compiler copies a longer constant with a call.
func (e *encoder) raw(b []byte, s string) []byte {
	if !e.indent {
		return append(b, s...)
	}
	return e.rawIndent(b, s)
}

// nl appends a line break and the indentation of the current depth.
func (e *encoder) nl(b []byte) []byte {
	return append(b, newline[:1+2*e.depth]...)
}

// rawIndent is raw when indenting.
func (e *encoder) rawIndent(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '{', '[':
			e.depth++
			b = append(b, c)
			b = e.nl(b)
		case '}', ']':
			e.depth--
			b = e.nl(b)
			b = append(b, c)
		case ',':
			b = append(b, ',')
			b = e.nl(b)
		case '"':
			// A key, which ends s with its colon, or which a string
			// value after it ends.
			if s[len(s)-1] == ':' {
				b = append(b, s[i:]...)
				return append(b, ' ')
			}
			k := i + strings.IndexByte(s[i:], ':')
			b = append(b, s[i:k]...)
			b = append(b, ':', ' ')
			return append(b, s[k+1:]...)
		default:
			// A literal value, such as true, up to the comma or bracket
			// after it.
			n := 1
			for i+n < len(s) && s[i+n] != ',' && s[i+n] != '}' && s[i+n] != ']' {
				n++
			}
			b = append(b, s[i:i+n]...)
			i += n - 1
		}
	}
	return b
}

// decimal appends *d as a bare number, or null when d is nil or *d is not
// a JSON number.
func decimal(b []byte, d *Decimal) []byte {
	if d == nil {
		return append(b, "null"...)
	}
	return appendNumber(b, string(*d))
}

// appendNumber appends s when it is a JSON number, and null when it is
// not, as isJSONNumber decides. Most decimals have one to three
// characters ("0", "10", "100", "2.5"): those are checked and appended
// here byte by byte, without the calls to check and copy them; those of
// four to eight characters without a sign or exponent ("98.75", "2021")
// are checked here in one word. isJSONNumber decides the others, and any
// string these quick checks refuse.
func appendNumber(b []byte, s string) []byte {
	switch len(s) {
	case 1:
		if c := s[0]; c-'0' < 10 {
			return append(b, c)
		}
	case 2:
		if c0, c1 := s[0], s[1]; c0-'1' < 9 && c1-'0' < 10 {
			return append(b, c0, c1)
		}
	case 3:
		c0, c1, c2 := s[0], s[1], s[2]
		if c2-'0' < 10 && (c0-'1' < 9 && c1-'0' < 10 || c0-'0' < 10 && c1 == '.') {
			return append(b, c0, c1, c2)
		}
	case 4, 5, 6, 7, 8:
		// Digits with at most one point between two of them and no
		// leading zero ("98.75", "2021"), checked in one word.
		n := len(s)
		x := uint64(load32(s)) | uint64(load32(s[n-4:]))<<(8*(n-4)&63)
		// The top bit of each of the n bytes that is not a digit.
		c := x ^ '0'*ones
		other := (c&^tops + (0x80-10)*ones | c) & (tops >> ((64 - 8*n) & 63))
		if other == 0 && s[0] != '0' {
			return append(b, s...)
		}
		// One point, neither first nor last (its top bit is at
		// 8*index+7, from 15 to 8*n-9), and "0" alone before it.
		p := bits.TrailingZeros64(other)
		if other&(other-1) == 0 && byte(x>>(p-7&63)) == '.' && uint(p-15) < uint(8*n-23) &&
			(s[0] != '0' || p == 15) {
			return append(b, s...)
		}
	}
	if !isJSONNumber(s) {
		return append(b, "null"...)
	}
	return append(b, s...)
}

// appendBool appends true or false.
func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// appendInt appends n in decimal. The ints of a Document (positions,
// indexes, years) are small and positive: those below 10000 are written
// here, two digits at a time, without the general case of strconv.
func appendInt(b []byte, n int) []byte {
	switch u := uint(n); {
	case u < 10:
		return append(b, byte('0'+u))
	case u < 100:
		return append(b, pairs[2*u], pairs[2*u+1])
	case u < 1000:
		lo := u % 100 * 2
		return append(b, byte('0'+u/100), pairs[lo], pairs[lo+1])
	case u < 10000:
		hi, lo := u/100*2, u%100*2
		return append(b, pairs[hi], pairs[hi+1], pairs[lo], pairs[lo+1])
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// pairs holds the two decimal digits of each number below 100.
const pairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"

func (e *encoder) strings(b []byte, ss []string) []byte {
	if len(ss) == 0 {
		return append(b, "[]"...)
	}
	b = e.raw(b, "[")
	for i, s := range ss {
		if i > 0 {
			b = e.raw(b, ",")
		}
		b = appendString(b, s)
	}
	return e.raw(b, "]")
}

func (e *encoder) document(b []byte, d *Document) []byte {
	b = e.raw(b, `{"schema":`)
	b = appendString(b, d.Schema)
	b = e.raw(b, `,"source":`)
	b = e.source(b, &d.Source)
	b = e.raw(b, `,"status":`)
	b = appendString(b, d.Status)
	b = e.raw(b, `,"forms":`)
	if len(d.Forms) == 0 {
		b = append(b, "[]"...)
	} else {
		b = e.raw(b, "[")
		for i := range d.Forms {
			if i > 0 {
				b = e.raw(b, ",")
			}
			b = e.form(b, &d.Forms[i])
		}
		b = e.raw(b, "]")
	}
	b = e.raw(b, `,"problems":`)
	b = e.problems(b, d.Problems)
	return e.raw(b, "}")
}

func (e *encoder) line(b []byte, l *Line) []byte {
	b = e.raw(b, `{"schema":`)
	b = appendString(b, l.Schema)
	b = e.raw(b, `,"source":`)
	b = e.source(b, &l.Source)
	b = e.raw(b, `,"status":`)
	b = appendString(b, l.Status)
	b = e.raw(b, `,"form":`)
	if l.Form == nil {
		b = append(b, "null"...)
	} else {
		b = e.form(b, l.Form)
	}
	b = e.raw(b, `,"problems":`)
	b = e.problems(b, l.Problems)
	return e.raw(b, "}")
}

// problems appends ps as an array, [] when it is empty.
func (e *encoder) problems(b []byte, ps []Problem) []byte {
	if len(ps) == 0 {
		return append(b, "[]"...)
	}
	b = e.raw(b, "[")
	for i := range ps {
		if i > 0 {
			b = e.raw(b, ",")
		}
		b = e.problem(b, &ps[i])
	}
	return e.raw(b, "]")
}

func (e *encoder) source(b []byte, s *Source) []byte {
	b = e.raw(b, `{"path":`)
	b = appendString(b, s.Path)
	b = e.raw(b, `,"format":`)
	b = appendString(b, s.Format)
	if s.Encoding != "" {
		b = e.raw(b, `,"encoding":`)
		b = appendString(b, s.Encoding)
	}
	b = e.raw(b, `,"sha256":`)
	b = appendString(b, s.SHA256)
	if s.Entry != "" {
		b = e.raw(b, `,"entry":`)
		b = appendString(b, s.Entry)
	}
	return e.raw(b, "}")
}

func (e *encoder) problem(b []byte, p *Problem) []byte {
	b = e.raw(b, `{"severity":`)
	b = appendString(b, p.Severity)
	b = e.raw(b, `,"code":`)
	b = appendString(b, p.Code)
	b = e.raw(b, `,"message":`)
	b = appendString(b, p.Message)
	b = e.raw(b, `,"at":`)
	b = e.at(b, &p.At)
	if len(p.Cells) > 0 {
		b = e.raw(b, `,"cells":`)
		b = e.strings(b, p.Cells)
	}
	if p.Form != 0 {
		b = e.raw(b, `,"form":`)
		b = appendInt(b, p.Form)
	}
	return e.raw(b, "}")
}

// at appends a, leaving out the fields that are zero.
func (e *encoder) at(b []byte, a *At) []byte {
	if a.Table|a.Row|a.Col|a.Paragraph == 0 {
		switch {
		case a.Line == 0:
			return append(b, "{}"...)
		case !e.indent:
			// A line alone, the position of text input.
			b = append(b, `{"line":`...)
			b = appendInt(b, a.Line)
			return append(b, '}')
		}
	}
	// Each member is written after a comma, and the first comma then
	// becomes the opening brace: when indenting, both are followed by a
	// line break and the indentation of the members.
	open := len(b)
	if e.indent {
		e.depth++
	}
	if a.Line != 0 {
		b = e.raw(b, `,"line":`)
		b = appendInt(b, a.Line)
	}
	if a.Table != 0 {
		b = e.raw(b, `,"table":`)
		b = appendInt(b, a.Table)
	}
	if a.Row != 0 {
		b = e.raw(b, `,"row":`)
		b = appendInt(b, a.Row)
	}
	if a.Col != 0 {
		b = e.raw(b, `,"col":`)
		b = appendInt(b, a.Col)
	}
	if a.Paragraph != 0 {
		b = e.raw(b, `,"paragraph":`)
		b = appendInt(b, a.Paragraph)
	}
	b[open] = '{'
	return e.raw(b, "}")
}

func (e *encoder) form(b []byte, f *Form) []byte {
	b = e.raw(b, `{"index":`)
	b = appendInt(b, f.Index)
	b = e.raw(b, `,"at":`)
	b = e.at(b, &f.At)
	b = e.raw(b, `,"kind":`)
	b = appendString(b, f.Kind)
	b = e.raw(b, `,"title":`)
	b = appendString(b, f.Title)
	b = e.raw(b, `,"year":`)
	if f.Year == nil {
		b = append(b, "null"...)
	} else {
		b = appendInt(b, *f.Year)
	}
	b = e.raw(b, `,"project_name":`)
	b = appendString(b, f.ProjectName)
	b = e.raw(b, `,"competent_department":`)
	b = appendString(b, f.CompetentDepartment)
	b = e.raw(b, `,"implementing_unit":`)
	b = appendString(b, f.ImplementingUnit)
	if len(f.HeaderExtra) > 0 {
		b = e.raw(b, `,"header_extra":`)
		b = e.fields(b, f.HeaderExtra)
	}
	b = e.raw(b, `,"funds":`)
	if f.Funds == nil {
		b = append(b, "null"...)
	} else {
		b = e.funds(b, f.Funds)
	}
	b = e.raw(b, `,"goals":`)
	if f.Goals == nil {
		b = append(b, "null"...)
	} else {
		b = e.goals(b, f.Goals)
	}
	b = e.raw(b, `,"indicators":`)
	if len(f.Indicators) == 0 {
		b = append(b, "[]"...)
	} else {
		b = e.raw(b, "[")
		for i := range f.Indicators {
			if i > 0 {
				b = e.raw(b, ",")
			}
			b = e.indicator(b, &f.Indicators[i])
		}
		b = e.raw(b, "]")
	}
	b = e.raw(b, `,"total":`)
	if f.Total == nil {
		b = append(b, "null"...)
	} else {
		b = e.total(b, f.Total)
	}
	if len(f.Notes) > 0 {
		b = e.raw(b, `,"notes":`)
		b = e.fields(b, f.Notes)
	}
	b = e.raw(b, `,"findings":`)
	if len(f.Findings) == 0 {
		b = append(b, "[]"...)
	} else {
		b = e.raw(b, "[")
		for i := range f.Findings {
			if i > 0 {
				b = e.raw(b, ",")
			}
			b = e.finding(b, &f.Findings[i])
		}
		b = e.raw(b, "]")
	}
	return e.raw(b, "}")
}

// fields appends a non-empty list of fields (callers omit an empty one).
func (e *encoder) fields(b []byte, fs []Field) []byte {
	b = e.raw(b, "[")
	for i := range fs {
		if i > 0 {
			b = e.raw(b, ",")
		}
		b = e.raw(b, `{"label":`)
		b = appendString(b, fs[i].Label)
		b = e.raw(b, `,"value":`)
		b = appendString(b, fs[i].Value)
		b = e.raw(b, `,"at":`)
		b = e.at(b, &fs[i].At)
		b = e.raw(b, "}")
	}
	return e.raw(b, "]")
}

func (e *encoder) funds(b []byte, f *Funds) []byte {
	b = e.raw(b, `{"unit":`)
	b = appendString(b, f.Unit)
	if f.Total != nil {
		b = e.raw(b, `,"total":`)
		b = e.fundsRow(b, f.Total)
	}
	if f.Fiscal != nil {
		b = e.raw(b, `,"fiscal":`)
		b = e.fundsRow(b, f.Fiscal)
	}
	if f.Carryover != nil {
		b = e.raw(b, `,"carryover":`)
		b = e.fundsRow(b, f.Carryover)
	}
	if f.Other != nil {
		b = e.raw(b, `,"other":`)
		b = e.fundsRow(b, f.Other)
	}
	if len(f.ExtraRows) > 0 {
		b = e.raw(b, `,"extra_rows":`)
		b = e.raw(b, "[")
		for i := range f.ExtraRows {
			if i > 0 {
				b = e.raw(b, ",")
			}
			b = e.fundsRow(b, &f.ExtraRows[i])
		}
		b = e.raw(b, "]")
	}
	return e.raw(b, "}")
}

func (e *encoder) fundsRow(b []byte, r *FundsRow) []byte {
	b = e.raw(b, `{"label":`)
	b = appendString(b, r.Label)
	b = e.raw(b, `,"at":`)
	b = e.at(b, &r.At)
	b = e.raw(b, `,"initial_budget":`)
	b = decimal(b, r.InitialBudget)
	b = e.raw(b, `,"annual_budget":`)
	b = decimal(b, r.AnnualBudget)
	b = e.raw(b, `,"executed":`)
	b = decimal(b, r.Executed)
	b = e.raw(b, `,"weight":`)
	b = decimal(b, r.Weight)
	b = e.raw(b, `,"execution_rate":`)
	b = decimal(b, r.ExecutionRate)
	b = e.raw(b, `,"score":`)
	b = decimal(b, r.Score)
	if r.Note != "" {
		b = e.raw(b, `,"note":`)
		b = appendString(b, r.Note)
	}
	return e.raw(b, "}")
}

func (e *encoder) goals(b []byte, g *Goals) []byte {
	b = e.raw(b, `{"planned":`)
	b = appendString(b, g.Planned)
	b = e.raw(b, `,"achieved":`)
	b = appendString(b, g.Achieved)
	b = e.raw(b, `,"at":`)
	b = e.at(b, &g.At)
	if g.Adjusted != "" {
		b = e.raw(b, `,"adjusted":`)
		b = appendString(b, g.Adjusted)
	}
	return e.raw(b, "}")
}

func (e *encoder) indicator(b []byte, in *Indicator) []byte {
	b = e.raw(b, `{"at":`)
	b = e.at(b, &in.At)
	b = e.raw(b, `,"level1":`)
	b = appendString(b, in.Level1)
	if in.Level1Weight != nil {
		b = e.raw(b, `,"level1_weight":`)
		b = decimal(b, in.Level1Weight)
	}
	b = e.raw(b, `,"level2":`)
	b = appendString(b, in.Level2)
	if in.Level2Weight != nil {
		b = e.raw(b, `,"level2_weight":`)
		b = decimal(b, in.Level2Weight)
	}
	b = e.raw(b, `,"name":`)
	if in.Name == nil {
		b = append(b, "null"...)
	} else {
		b = appendString(b, *in.Name)
	}
	b = e.raw(b, `,"target":`)
	b = e.value(b, &in.Target)
	b = e.raw(b, `},"actual":`)
	b = e.value(b, &in.Actual)
	b = e.raw(b, `},"weight":`)
	b = decimal(b, in.Weight)
	b = e.raw(b, `,"score":`)
	b = decimal(b, in.Score)
	b = e.raw(b, `,"deviation_reason":`)
	b = appendString(b, in.DeviationReason)
	b = e.raw(b, `,"applicable":`)
	if in.Applicable {
		b = e.raw(b, `true,"met":`)
	} else {
		b = e.raw(b, `false,"met":`)
	}
	if in.Met == nil {
		b = append(b, "null"...)
	} else {
		b = appendBool(b, *in.Met)
	}
	if in.Core {
		b = e.raw(b, `,"core":`)
		b = append(b, "true"...)
	}
	if in.Nature != "" {
		b = e.raw(b, `,"nature":`)
		b = appendString(b, in.Nature)
	}
	if len(in.Extra) > 0 {
		b = e.raw(b, `,"extra":`)
		b = e.fields(b, in.Extra)
	}
	return e.raw(b, "}")
}

// value appends v, less the brace that closes it, which the caller
// writes with the key that follows.
func (e *encoder) value(b []byte, v *Value) []byte {
	b = e.raw(b, `{"raw":`)
	b = appendString(b, v.Raw)
	b = e.kind(b, v.Kind)
	if v.Op != "" {
		b = e.op(b, v.Op)
	}
	if v.Value != nil {
		b = e.raw(b, `,"value":`)
		b = decimal(b, v.Value)
	}
	if v.Min != nil {
		b = e.raw(b, `,"min":`)
		b = decimal(b, v.Min)
	}
	if v.Max != nil {
		b = e.raw(b, `,"max":`)
		b = decimal(b, v.Max)
	}
	if v.Unit == "%" {
		b = e.raw(b, `,"unit":"%"`) // the unit of most values
	} else if v.Unit != "" {
		b = e.raw(b, `,"unit":`)
		b = appendString(b, v.Unit)
	}
	if v.UnitFrom != "" {
		b = e.raw(b, `,"unit_from":`)
		b = appendString(b, v.UnitFrom)
	}
	if v.Base != nil {
		b = e.raw(b, `,"base":`)
		b = e.raw(b, `{"value":`)
		b = decimal(b, &v.Base.Value)
		b = e.raw(b, `,"unit":`)
		b = appendString(b, v.Base.Unit)
		b = e.raw(b, "}")
	}
	if v.Approx {
		b = e.raw(b, `,"approx":`)
		b = append(b, "true"...)
	}
	if v.Date != "" {
		b = e.raw(b, `,"date":`)
		b = appendString(b, v.Date)
	}
	if v.From != "" {
		b = e.raw(b, `,"from":`)
		b = appendString(b, v.From)
	}
	if v.To != "" {
		b = e.raw(b, `,"to":`)
		b = appendString(b, v.To)
	}
	if v.Text != "" {
		b = e.raw(b, `,"text":`)
		b = appendString(b, v.Text)
	}
	return b
}

func (e *encoder) total(b []byte, t *Total) []byte {
	b = e.raw(b, `{"weight":`)
	b = decimal(b, t.Weight)
	b = e.raw(b, `,"score":`)
	b = decimal(b, t.Score)
	if t.Grade != "" {
		b = e.raw(b, `,"grade":`)
		b = appendString(b, t.Grade)
	}
	b = e.raw(b, `,"at":`)
	b = e.at(b, &t.At)
	return e.raw(b, "}")
}

func (e *encoder) finding(b []byte, f *Finding) []byte {
	b = e.raw(b, `{"code":`)
	b = appendString(b, f.Code)
	b = e.raw(b, `,"severity":`)
	b = appendString(b, f.Severity)
	b = e.raw(b, `,"message":`)
	b = appendString(b, f.Message)
	b = e.raw(b, `,"at":`)
	b = e.at(b, &f.At)
	if f.Expected != nil {
		b = e.raw(b, `,"expected":`)
		b = decimal(b, f.Expected)
	}
	if f.Found != nil {
		b = e.raw(b, `,"found":`)
		b = decimal(b, f.Found)
	}
	return e.raw(b, "}")
}

// kind appends the member "kind" of a Value, writing the kinds of the
// Value constants, most frequent first, with their key in one piece where
// that is no longer than raw copies without a call.
func (e *encoder) kind(b []byte, k string) []byte {
	switch {
	case k == ValuePercent:
		b = e.raw(b, `,"kind":`)
		return append(b, `"percent"`...)
	case k == ValueNumber:
		return e.raw(b, `,"kind":"number"`)
	case k == ValueNone:
		return e.raw(b, `,"kind":"none"`)
	case k == ValueText:
		return e.raw(b, `,"kind":"text"`)
	case k == ValueDate:
		return e.raw(b, `,"kind":"date"`)
	case k == ValuePeriod:
		return e.raw(b, `,"kind":"period"`)
	}
	b = e.raw(b, `,"kind":`)
	return appendString(b, k)
}

// op appends the member "op" of a Value, writing the operators of the Op
// constants with their key in one piece.
func (e *encoder) op(b []byte, op string) []byte {
	switch {
	case op == OpEq:
		return e.raw(b, `,"op":"="`)
	case op == OpGE:
		return e.raw(b, `,"op":">="`)
	case op == OpLE:
		return e.raw(b, `,"op":"<="`)
	case op == OpGT:
		return e.raw(b, `,"op":">"`)
	case op == OpLT:
		return e.raw(b, `,"op":"<"`)
	case op == OpRange:
		return e.raw(b, `,"op":"range"`)
	}
	b = e.raw(b, `,"op":`)
	return appendString(b, op)
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
	case s[i]-'1' < 9:
		i++
		for i < len(s) && s[i]-'0' < 10 {
			i++
		}
	default:
		return false
	}
	if i == len(s) {
		return true // an integer, the common case
	}
	if s[i] == '.' {
		i++
		j := i
		for i < len(s) && s[i]-'0' < 10 {
			i++
		}
		if i == j {
			return false
		}
		if i == len(s) {
			return true
		}
	}
	if s[i] == 'e' || s[i] == 'E' {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := i
		for i < len(s) && s[i]-'0' < 10 {
			i++
		}
		if i == j {
			return false
		}
	}
	return i == len(s)
}

const hex = "0123456789abcdef"

// ones and tops hold a one in each byte of a word, and the top bit of
// each byte.
const ones, tops = 0x0101010101010101, 0x8080808080808080

// safe marks the ASCII bytes that a JSON string holds as they are: all
// but control characters, the quote and the backslash.
var safe = [utf8.RuneSelf]bool{
	' ': true, '!': true, '#': true, '$': true, '%': true, '&': true, '\'': true,
	'(': true, ')': true, '*': true, '+': true, ',': true, '-': true, '.': true, '/': true,
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true,
	'8': true, '9': true, ':': true, ';': true, '<': true, '=': true, '>': true, '?': true,
	'@': true, 'A': true, 'B': true, 'C': true, 'D': true, 'E': true, 'F': true, 'G': true,
	'H': true, 'I': true, 'J': true, 'K': true, 'L': true, 'M': true, 'N': true, 'O': true,
	'P': true, 'Q': true, 'R': true, 'S': true, 'T': true, 'U': true, 'V': true, 'W': true,
	'X': true, 'Y': true, 'Z': true, '[': true, ']': true, '^': true, '_': true,
	'`': true, 'a': true, 'b': true, 'c': true, 'd': true, 'e': true, 'f': true, 'g': true,
	'h': true, 'i': true, 'j': true, 'k': true, 'l': true, 'm': true, 'n': true, 'o': true,
	'p': true, 'q': true, 'r': true, 's': true, 't': true, 'u': true, 'v': true, 'w': true,
	'x': true, 'y': true, 'z': true, '{': true, '|': true, '}': true, '~': true, '\u007f': true,
}

// appendString appends s as a JSON string, escaped exactly as
// encoding/json escapes it with HTML escaping off: the quote, the
// backslash and control characters; U+2028 and U+2029; and each byte of
// invalid UTF-8 as \ufffd.
//
// Most strings need none of that. appendString first checks that s is
// plain, reading it a word at a time: runs of safe ASCII eight bytes at a
// time, three-byte sequences (CJK text) two at a time, and two-byte
// sequences (such as × and °) one at a time. The last bytes, fewer than
// eight, are read as one word with zeros after them, which cut short a
// sequence before them. A plain string is then appended whole: one of
// fewer than sixteen bytes from the words that hold it, a longer one by
// a copy. Any other string goes to escapeString. Nothing is written past
// the end of the result, as with append.
func appendString(b []byte, s string) []byte {
	n := len(s)
	i := 0
	for n-i >= 8 {
		x := load64(s[i:])
		if plain6(x) {
			i += 6
			// A run of CJK text, then, twelve bytes at a time.
			for n-i >= 14 && plain12(load64(s[i:]), load64(s[i+6:])) {
				i += 12
			}
			continue
		}
		if plain3(x) {
			i += 3
			continue
		}
		m := unsafeASCII(x)
		if m == 0 {
			i += 8
			continue
		}
		if m&0x80 != 0 {
			// A byte at i that needs escaping or validating, but for
			// a two-byte sequence (such as × and °).
			if plain2(x) {
				i += 2
				continue
			}
			return escapeString(b, s)
		}
		i += bits.TrailingZeros64(m) / 8
	}
	// tail holds the last bytes of s: the last eight, or all of a
	// shorter s, with zeros after them.
	var tail uint64
	switch {
	case n >= 8:
		tail = load64(s[n-8:])
	case n >= 4:
		tail = uint64(load32(s)) | uint64(load32(s[n-4:]))<<(8*(n-4)&63)
	case n > 0:
		tail = uint64(s[0]) | uint64(s[n/2])<<(8*(n/2)&63) | uint64(s[n-1])<<(8*(n-1)&63)
	}
	// The r bytes left, fewer than eight, are checked in x, where the
	// zeros after them are control characters, and cut short any
	// sequence before them.
	r := n - i
	x := tail >> (8 * (8 - r) & 63)
	if n < 8 {
		x = tail
	}
	for r > 0 {
		if x&0x80 == 0 {
			// ASCII first (most short strings are, as "/" and "100%"):
			// the safe bytes up to the first other one, which is past
			// the r when they are all safe.
			k := bits.TrailingZeros64(unsafeASCII(x)) / 8
			if k >= r {
				break
			}
			if k == 0 {
				return escapeString(b, s)
			}
			x >>= 8 * k & 63
			r -= k
			continue
		}
		switch {
		case plain6(x):
			x >>= 48
			r -= 6
		case plain3(x):
			x >>= 24
			r -= 3
		case plain2(x):
			x >>= 16
			r -= 2
		default:
			return escapeString(b, s)
		}
	}
	// A string of fewer than eight bytes, all in tail, is appended
	// without the call to copy it that appending s makes.
	switch x := tail; n {
	case 0:
		return append(b, '"', '"')
	case 1:
		return append(b, '"', byte(x), '"')
	case 2:
		return append(b, '"', byte(x), byte(x>>8), '"')
	case 3:
		return append(b, '"', byte(x), byte(x>>8), byte(x>>16), '"')
	case 4:
		return append(b, '"', byte(x), byte(x>>8), byte(x>>16), byte(x>>24), '"')
	case 5:
		return append(b, '"', byte(x), byte(x>>8), byte(x>>16), byte(x>>24), byte(x>>32), '"')
	case 6:
		return append(b, '"', byte(x), byte(x>>8), byte(x>>16), byte(x>>24), byte(x>>32), byte(x>>40), '"')
	case 7:
		return append(b, '"', byte(x), byte(x>>8), byte(x>>16), byte(x>>24), byte(x>>32), byte(x>>40), byte(x>>48), '"')
	}
	if n < 16 {
		// A string of eight to fifteen bytes, such as four CJK
		// characters: its first eight bytes, then the rest from tail,
		// without the call to copy it. (A shorter one is appended with
		// its quotes in one append above, which this cannot share.)
		x := load64(s)
		b = append(b, '"', byte(x), byte(x>>8), byte(x>>16), byte(x>>24), byte(x>>32), byte(x>>40), byte(x>>48), byte(x>>56))
		switch x := tail >> (8 * (16 - n) & 63); n {
		case 8:
			return append(b, '"')
		case 9:
			return append(b, byte(x), '"')
		case 10:
			return append(b, byte(x), byte(x>>8), '"')
		case 11:
			return append(b, byte(x), byte(x>>8), byte(x>>16), '"')
		case 12:
			return append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24), '"')
		case 13:
			return append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24), byte(x>>32), '"')
		case 14:
			return append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24), byte(x>>32), byte(x>>40), '"')
		default:
			return append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24), byte(x>>32), byte(x>>40), byte(x>>48), '"')
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// plain6 reports whether the six low bytes of x, in little-endian order,
// are two three-byte sequences that plain3 accepts, and whose lead bytes
// are not E2 either: it checks the common case, two CJK characters, at
// once, and leaves E2 (such as the quotes U+201C and U+201D, and U+2028)
// to plain3.
func plain6(x uint64) bool {
	return x&0xc0c0f0c0c0f0 == 0x8080e08080e0 && plainLeads[byte(x&0xf|x>>20&0xf0)]
}

// plain2 reports whether the two low bytes of x, in little-endian order,
// are a two-byte sequence of valid UTF-8 (lead byte C2–DF, then a
// continuation byte), which a JSON string holds as it is.
func plain2(x uint64) bool {
	return x&0xc0e0 == 0x80c0 && x&0x1e != 0
}

// plain12 reports whether x and y, words of a string six bytes apart,
// both hold two three-byte sequences that plain6 accepts: four CJK
// characters checked at once.
func plain12(x, y uint64) bool {
	const mask, seqs, leads = 0xc0c0f0c0c0f0, 0x8080e08080e0, 0x0f00000f
	if (x&mask^seqs)|(y&mask^seqs) != 0 {
		return false
	}
	// The low four bits of each lead byte of x, with those of y above
	// them: two indexes of plainLeads, in the low byte and the fourth.
	l := x&leads | y&leads<<4
	return plainLeads[byte(l)] && plainLeads[byte(l>>24)]
}

// plainLeads is indexed by the low four bits of two lead bytes E0–EF, the
// first in the low half of the index; it is true when neither of them is
// E0, E2 or ED.
var plainLeads = func() (t [256]bool) {
	ok := func(v int) bool { return v != 0x0 && v != 0x2 && v != 0xd }
	for i := range t {
		t[i] = ok(i&0xf) && ok(i>>4)
	}
	return t
}()

// load32 returns the first four bytes of s as a little-endian word.
func load32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// escapeString is appendString for a string that needs escaping, or that
// appendString's word checks cannot vouch for.
//
// It validates and escapes in one pass, reading the common cases a word
// at a time: runs of ASCII eight bytes at a time, and runs of three-byte
// sequences (CJK text) two at a time. The rest, such as four-byte
// sequences, invalid bytes and U+2028, go to utf8.DecodeRuneInString, as
// in encoding/json.
func escapeString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !safe[c] {
				b = append(b, s[start:i]...)
				b = appendEscape(b, c)
				i++
				start = i
				continue
			}
			i++
			for len(s)-i >= 8 {
				if m := unsafeASCII(load64(s[i:])); m != 0 {
					i += bits.TrailingZeros64(m) / 8
					break
				}
				i += 8
			}
			continue
		}
		if len(s)-i >= 8 {
			if x := load64(s[i:]); plain3(x) && plain3(x>>24) {
				i += 6
				for len(s)-i >= 8 {
					if x := load64(s[i:]); !plain3(x) || !plain3(x>>24) {
						break
					}
					i += 6
				}
				continue
			}
		}
		if len(s)-i >= 3 && plain3(uint64(c)|uint64(s[i+1])<<8|uint64(s[i+2])<<16) {
			i += 3
			continue
		}
		if len(s)-i >= 2 && c >= 0xc2 && c <= 0xdf && s[i+1]&0xc0 == 0x80 {
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			start = i + 1
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plain3 reports whether the three low bytes of x, in little-endian order,
// are a three-byte sequence of valid UTF-8 that a JSON string holds as it
// is. It accepts lead bytes E1–EC, EE and EF followed by two continuation
// bytes (10xxxxxx), but not E2 80 A8 and E2 80 A9 (U+2028 and U+2029). It
// leaves lead bytes E0 and ED, which also narrow the range of the byte
// after them, to utf8.DecodeRuneInString.
func plain3(x uint64) bool {
	const e0, ed = 1 << 0x0, 1 << 0xd
	return x&0xc0c0f0 == 0x8080e0 && (e0|ed)>>(x&0xf)&1 == 0 && x&0xfeffff != 0xa880e2
}

// load64 returns the first eight bytes of s as a little-endian word (the
// compiler makes it a single load).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// unsafeASCII returns x, eight bytes of a string read by load64, with the
// top bit set in the byte of each that is not safe ASCII: a byte of 0x80
// or above, a control character, the quote or the backslash. Bytes after
// the first such byte may be marked wrongly, but the first is marked
// exactly, so bits.TrailingZeros64 of the result is eight times its index,
// and the result is zero when all eight bytes are safe.
func unsafeASCII(x uint64) uint64 {
	ctl := (x - 0x20*ones) &^ x // < 0x20: subtracting borrows into the top bit
	q := x ^ '"'*ones           // zero where x has a quote
	bs := x ^ '\\'*ones         // zero where x has a backslash
	q = (q - ones) &^ q
	bs = (bs - ones) &^ bs
	return (x | ctl | q | bs) & tops
}

// appendEscape appends the escape of an ASCII byte that JSON strings
// cannot hold as it is.
func appendEscape(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
}
