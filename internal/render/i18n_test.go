package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
)

func builtinLocales(t *testing.T) map[string]*i18n.Locale {
	t.Helper()
	locs := map[string]*i18n.Locale{}
	for _, lang := range model.Languages {
		l, err := i18n.Load(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		locs[lang] = l
	}
	return locs
}

// TestTranslationsUsed fails when a layout or Go code uses a key the strings lack.
func TestTranslationsUsed(t *testing.T) {
	locs := builtinLocales(t)
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
	inGo := regexp.MustCompile(`\.Phrase\("([a-z_]+\.[a-z_]+)"`)
	var gofiles []string
	for _, dir := range []string{".", "../export", "../i18n"} {
		fs, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		gofiles = append(gofiles, fs...)
	}
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
	if len(used) < 100 {
		t.Errorf("found only %d keys in use; is the pattern still right?", len(used))
	}
	for k, where := range used {
		for _, l := range locs {
			if _, err := l.T(k); err != nil {
				t.Errorf("%s uses %q, which i18n/%s.toml lacks", where, k, l.Lang())
			}
		}
	}
}

// TestSiteStringsOverride: a site's i18n/<lang>.toml reaches the pages of its language only,
// and a bad one is an error that names it.
func TestSiteStringsOverride(t *testing.T) {
	files, err := Site(site(), Options{Maps: maps(t), I18n: fstest.MapFS{"en.toml": {Data: []byte("[nav]\nunits = \"Communes only\"\n")}}})
	if err != nil {
		t.Fatal(err)
	}
	if home := pageFile("en", ""); !strings.Contains(string(files[home]), ">Communes only</a>") {
		t.Errorf("%s does not use the site's string", home)
	}
	if strings.Contains(string(files["index.html"]), "Communes only") {
		t.Error("index.html uses the English override")
	}

	bad := fstest.MapFS{"vi.toml": {Data: []byte("[nav]\nunits = 3\n")}}
	if _, err := Site(site(), Options{Maps: maps(t), I18n: bad}); err == nil || !strings.Contains(err.Error(), "i18n/vi.toml") {
		t.Errorf("a bad site file: err = %v, want it named", err)
	}
}
