package render

import (
	"strings"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
)

// MapView is a drawn map as layouts use it.
type MapView struct {
	ID       string
	ViewBox  string
	Width    int
	Height   int
	Title    string
	Desc     string
	Shapes   []ShapeView
	Focus    string // code of the highlighted unit on a locator
	Interact bool   // shapes are links
	// Skip is the id of the element after the map that the map's "skip the map" link jumps
	// to, or "" for no skip link.
	Skip       string
	LabelPoint [2]int // for a locator: where the focused unit is
	// Shared is, on a province's year pages, the province's shapes file
	// (model.YearShapesPath): each shape is then a <use> of its path there, in its class,
	// rather than the path itself.
	Shared string
	// Background is, on a locator, the province's shared background image (model.LocatorPath),
	// drawn under Shapes, which then hold only the focused unit; ViewW and ViewH are the
	// viewBox's size it fills.
	Background   string
	ViewW, ViewH int
	// Also are, on a former unit's locator, the other units highlighted with Focus: the
	// units it became part of. Caption says what such a locator shows.
	Also    []string
	Caption string
	// Patterns says the locator carries its own copy of the patterns its focused shapes
	// need: a page that shows no other copy (an embed's status swatch has one).
	Patterns bool
}

// PatternClasses are the classes of the locator's focused shapes, space-separated: those
// whose patterns it needs (the others are drawn plain).
func (v *MapView) PatternClasses() string {
	var out []string
	for _, sh := range v.Shapes {
		if v.Focused(sh.Code) {
			out = append(out, sh.Class)
		}
	}
	return strings.Join(out, " ")
}

// Focused reports whether the unit code is highlighted on the locator.
func (v *MapView) Focused(code string) bool {
	if code == v.Focus {
		return true
	}
	for _, c := range v.Also {
		if c == code {
			return true
		}
	}
	return false
}

// ShapeView is one unit on a map.
type ShapeView struct {
	Code   string
	Path   string
	Href   string
	Name   string
	Status string
	Class  string
	Older  bool // on the national map: the province's figure is older data, hatched over
	// Mark draws the hatch of older data over the shape, shown when Older: on a year page
	// the slider shows and hides it, so it is drawn wherever some year needs it.
	Mark bool
}

// LegendItem is one entry of a map legend.
type LegendItem struct {
	Class   string
	Label   i18n.Text
	Count   int
	Percent string // Count's share of the map's units or provinces: "12%"
	Hidden  bool   // on a year page, a class of another year: years.js shows it when it is
}

// Legend is a map's legend: the classes present on the map, most important first (the
// highest level first), "no data" last, each with its count and share. Every map, embed and
// year page orders its classes the same way (classOrder, shareOrder).
type Legend struct {
	Items   []LegendItem
	Total   int  // the units (or provinces) on the map, whom Percent is a share of
	Solid   bool // an own assessment shows (solid colours): the legend explains them
	Striped bool // a unit classed by its former communes shows (stripes)
	Area    bool // a unit classed by its former communes' district or province recognitions shows (checkers)
	Under   string
}

// UnitRow is a row of a unit table.
type UnitRow struct {
	Href     string
	Name     string
	Code     string
	Type     string
	District string
	Status   i18n.Text
	Class    string
}

// StoryLink is a story in a list.
type StoryLink struct {
	Href    string
	Title   i18n.Text
	Date    string // as the page's language writes it
	ISODate string // for <time datetime>
}

// FormerView is a former commune as a unit page lists it.
type FormerView struct {
	Href         string
	Name         string
	District     string
	Merge        string
	Via          []Link
	Recognitions []RecognitionView
	// Status is, for a former commune whose standing is not its own recognition, what it
	// is in words: met through its district's or province's recognition, or lost; "" else.
	Status string
}

// Link is a titled link.
type Link struct {
	Href  string
	Title string
	Lang  string // the title's language when it is not the page's: a Vietnamese source's name
}

