package normalize

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
)

// checkArena holds a's methods to the package's functions on s, with name
// as the indicator name, and each number they return to a pointer of its
// own, never one handed out before (seen).
func checkArena(t *testing.T, a *Arena, seen map[*model.Decimal]bool, s, name string) {
	t.Helper()
	fresh := func(fn string, ds ...*model.Decimal) {
		t.Helper()
		for _, d := range ds {
			if d == nil {
				continue
			}
			if seen[d] {
				t.Fatalf("%s(%q) hands out a decimal twice", fn, s)
			}
			seen[d] = true
		}
	}
	num := func(fn string, got *model.Decimal, gok bool, want *model.Decimal, wok bool) {
		t.Helper()
		if gok != wok || decString(got) != decString(want) {
			t.Fatalf("Arena.%s(%q) = %s, %v; want %s, %v", fn, s, decString(got), gok, decString(want), wok)
		}
		fresh(fn, got)
	}
	d, ok := a.Number(s)
	wd, wok := Number(s)
	num("Number", d, ok, wd, wok)
	d, ok = a.Rate(s)
	wd, wok = Rate(s)
	num("Rate", d, ok, wd, wok)
	for _, u := range tableUnits {
		d, ok = a.Amount(s, u)
		wd, wok = Amount(s, u)
		num("Amount", d, ok, wd, wok)
	}
	v, w := a.Value(s, name), Value(s, name)
	require.Equal(t, w, v, "Arena.Value(%q, %q)", s, name)
	fresh("Value", v.Value, v.Min, v.Max)
	var to model.Value
	a.ValueTo(&to, s, name)
	require.Equal(t, w, to, "Arena.ValueTo(%q, %q)", s, name)
	fresh("ValueTo", to.Value, to.Min, to.Max)
	for _, target := range metTargets {
		m, wm := a.Met(target, v), Met(target, w)
		require.Equal(t, wm, m, "Arena.Met(%+v, %+v)", target, v)
		m, wm = a.Met(v, target), Met(w, target)
		require.Equal(t, wm, m, "Arena.Met(%+v, %+v)", v, target)
	}
}

// metTargets are values checkArena compares the values it parses with.
var metTargets = []model.Value{
	Value(">=95%", ""), Value("<=300万元", ""), Value("2021年12月", ""), Value("20个", ""),
}

// TestArena runs the arena over the corpus of the equivalence tests.
func TestArena(t *testing.T) {
	var a Arena
	seen := map[*model.Decimal]bool{}
	cells := corpus(t)
	for _, s := range cells {
		checkArena(t, &a, seen, s, "")
		checkArena(t, &a, seen, s, "数量（%）")
	}
	assert.Greater(t, len(seen), 1000, "numbers handed out")
}

// TestArenaRate: Rate rewrites its number in place (0.9875 → 98.75),
// which must reach no other number of the slab.
func TestArenaRate(t *testing.T) {
	var a Arena
	one, _ := a.Number("1")
	r, _ := a.Rate("0.9875")
	two, _ := a.Number("2")
	assert.Equal(t, model.Decimal("1"), *one)
	assert.Equal(t, model.Decimal("98.75"), *r)
	assert.Equal(t, model.Decimal("2"), *two)
	v := a.Value("3.5万人", "")
	require.NotNil(t, v.Base)
	assert.Equal(t, model.Base{Value: "35000", Unit: "人"}, *v.Base)
	assert.Equal(t, model.Decimal("3.5"), *v.Value)
}

// TestArenaAllocs: numbers from an Arena cost an allocation a slab, the
// package's functions one each.
func TestArenaAllocs(t *testing.T) {
	var a Arena
	for _, s := range []string{"10", "9.88分", ">=95%", "90%-100%"} {
		got := testing.AllocsPerRun(1000, func() {
			a.Number(s)
			a.Value(s, "")
		})
		assert.Less(t, got, 0.1, "Arena, %q", s)
	}
	got := testing.AllocsPerRun(1000, func() { Number("10") })
	assert.Equal(t, 1.0, got, "Number")
	// Dates, periods, numbers with a base in the plain unit and the
	// results of Met cost no allocation either.
	target := Value("<=300万元", "")
	for _, s := range []string{"2021年12月31日", "2021年1月-12月", "296.26万元", "3.5万人"} {
		got := testing.AllocsPerRun(1000, func() {
			a.Met(target, a.Value(s, ""))
		})
		assert.Less(t, got, 0.1, "Arena, %q", s)
	}
}

// TestArenaText: the digits an Arena writes stay as they are after Reset,
// unlike its numbers, and after its text buffer fills.
func TestArenaText(t *testing.T) {
	var a Arena
	short := a.Value("3.5万人", "").Base.Value
	long := a.Value("1"+strings.Repeat("0", 2*textSlab)+"亿元", "").Base.Value
	a.Reset()
	for i := range 2 * textSlab {
		a.Value(strconv.Itoa(i)+".25万元", "")
	}
	assert.Equal(t, model.Decimal("35000"), short)
	assert.Equal(t, model.Decimal("1"+strings.Repeat("0", 2*textSlab+8)), long)
}

// TestArenaMet: an Arena's Met gives a pointer of its own to each result.
func TestArenaMet(t *testing.T) {
	var a Arena
	target, actual := Value(">=95%", ""), Value("96%", "")
	m1, m2 := a.Met(target, actual), a.Met(target, actual)
	require.NotNil(t, m1)
	assert.True(t, *m1)
	assert.NotSame(t, m1, m2)
	assert.Nil(t, a.Met(target, Value("长期", "")))
}

func FuzzArena(f *testing.F) {
	for _, s := range seeds {
		f.Add(s, "数量（个）")
	}
	f.Fuzz(func(t *testing.T, s, name string) {
		var a Arena
		seen := map[*model.Decimal]bool{}
		checkArena(t, &a, seen, s, name)
		checkArena(t, &a, seen, s, "")
	})
}

// TestArenaReset: after Reset an Arena cuts its numbers from the slabs it
// made before, first to last, allocating none while it has them; numbers
// are right whatever was cut before; and the slabs it keeps are bounded.
func TestArenaReset(t *testing.T) {
	var a Arena
	const n = 3 * arenaSlab
	var first []*model.Decimal
	for i := range n {
		d, _ := a.Number(strconv.Itoa(i))
		first = append(first, d)
	}
	a.Reset()
	for i := range n {
		d, ok := a.Number(strconv.Itoa(n + i))
		require.True(t, ok)
		assert.Equal(t, model.Decimal(strconv.Itoa(n+i)), *d)
		assert.Same(t, first[i], d, "number %d reuses its place", i)
	}
	allocs := testing.AllocsPerRun(20, func() {
		a.Reset()
		for range n {
			a.Number("12.5")
		}
	})
	assert.Zero(t, allocs)

	a.Reset()
	d0, _ := a.Number("1") // the first of the first slab
	for range 3 * maxKept * arenaSlab {
		a.Number("1")
	}
	assert.Equal(t, maxKept, a.decs.Kept())
	a.Reset()
	d, _ := a.Number("7")
	assert.Same(t, d0, d, "the first slab again")
}
