package form

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/normalize"
)

// kind is what a row looks like, before the state decides what it means.
type kind int

const (
	kEmpty     kind = iota
	kTitle          // 项目支出绩效自评表, with or without year and prefix
	kYear           // (2021年度)
	kPrefix         // 附件1, 公开14表, 报表编号:…
	kHeader         // 项目名称 | …, 主管部门 | … | 实施单位 | …
	kFundsHead      // 项目资金 | 年初预算数 | 全年预算数 | …
	kGoals          // 预期目标 | 实际完成情况, or 年初设定目标 | text
	kIndHead        // 一级指标 | 二级指标 | 三级指标 | 年度指标值 | …
	kTotal          // 总分 | 100 | 96
	kOther
)

var (
	prefixRe = regexp.MustCompile(`^\s*(附件\s*[:：]?\s*\d*|附表\s*\d*|公开\s*\d+\s*表|报表编号\s*[:：]\s*\S*)\s*[:：]?\s*`)
)

// prefixEnd returns where the prefix that prefixRe matches at the start
// of s ends, 0 if there is none. Before the regexp it looks at the first
// rune after the white space that \s matches, which must start one of the
// prefixes: that spares the title and year rows of every form the regexp.
func prefixEnd(s string) int {
	switch t := strings.TrimLeft(s, " \t\n\f\r"); {
	case strings.HasPrefix(t, "附"), strings.HasPrefix(t, "公"), strings.HasPrefix(t, "报"):
		if loc := prefixRe.FindStringIndex(s); loc != nil {
			return loc[1]
		}
	}
	return 0
}

// titleKey returns the key of c for isTitle: its word's, or for a cell that
// mayBeLabel turned away, key of its text when that holds 表.
func titleKey(c *cell) string {
	if c.w == noWord && strings.Contains(c.text, "表") {
		return key(c.text)
	}
	return c.w.key
}

// isTitle reports whether s reads as a form's title.
func isTitle(k string) bool {
	if utf8.RuneCountInString(k) > 80 {
		return false
	}
	return strings.Contains(k, "自评表") || strings.Contains(k, "评价得分表") ||
		strings.Contains(k, "评价表") || strings.Contains(k, "自评情况表")
}

// maxColumns is the most non-empty cells a row of a form's table can have:
// real forms have a dozen or two. A fuller row is read as data, never as a
// header, so that hostile input cannot make the column lookups quadratic.
const maxColumns = 100

// classify says what r looks like.
func (m *machine) classify(r *row) kind {
	if !r.known {
		r.kind, r.known = classify(r), true
	}
	return r.kind
}

func classify(r *row) kind {
	if r.empty() {
		return kEmpty
	}
	c := r.first()
	if len(r.full) > maxColumns {
		return kOther
	}
	if len(r.full) == 1 || r.para {
		t := normalize.Fold(c.text)
		end := prefixEnd(t)
		switch {
		case isYear(strings.TrimSpace(t)):
			return kYear
		case isTitle(titleKey(c)):
			return kTitle
		case end > 0 && strings.TrimSpace(t[end:]) == "":
			return kPrefix
		}
	}
	if r.labels == 0 && !c.w.leadTotal && !hasColon(c.text) {
		// No cell is a label, so no header, goals or total row: the
		// common data row skips the checks below.
		return kOther
	}
	if c.w.isHdr {
		return kHeader
	}
	if _, ok := splitLabel(c.text); ok {
		return kHeader
	}
	if isIndHeader(r) {
		return kIndHead
	}
	if isFundsHeader(r) {
		return kFundsHead
	}
	if isGoals(r) {
		return kGoals
	}
	if c.w.total || c.w.leadTotal {
		return kTotal
	}
	return kOther
}

// hasColon reports whether s holds a colon, ASCII or full-width.
func hasColon(s string) bool {
	return strings.IndexByte(s, ':') >= 0 || strings.Contains(s, "：")
}

// colonIndex returns the index of the first colon in s, ASCII or
// full-width, or -1. It is strings.IndexAny(s, ":：") without the rune by
// rune decoding that IndexAny does for a set with a non-ASCII rune.
func colonIndex(s string) int {
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return strings.Index(s, "：")
	}
	if j := strings.Index(s[:i], "："); j >= 0 {
		return j
	}
	return i
}

// leadingLabel returns the letters of k before its first digit, so that a
// total written in one cell ("总分10096") is still seen as one.
func leadingLabel(k string) string {
	if i := indexDigit(k); i > 0 {
		return k[:i]
	}
	return k
}

// indexDigit returns the index of the first ASCII digit in s, or -1: it is
// strings.IndexAny(s, "0123456789") without the set IndexAny builds on
// every call.
func indexDigit(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' < 10 {
			return i
		}
	}
	return -1
}

// splitLabel splits a cell written "项目名称：xxx" into its header field
// and value; ok is false unless the label is a known header field.
func splitLabel(s string) (kv [2]string, ok bool) {
	kv, ok = splitAnyLabel(s)
	if !ok || !isKnownLabel(key(kv[0])) {
		return kv, false
	}
	return kv, true
}

