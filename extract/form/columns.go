package form

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/normalize"
)

// This file is the one place that says which words mean what. Every table
// maps a folded key (see key) to a canonical name; add a synonym here and
// every input format reads it.

// Canonical columns of the funds block.
const (
	fInitial = "initial_budget"
	fAnnual  = "annual_budget"
	fExec    = "executed"
	fWeight  = "weight"
	fRate    = "execution_rate"
	fScore   = "score"
	fNote    = "note"
)

var fundsColumns = map[string]string{
	"年初预算数": fInitial, "年初预算": fInitial, "年初预算金额": fInitial, "年初预算数额": fInitial,
	"全年预算数": fAnnual, "全年预算": fAnnual, "调整后预算数": fAnnual, "调整后预算": fAnnual,
	"预算数": fAnnual, "全年预算金额": fAnnual, "调整预算数": fAnnual, "全年调整后预算数": fAnnual,
	"全年执行数": fExec, "预算执行数": fExec, "执行数": fExec, "实际执行数": fExec,
	"全年实际执行数": fExec, "全年执行金额": fExec, "实际支出数": fExec, "支出数": fExec,
	"分值": fWeight, "权重": fWeight,
	"执行率": fRate, "预算执行率": fRate, "资金执行率": fRate,
	"得分": fScore, "执行率得分": fScore,
	"原因": fNote, "偏差原因": fNote, "原因分析": fNote, "备注": fNote,
}

// Funds row keys.
const (
	rowTotal     = "total"
	rowFiscal    = "fiscal"
	rowCarryover = "carryover"
	rowOther     = "other"
)

var fundsRows = map[string]string{
	"年度资金总额": rowTotal, "资金总额": rowTotal, "总额": rowTotal, "年度财政资金总额": rowTotal,
	"项目资金总额": rowTotal, "合计": rowTotal, "年度资金合计": rowTotal, "资金合计": rowTotal,
	"当年财政拨款": rowFiscal, "本年财政拨款": rowFiscal, "财政拨款": rowFiscal, "财政资金": rowFiscal,
	"中央补助": rowFiscal, "当年财政资金": rowFiscal, "财政拨款资金": rowFiscal, "本年财政资金": rowFiscal,
	"上年结转资金": rowCarryover, "上年结转": rowCarryover, "结转资金": rowCarryover,
	"上年结余结转资金": rowCarryover, "上年结转结余资金": rowCarryover,
	"其他资金": rowOther, "其他": rowOther,
}

// fundsSources are the headers of a funds block that gives its sources as
// columns (合计 | 中央 | 省、地 | 本级 | 其他) and its budget stages as rows
// (年初预算数, 全年预算数, …). Each source column becomes a funds row: one
// named by fundsRows (合计 → total, 其他 → other) takes that slot, the
// others (中央, 省、地, 本级, …, each a level of fiscal money) are extra rows
// under their headers as written.
var fundsSources = map[string]bool{
	"中央": true, "中央资金": true, "省、地": true, "省地": true, "省级": true, "省": true,
	"市级": true, "县级": true, "市县": true, "地方": true, "本级": true, "区级": true,
	"省级资金": true, "市级资金": true, "县级资金": true, "本级资金": true, "地方资金": true,
}

// Canonical columns of the indicator table.
const (
	cLevel1    = "level1"
	cLevel2    = "level2"
	cName      = "name"
	cTarget    = "target"
	cActual    = "actual"
	cWeight    = "weight"
	cScore     = "score"
	cDeviation = "deviation"
	cOp        = "op"     // 指标性质 or 符号: the target's operator
	cUnit      = "unit"   // 度量单位: the unit of target and actual
	cCore      = "core"   // 是否核心指标
	cNature    = "nature" // 指标性质 when it says 定量/定性
)

