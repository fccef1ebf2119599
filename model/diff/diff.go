// Package diff compares two JSON texts value by value and reports each
// difference with its path, such as forms[3].indicators[12].score. It is
// meant for checking the canonical JSON against golden files, where a
// difference in one number must show as one line.
package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Change is one difference between two JSON texts.
type Change struct {
	// Path locates the value: keys after dots, array indexes in brackets,
	// as in forms[3].indicators[12].score or source.sha256. A key that is
	// not ASCII letters, digits and underscores (or starts with a digit)
	// is written quoted in brackets, as in ["a.b"] or ["项目"]. The path
	// of the whole text is empty.
	Path string
	// Old and New are the value's compact JSON text in the old and new
	// text, as written there; "" when the value is absent from that text.
	Old, New string
}

// JSON compares two JSON texts and returns their differences: for
// objects, key by key, in the key order of the old text and then the keys
// only the new text has; for arrays, index by index, with the elements
// beyond the shorter array reported as removed or added; where the two
// values differ in type, or are unequal scalars, the value as a whole.
// Numbers are compared as exact decimals, so 300, 300.0 and 3e2 are
// equal; strings are compared after decoding their escapes. A key that
// occurs twice in an object has the value of its last occurrence, as with
// encoding/json. The changes are nil when the texts are equal.
func JSON(old, new []byte) ([]Change, error) {
	a, err := parse(old)
	if err != nil {
		return nil, fmt.Errorf("diff: old: %w", err)
	}
	b, err := parse(new)
	if err != nil {
		return nil, fmt.Errorf("diff: new: %w", err)
	}
	var d differ
	d.compare(a, b)
	return d.changes, nil
}

// Node kinds.
const (
	kindNull = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

// node is a parsed JSON value.
type node struct {
	kind int
	raw  []byte // the value as written
	// text is the value of a scalar: "true" or "false", a number in the
	// canonical form of canonNumber, or a decoded string.
	text string
	keys []string // object keys, each once, in order of first occurrence
	vals []*node  // object values (matching keys) or array elements
	// index maps keys to positions in large objects.
	index map[string]int
}

// member returns the value of key in object n.
func (n *node) member(key string) (*node, bool) {
	if n.index != nil {
		i, ok := n.index[key]
		if !ok {
			return nil, false
		}
		return n.vals[i], true
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i], true
		}
	}
	return nil, false
}

// indexAbove is the size from which an object's keys are indexed by a map.
const indexAbove = 8

// parse reads a JSON text.
func parse(b []byte) (*node, error) {
	if !json.Valid(b) {
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("invalid JSON")
	}
	p := parser{b: b}
	return p.value(), nil
}

// parser reads JSON text already known to be valid.
type parser struct {
	b []byte
	i int
}

