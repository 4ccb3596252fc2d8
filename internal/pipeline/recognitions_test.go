package pipeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/export"
	"github.com/ntm-atlas/atlas/internal/model"
)

// recRow is one row of the recognitions download, as a reader of the CSV sees it.
type recRow struct {
	kind, code, province, url, level, asOf, basis string
	nowPartOf                                     []string
	rank, year, revoked                           int
	counts                                        bool
}

// own reports whether the row is the commune's own recognition (not its area's).
func (r recRow) own() bool { return r.basis == "own" }

// countsIn reports whether the row counts at the end of year y: dated by then, not revoked by
// then.
func (r recRow) countsIn(y int) bool {
	return r.counts && r.year != 0 && r.year <= y && (r.revoked == 0 || r.revoked > y)
}

// readCSV reads a download of the built site as a header and rows keyed by column.
func readCSV(t *testing.T, path string) ([]string, []map[string]string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the download is missing: %v", err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Fatalf("%s has no byte order mark", path)
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return recs[0], rows
}

// recScope is what the year pages of one scope (the nation, or a province) show, recomputed
// from the recognitions download.
type recScope struct {
	rows  []recRow       // former communes' recognitions of the scope, their own and their areas
	own   []recRow       // current units' own assessments of the scope
	units map[string]int // the scope's current units (from atlas.csv) and their eligible former communes, -1 for none known
	years []int          // the years with a page
	ranks []int          // the chart's levels, by rank
}

// lowestRank is the lowest rank of the scope's counted recognitions: the standard's.
func (s *recScope) lowestRank() int {
	lowest := 0
	for _, r := range s.rows {
		if r.counts && (lowest == 0 || r.rank < lowest) {
			lowest = r.rank
		}
	}
	return lowest
}

// standings returns each former commune's (by page) standing at the end of y: its own best
// counting recognition, else its areas' best.
func (s *recScope) standings(y int) map[string]recRow {
	best := map[string]recRow{}
	for _, r := range s.rows {
		if !r.countsIn(y) {
			continue
		}
		b, ok := best[r.url]
		if !ok || r.own() && !b.own() || r.own() == b.own() && r.rank > b.rank {
			best[r.url] = r
		}
	}
	return best
}

// atLeast counts the former communes (by page) whose standing at the end of y is their own
// counted recognition, at rank or above.
func (s *recScope) atLeast(y, rank int) int { return s.count(y, rank, true) }

// areaAtLeast counts those whose standing is their district's or province's recognition.
func (s *recScope) areaAtLeast(y, rank int) int { return s.count(y, rank, false) }

func (s *recScope) count(y, rank int, own bool) int {
	n := 0
	for _, r := range s.standings(y) {
		if r.own() == own && r.rank >= rank {
			n++
		}
	}
	return n
}

// classes returns each current unit's map class at the end of y: its latest own assessment's
// rank by then, else whether all or some of its eligible former communes had a counted
// recognition of known year by then.
func (s *recScope) classes(y int) map[string]string {
	rec, area := map[string]int{}, map[string]int{}
	for _, r := range s.standings(y) {
		for _, u := range r.nowPartOf {
			rec[u]++
			if !r.own() {
				area[u]++
			}
		}
	}
	out := map[string]string{}
	for u, eligible := range s.units {
		n := rec[u]
		switch {
		case n > 0 && n == eligible && area[u] > 0:
			out[u] = "area-all"
		case n > 0 && n == eligible:
			out[u] = "former-all"
		case n > 0 && area[u] > 0:
			out[u] = "area-some"
		case n > 0:
			out[u] = "former-some"
		case eligible == 0:
			// Formed from wards and townships only (-1: from no former unit known).
			out[u] = "not-covered"
		default:
			out[u] = "no-data"
		}
		latest := ""
		for _, a := range s.own {
			if a.code == u && a.year <= y && a.asOf >= latest {
				latest, out[u] = a.asOf, "rank-"+strconv.Itoa(a.rank)
			}
		}
	}
	return out
}

var (
	reInt         = regexp.MustCompile(`\d{1,3}(?:[.,]\d{3})+\b|\d+`) // 1.168 (vi) and 1,168 (en) are one number
	reYearItem    = regexp.MustCompile(`<li><a href="[^"]*` + regexp.QuoteMeta(model.YearsDir) + `(\d{4})/">\d{4}</a>: (\d+) `)
	reBar         = regexp.MustCompile(`<rect class="bar rank-(\d+)" [^>]*data-year="(\d+)" data-level="[^"]*"><title>([^<]*)</title>`)
	reChartRow    = regexp.MustCompile(`<tr><th scope="row">(\d{4})</th>((?:<td>[^<]*</td>)+)</tr>`)
	reCell        = regexp.MustCompile(`<td>([^<]*)</td>`)
	reGroup       = regexp.MustCompile(`(?s)<h3><a href="[^"]*">(\d{4})</a></h3>\n<ul>\n(.*?)</ul>`)
	reUndatedList = regexp.MustCompile(`(?s)<section aria-labelledby="undated">.*?<ul>\n(.*?)</ul>`)
	reSummary     = regexp.MustCompile(`<p id="year-summary" class="finding" aria-live="polite">([^<]*)</p>`)
	reLegendItem  = regexp.MustCompile(`<li data-class="([^"]+)"[^>]*>.*?<span class="n">([\d.,]+)</span>`)
)

