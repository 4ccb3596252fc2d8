package render

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// yearsSite is site() with dated recognitions, three recognised levels and two milestones:
// Chiềng Xôm met the standard in 2016 and the advanced level in 2020.
func yearsSite() *status.Atlas {
	s := site().Site
	s.CriteriaSets[0].Levels = append(s.CriteriaSets[0].Levels,
		&model.Level{ID: "advanced", Name: "Nâng cao", Rank: 3, Recognized: true},
		&model.Level{ID: "model", Name: "Kiểu mẫu", Rank: 4, Recognized: true})
	s.CriteriaSets[0].StartYear = 2010
	s.Former[0].Recognitions = []*model.Recognition{
		{Level: "standard", Year: 2016, SourceURL: "https://example.org/a"},
		{Level: "advanced", Year: 2020, SourceURL: "https://example.org/b"},
	}
	s.Provinces[0].Milestones = []*model.Milestone{
		{Year: 2017, Month: 12, Level: "standard", Count: 5, Text: "5 xã"},
		{Year: 2020, Level: "advanced", Count: 1, Text: "1 xã"},
	}
	return status.Derive(s)
}

func TestYearPages(t *testing.T) {
	files, err := Site(yearsSite(), Options{Maps: maps(t)})
	if err != nil {
		t.Fatal(err)
	}
	prov := model.ProvincePath("14")
	for _, lang := range []string{"vi", "en"} {
		for _, p := range []string{pageFile(lang, model.YearsDir), pageFile(lang, prov+model.YearsDir)} {
			if _, ok := files[p]; !ok {
				t.Errorf("missing %s", p)
			}
		}
		for y := status.FirstYear; y <= 2020; y++ {
			p := pageFile(lang, prov+model.YearPath(y))
			page, ok := files[p]
			if !ok {
				t.Errorf("missing %s", p)
				continue
			}
			// The unit is coloured from 2016 on, when its only commune met the standard.
			want := `class="no-data"`
			if y >= 2016 {
				want = `class="former-all"`
			}
			if !strings.Contains(string(page), want) {
				t.Errorf("%s: the unit's shape lacks %s", p, want)
			}
			if !strings.Contains(string(page), `<input type="range" id="year-range" min="2011" max="2020" step="1" value="`+fmt.Sprint(y)+`"`) {
				t.Errorf("%s: no slider at %d", p, y)
			}
		}
		for _, p := range []string{pageFile(lang, model.YearPath(2021)), pageFile(lang, prov+model.YearPath(2021))} {
			if _, ok := files[p]; ok {
				t.Errorf("%s written, but the data ends in 2020", p)
			}
		}
	}
	en2018 := pageFile("en", prov+model.YearPath(2018))
	if !strings.Contains(string(files[en2018]), `href="`+upFrom(en2018)+prov+model.YearPath(2018)+`" hreflang="vi"`) {
		t.Error("the English year page does not link its Vietnamese version")
	}
}