// RecognitionView is a recognition in words.
type RecognitionView struct {
	Level i18n.Text
	Year  string // "2015", or "" when the source states none
	// Inferred is, when the source states no year, the year the atlas counts it from and
	// why ("2019", "the year Thành phố Sơn La completed the programme"), with that fact's
	// source; empty when nothing dates it.
	Inferred, InferredFrom string
	InferredSource         Link
	Set                    string
	SetHref                string
	Decision               string
	SourceURL              string
	Source                 string
	Note                   i18n.Text // in the page's language; empty on a Vietnamese page when only an English note exists
	Archive                string    // an archived copy of the source, or ""
	// NotRecognition says, for a source that recognises nothing (a council's vote, a list
	// of candidates), what it is; "" for a decision or a report.
	NotRecognition string
}

func appendLink(ls []Link, l Link) []Link {
	if l.Href == "" {
		return ls
	}
	for _, x := range ls {
		if x.Href == l.Href {
			return ls
		}
	}
	return append(ls, l)
}

// Page is what every layout receives.
type Page struct {
	Site        *SiteView
	Kind        string // home, province, unit, former, story, stories, units, formers, criteria, sources, 404
	Lang        string // the page's language: "vi", "en"
	Path        string // the page's path: "" for home, "xa/03646/" for a unit, "en/xa/03646/" in English
	Root        string // the relative prefix from the page to the site root: "../../"
	Home        string // the prefix to the home of the page's language: Root, or Root + "en/"
	Title       string // the document title
	H1          string
	H1Lang      string // the h1's language when it is not the page's: a Vietnamese name on an English page
	Description string
	Canonical   string
	Alternates  []Alternate // the page in every language, for hreflang links
	Embed       *Snippet    // the code that embeds the page elsewhere, or nil
	Switch      []Alternate // the page in the other languages, for the language switch
	Share       *Share      // Open Graph and Twitter card data
	Bar         *Bar        // the journalists' bar: share, embed, download, cite; nil for none
	// Card is the site path of the page's share card: its own, or the card of the place it
	// is about; "" for the nation's.
	Card string
	Data any
}

// Alternate is a page's version in one language.
type Alternate struct {
	Lang string // "vi", "en"
	Href string // absolute in Alternates, relative to the page in Switch
	Name string // the language's name in itself: "Tiếng Việt"
}

// SiteView is the site-wide part of every page.
type SiteView struct {
	Title       string
	Description string
	TitleLang   string // the language of Title when it is not the page's (no translation)
	DescLang    string // the language of Description when it is not the page's
	Language    string
	BaseURL     string
	CSS         string
	Credits     []model.Credit
	DataAsOf    string // the date of the newest data, in the page's language
	// Boundaries is the day the boundaries drawn are in force from, and RecognizedTo the
	// month up to which recognitions are recorded, in the page's language; "" when unknown.
	Boundaries, RecognizedTo string
	// Paths are the site's folders for the layouts' links, from the URL scheme
	// (internal/model): a layout writes {{.Home}}{{.Site.Paths.Units}}, never the folder.
	Paths SitePaths
}

// SitePaths are the folders of the site's lists and pages that every page may link, and the
// stories' feed, relative to the home of a language.
type SitePaths struct {
	Units, Formers, Stories, Criteria, Sources, Years, Search, Data string
	StoriesFeed                                                     string
	Favicon                                                         string // relative to the root
}

// sitePaths are the URL scheme's paths for SiteView.
var sitePaths = SitePaths{
	Units: model.UnitsDir, Formers: model.FormerDir, Stories: model.StoriesDir, Criteria: model.CriteriaDir,
	Sources: model.SourcesDir, Years: model.YearsDir, Search: model.SearchDir, Data: model.DataPageDir,
	StoriesFeed: model.StoriesFeedPath(), Favicon: model.FaviconSVG,
}