func isIndHeader(r *row) bool {
	n, name, value := 0, false, false
	for _, i := range r.full {
		c := r.cells[i].w.ind
		switch c {
		case "":
			continue
		case cName:
			name = true
		case cTarget, cActual, cWeight, cScore:
			value = true
		}
		n++
	}
	return n >= 3 && name && value
}

func isFundsHeader(r *row) bool {
	n := 0
	for _, i := range r.full {
		if r.cells[i].w.fcol != "" {
			n++
		}
	}
	return n >= 2 || isSourcesHeader(r)
}

func isGoals(r *row) bool {
	if hasGoalPair(r) {
		return true
	}
	// A label followed by its text, one goal a row, perhaps after the
	// block's group label (年度总体目标 | 年初设定目标 | text).
	for n, i := range r.full {
		switch r.cells[i].w.goal {
		case gGroup:
			continue
		case gPlanned, gAchieved, gAdjusted:
			return n+1 < len(r.full)
		}
		return false
	}
	return false
}

// parseTitle splits a title cell into its prefix, title and year; ok
// reports whether it holds a year.
func parseTitle(s string) (prefix, title string, year int, ok bool) {
	t := strings.TrimSpace(s)
	ft := normalize.Fold(t)
	if end := prefixEnd(ft); end > 0 {
		// Fold keeps byte lengths of CJK text but not of full-width
		// ASCII; cut the original at the same rune count.
		n := utf8.RuneCountInString(ft[:end])
		cut := 0
		for i := 0; i < n; i++ {
			_, sz := utf8.DecodeRuneInString(t[cut:])
			cut += sz
		}
		prefix, t = strings.TrimSpace(t[:cut]), strings.TrimSpace(t[cut:])
	}
	if start, end, y, found := findYear(t); found {
		year, ok = y, true
		t = strings.TrimSpace(t[:start] + t[end:])
	}
	if strings.IndexFunc(t, unicode.IsSpace) >= 0 {
		t = strings.Join(strings.Fields(t), "")
	}
	return prefix, t, year, ok
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// outside is the state before the first form, and between forms that the
// input separates by other text.
func outside(m *machine, r *row) stateFn {
	switch m.classify(r) {
	case kEmpty:
		return outside
	case kPrefix:
		m.prefix = append(m.prefix, model.Field{Label: "prefix", Value: r.first().text, At: r.at})
		return outside
	case kTitle, kYear:
		m.start(r)
		return header(m, r)
	case kHeader, kFundsHead, kGoals, kIndHead:
		m.start(r)
		if m.classify(r) != kHeader || r.first().w.hdr != hProject {
			m.warn(CodeNoTitle, "表单没有标题和项目名称，输入可能从表单中途开始", r.at, nil)
		}
		return header(m, r)
	}
	m.unplaced(r, CodeOutside, "表单之外的行，未能归入任何表单")
	return outside
}

// within handles the rows that open a part of a form, whatever state the
// form is in. It returns nil when r opens nothing.
func (m *machine) within(r *row, k kind) stateFn {
	switch k {
	case kTitle:
		m.start(r)
		return header(m, r)
	case kYear:
		if m.f.Year == nil && len(m.f.Indicators) == 0 && m.f.Funds == nil {
			return header(m, r)
		}
		m.start(r)
		return header(m, r)
	case kPrefix:
		if m.done {
			m.prefix = append(m.prefix, model.Field{Label: "prefix", Value: r.first().text, At: r.at})
			return afterTotal
		}
		m.f.HeaderExtra = append(m.f.HeaderExtra, model.Field{Label: "prefix", Value: r.first().text, At: r.at})
		return nil
	case kHeader:
		if m.headerField(r.first()) == hProject && (m.f.ProjectName != "" || m.done || len(m.f.Indicators) > 0) {
			m.start(r)
		}
		return header(m, r)
	case kFundsHead:
		m.fundsHeader(r)
		return funds
	case kIndHead:
		m.indHeader(r)
		return indHeaderNext
	}
	return nil
}

// headerField returns the canonical field a header label cell names.
func (m *machine) headerField(c *cell) string {
	if c.w.isHdr {
		return c.w.hdr
	}
	if kv, ok := splitLabel(c.text); ok {
		return headerFields[key(kv[0])]
	}
	return ""
}

// header reads the title, year and header fields.
func header(m *machine, r *row) stateFn {
	switch k := m.classify(r); k {
	case kEmpty:
		return header
	case kTitle:
		if m.f.Title != "" || m.f.ProjectName != "" {
			m.start(r)
		}
		prefix, title, year, ok := parseTitle(r.first().text)
		if prefix != "" {
			m.f.HeaderExtra = append(m.f.HeaderExtra, model.Field{Label: "prefix", Value: prefix, At: r.at})
		}
		m.f.Title = title
		if strings.Contains(title, "部门整体") {
			m.f.Kind = model.KindDepartment
		}
		if ok {
			m.f.Year = m.int(year)
		}
		m.extraCells(r, 1)
		return header
	case kYear:
		if m.f.Year != nil {
			m.f.HeaderExtra = append(m.f.HeaderExtra, model.Field{Label: "year", Value: r.first().text, At: r.at})
			return header
		}
		if y, ok := yearOf(r.first().text); ok {
			m.f.Year = m.int(y)
		}
		return header
	case kHeader:
		m.headerRow(r)
		return header
	case kGoals:
		m.goalsRow(r)
		return goals
	case kTotal:
		// 自评总分: 95 in the header.
		m.headerRow(r)
		return header
	case kOther:
		m.headerRow(r)
		return header
	default:
		if s := m.within(r, k); s != nil {
			return s
		}
		return header
	}
}

// yearOf returns the year written in s; ok reports whether there is one.
func yearOf(s string) (year int, ok bool) {
	_, _, year, ok = findYear(normalize.Fold(s))
	return year, ok
}

// extraCells reports the non-empty cells of r after the first n as
// unplaced, so that nothing is lost from a row read only in part.
func (m *machine) extraCells(r *row, n int) {
	if len(r.full) > n {
		m.warn(CodeCellUnplaced, "行内有未能归入字段的单元格", r.at, r.texts())
	}
}

// headerRow reads label | value pairs into the header fields; labels it
// does not know are kept in HeaderExtra.
func (m *machine) headerRow(r *row) {
	// Pair each label with the cell after it. A label cell is followed by
	// an empty value cell in the source when the value is blank, so pair
	// over all cells, not only the non-empty ones.
	all := r.cells
	for i := 0; i < len(all); i++ {
		c := &all[i]
		if c.text == "" {
			continue
		}
		label, value, at := c.text, "", *c.at
		if kv, ok := splitLabel(c.text); ok {
			label, value = kv[0], kv[1]
		} else if kv, ok := splitAnyLabel(c.text); ok && !c.w.isHdr {
			label, value = kv[0], kv[1]
		} else if kv, ok := splitScore(c.text); ok {
			label, value = kv[0], kv[1]
		} else if i+1 < len(all) {
			// The value is the next cell, even when it is empty.
			i++
			value = all[i].text
		}
		m.setHeader(label, value, at)
	}
}

// splitScore splits a self-score written without a colon, "自评得分98",
// into its label and number.
func splitScore(s string) (kv [2]string, ok bool) {
	i := indexDigit(s)
	if i <= 0 || !totalLabels[key(s[:i])] {
		return kv, false
	}
	if d, ok := normalize.Number(s[i:]); !ok || d == nil {
		return kv, false
	}
	return [2]string{strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:])}, true
}

