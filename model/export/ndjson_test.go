package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
)

func TestNDJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "forms.ndjson")
	docs := testDocs()
	writeAll(t, "ndjson", path, Options{}, docs)
	data, err := os.ReadFile(path)
	require.NoError(t, err)

	var lines []Line
	var raw []map[string]json.RawMessage
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l Line
		require.NoError(t, json.Unmarshal(sc.Bytes(), &l))
		lines = append(lines, l)
		var m map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m))
		raw = append(raw, m)
		assert.NotContains(t, sc.Text(), "\n")
	}
	require.NoError(t, sc.Err())
	require.Len(t, lines, 4, "two forms, one form, one document without forms")

	type want struct {
		path, status string
		form         int // 0 for no form
		problems     []string
	}
	wants := []want{
		{"samples/昌吉,2021.docx", "ok", 1, []string{"row.unplaced"}},
		{"samples/昌吉,2021.docx", "ok", 2, []string{"indicator.placeholder"}},
		{"batch.zip", "partial", 1, []string{"text.leftover"}},
		{"broken.html", "failed", 0, []string{"read.error"}},
	}
	for i, w := range wants {
		l := lines[i]
		assert.Equal(t, model.SchemaVersion, l.Schema)
		assert.Equal(t, w.path, l.Source.Path)
		assert.Equal(t, w.status, l.Status)
		if w.form == 0 {
			assert.Nil(t, l.Form)
			assert.Equal(t, "null", string(raw[i]["form"]))
		} else {
			require.NotNil(t, l.Form)
			assert.Equal(t, w.form, l.Form.Index)
		}
		var codes []string
		for _, p := range l.Problems {
			codes = append(codes, p.Code)
		}
		assert.Equal(t, w.problems, codes, "line %d", i+1)
	}
	assert.Equal(t, "2022/a.txt", lines[2].Source.Entry)

	// The form is the canonical Form, decimals exact and untouched.
	f := lines[0].Form
	assert.Equal(t, model.Decimal("25.95"), *f.Funds.Total.Executed)
	assert.Equal(t, model.Decimal("0.68"), *f.Indicators[0].Score)
	assert.Nil(t, f.Indicators[1].Met)
	assert.Equal(t, "说明：\"甲\",\"乙\"\n第二行", f.Indicators[1].DeviationReason)
	assert.Equal(t, model.Decimal("999999999999.999999"), *lines[2].Form.Funds.Total.InitialBudget)
	assert.Contains(t, string(data), `"initial_budget":999999999999.999999`)
	assert.Contains(t, string(data), `"met":null`)
	assert.NotContains(t, string(data), `\u003c`, "no HTML escaping of <=")

	// The key order is that of the schema.
	assert.True(t, bytes.HasPrefix(data, []byte(`{"schema":"jixiao/v1","source":{"path":"samples/昌吉,2021.docx","format":"docx","sha256":"aa11"},"status":"ok","form":{"index":1,`)))
}

func TestNDJSONOrphanProblem(t *testing.T) {
	doc := testDocs()[0]
	doc.Problems = append(doc.Problems, model.Problem{Severity: model.SevWarning, Code: "orphan", Form: 9})
	path := filepath.Join(t.TempDir(), "forms.ndjson")
	writeAll(t, "ndjson", path, Options{}, []*model.Document{doc})
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	require.Len(t, lines, 2)
	var first, second Line
	require.NoError(t, json.Unmarshal(lines[0], &first))
	require.NoError(t, json.Unmarshal(lines[1], &second))
	require.Len(t, first.Problems, 2)
	assert.Equal(t, "orphan", first.Problems[1].Code)
	require.Len(t, second.Problems, 1)
	assert.Equal(t, "indicator.placeholder", second.Problems[0].Code)
}

func TestNDJSONNoProblems(t *testing.T) {
	doc := testDocs()[1]
	doc.Problems = nil
	path := filepath.Join(t.TempDir(), "forms.ndjson")
	writeAll(t, "ndjson", path, Options{}, []*model.Document{doc})
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, bytes.HasSuffix(data, []byte(`,"problems":[]}`+"\n")), "an empty list, not null")
}

func TestNDJSONStdout(t *testing.T) {
	r, pw, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	saved := os.Stdout
	os.Stdout = pw
	w, err := New("ndjson", "-", Options{})
	os.Stdout = saved
	require.NoError(t, err)
	for _, d := range testDocs() {
		require.NoError(t, w.Write(d))
	}
	require.NoError(t, w.Close())
	// Close leaves standard output open.
	_, err = pw.WriteString("end\n")
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	data, err := io.ReadAll(r)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	require.Len(t, lines, 5)
	assert.True(t, strings.HasPrefix(lines[3], `{"schema":"jixiao/v1","source":{"path":"broken.html"`))
	assert.Equal(t, "end", lines[4])
}
