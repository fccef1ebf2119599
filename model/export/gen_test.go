package export

import (
	"fmt"

	"github.com/jixiao/jixiao/model"
)

// genDoc returns the i-th of a family of generated documents, each like a
// real docx report: one or two project forms of a dozen indicators, with
// decimals of up to three places, nulls, and text with commas, quotes and
// line breaks. Every tenth document failed and has no forms. Every value
// fits every format (at most 15 significant digits).
func genDoc(i int) *model.Document {
	doc := &model.Document{
		Schema: model.SchemaVersion,
		Source: model.Source{Path: fmt.Sprintf("gen/%05d 单位,\"甲\".docx", i), Format: model.FormatDocx,
			SHA256: fmt.Sprintf("%064x", i)},
		Status: model.StatusOK,
		Forms:  []model.Form{},
	}
	if i%10 == 9 {
		doc.Status = model.StatusFailed
		doc.Problems = []model.Problem{{Severity: model.SevError, Code: "read.error",
			Message: fmt.Sprintf("无法读取第%d个文件：zip: not a valid zip file", i)}}
		return doc
	}
	forms := 1 + i%2
	for f := 1; f <= forms; f++ {
		budget := model.MustDecimal(fmt.Sprintf("%d.%02d", 10+i%9000, i%100))
		executed := model.MustDecimal(fmt.Sprintf("%d.%03d", 5+i%4000, (i*7)%1000))
		form := model.Form{
			Index: f, At: model.At{Table: f, Row: 1, Col: 1}, Kind: model.KindProject,
			Title: "项目支出绩效自评表", Year: ptr(2019 + i%4),
			ProjectName:         fmt.Sprintf("第%d号项目，“专项”经费, 第%d表", i, f),
			CompetentDepartment: "昌吉回族自治州财政局",
			ImplementingUnit:    fmt.Sprintf("实施单位%d", i%37),
			Funds: &model.Funds{
				Unit: "万元",
				Total: &model.FundsRow{Label: "年度资金总额", At: model.At{Table: f, Row: 5, Col: 1},
					InitialBudget: &budget, AnnualBudget: &budget, Executed: &executed,
					Weight: dec("10"), ExecutionRate: dec(fmt.Sprintf("%d.%02d", i%100, (i*3)%100)), Score: dec(fmt.Sprintf("%d.%02d", i%10, i%100))},
				Fiscal: &model.FundsRow{Label: "其中：当年财政拨款", At: model.At{Table: f, Row: 6, Col: 1},
					InitialBudget: &budget, AnnualBudget: &budget, Executed: &executed},
			},
			Goals: &model.Goals{Planned: "目标一：保障运行。\n目标二：按时支付。", Achieved: "基本完成，\"部分\"延期。"},
			Total: &model.Total{Weight: dec("100"), Score: dec(fmt.Sprintf("%d.%02d", 60+i%40, i%100))},
		}
		if i%3 == 0 {
			form.Funds.Carryover = &model.FundsRow{Label: "上年结转资金", At: model.At{Table: f, Row: 7, Col: 1},
				InitialBudget: dec("0"), AnnualBudget: dec("0.5"), Executed: dec("0.68")}
		}
		for k := 1; k <= 12; k++ {
			ind := model.Indicator{
				At: model.At{Table: f, Row: 10 + k, Col: 3}, Level1: "产出指标", Level2: "数量指标",
				Name:       ptr(fmt.Sprintf("指标%d（个）", k)),
				Target:     model.Value{Raw: fmt.Sprintf(">=%d个", k*10), Kind: model.ValueNumber, Op: model.OpGE, Value: dec(fmt.Sprint(k * 10)), Unit: "个"},
				Actual:     model.Value{Raw: fmt.Sprintf("%d.%03d个", k*10, (i+k)%1000), Kind: model.ValueNumber, Value: dec(fmt.Sprintf("%d.%03d", k*10, (i+k)%1000)), Unit: "个"},
				Weight:     dec("7.5"),
				Score:      dec(fmt.Sprintf("%d.%d", k%8, (i+k)%10)),
				Applicable: true, Met: ptr(true),
			}
			switch k {
			case 4:
				ind.Met = nil
				ind.Target = model.Value{Raw: "长期", Kind: model.ValueText, Text: "长期"}
				ind.DeviationReason = "原因：\"资金\"未到位,\n下年度继续。"
			case 5:
				ind.Met = ptr(false)
				ind.Target = model.Value{Raw: "90%-100%", Kind: model.ValuePercent, Op: model.OpRange, Min: dec("90"), Max: dec("100"), Unit: "%"}
			case 12:
				ind = model.Indicator{At: ind.At, Level1: "满意度指标", Level2: "服务对象满意度指标",
					Target: model.Value{Raw: "/", Kind: model.ValueNone}, Actual: model.Value{Raw: "/", Kind: model.ValueNone}}
			}
			form.Indicators = append(form.Indicators, ind)
		}
		if i%4 == 0 {
			form.Findings = append(form.Findings, model.Finding{Code: "funds.rate_mismatch", Severity: model.SevWarning,
				Message: "执行率写作98.60%，按全年执行数/全年预算数应为98.75%", At: model.At{Table: f, Row: 5, Col: 6},
				Expected: dec("98.75"), Found: dec("98.6")})
		}
		doc.Forms = append(doc.Forms, form)
	}
	if i%5 == 0 {
		doc.Status = model.StatusPartial
		doc.Problems = append(doc.Problems, model.Problem{Severity: model.SevInfo, Code: "row.unplaced", Message: "无法归入的行",
			At: model.At{Table: 1, Row: 40}, Cells: []string{"合计", "1,234.5", "备注：\"无\""}, Form: 1})
	}
	return doc
}

// genDocs returns the first n generated documents.
func genDocs(n int) []*model.Document {
	docs := make([]*model.Document, n)
	for i := range docs {
		docs[i] = genDoc(i)
	}
	return docs
}
