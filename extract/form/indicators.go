package form

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/jixiao/jixiao/model"
	"github.com/jixiao/jixiao/normalize"
)

var (
	// headingRe splits a level written with its weight: 产出指标(50分).
	headingRe = regexp.MustCompile(`^(.*?)\(\s*(\d+(?:\.\d+)?)\s*分?\s*\)$`)
	// noteRe matches template notes after a level: (可选项), (可选).
	noteRe = regexp.MustCompile(`\((?:可选项?|选填|必填)\)$`)
	// placeholderRe matches template placeholders left in the name cell.
	placeholderRe = regexp.MustCompile(`^(?:[.。…·]+|指标\d*|…+|\.{2,})$`)
)

// indHeader reads the header row of the indicator table.
func (m *machine) indHeader(r *row) {
	m.hrow = m.hrow[:0]
	for i := range r.cells {
		c := &r.cells[i]
		if c.w.section {
			m.section(c)
		}
		m.hrow = append(m.hrow, span{col: c.col, end: c.col + c.span, name: c.w.ind, header: c.text})
	}
	m.columns()
	m.level1, m.level2, m.l1w, m.l2w, m.l1carry = "", "", nil, nil, false
}

// columns sets the indicator columns from the header row.
func (m *machine) columns() {
	m.icols, m.icolAt = m.icols[:0], m.icolAt[:0]
	for _, h := range m.hrow {
		if h.header == "" || sectionLabels[key(h.header)] {
			continue
		}
		for _, c := range m.icols {
			if h.name != "" && c.name == h.name {
				h.name = "" // a second score column (复核分) is kept as extra
				break
			}
		}
		m.icols = append(m.icols, h)
	}
}

// indHeaderNext reads the row after the indicator header: an empty row or
// the second row of a header wrapped over two rows belongs to the header.
func indHeaderNext(m *machine, r *row) stateFn {
	if r.empty() {
		return indicators
	}
	if m.headerContinues(r) {
		return indicators
	}
	return indicators(m, r)
}

// headerContinues merges r into the indicator header when it is the second
// row of a header: every non-empty cell is a header word on its own or
// completes the header above it (年度 / 指标值). It reports whether it did.
func (m *machine) headerContinues(r *row) bool {
	if len(r.full) > maxColumns {
		return false
	}
	n := 0
	for _, i := range r.full {
		c := &r.cells[i]
		if _, ok := normalize.Number(c.text); ok {
			return false
		}
		if c.w.ind == "" && m.completes(find(m.icols, c.col), c) == "" {
			return false
		}
		n++
	}
	if n == 0 {
		return false
	}
	if extent(r) > m.hext() {
		m.align(r)
	}
	for _, i := range r.full {
		c := &r.cells[i]
		sp := find(m.icols, c.col)
		if name := m.completes(sp, c); name != "" {
			sp.name, sp.header = name, sp.header+c.text
			continue
		}
		// A sub-column under a spanning header (年度指标值 over 指标性质 |
		// 指标值 | 度量单位): it takes its own grid columns.
		name := c.w.ind
		if sp != nil && sp.name == cActual && name == cTarget {
			name = cActual // 实际完成值 over 值 | 单位
		}
		m.splitSpan(span{col: c.col, end: c.col + c.span, name: name, header: c.text})
	}
	return true
}

// completes returns the column that the header sp above c and c's text
// name together (年度 + 指标值), "" when they name none.
func (m *machine) completes(sp *span, c *cell) string {
	if sp == nil || sp.col != c.col {
		return ""
	}
	return indicatorColumns[key(sp.header+c.text)]
}

// hext returns the grid width of the indicator header row.
func (m *machine) hext() int {
	n := 0
	for _, h := range m.hrow {
		n = max(n, h.end)
	}
	return n
}

