package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func builtinLocales(t *testing.T) map[string]*locale {
	t.Helper()
	locs := map[string]*locale{}
	for _, lang := range Languages {
		l, err := loadLocale(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		locs[lang] = l
	}
	return locs
}

// TestTranslationsComplete fails on a missing translation: both files must hold the same keys,
// with the same number of links, and every key a layout or the renderer uses must be in them.
func TestTranslationsComplete(t *testing.T) {
	locs := builtinLocales(t)
	vi, en := locs["vi"], locs["en"]
	for _, k := range vi.keys() {
		e, ok := en.strings[k]
		if !ok {
			t.Errorf("i18n/en.toml has no %q (vi: %q)", k, vi.strings[k])
			continue
		}
		if a, b := len(splitLinks(vi.strings[k])), len(splitLinks(e)); a != b {
			t.Errorf("%s: vi has %d links, en %d", k, a/2, b/2)
		}
		if e == "" {
			t.Errorf("i18n/en.toml: %q is empty", k)
		}
	}
	for _, k := range en.keys() {
		if _, ok := vi.strings[k]; !ok {
			t.Errorf("i18n/vi.toml has no %q (en: %q)", k, en.strings[k])
		}
	}

	// Keys used by layouts ({{T "k"}}, {{TL "k"}}) and by Go code (loc.t("k")).
	used := map[string]string{}
	inLayout := regexp.MustCompile(`\bTL? "([a-z_]+\.[a-z_]+)"`)
	err := fs.WalkDir(builtin, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := fs.ReadFile(builtin, p)
		for _, m := range inLayout.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = p
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	inGo := regexp.MustCompile(`\.t\("([a-z_]+\.[a-z_]+)"`)
	gofiles, _ := filepath.Glob("*.go")
	for _, f := range gofiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range inGo.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = f
		}
	}
	for _, k := range unitTypeKeys {
		used[k] = "i18n.go"
	}
	if len(used) < 100 {
		t.Errorf("found only %d keys in use; is the pattern still right?", len(used))
	}
	for k, where := range used {
		for _, l := range locs {
			if _, ok := l.strings[k]; !ok {
				t.Errorf("%s uses %q, which i18n/%s.toml lacks", where, k, l.lang)
			}
		}
	}
}

func TestLocaleFormats(t *testing.T) {
	locs := builtinLocales(t)
	vi, en := locs["vi"], locs["en"]
	day := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	tests := []struct{ got, want string }{
		{vi.Date(day), "28/11/2026"},
		{en.Date(day), "28 November 2026"},
		{en.Date(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)), "1 July 2025"},
		{vi.Date(time.Time{}), ""},
		{vi.MonthYear(2017, 12), "12/2017"},
		{en.MonthYear(2017, 12), "December 2017"},
		{en.MonthYear(2020, 0), "2020"},
		{vi.Number(1234.5), "1.234,5"},
		{en.Number(1234.5), "1,234.5"},
		{vi.Number(1234567), "1.234.567"},
		{en.Number(65), "65"},
		{en.Number(-1000.04), "-1,000"},
		{vi.Number(0.25), "0,3"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestLocalFallback(t *testing.T) {
	locs := builtinLocales(t)
	vi, en := locs["vi"], locs["en"]
	if got := vi.Local("Planning", "Quy hoạch"); got != (Text{Value: "Quy hoạch"}) {
		t.Errorf("vi: %+v", got)
	}
	if got := en.Local("Planning", "Quy hoạch"); got != (Text{Value: "Planning"}) {
		t.Errorf("en: %+v", got)
	}
	if got := en.Local("", "Quy hoạch"); got != (Text{Value: "Quy hoạch", Lang: "vi"}) {
		t.Errorf("en without translation: %+v", got)
	}
}

func TestSiteStringsOverride(t *testing.T) {
	dir := fstest.MapFS{"en.toml": {Data: []byte("[nav]\nunits = \"Communes\"\n")}}
	l, err := loadLocale("en", dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.t("nav.units"); got != "Communes" {
		t.Errorf("overridden key = %q", got)
	}
	if got := l.t("nav.formers"); got != "Former communes" {
		t.Errorf("other key = %q, want the built-in one", got)
	}
	files, err := Site(site(), Options{Maps: maps(t), I18n: fstest.MapFS{"en.toml": {Data: []byte("[nav]\nunits = \"Communes only\"\n")}}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["en/index.html"]), ">Communes only</a>") {
		t.Error("en/index.html does not use the site's string")
	}
	if strings.Contains(string(files["index.html"]), "Communes only") {
		t.Error("index.html uses the English override")
	}

	bad := fstest.MapFS{"vi.toml": {Data: []byte("[nav]\nunits = 3\n")}}
	if _, err := Site(site(), Options{Maps: maps(t), I18n: bad}); err == nil || !strings.Contains(err.Error(), "i18n/vi.toml") {
		t.Errorf("a bad site file: err = %v, want it named", err)
	}
}
