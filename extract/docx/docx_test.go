package docx

import (
	"bytes"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

func sym(font, char string) string {
	return `<w:r><w:sym w:font="` + font + `" w:char="` + char + `"/></w:r>`
}

func checkBox(props string) string {
	return `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>` +
		`<w:checkBox><w:sizeAuto/>` + props + `</w:checkBox></w:ffData></w:fldChar></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="end"/></w:r>`
}

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{{
		name: "grid columns from gridBefore and gridSpan",
		body: tbl(
			tr(`<w:gridBefore w:val="1"/><w:trHeight w:val="400"/>`, tc(span(2), "a"), tc("", "b")),
			tr("", cells("x", "y", "z")),
		),
		want: []string{"t1r1: 1+2:a | 3:b", "t1r2: 0:x | 1:y | 2:z"},
	}, {
		name: "vMerge continue is a merged cell, its text goes to the owner",
		body: tbl(
			tr("", tc(vRestart, "项目资金"), cells("b1", "c1")),
			tr("", tc(vCont), cells("b2", "c2")),
			tr("", tc(`<w:vMerge w:val="continue"/>`, "（万元）"), cells("b3", "c3")),
			tr("", cells("a4", "b4", "c4")),
		),
		want: []string{
			"t1r1: 0:项目资金\n（万元） | 1:b1 | 2:c1",
			"t1r2: ~0 | 1:b2 | 2:c2",
			"t1r3: ~0 | 1:b3 | 2:c3",
			"t1r4: 0:a4 | 1:b4 | 2:c4",
		},
	}, {
		name: "vMerge across a span, in the last column",
		body: tbl(
			tr("", tc("", "a"), tc(span(2)+vRestart, "B")),
			tr("", tc("", "c"), tc(span(2)+vCont)),
			tr("", tc(span(3)+vCont)),
		),
		want: []string{"t1r1: 0:a | 1+2:B", "t1r2: 0:c | ~1+2", "t1r3: ~0+3"},
	}, {
		name: "hMerge continue widens the owner",
		body: tbl(
			tr("", tc(hRestart+vRestart, "A"), tc(hCont+vRestart), tc(hCont, "tail"), cells("d")),
			tr("", tc(span(2)+vCont), cells("y", "z")),
			tr("", cells("1", "2", "3", "4")),
		),
		want: []string{
			"t1r1: 0+3:A\ntail | 3:d",
			"t1r2: ~0+2 | 2:y | 3:z",
			"t1r3: 0:1 | 1:2 | 2:3 | 3:4",
		},
	}, {
		name: "content controls at body, row, cell and run level",
		body: `<w:sdt><w:sdtPr><w:alias w:val="表"/><w:placeholder><w:docPart w:val="X"/></w:placeholder></w:sdtPr><w:sdtContent>` +
			p("标题") +
			tbl(tr("", tc("", "a"),
				`<w:sdt><w:sdtPr/><w:sdtContent>`+tc("", "b")+
					tc("", `<w:sdt><w:sdtContent>`+p("c")+`</w:sdtContent></w:sdt>`)+
					`</w:sdtContent></w:sdt>`,
				tc("", p("d", `<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>`+r("e")+
					`</w:sdtContent><w:sdtEndPr><w:rPr><w:b/></w:rPr></w:sdtEndPr></w:sdt>`)))) +
			`</w:sdtContent></w:sdt>`,
		want: []string{"p1: 标题", "t1r1: 0:a | 1:b | 2:c | 3:de"},
	}, {
		name: "wrappers are read, deletions and field codes are not",
		body: p(
			`<w:hyperlink r:id="rId9">`+r("link")+`</w:hyperlink>`,
			`<w:smartTag w:uri="u" w:element="place">`+r("st")+`</w:smartTag>`,
			`<w:customXml w:element="x">`+r("cx")+`</w:customXml>`,
			`<w:ins w:id="1" w:author="a">`+r("ins")+`</w:ins>`,
			`<w:del w:id="2" w:author="a"><w:r><w:delText>gone</w:delText></w:r></w:del>`,
			`<w:moveFrom w:id="3">`+r("moved")+`</w:moveFrom>`,
			`<w:moveTo w:id="4">`+r("mt")+`</w:moveTo>`,
			`<w:fldSimple w:instr=" PAGE ">`+r("fs")+`</w:fldSimple>`,
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> NUMPAGES </w:instrText></w:r>`+
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`+r("7")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
			`<w:r><w:delInstrText>x</w:delInstrText></w:r>`,
		),
		want: []string{"p1: linkstcxinsmtfs7"},
	}, {
		name: "alternate content is read once",
		body: tbl(tr("",
			tc("", p(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>`+
				p("choice")+`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>`+
				p("fallback")+`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`)),
			tc("", p(`<w:r><mc:AlternateContent><mc:Fallback><w:pict><v:textbox><w:txbxContent>`+
				p("only")+`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`)),
		)),
		want: []string{"t1r1: 0:choice | 1:only"},
	}, {
		name: "a text box ends a line of its paragraph",
		body: p("前", `<w:r><w:drawing><wps:txbx><w:txbxContent>`+p("框")+`</w:txbxContent></wps:txbx></w:drawing></w:r>`, "后"),
		want: []string{"p1: 前\n框\n后"},
	}, {
		name: "tabs, breaks, hyphens, check box symbols, math",
		body: tbl(tr("",
			tc("", p("a", `<w:r><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/></w:r>`)),
			tc("", p(sym("Wingdings", "F0FE"), "是", sym("Wingdings", "F0A8"), "否", sym("Wingdings 2", "F052"),
				sym("Wingdings", "F06F"), sym("Wingdings", "F0FD"), sym("Wingdings", "F0FC"), sym("Symbol", "F0B7"))),
			tc("", p(checkBox(`<w:default w:val="1"/>`), "甲", checkBox(`<w:default w:val="0"/>`), "乙",
				checkBox(`<w:default w:val="1"/><w:checked w:val="0"/>`), "丙", checkBox(`<w:checked/>`))),
			tc("", p(`<m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>`)),
		)),
		want: []string{"t1r1: 0:a\tb\nc\nd-e | 1:☑是□否☑□☑✓\uF0B7 | 2:☑甲□乙□丙☑ | 3:x+1"},
	}, {
		name: "paragraphs in a cell are lines",
		body: tbl(tr("", tc("", "one", "<w:p/>", p("th", "ree")))),
		want: []string{"t1r1: 0:one\n\nthree"},
	}, {
		name: "paragraphs outside tables keep their order",
		body: p("项目支出绩效自评表") + "<w:p/>" + p("  ") + p("(2021年度)") +
			tbl(tr("", cells("a"))) +
			`<w:p><w:r><w:br w:type="page"/></w:r></w:p>` + p("注：", "单位万元") +
			tbl(tr("", cells("b"))),
		want: []string{"p1: 项目支出绩效自评表", "p2: (2021年度)", "t1r1: 0:a", "p3: 注：单位万元", "t2r1: 0:b"},
	}, {
		name: "a nested table stays in its cell",
		body: tbl(
			tr("", tc("", p("上"), tbl(tr("", cells("a", "b")), tr("", cells("", "")), tr("", cells("c", ""))), "<w:p/>"), tc("", "x")),
			tr("", cells("y", "z")),
		),
		want: []string{"t1r1: 0:上\na\tb\nc\t | 1:x", "t1r2: 0:y | 1:z"},
	}, {
		name: "a table nested two deep",
		body: tbl(tr("", tc("", tbl(tr("", tc("", tbl(tr("", cells("i", "j"))), "<w:p/>"), tc("", "k"))), "<w:p/>"))),
		want: []string{"t1r1: 0:i\tj\tk"},
	}, {
		name: "empty rows are dropped",
		body: tbl(tr(""), tr("", cells("a"))),
		want: []string{"t1r2: 0:a"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readBody(t, tt.body)
			assert.Equal(t, tt.want, show(res.Rows))
			assert.Empty(t, res.Problems)
			assert.Equal(t, model.FormatDocx, res.Format)
			assert.Empty(t, res.Encoding)
		})
	}
}

func TestOrphanMerges(t *testing.T) {
	res := readBody(t, tbl(
		tr("", tc(vCont, "lost"), cells("b")),
		tr("", tc(hCont, "left"), cells("y")),
	))
	assert.Equal(t, []string{"t1r1: 0:lost | 1:b", "t1r2: 0:left | 1:y"}, show(res.Rows))
	assert.Equal(t, []table.Problem{{
		Code: "docx.vmerge_orphan", Message: "vertically merged cell continues no cell above",
		At: model.At{Table: 1, Row: 1, Col: 1}, Cells: []string{"lost"},
	}, {
		Code: "docx.hmerge_orphan", Message: "horizontally merged cell continues no cell to its left",
		At: model.At{Table: 1, Row: 2, Col: 1}, Cells: []string{"left"},
	}}, res.Problems)
}

func TestPositions(t *testing.T) {
	res := readBody(t, p("标题")+tbl(tr("", cells("a")))+tbl(
		tr("", tc(vRestart, "A"), tc(span(2), "b")),
		tr(`<w:gridBefore w:val="1"/>`, tc(span(2), "c")),
		tr("", tc(vCont), cells("d", "e")),
	))
	want := []table.Row{{
		Cells: []table.Cell{{Text: "标题", Span: 1, At: model.At{Paragraph: 1}}},
		At:    model.At{Paragraph: 1}, Para: true,
	}, {
		Cells: []table.Cell{{Text: "a", Span: 1, At: model.At{Table: 1, Row: 1, Col: 1}}},
		At:    model.At{Table: 1, Row: 1, Col: 1}, Table: 1,
	}, {
		Cells: []table.Cell{
			{Text: "A", Span: 1, At: model.At{Table: 2, Row: 1, Col: 1}},
			{Text: "b", Col: 1, Span: 2, At: model.At{Table: 2, Row: 1, Col: 2}},
		},
		At: model.At{Table: 2, Row: 1, Col: 1}, Table: 2,
	}, {
		Cells: []table.Cell{{Text: "c", Col: 1, Span: 2, At: model.At{Table: 2, Row: 2, Col: 2}}},
		At:    model.At{Table: 2, Row: 2, Col: 2}, Table: 2,
	}, {
		// Row 2 left column 0 empty: the continue in row 3 has no owner.
		Cells: []table.Cell{
			{Text: "", Span: 1, At: model.At{Table: 2, Row: 3, Col: 1}},
			{Text: "d", Col: 1, Span: 1, At: model.At{Table: 2, Row: 3, Col: 2}},
			{Text: "e", Col: 2, Span: 1, At: model.At{Table: 2, Row: 3, Col: 3}},
		},
		At: model.At{Table: 2, Row: 3, Col: 1}, Table: 2,
	}}
	assert.Equal(t, want, res.Rows)
	require.Len(t, res.Problems, 1)
	assert.Equal(t, "docx.vmerge_orphan", res.Problems[0].Code)
}

func TestStrictNamespace(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main" w:conformance="strict"><w:body>` +
		tbl(tr("", tc(vRestart, "a"), cells("b")), tr("", tc(vCont), cells("c"))) + `</w:body></w:document>`
	res, err := Parse(bytes.NewReader([]byte(doc)))
	require.NoError(t, err)
	assert.Equal(t, []string{"t1r1: 0:a | 1:b", "t1r2: ~0 | 1:c"}, show(res.Rows))
}

func TestOtherPrefix(t *testing.T) {
	doc := `<ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:body>` +
		`<ns0:p><ns0:r><ns0:t>标题</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>`
	res, err := Parse(bytes.NewReader([]byte(doc)))
	require.NoError(t, err)
	assert.Equal(t, []string{"p1: 标题"}, show(res.Rows))
}

func TestUTF16Part(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-16" standalone="yes"?>` + document(p("自评表") + tbl(tr("", cells("得分"))))[len(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`):]
	u := utf16.Encode([]rune(doc))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	res, err := Parse(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, []string{"p1: 自评表", "t1r1: 0:得分"}, show(res.Rows))
}

func TestUTF8BOM(t *testing.T) {
	res, err := Parse(bytes.NewReader(append([]byte{0xEF, 0xBB, 0xBF}, document(p("甲"))...)))
	require.NoError(t, err)
	assert.Equal(t, []string{"p1: 甲"}, show(res.Rows))
}

func TestMainPartFromRels(t *testing.T) {
	b := zipOf(t,
		entry{"[Content_Types].xml", []byte(contentTypes)},
		entry{"_rels/.rels", []byte(rels("/word/document2.xml"))},
		entry{"word/document.xml", []byte(document(p("wrong")))},
		entry{"word/document2.xml", []byte(document(p("right")))},
	)
	res, err := Read(bytes.NewReader(b), int64(len(b)), DefaultLimits)
	require.NoError(t, err)
	assert.Equal(t, []string{"p1: right"}, show(res.Rows))

	// Without relationships, and with the name in other case.
	b = zipOf(t, entry{"Word/Document.xml", []byte(document(p("found")))})
	res, err = Read(bytes.NewReader(b), int64(len(b)), DefaultLimits)
	require.NoError(t, err)
	assert.Equal(t, []string{"p1: found"}, show(res.Rows))
}

func TestSymbol(t *testing.T) {
	tests := []struct{ font, char, want string }{
		{"Wingdings", "F0FE", "☑"},
		{"Wingdings", "f0fd", "☑"},
		{"Wingdings", "00FE", "☑"},
		{"wingdings", "F0A8", "□"},
		{"Wingdings", "F06F", "□"},
		{"Wingdings 2", "F052", "☑"},
		{"Wingdings 2", "F0A3", "□"},
		{"Wingdings 2", "F050", "✓"},
		{"Wingdings", "F0FB", "✗"},
		{"", "F0FE", "☑"},
		{"", "0052", "R"},
		{"Symbol", "F0B7", "\uF0B7"},
		{"SimSun", "2611", "☑"},
		{"Wingdings", "zz", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, symbol(tt.font, tt.char), "%s %s", tt.font, tt.char)
	}
}