// ints returns the whole numbers in s, in order, read with either language's thousands
// separator.
func ints(s string) []int {
	var out []int
	for _, m := range reInt.FindAllString(s, -1) {
		n, _ := strconv.Atoi(strings.NewReplacer(".", "", ",", "").Replace(m))
		out = append(out, n)
	}
	return out
}

// TestRecognitionsReproduceYearPages reads the Sơn La fixture's built recognitions CSV (and
// atlas.csv for the current units no recognition names) and recomputes from it every number
// of the year pages and the years chart, national and per province, in both languages: the
// overview's counts of communes and recognitions, each year's count, each bar and cell of the
// chart by year and level, the recognitions listed under each year and of unknown year, and
// on each year page the summary, the legend's count of units per class and the count of
// undated recognitions. The JSON download must hold the same rows.
//
// It does so for the Sơn La fixture and for the fixture of district and province recognitions
// and a revocation (areasSite), whose communes are counted apart from those named by their own
// recognitions.
func TestRecognitionsReproduceYearPages(t *testing.T) {
	for _, site := range []string{defaultSite, areasSite} {
		t.Run(filepath.Base(site), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Run(Options{Site: site, Out: out, Cache: testCache}); err != nil {
				t.Fatal(err)
			}
			reproduceYearPages(t, out)
		})
	}
}

// TestRecognitionsReproduceBuiltYearPages recomputes the year pages of a site built
// beforehand, the national default site in CI (ATLAS_BUILT_SITE), from its downloads: with
// 34 provinces a province's counts must be its own (the fixtures have one province).
func TestRecognitionsReproduceBuiltYearPages(t *testing.T) {
	reproduceYearPages(t, builtSite(t))
}

// reproduceYearPages recomputes the year pages of the site built in out from its downloads.
func reproduceYearPages(t *testing.T, out string) {
	header, csvRows := readCSV(t, filepath.Join(out, model.RecognitionsPath("csv")))
	if !reflect.DeepEqual(header, export.RecognitionColumns) {
		t.Fatalf("recognitions header %q, want %q", header, export.RecognitionColumns)
	}
	var rows []recRow
	for _, m := range csvRows {
		r := recRow{kind: m["kind"], code: m["code"], province: m["province"], url: m["url"], level: m["level"],
			asOf: m["as_of"], basis: m["basis"], nowPartOf: strings.Fields(m["now_part_of"]), counts: m["counts"] == "true"}
		if m["revoked_year"] != "" {
			r.revoked, _ = strconv.Atoi(m["revoked_year"])
		}
		var err error
		if r.rank, err = strconv.Atoi(m["level_rank"]); err != nil {
			t.Fatalf("level_rank %q: %v", m["level_rank"], err)
		}
		if m["year"] != "" {
			if r.year, err = strconv.Atoi(m["year"]); err != nil {
				t.Fatalf("year %q: %v", m["year"], err)
			}
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		t.Fatal("the recognitions download has no rows")
	}

	// The JSON holds the same rows.
	var doc export.RecognitionsFile
	b, err := os.ReadFile(filepath.Join(out, model.RecognitionsPath("json")))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Recognitions) != len(csvRows) {
		t.Fatalf("JSON has %d recognitions, CSV %d", len(doc.Recognitions), len(csvRows))
	}
	for i, j := range doc.Recognitions {
		if j.URL != csvRows[i]["url"] || j.Level != csvRows[i]["level"] || strconv.Itoa(j.Year) != cmp0(csvRows[i]["year"]) {
			t.Errorf("JSON row %d (%s %s %d) differs from CSV row %v", i, j.URL, j.Level, j.Year, csvRows[i])
		}
	}

	// The current units and their eligible former communes, which no recognition gives for
	// the units none names.
	_, atlasRows := readCSV(t, filepath.Join(out, model.DataPath("", "csv")))
	unitsOf := map[string]map[string]int{"": {}}
	for _, m := range atlasRows {
		if m["period"] != "current" {
			continue
		}
		n, _ := strconv.Atoi(m["formers_eligible"])
		if n == 0 {
			// No eligible former commune: formed from wards and townships only, or from
			// nothing known (an island district had no communes); the unit's own JSON says.
			var doc export.UnitDataFile
			b, err := os.ReadFile(filepath.Join(out, model.UnitDataPath(m["code"], "json")))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Formers) == 0 {
				n = -1
			}
		}
		if unitsOf[m["province"]] == nil {
			unitsOf[m["province"]] = map[string]int{}
		}
		unitsOf[m["province"]][m["code"]] = n
		unitsOf[""][m["code"]] = n
	}

	page := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, p, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// The data page and the national overview link both files.
	for _, p := range []string{model.DataPageDir, model.YearsDir, enDir + model.DataPageDir, enDir + model.YearsDir} {
		html := page(p)
		for _, f := range []string{model.RecognitionsPath("csv"), model.RecognitionsPath("json")} {
			if !strings.Contains(html, "/"+f+`"`) {
				t.Errorf("%s does not link %s", p, f)
			}
		}
	}
	for prov := range unitsOf {
		s := &recScope{units: unitsOf[prov]}
		for _, r := range rows {
			if prov != "" && r.province != prov {
				continue
			}
			switch r.kind {
			case "assessment":
				s.own = append(s.own, r)
			case "recognition":
				s.rows = append(s.rows, r)
			}
		}
		dir := model.YearsDir
		if prov != "" {
			dir = model.ProvincePath(prov) + model.YearsDir
		}
		t.Run(strings.TrimSuffix(dir, "/"), func(t *testing.T) { s.check(t, prov, dir, page) })
	}
}

