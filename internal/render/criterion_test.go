package render

import (
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// assessedSite is a site whose units have assessments: 03664 meets criterion 1 of 3, 03670
// is at a level that implies every criterion, 03646 has none.
func assessedSite() *status.Atlas {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	s := &model.Site{
		Config: model.Config{Title: "Atlas", BaseURL: "https://example.org/", Language: "vi", CriteriaSet: "s", Province: "14"},
		CriteriaSets: []*model.CriteriaSet{{ID: "s", Name: "Bộ", StartYear: 2026, EndYear: 2030,
			Levels: []*model.Level{
				{ID: "in-progress", Name: "Đang xây dựng", NameEn: "In progress", Rank: 1},
				{ID: "standard", Name: "Đạt chuẩn", NameEn: "Standard", Rank: 2, Recognized: true, RequiresAllCriteria: true}},
			Criteria: []*model.Criterion{
				{ID: "1", Name: "Quy hoạch", NameEn: "Planning"},
				{ID: "2", Name: "Thu nhập", NameEn: "Income"},
				{ID: "3", Name: "Hộ nghèo", NameEn: "Poor households"}}}},
		Provinces: []*model.Province{{Code: "14", Name: "Sơn La", Type: "Tỉnh"}},
		Units: []*model.Unit{
			{Code: "03646", Name: "Tô Hiệu", Type: "Phường", Province: "14"},
			{Code: "03664", Name: "Chiềng An", Type: "Xã", Province: "14",
				Assessments: []*model.Assessment{{CriteriaSet: "s", AsOf: day, Level: "in-progress", CriteriaMet: []string{"1"}}}},
			{Code: "03670", Name: "Chiềng Cơi", Type: "Xã", Province: "14",
				Assessments: []*model.Assessment{{CriteriaSet: "s", AsOf: day, Level: "standard"}}},
		},
	}
	return status.Derive(s)
}

func TestMissingCriteria(t *testing.T) {
	files, err := Site(assessedSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	unit := func(lang, code string) string { return pageFile(lang, model.UnitPath(code)) }
	// A unit page's link to a criterion.
	criterion := func(c string) string {
		return upFrom(model.PageFile(model.UnitPath("03664"))) + model.CriterionPath("s", c)
	}
	tests := []struct {
		page string
		want []string
	}{
		{unit("vi", "03664"), []string{"<strong>Đạt 1/3 tiêu chí</strong> — còn thiếu: <a href=\"" + criterion("2") + "\">Thu nhập</a>, <a href=\"" + criterion("3") + "\">Hộ nghèo</a>."}},
		{unit("en", "03664"), []string{"<strong>Meets 1 of 3 criteria</strong> — missing: <a href=\"" + criterion("2") + "\">Income</a>, <a href=\"" + criterion("3") + "\">Poor households</a>."}},
		{unit("vi", "03670"), []string{"<strong>Đạt 3/3 tiêu chí</strong> — không thiếu tiêu chí nào."}},
		// No data: no claim about what decisions state, and no checklist of "unknown" only:
		// a link to the set's page, which lists its criteria.
		{unit("en", "03646"), []string{`every criterion is “unknown”. <a href="` + upFrom(model.PageFile(model.UnitPath("03646"))) + model.CriteriaPath("s") + `">The set&#39;s 3 criteria</a>.</p>`}},
	}
	for _, tt := range tests {
		body := string(files[tt.page])
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", tt.page, w)
			}
		}
	}
}

func TestCriterionPages(t *testing.T) {
	files, err := Site(assessedSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	set := string(files[pageFile("en", model.CriteriaPath("s"))])
	if !strings.Contains(set, `<a href="2/">Income</a>`) {
		t.Errorf("the set page does not link its criteria:\n%s", set)
	}
	onePath := model.CriterionPath("s", "1")
	one := string(files[pageFile("vi", onePath)])
	home := upFrom(model.PageFile(onePath)) // the way from a criterion's page to the units'
	for _, w := range []string{"<h1>Tiêu chí 1: Quy hoạch</h1>", "Đơn vị đạt tiêu chí này (2)", `href="` + home + model.UnitPath("03664") + `"`, `href="` + home + model.UnitPath("03670") + `"`, `href="../2/" rel="next"`} {
		if !strings.Contains(one, w) {
			t.Errorf("%s lacks %q", onePath, w)
		}
	}
	two := string(files[pageFile("en", model.CriterionPath("s", "2"))])
	meet, notMet, _ := strings.Cut(two, `id="not-met"`)
	if !strings.Contains(meet, "Chiềng Cơi") || strings.Contains(meet, "Chiềng An") || !strings.Contains(notMet, "Chiềng An") {
		t.Errorf("%s: Chiềng Cơi should meet it and Chiềng An not:\n%s", pageFile("en", model.CriterionPath("s", "2")), two)
	}

	// Without assessments, the page says so rather than show an empty list.
	files, err = Site(site(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{
		pageFile("vi", onePath): "Chưa có đơn vị nào trong dữ liệu được đánh giá theo tiêu chí này.",
		pageFile("en", onePath): "No unit in the data has an assessment against this criterion yet.",
	} {
		body := string(files[p])
		if !strings.Contains(body, want) || strings.Contains(body, `class="unit-list"`) {
			t.Errorf("%s: want %q and no list", p, want)
		}
	}
}

func TestCriterionIDMustNameAFolder(t *testing.T) {
	a := assessedSite()
	a.Site.CriteriaSets[0].Criteria[0].ID = "../x"
	if _, err := Site(a, Options{}); err == nil || !strings.Contains(err.Error(), `"../x"`) {
		t.Errorf("err = %v, want the bad id named", err)
	}
}
