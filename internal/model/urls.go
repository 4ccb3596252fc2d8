package model

import (
	"net/url"
	"strconv"
	"strings"
)

// The URL scheme of a built site (docs/urls.md): every folder and file name of the output,
// and the path of every page and file, relative to the site root, with forward slashes. A
// page's path is its folder and ends in "/" ("xa/03664/"); the home page's is "". Every page
// is written in each of Languages, the first at the root and the others below their folder
// (LanguageDir): "en/xa/03664/". This file is the one place the scheme is spelled: render,
// export, validate, budget and serve ask it, and a test over the repository checks that no
// other Go file holds a folder name.

// Languages are the languages every page is rendered in, the first at the site root and each
// other one under a folder of its name (LanguageDir).
var Languages = []string{"vi", "en"}

// LanguageDir is the folder of the pages in lang: "" for the first of Languages, "en/" for
// English.
func LanguageDir(lang string) string {
	if lang == "" || lang == Languages[0] {
		return ""
	}
	return lang + "/"
}

// The top folders of a site.
const (
	UnitsDir     = "xa/"       // current units: xa/<code>/, and the A–Z list of provinces at xa/
	FormerDir    = "xa-cu/"    // former units: xa-cu/<key>/, and the list at xa-cu/
	ProvincesDir = "tinh/"     // provinces: tinh/<code>/, with their own xa/, xa-cu/ and nam/
	StoriesDir   = "tin/"      // stories: tin/<slug>/
	CriteriaDir  = "tieu-chi/" // criteria sets: tieu-chi/<id>/<criterion>/
	SourcesDir   = "nguon/"    // the sources page
	YearsDir     = "nam/"      // the years: nam/<year>/, also below a province
	SearchDir    = "tim-kiem/" // the search page, and its index below it
	DataPageDir  = "du-lieu/"  // the data page
	DataDir      = "data/"     // the downloads
	EmbedDir     = "embed/"    // the pages other sites may frame
	AssetsDir    = "assets/"   // stylesheets and scripts
)

// ImmutableDir is the folder of the fingerprinted assets (AssetPath): every file in it is named
// for its content, so hosts cache it forever (netlify.toml), and nothing else may lie in it.
// The one asset with a stable name, EmbedScriptPath, is beside it: host patterns cannot tell
// "atlas.1a2b3c4d5e.css" from "embed.js" by name, but they can by folder.
const ImmutableDir = AssetsDir + "immutable/"

// Files of a site, and of its pages' folders.
const (
	IndexFile     = "index.html"  // a page, in its folder
	NotFoundFile  = "404.html"    // served by hosts at any missing path, at the root of each language
	FeedFile      = "atom.xml"    // an Atom feed, in the folder of what it follows
	SitemapFile   = "sitemap.xml" // every page
	RobotsFile    = "robots.txt"
	RedirectsFile = "_redirects"  // Netlify's redirect rules
	CardFile      = "card.png"    // a page's share card, in its folder (CardPath)
	MapFile       = "map.svg"     // the map of a page as a standalone SVG, in its folder
	LocatorFile   = "locator.svg" // a province's locator background, in its folder
	ShapesFile    = "shapes.svg"  // a province's unit shapes, which its year pages draw
	SliderFile    = "years.json"  // every year's statuses of a years folder's map, which its slider reads
	FaviconSVG    = "favicon.svg" // the site's icon, at the root
	FaviconICO    = "favicon.ico" // the same for browsers that ask for /favicon.ico
)

// Paths of single files.
const (
	// EmbedScriptPath is the stable path of the embeds' optional auto-height script: host
	// pages link it by this name, so it is not fingerprinted.
	EmbedScriptPath = AssetsDir + "embed.js"
	// SchemaPath is the JSON Schema of the JSON downloads. A change that breaks readers gets
	// a new version and a new file; the old one stays.
	SchemaPath = DataDir + "schema-v1.json"
	// RecognitionsSchemaPath is the JSON Schema of the recognitions download.
	RecognitionsSchemaPath = DataDir + "schema-cong-nhan-v1.json"
	// FiguresSchemaPath is the JSON Schema of the figures download.
	FiguresSchemaPath = DataDir + "schema-so-lieu-v1.json"
	// SearchIndexPath is the search index's manifest: the list of its shards.
	SearchIndexPath = SearchDir + searchIndexDir + "index.json"
	// NationMapPath is the home page's national map as a standalone SVG, among the downloads.
	NationMapPath = DataDir + atlasName + ".svg"
)

