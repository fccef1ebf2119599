package main

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The fixed text of an HTML export, as LibreOffice writes a Word document
// out (testdata/changji-2021.html).
const (
	htmlHead = `<!DOCTYPE html>
<html>
<head>
	<meta http-equiv="content-type" content="text/html; charset=utf-8"/>
	<title></title>
	<meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>
	<meta name="created" content="2022-03-01T09:00:00"/>
	<meta name="changed" content="2022-03-01T09:00:00"/>
	<style type="text/css">
		@page { size: 8.5in 11in; margin-left: 1.25in; margin-right: 1.25in; margin-top: 1in; margin-bottom: 1in }
		p { line-height: 115%; text-align: left; orphans: 2; widows: 2; margin-bottom: 0.08in; direction: ltr; background: transparent }
		p.western { font-family: "SimSun", serif; font-size: 10pt }
		p.cjk { font-size: 10pt }
	</style>
</head>
<body lang="en-US" link="#000080" vlink="#800000" dir="ltr">
`
	htmlTable      = `<table width="576" cellpadding="7" cellspacing="0">` + "\n"
	htmlTableBreak = `<p class="western" style="margin-bottom: 0.14in"><br/>` + "\n<br/>\n\n</p>\n" +
		`<table width="576" cellpadding="7" cellspacing="0" style="page-break-before: always">` + "\n"
	htmlCellStyle = ` style="border: 1px solid #000000; padding: 0in 0.08in">`
	htmlPara      = `<p class="western" align="left" style="orphans: 2; widows: 2">` + "\n\t\t\t"
	htmlEmpty     = "<br/>\n\n\t\t\t"
	htmlFontOpen  = `<font face="ＭＳ 明朝">`
	htmlTail      = "</body>\n</html>"
)

// htmlColWidths are the widths LibreOffice gives the nine columns, in
// pixels; a cell spanning columns is as wide as they are plus the padding
// between them.
var htmlColWidths = [gridCols]int{49, 50, 50, 50, 50, 50, 50, 50, 49}

// htmlPadding is the padding of a cell on both sides.
const htmlPadding = 14

// appendHTML appends forms as LibreOffice's HTML export of the Word
// document: one table each, vertical merges as rowspan, spans as colspan,
// and the East Asian runs of each paragraph in a font element.
func appendHTML(dst []byte, forms []*Form) []byte {
	dst = append(dst, htmlHead...)
	for i, f := range forms {
		if i == 0 {
			dst = append(dst, htmlTable...)
		} else {
			dst = append(dst, htmlTableBreak...)
		}
		for _, w := range htmlColWidths {
			dst = append(dst, "\t<col width=\""...)
			dst = strconv.AppendInt(dst, int64(w), 10)
			dst = append(dst, "\"/>\n\n"...)
		}
		for _, row := range f.grid() {
			if row.title {
				dst = append(dst, "\t<tr>\n"...)
			} else {
				dst = append(dst, "\t<tr valign=\"top\">\n"...)
			}
			col := 0
			for _, c := range row.cells {
				if c.merge != mergeContinue {
					dst = appendHTMLCell(dst, c, col, row.title)
				}
				col += c.span
			}
			dst = append(dst, "\t</tr>\n"...)
		}
		dst = append(dst, "</table>\n"...)
	}
	return append(dst, htmlTail...)
}

// appendHTMLCell appends the td of c, which starts at grid column col.
func appendHTMLCell(dst []byte, c gridCell, col int, top bool) []byte {
	dst = append(dst, "\t\t<td"...)
	if c.merge == mergeRestart && c.rows > 1 {
		dst = append(dst, ` rowspan="`...)
		dst = strconv.AppendInt(dst, int64(c.rows), 10)
		dst = append(dst, '"')
	}
	if c.span > 1 {
		dst = append(dst, ` colspan="`...)
		dst = strconv.AppendInt(dst, int64(c.span), 10)
		dst = append(dst, '"')
	}
	width := htmlPadding * (c.span - 1)
	for _, w := range htmlColWidths[col : col+c.span] {
		width += w
	}
	dst = append(dst, ` width="`...)
	dst = strconv.AppendInt(dst, int64(width), 10)
	dst = append(dst, '"')
	if top {
		dst = append(dst, ` valign="top"`...)
	}
	dst = append(dst, htmlCellStyle...)
	if c.text == "" {
		dst = append(dst, htmlPara...)
		dst = append(dst, htmlEmpty...)
		dst = append(dst, "</p>\n"...)
	} else {
		for i, p := range strings.Split(c.text, "\n") {
			if i > 0 {
				dst = append(dst, "\t\t\t"...)
			}
			dst = append(dst, htmlPara...)
			dst = appendRuns(dst, p)
			dst = append(dst, "</p>\n"...)
		}
	}
	return append(dst, "\t\t</td>\n"...)
}

// appendRuns appends the paragraph p escaped, its East Asian runs wrapped
// in the font element LibreOffice uses for them. Punctuation shared by the
// scripts (quotes, dashes, ≥) belongs to the run it follows, and to the
// Western run at the start of a paragraph.
func appendRuns(dst []byte, p string) []byte {
	asian := false
	start := 0
	flush := func(end int) {
		if start == end {
			return
		}
		if asian {
			dst = append(dst, htmlFontOpen...)
			dst = appendEscaped(dst, p[start:end])
			dst = append(dst, "</font>"...)
		} else {
			dst = appendEscaped(dst, p[start:end])
		}
		start = end
	}
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		if s := script(r); s != scriptWeak && (s == scriptAsian) != asian {
			flush(i)
			asian = s == scriptAsian
		}
		i += n
	}
	flush(len(p))
	return dst
}

// The scripts a character can belong to.
const (
	scriptWestern = iota
	scriptAsian
	scriptWeak // takes the script of the text before it
)

// script classifies r the way a word processor picks its font.
func script(r rune) int {
	switch {
	case r < utf8.RuneSelf:
		return scriptWestern
	case unicode.Is(unicode.Han, r),
		r >= 0x3000 && r <= 0x303f, // CJK symbols and punctuation
		r >= 0xff00 && r <= 0xffef: // full-width forms
		return scriptAsian
	case r >= 0x2000 && r <= 0x206f, // general punctuation
		r >= 0x2200 && r <= 0x22ff: // mathematical operators
		return scriptWeak
	}
	return scriptWestern
}