// isKnownLabel reports whether k is a header field label.
func isKnownLabel(k string) bool {
	_, ok := headerFields[k]
	return ok
}

// splitAnyLabel splits "填报日期：2022年3月" at its colon when the part
// before it is short enough to be a label.
func splitAnyLabel(s string) (kv [2]string, ok bool) {
	i := colonIndex(s)
	if i <= 0 || utf8.RuneCountInString(s[:i]) > 16 {
		return kv, false
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return [2]string{strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+n:])}, true
}

// setHeader stores one header field.
func (m *machine) setHeader(label, value string, at model.At) {
	f := m.f
	switch headerFields[key(label)] {
	case hProject:
		if f.ProjectName == "" {
			f.ProjectName = value
			return
		}
	case hDepartment:
		if f.CompetentDepartment == "" {
			f.CompetentDepartment = value
			return
		}
	case hUnit:
		if f.ImplementingUnit == "" {
			f.ImplementingUnit = value
			return
		}
	}
	k := key(label)
	if totalLabels[k] || k == "自评得分" {
		if d, ok := normalize.Number(value); ok && d != nil {
			m.headerScore = d
		}
	}
	if k == "金额单位" || k == "单位" {
		if u := unitOf(value); u != "" {
			m.unit = u
		}
	}
	f.HeaderExtra = append(f.HeaderExtra, model.Field{Label: label, Value: value, At: at})
}

// unitOf finds the money unit a header names: 元 or 万元.
func unitOf(s string) string {
	// Every unit holds 元, which Fold leaves as it is and makes of no
	// other rune: most cells are turned away before they are folded.
	if !strings.Contains(s, "元") {
		return ""
	}
	// Fold keeps 万元 where it stands, so a cell that holds it needs no
	// folding: the usual 项目资金（万元） costs no allocation.
	if strings.Contains(s, "万元") {
		return "万元"
	}
	t := normalize.Fold(s)
	switch {
	case strings.Contains(t, "万元"):
		return "万元"
	case strings.Contains(t, "(元)") || strings.Contains(t, "元)") || strings.TrimSpace(t) == "元" ||
		strings.Contains(t, "单位:元") || strings.Contains(t, "单位：元"):
		return "元"
	}
	return ""
}