const (
	searchIndexDir   = "i/"
	atlasName        = "atlas"     // the whole atlas's downloads: data/atlas.csv, …
	recognitionsName = "cong-nhan" // "công nhận", as the site's other paths are Vietnamese
	figuresName      = "so-lieu"   // "số liệu": the provinces' and the nation's sourced figures
)

// UnitPath is the path of a current unit's page.
func UnitPath(code string) string { return UnitsDir + code + "/" }

// FormerPath is the path of a former unit's page, by its key (FormerKey).
func FormerPath(key string) string { return FormerDir + key + "/" }

// ProvincePath is the path of a province's page. Its lists of current and former units
// and its years are below it: ProvincePath(code) + UnitsDir, + FormerDir, + YearsDir.
func ProvincePath(code string) string { return ProvincesDir + code + "/" }

// StoryPath is the path of a story.
func StoryPath(slug string) string { return StoriesDir + slug + "/" }

// CriteriaPath is the path of a criteria set's page.
func CriteriaPath(id string) string { return CriteriaDir + id + "/" }

// CriterionPath is the path of the page of one criterion of a set.
func CriterionPath(set, criterion string) string { return CriteriaPath(set) + criterion + "/" }

// YearPath is the path of the page of the atlas as of the end of year: of the whole
// country, or, below ProvincePath, of a province.
func YearPath(year int) string { return YearsDir + strconv.Itoa(year) + "/" }

// StoriesFeedPath is the path of the feed of every story.
func StoriesFeedPath() string { return StoriesDir + FeedFile }

// ProvinceFeedPath is the path of the feed of the stories about a province.
func ProvinceFeedPath(code string) string { return ProvincePath(code) + FeedFile }

// EmbedProvincePath is the path of a province map's embed in language lang ("vi", "en").
// Embeds of every language are below EmbedDir, the one folder other sites may frame, so
// English ones are at embed/en/…, not under en/.
func EmbedProvincePath(lang, code string) string {
	return EmbedDir + LanguageDir(lang) + ProvincePath(code)
}

// EmbedUnitPath is the path of a current unit's embed in language lang ("vi", "en").
func EmbedUnitPath(lang, code string) string { return EmbedDir + LanguageDir(lang) + UnitPath(code) }

// CardPath is the path of the share card of the page at p (without its language's folder):
// a unit's ("xa/03670/") or a province's ("tinh/14/"). One card serves every language.
func CardPath(p string) string { return p + CardFile }

// MapSVGPath is the path of the standalone SVG of the map shown on the page at page: beside
// the page ("tinh/14/map.svg", "tinh/14/nam/2016/map.svg", "nam/2016/map.svg"), except the
// home page's national map, which is NationMapPath. One file serves the page in every
// language.
func MapSVGPath(page string) string {
	if page == "" {
		return NationMapPath
	}
	return page + MapFile
}

// YearShapesPath is the path of the file of a province's unit shapes, one path a unit, by
// id "u" + code ("tinh/14/nam/shapes.svg"): its year pages draw each unit as a <use> of it,
// so that the years of a province share one copy of its map.
func YearShapesPath(province string) string { return ProvincePath(province) + YearsDir + ShapesFile }

// SliderPath is the path of the year slider's data of the years folder below base ("" for
// the nation's nam/, ProvincePath(code) for a province's): every year's status of every unit
// of its map, the same for each of its year pages and its overview, so they share one copy
// (years.js fetches it). One file per language, below the language's folder, as the
// statuses are phrased in it.
func SliderPath(base string) string { return base + YearsDir + SliderFile }

