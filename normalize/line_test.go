package normalize

import (
	"strings"
	"testing"
)

// TestLine: Line trims what Text trims from a one-line string, white
// space of every width included, and nothing inside it.
func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"  ":               "",
		"项目名称":             "项目名称",
		" \t项目 名称\u3000":   "项目 名称",
		"\u00a0≥95%\u2003": "≥95%",
		"\v\f20个":          "20个",
		"a\tb":             "a\tb",
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzLine holds Line to Text on strings without a line break.
func FuzzLine(f *testing.F) {
	for _, s := range []string{"", " 项目名称 ", "\u3000≥95%\t", "\xe3\x80", "a\x00b \u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\r\n") {
			return
		}
		if got, want := Line(s), Text(s); got != want {
			t.Fatalf("Line(%q) = %q, Text gives %q", s, got, want)
		}
	})
}