var indicatorColumns = map[string]string{
	"一级指标": cLevel1, "一级": cLevel1,
	"二级指标": cLevel2, "二级": cLevel2,
	"三级指标": cName, "指标名称": cName, "三级指标名称": cName, "绩效指标": cName,
	"指标内容": cName, "具体指标": cName, "指标": cName,
	"年度指标值": cTarget, "指标值": cTarget, "年初目标值": cTarget, "年初指标值": cTarget,
	"预期指标值": cTarget, "目标值": cTarget, "年度目标值": cTarget, "计划指标值": cTarget,
	"全年指标值": cTarget, "年度计划值": cTarget, "预期值": cTarget, "值": cTarget,
	"实际完成值": cActual, "完成值": cActual, "全年实际值": cActual, "全年完成值": cActual,
	"全年实际完成值": cActual, "年终完成值": cActual, "实际值": cActual, "实际完成": cActual,
	"实际完成情况": cActual, "完成情况": cActual,
	"分值": cWeight, "权重": cWeight, "指标分值": cWeight, "指标权重": cWeight, "参考分值": cWeight,
	"权重占比": cWeight, "标准分值": cWeight, "分数": cWeight, "满分": cWeight,
	"得分": cScore, "自评分": cScore, "指标得分": cScore, "自评得分": cScore, "折算得分": cScore,
	"实际得分": cScore, "评分": cScore,
	"偏差原因分析及改进措施": cDeviation, "未完成原因分析": cDeviation, "未完成原因分析及改进措施": cDeviation,
	"未完成原因及拟采取的改进措施": cDeviation, "偏差原因": cDeviation, "偏差原因分析": cDeviation,
	"原因分析": cDeviation, "偏差原因及改进措施": cDeviation, "未完成原因": cDeviation,
	"指标性质": cOp, "符号": cOp, "运算符": cOp, "指标方向": cOp,
	"度量单位": cUnit, "计量单位": cUnit, "单位": cUnit,
	"是否核心指标": cCore, "核心指标": cCore,
}

// Header fields of a form, by label.
const (
	hProject    = "project_name"
	hDepartment = "competent_department"
	hUnit       = "implementing_unit"
)

var headerFields = map[string]string{
	"项目名称": hProject,
	"主管部门": hDepartment, "主管单位": hDepartment, "地方主管部门": hDepartment,
	"主管部门及代码": hDepartment, "预算部门": hDepartment,
	"实施单位": hUnit, "项目实施单位": hUnit, "资金使用单位": hUnit, "实施单位名称": hUnit,
	"部门名称": hUnit, "部门单位名称": hUnit, "预算单位": hUnit,
}

// Labels of the goals block.
const (
	gPlanned  = "planned"
	gAchieved = "achieved"
	gAdjusted = "adjusted"
	gGroup    = "group"
)

var goalLabels = map[string]string{
	"预期目标": gPlanned, "年初设定目标": gPlanned, "总体目标": gPlanned, "项目年度目标": gPlanned,
	"年初绩效目标": gPlanned, "年度目标": gPlanned, "年初目标": gPlanned, "绩效目标": gPlanned,
	"实际完成情况": gAchieved, "年度总体目标完成情况综述": gAchieved, "全年实际完成情况": gAchieved,
	"年度目标完成情况": gAchieved, "全年目标实际完成情况": gAchieved, "目标完成情况": gAchieved,
	"完成情况": gAchieved, "实际完成": gAchieved, "总体目标完成情况": gAchieved,
	"全年绩效目标": gAdjusted, "全年调整绩效目标": gAdjusted, "调整后绩效目标": gAdjusted,
	"年度总体目标": gGroup, "年度绩效目标": gGroup,
}

// totalLabels open the 总分 row.
var totalLabels = map[string]bool{
	"总分": true, "合计": true, "总计": true, "综合得分": true, "自评总分": true, "总得分": true,
	"得分合计": true, "分值合计": true, "总分值": true, "自评得分": true,
}

