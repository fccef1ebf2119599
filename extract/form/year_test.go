package form

import (
	"regexp"
	"testing"
)

// yearRe and yearIn are the patterns findYear and isYear stand for.
var (
	yearRe = regexp.MustCompile(`^[(（]?\s*((?:19|20)\d\d)\s*年(?:度)?\s*[)）]?$`)
	yearIn = regexp.MustCompile(`[(（]?\s*((?:19|20)\d\d)\s*年(?:度)?\s*[)）]?`)
)

// checkYear holds findYear and isYear to the regexps on s.
func checkYear(t *testing.T, s string) {
	t.Helper()
	start, end, year, ok := findYear(s)
	loc := yearIn.FindStringSubmatchIndex(s)
	if ok != (loc != nil) {
		t.Fatalf("findYear(%q) ok = %v, regexp found %v", s, ok, loc)
	}
	if ok && (start != loc[0] || end != loc[1] || year != atoi(s[loc[2]:loc[3]])) {
		t.Fatalf("findYear(%q) = %d, %d, %d; regexp %v", s, start, end, year, loc)
	}
	if got, want := isYear(s), yearRe.MatchString(s); got != want {
		t.Fatalf("isYear(%q) = %v, regexp says %v", s, got, want)
	}
}

func TestFindYear(t *testing.T) {
	for _, s := range yearSeeds {
		checkYear(t, s)
	}
}

var yearSeeds = []string{"", "2021年度", "(2021年度)", "（2021年）", "（ 2021 年 度 ）", "项目支出绩效自评表（2021年度）",
	"2021", "1899年", "1999年", "2099年度", "(（2021年", "（(2021年", "x (2021年度))", "20211年", "2021年2022年度",
	"（\t2021\n年度\f）", "2021 年\u3000度", "年2021", "(  ", "（", "20", "202", "2021年度项目", "附件1 2021年度项目支出"}

func FuzzFindYear(f *testing.F) {
	for _, s := range yearSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkYear(t, s)
	})
}
