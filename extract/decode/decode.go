// Package decode turns the bytes of a text or HTML input into UTF-8 and
// names the encoding it found. It never guesses with a statistical
// detector: a byte-order mark decides first, then valid UTF-8, then
// GB18030 (the superset of GBK and GB2312 that Chinese Windows writes).
package decode

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/jixiao/jixiao/model"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// ErrUndecodable is returned when the bytes are neither UTF-8 nor GB18030.
var ErrUndecodable = errors.New("not UTF-8, UTF-16 or GB18030 text")

// BOM reports the encoding a byte-order mark at the start of b names, and
// the mark's length; "" and 0 when there is none.
func BOM(b []byte) (enc string, n int) {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		return model.EncUTF8BOM, 3
	case bytes.HasPrefix(b, bomUTF16LE):
		return model.EncUTF16LE, 2
	case bytes.HasPrefix(b, bomUTF16BE):
		return model.EncUTF16BE, 2
	}
	return "", 0
}

// Bytes decodes b: by its byte-order mark, else as UTF-8 when it is valid
// UTF-8, else as GB18030. It returns the text (without the mark) and the
// encoding's name as model.Enc* gives it.
func Bytes(b []byte) (string, string, error) {
	if enc, n := BOM(b); enc != "" {
		s, err := With(enc, b[n:])
		return s, enc, err
	}
	if valid(b) {
		return string(b), model.EncUTF8, nil
	}
	s, err := With(model.EncGB18030, b)
	return s, model.EncGB18030, err
}

// View is Bytes without a copy of UTF-8 input: the text of valid UTF-8,
// with or without a byte-order mark, is b itself (after the mark) seen as a
// string, so b must not change while that text, or any string cut from
// it, is in use. Other encodings are decoded into memory of their own, as
// Bytes does.
func View(b []byte) (string, string, error) {
	enc, n := BOM(b)
	if (enc == "" || enc == model.EncUTF8BOM) && valid(b[n:]) {
		if enc == "" {
			enc = model.EncUTF8
		}
		return unsafe.String(unsafe.SliceData(b[n:]), len(b)-n), enc, nil
	}
	if enc != "" {
		s, err := With(enc, b[n:])
		return s, enc, err
	}
	s, err := With(model.EncGB18030, b)
	return s, model.EncGB18030, err
}

// With decodes b (without a byte-order mark) in the named encoding, one of
// the model.Enc* names. GB18030 input that does not decode cleanly is an
// error, so that binary data is not passed off as text.
func With(enc string, b []byte) (string, error) {
	var e encoding.Encoding
	switch enc {
	case model.EncUTF8, model.EncUTF8BOM:
		if !valid(b) {
			return strings.ToValidUTF8(string(b), "\uFFFD"), ErrUndecodable
		}
		return string(b), nil
	case model.EncUTF16LE:
		e = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case model.EncUTF16BE:
		e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case model.EncGB18030:
		e = simplifiedchinese.GB18030
	default:
		return "", errors.New("unknown encoding " + enc)
	}
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	s := string(out)
	if enc == model.EncGB18030 && strings.ContainsRune(s, utf8.RuneError) {
		return s, ErrUndecodable
	}
	return s, nil
}

// Label maps a charset label as found in an HTML <meta> or an HTTP header
// to a model.Enc* name: gb2312, gbk, gb18030 and their aliases all decode
// as GB18030. It returns "" for a label it does not handle.
func Label(label string) string {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "unicode-1-1-utf-8":
		return model.EncUTF8
	case "gb2312", "gbk", "gb18030", "cp936", "x-gbk", "csgb2312", "chinese",
		"iso-ir-58", "csiso58gb231280", "windows-936", "ms936", "euc-cn":
		return model.EncGB18030
	case "utf-16le":
		return model.EncUTF16LE
	case "utf-16be":
		return model.EncUTF16BE
	case "utf-16":
		return model.EncUTF16LE
	}
	return ""
}
