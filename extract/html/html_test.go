package html

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	nethtml "golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/jixiao/jixiao/extract/decode"
	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// show renders rows compactly for assertions: "t1r2: 0:a | 1+2:b | ~3"
// (col, +span when not 1, ~ for a merged cell), "p3: text" for paragraphs.
func show(rows []table.Row) []string {
	var out []string
	for _, row := range rows {
		var b strings.Builder
		if row.Para {
			fmt.Fprintf(&b, "p%d: %s", row.At.Paragraph, row.Cells[0].Text)
			out = append(out, b.String())
			continue
		}
		fmt.Fprintf(&b, "t%dr%d:", row.Table, row.At.Row)
		for i, c := range row.Cells {
			if i > 0 {
				b.WriteString(" |")
			}
			b.WriteByte(' ')
			if c.Merged {
				b.WriteByte('~')
			}
			fmt.Fprintf(&b, "%d", c.Col)
			if c.Span != 1 {
				fmt.Fprintf(&b, "+%d", c.Span)
			}
			if !c.Merged {
				b.WriteString(":" + c.Text)
			}
		}
		out = append(out, b.String())
	}
	return out
}

func page(body string) string {
	return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>自评表</title>" +
		"<style>td { border: 1px solid }</style></head>\n<body>\n" + body + "\n</body></html>"
}

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{{
		name: "nested tables stay in their cell",
		body: `<table><tr><td>a<table><tr><td>x</td><td>y</td></tr><tr><td></td><td></td></tr><tr><td>z</td></tr></table></td><td>b</td></tr>
			<tr><td>c</td><td><table><tr><td><table><tr><td>i</td><td>j</td></tr></table></td><td>k</td></tr></table></td></tr></table>`,
		want: []string{"t1r1: 0:a\nx\ty\nz | 1:b", "t1r2: 0:c | 1:i\tj\tk"},
	}, {
		name: "rowspan and colspan together",
		body: `<table>
			<tr><td rowspan="2" colspan="2">A</td><td>b</td></tr>
			<tr><td>c</td></tr>
			<tr><td>d</td><td rowspan=2>E</td><td>f</td></tr>
			<tr><td>g</td><td>h</td></tr>
			<tr><td>x</td><td colspan="x">y</td><td rowspan=2>Z</td></tr>
			<tr><td>w</td><td>v</td></tr>
			</table>`,
		want: []string{
			"t1r1: 0+2:A | 2:b",
			"t1r2: ~0+2 | 2:c",
			"t1r3: 0:d | 1:E | 2:f",
			"t1r4: 0:g | ~1 | 2:h",
			"t1r5: 0:x | 1:y | 2:Z",
			"t1r6: 0:w | 1:v | ~2",
		},
	}, {
		name: "a rowspan ends with its row group",
		body: `<table><thead><tr><th rowspan="3">H</th><th>a</th></tr><tr><th>b</th></tr></thead>
			<tbody><tr><td>c</td><td>d</td></tr><tr><td rowspan="0">R</td><td>e</td></tr><tr><td>f</td></tr></tbody>
			<tbody><tr><td>g</td><td>h</td></tr></tbody></table>`,
		want: []string{"t1r1: 0:H | 1:a", "t1r2: ~0 | 1:b", "t1r3: 0:c | 1:d", "t1r4: 0:R | 1:e", "t1r5: ~0 | 1:f", "t1r6: 0:g | 1:h"},
	}, {
		name: "white space collapses, br and blocks end lines",
		body: `<table><tr>
			<td>
				项目
				资金 <br> （万元）
			</td>
			<td><p>a</p><p><br></p><p>b</p><div>c<div>d</div></div></td>
			<td>&nbsp;&nbsp;其他资金</td>
			<td>a &nbsp; b</td>
			<td>hello
			world, 达到
			100%</td>
			<td><p>  </p><span> x </span> <b>y</b>&nbsp;</td>
			</tr></table>`,
		want: []string{"t1r1: 0:项目资金\n（万元） | 1:a\n\nb\nc\nd | 2:  其他资金 | 3:a   b | 4:hello world, 达到100% | 5:x y"},
	}, {
		name: "preformatted text keeps its white space",
		body: "<table><tr><td><pre>a  b\n  c</pre>d  e</td></tr></table>",
		want: []string{"t1r1: 0:a  b\n  c\nd e"},
	}, {
		name: "text outside tables is paragraphs in order",
		body: `<h1>项目支出绩效<span>自评表</span></h1> <p>(2021<font>年度</font>)</p>
			<table><caption>表一</caption><tr><td>a</td></tr></table>
			<p><br></p>注：<b>单位</b><br>万元<div>末</div>
			<table><tr><th>b</th></tr></table>`,
		want: []string{"p1: 项目支出绩效自评表", "p2: (2021年度)", "p3: 表一", "t1r1: 0:a", "p4: 注：单位\n万元", "p5: 末", "t2r1: 0:b"},
	}, {
		name: "empty filler rows are dropped",
		body: `<table><tr><td>a</td><td>b</td></tr>
			<tr height="0"><td width="80"></td><td width="80"></td></tr>
			<tr><td style="width:0pt; border:none"></td><td style="width: 0"></td></tr>
			<tr style="height:0in"><td> </td><td>&nbsp;</td></tr>
			<tr><td></td><td></td></tr>
			<tr height="0"><td>kept</td><td></td></tr>
			<tr></tr></table>`,
		want: []string{"t1r1: 0:a | 1:b", "t1r5: 0: | 1:", "t1r6: 0:kept | 1:"},
	}, {
		name: "as Word saves a table",
		body: "<div class=WordSection1>\n<p class=MsoNormal align=center style='text-align:center'><b><span\nstyle='font-size:16.0pt;font-family:宋体'>项目支出绩效自评表</span></b></p>\n" +
			"<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>\n <tr style='height:20.0pt'>\n" +
			"  <td width=60 rowspan=2 style='width:45.0pt'>\n  <p class=MsoNormal><span style='font-family:宋体'>项目资金<o:p></o:p></span></p>\n" +
			"  <p class=MsoNormal><span style='font-family:宋体'>（万元）</span></p>\n  </td>\n" +
			"  <td width=84 style='width:63.0pt'><p class=MsoNormal><span lang=EN-US>&nbsp;</span></p></td>\n </tr>\n" +
			" <tr>\n  <td width=84><p class=MsoNormal><span style='font-family:宋体'>以建立社会保险全覆盖体系为目标，按照国家及自治区对信息安全等\n级保护的要求</span></p></td>\n </tr>\n" +
			" <![if !supportMisalignedColumns]>\n <tr height=0>\n  <td width=60 style='border:none'></td>\n  <td width=84 style='border:none'></td>\n </tr>\n <![endif]>\n" +
			"</table>\n<p class=MsoNormal><span lang=EN-US>&nbsp;</span></p>\n</div>",
		want: []string{"p1: 项目支出绩效自评表", "t1r1: 0:项目资金\n（万元） | 1:", "t1r2: ~0 | 1:以建立社会保险全覆盖体系为目标，按照国家及自治区对信息安全等级保护的要求"},
	}, {
		name: "hidden text, check boxes, comments and scripts",
		body: `<table><tr><td>a<span style="display: none">x</span><span style='mso-hide:all'>y</span><span hidden>z</span>b</td>
			<td><input type="checkbox" checked>是<input type=checkbox>否<input type="radio">丙</td>
			<td><!-- note -->c<script>var s = "<td>";</script><style>p{}</style></td></tr></table>`,
		want: []string{"t1r1: 0:ab | 1:☑是□否□丙 | 2:c"},
	}, {
		name: "cells left open are closed by the parser",
		body: `<table><tr><td>a<td>b<tr><td colspan=2>c</table>`,
		want: []string{"t1r1: 0:a | 1:b", "t1r2: 0+2:c"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read([]byte(page(tt.body)))
			require.NoError(t, err)
			assert.Equal(t, tt.want, show(res.Rows))
			assert.Empty(t, res.Problems)
			assert.Equal(t, model.FormatHTML, res.Format)
			assert.Equal(t, model.EncUTF8, res.Encoding)
		})
	}
}