// sectionLabels are labels of merged group cells that name a part of the
// form rather than hold a value.
var sectionLabels = map[string]bool{
	"年度绩效指标完成情况": true, "年度绩效指标": true, "绩效指标": true, "项目资金": true,
	"年度总体目标": true, "绩效指标完成情况": true, "年度绩效目标": true, "部门整体支出": true,
	"资金情况": true, "预算执行情况": true, "资金来源": true, "项目资金情况": true,
	"部门整体支出情况": true, "绩效指标情况": true,
}

// standardParent gives the 一级 level a standard 二级 level belongs to.
var standardParent = map[string]string{
	"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
	"进度指标": "产出指标", "经济成本指标": "产出指标",
	"经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
	"可持续影响指标": "效益指标",
	"满意度指标":   "满意度指标", "服务对象满意度指标": "满意度指标",
}

// grades are the printed grades of a total.
var grades = map[string]bool{
	"优": true, "良": true, "中": true, "差": true, "优秀": true, "良好": true, "合格": true,
	"不合格": true, "较差": true, "一般": true,
}

// anyLabel holds every key that names a column, a funds source or row, a
// header field, a goal or a total: a row with none of them is plain data
// to classify.
var anyLabel = func() map[string]bool {
	all := map[string]bool{}
	for _, m := range []map[string]string{indicatorColumns, fundsColumns, fundsRows, headerFields, goalLabels} {
		for k := range m {
			all[k] = true
		}
	}
	for _, m := range []map[string]bool{totalLabels, fundsSources} {
		for k := range m {
			all[k] = true
		}
	}
	return all
}()

// maxKey is the longest cell, in bytes, that can be a label: a title of
// 80 characters with its year. Longer cells (goal texts, long names) get
// no key and so never match a label.
const maxKey = 256

// key folds a label for lookup: width-folded, white space removed, a
// trailing colon and bracketed notes such as (A), (万元), (分), (盖章)
// removed, and a leading 其中 dropped. It returns "" for a cell too long
// to be a label.
func key(s string) string {
	if len(s) > maxKey {
		return ""
	}
	// Label folds full-width brackets and colons to ASCII, so only the
	// ASCII forms are left to look for.
	k := strings.TrimRight(normalize.Label(s), ":")
	for strings.HasSuffix(k, ")") {
		i := strings.LastIndexByte(k, '(')
		if i <= 0 {
			break
		}
		k = k[:i]
	}
	// A bracket in the middle, as in 全年(调整)绩效目标, 部门(单位)名称.
	if i := strings.IndexByte(k, '('); i > 0 {
		if j := strings.IndexByte(k[i:], ')'); j > 0 {
			k = k[:i] + k[i+j+1:]
		}
	}
	k = strings.TrimPrefix(k, "其中")
	return strings.TrimLeft(k, ":")
}

// A word is what a cell's key means: its entry in each table above, found
// once for a label's text (see knownWords and words).
type word struct {
	key     string
	ind     string // indicatorColumns[key]
	fcol    string // fundsColumns[key]
	frow    string // fundsRows[key]
	hdr     string // headerFields[key]
	goal    string // goalLabels[key]
	isHdr   bool   // key is in headerFields
	total   bool   // totalLabels[key]
	source  bool   // fundsSources[key]
	section bool   // sectionLabels[key]
	label   bool   // anyLabel[key]
	// leadTotal is totalLabels[leadingLabel(key)]: the cell may be a
	// total written in one cell, 总分10096.
	leadTotal bool
}

// noWord is the word of a cell that is no label: its key is "".
var noWord = &word{}

// newWord looks k up in every table.
func newWord(k string) *word {
	if k == "" {
		return noWord
	}
	if w, ok := knownWords[k]; ok {
		return w
	}
	if !anyLabel[k] && !sectionLabels[k] {
		return &word{key: k, leadTotal: totalLabels[leadingLabel(k)]} // in no table
	}
	return lookup(k)
}

