package pipeline

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// areasSite is a small site with every kind of evidence of issue 27: Huyện Một completed the
// programme in 11/2019 (its communes An, Bình and Đông, and its ward Chợ); every commune of
// the former province Nam met the standard by 6/2022 (Giang); Bình has its own recognition of
// 2017, Đông its own of 2018 and lost the standard in 4/2021, Khê its own of 2023 in another
// district; Hà has nothing.
const areasSite = "testdata/areas"

// TestAreaRecognitions builds areasSite and checks each unit's class, its page's words, the
// year pages and the downloads: a district's or province's recognition gives its communes a
// status of their own kind, never a ward's, never over a commune's own recognition, and a
// revocation ends both.
func TestAreaRecognitions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Site: areasSite, Out: out, Cache: testCache}); err != nil {
		t.Fatal(err)
	}
	read := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(outFile(out, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	table := func(p string) []map[string]string {
		t.Helper()
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(read(p), "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var out []map[string]string
		for _, r := range rows[1:] {
			m := map[string]string{}
			for i, h := range rows[0] {
				m[h] = r[i]
			}
			out = append(out, m)
		}
		return out
	}

	// Classes and bases, from the units download.
	units := map[string]string{}
	for _, r := range table(model.DataPath("", "csv")) {
		if r["period"] == "current" {
			units[r["code"]] = r["status"]
		} else {
			units[r["code"]] = r["basis"] + "/" + r["revoked_year"]
		}
	}
	want := map[string]string{
		"01001": "area-all",    // An through its district, Bình its own
		"01002": "former-some", // Đông lost it, Khê its own
		"01003": "area-some",   // Giang through its province, Hà nothing
		"01004": "not-covered", // the ward Chợ: the programme does not cover it
		"10001": "district/", "10002": "own/", "10003": "/", "10004": "/2021", "10005": "/", "10006": "own/", "20001": "province/",
	}
	if !reflect.DeepEqual(units, want) {
		t.Errorf("units download:\n got %v\nwant %v", units, want)
	}
	// The province map colours each unit by its class.
	prov := read(model.PageFile(model.ProvincePath("01")))
	for code, class := range want {
		if code[0] == '0' && !regexp.MustCompile(`<a href="[./]*`+model.UnitPath(code)+`"[^>]*><title>[^<]*</title><path class="`+class+`"`).MatchString(prov) {
			t.Errorf("the province map does not draw %s as %s", code, class)
		}
	}

	// What each former unit's page says first.
	for key, words := range map[string][]string{
		"10001": {"Có: Đạt chuẩn nông thôn mới, qua công nhận của Huyện Một", "Quyết định số 1/QĐ-TTg ngày 19/11/2019"},
		"10002": {"<strong>Có: Đạt chuẩn nông thôn mới</strong>", "Quyết định số 10/QĐ-UBND"},
		"10003": {"Không thuộc diện"},
		"10004": {"Mất chuẩn Đạt chuẩn nông thôn mới (4/2021)", "Thu hồi, mất chuẩn"},
		"20001": {"qua công nhận của Nam cũ", "Báo Thử"},
		"10005": {"Chưa rõ"},
	} {
		page := read(model.PageFile(model.FormerPath(key)))
		for _, w := range words {
			if !strings.Contains(page, w) {
				t.Errorf("%s does not say %q", model.FormerPath(key), w)
			}
		}
		if key == "10002" && strings.Contains(page, "qua công nhận của") {
			t.Errorf("%s says it met the standard through its district: its own recognition wins", model.FormerPath(key))
		}
		if !regexp.MustCompile(`<dt>Huyện \(cũ\)</dt><dd>Huyện (Một|Hai|Ba)</dd>`).MatchString(page) {
			t.Errorf("%s does not name its district", model.FormerPath(key))
		}
	}

	// The year pages: the communes named by their own recognitions, and apart from them
	// those met through their district or province, as the revocation leaves them.
	summary := regexp.MustCompile(`<p id="year-summary"[^>]*>([^<]*)</p>`)
	for year, w := range map[int]string{
		2018: "dữ liệu nêu tên 2 xã cũ đã đạt chuẩn (0 đạt chuẩn nâng cao trở lên); 2 trong 4",
		2019: "dữ liệu nêu tên 2 xã cũ đã đạt chuẩn (0 đạt chuẩn nâng cao trở lên); 1 xã cũ khác đạt chuẩn qua công nhận cấp huyện, cấp tỉnh; 2 trong 4",
		2021: "dữ liệu nêu tên 1 xã cũ đã đạt chuẩn (0 đạt chuẩn nâng cao trở lên); 1 xã cũ khác đạt chuẩn qua công nhận cấp huyện, cấp tỉnh; 1 trong 4",
		2022: "dữ liệu nêu tên 1 xã cũ đã đạt chuẩn (0 đạt chuẩn nâng cao trở lên); 2 xã cũ khác đạt chuẩn qua công nhận cấp huyện, cấp tỉnh; 2 trong 4",
		2023: "dữ liệu nêu tên 2 xã cũ đã đạt chuẩn (0 đạt chuẩn nâng cao trở lên); 2 xã cũ khác đạt chuẩn qua công nhận cấp huyện, cấp tỉnh; 3 trong 4",
	} {
		m := summary.FindStringSubmatch(read(model.PageFile(model.ProvincePath("01") + model.YearPath(year))))
		if m == nil || !strings.Contains(m[1], w) {
			t.Errorf("%s summary %q, want %q", model.ProvincePath("01")+model.YearPath(year), m, w)
		}
	}
	overview := read(model.PageFile(model.ProvincePath("01") + model.YearsDir))
	for _, w := range []string{
		"Huyện Một, 11/2019: Đạt chuẩn nông thôn mới — 3 xã cũ",
		"Nam cũ, 6/2022: Đạt chuẩn nông thôn mới — 1 xã cũ",
		"Xã Đông (Huyện Một)</a>: không còn ở mức Đạt chuẩn nông thôn mới",
	} {
		if !strings.Contains(overview, w) {
			t.Errorf("%s does not list %q", model.ProvincePath("01")+model.YearsDir, w)
		}
	}

	// The recognitions download: one row per commune an area recognition covers, with its
	// basis; none for the ward; the revocation and the rows it ends.
	var rows []string
	for _, r := range table(model.RecognitionsPath("csv")) {
		rows = append(rows, strings.Join([]string{r["kind"], r["code"], r["basis"], r["area"], r["counts"], r["year"], r["revoked_year"], r["source_kind"]}, " "))
	}
	wantRows := []string{
		"recognition 10001 district Huyện Một true 2019  decision",
		"recognition 10002 own  true 2017  decision",
		"recognition 10002 district Huyện Một true 2019  decision",
		"recognition 10004 own  true 2018 2021 report",
		"recognition 10004 district Huyện Một true 2019 2021 decision",
		"revocation 10004 own  false 2021  report",
		"recognition 10006 own  true 2023  report",
		"recognition 20001 province Nam true 2022  report",
	}
	if !slices.Equal(rows, wantRows) {
		t.Errorf("recognitions download:\n got %s\nwant %s", strings.Join(rows, "\n     "), strings.Join(wantRows, "\n     "))
	}
}

// TestAreaRecognitionErrors: atlas check rejects, each at its line and column, a recognition
// filed under a commune of another district than its source names, a council's vote recorded
// as a decision, a 2026–2030 assessment of a unit without a commune group, and a district's
// recognition filed in another province or without its code.
func TestAreaRecognitionErrors(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(areasSite)); err != nil {
		t.Fatal(err)
	}
	edit(t, site, "content/former/10002.toml", `district = "huyện Một"`, `district = "huyện Hai"`)
	appendTo(t, site, "content/former/10006.toml", "\n[[recognitions]]\nlevel = \"standard\"\nyear = 2024\ndecision = \"Nghị quyết số 5/NQ-HĐND\"\nsource_url = \"https://example.org/bieu-quyet\"\n")
	appendTo(t, site, "content/units/01001.toml", "\n[[assessments]]\ncriteria_set = \"2026-2030\"\nas_of = 2026-06-30\nlevel = \"standard\"\n")
	appendTo(t, site, "content/provinces/01.toml", "\n[[area_recognitions]]\nscope = \"district\"\ndistrict = \"huyện Ba\"\nlevel = \"standard\"\nyear = 2020\nsource_url = \"https://example.org/huyen-ba\"\n"+
		"\n[[area_recognitions]]\nscope = \"province\"\nlevel = \"standard\"\nyear = 2020\nsource_url = \"https://example.org/ca-tinh\"\n")
	appendTo(t, site, "content/units/01002.toml", "group = \"4\"\n")
	all, _ := Check(Options{Site: site, Cache: testCache})
	var got []string
	for _, d := range all.Errors() {
		got = append(got, d.Error())
	}
	want := []string{
		`content/former/10002.toml:19:12: error: the source names district "huyện Hai", but Xã Bình lay in Huyện Một: the source may list another district's communes`,
		`content/former/10006.toml:20:12: error: decision "Nghị quyết số 5/NQ-HĐND" is a council's resolution, a vote or a submission, not a recognising decision: write kind = "vote" (or "candidates" for a list of candidates), which recognises nothing`,
		`content/provinces/01.toml:29:9: error: a district's recognition needs district_code, its code in content/former-districts.csv`,
		`content/provinces/01.toml:36:9: error: province 01 was formed on 2025-07-01 from Bắc, Nam: name the former province the recognition covers (area)`,
		`content/units/01001.toml:7:16: error: an assessment against 2026-2030 needs the unit's commune group, as the set judges each group by its own targets: set group = "1", "2" or "3" in content/units/01001.toml`,
		`content/units/01002.toml:5:9: error: group "4" is not a commune group (groups: 1, 2, 3)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNotCoveredUnitPage: a unit formed from wards and townships only (Phường Tô Hiệu,
// 03646) is "not covered" on its page, its province's map and the download, and its page
// has no criteria section, no commune group and no "0/0 former communes" count, and rests on
// its former units' types, not on recognitions; a former ward's page (Phường Chiềng Lề) says
// no recognition is to be recorded, not that it may have met the standard; a unit the
// programme covers (Phường Chiềng Cơi, 03670, formed from communes too) keeps them.
func TestNotCoveredUnitPage(t *testing.T) {
	out, _ := buildDefault(t)
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	ward, covered := read(model.PageFile(model.UnitPath("03646"))), read(model.PageFile(model.UnitPath("03670")))
	oldWard := read(model.PageFile(model.FormerPath("03646"))) // Phường Chiềng Lề
	for _, c := range []struct {
		page, what, needle string
		want               bool
	}{
		{ward, "its answer", `<strong>Không thuộc diện</strong>`, true},
		{ward, "a criteria section", `aria-labelledby="criteria"`, false},
		{ward, "a commune group", `Nhóm xã`, false},
		{ward, "a 0/0 count", `0/0`, false},
		{ward, "a basis in its former units' types", `<dt>Căn cứ</dt><dd>các đơn vị cũ hợp thành đều là phường, thị trấn`, true},
		{ward, "a basis in recognitions", `các công nhận của các xã cũ hợp thành`, false},
		{oldWard, "no recognition to record", `Phường, thị trấn không thuộc diện xây dựng nông thôn mới cấp xã: không có công nhận nào để ghi.`, true},
		{oldWard, "a hint that it may have met the standard", `Điều đó không có nghĩa là xã chưa đạt chuẩn`, false},
		{covered, "a criteria section", `aria-labelledby="criteria"`, true},
		{covered, "a commune group", `Nhóm xã`, true},
	} {
		if got := strings.Contains(c.page, c.needle); got != c.want {
			page := map[bool]string{true: "03646", false: "03670"}[c.page == ward]
			if c.page == oldWard {
				page = "former 03646"
			}
			t.Errorf("%s: has %s (%q) %v, want %v", page, c.what, c.needle, got, c.want)
		}
	}
	if m := regexp.MustCompile(`<a href="[^"]*` + regexp.QuoteMeta(model.UnitPath("03646")) + `"><title>[^<]*</title><path class="([^"]+)"`).FindStringSubmatch(read(model.PageFile(model.ProvincePath("14")))); m == nil || m[1] != "not-covered" {
		t.Errorf("the province map draws 03646 as %v, want not-covered", m)
	}
}
