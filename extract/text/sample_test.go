package text

import (
	"os"
	"testing"
)

func sampleText(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("../../testdata/changji-2021.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
