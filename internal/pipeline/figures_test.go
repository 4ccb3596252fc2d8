package pipeline

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// TestFiguresReproduceHome builds the Sơn La fixture with provinces of every kind of figure
// added (a share, a count without its total, parts of different dates, parts of one moment,
// an older figure, none, province-wide decisions and reports newer and older than the count,
// for the whole province and for its parts) and checks that the home page's map, legend and table are what the
// figures download alone gives.
func TestFiguresReproduceHome(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	provinces := map[string]string{
		"01": "code = \"01\"\nname = \"Hà Nội\"\ntype = \"Thành phố\"\n" + figure(2023, 7, 382, 382, "", "https://example.org/hn") +
			completion(2025, 6, "decision", "", "https://example.org/hn-qd"),
		"42": "code = \"42\"\nname = \"Hà Tĩnh\"\ntype = \"Tỉnh\"\n" + figure(2024, 1, 181, 181, "", "https://example.org/ht") +
			completion(2022, 6, "report", "", "https://example.org/ht-bc"),
		"31": "code = \"31\"\nname = \"Hải Phòng\"\ntype = \"Thành phố\"\nparts = [\"Hải Dương\", \"Hải Phòng\"]\n" +
			completion(2022, 6, "report", "Hải Dương", "https://example.org/hd") + completion(2025, 6, "decision", "Hải Phòng", "https://example.org/hp"),
		"40": "code = \"40\"\nname = \"Nghệ An\"\ntype = \"Tỉnh\"\n" + figure(2022, 9, 299, 0, "", "https://example.org/na"),
		"82": "code = \"82\"\nname = \"Đồng Tháp\"\ntype = \"Tỉnh\"\nparts = [\"Đồng Tháp\", \"Tiền Giang\"]\n" +
			figure(2021, 8, 97, 115, "Đồng Tháp", "https://example.org/dt") + figure(2023, 6, 137, 142, "Tiền Giang", "https://example.org/tg"),
		"24": "code = \"24\"\nname = \"Bắc Ninh\"\ntype = \"Tỉnh\"\nparts = [\"Bắc Giang\", \"Bắc Ninh\"]\n" +
			figure(2023, 12, 154, 182, "Bắc Giang", "https://example.org/bg") + figure(2023, 12, 94, 94, "Bắc Ninh", "https://example.org/bn"),
		"15": "code = \"15\"\nname = \"Lào Cai\"\ntype = \"Tỉnh\"\n" + figure(2019, 11, 49, 143, "", "https://example.org/lc"),
		"20": "code = \"20\"\nname = \"Lạng Sơn\"\ntype = \"Tỉnh\"\n",
	}
	for code, text := range provinces {
		if err := os.WriteFile(filepath.Join(site, "content", "provinces", code+".toml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Site: site, Out: out, Cache: testCache}); err != nil {
		t.Fatal(err)
	}
	checkFiguresReproduceHome(t, out, 9)
	// A province-wide decision newer than the count stands as what it is; an older one does
	// not hide the newer count; a merged province's parts each give theirs.
	home, err := os.ReadFile(filepath.Join(out, model.IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]string{
		"01": `<tr data-kind="complete"><th scope="row"><span class="dot complete"></span>`,
		"42": `<tr data-kind="share"><th scope="row"><span class="dot share-5"></span>`,
		"31": `<tr data-kind="parts"><th scope="row"><span class="dot parts"></span>`,
	} {
		row := regexp.MustCompile(`<tr data-kind[^\n]*?` + regexp.QuoteMeta(model.ProvincePath(code)) + `"[^\n]*`).FindString(string(home))
		if !strings.HasPrefix(row, want) {
			t.Errorf("province %s's row is %q, want it to start %q", code, row, want)
		}
		if code == "31" && strings.Count(row, "mọi xã đạt chuẩn") != 2 {
			t.Errorf("Hải Phòng's row does not give each former province's completion: %q", row)
		}
	}
}

// TestFiguresReproduceBuiltHome checks the same on a site built beforehand, the national
// default site in CI (ATLAS_BUILT_SITE, as TestLanguageOfBuiltSite).
func TestFiguresReproduceBuiltHome(t *testing.T) {
	dir := builtSite(t)
	checkFiguresReproduceHome(t, dir, 34)
}

// figure is a [[milestones]] table at the standard level.
func figure(year, month, count, total int, area, url string) string {
	s := fmt.Sprintf("\n[[milestones]]\nyear = %d\nmonth = %d\nlevel = \"standard\"\ncount = %d\n", year, month, count)
	if total > 0 {
		s += fmt.Sprintf("total = %d\n", total)
	}
	if area != "" {
		s += fmt.Sprintf("area = %q\n", area)
	}
	return s + fmt.Sprintf("text = \"%d xã\"\nsource_url = %q\n", count, url)
}

// completion is a province-wide [[area_recognitions]] at the standard level: every commune of
// the province, or of its part area, met it.
func completion(year, month int, kind, area, url string) string {
	s := fmt.Sprintf("\n[[area_recognitions]]\nscope = \"province\"\nlevel = \"standard\"\nyear = %d\nmonth = %d\nkind = %q\n", year, month, kind)
	if area != "" {
		s += fmt.Sprintf("area = %q\n", area)
	}
	return s + fmt.Sprintf("source_url = %q\n", url)
}

// dlFigure is a row of the figures download.
type dlFigure struct {
	area         string
	complete     bool // a province-wide decision or report: every commune, no count
	count, total int
	year, month  int
}

// when is a figure's date as a number that sorts: a year without a month is its end.
func (f dlFigure) when() int {
	m := f.month
	if m == 0 {
		m = 12
	}
	return f.year*12 + m
}

// dlProvince is a province as the figures download gives it.
type dlProvince struct {
	code, name      string
	parts           []string
	units, formers  int
	standard        []dlFigure // at the standard level, in the file's order
	class           string
	older           bool
	chosen          []dlFigure
	kind            string
	met, total, pct int
}

// checkFiguresReproduceHome reads the figures download of the site built in out and
// recomputes, by the rule the data page states (and independently of internal/status), each
// province's class and older mark, the legend's counts and the table's rows; the home page
// must show exactly those. wantProvinces is how many provinces the download must hold.
func checkFiguresReproduceHome(t *testing.T, out string, wantProvinces int) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(model.FiguresPath("csv"))))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	num := func(r []string, k string) int {
		n, _ := strconv.Atoi(r[col[k]])
		return n
	}
	provs := map[string]*dlProvince{}
	var nation []dlFigure
	for _, r := range recs[1:] {
		f := dlFigure{area: r[col["area"]], count: num(r, "count"), total: num(r, "total"), year: num(r, "year"), month: num(r, "month")}
		switch k := r[col["kind"]]; k {
		case "decision", "report":
			f.complete = true
		case "count", "":
		default:
			t.Errorf("a row of kind %q", k)
		}
		if r[col["scope"]] == "nation" {
			if r[col["level"]] == "standard" {
				nation = append(nation, f)
			}
			continue
		}
		code := r[col["province"]]
		p := provs[code]
		if p == nil {
			p = &dlProvince{code: code, name: r[col["province_name"]], units: num(r, "units"), formers: num(r, "former_units")}
			if parts := r[col["parts"]]; parts != "" {
				p.parts = strings.Split(parts, "; ")
			}
			provs[code] = p
		}
		if r[col["level"]] == "standard" {
			p.standard = append(p.standard, f)
		}
	}
	if len(provs) != wantProvinces {
		t.Fatalf("the figures download holds %d provinces, want %d", len(provs), wantProvinces)
	}

	// The rule: for the whole province and for each part, the latest count, unless a
	// province-wide decision or report is newer; the whole province's unless a part's is
	// newer; parts added up only when each has a count with its total and all are of one
	// month; else part by part.
	newest := 0
	for _, p := range provs {
		latest := map[string]dlFigure{} // by area, "" for the whole: the count, or a newer completion
		for _, f := range p.standard {  // in date order within each kind
			old, ok := latest[f.area]
			if !ok || (f.complete && f.when() > old.when()) || (!f.complete && (!old.complete || f.when() >= old.when())) {
				latest[f.area] = f
			}
		}
		whole, hasWhole := latest[""]
		newerPart := false
		for area, f := range latest {
			if area != "" && hasWhole && f.when() > whole.when() {
				newerPart = true
			}
		}
		switch {
		case hasWhole && !newerPart:
			p.chosen = []dlFigure{whole}
			p.met, p.total = whole.count, whole.total
			switch {
			case whole.complete:
				p.kind = "complete"
			case whole.total > 0:
				p.kind = "share"
			default:
				p.kind = "count"
			}
		case len(latest) > 0:
			p.kind = "share"
			for i, name := range p.parts {
				f, ok := latest[name]
				if ok {
					p.chosen = append(p.chosen, f)
				}
				if !ok || f.complete || f.total == 0 || (i > 0 && f.when() != latest[p.parts[0]].when()) {
					p.kind = "parts"
				}
				p.met, p.total = p.met+f.count, p.total+f.total
			}
		default:
			p.kind = "none"
		}
		for _, f := range p.chosen {
			newest = max(newest, f.when())
		}
	}
	limit := newest - 24
	counts := map[string]int{}
	for _, p := range provs {
		switch p.kind {
		case "share":
			p.pct = p.met * 100 / p.total
			p.class = "share-1"
			for i, lo := range []int{0, 50, 70, 85, 100} {
				if p.pct >= lo {
					p.class = "share-" + strconv.Itoa(i+1)
				}
			}
		case "count":
			p.class = "count-only"
		case "parts":
			p.class = "parts"
		case "complete":
			p.class = "complete"
		default:
			p.class = "no-data"
		}
		for _, f := range p.chosen {
			if f.when() < limit {
				p.older = true
			}
		}
		counts[p.class]++
		if p.older {
			counts["older"]++
		}
	}

	home, err := os.ReadFile(filepath.Join(out, model.IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	page := string(home)
	// The map: each province's link, its class, and the hatch of older data.
	shapes := regexp.MustCompile(`<a href="\./`+regexp.QuoteMeta(model.ProvincesDir)+`(\d+)/"><title>[^<]*</title><path class="([a-z0-9-]+)" d="[^"]*"/>(<path class="older" )?`).FindAllStringSubmatch(page, -1)
	onMap := map[string]bool{}
	for _, m := range shapes {
		p := provs[m[1]]
		if p == nil {
			t.Errorf("the map shows province %s, which the download does not hold", m[1])
			continue
		}
		onMap[m[1]] = true
		if m[2] != p.class || (m[3] != "") != p.older {
			t.Errorf("province %s on the map: class %q, older %v; the download gives %q, %v", m[1], m[2], m[3] != "", p.class, p.older)
		}
	}
	if len(onMap) == 0 {
		t.Error("the home page has no map of the provinces")
	}
	// The legend: the classes' counts.
	legend := map[string]int{}
	for _, m := range regexp.MustCompile(`<li data-class="([a-z0-9-]+)"[^>]*>.*?<span class="n">([\d.,]+)</span>`).FindAllStringSubmatch(page, -1) {
		n, _ := strconv.Atoi(strings.NewReplacer(".", "", ",", "").Replace(m[2]))
		legend[m[1]] = n
	}
	if fmt.Sprint(sortedCounts(legend)) != fmt.Sprint(sortedCounts(counts)) {
		t.Errorf("the legend counts %v; the download gives %v", sortedCounts(legend), sortedCounts(counts))
	}
	// The table: a row per province, its kind, class, units and figure.
	rows := regexp.MustCompile(`<tr data-kind="([a-z]+)"><th scope="row"><span class="dot ([a-z0-9-]+)"></span><a href="\./`+regexp.QuoteMeta(model.ProvincesDir)+`(\d+)/">[^<]*</a></th><td>([\d.]+) / ([\d.]+)</td><td>(.*?)</td>`).FindAllStringSubmatch(page, -1)
	if len(rows) != len(provs) {
		t.Errorf("the table has %d rows, the download %d provinces", len(rows), len(provs))
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(strings.ReplaceAll(s, ".", "")); return n }
	for _, m := range rows {
		p := provs[m[3]]
		if p == nil {
			t.Errorf("the table lists province %s, which the download does not hold", m[3])
			continue
		}
		if m[1] != p.kind || m[2] != p.class || atoi(m[4]) != p.units || atoi(m[5]) != p.formers {
			t.Errorf("province %s in the table: %s, %s, %s / %s; the download gives %s, %s, %d / %d", m[3], m[1], m[2], m[4], m[5], p.kind, p.class, p.units, p.formers)
		}
		cell := m[6]
		var want string
		switch p.kind {
		case "share":
			want = fmt.Sprintf("%s/%s (%d%%)", vn(p.met), vn(p.total), p.pct)
		case "count":
			want = vn(p.met) + " <small>"
		case "parts":
			want = `<ul class="parts">`
		case "complete":
			want = map[bool]string{true: "quyết định về cả tỉnh", false: "báo cáo về cả tỉnh"}[strings.Contains(cell, "quyết định")]
		}
		if !strings.Contains(cell, want) {
			t.Errorf("province %s in the table: %q, want it to hold %q", m[3], cell, want)
		}
	}
	// The finding: the nation's latest figure at the standard level with its total.
	var total *dlFigure
	for i, f := range nation {
		if f.area == "" && (total == nil || f.when() >= total.when()) {
			total = &nation[i]
		}
	}
	if total != nil && total.total > 0 {
		want := fmt.Sprintf("%s trên %s xã (%d%%)", vn(total.count), vn(total.total), total.count*100/total.total)
		if !regexp.MustCompile(`<p class="finding">[^<]*` + regexp.QuoteMeta(want)).MatchString(page) {
			t.Errorf("the home page's finding does not say %q", want)
		}
	}
}

// vn writes n as a Vietnamese page does: 6.084.
func vn(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

func sortedCounts(m map[string]int) []string {
	var out []string
	for k, v := range m {
		if v > 0 {
			out = append(out, fmt.Sprintf("%s=%d", k, v))
		}
	}
	sort.Strings(out)
	return out
}