func (p *parser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value() *node {
	p.space()
	start := p.i
	n := &node{}
	switch c := p.b[p.i]; {
	case c == '{':
		n.kind = kindObject
		p.i++
		p.space()
		if p.b[p.i] == '}' {
			p.i++
			break
		}
		for {
			p.space()
			key := p.string()
			p.space()
			p.i++ // ':'
			v := p.value()
			if old, ok := n.member(key); ok {
				*old = *v
			} else {
				n.keys = append(n.keys, key)
				n.vals = append(n.vals, v)
				if n.index != nil {
					n.index[key] = len(n.keys) - 1
				} else if len(n.keys) > indexAbove {
					n.index = make(map[string]int)
					for i, k := range n.keys {
						n.index[k] = i
					}
				}
			}
			p.space()
			p.i++ // ',' or '}'
			if p.b[p.i-1] == '}' {
				break
			}
		}
	case c == '[':
		n.kind = kindArray
		p.i++
		p.space()
		if p.b[p.i] == ']' {
			p.i++
			break
		}
		for {
			n.vals = append(n.vals, p.value())
			p.space()
			p.i++ // ',' or ']'
			if p.b[p.i-1] == ']' {
				break
			}
		}
	case c == '"':
		n.kind = kindString
		n.text = p.string()
	case c == 't':
		n.kind, n.text = kindBool, "true"
		p.i += len("true")
	case c == 'f':
		n.kind, n.text = kindBool, "false"
		p.i += len("false")
	case c == 'n':
		n.kind = kindNull
		p.i += len("null")
	default:
		n.kind = kindNumber
		for p.i < len(p.b) && strings.IndexByte("+-0123456789.eE", p.b[p.i]) >= 0 {
			p.i++
		}
		n.text = canonNumber(string(p.b[start:p.i]))
	}
	n.raw = p.b[start:p.i]
	return n
}

// string reads a string and returns its decoded value.
func (p *parser) string() string {
	start := p.i
	p.i++
	escaped := false
	for p.b[p.i] != '"' {
		if p.b[p.i] == '\\' {
			escaped = true
			p.i++
		}
		p.i++
	}
	p.i++
	raw := p.b[start:p.i]
	if !escaped && utf8.Valid(raw) {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		// Unreachable: the text was checked.
		return string(raw)
	}
	return s
}

// canonNumber returns a JSON number in a form equal for equal values:
// an optional "-", the significant digits without leading or trailing
// zeros, "e" and the power of ten, as in "3e2" for 300, 300.0 and 3e2, or
// "0" for zero of any sign.
func canonNumber(s string) string {
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	mant, exp, _ := strings.Cut(strings.ToLower(s), "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(intPart+frac, "0")
	trimmed := strings.TrimRight(digits, "0")
	if trimmed == "" {
		return "0"
	}
	shift := int64(len(digits)-len(trimmed)) - int64(len(frac))
	var power string
	exp = strings.TrimPrefix(exp, "+")
	if len(exp) <= 15 {
		e, _ := strconv.ParseInt(exp, 10, 64) // "" is 0
		power = strconv.FormatInt(e+shift, 10)
	} else {
		e, _ := new(big.Int).SetString(exp, 10)
		power = e.Add(e, big.NewInt(shift)).String()
	}
	if neg {
		return "-" + trimmed + "e" + power
	}
	return trimmed + "e" + power
}

// differ collects the changes between two parsed texts.
type differ struct {
	path    []byte
	changes []Change
}

func (d *differ) compare(a, b *node) {
	if a.kind != b.kind {
		d.change(a, b)
		return
	}
	switch a.kind {
	case kindObject:
		n := len(d.path)
		for i, k := range a.keys {
			d.path = appendKey(d.path[:n], k)
			if v, ok := b.member(k); ok {
				d.compare(a.vals[i], v)
			} else {
				d.change(a.vals[i], nil)
			}
		}
		for i, k := range b.keys {
			if _, ok := a.member(k); !ok {
				d.path = appendKey(d.path[:n], k)
				d.change(nil, b.vals[i])
			}
		}
		d.path = d.path[:n]
	case kindArray:
		n := len(d.path)
		for i := 0; i < max(len(a.vals), len(b.vals)); i++ {
			d.path = appendIndex(d.path[:n], i)
			switch {
			case i >= len(a.vals):
				d.change(nil, b.vals[i])
			case i >= len(b.vals):
				d.change(a.vals[i], nil)
			default:
				d.compare(a.vals[i], b.vals[i])
			}
		}
		d.path = d.path[:n]
	default:
		if a.text != b.text {
			d.change(a, b)
		}
	}
}

// change records a difference at the current path; a nil node is absent.
func (d *differ) change(a, b *node) {
	d.changes = append(d.changes, Change{Path: string(d.path), Old: compact(a), New: compact(b)})
}

// compact returns n's text without insignificant space, or "" for nil.
func compact(n *node) string {
	if n == nil {
		return ""
	}
	if n.kind != kindObject && n.kind != kindArray {
		return string(n.raw)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, n.raw); err != nil {
		return string(n.raw) // unreachable: the text was checked
	}
	return buf.String()
}

// appendKey appends .key to a path, or ["key"] when key is not an
// identifier.
func appendKey(path []byte, key string) []byte {
	if isIdent(key) {
		if len(path) > 0 {
			path = append(path, '.')
		}
		return append(path, key...)
	}
	path = append(path, '[')
	path = strconv.AppendQuote(path, key)
	return append(path, ']')
}

func appendIndex(path []byte, i int) []byte {
	path = append(path, '[')
	path = strconv.AppendInt(path, int64(i), 10)
	return append(path, ']')
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
