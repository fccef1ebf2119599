package form

import "strings"

// findYear finds the first year in s as yearIn does, without a regexp:
// the match [start, end) of `[(（]?\s*((?:19|20)\d\d)\s*年(?:度)?\s*[)）]?`
// and the year in it, or ok false. It runs on every title; the regexp's
// unanchored search cost more than the rest of reading the title.
func findYear(s string) (start, end, year int, ok bool) {
	if !strings.Contains(s, "年") {
		return 0, 0, 0, false
	}
	for p := 0; p < len(s); p++ {
		if end, year, ok := matchYear(s, p); ok {
			return p, end, year, true
		}
	}
	return 0, 0, 0, false
}

// isYear reports whether s is a year and nothing else, as yearRe matches.
func isYear(s string) bool {
	end, _, ok := matchYear(s, 0)
	return ok && end == len(s)
}

// matchYear matches the year pattern of findYear at s[p:], taking each
// optional part when it is there, as the regexp's greedy match does.
func matchYear(s string, p int) (end, year int, ok bool) {
	q := p
	q += openBracket(s[q:])
	q = skipSpace(s, q)
	if q+4 > len(s) || !(s[q] == '1' && s[q+1] == '9' || s[q] == '2' && s[q+1] == '0') ||
		!isDigit(s[q+2]) || !isDigit(s[q+3]) {
		return 0, 0, false
	}
	year = atoi(s[q : q+4])
	q = skipSpace(s, q+4)
	if !strings.HasPrefix(s[q:], "年") {
		return 0, 0, false
	}
	q += len("年")
	if strings.HasPrefix(s[q:], "度") {
		q += len("度")
	}
	q = skipSpace(s, q)
	q += closeBracket(s[q:])
	return q, year, true
}

// openBracket returns the length of the opening bracket s starts with, 0
// for none.
func openBracket(s string) int {
	switch {
	case strings.HasPrefix(s, "("):
		return 1
	case strings.HasPrefix(s, "（"):
		return len("（")
	}
	return 0
}

// closeBracket returns the length of the closing bracket s starts with, 0
// for none.
func closeBracket(s string) int {
	switch {
	case strings.HasPrefix(s, ")"):
		return 1
	case strings.HasPrefix(s, "）"):
		return len("）")
	}
	return 0
}

// skipSpace returns the offset of the first byte at or after i in s that
// is not \s of a regexp: TAB, LF, FF, CR or space.
func skipSpace(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '\t', '\n', '\f', '\r', ' ':
			i++
			continue
		}
		break
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
