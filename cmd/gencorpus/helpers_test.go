package main

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// genCorpus runs gencorpus with args into a new temporary folder and returns it.
func genCorpus(t *testing.T, args ...string) string {
	t.Helper()
	dir := t.TempDir()
	var stderr strings.Builder
	require.NoError(t, run(append(args, "-out", dir), &stderr))
	require.Contains(t, stderr.String(), "gencorpus: ")
	return dir
}

// readFile returns the file at dir/name.
func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	require.NoError(t, err)
	return b
}

// tikaForms splits a Tika text export into forms, rows and cells, on its
// own rules: a line led by a TAB starts a cell, a non-empty line without
// one continues the cell above, a blank line ends the row. A form starts
// at a row whose only cell is a title.
func tikaForms(s string) [][][]string {
	var forms [][][]string
	var rows [][]string
	var row []string
	endRow := func() {
		if row == nil {
			return
		}
		if len(row) <= 2 && strings.HasPrefix(row[0], "项目支出绩效自评表") && rows != nil {
			forms = append(forms, rows)
			rows = nil
		}
		rows = append(rows, row)
		row = nil
	}
	for line := range strings.SplitSeq(s, "\n") {
		switch {
		case strings.HasPrefix(line, "\t"):
			row = append(row, line[1:])
		case line == "":
			endRow()
		default:
			row[len(row)-1] += "\n" + line
		}
	}
	endRow()
	if rows != nil {
		forms = append(forms, rows)
	}
	return forms
}

// Row positions in a form of the text export.
const (
	rowFunds      = 5  // 年度资金总额
	rowIndicators = 13 // the first indicator
)

// cents reads "296.26", "98.75%" or "9.88分" as hundredths.
func cents(t *testing.T, s string) int64 {
	t.Helper()
	s = strings.TrimSuffix(strings.TrimSuffix(s, "%"), "分")
	f, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, "number %q", s)
	return int64(math.Round(f * 100))
}

// leadingNumber reads the number a value such as "<=300万元" holds.
func leadingNumber(t *testing.T, s string) int64 {
	t.Helper()
	s = strings.TrimLeft(s, "<>=≤≥")
	end := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	return cents(t, s[:end])
}

// flawsOf checks the arithmetic of one form of the text export and names
// each rule it breaks, in the terms of the flaws list.
func flawsOf(t *testing.T, rows [][]string) []string {
	t.Helper()
	var found []string
	total := rows[rowFunds]
	budget, executed := cents(t, total[3]), cents(t, total[4])
	weight, rate, score := cents(t, total[5]), cents(t, total[6]), cents(t, total[7])
	if want := int64(math.Round(float64(executed) * 10000 / float64(budget))); rate != want {
		found = append(found, "rate")
	}
	if want := int64(math.Round(float64(weight) * float64(executed) / float64(budget))); score != want {
		found = append(found, "funds_score")
	}
	var parts int64
	for _, r := range rows[rowFunds+1 : rowFunds+4] {
		parts += cents(t, r[3])
	}
	if parts != budget {
		found = append(found, "breakdown")
	}
	weights, scores := weight, score
	over, cost := false, false
	for _, r := range rows[rowIndicators : len(rows)-1] {
		if r[3] == "/" {
			continue
		}
		w, s := cents(t, r[6]), cents(t, r[7])
		weights += w
		scores += s
		over = over || s > w
		if r[2] == "成本指标" && strings.HasPrefix(r[4], "<=") && strings.HasSuffix(r[4], "万元") &&
			leadingNumber(t, r[5]) <= leadingNumber(t, r[4]) && s < w {
			cost = true
		}
	}
	if over {
		found = append(found, "score_over_weight")
	}
	if cost {
		found = append(found, "cost_as_positive")
	}
	if weights != 10000 {
		found = append(found, "weights")
	}
	if last := rows[len(rows)-1]; cents(t, last[2]) != scores {
		found = append(found, "total")
	}
	return found
}
