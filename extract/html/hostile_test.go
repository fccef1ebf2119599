package html

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// bounded runs f and fails when it takes more than d or allocates more
// than mem bytes.
func bounded(t *testing.T, d time.Duration, mem uint64, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	assert.Less(t, took, d*slowdown, "time")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, mem, "bytes allocated")
}

func TestDeepNesting(t *testing.T) {
	const depth = 200000
	tests := []struct {
		name string
		body string
		want []string
	}{{
		name: "divs",
		body: "<p>标题</p>" + strings.Repeat("<div>", depth) + "深处" + strings.Repeat("</div>", depth) +
			"<table><tr><td>a</td><td>b</td></tr></table>",
		want: []string{"p1: 标题", "p2: 深处", "t1r1: 0:a | 1:b"},
	}, {
		name: "spans in a cell",
		body: "<table><tr><td>" + strings.Repeat("<span><b>", depth/2) + "x" + "</td><td rowspan=2>y</td></tr><tr><td>z</td></tr></table>",
		want: []string{"t1r1: 0:x | 1:y", "t1r2: 0:z | ~1"},
	}, {
		name: "unclosed fonts",
		body: "<table><tr><td>a</td></tr></table>" + strings.Repeat("<font>字", depth),
		want: []string{"t1r1: 0:a", "p1: " + strings.Repeat("字", depth)},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bounded(t, 5*time.Second, 1<<30, func() {
				res, err := Read([]byte(page(tt.body)))
				require.NoError(t, err)
				assert.Equal(t, tt.want, show(res.Rows))
				require.Len(t, res.Problems, 1)
				assert.Equal(t, "html.flattened", res.Problems[0].Code)
			})
		})
	}

	t.Run("tables", func(t *testing.T) {
		body := strings.Repeat("<table><tr><td>", depth) + "x"
		bounded(t, 5*time.Second, 1<<30, func() {
			res, err := Read([]byte(page(body)))
			assert.Nil(t, res)
			assert.EqualError(t, err, ": html: open stack of elements exceeds 512 nodes")
			var te *table.Error
			assert.True(t, errors.As(err, &te))
		})
	})

	t.Run("tables nested just under the parser's limit", func(t *testing.T) {
		const tables = 120 // 4 open elements each, and html and body
		body := strings.Repeat("<table><tr><td>", tables) + "x" + strings.Repeat("</td><td>y</td></tr></table>", tables)
		res, err := Read([]byte(page(body)))
		require.NoError(t, err)
		assert.Equal(t, []string{"t1r1: 0:x" + strings.Repeat("\ty", tables-1) + " | 1:y"}, show(res.Rows))
		assert.Empty(t, res.Problems)
	})

	t.Run("just under the parser's limit", func(t *testing.T) {
		body := "<table><tr><td>" + strings.Repeat("<div>", 400) + "x" + strings.Repeat("</div>", 400) + "</td></tr></table>"
		res, err := Read([]byte(page(body)))
		require.NoError(t, err)
		assert.Equal(t, []string{"t1r1: 0:x"}, show(res.Rows))
		assert.Empty(t, res.Problems)
	})
}

func TestHugeCell(t *testing.T) {
	big := strings.Repeat("资金 ", 20<<20/7) // 20 MiB
	want := strings.TrimSpace(big)
	bounded(t, 5*time.Second, 1<<30, func() {
		res, err := Read([]byte(page("<table><tr><td>a</td><td>" + big + "</td></tr></table>")))
		require.NoError(t, err)
		require.Len(t, res.Rows, 1)
		require.Len(t, res.Rows[0].Cells, 2)
		assert.True(t, res.Rows[0].Cells[1].Text == want)
		assert.Equal(t, model.At{Table: 1, Row: 1, Col: 2}, res.Rows[0].Cells[1].At)
	})
}

func TestHugeSpans(t *testing.T) {
	body := `<table><tr><td colspan="99999" rowspan="99999">a</td><td colspan=1000>b</td></tr><tr><td>c</td></tr></table>`
	res, err := Read([]byte(page(body)))
	require.NoError(t, err)
	assert.Equal(t, []string{"t1r1: 0+1000:a | 1000+1000:b", "t1r2: ~0+1000 | 1000:c"}, show(res.Rows))
}
