package check

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/jixiao/jixiao/model"
)

// ReportOptions controls WriteReport.
type ReportOptions struct {
	// Color marks severities and file names with ANSI colours; set it only
	// when writing to a terminal.
	Color bool
	// All lists every form, also those with nothing to report.
	All bool
}

// ANSI escapes used when ReportOptions.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// sevLabels are the Chinese names of the severities and their colours.
var sevLabels = map[string][2]string{
	model.SevError:   {"错误", ansiRed},
	model.SevWarning: {"警告", ansiYellow},
	model.SevInfo:    {"提示", ansiCyan},
}

// tally counts what a report covers.
type tally struct {
	Files   int `json:"files"`
	Forms   int `json:"forms"`
	Clean   int `json:"clean_forms"`
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// count adds a form's findings to t.
func (t *tally) count(fs []model.Finding) {
	t.Forms++
	clean := true
	for _, f := range fs {
		switch f.Severity {
		case model.SevError:
			t.Error++
			clean = false
		case model.SevWarning:
			t.Warning++
			clean = false
		case model.SevInfo:
			t.Info++
		}
	}
	if clean {
		t.Clean++
	}
}

// WriteReport writes the findings already set on the forms of docs (see
// Document) as readable Chinese text: for each file its path, then each
// form with findings by its index, name and position, and under it one
// line per finding with severity, position, message and code. A file that
// could not be read shows its errors. The last line sums up: files, forms,
// findings by severity, and the forms with no error or warning.
func WriteReport(w io.Writer, docs []*model.Document, opt ReportOptions) error {
	bw := bufio.NewWriter(w)
	paint := func(color, s string) string {
		if !opt.Color || color == "" {
			return s
		}
		return color + s + ansiReset
	}
	var t tally
	for _, d := range docs {
		if d == nil {
			continue
		}
		t.Files++
		path := d.Source.Path
		if d.Source.Entry != "" {
			path += ":" + d.Source.Entry
		}
		fmt.Fprintf(bw, "%s（%d张表）\n", paint(ansiBold, path), len(d.Forms))
		if d.Status == model.StatusFailed {
			for _, p := range d.Problems {
				if p.Severity == model.SevError {
					fmt.Fprintf(bw, "  %s  无法读取：%s\n", paint(ansiRed, "错误"), p.Message)
				}
			}
		}
		listed := 0
		for i := range d.Forms {
			f := &d.Forms[i]
			t.count(f.Findings)
			if len(f.Findings) == 0 && !opt.All {
				continue
			}
			listed++
			fmt.Fprintf(bw, "  [%d] %s", f.Index, formName(f))
			if loc := where(f.At); loc != "" {
				fmt.Fprintf(bw, "  %s", loc)
			}
			bw.WriteString("\n")
			if len(f.Findings) == 0 {
				bw.WriteString("      未发现问题\n")
			}
			for _, fd := range f.Findings {
				lab := sevLabels[fd.Severity]
				if lab[0] == "" {
					lab[0] = fd.Severity
				}
				fmt.Fprintf(bw, "      %s  ", paint(lab[1], lab[0]))
				if loc := where(fd.At); loc != "" {
					fmt.Fprintf(bw, "%s  ", loc)
				}
				fmt.Fprintf(bw, "%s  %s\n", fd.Message, paint(ansiDim, "["+fd.Code+"]"))
			}
		}
		if listed == 0 && len(d.Forms) > 0 {
			bw.WriteString("  全部表格未发现问题\n")
		}
		if n := len(d.Problems); n > 0 && d.Status != model.StatusFailed {
			fmt.Fprintf(bw, "  另有%d条抽取问题，未纳入本核对\n", n)
		}
	}
	fmt.Fprintf(bw, "共%d个文件、%d张表：%s%d条，%s%d条，%s%d条；%d张表无错误和警告。\n",
		t.Files, t.Forms,
		paint(ansiRed, "错误"), t.Error, paint(ansiYellow, "警告"), t.Warning, paint(ansiCyan, "提示"), t.Info,
		t.Clean)
	return bw.Flush()
}

// formName names a form by its project, else its title.
func formName(f *model.Form) string {
	switch {
	case f.ProjectName != "":
		return f.ProjectName
	case f.Title != "":
		return f.Title
	}
	return "（无名称）"
}

// where writes a position in Chinese: 第23行, 表格1第9行第4列, 第3段.
func where(a model.At) string {
	switch {
	case a.Line > 0:
		return fmt.Sprintf("第%d行", a.Line)
	case a.Table > 0:
		s := fmt.Sprintf("表格%d", a.Table)
		if a.Row > 0 {
			s += fmt.Sprintf("第%d行", a.Row)
		}
		if a.Col > 0 {
			s += fmt.Sprintf("第%d列", a.Col)
		}
		return s
	case a.Paragraph > 0:
		return fmt.Sprintf("第%d段", a.Paragraph)
	}
	return ""
}

// jsonReport is the shape WriteJSON writes.
type jsonReport struct {
	Files   []jsonFile `json:"files"`
	Summary tally      `json:"summary"`
}

type jsonFile struct {
	Path     string          `json:"path"`
	Entry    string          `json:"entry,omitempty"`
	Status   string          `json:"status"`
	Forms    []jsonForm      `json:"forms"`
	Problems []model.Problem `json:"problems,omitempty"`
}

type jsonForm struct {
	Index       int             `json:"index"`
	At          model.At        `json:"at"`
	Title       string          `json:"title"`
	ProjectName string          `json:"project_name"`
	Findings    []model.Finding `json:"findings"`
}

// WriteJSON writes the findings already set on the forms of docs as one
// JSON object, indented by two spaces:
//
//	{"files": [{"path", "entry", "status",
//	            "forms": [{"index", "at", "title", "project_name", "findings": [Finding…]}],
//	            "problems": [Problem…] (only for a file that failed)}],
//	 "summary": {"files", "forms", "clean_forms", "error", "warning", "info"}}
//
// Every form is listed, with "findings": [] when it has none;
// clean_forms counts the forms with no error or warning.
func WriteJSON(w io.Writer, docs []*model.Document) error {
	r := jsonReport{Files: []jsonFile{}}
	for _, d := range docs {
		if d == nil {
			continue
		}
		r.Summary.Files++
		jf := jsonFile{Path: d.Source.Path, Entry: d.Source.Entry, Status: d.Status, Forms: []jsonForm{}}
		if d.Status == model.StatusFailed {
			jf.Problems = d.Problems
		}
		for i := range d.Forms {
			f := &d.Forms[i]
			r.Summary.count(f.Findings)
			fs := f.Findings
			if fs == nil {
				fs = []model.Finding{}
			}
			jf.Forms = append(jf.Forms, jsonForm{Index: f.Index, At: f.At, Title: f.Title, ProjectName: f.ProjectName, Findings: fs})
		}
		r.Files = append(r.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