// LocatorPath is the path of a province's locator background: every unit of the province in
// one grey shape, which each unit page's locator shows under the unit's own outline.
func LocatorPath(province string) string { return ProvincePath(province) + LocatorFile }

// DataPath is the path of a tabular download: ext is "csv", "xlsx", "json" or "geojson"; province is
// a province code, or "" for the whole atlas.
func DataPath(province, ext string) string {
	if province == "" {
		return DataDir + atlasName + "." + ext
	}
	return DataDir + "tinh-" + province + "." + ext
}

// MapDataPath is the path of the GeoJSON download of a province's map; small is the
// locator's.
func MapDataPath(province string, small bool) string {
	if small {
		return DataDir + "tinh-" + province + "-240px.geojson"
	}
	return DataPath(province, "geojson")
}

// UnitDataPath is the path of one current unit's own download, "csv", "xlsx" or "json":
// "data/xa-03664.csv", beside the province downloads "data/tinh-14.csv".
func UnitDataPath(code, ext string) string { return DataDir + "xa-" + code + "." + ext }

// RecognitionsPath is the path of the recognitions download: ext is "csv", "xlsx" or "json".
func RecognitionsPath(ext string) string { return DataDir + recognitionsName + "." + ext }

// FiguresPath is the path of the figures download: every sourced figure of the provinces
// and the nation, which the national map and the year pages are drawn from; ext is "csv",
// "xlsx" or "json".
func FiguresPath(ext string) string { return DataDir + figuresName + "." + ext }

// SearchShardPath is the path of the shard of the search index that holds every entry with a
// word that begins with prefix.
func SearchShardPath(prefix string) string { return SearchDir + searchIndexDir + prefix + ".json" }

// AssetPath is the path of an asset (atlas.css) under a name that carries sum, a hash of its
// content, so that it can be cached forever: assets/immutable/atlas.1a2b3c4d5e.css.
func AssetPath(name, sum string) string {
	ext := ""
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name, ext = name[:i], name[i:]
	}
	return ImmutableDir + name + "." + sum + ext
}

// NotFoundPath is the path of the 404 page of language lang: "404.html" for the first of
// Languages, "en/404.html" for English. Hosts serve it for a missing path below the
// language's folder (LanguageDir), the first language's for any other.
func NotFoundPath(lang string) string { return LanguageDir(lang) + NotFoundFile }

// PageFile is the output file of the page at path p: p + "index.html", or p itself when it
// names an .html file.
func PageFile(p string) string {
	if strings.HasSuffix(p, ".html") {
		return p
	}
	return p + IndexFile
}

// AliasPath returns the site path an alias names, in the form page paths take: without a
// leading slash, and ending in "/" unless it names an .html file. "/xa/chieng-an" and
// "xa/chieng-an/" both give "xa/chieng-an/". The alias must already be a safe site path (see
// internal/validate).
func AliasPath(alias string) string {
	p := strings.TrimPrefix(alias, "/")
	if p != "" && !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, ".html") {
		p += "/"
	}
	return p
}

// listPages are the pages of a site that list the others, by path, and what each is.
var listPages = map[string]string{
	"":           "the home page",
	UnitsDir:     "the list of units",
	FormerDir:    "the list of former units",
	StoriesDir:   "the list of stories",
	CriteriaDir:  "the list of criteria sets",
	SourcesDir:   "the sources page",
	SearchDir:    "the search page",
	DataPageDir:  "the data page",
	NotFoundFile: "the 404 page",
}