// The table reader takes a table's own parts in document order: row
// groups as they come (a tfoot before its tbody stays first), captions
// between them, and not the rows or captions of a nested table.
func TestTableParts(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{{
		name: "row groups and captions in document order",
		body: `<table><tfoot><tr><td>f</td></tr></tfoot><tbody><tr><td>b</td></tr></tbody><caption>c</caption><thead><tr><td>h</td></tr></thead></table>`,
		want: []string{"t1r1: 0:f", "t1r2: 0:b", "p1: c", "t1r3: 0:h"},
	}, {
		name: "hidden tables, row groups, rows, cells and captions",
		body: `<table hidden><tr><td>x</td></tr></table>
			<table><tbody style="display:none"><tr><td>y</td></tr></tbody><tr hidden><td>z</td></tr>
			<tr><td hidden>h</td><td>a</td></tr><caption style="display: NONE">c</caption></table>`,
		want: []string{"t1r1: 0:a"},
	}, {
		name: "a rowspan does not reach past a hidden row group",
		body: `<table><tr><td rowspan=3>a</td><td>b</td></tr><tbody hidden><tr><td>c</td></tr></tbody><tr><td>d</td></tr></table>`,
		want: []string{"t1r1: 0:a | 1:b", "t1r2: 0:d"},
	}, {
		name: "a caption is paragraphs, with its nested table",
		body: `<table><caption>表<p>x</p><table><tr><td>a</td><td>b</td></tr></table>y</caption><tr><td>c</td></tr></table>`,
		want: []string{"p1: 表", "p2: x", "p3: a\tb\ny", "t1r1: 0:c"},
	}, {
		name: "a nested table's caption is not read",
		body: `<table><tr><td><table><caption>nc</caption><tr><td>i</td></tr></table></td></tr></table>`,
		want: []string{"t1r1: 0:i"},
	}, {
		name: "tables inside blocks and inline text",
		body: `<div><table><tr><td>a</td></tr></table></div><p>b<table><tr><td>c</td></tr></table>d</p>`,
		want: []string{"t1r1: 0:a", "p1: b", "t2r1: 0:c", "p2: d"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read([]byte(page(tt.body)))
			require.NoError(t, err)
			assert.Equal(t, tt.want, show(res.Rows))
			assert.Empty(t, res.Problems)
		})
	}
}