// TestNationYearPages checks the national year pages: a map of the provinces coloured by the
// sourced share as of each year, with a slider that carries every year.
func TestNationYearPages(t *testing.T) {
	a, m := nationSite(t)
	a.Site.Provinces[0].Milestones = append(a.Site.Provinces[0].Milestones,
		&model.Milestone{Year: 2020, Level: "standard", Count: 100, Total: 300, SourceURL: "https://example.org/tq-2020"})
	a.Site.Provinces[0].Milestones[0], a.Site.Provinces[0].Milestones[2] = a.Site.Provinces[0].Milestones[2], a.Site.Provinces[0].Milestones[0]
	a.Site.Provinces[1].Milestones = append([]*model.Milestone{{Year: 2017, Level: "standard", Count: 5, SourceURL: "https://example.org/sl-2017"}}, a.Site.Provinces[1].Milestones...)
	files, err := Site(a, Options{Nation: m})
	if err != nil {
		t.Fatal(err)
	}
	// A year page's link to Tuyên Quang's page: every year's page is as deep as 2019's.
	tq := upFrom(model.PageFile(model.YearPath(2019))) + model.ProvincePath("08")
	for y, want := range map[int]string{
		2019: `<a href="` + tq + `"><title>Tỉnh Tuyên Quang: Chưa có số liệu có nguồn</title><path class="no-data"`,
		2020: `<a href="` + tq + `"><title>Tỉnh Tuyên Quang: 100/300 xã đạt chuẩn (33%), 2020</title><path class="share-1"`,
		// Parts newer than the whole province's figure, of different dates: part by part.
		2025: `<a href="` + tq + `"><title>Tỉnh Tuyên Quang: Số liệu riêng từng tỉnh cũ, khác thời điểm: Hà Giang cũ: 80/190 xã (42%), 12/2024; Tuyên Quang cũ: 100/110 xã (90%), 6/2025</title><path class="parts"`,
	} {
		p := pageFile("vi", model.YearPath(y))
		page := string(files[p])
		if !strings.Contains(page, want) {
			t.Errorf("%s lacks %s", p, want)
		}
		if !strings.Contains(page, `class="year-slider" data-src="../`+model.SliderFile+`"`) {
			t.Errorf("%s has no slider, or not the address of its data", p)
		}
		if !strings.Contains(page, `<table class="provinces">`) {
			t.Errorf("%s has no table of the provinces", p)
		}
		// The year's finding, above the map.
		if i, j := strings.Index(page, `id="year-summary" class="finding"`), strings.Index(page, `<figure class="map"`); i < 0 || i > j {
			t.Errorf("%s: the year's finding is not above the map", p)
		}
	}
	// The slider's data: one file for the nation's year pages in each language, every year's
	// status of every province in it.
	for _, lang := range []string{"vi", "en"} {
		var d yearSlider
		if err := json.Unmarshal(files[model.LanguageDir(lang)+model.SliderPath("")], &d); err != nil || len(d.Years) != 2025-status.FirstYear+1 || len(d.Units) != 2 {
			t.Errorf("%s: the slider's data is %+v (%v), want every year of both provinces", lang, d, err)
		}
	}
	// By 2025, the national total's figure is of 6/2025 and the year's finding says so.
	if page := string(files[pageFile("vi", model.YearPath(2025))]); !strings.Contains(page, "Đến hết năm 2025: cả nước 6.084 trên 7.669 xã (79%) đã đạt chuẩn nông thôn mới (số liệu 6/2025); 2 trên 2 tỉnh, thành phố có số liệu có nguồn; dữ liệu nêu tên 0 xã cũ đã đạt chuẩn.") {
		t.Error("the national page of 2025 does not state the national finding")
	}
	// 2020's map: Sơn La's 2017 count is more than 2 years older than Tuyên Quang's 2020
	// figure: hatched; on 2024's map it is not, but the slider carries the hatch to show it.
	sl := `<title>Tỉnh Sơn La: 5 xã đạt chuẩn, 2017; nguồn không nêu trên tổng số bao nhiêu xã — số liệu cũ (trước 2018)</title>`
	if page := string(files[pageFile("vi", model.YearPath(2020))]); !strings.Contains(page, sl) || !strings.Contains(page, `<path class="older" d="`) {
		t.Error("the national page of 2020 does not mark Sơn La's 2017 figure as older data")
	}
	if page := string(files[pageFile("vi", model.YearPath(2024))]); !strings.Contains(page, `<path class="older off" d="`) || !strings.Contains(string(files[model.SliderPath("")]), `count-only older`) {
		t.Error("the national page of 2024 does not carry the hatch, and the slider's mark, for older years")
	}
	years := model.PageFile(model.YearsDir)
	if page := string(files[years]); !strings.Contains(page, `<a href="`+upFrom(years)+model.ProvincePath("08")+model.YearsDir+`">Tỉnh Tuyên Quang</a>`) {
		t.Error("the national overview does not link the provinces' overviews")
	}
	// The charts' titles name the place as a sentence does: the country, or "tỉnh …". The
	// national overview plots the sourced national figures, count over total; a province's
	// overview its own figures, part by part, and the former communes the data names.
	for p, wants := range map[string][]string{
		pageFile("vi", model.YearsDir): {"<caption>Số xã đạt chuẩn nông thôn mới của Việt Nam theo các nguồn công khai",
			`<circle class="count s0" cx="`, `<title>6.084/7.669 xã (79%), 6/2025</title>`, `<a href="https://example.org/vn">Nhân Dân</a>`, `<circle class="total s0"`},
		pageFile("vi", model.ProvincePath("08")+model.YearsDir): {"<caption>Số xã cũ ở tỉnh Tuyên Quang được nêu tên",
			"<caption>Số xã đạt chuẩn nông thôn mới của tỉnh Tuyên Quang theo", `<circle class="count s1"`, "Số xã đạt chuẩn — Tuyên Quang cũ"},
	} {
		page := string(files[p])
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", p, want)
			}
		}
	}
	// The national overview opens with the finding and the latest year's map and slider.
	overview := string(files[pageFile("vi", model.YearsDir)])
	if i, j, k := strings.Index(overview, `id="year-summary" class="finding"`), strings.Index(overview, `class="year-slider"`), strings.Index(overview, `<figure class="map"`); i < 0 || j < i || k < j {
		t.Error("the national overview does not open with the finding, the slider and the map")
	}
	if strings.Contains(overview, `<rect class="bar`) {
		t.Error("the national overview plots named communes against the national totals")
	}
}