// lookup looks k up in every table.
func lookup(k string) *word {
	w := &word{key: k, ind: indicatorColumns[k], fcol: fundsColumns[k], frow: fundsRows[k],
		goal: goalLabels[k], total: totalLabels[k], source: fundsSources[k],
		section: sectionLabels[k], label: anyLabel[k], leadTotal: totalLabels[leadingLabel(k)]}
	w.hdr, w.isHdr = headerFields[k]
	return w
}

// keyStarts holds the first rune of every key in the tables, a bit a rune
// of the Basic Multilingual Plane; keyPairs the first two runes of every
// key of two or more, a bit a hash of the pair (see pairBit).
var keyStarts, keyPairs = func() (*[1 << 16 / 64]uint64, *[1 << 16 / 64]uint64) {
	var starts, pairs [1 << 16 / 64]uint64
	add := func(k string) {
		r1, n := utf8.DecodeRuneInString(k)
		if r1 < 1<<16 {
			starts[r1/64] |= 1 << (r1 % 64)
		}
		if r2, _ := utf8.DecodeRuneInString(k[n:]); r2 != utf8.RuneError {
			b := pairBit(r1, r2)
			pairs[b/64] |= 1 << (b % 64)
		}
	}
	for k := range anyLabel {
		add(k)
	}
	for k := range sectionLabels {
		add(k)
	}
	return &starts, &pairs
}()

// pairBit hashes two runes to a bit of keyPairs.
func pairBit(r1, r2 rune) uint32 {
	return (uint32(r1)*0x9E3779B1 ^ uint32(r2)*0x85EBCA77) >> 16
}

// mayBeLabel reports whether key(t) may be in a table: false only when it
// cannot, which is so of most data cells, so that they cost no key and no
// lookup. t is a cell's text as load trims it. key(t) starts with the
// first two runes of t that are not white space, width-folded, unless key
// drops a leading 其中 or colon, or a bracket after the first rune; a
// total written in one cell (总分10096) and a numbered goal block
// (年度绩效目标2) start as their labels do. Titles are not told by their
// key's first runes: classify finds its own key for a row of one cell.
func mayBeLabel(t string) bool {
	if uint(len(t))-1 >= maxKey { // len(t) == 0 || len(t) > maxKey
		return false // key gives "" for it
	}
	r1, n := rune3(t), 3
	if r1 < 0 {
		r1, n = utf8.DecodeRuneInString(t)
	}
	r1, ok := foldedRune(r1)
	if !ok || r1 == ':' || r1 == '其' {
		return true // let key say
	}
	if keyStarts[uint32(r1)/64]&(1<<(uint32(r1)%64)) == 0 {
		return false
	}
	rest := t[n:]
	var r2 rune
	for {
		if rest == "" {
			return true // a key of one rune
		}
		if r2, n = rune3(rest), 3; r2 < 0 {
			r2, n = utf8.DecodeRuneInString(rest)
		}
		if !isKeySpace(r2) {
			break
		}
		rest = rest[n:]
	}
	r2, ok = foldedRune(r2)
	if !ok || r2 == ':' || r2 == '(' {
		return true // a colon or a note that key drops, or an odd fold
	}
	b := pairBit(r1, r2)
	return keyPairs[b/64]&(1<<(b%64)) != 0
}

// rune3 returns the rune that s starts with when it is a well-formed
// rune of three bytes, else -1: the in-line fast path of
// utf8.DecodeRuneInString for Chinese text, which mayBeLabel takes before
// calling it (the compiler inlines rune3, not the two together).
func rune3(s string) rune {
	if len(s) < 3 || s[0]&0xF0 != 0xE0 || (s[1]^0x80)|(s[2]^0x80) >= 0x40 {
		return -1
	}
	r := rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F)
	// Not overlong, not a surrogate.
	if r < 0x800 || uint32(r)-0xD800 < 0x800 {
		return -1
	}
	return r
}

// foldedRune returns r as normalize.Fold maps it, for the full-width forms
// that Fold maps one to one; ok is false for a rune Fold may map otherwise,
// and for one outside the Basic Multilingual Plane.
func foldedRune(r rune) (rune, bool) {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0, true
	case r >= 0xFF00 || r == 0x20A9 || r == 0x3000:
		return r, false
	}
	return r, true
}

