package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/model/schema"
)

const sample = "../../testdata/changji-2021.txt"

// jixiao runs the program with args and returns its exit status, standard
// output and standard error.
func jixiao(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExtractOne(t *testing.T) {
	code, out, errs := jixiao(t, "", "extract", "--no-progress", sample)
	require.Equal(t, exitOK, code, errs)
	require.NoError(t, schema.Validate([]byte(out)))
	var doc model.Document
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Len(t, doc.Forms, 18)
	assert.Equal(t, sample, doc.Source.Path)
	assert.True(t, strings.HasPrefix(out, "{\n  \"schema\": \"jixiao/v1\",\n"), "pretty, two-space indent")
	assert.Contains(t, errs, "1 file: 1 ok, 0 partial, 0 failed; 18 forms")
}

func TestExtractNDJSON(t *testing.T) {
	code, out, errs := jixiao(t, "", "extract", "--ndjson", "../../testdata/changji-2021.txt", "../../testdata/changji-2021.docx")
	require.Equal(t, exitOK, code, errs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 36)
	var first struct {
		Source model.Source
		Form   model.Form
	}
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	assert.Equal(t, "../../testdata/changji-2021.docx", first.Source.Path, "sorted by path")
	assert.Equal(t, 1, first.Form.Index)
	for _, l := range lines {
		require.NoError(t, schema.ValidateLine([]byte(l)))
	}
}

func TestExtractToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.json")
	code, stdout, _ := jixiao(t, "", "extract", "-o", out, sample)
	require.Equal(t, exitOK, code)
	assert.Empty(t, stdout)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.NoError(t, schema.Validate(b))
}

func TestExtractStdin(t *testing.T) {
	b, err := os.ReadFile(sample)
	require.NoError(t, err)
	code, out, _ := jixiao(t, string(b), "extract", "-")
	require.Equal(t, exitOK, code)
	var doc model.Document
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "-", doc.Source.Path)
	assert.Len(t, doc.Forms, 18)
}

func TestExtractFilesFrom(t *testing.T) {
	code, out, _ := jixiao(t, sample+"\n../../testdata/changji-2021.html\n", "extract", "--ndjson", "--files-from", "-")
	require.Equal(t, exitOK, code)
	assert.Equal(t, 36, strings.Count(out, "\n"))
}

// TestExtractFolderAndZip reads a folder holding the three formats and a
// zip of them in one run.
func TestExtractFolderAndZip(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for _, ext := range []string{"txt", "docx", "html"} {
		b, err := os.ReadFile("../../testdata/changji-2021." + ext)
		require.NoError(t, err)
		name := "forms." + ext
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
		names = append(names, name)
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for _, n := range names {
		w, err := zw.Create("inner/" + n)
		require.NoError(t, err)
		b, _ := os.ReadFile(filepath.Join(dir, n))
		_, err = w.Write(b)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(filepath.Join(dir, "batch.zip"), zb.Bytes(), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.pdf"), []byte("%PDF"), 0o644))

	code, out, errs := jixiao(t, "", "extract", "--ndjson", "-j", "3", dir)
	require.Equal(t, exitOK, code, errs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 6*18)
	var prev string
	for _, l := range lines {
		var line struct {
			Source model.Source
			Form   model.Form
		}
		require.NoError(t, json.Unmarshal([]byte(l), &line))
		key := line.Source.Path + "!" + line.Source.Entry
		assert.GreaterOrEqual(t, key, prev, "deterministic order")
		prev = key
	}
	assert.Contains(t, out, `"entry":"inner/forms.docx"`)
	assert.Contains(t, errs, "6 files: 6 ok")
}

func TestExtractBadInputs(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "broken.docx")
	require.NoError(t, os.WriteFile(bad, []byte("PK\x03\x04 this is not a zip"), 0o644))
	empty := filepath.Join(dir, "empty.txt")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))

	code, out, errs := jixiao(t, "", "extract", "--ndjson", bad, empty, sample, filepath.Join(dir, "missing.txt"))
	assert.Equal(t, exitSome, code)
	assert.Contains(t, errs, "missing.txt")
	assert.Contains(t, errs, "broken.docx")
	assert.Contains(t, errs, "empty.txt")
	// The good file still comes out whole; each bad one is a failed
	// document, the missing one too.
	assert.Equal(t, 18+3, strings.Count(out, "\n"))
	assert.Contains(t, errs, "missing.txt: no such file or directory")
	assert.Contains(t, out, `"status":"failed"`)
	// Failed documents keep to the schema too.
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		require.NoError(t, schema.ValidateLine([]byte(l)), l)
	}
	random := filepath.Join(dir, "random.txt")
	require.NoError(t, os.WriteFile(random, []byte("\x81\x30\xff\xff\x81\x00\xd8\x80"), 0o644))
	code, out, errs = jixiao(t, "", "extract", random)
	assert.Equal(t, exitSome, code)
	assert.Contains(t, errs, "random.txt")
	require.NoError(t, schema.Validate([]byte(out)))
	assert.Contains(t, out, `"format": "unknown"`)
}

