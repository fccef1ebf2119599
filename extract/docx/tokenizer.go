package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of a token.
type tokKind uint8

const (
	tokNone  tokKind = iota // nothing yet: a comment, a PI, the end of a text run
	tokStart                // a start element: space, class, local and attrs
	tokEnd                  // an end element, matched to its start
	tokText                 // a piece of character data: text
	tokEOF                  // the end of the input, or an error
)

// nsClass is what a namespace means to the parser.
type nsClass uint8

const (
	nsOther nsClass = iota
	nsClassW
	nsClassMC
	nsClassM
)

// classOf returns the class of the namespace URI uri.
func classOf(uri string) nsClass {
	switch uri {
	case nsW, nsWStrict:
		return nsClassW
	case nsMC:
		return nsClassMC
	case nsM, nsMStrict:
		return nsClassM
	}
	return nsOther
}

const xmlURL = "http://www.w3.org/XML/1998/namespace"

// errMore asks for more input: the token being read goes on past the
// data in the buffer. It never leaves the tokenizer.
var errMore = errors.New("need more input")

// binding is the namespace a prefix stands for.
type binding struct {
	uri   string
	class nsClass
}

// undo restores a prefix's binding when the element that declared it
// ends.
type undo struct {
	prefix string
	old    binding
	had    bool
}

// open is an open element: where its qualified name starts in names and
// how many bindings were in force before it.
type open struct {
	name, undo int
}

// attrSpan is an attribute of the current start element, as offsets into
// the buffer: its qualified name from qs, its local name from ls, and its
// value, still escaped when dec.
type attrSpan struct {
	qs, ls, le, vs, ve int
	dec                bool
}

// A tokenizer reads the XML of a WordprocessingML part as encoding/xml's
// Decoder.Token does in its Strict mode, with the same errors (messages
// and lines), but in place on a buffer of the input: names, attribute
// values and text are slices of the buffer, not allocated tokens. It
// differs from encoding/xml in one way: it refuses declarations
// (<!DOCTYPE and the like), which no Word part carries. Comments and
// processing instructions are read and dropped.
//
// The buffer holds the token being read and what follows it, so memory
// grows with the longest tag or processing instruction, not with the
// input: character data and comments stream through. Errors are sticky:
// once next fails it fails again.
type tokenizer struct {
	src      io.Reader
	size     int // the buffer's first size
	buf      []byte
	pos, end int   // the unread data is buf[pos:end]
	rerr     error // the error that ended src, io.EOF at its end
	line     int   // the line of buf[0]
	err      error // the error next returned

	// charset returns a reader of in as UTF-8 for a declared encoding
	// other than UTF-8, like xml.Decoder.CharsetReader.
	charset func(label string, in io.Reader) (io.Reader, error)

	// The current token.
	space string  // tokStart: the namespace URI, as xml.Name.Space
	class nsClass // tokStart: the class of space
	local []byte  // tokStart: the local name
	attrs []attrSpan
	text  []byte // tokText

	pendingEnd bool   // the start element was empty: its end comes next
	inText     bool   // in a run of character data
	inCDATA    bool   // in a CDATA section
	runErr     string // the first character of the run XML does not allow

	// The open elements, their names concatenated.
	open  []open
	names []byte

	// Namespace bindings by prefix ("" for the default), the undo records
	// of the open elements' declarations, and the last prefix looked up.
	ns      map[string]binding
	undos   []undo
	cached  bool
	cacheP  string
	cacheB  binding
	interns map[string]string

	ent     [utf8.UTFMax]byte // a decoded character reference
	scratch []byte            // a decoded attribute value
}

// bufSize is the initial size of the buffer; it grows for longer tokens.
const bufSize = 64 << 10

// maxInterns bounds the strings interned: a part declares a few dozen
// namespaces, a hostile one may declare millions.
const maxInterns = 1024

// newTokenizer returns a tokenizer of the XML src, which it reads as
// UTF-8 until a declaration names another encoding (see charset).
func newTokenizer(src io.Reader) *tokenizer {
	return &tokenizer{src: src, size: bufSize, line: 1, ns: map[string]binding{}, interns: map[string]string{}}
}

// next reads the next token. At the end of the input it returns tokEOF
// and io.EOF, or a syntax error when elements are still open.
func (t *tokenizer) next() (tokKind, error) {
	if t.err != nil {
		return tokEOF, t.err
	}
	k, err := t.step()
	if err != nil {
		t.err = err
		return tokEOF, err
	}
	return k, nil
}

