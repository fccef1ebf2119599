package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
)

// verifyDocs returns the documents the external readers check: the test
// documents, fitted to xlsx, and 300 generated ones.
func verifyDocs() []*model.Document {
	return append(fitXLSX(testDocs()), genDocs(300)...)
}

// runJSON runs a command in dir and decodes its standard output.
func runJSON(t *testing.T, dir string, out any, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "%s %v: %s", name, args, stderr.String())
	require.NoError(t, json.Unmarshal(stdout.Bytes(), out), stdout.String())
}

// TestDuckDB reads the Parquet and CSV exports with DuckDB
// (verify/verify.mjs) and checks that its counts and sums are the ones the
// documents give.
func TestDuckDB(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; the Parquet and CSV exports are not checked with DuckDB")
	}
	if _, err := os.Stat(filepath.Join("verify", "node_modules", "@duckdb", "node-api")); err != nil {
		t.Skip("@duckdb/node-api is not installed; run npm ci in model/export/verify")
	}
	dir := t.TempDir()
	docs := verifyDocs()
	writeAll(t, "parquet", filepath.Join(dir, "parquet"), Options{}, docs)
	// Excel's byte order mark, which a reader must skip, is on.
	writeAll(t, "csv", filepath.Join(dir, "csv"), Options{Excel: true}, docs)

	var got map[string]summary
	runJSON(t, "verify", &got, node, "verify.mjs", "--parquet", filepath.Join(dir, "parquet"), "--csv", filepath.Join(dir, "csv"))
	want := summarize(docs)
	assert.Equal(t, want, got["parquet"], "parquet")
	assert.Equal(t, want, got["csv"], "csv")
	// The figures are those of the documents, not only alike.
	assert.Equal(t, 3+300, got["parquet"]["documents"].Rows)
	assert.Equal(t, 3+390, got["csv"]["forms"].Rows)
	assert.Equal(t, 5+390*12, got["csv"]["indicators"].Rows)
	met := got["csv"]["indicators"].Columns["met"]
	assert.Equal(t, 3+390*10, met.NonNull, "met is null where it cannot be judged")
	assert.Equal(t, 2+390*9, met.True)
}

// TestOpenpyxl reads the xlsx export with openpyxl
// (verify/verify_xlsx.py) and checks its counts, sums, types and layout.
func TestOpenpyxl(t *testing.T) {
	python := findPython()
	if python == "" {
		t.Skip("no python3 with openpyxl (apt-get install python3-openpyxl); the xlsx export is not checked with openpyxl")
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	docs := verifyDocs()
	writeAll(t, "xlsx", path, Options{}, docs)

	var got struct {
		XLSX   summary `json:"xlsx"`
		Layout map[string]struct {
			Freeze     string `json:"freeze"`
			BoldHeader bool   `json:"bold_header"`
		} `json:"layout"`
	}
	runJSON(t, "verify", &got, python, "verify_xlsx.py", path)

	want := summarize(docs)
	for _, tb := range tables {
		assert.Equal(t, "A2", got.Layout[tb.name].Freeze, tb.name)
		assert.True(t, got.Layout[tb.name].BoldHeader, tb.name)
		ts := got.XLSX[tb.name]
		for _, c := range tb.columns {
			cs := ts.Columns[c.name]
			if cs.NonNull > 0 {
				assert.Equal(t, pythonTypes(c.kind, cs.Types), cs.Types, "%s.%s", tb.name, c.name)
			}
			cs.Types = nil
			ts.Columns[c.name] = cs
			if cs.NonNull == 0 {
				// An empty column has no type to sum by.
				w := want[tb.name].Columns[c.name]
				w.Sum = ""
				want[tb.name].Columns[c.name] = w
			}
		}
		assert.Equal(t, want[tb.name], ts, tb.name)
	}
}

// pythonTypes returns the Python types openpyxl should give the cells of
// a column of kind k: got itself when it is right, so that a mismatch shows
// both.
func pythonTypes(k kind, got []string) []string {
	switch k {
	case kindKey, kindText:
		return []string{"str"}
	case kindInt, kindOptInt:
		return []string{"int"}
	case kindBool, kindOptBool:
		return []string{"bool"}
	}
	// openpyxl reads a number without a decimal point as an int.
	for _, typ := range got {
		if typ != "int" && typ != "float" {
			return []string{"float", "int"}
		}
	}
	return got
}

// findPython returns a python3 that can import openpyxl, or "".
func findPython() string {
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	return ""
}
