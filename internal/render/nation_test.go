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

func TestNationHome(t *testing.T) {
	a, m := nationSite(t)
	files, err := Site(a, Options{Nation: m})
	if err != nil {
		t.Fatal(err)
	}
	home := string(files["index.html"])
	for _, want := range []string{
		// Each province is a link on the map, coloured by its share: 180/300 is 60 %.
		`<a href="./` + model.ProvincePath("08") + `" aria-label="Tỉnh Tuyên Quang: 180/300 xã đạt chuẩn (60%), 12/2024">`,
		`<path class="share-2"`,
		// Sơn La's figure states no total: no share, no colour.
		`<a href="./` + model.ProvincePath("14") + `" aria-label="Tỉnh Sơn La: Chưa có số liệu có nguồn">`,
		`<path class="no-data"`,
		// The table names both sources of the summed figure.
		`<a href="https://example.org/hg">example.org</a>; <a href="https://example.org/tq">Báo TQ</a>`,
		"Cả nước: 6.084 trên 7.669 xã đạt chuẩn nông thôn mới (79%), 6/2025, theo <a href=\"https://example.org/vn\">Nhân Dân</a>",
		"1 tỉnh có số liệu có nguồn",
		`<a href="./` + model.ProvincePath("14") + `">Tỉnh Sơn La</a>.`, // the featured province
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	if en := string(files[pageFile("en", "")]); !strings.Contains(en, "180 of 300 communes met the standard (60%)") {
		t.Errorf("English home page lacks the share in English")
	}
}