func TestUsage(t *testing.T) {
	cases := [][]string{
		{},
		{"frobnicate"},
		{"extract"},
		{"extract", "--bogus", sample},
		{"export", sample},
		{"export", "--format", "pdf", "--out", "x", sample},
		{"check", "--fail-on", "sometimes", sample},
		{"verify", sample},
		{"extract", "--input-format", "pdf", sample},
	}
	for _, args := range cases {
		code, _, _ := jixiao(t, "", args...)
		assert.Equal(t, exitUsage, code, "%v", args)
	}
	code, out, _ := jixiao(t, "", "help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "jixiao extract")
	code, _, errs := jixiao(t, "", "extract", "-h")
	assert.Equal(t, exitOK, code, "asking for help is no error")
	assert.Contains(t, errs, "-ndjson")
}

func TestCheck(t *testing.T) {
	code, out, _ := jixiao(t, "", "check", "--color", "never", sample)
	assert.Equal(t, exitOK, code, "the sample has warnings, not errors")
	assert.Contains(t, out, "[narrative.rate_mismatch]")
	assert.NotContains(t, out, "\x1b[")

	code, _, _ = jixiao(t, "", "check", "--fail-on", "warning", sample)
	assert.Equal(t, exitSome, code)

	code, out, _ = jixiao(t, "", "check", "--format", "json", "--color", "always", sample)
	assert.Equal(t, exitOK, code)
	var rep map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.Contains(t, rep, "summary")
}

func TestCheckConfig(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "rules.json")
	require.NoError(t, os.WriteFile(cfg, []byte(`{"rules": {"indicator": false, "narrative": false}}`), 0o644))
	code, out, errs := jixiao(t, "", "check", "--fail-on", "warning", "--config", cfg, sample)
	assert.Equal(t, exitOK, code, errs)
	assert.NotContains(t, out, "[indicator.")

	require.NoError(t, os.WriteFile(cfg, []byte(`{"rulez": {}}`), 0o644))
	code, _, errs = jixiao(t, "", "check", "--config", cfg, sample)
	assert.NotEqual(t, exitOK, code)
	assert.Contains(t, errs, "rulez")
}

func TestExport(t *testing.T) {
	for _, format := range []string{"csv", "parquet", "xlsx", "ndjson"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if format == "xlsx" {
				out += ".xlsx"
			}
			code, _, errs := jixiao(t, "", "export", "--format", format, "--out", out, sample)
			require.Equal(t, exitOK, code, errs)
			st, err := os.Stat(out)
			require.NoError(t, err)
			if st.IsDir() {
				entries, _ := os.ReadDir(out)
				assert.GreaterOrEqual(t, len(entries), 4)
			} else {
				assert.Positive(t, st.Size())
			}
		})
	}
	out := filepath.Join(t.TempDir(), "csv")
	code, _, _ := jixiao(t, "", "export", "--format", "csv", "--excel", "--out", out, sample)
	require.Equal(t, exitOK, code)
	b, err := os.ReadFile(filepath.Join(out, "indicators.csv"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")), "--excel writes the BOM")
	// 18 forms: 188 indicator rows and a header.
	assert.Equal(t, 189, bytes.Count(b, []byte("\n"))-bytes.Count(b, []byte("\n\"")))
}

func TestVerify(t *testing.T) {
	golden := t.TempDir()
	code, _, errs := jixiao(t, "", "verify", "--golden", golden, sample)
	assert.Equal(t, exitSome, code, "no golden file yet")

	code, _, errs = jixiao(t, "", "verify", "--golden", golden, "--update", sample)
	require.Equal(t, exitOK, code, errs)
	code, _, errs = jixiao(t, "", "verify", "--golden", golden, sample)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "every input matches")

	// Change one score in the golden file: verify names the field.
	path := filepath.Join(golden, "changji-2021.txt.json")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	b = bytes.Replace(b, []byte(`"score": 99.81`), []byte(`"score": 99.8`), 1)
	require.NoError(t, os.WriteFile(path, b, 0o644))
	code, out, _ := jixiao(t, "", "verify", "--golden", golden, sample)
	assert.Equal(t, exitSome, code)
	assert.Contains(t, out, "forms[0].total.score")
	assert.Contains(t, out, "99.8")
	assert.Contains(t, out, "99.81")
}

func TestSchemaCommand(t *testing.T) {
	code, out, _ := jixiao(t, "", "schema")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, string(schema.JSON), out)
}
