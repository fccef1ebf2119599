package check

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jixiao/jixiao/model"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden")

// reportDocs returns three documents: a text file with a clean form and
// one that breaks several rules, a docx file with a finding, and a file
// that could not be read.
func reportDocs() []*model.Document {
	bad := cleanForm()
	bad.Index, bad.At = 2, model.At{Line: 40}
	bad.ProjectName = "个人权益单发放工作经费"
	bad.Funds.Total.ExecutionRate = dp("80.5")
	bad.Goals.Achieved = "项目资金已支付9.95万元，资金执行率达到98.6%。"
	byLine(bad, 23).Score = dp("4.08")
	byLine(bad, 22).Score = dp("6.76")
	bad.Total.Score = dp("95.23")

	text := &model.Document{
		Schema: model.SchemaVersion, Status: model.StatusPartial,
		Source: model.Source{Path: "in/changji.txt", Format: model.FormatTextCells},
		Forms:  []model.Form{*cleanForm(), *bad},
		Problems: []model.Problem{
			{Severity: model.SevWarning, Code: "row.unplaced", Message: "未能归入表格的行", At: model.At{Line: 90}},
		},
	}

	docx := cleanForm()
	docx.At = model.At{Table: 1, Row: 1, Col: 1}
	docx.ProjectName = ""
	docx.Title = "项目支出绩效自评表"
	docx.Total.At = model.At{Table: 1, Row: 30, Col: 2}
	docx.Total.Grade = "良"
	word := &model.Document{
		Schema: model.SchemaVersion, Status: model.StatusOK,
		Source: model.Source{Path: "in/bundle.zip", Entry: "a.docx", Format: model.FormatDocx},
		Forms:  []model.Form{*docx},
	}

	failed := &model.Document{
		Schema: model.SchemaVersion, Status: model.StatusFailed,
		Source: model.Source{Path: "in/broken.docx"},
		Problems: []model.Problem{
			{Severity: model.SevError, Code: "read.failed", Message: "不是有效的docx文件"},
		},
	}
	docs := []*model.Document{text, word, failed}
	for _, d := range docs {
		Document(d, nil)
	}
	return docs
}

func TestWriteReportGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteReport(&buf, reportDocs(), ReportOptions{}))
	golden := filepath.Join("testdata", "report.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), buf.String())
	assert.NotContains(t, buf.String(), "\x1b[", "no colour unless asked")
}

func TestWriteReportOptions(t *testing.T) {
	var plain, color, all bytes.Buffer
	docs := reportDocs()
	require.NoError(t, WriteReport(&plain, docs, ReportOptions{}))
	require.NoError(t, WriteReport(&color, docs, ReportOptions{Color: true}))
	require.NoError(t, WriteReport(&all, docs, ReportOptions{All: true}))

	c := color.String()
	assert.Contains(t, c, ansiRed+"错误"+ansiReset+"  第10行")
	assert.Contains(t, c, ansiYellow+"警告"+ansiReset)
	assert.Contains(t, c, ansiCyan+"提示"+ansiReset)
	assert.Contains(t, c, ansiBold+"in/changji.txt"+ansiReset)
	assert.Contains(t, c, ansiDim+"["+CodeRateMismatch+"]"+ansiReset)
	stripped := c
	for _, esc := range []string{ansiReset, ansiBold, ansiDim, ansiRed, ansiYellow, ansiCyan} {
		stripped = strings.ReplaceAll(stripped, esc, "")
	}
	assert.Equal(t, plain.String(), stripped, "colour only adds escapes")

	assert.NotContains(t, plain.String(), "[1] 访惠聚工作经费")
	assert.Contains(t, all.String(), "  [1] 访惠聚工作经费  第1行\n      未发现问题\n")
}

func TestWriteReportEmpty(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteReport(&buf, nil, ReportOptions{}))
	assert.Equal(t, "共0个文件、0张表：错误0条，警告0条，提示0条；0张表无错误和警告。\n", buf.String())
}

func TestWriteJSON(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, reportDocs()))
	out := buf.String()
	assert.Contains(t, out, "\n  \"files\": [", "two-space indent")
	assert.Contains(t, out, "<=12.2万元", "no HTML escaping")

	var r struct {
		Files []struct {
			Path   string `json:"path"`
			Entry  string `json:"entry"`
			Status string `json:"status"`
			Forms  []struct {
				Index    int             `json:"index"`
				Findings []model.Finding `json:"findings"`
			} `json:"forms"`
			Problems []model.Problem `json:"problems"`
		} `json:"files"`
		Summary tally `json:"summary"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &r))
	assert.Equal(t, tally{Files: 3, Forms: 3, Clean: 1, Error: 1, Warning: 4, Info: 1}, r.Summary)
	require.Len(t, r.Files, 3)
	assert.Equal(t, "a.docx", r.Files[1].Entry)
	require.Len(t, r.Files[0].Forms, 2)
	assert.NotNil(t, r.Files[0].Forms[0].Findings)
	assert.Empty(t, r.Files[0].Forms[0].Findings)
	assert.Equal(t, []string{CodeRateMismatch, CodeNarrativeRate, CodeNarrativeAmount, CodeTruncated, CodeReverseAsPositive},
		codes(r.Files[0].Forms[1].Findings))
	assert.Empty(t, r.Files[0].Problems, "problems only for a failed file")
	require.Len(t, r.Files[2].Problems, 1)
	assert.Equal(t, "read.failed", r.Files[2].Problems[0].Code)
	assert.NotNil(t, r.Files[2].Forms)
	assert.Empty(t, r.Files[2].Forms)
	assert.Contains(t, out, `"forms": []`)
}