func TestPositions(t *testing.T) {
	res, err := Read([]byte(page(`<p>标题</p><table><tr><td rowspan=2>A</td><td colspan=2>b</td></tr><tr><td>c</td><td>d</td></tr></table>`)))
	require.NoError(t, err)
	want := []table.Row{{
		Cells: []table.Cell{{Text: "标题", Span: 1, At: model.At{Paragraph: 1}}},
		At:    model.At{Paragraph: 1}, Para: true,
	}, {
		Cells: []table.Cell{
			{Text: "A", Span: 1, At: model.At{Table: 1, Row: 1, Col: 1}},
			{Text: "b", Col: 1, Span: 2, At: model.At{Table: 1, Row: 1, Col: 2}},
		},
		At: model.At{Table: 1, Row: 1, Col: 1}, Table: 1,
	}, {
		Cells: []table.Cell{
			{Span: 1, Merged: true, At: model.At{Table: 1, Row: 2, Col: 1}},
			{Text: "c", Col: 1, Span: 1, At: model.At{Table: 1, Row: 2, Col: 2}},
			{Text: "d", Col: 2, Span: 1, At: model.At{Table: 1, Row: 2, Col: 3}},
		},
		At: model.At{Table: 1, Row: 2, Col: 1}, Table: 1,
	}}
	assert.Equal(t, want, res.Rows)
}

