package docx

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jixiao/jixiao/extract/decode"
	"github.com/jixiao/jixiao/model"
)

// The tokenizer is checked against encoding/xml, read as the reader read
// parts before it: through a guard that reads a byte at a time.

// byteGuard is the guard the reader had before the tokenizer.
type byteGuard struct {
	r    *bufio.Reader
	line int
}

func (g *byteGuard) ReadByte() (byte, error) {
	c, err := g.r.ReadByte()
	if err != nil || c >= 0x20 {
		return c, err
	}
	switch c {
	case '\n':
		g.line++
	case '\t', '\r':
	default:
		return 0, &charError{c, g.line}
	}
	return c, nil
}

func (g *byteGuard) Read(p []byte) (int, error) {
	for i := range p {
		c, err := g.ReadByte()
		if err != nil {
			return i, err
		}
		p[i] = c
	}
	return len(p), nil
}

// stdDecoder is the decoder the reader had before the tokenizer.
func stdDecoder(r io.Reader) *xml.Decoder {
	r, utf16 := reader(r)
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	d := xml.NewDecoder(&byteGuard{r: br, line: 1})
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch decode.Label(label) {
		case model.EncUTF16LE, model.EncUTF16BE:
			if utf16 {
				return in, nil
			}
		case model.EncGB18030:
			return simplifiedchinese.GB18030.NewDecoder().Reader(in), nil
		case model.EncUTF8:
			return in, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return d
}

// errDirective stands for the tokenizer's refusal of a declaration, which
// encoding/xml reads as a Directive token.
var errDirective = errors.New("directive")

// stdEvents returns the events of b as encoding/xml reads them: start
// elements with their namespace, local name and attributes (local name
// and value), end elements and text, with runs of text joined.
func stdEvents(b []byte) ([]string, error) {
	d := stdDecoder(bytes.NewReader(b))
	var ev []string
	var text []byte
	flush := func() {
		if len(text) > 0 {
			ev = append(ev, "text "+string(text))
			text = text[:0]
		}
	}
	for {
		tok, err := d.Token()
		if err != nil {
			text = nil
			return ev, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			flush()
			s := fmt.Sprintf("start {%s}%s", tok.Name.Space, tok.Name.Local)
			for _, a := range tok.Attr {
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			ev = append(ev, s)
		case xml.EndElement:
			flush()
			ev = append(ev, "end")
		case xml.CharData:
			text = append(text, tok...)
		case xml.Directive:
			return ev, errDirective
		}
	}
}

// tokEvents returns the events of b as the tokenizer reads them, in the
// form of stdEvents.
func tokEvents(b []byte) ([]string, error) {
	return tokEventsBy(bytes.NewReader(b), bufSize)
}

// tokEventsBy is tokEvents of the input r with a buffer of size bytes at
// first.
func tokEventsBy(r io.Reader, size int) ([]string, error) {
	t := newPartTokenizer(r)
	t.size = size
	var ev []string
	var text []byte
	flush := func() {
		if len(text) > 0 {
			ev = append(ev, "text "+string(text))
			text = text[:0]
		}
	}
	for {
		k, err := t.next()
		if err != nil {
			return ev, err
		}
		switch k {
		case tokStart:
			flush()
			if t.class != classOf(t.space) {
				return ev, fmt.Errorf("class %d of %q", t.class, t.space)
			}
			s := fmt.Sprintf("start {%s}%s", t.space, t.local)
			for _, a := range t.attrs {
				s += fmt.Sprintf(" %s=%q", t.buf[a.ls:a.le], t.value(a))
			}
			ev = append(ev, s)
		case tokEnd:
			flush()
			ev = append(ev, "end")
		case tokText:
			text = append(text, t.text...)
		default:
			return ev, fmt.Errorf("token kind %d", k)
		}
	}
}

// checkSame fails unless the tokenizer reads b as encoding/xml does: the
// same events and the same error. Where encoding/xml's input ends in a
// run of text cut by an error, only the error counts: it gives no text,
// the tokenizer gives some.
func checkSame(t *testing.T, b []byte) {
	t.Helper()
	checkSameBy(t, b, bytes.NewReader(b), bufSize)
}

// checkSameBy is checkSame with the tokenizer reading b from r with a
// buffer of size bytes at first.
func checkSameBy(t *testing.T, b []byte, r io.Reader, size int) {
	t.Helper()
	want, werr := stdEvents(b)
	got, gerr := tokEventsBy(r, size)
	if werr != io.EOF && len(got) > 0 && strings.HasPrefix(got[len(got)-1], "text ") &&
		(len(want) < len(got) || want[len(got)-1] != got[len(got)-1]) {
		got = got[:len(got)-1]
	}
	// The tokenizer refuses a declaration at its "<!": encoding/xml reads
	// it as a Directive, or fails in it.
	var se *xml.SyntaxError
	refused := errors.As(gerr, &se) && strings.Contains(se.Msg, "<!DOCTYPE are not allowed")
	if werr == errDirective && !refused {
		t.Fatalf("%q: a declaration gives %v", trim(b), gerr)
	}
	if refused && werr != io.EOF {
		if len(want) > len(got) {
			want = want[:len(got)]
		}
		gerr = werr
	}
	if fmt.Sprint(werr) != fmt.Sprint(gerr) {
		t.Fatalf("%q:\nencoding/xml: %v\ntokenizer:    %v", trim(b), werr, gerr)
	}
	for i := range min(len(want), len(got)) {
		if want[i] != got[i] {
			t.Fatalf("%q: event %d:\nencoding/xml: %q\ntokenizer:    %q", trim(b), i, want[i], got[i])
		}
	}
	if len(want) != len(got) {
		t.Fatalf("%q: %d events from encoding/xml, %d from the tokenizer", trim(b), len(want), len(got))
	}
}

func trim(b []byte) []byte {
	if len(b) > 300 {
		return b[:300]
	}
	return b
}

// sampleDocument returns the main document part of the sample.
func sampleDocument(t testing.TB) []byte {
	b, err := os.ReadFile(sample + ".docx")
	require.NoError(t, err)
	z, err := OpenZip(bytes.NewReader(b), int64(len(b)), DefaultLimits)
	require.NoError(t, err)
	f, err := mainPart(z, DefaultLimits)
	require.NoError(t, err)
	doc, err := ReadEntry(f, DefaultLimits)
	require.NoError(t, err)
	return doc
}

// tokenizerCases are inputs at the edges of XML, most of them malformed.
var tokenizerCases = []string{
	"", " ", "<", "<a", "<a>", "<a/>", "<a></a>", "<a></b>", "</a>", "<a></a></a>", "<a/><b/>", "text<a/>text",
	"<a>\r\n\r\r\n\n</a>", "<a>x\r", "<a>]]></a>", "<a>]]&gt;</a>", "<a>]] ></a>", "<a>]]", "<a>]", "<a>]]]></a>",
	"<a><![CDATA[x]]]]></a>", "<a><![CDATA[<&\r\n]]></a>", "<a><![CDATA[", "<a><![CDATA[x]", "<a><![CDAT", "<a><![CDATX[",
	"<a><!-- c --></a>", "<a><!----></a>", "<a><!---></a>", "<a><!-- -- --></a>", "<a><!-- - --></a>", "<a><!-", "<a><!-x",
	"<a><!--", "<a><!-- -", "<a><!-- --", "<!DOCTYPE a><a/>", "<a><!ELEMENT></a>", "<!", "<a><!", "<!0",
	"<?xml version=\"1.0\"?><a/>", "<?xml version=\"1.1\"?><a/>", "<?xml version='1.0' encoding='utf-8'?><a/>",
	"<?xml encoding=\"latin1\"?><a/>", "<?xml encoding=\"UTF-16\"?><a/>", "<?xml encoding=\"utf8\"?><a/>", "<?xml?><a/>",
	"<?pi data?><a/>", "<?pi", "<?pi ?", "<? pi?>", "<?1pi?>", "<?xml-stylesheet href='x'?><a/>", "<a><?p x?>t</a>",
	"<a>&lt;&gt;&amp;&apos;&quot;</a>", "<a>&nbsp;</a>", "<a>&</a>", "<a>&;</a>", "<a>& </a>", "<a>&amp</a>", "<a>&amp",
	"<a>&#65;&#x41;&#X41;</a>", "<a>&#;</a>", "<a>&#x;</a>", "<a>&#0;</a>", "<a>&#1;</a>", "<a>&#xD800;</a>",
	"<a>&#xFFFE;</a>", "<a>&#x10FFFF;</a>", "<a>&#x110000;</a>", "<a>&#99999999999999999999999;</a>", "<a>&#65</a>",
	"<a>&#x4", "<a>&#", "<a>&#x", "<a>&1;</a>", "<a>&名;</a>", "<a>&\n;</a>", "<a>&#65\n</a>",
	"<a>\xff</a>", "<a>\xe4\xb8</a>", "<a>\xe4\xb8", "<a>\xef\xbf\xbe</a>", "<a>\xef\xbf\xbd</a>", "<a>\xed\xa0\x80</a>",
	"<a b='1' c=\"2\"/>", "<a b='&lt;\r\n'/>", "<a b='<'/>", "<a b=1/>", "<a b/>", "<a b='1'c='2'/>", "<a b = '1' />",
	"<a b='\xff'/>", "<a b='&#1;'/>", "<a b='x", "<a b='\xff", "<a b='&am", "<a b", "<a b=", "<a/ >", "<a /", "<a :b='1'/>",
	"<a b:c:d='1'/>", "<a:b:c/>", "<1a/>", "<-a/>", "< a/>", "<a\n\n/>", "<a>\n</b>", "</a >", "</ a>", "</a b>", "</>",
	"<名/>", "<a\xffb/>", "<a·b/>", "<·a/>", "<a></名>", "<a x='\t\n'/>",
	`<a xmlns="urn:d"><b/><c xmlns=""/></a>`, `<p:a xmlns:p="urn:p"><p:b/></p:a>`, `<p:a><p:b/></p:a>`, `<p:a></q:a>`,
	`<a xmlns:p="urn:1"><b xmlns:p="urn:2"><p:c/></b><p:c/></a>`, `<xmlns:a/>`, `<xml:a/>`, `<xmlns/>`, `<a xmlns:="x"/>`,
	`<a: xmlns:a="u"/>`, `<:a/>`, `<p:a xmlns:p="&lt;u"/>`, `<a xmlns:p="u1" xmlns:p="u2"><p:b/></a>`,
	`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`,
	"<a>x\x01y</a>", "<a>\x00", "\x00", "<a\x01/>", "<a b='\x02'/>", "<a><!-- \x03 --></a>", "<a><![CDATA[\xff\x01]]></a>",
	"<a>\xff\x01</a>", "<a>\xff&#1;</a>", "<a>\xff&bad;</a>", "<a b='\xff\x01'/>", "<a>\xff]]></a>",
	"\xef\xbb\xbf<a/>", "<?xml version=\"1.0\" encoding=\"GB2312\"?><a>\xcf\xee\xc4\xbf</a>",
	"<?xml version=\"1.0\" encoding=\"GBK\"?><a b='\xcf\xee'>\x81\n\x30</a>",
}

func TestTokenizerSameAsEncodingXML(t *testing.T) {
	doc := sampleDocument(t)
	checkSame(t, doc)
	checkSameBy(t, doc, iotest.HalfReader(bytes.NewReader(doc)), 7)
	for _, body := range fuzzBodies {
		checkSame(t, []byte(document(body)))
	}
	for _, s := range tokenizerCases {
		checkSame(t, []byte(s))
		for size := 1; size < 8; size++ {
			checkSameBy(t, []byte(s), iotest.OneByteReader(strings.NewReader(s)), size)
		}
	}
	// Long tokens across buffer refills.
	for _, s := range []string{
		"<a>" + strings.Repeat("资金&amp;\r\n]", bufSize/5) + "</a>",
		"<a b='" + strings.Repeat("资&lt;", bufSize) + "'/>",
		"<a><!--" + strings.Repeat("-x", bufSize) + "--></a>",
		"<a><![CDATA[" + strings.Repeat("]x\r", bufSize) + "]]></a>",
		"<" + strings.Repeat("n", 3*bufSize) + "/>",
		"<a>" + strings.Repeat("x", bufSize-4) + "&#x4E2D;</a>",
		"<a>" + strings.Repeat("x", bufSize-5) + "资\xff</a>",
	} {
		checkSame(t, []byte(s))
		for _, cut := range []int{1, 2, 3, 5, 13, 100} {
			checkSame(t, []byte(s[:len(s)-cut]))
		}
	}
	// Every place of the buffer's edge, at each byte of a reference, a
	// CRLF, a "]]>" and a rune.
	for pad := bufSize - 12; pad < bufSize+2; pad++ {
		checkSame(t, []byte("<a>"+strings.Repeat("x", pad)+"&#x4E2D;\r\n]]]>资</a>"))
		checkSame(t, []byte("<a>"+strings.Repeat("x", pad)+"<![CDATA[]]]>\r\n资]]></a>"))
	}
}

func TestTokenizerUTF16(t *testing.T) {
	for _, doc := range []string{
		`<?xml version="1.0" encoding="UTF-16"?><a>自评</a>`,
		`<?xml version="1.0" encoding="UTF-8"?><a>自评</a>`,
		`<a>x` + "\x01" + `</a>`,
	} {
		b := []byte{0xFF, 0xFE}
		for _, c := range utf16.Encode([]rune(doc)) {
			b = append(b, byte(c), byte(c>>8))
		}
		checkSame(t, b)
	}
}

// fuzzBodies are the bodies that seed the fuzz targets.
var fuzzBodies = []string{
	p("项目支出绩效自评表") + tbl(tr(`<w:gridBefore w:val="1"/>`, tc(span(2), "a"), tc("", "b")), tr("", cells("x", "y", "z"))),
	tbl(tr("", tc(vRestart, "A"), cells("b")), tr("", tc(vCont, "c"), cells("d")), tr("", tc(span(2)+vCont))),
	tbl(tr("", tc(hRestart+vRestart, "A"), tc(hCont+vRestart), cells("d")), tr("", tc(span(2)+vCont), cells("y"))),
	tbl(tr("", tc(vCont, "lost"), tc(hCont, "left"))),
	tbl(tr("", tc("", p("上"), tbl(tr("", cells("a", "b"))), "<w:p/>"), tc("", "x"))),
	`<w:sdt><w:sdtContent>` + tbl(tr("", `<w:sdt><w:sdtContent>`+tc("", "b")+`</w:sdtContent></w:sdt>`)) + `</w:sdtContent></w:sdt>`,
	p(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + p("c") +
		`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback>` + p("f") + `</mc:Fallback></mc:AlternateContent></w:r>`),
	p(`<w:ins>`+r("i")+`</w:ins><w:del><w:r><w:delText>d</w:delText></w:r></w:del>`, sym("Wingdings", "F0FE"), checkBox(`<w:default w:val="1"/>`)),
	p(r("a &amp; b &#x4E2D;\r\n"), `<w:r><w:t><![CDATA[<x>]]></w:t></w:r><!-- c --><?pi x?>`),
}

func FuzzTokenizer(f *testing.F) {
	for _, body := range fuzzBodies {
		f.Add([]byte(document(body)))
	}
	for _, s := range tokenizerCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkSame(t, b)
		// Tiny buffers and reads: every token crosses the buffer's edge.
		checkSameBy(t, b, iotest.OneByteReader(bytes.NewReader(b)), 1)
		checkSameBy(t, b, iotest.HalfReader(bytes.NewReader(b)), 3)
	})
}

func TestGuard(t *testing.T) {
	// A control character at every offset of the words the guard reads,
	// after lines ended by LF, CRLF and TAB.
	for n := range 40 {
		for _, c := range []byte{0, 1, 0x1F} {
			b := []byte(strings.Repeat("a\tb\r\n", 8)[:n])
			line := 1 + bytes.Count(b, []byte{'\n'})
			g := &guard{r: bytes.NewReader(append(b, c, 'x')), line: 1}
			got, err := io.ReadAll(g)
			require.Equal(t, b, got, "offset %d", n)
			require.EqualError(t, err, fmt.Sprintf("illegal character U+%04X on line %d", c, line))
			_, err = g.Read(make([]byte, 8))
			require.Error(t, err, "sticky")
		}
	}
	// None: everything passes, bytes from 0x20 up included.
	var all []byte
	for c := range 256 {
		if c >= 0x20 || c == '\t' || c == '\n' || c == '\r' {
			all = append(all, byte(c))
		}
	}
	got, err := io.ReadAll(&guard{r: bytes.NewReader(all), line: 1})
	require.NoError(t, err)
	require.Equal(t, all, got)
}
