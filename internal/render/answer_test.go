package render

import (
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// TestAnswerFirst checks that a unit page answers first: met the standard or not, since when,
// by which criteria set and what is missing, before its criteria, history and sources.
func TestAnswerFirst(t *testing.T) {
	assessed, err := Site(assessedSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	derived, err := Site(site(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	unit := func(lang, code string) string { return pageFile(lang, model.UnitPath(code)) }
	// A unit page's links to the criteria set and to a criterion of it.
	set := upFrom(model.PageFile(model.UnitPath("03664"))) + model.CriteriaPath("s")
	criterion := upFrom(model.PageFile(model.UnitPath("03664"))) + model.CriterionPath("s", "2")
	tests := []struct {
		files Files
		page  string
		want  []string // in this order, all before the history
	}{
		// Its own assessment, at a level that counts: since the assessment's date.
		{assessed, unit("vi", "03670"), []string{`<strong>Có: Đạt chuẩn</strong>`, `<dt>Từ khi</dt><dd>01/03/2026</dd>`, `<a href="` + set + `">s</a>`, `<dt>Còn thiếu</dt>`, `đánh giá của chính đơn vị, ngày 01/03/2026`}},
		{assessed, unit("en", "03670"), []string{`<strong>Yes: Standard</strong>`, `<dt>Since</dt><dd>1 March 2026</dd>`}},
		// Below the standard: no "since", and the criteria it lacks.
		{assessed, unit("vi", "03664"), []string{`<strong>Chưa: Đang xây dựng</strong>`, `<a href="` + set + `">s</a>`, `còn thiếu: <a href="` + criterion + `">Thu nhập</a>`}},
		// No data at all: it says so, and claims nothing about decisions or criteria.
		{assessed, unit("en", "03646"), []string{`<strong>Not known</strong>`, `No recognition or assessment of this unit or its former communes is on record`}},
		// Every former commune recognized, by an undated source and no set named.
		{derived, unit("vi", "03664"), []string{`<strong>Có, theo các xã cũ hợp thành</strong>`, `Cả 1 xã cũ hợp thành đều đã đạt chuẩn`, `không rõ năm`, `<dt>Bộ tiêu chí</dt><dd>nguồn không nêu</dd>`}},
	}
	for _, tt := range tests {
		body := string(tt.files[tt.page])
		history := strings.Index(body, `id="history"`)
		answer := strings.Index(body, `<section class="answer`)
		if history < 0 || answer < 0 || answer > strings.Index(body, `id="criteria"`) {
			t.Errorf("%s: no answer before the criteria and the history", tt.page)
			continue
		}
		at := answer
		for _, w := range tt.want {
			i := strings.Index(body[at:], w)
			if i < 0 || at+i > history {
				t.Errorf("%s: the answer lacks %s (in order, before the history)", tt.page, w)
				continue
			}
			at += i
		}
		if tt.page == unit("vi", "03664") && strings.Contains(body[answer:history], "Từ khi") && strings.Contains(tt.want[0], "Chưa") {
			t.Errorf("%s: a unit below the standard has a date since when it met it", tt.page)
		}
		if strings.Contains(tt.want[0], "Not known") {
			for _, bad := range []string{"Still missing", "decision", `<dl class="facts">` + "\n</dl>"} {
				if strings.Contains(body[answer:history], bad) {
					t.Errorf("%s: a unit with no data says %q", tt.page, bad)
				}
			}
			if strings.Contains(body, `<table class="checklist">`) {
				t.Errorf("%s: a unit with no data has a checklist of unknowns (its set's page lists the criteria)", tt.page)
			}
		}
	}
}

// TestSinceTheStandard: under a level above the standard, the answer's year row says it is
// since when the unit met the standard — a unit assessed at the standard in 2025 and advanced
// in 2026 is not "advanced since 2025".
func TestSinceTheStandard(t *testing.T) {
	day := func(y int) time.Time { return time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC) }
	s := &model.Site{
		Config: model.Config{Title: "Atlas", BaseURL: "https://example.org/", Language: "vi", CriteriaSet: "s", Province: "14"},
		CriteriaSets: []*model.CriteriaSet{{ID: "s", Name: "Bộ", StartYear: 2021, EndYear: 2030, Levels: []*model.Level{
			{ID: "standard", Name: "Đạt chuẩn", NameEn: "Standard", Rank: 2, Recognized: true},
			{ID: "advanced", Name: "Nâng cao", NameEn: "Advanced", Rank: 3, Recognized: true}}}},
		Provinces: []*model.Province{{Code: "14", Name: "Sơn La", Type: "Tỉnh"}},
		Units: []*model.Unit{
			{Code: "03670", Name: "Chiềng Cơi", Type: "Xã", Province: "14", Assessments: []*model.Assessment{
				{CriteriaSet: "s", AsOf: day(2025), Level: "standard"}, {CriteriaSet: "s", AsOf: day(2026), Level: "advanced"}}},
			{Code: "03664", Name: "Chiềng An", Type: "Xã", Province: "14", Assessments: []*model.Assessment{
				{CriteriaSet: "s", AsOf: day(2025), Level: "standard"}}},
		},
	}
	files, err := Site(status.Derive(s), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ lang, code, want string }{
		{"vi", "03670", `<dt>Đạt chuẩn từ khi</dt><dd>01/03/2025</dd>`},
		{"en", "03670", `<dt>Met the standard since</dt><dd>1 March 2025</dd>`},
		{"vi", "03664", `<dt>Từ khi</dt><dd>01/03/2025</dd>`}, // at the standard itself
	} {
		if page := string(files[pageFile(tt.lang, model.UnitPath(tt.code))]); !strings.Contains(page, tt.want) {
			t.Errorf("%s %s: the answer lacks %s", tt.lang, tt.code, tt.want)
		}
	}
}
