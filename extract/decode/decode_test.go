package decode

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/jixiao/jixiao/model"
)

// sampleText is a line of a form with characters outside GB2312.
const sampleText = "项目名称\t“金保工程”①²℃"

// encoded returns sampleText in GB18030 and in UTF-16, little and big
// endian, with byte-order marks.
func encoded(t *testing.T) (gb, le, be string) {
	t.Helper()
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(sampleText)
	require.NoError(t, err)
	le, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(sampleText)
	require.NoError(t, err)
	be, err = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(sampleText)
	require.NoError(t, err)
	return gb, le, be
}

func TestBytes(t *testing.T) {
	const s = sampleText
	gb, le, be := encoded(t)
	cases := []struct {
		name, in, enc string
	}{
		{"utf-8", s, model.EncUTF8},
		{"utf-8 bom", "\xEF\xBB\xBF" + s, model.EncUTF8BOM},
		{"utf-16le", le, model.EncUTF16LE},
		{"utf-16be", be, model.EncUTF16BE},
		{"gb18030", gb, model.EncGB18030},
	}
	for _, c := range cases {
		got, enc, err := Bytes([]byte(c.in))
		require.NoError(t, err, c.name)
		assert.Equal(t, c.enc, enc, c.name)
		assert.Equal(t, s, got, c.name)
	}
	// Bytes that are neither UTF-8 nor GB18030 are an error, not a guess.
	_, enc, err := Bytes([]byte("\x81\x30\xff\xff"))
	assert.ErrorIs(t, err, ErrUndecodable)
	assert.Equal(t, model.EncGB18030, enc)
}

// TestView: View gives what Bytes gives, and for UTF-8 (with or without
// a byte-order mark) shares b's memory instead of copying it.
func TestView(t *testing.T) {
	const s = sampleText
	gb, le, _ := encoded(t)
	cases := []struct {
		name, in string
		shared   bool
	}{
		{"utf-8", s, true},
		{"utf-8 bom", "\xEF\xBB\xBF" + s, true},
		{"empty", "", true},
		{"bom only", "\xEF\xBB\xBF", true},
		{"utf-16le", le, false},
		{"gb18030", gb, false},
		{"bad utf-8 after a bom", "\xEF\xBB\xBF\xff项目", false},
		{"neither", "\x81\x30\xff\xff", false},
	}
	for _, c := range cases {
		b := []byte(c.in)
		want, wantEnc, wantErr := Bytes(b)
		got, enc, err := View(b)
		assert.Equal(t, want, got, c.name)
		assert.Equal(t, wantEnc, enc, c.name)
		assert.Equal(t, wantErr, err, c.name)
		if c.shared && len(got) > 0 {
			assert.Same(t, &b[len(b)-len(got)], unsafe.StringData(got), "%s: shares b", c.name)
			b[len(b)-1] = 'x'
			assert.Equal(t, byte('x'), got[len(got)-1], "%s: a change to b shows", c.name)
		}
	}
}

// FuzzView holds View to Bytes.
func FuzzView(f *testing.F) {
	f.Add([]byte("\xEF\xBB\xBF项目"))
	f.Add([]byte("\xFF\xFE\x79\x98"))
	f.Add([]byte("\x81\x30\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		want, wantEnc, wantErr := Bytes(b)
		got, enc, err := View(b)
		require.Equal(t, want, got)
		require.Equal(t, wantEnc, enc)
		require.Equal(t, wantErr, err)
	})
}

func TestLabel(t *testing.T) {
	for label, want := range map[string]string{
		"UTF-8": model.EncUTF8, " gb2312 ": model.EncGB18030, "GBK": model.EncGB18030,
		"gb18030": model.EncGB18030, "utf-16": model.EncUTF16LE, "big5": "",
	} {
		assert.Equal(t, want, Label(label), label)
	}
}

func FuzzBytes(f *testing.F) {
	f.Add([]byte("\xEF\xBB\xBF项目"))
	f.Add([]byte("\xFF\xFE\x79\x98"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, enc, err := Bytes(b)
		require.Contains(t, []string{model.EncUTF8, model.EncUTF8BOM, model.EncUTF16LE, model.EncUTF16BE, model.EncGB18030}, enc)
		if err != nil {
			require.ErrorIs(t, err, ErrUndecodable)
			return
		}
		require.True(t, utf8.ValidString(s), "decoded text is UTF-8")
		if enc == model.EncUTF8 {
			require.Equal(t, string(b), s, "valid UTF-8 is kept as it is")
		}
	})
}

