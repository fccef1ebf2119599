// Package schema holds the JSON Schema (draft 2020-12) of jixiao's
// canonical JSON, "jixiao/v1", and validates documents and NDJSON form
// lines against it.
package schema

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// JSON is the schema's text, as `jixiao schema` prints it. Its root
// describes a Document; $defs/Form describes one form and $defs/Line one
// line of an NDJSON stream of forms. Callers must not modify it.
//
//go:embed schema.json
var JSON []byte

// ID is the schema's $id.
const ID = "https://github.com/jixiao/jixiao/schema/jixiao-v1.json"

// compiled holds the document, form and line schemas, compiled on first
// use.
var compiled = sync.OnceValues(func() ([3]*jsonschema.Schema, error) {
	var out [3]*jsonschema.Schema
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSON))
	if err != nil {
		return out, fmt.Errorf("schema: reading the schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(ID, doc); err != nil {
		return out, fmt.Errorf("schema: %w", err)
	}
	for i, loc := range []string{ID, ID + "#/$defs/Form", ID + "#/$defs/Line"} {
		if out[i], err = c.Compile(loc); err != nil {
			return out, fmt.Errorf("schema: compiling %s: %w", loc, err)
		}
	}
	return out, nil
})

// Validate reports whether doc is a Document that conforms to the schema.
// The error is an *Error naming each violation by its path, or an error
// reading the JSON.
func Validate(doc []byte) error { return validate(doc, 0) }

// ValidateForm reports whether b (the JSON text of one form) is a Form
// that conforms to the schema, as Validate does for a document.
func ValidateForm(b []byte) error { return validate(b, 1) }

// ValidateLine reports whether b is one line of an NDJSON stream of forms
// (a Line: schema, source, status, form and problems) that conforms to the
// schema.
func ValidateLine(b []byte) error { return validate(b, 2) }

func validate(b []byte, which int) error {
	schemas, err := compiled()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("schema: invalid JSON: %w", err)
	}
	err = schemas[which].Validate(inst)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	e := &Error{}
	e.collect(ve, inst)
	if len(e.Violations) == 0 {
		return fmt.Errorf("schema: %w", ve)
	}
	// The library's order follows map iteration; make it stable.
	slices.SortStableFunc(e.Violations, func(a, b Violation) int { return strings.Compare(a.Path, b.Path) })
	return e
}

// Error is the list of ways a JSON text breaks the schema, ordered by path.
type Error struct {
	Violations []Violation
}

// Violation is one way a JSON text breaks the schema.
type Violation struct {
	// Path locates the offending value, as in forms[3].indicators[12].score;
	// it is empty for the whole text. For an unknown or missing key, it is
	// the key's path.
	Path string
	// Message says what is wrong, such as "got string, want number".
	Message string
}

// String returns "path: message", with "(root)" for the empty path.
func (v Violation) String() string {
	p := v.Path
	if p == "" {
		p = "(root)"
	}
	return p + ": " + v.Message
}

// Error returns the violations, one per line.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("schema: ")
	for i, v := range e.Violations {
		if i > 0 {
			b.WriteString("\n\t")
		}
		b.WriteString(v.String())
	}
	return b.String()
}

// collect appends the leaf errors of ve to e.Violations, skipping
// duplicates.
func (e *Error) collect(ve *jsonschema.ValidationError, inst any) {
	p := path(inst, ve.InstanceLocation)
	switch ve.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		e.collectAlternatives(ve, inst, p)
		return
	}
	if len(ve.Causes) > 0 {
		for _, c := range ve.Causes {
			e.collect(c, inst)
		}
		return
	}
	switch k := ve.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		for _, name := range k.Properties {
			e.add(Violation{Path: joinKey(p, name), Message: "unknown property"})
		}
		return
	case *kind.Required:
		for _, name := range k.Missing {
			e.add(Violation{Path: joinKey(p, name), Message: "missing property"})
		}
		return
	}
	// The library prints a leaf as "at '<pointer>': <message>"; with no
	// location the prefix is fixed.
	leaf := *ve
	leaf.InstanceLocation = nil
	msg := strings.TrimPrefix(leaf.Error(), "at '': ")
	e.add(Violation{Path: p, Message: msg})
}

// collectAlternatives reports the failure of anyOf or oneOf. The branches
// that failed only for the type of the value itself (null in {"anyOf":
// [{"$ref": ...}, {"type": "null"}]}) say nothing useful when another
// branch got further, so only the others are reported; when every branch
// failed for the type, the wanted types are joined into one violation.
func (e *Error) collectAlternatives(ve *jsonschema.ValidationError, inst any, p string) {
	var deeper []*jsonschema.ValidationError
	var got string
	var want []string
	for _, c := range ve.Causes {
		c = unwrap(c)
		t, ok := c.ErrorKind.(*kind.Type)
		if !ok || len(c.Causes) > 0 || !slices.Equal(c.InstanceLocation, ve.InstanceLocation) {
			deeper = append(deeper, c)
			continue
		}
		got = t.Got
		want = append(want, t.Want...)
	}
	switch {
	case len(deeper) > 0:
		for _, c := range deeper {
			e.collect(c, inst)
		}
	case len(want) > 0:
		e.add(Violation{Path: p, Message: "got " + got + ", want " + strings.Join(want, " or ")})
	default:
		leaf := *ve
		leaf.InstanceLocation, leaf.Causes = nil, nil
		e.add(Violation{Path: p, Message: strings.TrimPrefix(leaf.Error(), "at '': ")})
	}
}

// unwrap skips the wrappers that a $ref or a group of keywords puts around
// a single error.
func unwrap(ve *jsonschema.ValidationError) *jsonschema.ValidationError {
	for len(ve.Causes) == 1 {
		switch ve.ErrorKind.(type) {
		case *kind.Reference, *kind.Group:
			ve = ve.Causes[0]
		default:
			return ve
		}
	}
	return ve
}

func (e *Error) add(v Violation) {
	for _, w := range e.Violations {
		if w == v {
			return
		}
	}
	e.Violations = append(e.Violations, v)
}

// path turns the JSON Pointer tokens of a location in inst, a value
// decoded by jsonschema.UnmarshalJSON, into a path such as
// forms[3].indicators[12].score: indexes of arrays in brackets, keys after
// dots, and keys that are not identifiers quoted, as in ["a.b"].
func path(inst any, tokens []string) string {
	var b strings.Builder
	v := inst
	for _, tok := range tokens {
		switch x := v.(type) {
		case []any:
			b.WriteByte('[')
			b.WriteString(tok)
			b.WriteByte(']')
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(x) {
				v = x[i]
			} else {
				v = nil
			}
		case map[string]any:
			writeKey(&b, tok)
			v = x[tok]
		default:
			writeKey(&b, tok)
			v = nil
		}
	}
	return b.String()
}

func joinKey(path, key string) string {
	var b strings.Builder
	b.WriteString(path)
	writeKey(&b, key)
	return b.String()
}

// writeKey appends .key, or ["key"] when key is not an identifier.
func writeKey(b *strings.Builder, key string) {
	if isIdent(key) {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(key)
		return
	}
	b.WriteByte('[')
	b.WriteString(strconv.Quote(key))
	b.WriteByte(']')
}

// isIdent reports whether key is ASCII letters, digits and underscores,
// not starting with a digit.
func isIdent(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == '_', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
