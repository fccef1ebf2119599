package diff

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Filter returns the changes whose paths no pattern in ignore matches, in
// their order, or nil when none is left. It does not modify changes.
//
// A pattern is a path, as in Change.Path, in which a key may hold the
// wildcards * (any run of characters) and ? (any one character), the
// segment * matches any one key or index, [*] any one index, and the
// segment ** any number of segments, none included. A pattern matches a
// path when it matches the path or the path of a value that contains it:
// source.path ignores source.path, and source ignores all of the source
// object; **.at ignores every at object, wherever it is; forms[*].title
// ignores the title of every form. A key written quoted, ["a.b"], is
// matched as it is, without wildcards. A pattern CheckPattern rejects
// matches nothing.
func Filter(changes []Change, ignore []string) []Change {
	var patterns [][]segment
	for _, p := range ignore {
		if segs, err := segments(p, true); err == nil {
			patterns = append(patterns, segs)
		}
	}
	var out []Change
	for _, c := range changes {
		if !ignored(c.Path, patterns) {
			out = append(out, c)
		}
	}
	return out
}

// CheckPattern reports whether p is a pattern Filter can use.
func CheckPattern(p string) error {
	_, err := segments(p, true)
	return err
}

func ignored(path string, patterns [][]segment) bool {
	if len(patterns) == 0 {
		return false
	}
	segs, err := segments(path, false)
	if err != nil {
		return false
	}
	for _, p := range patterns {
		if matchPrefix(p, segs) {
			return true
		}
	}
	return false
}

// segment is one step of a path or pattern.
type segment struct {
	text  string // the key, or the index in decimal, or "*" or "**"
	index bool   // in brackets: an array index, or [*]
	exact bool   // a quoted key, matched without wildcards
}

// segments splits a path into its steps. With pattern set, it accepts
// wildcards; * and ** are segments only there.
func segments(s string, pattern bool) ([]segment, error) {
	if s == "" {
		if pattern {
			return nil, errors.New("diff: empty pattern")
		}
		return nil, nil
	}
	var out []segment
	for i := 0; i < len(s); {
		switch {
		case s[i] == '[':
			seg, n, err := bracket(s[i:], pattern)
			if err != nil {
				return nil, fmt.Errorf("diff: bad path %q: %w", s, err)
			}
			out = append(out, seg)
			i += n
		case s[i] == '.' && i > 0:
			i++
			fallthrough
		default:
			j := i
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				j++
			}
			key := s[i:j]
			if key == "" {
				return nil, fmt.Errorf("diff: bad path %q: empty key at offset %d", s, i)
			}
			if !pattern && !isIdent(key) {
				return nil, fmt.Errorf("diff: bad path %q: key %q should be quoted", s, key)
			}
			out = append(out, segment{text: key})
			i = j
		}
	}
	return out, nil
}

// bracket reads [N], [*] or ["key"] at the start of s and returns it and
// its length.
func bracket(s string, pattern bool) (segment, int, error) {
	if strings.HasPrefix(s, `["`) {
		// Find the closing quote: the first one not escaped.
		for j := 2; j < len(s); j++ {
			switch s[j] {
			case '\\':
				j++
			case '"':
				if j+1 >= len(s) || s[j+1] != ']' {
					return segment{}, 0, errors.New(`quoted key not followed by "]"`)
				}
				key, err := strconv.Unquote(s[1 : j+1])
				if err != nil {
					return segment{}, 0, fmt.Errorf("quoted key: %w", err)
				}
				return segment{text: key, exact: true}, j + 2, nil
			}
		}
		return segment{}, 0, errors.New("unterminated quoted key")
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return segment{}, 0, errors.New(`missing "]"`)
	}
	in := s[1:end]
	if in == "*" && pattern {
		return segment{text: in, index: true}, end + 1, nil
	}
	if n, err := strconv.Atoi(in); err != nil || n < 0 || strconv.Itoa(n) != in {
		return segment{}, 0, fmt.Errorf("bad index %q", in)
	}
	return segment{text: in, index: true}, end + 1, nil
}

// matchPrefix reports whether pattern matches path or a prefix of it.
func matchPrefix(pattern, path []segment) bool {
	if len(pattern) == 0 {
		return true
	}
	p := pattern[0]
	if p.text == "**" && !p.index && !p.exact {
		for i := 0; i <= len(path); i++ {
			if matchPrefix(pattern[1:], path[i:]) {
				return true
			}
		}
		return false
	}
	if len(path) == 0 || !matchSegment(p, path[0]) {
		return false
	}
	return matchPrefix(pattern[1:], path[1:])
}

// matchSegment reports whether pattern segment p matches path segment s.
func matchSegment(p, s segment) bool {
	switch {
	case p.index:
		return s.index && (p.text == "*" || p.text == s.text)
	case p.exact:
		return !s.index && p.text == s.text
	case p.text == "*":
		return true
	}
	return !s.index && glob(p.text, s.text)
}

// glob reports whether name matches pattern, where * matches any run of
// characters and ? any one character.
func glob(pattern, name string) bool {
	// The classic iterative matcher: on a mismatch, go back to just after
	// the last star and let it swallow one more character.
	px, nx := 0, 0
	starP, starN := -1, 0
	for px < len(pattern) || nx < len(name) {
		if px < len(pattern) {
			switch c := pattern[px]; c {
			case '*':
				starP, starN = px, nx
				px++
				continue
			case '?':
				if nx < len(name) {
					_, size := utf8.DecodeRuneInString(name[nx:])
					px++
					nx += size
					continue
				}
			default:
				if nx < len(name) && name[nx] == c {
					px++
					nx++
					continue
				}
			}
		}
		if starP >= 0 && starN < len(name) {
			_, size := utf8.DecodeRuneInString(name[starN:])
			starN += size
			px, nx = starP+1, starN
			continue
		}
		return false
	}
	return true
}