func TestSliderWidth(t *testing.T) {
	shapes := make([]ShapeView, 40)
	for i := range shapes {
		shapes[i].Code = fmt.Sprint(i)
	}
	got := slider(shapes, 2, func(y, i int) [2]string { return [2]string{"c", fmt.Sprint(y*40 + i)} }, func(int) string { return "" })
	// 80 statuses need two base-36 digits each: shape 39 of year 1 is status 79, "27".
	if !strings.Contains(got, `"w":2`) || !strings.Contains(got, `2627"`) {
		t.Errorf("slider with 80 statuses: %s", got)
	}
}

func TestYearChart(t *testing.T) {
	files, err := Site(yearsSite(), Options{Maps: maps(t)})
	if err != nil {
		t.Fatal(err)
	}
	page := string(files[pageFile("en", model.ProvincePath("14")+model.YearsDir)])
	svg := regexp.MustCompile(`(?s)<svg id="chart-14" class="chart-plot"[^>]*role="img" aria-labelledby="chart-14-title chart-14-desc">.*?</svg>`).FindString(page)
	if svg == "" {
		t.Fatalf("no chart SVG with role img and a title and description in:\n%s", page)
	}
	if !regexp.MustCompile(`<title id="chart-14-title">[^<]+</title>\s*<desc id="chart-14-desc">[^<]+</desc>`).MatchString(svg) {
		t.Error("the chart lacks its accessible title and description")
	}
	bars := regexp.MustCompile(`<rect class="bar (rank-\d)" x="[\d.]+%" y="\d+" width="([\d.]+)%" height="(\d+)" data-year="(\d+)" data-level="(\w+)"><title>([^<]+)</title>`).FindAllStringSubmatch(svg, -1)
	if want := 10 * 3; len(bars) != want {
		t.Fatalf("%d bars, want %d (one per year 2011–2020 and level)", len(bars), want)
	}
	seen := map[string]bool{}
	for _, b := range bars {
		key := b[4] + "/" + b[5]
		if seen[key] {
			t.Errorf("two bars for %s", key)
		}
		seen[key] = true
		var year int
		fmt.Sscan(b[4], &year)
		// One commune: standard from 2016, advanced from 2020, never model.
		positive := (b[5] == "standard" && year >= 2016) || (b[5] == "advanced" && year >= 2020)
		if (b[3] != "0") != positive {
			t.Errorf("bar %s has height %s", key, b[3])
		}
		if b[2] == "0.00" {
			t.Errorf("bar %s has no width", key)
		}
	}
	if n := strings.Count(svg, `<use class="press"`); n != 2 {
		t.Errorf("%d press markers, want 2", n)
	}
	// The table gives the same numbers: a row a year, a column a level.
	for _, row := range []string{
		`<tr><th scope="row">2015</th><td>0</td><td>0</td><td>0</td><td></td></tr>`,
		`<tr><th scope="row">2017</th><td>1</td><td>0</td><td>0</td><td>Đạt chuẩn: 5 (December 2017)</td></tr>`,
		`<tr><th scope="row">2020</th><td>1</td><td>1</td><td>0</td><td>Nâng cao: 1 (2020)</td></tr>`,
	} {
		if !strings.Contains(page, row) {
			t.Errorf("chart table lacks %s", row)
		}
	}
}

