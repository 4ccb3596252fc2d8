package render

import (
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/paulmach/orb"
)

// nationSite has two provinces: Sơn La with a sourced total for the whole province, and a
// merged province whose figure is summed over its two parts, one of them dated earlier.
func nationSite(t *testing.T) (*status.Atlas, *carto.Map) {
	t.Helper()
	s := &model.Site{
		Config: model.Config{Title: "Atlas", BaseURL: "https://example.org/", Language: "vi", CriteriaSet: "s", Province: "14"},
		CriteriaSets: []*model.CriteriaSet{{ID: "s", Name: "Set", StartYear: 2021, EndYear: 2025,
			Levels:   []*model.Level{{ID: "standard", Name: "Đạt chuẩn", Rank: 2, Recognized: true}},
			Criteria: []*model.Criterion{{ID: "1", Name: "Quy hoạch"}}}},
		Provinces: []*model.Province{
			{Code: "08", Name: "Tuyên Quang", Type: "Tỉnh", Parts: []string{"Hà Giang", "Tuyên Quang"}, Milestones: []*model.Milestone{
				{Year: 2024, Month: 12, Level: "standard", Count: 80, Total: 190, Area: "Hà Giang", SourceURL: "https://example.org/hg"},
				{Year: 2025, Month: 6, Level: "standard", Count: 100, Total: 110, Area: "Tuyên Quang", Source: "Báo TQ", SourceURL: "https://example.org/tq"},
			}},
			{Code: "14", Name: "Sơn La", Type: "Tỉnh", Milestones: []*model.Milestone{
				{Year: 2024, Level: "standard", Count: 10, SourceURL: "https://example.org/no-total"},
			}},
		},
		Nation: &model.Province{Milestones: []*model.Milestone{{Year: 2025, Month: 6, Level: "standard", Count: 6084, Total: 7669, Source: "Nhân Dân", SourceURL: "https://example.org/vn"}}},
		Units: []*model.Unit{
			{Code: "00001", Name: "A", Type: "Xã", Province: "08"},
			{Code: "03664", Name: "B", Type: "Xã", Province: "14"},
		},
	}
	sq := func(x float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, 21}, {x + 0.1, 21}, {x + 0.1, 21.1}, {x, 21.1}, {x, 21}}}}
	}
	m, err := carto.Draw([]carto.Feature{{Code: "00001", Geometry: sq(104)}, {Code: "03664", Geometry: sq(104.1)}},
		carto.Options{Width: 200, Groups: []string{"08", "14"}})
	if err != nil {
		t.Fatal(err)
	}
	return status.Derive(s), m
}

// TestNationHome: each province on the national map as what its figure is — parts of
// different dates shown part by part, never summed; a count without a total as a count, not
// as "no figure" — and the national finding above the map with its date and source.
func TestNationHome(t *testing.T) {
	a, m := nationSite(t)
	files, err := Site(a, Options{Nation: m})
	if err != nil {
		t.Fatal(err)
	}
	home := string(files["index.html"])
	for _, want := range []string{
		// The merged province's parts are of different dates: each part with its own figure.
		`<a href="./` + model.ProvincePath("08") + `"><title>Tỉnh Tuyên Quang: Số liệu riêng từng tỉnh cũ, khác thời điểm: Hà Giang cũ: 80/190 xã (42%), 12/2024; Tuyên Quang cũ: 100/110 xã (90%), 6/2025</title>`,
		`<path class="parts"`,
		`<li>Hà Giang cũ: 80/190 xã (42%), 12/2024</li><li>Tuyên Quang cũ: 100/110 xã (90%), 6/2025</li>`,
		// Sơn La's figure states no total: a count, not "no figure".
		`<a href="./` + model.ProvincePath("14") + `"><title>Tỉnh Sơn La: 10 xã đạt chuẩn, 2024; nguồn không nêu trên tổng số bao nhiêu xã</title>`,
		`<path class="count-only"`,
		// The table names the sources of both parts.
		`<a href="https://example.org/hg">example.org</a>; <a href="https://example.org/tq">Báo TQ</a>`,
		// The finding, above the map.
		`<p class="finding">Cả nước: 6.084 trên 7.669 xã (79%) đã đạt chuẩn nông thôn mới đến 6/2025, theo <a href="https://example.org/vn">Nhân Dân</a>.</p>`,
		"2 tỉnh có số liệu có nguồn",
		`<a href="./` + model.ProvincePath("14") + `">Tỉnh Sơn La</a>.`, // the featured province
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	if strings.Contains(home, "180/300") || strings.Contains(home, "Chưa có số liệu có nguồn") {
		t.Error("the home page sums parts of different dates, or says a province with a figure has none")
	}
	if i, j := strings.Index(home, `class="finding"`), strings.Index(home, `<figure class="map"`); i < 0 || j < 0 || i > j {
		t.Error("the finding is not above the map")
	}
	en := string(files[pageFile("en", "")])
	for _, want := range []string{"former Hà Giang: 80 of 190 communes (42%), December 2024", "Whole country: 6,084 of 7,669 communes (79%)"} {
		if !strings.Contains(en, want) {
			t.Errorf("English home page lacks %q", want)
		}
	}
}

// TestNationOlder: a figure older than the map's newest by more than two years is hatched
// over on the map, named in the legend, and marked in the table and the tooltip.
func TestNationOlder(t *testing.T) {
	a, m := nationSite(t)
	a.Site.Provinces[1].Milestones[0].Year = 2021
	a = status.Derive(a.Site)
	files, err := Site(a, Options{Nation: m})
	if err != nil {
		t.Fatal(err)
	}
	home := string(files["index.html"])
	for _, want := range []string{
		`<title>Tỉnh Sơn La: 10 xã đạt chuẩn, 2021; nguồn không nêu trên tổng số bao nhiêu xã — số liệu cũ (trước 6/2023)</title>`,
		`<path class="count-only" d="`, `"/><path class="older" d="`,
		`<li data-class="older">`,
		`<small class="older-note">số liệu cũ</small>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	if n := strings.Count(home, `<path class="older`); n != 1 {
		t.Errorf("%d hatched provinces, want 1 (Tuyên Quang's parts are of 2024 and 2025)", n)
	}
}
