package extract_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/jixiao/jixiao/extract"
)

// Extract a file and read its forms.
func ExampleFile() {
	doc, err := extract.File("../testdata/changji-2021.txt", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Status, doc.Source.Format, doc.Source.Encoding, len(doc.Forms), "forms")
	f := doc.Forms[1]
	fmt.Println(f.Title, *f.Year, f.ProjectName)
	fmt.Println("total:", f.Total.Score, "of", f.Total.Weight)
	fmt.Println("executed:", f.Funds.Total.Executed, f.Funds.Unit, "at", f.Funds.Total.ExecutionRate, "%")
	for _, x := range f.Findings {
		fmt.Println(x.Severity, x.Code)
	}
	// Output:
	// ok text-cells utf-8 18 forms
	// 项目支出绩效自评表2 2021 “金保工程”系统维护费
	// total: 87.91 of 100
	// executed: 25.95 万元 at 27.32 %
	// warning indicator.reverse_scored_as_positive
}

// Extract from any reader, forcing the text shape, and print one
// indicator's parsed target.
func ExampleReader() {
	input := "项目支出绩效自评表\t\n(2022年度)\n项目名称\t示例项目\n" +
		"一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n" +
		"产出指标\t数量指标\t培训人数（人次）\t≥50\t56\t10\t10\n" +
		"总分\t100\t96\n"
	doc, err := extract.Reader(strings.NewReader(input), "example.tsv", &extract.Options{NoCheck: true})
	if err != nil {
		log.Fatal(err)
	}
	in := doc.Forms[0].Indicators[0]
	t := in.Target
	fmt.Println(doc.Source.Format, *in.Name)
	fmt.Println(t.Kind, t.Op, t.Value, t.Unit, t.UnitFrom, *in.Met)
	// Output:
	// text-rows 培训人数（人次）
	// number >= 50 人次 name true
}

// Write a document as canonical JSON.
func ExampleBytes() {
	b, err := os.ReadFile("../testdata/changji-2021.txt")
	if err != nil {
		log.Fatal(err)
	}
	doc, err := extract.Bytes(b, "changji-2021.txt", nil)
	if err != nil {
		log.Fatal(err)
	}
	out := doc.AppendJSON(nil, true)
	fmt.Println(strings.Split(string(out), "\n")[0])
	fmt.Println(strings.Split(string(out), "\n")[1])
	// Output:
	// {
	//   "schema": "jixiao/v1",
}

// Extract many files with one Extractor, which reuses its memory from one
// file to the next: each document is used (here, encoded) before the next
// call.
func ExampleExtractor() {
	x := extract.NewExtractor(nil)
	var out []byte
	for _, name := range []string{"../testdata/changji-2021.txt", "../testdata/changji-2021.html"} {
		f, err := os.Open(name)
		if err != nil {
			log.Fatal(err)
		}
		b, err := x.ReadAll(f, 0, extract.DefaultMaxSize)
		f.Close()
		if err != nil {
			log.Fatal(err)
		}
		doc, err := x.Bytes(b, name)
		if err != nil {
			log.Fatal(err)
		}
		out = doc.AppendJSON(out[:0], false)
		fmt.Println(doc.Source.Format, len(doc.Forms), "forms,", len(out) > 0)
	}
	// Output:
	// text-cells 18 forms, true
	// html 18 forms, true
}
