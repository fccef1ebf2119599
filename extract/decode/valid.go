package decode

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// Masks of the SWAR (SIMD within a register) tests in check: one byte
// repeated eight times in a uint64.
const (
	highs = 0x8080808080808080
	lows  = 0x7F7F7F7F7F7F7F7F
	e1s   = 0x8080808080808080 - 0x6161616161616161 // 0x80 - 0xE1&0x7F
	f0s   = 0x8080808080808080 - 0x7070707070707070 // 0x80 - 0xF0&0x7F
	eds   = 0x6D6D6D6D6D6D6D6D                      // 0xED&0x7F
)

// valid reports whether b is valid UTF-8, as utf8.Valid does, but faster on
// the text these forms are: Chinese, three bytes a character, mixed at
// every few characters with ASCII digits, TABs and line ends.
//
// It reads b 32 bytes at a time and checks each eight-byte word without a
// branch on its content (see check). A word holding anything but ASCII
// and the three-byte sequences check takes is handed to validSlow from the
// start of the character it breaks into, which takes it up to the next
// word boundary or beyond.
func valid(b []byte) bool {
	i := 0
	var carry uint64 // continuation bytes the previous word's leads call for
	for i <= len(b)-32 {
		c := b[i:]
		bad0, carry0 := check(binary.LittleEndian.Uint64(c), carry)
		bad1, carry1 := check(binary.LittleEndian.Uint64(c[8:]), carry0)
		bad2, carry2 := check(binary.LittleEndian.Uint64(c[16:]), carry1)
		bad3, carry3 := check(binary.LittleEndian.Uint64(c[24:]), carry2)
		if bad0|bad1|bad2|bad3 == 0 {
			carry = carry3
			i += 32
			continue
		}
		// Find the bad word again, a word at a time (rather than keep
		// the carries of all four), and back up to the start of the
		// character it begins inside (whose lead the word before
		// checked): the rest is checked a character at a time.
		for {
			bad, next := check(binary.LittleEndian.Uint64(b[i:]), carry)
			if bad != 0 {
				break
			}
			i, carry = i+8, next
		}
		start := i - back(carry)
		n, ok := validSlow(b[start:], i+8-start)
		if !ok {
			return false
		}
		i, carry = start+n, 0
	}
	// The tail of fewer than 32 bytes, from the start of the character it
	// begins inside.
	i -= back(carry)
	_, ok := validSlow(b[i:], len(b)-i)
	return ok
}

// check tests the eight bytes of w (the first in its low byte) for valid
// UTF-8 of the simplest kinds: every byte is ASCII, or the lead of a
// three-byte sequence that cannot start an overlong form or a surrogate
// (E1–EC, EE, EF), or one of the two continuation bytes such a lead calls
// for, which may lie in the next word. carry marks, by the high bits of
// w's first two bytes, the continuation bytes called for by the leads of
// the word before; check returns those that w's leads call for in the next
// word, and bad, which is zero when w passes.
func check(w, carry uint64) (bad, next uint64) {
	hi := w & highs // the high bit of every byte
	// Bytes E1–EF: the low seven bits, 61–6F, reach 80 with 1F added
	// but not with 10; less ED, whose low bits are 6D.
	lo := w & lows
	lead := hi & (lo + e1s) &^ (lo + f0s) & ((lo ^ eds) + lows)
	// The continuation bytes the leads call for, one and two bytes on;
	// those past the word are next's. (Two leads calling for the same
	// byte, which is invalid, carry into the bit above, which is then
	// bad.)
	next, want := bits.Mul64(lead, 0x10100)
	want |= carry
	// Every non-ASCII byte is a lead or called for, and every byte called
	// for is a continuation byte, 10xxxxxx, bit 6 clear.
	bad = hi ^ lead ^ want | want&(w<<1)
	return bad, next
}

// back returns how many bytes before the start of a word the character
// that carry (as check returns it) says the word begins inside starts.
func back(carry uint64) int {
	switch carry {
	case 0x80:
		return 2 // a lead in the last byte but one
	case 0x8080:
		return 1 // a lead in the last byte
	}
	return 0
}

// validSlow checks b, which starts at the start of a character, a
// character at a time until it has passed at least min bytes or reached
// the end of b. It returns how far it got, always to the end of a
// character, and false if it found b not to be valid UTF-8.
func validSlow(b []byte, min int) (int, bool) {
	i := 0
	for i < min && i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if i+3 <= len(b) && (c-0xE1 <= 0xEC-0xE1 || c-0xEE <= 1) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i, false
		}
		i += n
	}
	return i, true
}
