package decode

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/jixiao/jixiao/model"
)

func TestBytes(t *testing.T) {
	const s = "项目名称\t“金保工程”①²℃"
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	require.NoError(t, err)
	le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
	require.NoError(t, err)
	be, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(s)
	require.NoError(t, err)
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
