package decode

import (
	"encoding/binary"
	"unicode/utf8"
)

// valid reports whether b is valid UTF-8, as utf8.Valid does, but faster on
// the text these forms are: runs of Chinese, three bytes a character,
// between runs of ASCII. It takes ASCII eight bytes at a time and checks a
// three-byte sequence whose lead byte cannot start an overlong form or a
// surrogate (E1–EC, EE, EF) in line; anything else goes through
// utf8.DecodeRune.
func valid(b []byte) bool {
	for len(b) > 0 {
		c := b[0]
		if c < utf8.RuneSelf {
			for len(b) >= 8 && binary.LittleEndian.Uint64(b)&0x8080808080808080 == 0 {
				b = b[8:]
			}
			for len(b) > 0 && b[0] < utf8.RuneSelf {
				b = b[1:]
			}
			continue
		}
		for len(b) >= 3 && (b[0]-0xE1 <= 0xEC-0xE1 || b[0]-0xEE <= 1) && b[1]&0xC0 == 0x80 && b[2]&0xC0 == 0x80 {
			b = b[3:]
		}
		if len(b) == 0 || b[0] < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			return false
		}
		b = b[n:]
	}
	return true
}
