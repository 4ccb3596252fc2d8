package scaffold

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// TestAnyText: names in the boundary file, the title, the credits and a story's title may
// hold any character; every TOML file written decodes back to them, with no key but those
// written. Text that is not UTF-8, which no TOML file can hold, is an error, not text
// silently changed.
func TestAnyText(t *testing.T) {
	const odd = "bell\a, vertical tab\v, nul\x00, delete\x7f, quote\" backslash\\ line\nbreak = 1\r\n[x]"
	dir := t.TempDir()
	geo := filepath.Join(dir, "ranh giới\nmới.geojson")
	feature := func(code, name string) string {
		return `{"type":"Feature","properties":{"code":"` + code + `","name":` + jsonString(name) + `,"type":"Xã","province_code":"14","province":"Sơn La"},` +
			`"geometry":{"type":"Polygon","coordinates":[[[103.9,21.3],[104,21.3],[104,21.4],[103.9,21.3]]]}}`
	}
	src := `{"type":"FeatureCollection","features":[` + feature("03664", "Chiềng "+odd) + "," + feature("03670", "Chiềng Cơi") + "]}"
	if err := os.WriteFile(geo, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBoundaries(geo, Properties{})
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "site")
	opts := Options{Dir: site, Province: "14", Title: "Atlas " + odd, SourceName: "Nguồn " + odd, SourceURL: "https://example.org/" + odd,
		SourceLicense: "MIT " + odd, Today: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)}
	if _, err := NewSite(b, opts); err != nil {
		t.Fatal(err)
	}
	decode := func(name string, v any) {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".md") { // the front matter
			data = bytes.TrimPrefix(data, []byte("+++\n"))
			data = data[:bytes.Index(data, []byte("\n+++\n"))+1]
		}
		md, err := toml.Decode(string(data), v)
		if err != nil {
			t.Errorf("%s does not decode: %v\n%s", name, err, data)
			return
		}
		if u := md.Undecoded(); len(u) > 0 {
			t.Errorf("%s has keys %v that were not written:\n%s", name, u, data)
		}
	}
	var cfg struct {
		Title, Description, Language, Province string
		TitleEn                                string `toml:"title_en"`
		DescriptionEn                          string `toml:"description_en"`
		BaseURL                                string `toml:"base_url"`
		CriteriaSet                            string `toml:"criteria_set"`
		Boundaries                             []map[string]string
		Credits                                []struct {
			Name, URL, License, Note string
			NameEn                   string `toml:"name_en"`
			NoteEn                   string `toml:"note_en"`
		}
	}
	decode("atlas.toml", &cfg)
	if cfg.Title != opts.Title || len(cfg.Credits) == 0 || cfg.Credits[0].Name != opts.SourceName ||
		cfg.Credits[0].URL != opts.SourceURL || cfg.Credits[0].License != opts.SourceLicense {
		t.Errorf("atlas.toml: %+v", cfg)
	}
	var unit struct{ Code, Name, Type, Province string }
	decode("content/units/03664.toml", &unit)
	if unit.Name != "Chiềng "+odd {
		t.Errorf("unit name %q", unit.Name)
	}

	// atlas new unit and atlas new story.
	os.Remove(filepath.Join(site, "content", "units", "03664.toml"))
	if _, err := NewUnit(site, "03664"); err != nil {
		t.Fatal(err)
	}
	unit.Name = ""
	decode("content/units/03664.toml", &unit)
	if unit.Name != "Chiềng "+odd {
		t.Errorf("new unit's name %q", unit.Name)
	}
	p, err := NewStory(site, "Tin "+odd, opts.Today)
	if err != nil {
		t.Fatal(err)
	}
	var story struct {
		Title, Author, Summary string
		SourceURL              string `toml:"source_url"`
		Date                   time.Time
		Provinces, Units       []string
		FormerUnits            []string `toml:"former_units"`
	}
	decode("content/stories/"+filepath.Base(p), &story)
	if story.Title != "Tin "+odd {
		t.Errorf("story title %q", story.Title)
	}

	// Not UTF-8.
	bad := opts
	bad.Dir, bad.Title = filepath.Join(dir, "bad"), "Atlas \xff"
	if _, err := NewSite(b, bad); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("NewSite with a title that is not UTF-8: %v", err)
	}
	if _, err := NewStory(site, "Tin \xc3", opts.Today); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("NewStory with a title that is not UTF-8: %v", err)
	}
}