// Pages returns the path of every page the build writes from a site's content, in the first
// language, and what it is: the paths an alias may not take.
func Pages(s *Site) map[string]string {
	pages := map[string]string{}
	for p, what := range listPages {
		pages[p] = what
	}
	for _, u := range s.Units {
		pages[UnitPath(u.Code)] = "the page of unit " + u.Code
	}
	for _, f := range s.Former {
		pages[FormerPath(f.Key())] = "the page of former unit " + f.Key()
	}
	for _, p := range s.Provinces {
		pages[ProvincePath(p.Code)] = "the page of province " + p.Code
	}
	for _, st := range s.Stories {
		pages[StoryPath(st.Slug)] = "the page of story " + st.Slug
	}
	for _, cs := range s.CriteriaSets {
		pages[CriteriaPath(cs.ID)] = "the page of criteria set " + cs.ID
		for _, c := range cs.Criteria {
			pages[CriterionPath(cs.ID, c.ID)] = "the page of criterion " + c.ID + " of set " + cs.ID
		}
	}
	return pages
}

// SitePages returns the path of every page a build writes from a site, in the first
// language, and what it is: the Pages, each province's lists and years, the years' pages
// from first to last (status.FirstYear and the atlas's last year, which a model does not
// know), and the embeds of the first language. Every page but an embed is mirrored under
// each other language's LanguageDir, an embed under EmbedDir; the fallback pages at aliases
// (Redirects) are not pages of their own. What a change adds and removes for readers is the
// difference of two such sets (atlas diff).
func SitePages(s *Site, first, last int) map[string]string {
	pages := Pages(s)
	pages[YearsDir] = "the years"
	for y := first; y <= last; y++ {
		pages[YearPath(y)] = "the country at the end of " + strconv.Itoa(y)
	}
	lang := Languages[0]
	for _, p := range s.Provinces {
		base := ProvincePath(p.Code)
		pages[base+UnitsDir] = "the list of units of province " + p.Code
		pages[base+FormerDir] = "the list of former units of province " + p.Code
		pages[base+YearsDir] = "the years of province " + p.Code
		for y := first; y <= last; y++ {
			pages[base+YearPath(y)] = "province " + p.Code + " at the end of " + strconv.Itoa(y)
		}
		pages[EmbedProvincePath(lang, p.Code)] = "the embed of province " + p.Code
	}
	for _, u := range s.Units {
		pages[EmbedUnitPath(lang, u.Code)] = "the embed of unit " + u.Code
	}
	return pages
}

// GeneratedDirs are the folders that hold only files the build makes in full, so that no
// alias may lie below them: each language's folder (it mirrors every alias by itself), the
// years, the assets, the downloads and the embeds.
func GeneratedDirs() []string {
	var dirs []string
	for _, l := range Languages[1:] {
		dirs = append(dirs, LanguageDir(l))
	}
	return append(dirs, YearsDir, AssetsDir, DataDir, EmbedDir)
}

// TopLevel lists the paths at the top of a site, as URL paths in the form of netlify.toml's
// rules: "/" and the root's files, and each top folder and language folder followed by "*",
// the embeds' last. Every file the build writes is one of them or lies below one.
func TopLevel() []string {
	out := []string{"/", "/" + IndexFile, "/" + NotFoundFile, "/" + CardFile, "/" + FaviconSVG, "/" + FaviconICO}
	dirs := []string{AssetsDir, DataDir, UnitsDir, FormerDir, ProvincesDir, StoriesDir, CriteriaDir, SourcesDir, YearsDir}
	for _, l := range Languages[1:] {
		dirs = append(dirs, LanguageDir(l))
	}
	for _, d := range dirs {
		out = append(out, "/"+d+"*")
	}
	out = append(out, "/"+SearchDir+"*")
	for _, f := range []string{SitemapFile, RobotsFile, RedirectsFile} {
		out = append(out, "/"+f)
	}
	return append(out, "/"+DataPageDir+"*", "/"+EmbedDir+"*")
}

// URL returns the absolute URL of the site path p on the site whose base URL is base; p
// itself when base cannot be parsed.
func URL(base, p string) string {
	b, err := url.Parse(base)
	if err != nil {
		return p
	}
	if !strings.HasSuffix(b.Path, "/") {
		b.Path += "/"
	}
	return b.ResolveReference(&url.URL{Path: p}).String()
}

// BasePath returns the path of the base URL, ending in "/".
func BasePath(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Path == "" {
		return "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		return u.Path + "/"
	}
	return u.Path
}
