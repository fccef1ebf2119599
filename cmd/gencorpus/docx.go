package main

import (
	"archive/zip"
	"bytes"
	"strconv"
	"strings"
	"time"
)

// The fixed parts of a Word package: the content types, the package
// relationships and the (empty) relationships of the document.
const (
	docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`</Types>`
	docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`</Relationships>`
	docxDocumentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`

	docxHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
		`xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	docxTableHead = `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>` +
		`<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>` +
		`</w:tblPr><w:tblGrid>`
	docxPageBreak = `<w:p><w:r><w:br w:type="page"/></w:r></w:p>`
	docxTail      = `<w:sectPr><w:pgSz w:w="12240" w:h="15840"/>` +
		`<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="720" w:footer="720" w:gutter="0"/>` +
		`<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>`
)

// docxColWidth is the width of a grid column in twentieths of a point.
const docxColWidth = 960

// docxTime is the modification time stamped on every part, so that the
// same forms give the same bytes.
var docxTime = time.Date(2022, 3, 1, 9, 0, 0, 0, time.UTC)

// docxParts are the parts of the package, in the order Word writes them.
var docxParts = []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels"}

// docxFile returns a Word package holding one table for each form, the
// tables separated by page breaks.
func docxFile(forms []*Form) ([]byte, error) {
	doc := appendDocument(nil, forms)
	var buf bytes.Buffer
	buf.Grow(len(doc)/4 + 2048)
	zw := zip.NewWriter(&buf)
	for _, name := range docxParts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: docxTime})
		if err != nil {
			return nil, err
		}
		switch name {
		case "[Content_Types].xml":
			_, err = w.Write([]byte(docxContentTypes))
		case "_rels/.rels":
			_, err = w.Write([]byte(docxRels))
		case "word/document.xml":
			_, err = w.Write(doc)
		default:
			_, err = w.Write([]byte(docxDocumentRels))
		}
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// appendDocument appends word/document.xml for forms to dst.
func appendDocument(dst []byte, forms []*Form) []byte {
	dst = append(dst, docxHead...)
	for i, f := range forms {
		if i > 0 {
			dst = append(dst, docxPageBreak...)
		}
		dst = append(dst, docxTableHead...)
		for range gridCols {
			dst = append(dst, `<w:gridCol w:w="`+strconv.Itoa(docxColWidth)+`"/>`...)
		}
		dst = append(dst, "</w:tblGrid>"...)
		for _, row := range f.grid() {
			dst = append(dst, "<w:tr>"...)
			for _, c := range row.cells {
				dst = appendDocxCell(dst, c)
			}
			dst = append(dst, "</w:tr>"...)
		}
		dst = append(dst, "</w:tbl>"...)
	}
	return append(dst, docxTail...)
}

// appendDocxCell appends one w:tc: its width, span and merge, then a
// paragraph for each of its lines.
func appendDocxCell(dst []byte, c gridCell) []byte {
	dst = append(dst, `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="`...)
	dst = strconv.AppendInt(dst, int64(c.span*docxColWidth), 10)
	dst = append(dst, `"/>`...)
	if c.span > 1 {
		dst = append(dst, `<w:gridSpan w:val="`...)
		dst = strconv.AppendInt(dst, int64(c.span), 10)
		dst = append(dst, `"/>`...)
	}
	switch c.merge {
	case mergeRestart:
		dst = append(dst, `<w:vMerge w:val="restart"/>`...)
	case mergeContinue:
		dst = append(dst, `<w:vMerge/>`...)
	}
	dst = append(dst, "</w:tcPr>"...)
	switch {
	case c.text != "":
		for p := range strings.SplitSeq(c.text, "\n") {
			dst = append(dst, "<w:p><w:r><w:t>"...)
			dst = appendEscaped(dst, p)
			dst = append(dst, "</w:t></w:r></w:p>"...)
		}
	case c.run:
		dst = append(dst, "<w:p><w:r/></w:p>"...)
	default:
		dst = append(dst, "<w:p/>"...)
	}
	return append(dst, "</w:tc>"...)
}

// appendEscaped appends s with the characters markup reserves escaped.
func appendEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&':
			dst = append(dst, "&amp;"...)
		case '<':
			dst = append(dst, "&lt;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		default:
			dst = append(dst, s[i])
		}
	}
	return dst
}