// cmp0 is a CSV year as the JSON's number prints: "0" when blank.
func cmp0(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// check compares the overview at dir and its year pages with the numbers recomputed from s.
func (s *recScope) check(t *testing.T, prov, dir string, page func(string) string) {
	vi, en := page(dir), page(enDir+dir)

	// The chart: its levels are the ranks of its bars; each bar and table cell is a count.
	seen := map[int]bool{}
	for _, m := range reBar.FindAllStringSubmatch(vi, -1) {
		rank, _ := strconv.Atoi(m[1])
		year, _ := strconv.Atoi(m[2])
		if !seen[rank] {
			seen[rank] = true
			s.ranks = append(s.ranks, rank)
		}
		if !slices.Contains(s.years, year) {
			s.years = append(s.years, year)
		}
		n := ints(m[3])
		if got, want := n[len(n)-1], s.atLeast(year, rank); got != want {
			t.Errorf("%s chart bar %d rank %d: %d, the recognitions give %d", dir, year, rank, got, want)
		}
	}
	if prov == "" {
		// The national overview charts the sourced figures, not the named communes: its years
		// are those of its list, its levels every recognised rank.
		if len(s.ranks) != 0 {
			t.Errorf("%s charts the named communes, %v", dir, s.ranks)
		}
		for _, m := range reYearItem.FindAllStringSubmatch(vi, -1) {
			year, _ := strconv.Atoi(m[1])
			s.years = append(s.years, year)
		}
		s.ranks = []int{s.lowestRank()}
	}
	if len(s.ranks) == 0 || len(s.years) == 0 {
		t.Fatalf("%s: no chart bars", dir)
	}
	lowest := slices.Min(s.ranks)
	for _, m := range reChartRow.FindAllStringSubmatch(vi, -1) {
		year, _ := strconv.Atoi(m[1])
		cells := reCell.FindAllStringSubmatch(m[2], -1)
		for i, rank := range s.ranks {
			if got, want := cells[i][1], strconv.Itoa(s.atLeast(year, rank)); got != want {
				t.Errorf("%s chart table %d rank %d: %s, the recognitions give %s", dir, year, rank, got, want)
			}
		}
	}
	for _, r := range s.rows {
		if r.year != 0 && !slices.Contains(s.years, r.year) {
			t.Errorf("%s: a recognition counts from %d, which has no year page", dir, r.year)
		}
	}

	// The overview's sentence on communes and their own recognitions, in both languages:
	// the communes named are those whose own recognition stands today.
	named, dated := map[string]bool{}, map[string]bool{}
	recs, datedRecs := 0, 0
	for _, r := range s.rows {
		if !r.counts || !r.own() {
			continue
		}
		recs++
		if r.revoked == 0 {
			named[r.url] = true
		}
		if r.year != 0 {
			datedRecs++
			if r.revoked == 0 {
				dated[r.url] = true
			}
		}
	}
	want := []int{len(named), recs, len(dated), len(named) - len(dated), datedRecs, recs - datedRecs}
	for _, tc := range []struct{ html, start, end string }{
		{vi, "<p>Dữ liệu nêu tên ", "(danh sách"}, {en, "<p>The data names ", "(listed below)"},
	} {
		i := strings.Index(tc.html, tc.start)
		j := strings.Index(tc.html[max(i, 0):], tc.end)
		if i < 0 || j < 0 {
			t.Errorf("%s: no sentence %q…%q", dir, tc.start, tc.end)
			continue
		}
		if got := ints(tc.html[i : i+j]); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the overview says %v (communes, recognitions, communes with a year, communes without, recognitions with a year, without), the recognitions give %v:\n%s",
				dir, got, want, tc.html[i:i+j])
		}
	}

	// Each year's count of named communes.
	items := reYearItem.FindAllStringSubmatch(vi, -1)
	if len(items) != len(s.years) {
		t.Errorf("%s lists %d years, the chart %d", dir, len(items), len(s.years))
	}
	for _, m := range items {
		year, _ := strconv.Atoi(m[1])
		if n, _ := strconv.Atoi(m[2]); n != s.atLeast(year, lowest) {
			t.Errorf("%s: %d has %d communes, the recognitions give %d", dir, year, n, s.atLeast(year, lowest))
		}
	}

	// The recognitions named under each year, and those of unknown year; on the national
	// overview of a site with too many, each province's overview lists its own (checked there).
	byProvince := strings.Contains(vi, "<p>Các công nhận quá nhiều để liệt kê")
	if byProvince && prov != "" {
		t.Errorf("%s lists its recognitions by province", dir)
	}
	byYear := map[int]int{}
	for _, r := range s.rows {
		if r.counts && r.own() && r.year != 0 {
			byYear[r.year]++
		}
	}
	gotByYear := map[int]int{}
	for _, m := range reGroup.FindAllStringSubmatch(vi, -1) {
		year, _ := strconv.Atoi(m[1])
		gotByYear[year] = strings.Count(m[2], "<li>")
	}
	if byProvince {
		byYear = map[int]int{}
	}
	if !reflect.DeepEqual(gotByYear, byYear) {
		t.Errorf("%s lists recognitions by year %v, the recognitions give %v", dir, gotByYear, byYear)
	}
	undated := 0
	if m := reUndatedList.FindStringSubmatch(vi); m != nil {
		undated = strings.Count(m[1], "<li>")
	}
	if !byProvince && undated != recs-datedRecs {
		t.Errorf("%s lists %d recognitions of unknown year, the recognitions give %d", dir, undated, recs-datedRecs)
	}

	// Each year page: the summary, and on a province's the legend and the undated count.
	for _, y := range s.years {
		p := dir + strconv.Itoa(y) + "/"
		html := page(p)
		m := reSummary.FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("%s: no summary", p)
		}
		got := ints(m[1])
		if prov == "" {
			// The year first and the named communes last; between them the national total
			// and the provinces with a figure, from the milestones, not the recognitions.
			last := []int{s.atLeast(y, lowest)}
			if n := s.areaAtLeast(y, lowest); n > 0 {
				last = append(last, n)
			}
			if len(got) < 3+len(last) || got[0] != y || !slices.Equal(got[len(got)-len(last):], last) {
				t.Errorf("%s: summary %q, the recognitions give %v named communes (and through areas)", p, m[1], last)
			}
			continue
		}
		classes := s.classes(y)
		coloured := 0
		counts := map[string]int{}
		for _, c := range classes {
			counts[c]++
			if c != "no-data" && c != "not-covered" {
				coloured++
			}
		}
		// The province's sourced figure follows: it comes from the milestones.
		want := []int{y, s.atLeast(y, lowest), s.atLeast(y, lowest+1)}
		if n := s.areaAtLeast(y, lowest); n > 0 {
			want = append(want, n)
		}
		if want = append(want, coloured, len(s.units)); len(got) < len(want) || !reflect.DeepEqual(got[:len(want)], want) {
			t.Errorf("%s: summary %v, the recognitions give %v (year, communes, advanced or above, [through areas,] units coloured, units)", p, got, want)
		}
		legend := map[string]int{}
		for _, m := range reLegendItem.FindAllStringSubmatch(html, -1) {
			if n, _ := strconv.Atoi(m[2]); n > 0 {
				legend[m[1]] = n
			}
		}
		if !reflect.DeepEqual(legend, counts) {
			t.Errorf("%s: legend %v, the recognitions give %v", p, legend, counts)
		}
		if wantU := recs - datedRecs; wantU > 0 {
			if !strings.Contains(html, fmt.Sprintf("<p>%d công nhận trong dữ liệu không nêu năm", wantU)) {
				t.Errorf("%s does not say %d recognitions are of unknown year", p, wantU)
			}
		}
	}
}