func gbk(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

func TestCharset(t *testing.T) {
	const tbl = "<table><tr><td>项目资金（万元）</td><td>≥95%</td></tr></table>"
	want := []string{"t1r1: 0:项目资金（万元） | 1:≥95%"}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("<p>标题</p>" + tbl))
	require.NoError(t, err)
	tests := []struct {
		name    string
		data    []byte
		enc     string
		problem string
	}{
		{"meta charset gb2312", gbk(t, `<html><head><meta charset="gb2312"></head><body>`+tbl), model.EncGB18030, ""},
		{"meta http-equiv gbk", gbk(t, `<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GBK"></HEAD><BODY>`+tbl), model.EncGB18030, ""},
		{"meta http-equiv quoted", gbk(t, `<meta http-equiv=content-type content='text/html;charset="gb2312"'>`+tbl), model.EncGB18030, ""},
		{"unlabelled gbk", gbk(t, tbl), model.EncGB18030, ""},
		{"unlabelled utf-8", []byte(tbl), model.EncUTF8, ""},
		{"utf-8 bom over a gbk label", append([]byte("\xEF\xBB\xBF<meta charset=gbk>"), tbl...), model.EncUTF8BOM, ""},
		{"utf-16 with bom", utf16, model.EncUTF16LE, ""},
		{"label utf-16 without bom", []byte(`<meta charset="utf-16">` + tbl), model.EncUTF8, ""},
		{"label says utf-8, bytes are gbk", gbk(t, `<meta charset="utf-8">`+tbl), model.EncGB18030, "html.charset_mismatch"},
		{"label not read", []byte(`<meta charset="big5">` + tbl), model.EncUTF8, "html.charset_unknown"},
		{"meta after body is not read", gbk(t, `<body><meta charset="utf-8">`+tbl), model.EncGB18030, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(tt.data)
			require.NoError(t, err)
			rows := show(res.Rows)
			if len(rows) > 1 {
				rows = rows[1:] // the UTF-16 page's title
			}
			assert.Equal(t, want, rows)
			assert.Equal(t, tt.enc, res.Encoding)
			if tt.problem == "" {
				assert.Empty(t, res.Problems)
			} else {
				require.Len(t, res.Problems, 1)
				assert.Equal(t, tt.problem, res.Problems[0].Code)
			}
		})
	}

	_, err = Read([]byte("<p>\x81\x20\xFF\xFE</p>"))
	assert.ErrorIs(t, err, decode.ErrUndecodable)
	var te *table.Error
	assert.ErrorAs(t, err, &te)
}

func TestContentCharset(t *testing.T) {
	tests := map[string]string{
		"text/html; charset=gb2312":         "gb2312",
		"text/html;charset = \"GBK\" ; x":   "GBK",
		"text/html; charset='utf-8'":        "utf-8",
		"text/html; charset=":               "",
		"text/html; charset=\"unterminated": "",
		"text/html; charsetx; charset=gbk":  "gbk",
		"text/html":                         "",
	}
	for in, want := range tests {
		assert.Equal(t, want, contentCharset(in), in)
	}
}

func TestSpan(t *testing.T) {
	tests := []struct {
		val  string
		want int
	}{{"", 1}, {"2", 2}, {" 3 ", 3}, {"4px", 4}, {"0", 1}, {"-1", 1}, {"x", 1}, {"5000", 1000}, {"99999999999999999999", 1000}}
	for _, tt := range tests {
		n := &nethtml.Node{Attr: []nethtml.Attribute{{Key: "colspan", Val: tt.val}}}
		assert.Equal(t, tt.want, span(n, "colspan", 1, 1000), tt.val)
	}
}
