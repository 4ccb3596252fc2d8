package model

import (
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestURLs pins the URL scheme: every path function against the path it must give. The
// paths are published: changing one breaks links (docs/urls.md), so a change here is a
// change of the scheme, with aliases for the old paths.
func TestURLs(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{UnitPath("03664"), "xa/03664/"},
		{FormerPath(FormerKey("04075", ReformDate)), "xa-cu/04075/"},
		{ProvincePath("14"), "tinh/14/"},
		{ProvincePath("14") + UnitsDir, "tinh/14/xa/"},
		{ProvincePath("14") + FormerDir, "tinh/14/xa-cu/"},
		{ProvincePath("14") + YearPath(2016), "tinh/14/nam/2016/"},
		{StoryPath("muoi-nam"), "tin/muoi-nam/"},
		{CriteriaPath("2021-2025"), "tieu-chi/2021-2025/"},
		{CriterionPath("2026-2030", "10"), "tieu-chi/2026-2030/10/"},
		{YearsDir, "nam/"},
		{YearPath(2018), "nam/2018/"},
		{SourcesDir, "nguon/"},
		{SearchDir, "tim-kiem/"},
		{DataPageDir, "du-lieu/"},
		{StoriesFeedPath(), "tin/atom.xml"},
		{ProvinceFeedPath("14"), "tinh/14/atom.xml"},
		{EmbedProvincePath("vi", "14"), "embed/tinh/14/"},
		{EmbedProvincePath("en", "14"), "embed/en/tinh/14/"},
		{EmbedUnitPath("vi", "03664"), "embed/xa/03664/"},
		{EmbedUnitPath("en", "03664"), "embed/en/xa/03664/"},
		{EmbedScriptPath, "assets/embed.js"},
		{CardPath(UnitPath("03670")), "xa/03670/card.png"},
		{CardPath(ProvincePath("14")), "tinh/14/card.png"},
		{MapSVGPath(""), "data/atlas.svg"},
		{MapSVGPath(ProvincePath("14")), "tinh/14/map.svg"},
		{MapSVGPath(YearPath(2016)), "nam/2016/map.svg"},
		{LocatorPath("14"), "tinh/14/locator.svg"},
		{DataPath("", "csv"), "data/atlas.csv"},
		{DataPath("14", "json"), "data/tinh-14.json"},
		{DataPath("", "geojson"), "data/atlas.geojson"},
		{MapDataPath("14", false), "data/tinh-14.geojson"},
		{MapDataPath("14", true), "data/tinh-14-240px.geojson"},
		{UnitDataPath("03664", "csv"), "data/xa-03664.csv"},
		{RecognitionsPath("json"), "data/cong-nhan.json"},
		{SchemaPath, "data/schema-v1.json"},
		{RecognitionsSchemaPath, "data/schema-cong-nhan-v1.json"},
		{FiguresPath("csv"), "data/so-lieu.csv"},
		{FiguresSchemaPath, "data/schema-so-lieu-v1.json"},
		{SearchIndexPath, "tim-kiem/i/index.json"},
		{SearchShardPath("chie"), "tim-kiem/i/chie.json"},
		{AssetPath("atlas.css", "1a2b3c4d5e"), "assets/immutable/atlas.1a2b3c4d5e.css"},
		{PageFile(UnitPath("03664")), "xa/03664/index.html"},
		{PageFile(NotFoundFile), "404.html"},
		{NotFoundPath("vi"), "404.html"},
		{NotFoundPath("en"), "en/404.html"},
		{LanguageDir("vi"), ""},
		{LanguageDir("en"), "en/"},
		{AliasPath("/xa/chieng-an"), "xa/chieng-an/"},
		{AliasPath("cu/chieng-xom.html"), "cu/chieng-xom.html"},
		{URL("https://example.org/atlas", "xa/03664/"), "https://example.org/atlas/xa/03664/"},
		{BasePath("https://example.org/atlas"), "/atlas/"},
		{BasePath("https://example.org"), "/"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	want := []string{"/", "/index.html", "/404.html", "/card.png", "/favicon.svg", "/favicon.ico", "/assets/*", "/data/*", "/xa/*", "/xa-cu/*", "/tinh/*",
		"/tin/*", "/tieu-chi/*", "/nguon/*", "/nam/*", "/en/*", "/tim-kiem/*", "/sitemap.xml", "/robots.txt",
		"/_redirects", "/du-lieu/*", "/embed/*"}
	if got := TopLevel(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("TopLevel() = %q, want %q", got, want)
	}
}

// TestPages: the pages an alias may not take are those the build writes from content.
func TestPages(t *testing.T) {
	s := &Site{
		Units:        []*Unit{{Code: "03664"}},
		Former:       []*FormerUnit{{Code: "03664", Until: ReformDate}},
		Provinces:    []*Province{{Code: "14"}},
		Stories:      []*Story{{Slug: "a"}},
		CriteriaSets: []*CriteriaSet{{ID: "s", Criteria: []*Criterion{{ID: "1"}}}},
	}
	pages := Pages(s)
	for _, p := range []string{"", "xa/", "xa-cu/", "tin/", "tieu-chi/", "nguon/", "tim-kiem/", "du-lieu/", "404.html",
		"xa/03664/", "xa-cu/03664/", "tinh/14/", "tin/a/", "tieu-chi/s/", "tieu-chi/s/1/"} {
		if pages[p] == "" {
			t.Errorf("Pages lacks %q", p)
		}
	}
	if len(pages) != 15 {
		t.Errorf("Pages has %d paths, want 15: %v", len(pages), pages)
	}
}

// folderLiteral matches a text that names one of the site's top folders as a path segment.
var folderLiteral = func() *regexp.Regexp {
	var alts []string
	for _, d := range []string{UnitsDir, FormerDir, ProvincesDir, StoriesDir, CriteriaDir, SourcesDir, YearsDir,
		SearchDir, DataPageDir, DataDir, EmbedDir, AssetsDir} {
		alts = append(alts, regexp.QuoteMeta(d))
	}
	for _, l := range Languages[1:] {
		alts = append(alts, regexp.QuoteMeta(LanguageDir(l)))
	}
	// A folder name begins the text or follows a character that cannot be part of a name:
	// "xa/03664/", "/xa/", `^(en/)?xa/`, "%s/tinh/".
	return regexp.MustCompile(`(^|[^A-Za-z0-9_.-])(` + strings.Join(alts, "|") + `)`)
}()

// TestSchemeInOnePlace: no Go file outside this package spells a folder of the URL scheme in
// a string literal: they ask this package (urls.go), so that the scheme is stated once.
func TestSchemeInOnePlace(t *testing.T) {
	root := filepath.Join("..", "..")
	here, _ := filepath.Abs(".")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch abs, _ := filepath.Abs(p); {
			case abs == here, d.Name() == "testdata", d.Name() == "node_modules", strings.HasPrefix(d.Name(), ".") && p != root:
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		var s scanner.Scanner
		s.Init(fset.AddFile(p, -1, len(src)), src, nil, 0)
		for {
			pos, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if (tok == token.STRING || tok == token.CHAR) && folderLiteral.MatchString(lit) {
				t.Errorf("%s: %s names a folder of the URL scheme: ask internal/model", fset.Position(pos), lit)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
