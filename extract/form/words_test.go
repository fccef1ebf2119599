package form

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/normalize"
)

// missed reports why mayBeLabel(t) false would lose something: key(t) is
// in a table, or reads as a total written in one cell or a numbered goal
// block. It returns "" when nothing is lost. (Titles do not rest on
// mayBeLabel: see titleKey.)
func missed(t string) string {
	k := key(t)
	w := newWord(k)
	switch {
	case *w != (word{key: k}):
		return "key " + k + " is in a table"
	case totalLabels[leadingLabel(k)]:
		return "key " + k + " starts with a total label"
	case goalLabels[strings.TrimRight(k, "0123456789")] != "":
		return "key " + k + " is a numbered goal block"
	}
	return ""
}

// labelVariants returns every table key as forms write it: with notes,
// colons, 其中, full-width brackets and letter spacing.
func labelVariants() []string {
	var keys []string
	for k := range anyLabel {
		keys = append(keys, k)
	}
	for k := range sectionLabels {
		keys = append(keys, k)
	}
	var out []string
	for _, k := range keys {
		spaced := strings.Join(strings.Split(k, ""), " ")
		out = append(out, k, spaced, k+"：", k+":", "其中："+k, "其中"+k, "：其中"+k, k+"（万元）", k+"(分)",
			"　"+k, k+"100", k+"2(40分)", "附件1"+k)
	}
	return append(out, "项目支出绩效自评表", "２０２１年度项目支出绩效自评表", "部门整体支出绩效评价得分表", "总分10096", "自评总分：95")
}

// TestMayBeLabel holds the filter to its promise: a text it turns away has
// a key that no table holds, and is no title and no total.
func TestMayBeLabel(t *testing.T) {
	texts := labelVariants()
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "changji-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, strings.Split(string(raw), "\n")...)
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "variants", "*.rows.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.FieldsFunc(string(b), func(r rune) bool { return r == '\t' || r == '\n' })...)
	}
	rejected := 0
	for _, s := range texts {
		tx := normalize.Text(s)
		if tx == "" || mayBeLabel(tx) {
			continue
		}
		rejected++
		if why := missed(tx); why != "" {
			t.Errorf("mayBeLabel(%q) = false, but %s", tx, why)
		}
	}
	// The filter must earn its keep: most of the sample's cells are data.
	if rejected < 1500 {
		t.Errorf("mayBeLabel turned away %d texts, want most of the sample's 3,000 cells", rejected)
	}
}

// FuzzMayBeLabel: whatever the text, turning it away loses nothing.
func FuzzMayBeLabel(f *testing.F) {
	for _, s := range labelVariants() {
		f.Add(s)
	}
	f.Add("硬件、软件维护数量（个）")
	f.Add(">=95%")
	f.Fuzz(func(t *testing.T, s string) {
		tx := normalize.Text(s)
		if tx == "" || mayBeLabel(tx) {
			return
		}
		if why := missed(tx); why != "" {
			t.Errorf("mayBeLabel(%q) = false, but %s", tx, why)
		}
	})
}

// TestColumnIndex: every indicator column a header can name has its place
// in rowCells.
func TestColumnIndex(t *testing.T) {
	for header, name := range indicatorColumns {
		if columnIndex(name) < 0 {
			t.Errorf("column %s (header %s) has no columnIndex", name, header)
		}
	}
	assert.Equal(t, -1, columnIndex(""))
}

func TestColonIndex(t *testing.T) {
	for _, s := range []string{"", "a", "a:b", "名称：x", "名称：x:y", "a:名称：", "：", ":", "无冒号"} {
		assert.Equal(t, strings.IndexAny(s, ":："), colonIndex(s), "%q", s)
	}
}

// TestKnownWords: a known word is what the memo would have made.
func TestKnownWords(t *testing.T) {
	assert.Greater(t, len(knownWords), 150) // nearly every key of the tables
	for text, w := range knownWords {
		assert.Equal(t, *newWord(key(text)), *w, "%q", text)
	}
}

// FuzzRune3 holds rune3 to utf8.DecodeRuneInString: the same rune where
// that reads a rune of three bytes, -1 for anything else.
func FuzzRune3(f *testing.F) {
	for _, s := range []string{"", "a", "年度", "\xe5\xb9", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbd", "\xe5\xb9\xb4x", "𠀀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, n := utf8.DecodeRuneInString(s)
		if n != 3 { // an invalid byte reads as U+FFFD of width 1
			want = -1
		}
		if got := rune3(s); got != want {
			t.Fatalf("rune3(%q) = %d, want %d", s, got, want)
		}
	})
}

// TestWordsKeepCopies: the memo outlives an input read in place, so what
// it keeps must not change when that input's memory is overwritten; and a
// full memo starts again empty.
func TestWordsKeepCopies(t *testing.T) {
	texts := []string{"年初预算数（万元）", "项目名称：", "产出指标（50分）", "数量指标（30分）", "其中：财政拨款"}
	ws := newWords()
	var bufs [][]byte
	want := map[string]*word{}
	for _, s := range texts {
		b := []byte(s)
		bufs = append(bufs, b)
		want[s] = ws.of(unsafe.String(&b[0], len(b)))
	}
	assert.GreaterOrEqual(t, len(ws.memo), 3, "texts kept")
	for _, b := range bufs {
		for i := range b {
			b[i] = 'x'
		}
	}
	for k, e := range ws.memo {
		assert.Contains(t, texts, k, "a key of the memo changed")
		assert.Equal(t, k, e.text, "the memo's text of %s", k)
		assert.Equal(t, key(k), e.w.key, "the word of %s changed", k)
	}
	slots := 0
	for _, e := range ws.recent {
		if e.w != nil {
			slots++
			assert.Contains(t, texts, e.text, "a text of recent changed")
			assert.Equal(t, key(e.text), e.w.key, "the word of %s changed", e.text)
		}
	}
	assert.Positive(t, slots, "recent holds texts")
	for _, s := range texts {
		assert.Same(t, want[s], ws.of(s), "%s is found again", s)
	}

	for i := range maxWords + 10 {
		ws.of("产出指标" + strconv.Itoa(i))
	}
	assert.LessOrEqual(t, len(ws.memo), maxWords)
	assert.Greater(t, len(ws.memo), 0)
}

// TestWordsRecent: a text is given the same word whether it is found in
// recent, in knownWords or in the memo, and texts that share a slot of
// recent push each other out without mixing their words.
func TestWordsRecent(t *testing.T) {
	var texts []string
	for k := range anyLabel {
		texts = append(texts, k, k+"（万元）", k+"：", "其中："+k)
	}
	slices.Sort(texts)
	ws := newWords()
	fresh := map[string]*word{}
	for _, s := range texts {
		fresh[s] = ws.of(s)
	}
	// More texts than slots, so that some share one: those are read
	// again after others have taken their slot.
	require.Greater(t, len(texts), wordSlots)
	assert.Same(t, noWord, ws.of(""), "the word of no text")
	for range 2 {
		for _, s := range texts {
			w := ws.of(s)
			require.Same(t, fresh[s], w, "the word of %s", s)
			if w != noWord {
				require.Equal(t, key(s), w.key, "the key of %s", s)
			}
		}
	}
}