// TestYearFromProvince: a recognition's year known from its whole province's recognition
// names that province as it was then, with its type, when the former districts table has it
// (a city was called "tỉnh"), and says "the (former) province" when it does not.
func TestYearFromProvince(t *testing.T) {
	s := &model.Site{
		Config:    model.Config{BaseURL: "https://example.org/", Language: "vi"},
		Districts: []*model.District{{Code: "004", Name: "Quận Long Biên", OldProvince: "01", OldProvinceName: "Thành phố Hà Nội"}},
	}
	for _, c := range []struct {
		district, lang, want string
	}{
		{"004", "vi", "năm cả thành phố Hà Nội được công nhận"},
		{"004", "en", "the year the whole of Thành phố Hà Nội was recognised"},
		{"", "vi", "năm cả tỉnh (cũ) được công nhận"},
	} {
		r, err := prepare(status.Derive(s), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if c.lang == "en" {
			r = r.language(1)
		}
		if got := r.yearFrom(&model.FormerUnit{DistrictCode: c.district}, status.YearProvince); got != c.want {
			t.Errorf("%s, district %q: %q, want %q", c.lang, c.district, got, c.want)
		}
	}
}

// TestYearsOverviewCountsAsTheMap: a commune named with a recognition of unknown year only (at
// the advanced level, which its district's completion does not date), in a district
// recognised in 2019, is counted among the named on the overview, but the year maps,
// which leave undated recognitions out, show it through its district's recognition; the
// overview says so, so that its count of communes met through an area and the latest map's
// agree.
func TestYearsOverviewCountsAsTheMap(t *testing.T) {
	set := &model.CriteriaSet{ID: "s", Name: "s", StartYear: 2016, EndYear: 2030, Levels: []*model.Level{
		{ID: "standard", Name: "Đạt chuẩn", NameEn: "Standard", Rank: 2, Recognized: true},
		{ID: "advanced", Name: "Nâng cao", NameEn: "Advanced", Rank: 3, Recognized: true}}}
	former := func(code string, recs ...*model.Recognition) *model.FormerUnit {
		return &model.FormerUnit{Code: code, Name: "Xã " + code, Type: "Xã", Province: "14", DistrictCode: "116", District: "Thành phố Sơn La",
			Until: model.ReformDate, Successors: []*model.Successor{{Code: "03664", Merge: "full"}}, Recognitions: recs}
	}
	s := &model.Site{
		Config:       model.Config{Title: "Atlas", BaseURL: "https://example.org/", Language: "vi", Province: "14", CriteriaSet: "s"},
		CriteriaSets: []*model.CriteriaSet{set},
		Provinces: []*model.Province{{Code: "14", Name: "Sơn La", Type: "Tỉnh", Areas: []*model.AreaRecognition{
			{Scope: model.ScopeDistrict, DistrictCode: "116", CriteriaSet: "s", Level: "standard", Year: 2019, Decision: "QĐ 1", SourceURL: "https://example.org/d"}}}},
		Units: []*model.Unit{{Code: "03664", Name: "Chiềng An", Type: "Phường", Province: "14"}},
		Former: []*model.FormerUnit{
			former("03661", &model.Recognition{CriteriaSet: "s", Level: "advanced", SourceURL: "https://example.org/r"}), // named, year unknown
			former("03667"), // through its district only
		},
	}
	files, err := Site(status.Derive(s), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string][]string{
		"vi": {"1 xã cũ khác đạt chuẩn qua công nhận cấp huyện", "tính 2 xã như thế: thêm 1 xã được nêu tên"},
		"en": {"1 other former communes", "counts 2 such communes: 1 more are named"},
	} {
		page := html.UnescapeString(string(files[pageFile(lang, model.ProvincePath("14")+model.YearsDir)]))
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the province's years overview does not say %q", lang, w)
			}
		}
	}
}