// isKeySpace reports whether key may drop r as white space. It holds some
// runes that key keeps (U+2010 …): mayBeLabel then looks at the rune after
// such a rune, and would turn away a label whose second rune it is. No key
// in the tables has one; TestMayBeLabel checks every key as written.
func isKeySpace(r rune) bool {
	return r <= ' ' || r == 0x7F || r >= 0x80 && r <= 0xA0 || r >= 0x2000 && r <= 0x206F || r == 0x3000 || r == 0xFEFF || r == 0x1680 || r == 0x180E
}

// words memoizes key and the table lookups for texts that pass mayBeLabel
// but are not written as keys: labels with notes (年初预算数（万元）) and
// the names that share a label's first runes. They recur on every form of
// a file, and from file to file when a Parser is Reset and reused.
//
// In front of the maps, recent holds the word of the last text seen in
// each of its slots, chosen by a cheap hash of the text: the few dozen
// labels of a form's tables are found there with one comparison, without
// hashing the text for a map and probing it, which cost a fifth of
// reading a cell.
type words struct {
	memo   map[string]wordSlot // by text, of texts not in knownWords
	recent [wordSlots]wordSlot
}

// A wordSlot is a text that passed mayBeLabel and its word. The text is
// the memo's or knownWords' own, never cut from an input.
type wordSlot struct {
	text string
	w    *word
}

// newWords returns an empty memo.
func newWords() *words {
	return &words{memo: map[string]wordSlot{}}
}

// wordSlots is the size of words.recent, a power of two: room for the
// labels of several layouts at once, in a few kilobytes.
const wordSlots = 512

// slot returns the index in words.recent of the text t, which is not
// empty: a hash of its length and its first and last eight bytes, where
// the labels of a table differ.
func slot(t string) int {
	var x uint64
	if n := len(t); n >= 8 {
		x = binary.LittleEndian.Uint64([]byte(t[:8])) ^ binary.LittleEndian.Uint64([]byte(t[n-8:]))<<1
	} else {
		x = uint64(t[0]) | uint64(t[n/2])<<8 | uint64(t[n-1])<<16
	}
	x ^= uint64(len(t))
	return int((x * 0x9E3779B97F4A7C15) >> (64 - 9))
}

// maxWords bounds the memo: when it is full it starts again empty, so
// that it holds the texts of the files being read, not of the first ones.
const maxWords = 1 << 12

// knownWords holds the word of every key in the tables that key leaves as
// it is, so that a label written as its key is found without a key and
// without filling the memo of each parse.
var knownWords = func() map[string]*word {
	m := map[string]*word{}
	for _, keys := range []map[string]bool{anyLabel, sectionLabels} {
		for k := range keys {
			if key(k) == k {
				m[k] = lookup(k)
			}
		}
	}
	return m
}()

// of returns the word of the cell text t. (mayBeLabel turns away an empty
// t, which slot cannot hash.)
func (ws *words) of(t string) *word {
	if !mayBeLabel(t) {
		return noWord
	}
	e := &ws.recent[slot(t)]
	if e.text == t && e.w != nil {
		return e.w
	}
	if w, ok := knownWords[t]; ok {
		// A known word's key is its text (key(t) == t).
		*e = wordSlot{w.key, w}
		return w
	}
	if m, ok := ws.memo[t]; ok {
		*e = m
		return m.w
	}
	if len(ws.memo) >= maxWords {
		clear(ws.memo)
	}
	// The memo keeps a copy of t: t may be cut from an input read in place
	// (see extract.Extractor), whose memory the next input overwrites
	// while a reused Parser's memo lives on. Texts that are no label are
	// kept too: the names of indicators and levels that pass mayBeLabel
	// recur from form to form of a file.
	t = strings.Clone(t)
	*e = wordSlot{t, newWord(key(t))}
	ws.memo[t] = *e
	return e.w
}