// FuzzValid holds valid to utf8.Valid.
func FuzzValid(f *testing.F) {
	for _, s := range []string{"", "ascii only, more than eight bytes", "中文，全角（括号）％",
		"\xe0\x80\x80", "\xed\xa0\x80", "\xef\xbf\xbf", "\xf0\x9f\x8e\x89", "a\xe4\xb8", "\xe4\xb8\xadx\xff",
		"\xc2\xa0\xe2\x80\xa8", "12345678\xe4\xb8\xad"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := valid(b), utf8.Valid(b); got != want {
			t.Fatalf("valid(%q) = %v, utf8.Valid says %v", b, got, want)
		}
	})
}

func BenchmarkValid(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "changji-2021.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.Run("valid", func(b *testing.B) {
		for b.Loop() {
			valid(raw)
		}
	})
	b.Run("utf8.Valid", func(b *testing.B) {
		for b.Loop() {
			utf8.Valid(raw)
		}
	})
}

// TestValid holds valid to utf8.Valid on hand-picked inputs and on
// strings pieced together from the kinds of sequence it tells apart, each
// piece landing at every offset of the eight-byte words valid reads.
func TestValid(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"12345678", true},
		{"项目名称\t300.00\n", true},
		{"1234567项", true},         // a character across a word boundary
		{"123456项", true},          // two continuation bytes in the next word
		{"1234567\xe9\xa1", false}, // cut short at the end
		{"123456\xe9\xa1x", false},
		{"1234567\xe9", false},
		{"\xe0\xa0\x80abcde", true},    // U+0800, lead E0
		{"\xe0\x9f\xbfabcde", false},   // overlong
		{"\xed\x9f\xbfabcde", true},    // U+D7FF, lead ED
		{"\xed\xa0\x80abcde", false},   // surrogate
		{"abcdefg\xed\xa0\x80", false}, // surrogate across a word
		{"abcdef\xe0\x80\x80", false},  // overlong across a word
		{"\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0", true},
		{"\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89", true},
		{"\xf4\x90\x80\x80abcd", false}, // past U+10FFFF
		{"\x80abcdefg", false},          // stray continuation
		{"abcdefg\x80", false},
		{"项目\x80项目", false},
		{"\xe9\xa1\xb9\xe9\xa1\xe9\xa1\xb9", false}, // lead where a continuation is due
		{"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", false},
	}
	for _, c := range cases {
		require.Equal(t, utf8.ValidString(c.in), c.want, "case %q is wrong", c.in)
		assert.Equal(t, c.want, valid([]byte(c.in)), "%q", c.in)
	}
	pieces := []string{"a", "\t", "\n", "12", "项", "目", "（", "\xe0\xa0\x80", "\xe0\x80\x80",
		"\xed\x9f\xbf", "\xed\xa0\x80", "\xc2\xa0", "\xdf\xbf", "\xf0\x9f\x8e\x89", "\xf4\x90\x80\x80",
		"\x80", "\xbf", "\xe9\xa1", "\xe9", "\xc0\x80", "\xff", "\xef\xbf\xbf", "\xe1\x80\x80"}
	rnd := rand.New(rand.NewPCG(1, 2))
	var b []byte
	for range 200000 {
		b = b[:0]
		for n := rnd.IntN(12); n > 0; n-- {
			// Mostly Chinese, as the forms are, so that a rare piece
			// lands amid words valid takes whole.
			p := pieces[4+rnd.IntN(2)]
			if rnd.IntN(4) == 0 {
				p = pieces[rnd.IntN(len(pieces))]
			}
			b = append(b, p...)
		}
		if got, want := valid(b), utf8.Valid(b); got != want {
			t.Fatalf("valid(%q) = %v, utf8.Valid says %v", b, got, want)
		}
	}
}

// TestValidBlocks holds valid to utf8.Valid on Chinese text long enough
// for its 32-byte blocks, with one odd sequence in every place: each word
// of a block, across the words and blocks, and in the tail.
func TestValidBlocks(t *testing.T) {
	odd := []string{"\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf", "\xed\xa0\x80", "\xc2\xa0",
		"\xf0\x9f\x8e\x89", "\x80", "\xe9\xa1", "\xe9", "\xff", "\t", "12"}
	for _, prefix := range []string{"", "1", "12"} {
		base := prefix + strings.Repeat("项目名称", 12) // 144 bytes on
		for _, o := range odd {
			for at := len(prefix); at <= len(base); at++ {
				b := []byte(base[:at] + o + base[at:])
				if got, want := valid(b), utf8.Valid(b); got != want {
					t.Fatalf("valid(%q) = %v, utf8.Valid says %v", b, got, want)
				}
			}
		}
	}
}