// align places the header row over r, a second header row that is wider:
// the header came from a text export, which writes a cell spanning
// sub-columns (年度指标值 over 符号 | 值 | 单位) as one cell. Each header
// cell sits over one cell of r, except that a cell with a run of sub-headers
// under it spans the run, as far as r is wider. When the rows do not fit
// together so, the header is left as it was.
func (m *machine) align(r *row) {
	spare := extent(r) - m.hext()
	out := make([]span, len(m.hrow))
	copy(out, m.hrow)
	j := 0
	for i := range out {
		if j >= len(r.cells) {
			return
		}
		c := &r.cells[j]
		take := 1
		if c.text != "" && spare > 0 && indicatorColumns[key(out[i].header+c.text)] == "" {
			seen := map[string]bool{c.w.ind: true}
			for take <= spare && j+take < len(r.cells) {
				next := &r.cells[j+take]
				name := next.w.ind
				if next.text == "" || name == "" || seen[name] {
					break
				}
				seen[name] = true
				take++
			}
		}
		last := &r.cells[j+take-1]
		out[i].col, out[i].end = c.col, last.col+last.span
		spare -= take - 1
		j += take
	}
	if spare != 0 {
		return
	}
	m.hrow = out
	m.columns()
}

// splitSpan puts sp into the columns, cutting it out of any wider span.
func (m *machine) splitSpan(sp span) {
	var out []span
	for _, s := range m.icols {
		if sp.end <= s.col || sp.col >= s.end {
			out = append(out, s)
			continue
		}
		if s.col < sp.col {
			left := s
			left.end = sp.col
			out = append(out, left)
		}
		if s.end > sp.end {
			right := s
			right.col = sp.end
			right.name = "" // the parent's rest is an unknown sub-column
			out = append(out, right)
		}
	}
	out = append(out, sp)
	// Keep the spans in column order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].col < out[j-1].col; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	m.icols, m.icolAt = out, m.icolAt[:0]
}

// maxIndexed is the number of grid columns icol indexes; cells further
// right are looked up with find.
const maxIndexed = 32

// icol returns the indicator column holding grid column col, as find
// does, from an index of the columns that icolSlow builds on first use
// after they change.
func (m *machine) icol(col int) *span {
	if uint(col) < uint(len(m.icolAt)) {
		return m.icolAt[col]
	}
	return m.icolSlow(col)
}

// icolSlow is icol for a column the index does not hold: it builds the
// index when it is empty, and looks further columns up with find.
func (m *machine) icolSlow(col int) *span {
	if len(m.icolAt) > 0 || col < 0 || col >= maxIndexed {
		return find(m.icols, col)
	}
	n := 0
	for _, s := range m.icols {
		n = max(n, min(s.end, maxIndexed))
	}
	if col >= n {
		return nil // right of every column
	}
	m.icolAt = append(m.icolAt[:0], make([]*span, n)...)
	// Backwards, so that the first span holding a column wins, as with
	// find.
	for j := len(m.icols) - 1; j >= 0; j-- {
		s := &m.icols[j]
		for c := max(s.col, 0); c < min(s.end, n); c++ {
			m.icolAt[c] = s
		}
	}
	return m.icolAt[col]
}

// indicators reads the rows of the indicator table.
func indicators(m *machine, r *row) stateFn {
	k := m.classify(r)
	switch k {
	case kEmpty:
		if len(r.cells) > 0 {
			m.info(CodeEmptyRow, "指标表中的空行", r.at, nil)
		}
		return indicators
	case kTotal:
		m.total(r)
		return afterTotal
	case kGoals:
		// Inside the table, only a row of both labels opens a second
		// goals block; one goal label could be an indicator's name.
		if hasGoalPair(r) {
			m.goalsRow(r)
			return goals
		}
	case kTitle, kYear, kHeader, kFundsHead, kIndHead, kPrefix:
		if s := m.within(r, k); s != nil {
			return s
		}
	}
	m.indicatorRow(r)
	return indicators
}

// hasGoalPair reports whether r holds both a planned (or adjusted) goal
// label and an achieved one: a row of goal labels.
func hasGoalPair(r *row) bool {
	planned, achieved := false, false
	for _, i := range r.full {
		switch r.cells[i].w.goal {
		case gPlanned, gAdjusted:
			planned = true
		case gAchieved:
			achieved = true
		}
	}
	return planned && achieved
}

// maxNothing is the longest way of writing nothing, in bytes.
const maxNothing = 12

// nothing reports whether s says nothing: "/", "—", "-", "－", "——", "无".
func nothing(s string) bool {
	if len(s) > maxNothing {
		return false
	}
	d, ok := normalize.Number(s)
	return ok && d == nil
}

