package i18n

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

func builtinLocales(t *testing.T) map[string]*Locale {
	t.Helper()
	locs := map[string]*Locale{}
	for _, lang := range model.Languages {
		l, err := Load(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		locs[lang] = l
	}
	return locs
}

// TestTranslationsComplete fails on a missing translation: both files must hold the same keys,
// with the same number of links, and each unit type its key.
func TestTranslationsComplete(t *testing.T) {
	locs := builtinLocales(t)
	vi, en := locs["vi"], locs["en"]
	for _, k := range vi.Keys() {
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
	for _, k := range en.Keys() {
		if _, ok := vi.strings[k]; !ok {
			t.Errorf("i18n/vi.toml has no %q (en: %q)", k, en.strings[k])
		}
	}
	for typ, k := range unitTypeKeys {
		for _, l := range locs {
			if _, err := l.T(k); err != nil {
				t.Errorf("unit type %q: i18n/%s.toml has no %q", typ, l.Lang(), k)
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
	l, err := Load("en", dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Phrase("nav.units"); got != "Communes" {
		t.Errorf("overridden key = %q", got)
	}
	if got := l.Phrase("nav.formers"); got != "Former communes" {
		t.Errorf("other key = %q, want the built-in one", got)
	}
	bad := fstest.MapFS{"vi.toml": {Data: []byte("[nav]\nunits = 3\n")}}
	if _, err := Load("vi", bad); err == nil {
		t.Error("a site file with a number for a string was accepted")
	}
}
