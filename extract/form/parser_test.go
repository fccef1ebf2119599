package form

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract/table"
)

// TestParserReusesNothing feeds a Parser each row through one buffer that
// is overwritten after every call, as a streaming reader does: the forms
// must be those Parse reads from rows of their own.
func TestParserReusesNothing(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "variants", "*.rows.txt"))
	require.NotEmpty(t, files)
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		rows := rowsOf(string(b))
		wantForms, wantProblems := Parse(rows)

		p := NewParser()
		var buf table.Row
		for _, r := range rows {
			buf.At, buf.Para, buf.Table = r.At, r.Para, r.Table
			buf.Cells = append(buf.Cells[:0], r.Cells...)
			p.Row(&buf)
			for i := range buf.Cells {
				buf.Cells[i] = table.Cell{Text: "被覆盖", Col: 99}
			}
		}
		forms, problems := p.Close()
		assert.Equal(t, wantForms, forms, name)
		assert.Equal(t, wantProblems, problems, name)
	}
}

// indicatorForms writes one form a count in counts, with that many
// indicator rows, in the text-rows layout of rowsOf.
func indicatorForms(counts []int) string {
	var b strings.Builder
	for f, n := range counts {
		fmt.Fprintf(&b, "项目支出绩效自评表\n项目名称\t项目%d\n", f+1)
		b.WriteString("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n")
		for i := range n {
			fmt.Fprintf(&b, "产出指标\t数量指标\t指标%d-%d（个）\t=%d个\t%d个\t1\t1\n", f+1, i+1, i, i)
		}
		fmt.Fprintf(&b, "总分\t\t\t\t\t%d\t%d\n", n, n)
	}
	return b.String()
}

// TestIndicatorSlabs: forms of every size, beyond a slab and none at all,
// keep their own indicators, and an append to one form's cannot reach the
// next form's.
func TestIndicatorSlabs(t *testing.T) {
	counts := []int{0, 1, 31, 96, 97, slabSize - 1, slabSize, slabSize + 1, 300, 2, 0, 40, 7, 7, 7, 7, 7, 7, 7, 7, firstSlab, firstSlab + 1, 3}
	forms, _ := Parse(rowsOf(indicatorForms(counts)))
	require.Len(t, forms, len(counts))
	for f, n := range counts {
		ins := forms[f].Indicators
		require.NotNil(t, ins, "form %d", f+1)
		require.Len(t, ins, n, "form %d", f+1)
		assert.Equal(t, n, cap(ins), "form %d: its indicators end where the form does", f+1)
		for i := range ins {
			assert.Equal(t, fmt.Sprintf("指标%d-%d（个）", f+1, i+1), *ins[i].Name)
		}
	}
	for f := range forms {
		forms[f].Indicators = append(forms[f].Indicators, forms[f].Indicators...)
	}
	for f, n := range counts {
		for i := range n {
			assert.Equal(t, fmt.Sprintf("指标%d-%d（个）", f+1, i+1), *forms[f].Indicators[i].Name)
		}
	}
}

// TestParserReset reads every variant, and inputs of many indicators that
// take more slabs than a Parser keeps, with one Parser, Reset between
// inputs, in two orders: each input's forms and problems must be those of
// a new Parser, whatever the input before it left behind.
func TestParserReset(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "variants", "*.rows.txt"))
	require.NotEmpty(t, files)
	var inputs []string
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		inputs = append(inputs, string(b))
	}
	big := make([]int, 3*maxSlabs) // two forms a slab: more slabs than kept
	for i := range big {
		big[i] = slabSize/2 - i%3
	}
	inputs = append(inputs, indicatorForms(big), indicatorForms([]int{1, 0, 300, 2}), "", "项目支出绩效自评表")
	n := len(inputs)
	for i := range n {
		inputs = append(inputs, inputs[n-1-i])
	}
	p := NewParser()
	for i, in := range inputs {
		rows := rowsOf(in)
		wantForms, wantProblems := Parse(rows)
		if i > 0 {
			p.Reset()
		}
		for j := range rows {
			p.Row(&rows[j])
		}
		forms, problems := p.Close()
		require.Equal(t, wantForms, forms, "input %d", i)
		require.Equal(t, wantProblems, problems, "input %d", i)
	}
	assert.Equal(t, maxSlabs, p.m.indSlabs.Kept(), "the slabs kept")
}

// TestParserResetAllocs: a Parser that reads an input again after Reset
// allocates less than half the bytes a new one does, for forms of a few
// dozen indicators each.
func TestParserResetAllocs(t *testing.T) {
	rows := rowsOf(indicatorForms([]int{20, 25, 30, 18, 22, 40, 12, 20}))
	run := func(parse func()) uint64 {
		var before, after runtime.MemStats
		parse() // warm up
		runtime.ReadMemStats(&before)
		for range 10 {
			parse()
		}
		runtime.ReadMemStats(&after)
		return (after.TotalAlloc - before.TotalAlloc) / 10
	}
	fresh := run(func() { Parse(rows) })
	p := NewParser()
	reused := run(func() {
		p.Reset()
		for j := range rows {
			p.Row(&rows[j])
		}
		p.Close()
	})
	t.Logf("bytes allocated: new Parser %d, reused %d", fresh, reused)
	assert.Less(t, reused, fresh/2)
}

// TestIndicatorSlabsClean: a form that outgrows its slab leaves the room it
// filled there first clean for the next form, which takes it: nothing of
// the first form's indicators (★, a core indicator) shows in the next's.
func TestIndicatorSlabsClean(t *testing.T) {
	var b strings.Builder
	form := func(f, n int, star string) {
		fmt.Fprintf(&b, "项目支出绩效自评表\n项目名称\t项目%d\n", f)
		b.WriteString("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n")
		for i := range n {
			fmt.Fprintf(&b, "产出指标\t数量指标\t%s指标%d-%d\t=%d个\t%d个\t1\t1\n", star, f, i+1, i, i)
		}
		fmt.Fprintf(&b, "总分\t\t\t\t\t%d\t%d\n", n, n)
	}
	form(1, firstSlab-2, "") // nearly fills the first slab
	form(2, 20, "")          // starts the second, leaving 28
	form(3, 30, "★")         // takes those 28, and outgrows them
	form(4, slabSize/2, "")  // takes them again
	form(5, 5, "")
	p := NewParser()
	for range 2 { // and again after Reset
		rows := rowsOf(b.String())
		for i := range rows {
			p.Row(&rows[i])
		}
		forms, _ := p.Close()
		require.Len(t, forms, 5)
		for f, fm := range forms {
			for _, in := range fm.Indicators {
				assert.Equal(t, f == 2, in.Core, "form %d, %s", f+1, *in.Name)
			}
		}
		p.Reset()
	}
}