// level splits a level label into its name and a weight written with it.
func level(s string) (string, *model.Decimal) {
	l := normalize.Label(s)
	if !strings.HasSuffix(l, ")") {
		return l, nil // no note, no weight: the common case, without regexps
	}
	l = noteRe.ReplaceAllString(l, "")
	if sm := headingRe.FindStringSubmatch(l); sm != nil && sm[1] != "" {
		return sm[1], model.Dec(sm[2])
	}
	return l, nil
}

// indicatorRow reads one row of the indicator table.
func (m *machine) indicatorRow(r *row) {
	var cells rowCells
	var extra []model.Field
	var stray bool
	for _, i := range r.full {
		c := &r.cells[i]
		sp := m.icol(c.col)
		switch {
		case sp == nil:
			// Outside every column: a group label such as 年度绩效指标完成情况
			// or a "/" in a trailing column says nothing more.
			if !c.w.section && !nothing(c.text) {
				stray = true
			}
		case sp.name == "":
			extra = append(extra, model.Field{Label: sp.header, Value: c.text, At: *c.at})
		case !cells.put(sp.name, c.text):
			stray = true
		}
	}

	// Levels carry down from the rows above.
	if t := cells[iLevel1]; t != "" {
		m.level1, m.l1w = level(t)
		m.level2, m.l2w, m.l1carry = "", nil, false
	} else {
		m.l1carry = true
	}
	if t := cells[iLevel2]; t != "" {
		m.level2, m.l2w = level(t)
	}
	l1, l1w := m.level1, m.l1w
	if m.l1carry {
		if p, ok := m.parent(); ok && !holds(p, l1, m.level2) && isStandardLevel1(l1) {
			l1, l1w = p, nil
			m.level1, m.l1w = l1, l1w
		}
	}

	name := cells[iName]
	tgt, act, w, s := cells[iTarget], cells[iActual], cells[iWeight], cells[iScore]
	op, unit := cells[iOp], cells[iUnit]

	if stray {
		m.warn(CodeCellUnplaced, "指标行中有不在任何列下的单元格", r.at, r.texts())
	}
	// The weight and score are read once, for the tests below and for
	// the indicator.
	wd, wok := m.nums.Number(w)
	sd, sok := m.nums.Number(s)
	noWeight := w == "" || wok && wd == nil && len(w) <= maxNothing // w == "" || nothing(w)
	noScore := s == "" || sok && sd == nil && len(s) <= maxNothing
	switch {
	case name == "" && tgt == "" && act == "" && w == "" && s == "" && op == "" && len(extra) == 0:
		if cells[iLevel1] != "" || cells[iLevel2] != "" {
			m.info(CodeLevelOnly, "只有指标级别、没有指标的行", r.at, r.texts())
		} else if !stray {
			m.info(CodeEmptyRow, "指标表中没有内容的行", r.at, r.texts())
		}
		return
	case tgt == "" && act == "" && noWeight && noScore && placeholderRe.MatchString(normalize.Label(name)):
		m.info(CodePlaceholder, "模板占位行，不是指标", r.at, r.texts())
		return
	case noWeight && strings.HasPrefix(normalize.Label(name), "其中"):
		m.info(CodeBreakdown, "未计分的“其中”分项行，不是指标", r.at, r.texts())
		return
	}

	// The indicator is built in its place in the form, not copied there.
	if n := len(m.f.Indicators); n < cap(m.f.Indicators) {
		// Spare room in a slab is zero (see slab.Slabs.Reset and keep):
		// the new indicator needs no clearing.
		m.f.Indicators = m.f.Indicators[:n+1]
	} else {
		m.f.Indicators = append(m.f.Indicators, model.Indicator{})
	}
	in := &m.f.Indicators[len(m.f.Indicators)-1]
	// Field by field: a composite literal would clear the new zero
	// indicator a second time.
	in.At = r.at
	in.Level1, in.Level1Weight = l1, l1w
	in.Level2, in.Level2Weight = m.level2, m.l2w
	in.DeviationReason = cells[iDeviation]
	in.Applicable = true
	in.Extra = extra
	if m.block != nil {
		in.Extra = append(in.Extra, *m.block)
	}
	if hasStar(name) {
		in.Core = true
		name = strings.TrimSpace(strings.Trim(name, "★☆"))
	}
	if c := cells[iCore]; c != "" {
		in.Core = in.Core || isYes(c)
	}
	if name != "" && !nothing(name) {
		in.Name = m.str(name)
	}
	nameHint := name

	// A target split over operator, value and unit cells is joined.
	if op != "" {
		if fo := normalize.Label(op); fo == "定量" || fo == "定性" || fo == "正向" || fo == "反向" {
			in.Nature = op
			op = ""
		}
	}
	rawTarget := tgt
	if op != "" || unit != "" && tgt != "" {
		if !nothing(tgt) {
			rawTarget = op + tgt + unitSuffix(tgt, unit)
		}
	}
	// The new indicator is zero, so its values are read in place.
	m.nums.ValueTo(&in.Target, rawTarget, nameHint)
	m.nums.ValueTo(&in.Actual, act, nameHint)
	if unit != "" && act != "" && in.Actual.Unit == "" && !nothing(act) {
		v := m.nums.Value(act+unit, nameHint)
		if v.Unit != "" {
			v.Raw = in.Actual.Raw
			v.UnitFrom = "column"
			in.Actual = v
		}
	}

	in.Weight, in.Score = wd, sd
	if !wok || !sok {
		m.warn(CodeUnreadable, "分值或得分无法读作数字", r.at, r.texts())
	}

	if in.Name == nil && in.Target.Kind == model.ValueNone && in.Actual.Kind == model.ValueNone &&
		in.Weight == nil && in.Score == nil {
		in.Applicable = false
	}
	in.Met = m.nums.Met(in.Target, in.Actual)
}