// step reads the next token, skipping comments and PIs.
func (t *tokenizer) step() (tokKind, error) {
	if t.pendingEnd {
		t.pendingEnd = false
		t.pop()
		return tokEnd, nil
	}
	for {
		if t.inText || t.inCDATA {
			k, err := t.textPiece()
			if err != nil || k != tokNone {
				return k, err
			}
			continue
		}
		if t.pos >= t.end {
			if t.rerr == nil {
				t.fill()
				continue
			}
			return t.eof()
		}
		if t.buf[t.pos] != '<' {
			t.inText, t.runErr = true, ""
			continue
		}
		k, err := t.markup()
		if err == errMore {
			t.fill()
			continue
		}
		if err != nil || k != tokNone {
			return k, err
		}
	}
}

// skip reads through the end of the element just started, as
// xml.Decoder.Skip.
func (t *tokenizer) skip() error {
	depth := 0
	for {
		k, err := t.next()
		if err != nil {
			return err
		}
		switch k {
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// eof ends the input, which src has.
func (t *tokenizer) eof() (tokKind, error) {
	if t.rerr != io.EOF {
		return tokEOF, t.rerr
	}
	if len(t.open) > 0 {
		return tokEOF, t.syntax("unexpected EOF", t.end)
	}
	return tokEOF, io.EOF
}

// fill reads more input after buf[end], dropping what precedes pos and
// growing the buffer when the unread data fills it. It reads until the
// buffer is full or src fails, which then sets rerr.
func (t *tokenizer) fill() {
	if t.pos > 0 {
		t.line += bytes.Count(t.buf[:t.pos], []byte{'\n'})
		t.end = copy(t.buf, t.buf[t.pos:t.end])
		t.pos = 0
	}
	if t.end == len(t.buf) {
		t.buf = append(t.buf, make([]byte, max(t.size, len(t.buf)))...)
		t.buf = t.buf[:cap(t.buf)]
	}
	for empty := 0; t.end < len(t.buf) && t.rerr == nil; {
		n, err := t.src.Read(t.buf[t.end:])
		t.end += n
		if n > 0 {
			empty = 0
		} else if empty++; empty >= 100 && err == nil {
			err = io.ErrNoProgress
		}
		t.rerr = err
	}
}

// lineAt returns the line of buf[i], counting the newlines before it.
func (t *tokenizer) lineAt(i int) int {
	return t.line + bytes.Count(t.buf[:i], []byte{'\n'})
}

// syntax returns a syntax error at buf[i]: the line counts the input
// before i, which encoding/xml would have read.
func (t *tokenizer) syntax(msg string, i int) error {
	return &xml.SyntaxError{Msg: msg, Line: t.lineAt(i)}
}

// short is the error of needing buf[i] past the data: errMore while src
// may have more, else the unexpected end of the input or src's error.
func (t *tokenizer) short(i int) error {
	switch t.rerr {
	case nil:
		return errMore
	case io.EOF:
		return t.syntax("unexpected EOF", i)
	}
	return t.rerr
}

// Classes of the bytes that make up names: those encoding/xml reads as
// names (ASCII letters, digits, "_:.-") and all bytes above ASCII, whose
// runes are checked after.
const (
	nNone  = iota // not in names
	nASCII        // in names
	nColon        // ':'
	nHigh         // above ASCII
)

var nameByte = func() (b [256]uint8) {
	for c := range 256 {
		switch {
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-':
			b[c] = nASCII
		case c == ':':
			b[c] = nColon
		case c >= utf8.RuneSelf:
			b[c] = nHigh
		}
	}
	return b
}()

// name reads a name at buf[i], returning its end: i when there is none.
// As in encoding/xml, a name is followed by a byte.
func (t *tokenizer) name(i int) (int, error) {
	j := i
	for j < t.end && nameByte[t.buf[j]] != nNone {
		j++
	}
	if j >= t.end {
		return j, t.short(j)
	}
	return j, nil
}

// isName reports whether s is an XML name as encoding/xml checks one.
func isName(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	c := s[0]
	if c >= '0' && c <= '9' || c == '.' || c == '-' {
		return false
	}
	for _, c := range s {
		if c >= utf8.RuneSelf {
			return isNameSlow(s)
		}
	}
	return true
}

// isNameSlow checks a name that holds non-ASCII bytes with encoding/xml
// itself, whose tables of name characters are not exported: a start tag
// of the name fails with "invalid XML name" when it is not one. Such
// names are rare in WordprocessingML.
func isNameSlow(s []byte) bool {
	d := xml.NewDecoder(strings.NewReader("<" + string(s) + "/>"))
	_, err := d.RawToken()
	var se *xml.SyntaxError
	return !errors.As(err, &se) || !strings.HasPrefix(se.Msg, "invalid XML name")
}

// split splits a qualified name into prefix and local name as
// encoding/xml does; the name holds at most one colon.
func split(name []byte) (prefix, local []byte) {
	c := bytes.IndexByte(name, ':')
	if c <= 0 || c == len(name)-1 {
		return nil, name
	}
	return name[:c], name[c+1:]
}

// skipSpace returns the index of the first byte at or after i that is
// not XML white space, end when there is none.
func (t *tokenizer) skipSpace(i int) int {
	for i < t.end {
		switch t.buf[i] {
		case ' ', '\r', '\n', '\t':
			i++
		default:
			return i
		}
	}
	return i
}

// markup reads the markup at buf[pos] == '<'. It returns errMore, having
// consumed nothing, when the markup goes on past the data.
func (t *tokenizer) markup() (tokKind, error) {
	j := t.pos + 1
	if j >= t.end {
		return tokNone, t.short(j)
	}
	switch t.buf[j] {
	case '/':
		return tokEnd, t.endTag(j + 1)
	case '?':
		return tokNone, t.procInst(j + 1)
	case '!':
		return tokNone, t.bang(j + 1)
	}
	return tokStart, t.startTag(j)
}

// qname reads the qualified name of an element or attribute at buf[i],
// with the error missing names it. It returns the name's end and the
// start of its local name, after the prefix's colon, i when the name has
// no prefix (as split).
func (t *tokenizer) qname(i int, missing string) (end, local int, err error) {
	buf := t.buf[:t.end]
	j, colon, colons, high := i, -1, 0, false
scan:
	for ; j < len(buf); j++ {
		switch nameByte[buf[j]] {
		case nNone:
			break scan
		case nColon:
			colon = j
			colons++
		case nHigh:
			high = true
		}
	}
	if j >= len(buf) {
		return j, i, t.short(j)
	}
	if j == i {
		return j, i, t.syntax(missing, i)
	}
	if c := buf[i]; c >= '0' && c <= '9' || c == '.' || c == '-' || high && !isNameSlow(buf[i:j]) {
		return j, i, t.syntax("invalid XML name: "+string(buf[i:j]), j)
	}
	if colons > 1 {
		return j, i, t.syntax(missing, j)
	}
	if colon <= i || colon == j-1 {
		return j, i, nil
	}
	return j, colon + 1, nil
}

// endTag reads an end tag from buf[i], after "</", and closes the
// element it ends, which must be the innermost open one.
func (t *tokenizer) endTag(i int) error {
	j, _, err := t.qname(i, "expected element name after </")
	if err != nil {
		return err
	}
	name := t.buf[i:j]
	k := t.skipSpace(j)
	if k >= t.end {
		return t.short(k)
	}
	if t.buf[k] != '>' {
		_, local := split(name)
		return t.syntax("invalid characters between </"+string(local)+" and >", k+1)
	}
	n := len(t.open)
	if n == 0 {
		_, local := split(name)
		return t.syntax("unexpected end element </"+string(local)+">", k+1)
	}
	if o := t.names[t.open[n-1].name:]; !bytes.Equal(o, name) {
		op, ol := split(o)
		np, nl := split(name)
		if !bytes.Equal(ol, nl) {
			return t.syntax("element <"+string(ol)+"> closed by </"+string(nl)+">", k+1)
		}
		ns := string(np)
		if ns == "" {
			ns = `""`
		}
		return t.syntax("element <"+string(ol)+"> in space "+string(op)+
			" closed by </"+string(nl)+"> in space "+ns, k+1)
	}
	t.pos = k + 1
	t.pop()
	return nil
}

// pop closes the innermost element, undoing its declarations.
func (t *tokenizer) pop() {
	o := t.open[len(t.open)-1]
	t.open = t.open[:len(t.open)-1]
	t.names = t.names[:o.name]
	for len(t.undos) > o.undo {
		u := t.undos[len(t.undos)-1]
		t.undos = t.undos[:len(t.undos)-1]
		if u.had {
			t.ns[u.prefix] = u.old
		} else {
			delete(t.ns, u.prefix)
		}
		t.cached = false
	}
}

// startTag reads a start tag from buf[i], after "<", and opens its
// element: its namespace declarations take effect, then its name is
// resolved with them, as xml.Decoder.Token does.
func (t *tokenizer) startTag(i int) error {
	t.attrs = t.attrs[:0]
	j, l, err := t.qname(i, "expected element name after <")
	if err != nil {
		return err
	}
	name := t.buf[i:j]
	empty := false
	for {
		k := t.skipSpace(j)
		if k >= t.end {
			return t.short(k)
		}
		if c := t.buf[k]; c == '>' {
			j = k + 1
			break
		} else if c == '/' {
			if k+1 >= t.end {
				return t.short(k + 1)
			}
			if t.buf[k+1] != '>' {
				return t.syntax("expected /> in element", k+2)
			}
			j, empty = k+2, true
			break
		}
		e, al, err := t.qname(k, "expected attribute name in element")
		if err != nil {
			return err
		}
		a := attrSpan{qs: k, ls: al, le: e}
		k = t.skipSpace(e)
		if k >= t.end {
			return t.short(k)
		}
		if t.buf[k] != '=' {
			return t.syntax("attribute name without = in element", k+1)
		}
		k = t.skipSpace(k + 1)
		if k >= t.end {
			return t.short(k)
		}
		q := t.buf[k]
		if q != '"' && q != '\'' {
			return t.syntax("unquoted or missing attribute value in element", k+1)
		}
		a.vs = k + 1
		if a.ve, a.dec, err = t.attrValue(a.vs, q); err != nil {
			return err
		}
		t.attrs = append(t.attrs, a)
		j = a.ve + 1
	}

	// The element is read: declare its namespaces, then resolve its name
	// with them, as xml.Decoder.Token does.
	t.pos = j
	mark := len(t.undos)
	for _, a := range t.attrs {
		switch {
		case a.ls > a.qs && string(t.buf[a.qs:a.ls-1]) == "xmlns":
			t.bind(t.intern(t.buf[a.ls:a.le]), t.value(a))
		case a.ls == a.qs && string(t.buf[a.ls:a.le]) == "xmlns":
			t.bind("", t.value(a))
		}
	}
	t.open = append(t.open, open{name: len(t.names), undo: mark})
	t.names = append(t.names, name...)
	var prefix []byte
	if l > i {
		prefix = t.buf[i : l-1]
	}
	t.local = name[l-i:]
	switch {
	case string(prefix) == "xmlns":
		t.space, t.class = "xmlns", nsOther
	case string(prefix) == "xml":
		t.space, t.class = xmlURL, nsOther
	case prefix == nil && string(t.local) == "xmlns":
		t.space, t.class = "", nsOther
	default:
		b, ok := t.lookup(prefix)
		switch {
		case ok:
			t.space, t.class = b.uri, b.class
		case prefix == nil:
			t.space, t.class = "", nsOther
		default:
			t.space, t.class = t.intern(prefix), nsOther
		}
	}
	t.pendingEnd = empty
	return nil
}

// bind declares prefix as uri for the element being started.
func (t *tokenizer) bind(prefix string, uri []byte) {
	old, had := t.ns[prefix]
	t.undos = append(t.undos, undo{prefix: prefix, old: old, had: had})
	u := t.intern(uri)
	t.ns[prefix] = binding{uri: u, class: classOf(u)}
	t.cached = false
}

// lookup returns the binding of prefix.
func (t *tokenizer) lookup(prefix []byte) (binding, bool) {
	if t.cached && string(prefix) == t.cacheP {
		return t.cacheB, true
	}
	b, ok := t.ns[string(prefix)]
	if ok {
		t.cached, t.cacheP, t.cacheB = true, t.intern(prefix), b
	}
	return b, ok
}

// intern returns b as a string, allocating each distinct one once (the
// first maxInterns of them).
func (t *tokenizer) intern(b []byte) string {
	if s, ok := t.interns[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(t.interns) < maxInterns {
		t.interns[s] = s
	}
	return s
}

// attr returns the value of the first attribute of the current start
// element whose local name is local, nil when there is none. The value is
// valid until the next call of next or attr.
func (t *tokenizer) attr(local string) []byte {
	for _, a := range t.attrs {
		if string(t.buf[a.ls:a.le]) == local {
			return t.value(a)
		}
	}
	return nil
}

// value returns the value of a, unescaped.
func (t *tokenizer) value(a attrSpan) []byte {
	v := t.buf[a.vs:a.ve]
	if !a.dec {
		return v
	}
	t.scratch = unescape(t.scratch[:0], v)
	return t.scratch
}

// unescape appends to dst the text v, which is known to be well formed,
// with its references replaced and its line ends made LF.
func unescape(dst, v []byte) []byte {
	for i := 0; i < len(v); {
		switch c := v[i]; c {
		case '&':
			r, n, _, _ := reference(v, i)
			dst = utf8.AppendRune(dst, r)
			i = n
		case '\r':
			dst = append(dst, '\n')
			i++
			if i < len(v) && v[i] == '\n' {
				i++
			}
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst
}

// reference reads the entity or character reference at b[i] == '&' as
// encoding/xml does, returning the character and the index after it.
// When b ends first, more is true and n is len(b); when the reference is
// invalid, msg is the error and n the index its line counts to.
func reference(b []byte, i int) (r rune, n int, more bool, msg string) {
	j := i + 1
	if j >= len(b) {
		return 0, j, true, ""
	}
	if b[j] == '#' {
		j++
		if j >= len(b) {
			return 0, j, true, ""
		}
		base := rune(10)
		if b[j] == 'x' {
			base = 16
			j++
			if j >= len(b) {
				return 0, j, true, ""
			}
		}
		start, big := j, false
		for {
			d := digit(b[j], base)
			if d < 0 {
				break
			}
			if r = r*base + d; r > utf8.MaxRune {
				r, big = 0, true
			}
			j++
			if j >= len(b) {
				return 0, j, true, ""
			}
		}
		if b[j] != ';' {
			return 0, j, false, "invalid character entity " + string(b[i:j]) + " (no semicolon)"
		}
		if j == start || big {
			return 0, j + 1, false, "invalid character entity " + string(b[i:j+1])
		}
		if !utf8.ValidRune(r) {
			r = utf8.RuneError // a surrogate, as string(rune(r)) has it
		}
		return r, j + 1, false, ""
	}
	k := j
	for k < len(b) && nameByte[b[k]] != nNone {
		k++
	}
	if k >= len(b) {
		return 0, k, true, ""
	}
	if b[k] != ';' {
		return 0, k, false, "invalid character entity " + string(b[i:k]) + " (no semicolon)"
	}
	switch string(b[j:k]) {
	case "lt":
		return '<', k + 1, false, ""
	case "gt":
		return '>', k + 1, false, ""
	case "amp":
		return '&', k + 1, false, ""
	case "apos":
		return '\'', k + 1, false, ""
	case "quot":
		return '"', k + 1, false, ""
	}
	return 0, k + 1, false, "invalid character entity " + string(b[i:k+1])
}

// digit returns the value of c as a digit in base 10 or 16, -1 when it
// is none.
func digit(c byte, base rune) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return rune(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}

// inRange reports whether r is a character XML allows.
func inRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// charMsg is the error of a character XML does not allow.
func charMsg(r rune) string { return fmt.Sprintf("illegal character code %U", r) }

// multibyte checks the rune at buf[i], the first byte above ASCII, and
// returns its size, 0 when it goes on past the data and src may have
// more. A bad rune sets *bad, when not yet set.
func (t *tokenizer) multibyte(i int, bad *string) int {
	r, size := utf8.DecodeRune(t.buf[i:t.end])
	switch {
	case r == utf8.RuneError && size == 1:
		if t.rerr == nil && !utf8.FullRune(t.buf[i:t.end]) {
			return 0
		}
		if *bad == "" {
			*bad = "invalid UTF-8"
		}
	case r == 0xFFFE || r == 0xFFFF:
		if *bad == "" {
			*bad = charMsg(r)
		}
	}
	return size
}

// attrValue reads an attribute value from buf[i] to its closing quote q,
// returning the quote's index and whether the value holds references or
// CRs to unescape. Characters XML does not allow fail at the quote, as
// encoding/xml checks a value once read.
func (t *tokenizer) attrValue(i int, q byte) (int, bool, error) {
	bad, dec := "", false
	for {
		if i >= t.end {
			if t.rerr != nil && bad != "" {
				return i, dec, t.syntax(bad, i)
			}
			return i, dec, t.short(i)
		}
		c := t.buf[i]
		switch {
		case c == q:
			if bad != "" {
				return i, dec, t.syntax(bad, i+1)
			}
			return i, dec, nil
		case c >= utf8.RuneSelf:
			n := t.multibyte(i, &bad)
			if n == 0 {
				return i, dec, errMore
			}
			i += n
		case c == '<':
			return i, dec, t.syntax("unescaped < inside quoted string", i+1)
		case c == '&':
			r, n, more, msg := reference(t.buf[:t.end], i)
			switch {
			case more:
				return n, dec, t.short(n)
			case msg != "":
				return n, dec, t.syntax(msg, n)
			}
			if !inRange(r) && bad == "" {
				bad = charMsg(r)
			}
			i, dec = n, true
		case c == '\r':
			i, dec = i+1, true
		case c < 0x20 && c != '\t' && c != '\n':
			if bad == "" {
				bad = charMsg(rune(c))
			}
			i++
		default:
			i++
		}
	}
}

// Classes of bytes in character data.
const (
	tPlain   = iota
	tCR      // ends a piece: CR or CRLF reads as LF
	tBracket // may start "]]>"
	tMarkup  // '<' and '&': end a piece of text, not of a CDATA section
	tControl // a control character XML does not allow
	tHigh    // the first byte of a rune above ASCII
)

var textByte = func() (b [256]uint8) {
	for c := range 0x20 {
		b[c] = tControl
	}
	b['\t'], b['\n'] = tPlain, tPlain
	b['\r'], b[']'], b['<'], b['&'] = tCR, tBracket, tMarkup, tMarkup
	for c := utf8.RuneSelf; c < 256; c++ {
		b[c] = tHigh
	}
	return b
}()

// textPiece reads the next piece of the run of character data or CDATA
// section at pos: as much plain text as the buffer holds, or the
// character of a reference or CRLF. At the end of the run it returns
// tokNone, or the error of a character XML does not allow in the run.
func (t *tokenizer) textPiece() (tokKind, error) {
	for {
		i := t.scanText(t.pos)
		if i > t.pos {
			t.text = t.buf[t.pos:i]
			t.pos = i
			return tokText, nil
		}
		if i >= t.end {
			if t.rerr == nil {
				t.fill()
				continue
			}
			if t.inCDATA {
				t.inCDATA = false
				if t.rerr == io.EOF {
					return tokEOF, t.syntax("unexpected EOF in CDATA section", i)
				}
				return tokEOF, t.rerr
			}
			t.inText = false
			if t.runErr != "" {
				return tokEOF, t.syntax(t.runErr, i)
			}
			return t.eof()
		}
		switch c := t.buf[i]; {
		case c == '<':
			t.inText = false
			if t.runErr != "" {
				return tokEOF, t.syntax(t.runErr, i)
			}
			return tokNone, nil
		case c == '&':
			r, n, more, msg := reference(t.buf[:t.end], i)
			switch {
			case more && t.rerr == nil:
				t.fill()
				continue
			case more:
				// As encoding/xml, which stops reading the run there.
				return tokEOF, t.short(n)
			case msg != "":
				return tokEOF, t.syntax(msg, n)
			}
			if !inRange(r) && t.runErr == "" {
				t.runErr = charMsg(r)
			}
			t.text = utf8.AppendRune(t.ent[:0], r)
			t.pos = n
			return tokText, nil
		case c == '\r':
			if i+1 >= t.end && t.rerr == nil {
				t.fill()
				continue
			}
			t.pos = i + 1
			if t.pos < t.end && t.buf[t.pos] == '\n' {
				t.pos++
			}
			t.text = lf
			return tokText, nil
		case c == ']':
			if i+2 >= t.end && t.rerr == nil {
				t.fill()
				continue
			}
			// scanText stops at ]]> only.
			if t.inCDATA {
				t.inCDATA = false
				t.pos = i + 3
				if t.runErr != "" {
					return tokEOF, t.syntax(t.runErr, t.pos)
				}
				return tokNone, nil
			}
			return tokEOF, t.syntax("unescaped ]]> not in CDATA section", i+3)
		default: // a rune cut short by the end of the data
			t.fill()
		}
	}
}

var lf = []byte{'\n'}

// scanText returns the index of the first byte at or after i that ends a
// plain piece of text: the end of the data, a markup or reference start
// (in text), a CR, "]]>", or a rune the data cuts short while src may
// have more. It checks the characters it passes.
func (t *tokenizer) scanText(i int) int {
	buf := t.buf[:t.end]
	for i < len(buf) {
		c := buf[i]
		switch textByte[c] {
		case tPlain:
			i++
		case tHigh:
			n := t.multibyte(i, &t.runErr)
			if n == 0 {
				return i
			}
			i += n
		case tMarkup:
			if !t.inCDATA {
				return i
			}
			i++
		case tCR:
			return i
		case tBracket:
			if i+2 >= len(buf) {
				if t.rerr == nil {
					return i
				}
				i++
				continue
			}
			if buf[i+1] == ']' && buf[i+2] == '>' {
				return i
			}
			i++
		case tControl:
			if t.runErr == "" {
				t.runErr = charMsg(rune(c))
			}
			i++
		}
	}
	return i
}

// procInst reads a processing instruction after "<?"; the XML
// declaration's encoding switches the input to UTF-8 from it.
func (t *tokenizer) procInst(i int) error {
	j, err := t.name(i)
	if err != nil {
		return err
	}
	if j == i {
		return t.syntax("expected target name after <?", i)
	}
	target := t.buf[i:j]
	if !isName(target) {
		return t.syntax("invalid XML name: "+string(target), j)
	}
	k := t.skipSpace(j)
	q := bytes.Index(t.buf[k:t.end], []byte("?>"))
	if q < 0 {
		return t.short(t.end)
	}
	t.pos = k + q + 2
	if string(target) != "xml" {
		return nil
	}
	content := string(t.buf[k : k+q])
	if ver := procInst("version", content); ver != "" && ver != "1.0" {
		return fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", ver)
	}
	enc := procInst("encoding", content)
	if enc == "" || strings.EqualFold(enc, "utf-8") {
		return nil
	}
	if t.charset == nil {
		return fmt.Errorf("xml: encoding %q declared but Decoder.CharsetReader is nil", enc)
	}
	in := io.MultiReader(bytes.NewReader(bytes.Clone(t.buf[t.pos:t.end])), t.src)
	r, err := t.charset(enc, in)
	if err != nil {
		return fmt.Errorf("xml: opening charset %q: %w", enc, err)
	}
	if r != in {
		t.src, t.end, t.rerr = r, t.pos, nil
	}
	return nil
}

// procInst returns the value of param in the content of an XML
// declaration, as encoding/xml reads it: "" when there is none.
func procInst(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// bang reads the markup after "<!": a comment, or the start of a CDATA
// section. Declarations are refused.
func (t *tokenizer) bang(i int) error {
	if i >= t.end {
		return t.short(i)
	}
	switch t.buf[i] {
	case '-':
		if i+1 >= t.end {
			return t.short(i + 1)
		}
		if t.buf[i+1] != '-' {
			return t.syntax("invalid sequence <!- not part of <!--", i+2)
		}
		t.pos = i + 2
		return t.comment()
	case '[':
		for k := range len("CDATA[") {
			j := i + 1 + k
			if j >= t.end {
				return t.short(j)
			}
			if t.buf[j] != "CDATA["[k] {
				return t.syntax("invalid <![ sequence", j+1)
			}
		}
		t.pos = i + 1 + len("CDATA[")
		t.inCDATA, t.runErr = true, ""
		return nil
	}
	return t.syntax("declarations such as <!DOCTYPE are not allowed", i+1)
}

// comment reads a comment from pos, after "<!--", through "-->". It
// streams: a long comment is not held in the buffer.
func (t *tokenizer) comment() error {
	for {
		if k := bytes.Index(t.buf[t.pos:t.end], []byte("--")); k >= 0 {
			j := t.pos + k + 2
			if j >= t.end {
				if t.rerr == nil {
					t.pos += k
					t.fill()
					continue
				}
				return t.short(j)
			}
			if t.buf[j] != '>' {
				return t.syntax(`invalid sequence "--" not allowed in comments`, j+1)
			}
			t.pos = j + 1
			return nil
		}
		if t.rerr != nil {
			return t.short(t.end)
		}
		t.pos = max(t.pos, t.end-1) // a '-' may start "--"
		t.fill()
	}
}
