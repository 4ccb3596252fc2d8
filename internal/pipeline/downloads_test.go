package pipeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/export"
	"github.com/ntm-atlas/atlas/internal/model"
)

// TestDownloads checks the default site's CSV and JSON downloads: a BOM, the documented
// header, one row per current and former unit with the same code, name and page as the site,
// and the data's date in every file.
func TestDownloads(t *testing.T) {
	out, site := buildDefault(t)
	read := func(p string) []byte {
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	want := map[string]bool{} // code + period + page path
	for _, u := range site.Units {
		want[u.Code+" current "+model.UnitPath(u.Code)] = true
	}
	for _, f := range site.Former {
		want[f.Code+" former "+model.FormerPath(f.Key())] = true
	}
	base := site.Config.BaseURL
	for _, p := range []string{model.DataPath("", "csv"), model.DataPath("14", "csv")} {
		b := read(p)
		if !bytes.HasPrefix(b, []byte("\uFEFF")) {
			t.Fatalf("%s has no byte order mark", p)
		}
		recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !reflect.DeepEqual(recs[0], export.UnitColumns) {
			t.Fatalf("%s: header %q", p, recs[0])
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		got := map[string]bool{}
		for _, r := range recs[1:] {
			code, url := r[col["code"]], r[col["url"]]
			page := strings.TrimPrefix(url, base)
			got[code+" "+r[col["period"]]+" "+page] = true
			if _, err := os.Stat(filepath.Join(out, page, "index.html")); err != nil {
				t.Errorf("%s: %s's url %s is not a page", p, code, url)
			}
			if r[col["data_as_of"]] == "" {
				t.Errorf("%s: %s has no data_as_of", p, code)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d rows, want one per unit (%d)", p, len(got), len(want))
		}
	}
	for _, p := range []string{model.DataPath("", "json"), model.DataPath("14", "json"), model.DataPath("", "geojson"), model.MapDataPath("14", false)} {
		var doc struct {
			DataAsOf string `json:"data_as_of"`
		}
		if err := json.Unmarshal(read(p), &doc); err != nil || !regexp.MustCompile(`^\d{4}-\d\d-\d\d$`).MatchString(doc.DataAsOf) {
			t.Errorf("%s: data_as_of %q (%v)", p, doc.DataAsOf, err)
		}
	}
}

var reIframeSrc = regexp.MustCompile(`&lt;iframe src="([^"]+)"`) // the embed code's text keeps its quotes (render.textarea)

// TestEmbedPages checks that every current unit and province has an embed in each language,
// with one h1 and without the site's header and navigation, and that the snippet on its page
// frames that embed.
func TestEmbedPages(t *testing.T) {
	out, site := buildDefault(t)
	check := func(page, embed string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, embed, "index.html"))
		if err != nil {
			t.Errorf("no embed: %v", err)
			return
		}
		if bytes.Contains(b, []byte("<header")) || bytes.Contains(b, []byte("<nav")) {
			t.Errorf("%s has the site's header or navigation", embed)
		}
		p, err := os.ReadFile(filepath.Join(out, page, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		m := reIframeSrc.FindSubmatch(p)
		if m == nil {
			t.Errorf("%s has no embed snippet", page)
			return
		}
		if got := strings.TrimPrefix(string(m[1]), site.Config.BaseURL); got != embed {
			t.Errorf("%s: snippet frames %s, want %s", page, m[1], embed)
		}
	}
	for _, lang := range model.Languages {
		prefix := ""
		if lang != "vi" {
			prefix = lang + "/"
		}
		for _, u := range site.Units {
			check(prefix+model.UnitPath(u.Code), model.EmbedUnitPath(lang, u.Code))
		}
		for _, p := range site.Provinces {
			check(prefix+model.ProvincePath(p.Code), model.EmbedProvincePath(lang, p.Code))
		}
	}
	if _, err := os.Stat(outFile(out, model.EmbedScriptPath)); err != nil {
		t.Error(err)
	}
}