// Indicator columns by number, for rowCells.
const (
	iLevel1 = iota
	iLevel2
	iName
	iTarget
	iActual
	iWeight
	iScore
	iDeviation
	iOp
	iUnit
	iCore
	nIndColumns
)

// columnIndex returns the number of a canonical indicator column, -1 for a
// name that is none.
func columnIndex(name string) int {
	switch name {
	case cLevel1:
		return iLevel1
	case cLevel2:
		return iLevel2
	case cName:
		return iName
	case cTarget:
		return iTarget
	case cActual:
		return iActual
	case cWeight:
		return iWeight
	case cScore:
		return iScore
	case cDeviation:
		return iDeviation
	case cOp:
		return iOp
	case cUnit:
		return iUnit
	case cCore:
		return iCore
	}
	return -1
}

// rowCells holds the texts of one indicator row by canonical column
// number (iLevel1 …), "" for a column the row leaves empty.
type rowCells [nIndColumns]string

// put stores text as the cell of the named column; it reports false when
// the row already has one there, or the name is no indicator column.
func (rc *rowCells) put(name, text string) bool {
	i := columnIndex(name)
	if i < 0 || rc[i] != "" {
		return false
	}
	rc[i] = text
	return true
}

// unitSuffix returns unit unless value already ends in it.
func unitSuffix(value, unit string) string {
	if unit == "" || strings.HasSuffix(normalize.Fold(value), normalize.Fold(unit)) {
		return ""
	}
	return unit
}

func isYes(s string) bool {
	switch normalize.Label(s) {
	case "是", "√", "✓", "★", "Y", "y", "yes", "核心", "核心指标":
		return true
	}
	return false
}

// holds reports whether level1 can hold level2, whose standard parent is
// p: 满意度 may sit under 效益.
func holds(p, level1, level2 string) bool {
	if p == level1 {
		return true
	}
	return level1 == "效益指标" && strings.Contains(level2, "满意度")
}

// parent returns the standard 一级 level of the current 二级 level, looked
// up once for each level, not on every row under it.
func (m *machine) parent() (string, bool) {
	if m.level2 != m.parentFor {
		m.parentFor = m.level2
		m.parentOf, m.parentOK = standardParent[m.level2]
	}
	return m.parentOf, m.parentOK
}

// hasStar reports whether s holds ★ or ☆, the marks of a core indicator.
// Both begin with the bytes E2 98: one search for those, not a Contains
// for each, nor ContainsAny, which decodes s rune by rune.
func hasStar(s string) bool {
	for {
		i := strings.Index(s, "\xE2\x98")
		if i < 0 || i+2 >= len(s) {
			return false
		}
		if c := s[i+2]; c == "★"[2] || c == "☆"[2] {
			return true
		}
		s = s[i+2:]
	}
}

func isStandardLevel1(s string) bool {
	return s == "产出指标" || s == "效益指标" || s == "满意度指标"
}

// field returns the first field of s, as strings.Fields splits it (on
// white space), and the rest of s after it; f is "" when s has no more.
// It reads a row's fields without the slice of them that Fields makes.
func field(s string) (f, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// total reads the 总分 row: a weight, a score and perhaps a grade.
func (m *machine) total(r *row) {
	t := newOf(&m.totalPool)
	t.At = r.at
	var nums []*model.Decimal
	var raws []string
	var cols []int
	var bad bool
	for n, i := range r.full {
		c := &r.cells[i]
		text := c.text
		if n == 0 {
			// The label; a total written in one cell continues after it.
			rest := strings.TrimSpace(strings.TrimLeft(normalize.Fold(text), "总分合计得分值自评综计:： "))
			if rest == "" {
				continue
			}
			text = rest
		}
		for rest := text; ; {
			var f string
			if f, rest = field(rest); f == "" {
				break
			}
			if grades[f] {
				t.Grade = f
				continue
			}
			if d, ok := m.nums.Number(f); ok {
				if d != nil {
					nums = append(nums, d)
					raws = append(raws, f)
					cols = append(cols, c.col)
				}
				continue
			}
			bad = true
		}
	}
	if bad {
		m.warn(CodeUnreadable, "总分行中有无法读作数字的单元格", r.at, r.texts())
	}
	// Numbers under the weight and score columns go there, and numbers
	// under other columns of the table (复核分) to the notes, with their
	// header; else the first is the weight and the second the score.
	aligned := false
	for i := range nums {
		if sp := find(m.icols, cols[i]); sp != nil && (sp.name == cWeight || sp.name == cScore) {
			aligned = true
		}
	}
	switch {
	case aligned:
		var stray bool
		for i, d := range nums {
			sp := find(m.icols, cols[i])
			switch {
			case sp == nil || sp.name != "" && sp.name != cWeight && sp.name != cScore:
				stray = true
			case sp.name == cWeight:
				t.Weight = d
			case sp.name == cScore:
				t.Score = d
			default:
				m.f.Notes = append(m.f.Notes, model.Field{Label: sp.header, Value: raws[i], At: r.at})
			}
		}
		if stray {
			m.warn(CodeCellUnplaced, "总分行中有不在分值、得分列下的数字", r.at, r.texts())
		}
	case len(nums) >= 2:
		t.Weight, t.Score = nums[0], nums[1]
		if len(nums) > 2 {
			m.warn(CodeCellUnplaced, "总分行的数字多于分值和得分", r.at, r.texts())
		}
	case len(nums) == 1:
		if m.sumWeights(nums[0]) {
			t.Weight = nums[0]
		} else {
			t.Score = nums[0]
		}
	}
	m.f.Total = t
	m.done = true
}

// sumWeights reports whether d equals the weights of the form: the
// indicators' plus the execution rate's.
func (m *machine) sumWeights(d *model.Decimal) bool {
	var sum []model.Decimal
	if f := m.f.Funds; f != nil && f.Total != nil && f.Total.Weight != nil {
		sum = append(sum, *f.Total.Weight)
	}
	for i := range m.f.Indicators {
		if w := m.f.Indicators[i].Weight; w != nil {
			sum = append(sum, *w)
		}
	}
	return len(sum) > 0 && model.Sum(sum...).Cmp(*d) == 0
}

// afterTotal reads what follows the 总分 row until the next form: notes
// such as deviation reasons given as rows of their own.
func afterTotal(m *machine, r *row) stateFn {
	k := m.classify(r)
	switch k {
	case kEmpty:
		return afterTotal
	case kTitle, kYear, kHeader, kPrefix, kFundsHead, kIndHead:
		if s := m.within(r, k); s != nil {
			return s
		}
		return afterTotal
	}
	c := r.first()
	label, value := c.text, ""
	var rest []string
	for _, i := range r.full[1:] {
		rest = append(rest, r.cells[i].text)
	}
	if len(rest) > 0 {
		value = strings.Join(rest, "\n")
	} else if kv, ok := splitAnyLabel(c.text); ok {
		label, value = kv[0], kv[1]
	}
	m.f.Notes = append(m.f.Notes, model.Field{Label: label, Value: value, At: r.at})
	return afterTotal
}
