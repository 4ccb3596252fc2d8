// Package diff says what a change to a site does to its atlas, for the reviewer of the change:
// which units and former units change status, which records are added, removed or edited,
// which figures of which pages move, which pages appear and disappear (and which removed
// address no redirect keeps), and which stories change. It compares two derived atlases
// (Compare) and writes the result as text, GitHub Markdown or JSON (Write).
package diff

import (
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// Report is what a change does to the atlas, each part in a stable order. Every path is a
// site path of the first language ("xa/03664/"); each page has its mirror in every other
// language (Languages), and what is said of a path holds for its mirrors.
type Report struct {
	Old       string   `json:"old"` // what the atlas was made from before the change
	New       string   `json:"new"` // and after it
	Languages []string `json:"languages"`
	// Summary is a row for the whole country (Province "") and one for each province whose
	// units, former units, records or figures change, by code.
	Summary []Summary      `json:"summary"`
	Units   []UnitChange   `json:"units"`        // by code
	Former  []FormerChange `json:"former_units"` // by key
	Records []RecordChange `json:"records"`      // by file, then place in the file
	Years   []YearChange   `json:"year_pages"`   // the nation's first, then by province; by year
	Pages   PageChanges    `json:"pages"`
	Stories []StoryChange  `json:"stories"` // by slug
}

// Empty reports whether the change changes nothing a reader sees.
func (r *Report) Empty() bool {
	return len(r.Units) == 0 && len(r.Former) == 0 && len(r.Records) == 0 && len(r.Years) == 0 &&
		len(r.Pages.Added) == 0 && len(r.Pages.Removed) == 0 && len(r.Stories) == 0 && !r.figuresChange()
}

func (r *Report) figuresChange() bool {
	for _, s := range r.Summary {
		if len(s.Counts) > 0 || s.Figure != nil {
			return true
		}
	}
	return false
}

// Broken lists the removed addresses that no redirect keeps: links that readers, journalists
// and other sites may hold, which the change breaks.
func (r *Report) Broken() []string {
	var out []string
	for _, p := range r.Pages.Removed {
		if p.RedirectTo == "" {
			out = append(out, p.Path)
		}
	}
	return out
}

// Summary is what changes for one province, or for the whole country (Province "").
type Summary struct {
	Province string `json:"province"`
	Name     string `json:"name"`
	Page     string `json:"page"` // its page: the province's, or the home page ("")
	Units    int    `json:"units_changed"`
	Former   int    `json:"former_units_changed"`
	Records  int    `json:"records_changed"`
	// Counts are the counts of its pages that change (see Count), in a stable order.
	Counts []Count `json:"counts"`
	// Figure is its sourced figure, in words, when it changes.
	Figure *Change `json:"figure,omitempty"`
}

// Count is one count shown on a page, before and after. What names it:
//
//	units, former_units           current units, former units
//	class:<class>                 current units of a map class (status.Class), in the legend
//	met:<basis>                   former communes that meet a level that counts, by the basis
//	                              of their standing (own, district, province)
//	level:<level>                 former communes whose standing is at that level
//	sourced                       provinces with a sourced figure (the home page)
//	own_at_least:<level>          on a year page: former communes whose own recognition put
//	                              them at that level or above by the end of the year
//	area_at_least:<level>         the same through their district's or province's recognition
type Count struct {
	What string `json:"what"`
	Old  int    `json:"old"`
	New  int    `json:"new"`
}

// Change is a text before and after; "" is none.
type Change struct {
	Old string `json:"old"`
	New string `json:"new"`
}

// UnitChange is a current unit whose status changes, or that appears or disappears.
type UnitChange struct {
	Code         string     `json:"code"`
	Name         string     `json:"name"`
	Province     string     `json:"province"`
	ProvinceName string     `json:"province_name"`
	Page         string     `json:"page"`
	Old          *UnitState `json:"old"` // nil: the unit is new
	New          *UnitState `json:"new"` // nil: the unit is gone
	// SourcesAdded and SourcesRemoved are the sources its status rests on that the change adds
	// and removes: its own assessment's, its former communes' standing recognitions'.
	SourcesAdded   []string `json:"sources_added"`
	SourcesRemoved []string `json:"sources_removed"`
}

// UnitState is where a current unit stands.
type UnitState struct {
	Class  string `json:"class"`  // its map class (status.Class)
	Status string `json:"status"` // in words, as its page and the map's tooltip say it
	Level  string `json:"level"`  // its own latest assessment's level; "" without one
	// CriteriaSet is its own assessment's set, or the sets its former communes' standing
	// recognitions name, joined by ", ".
	CriteriaSet string `json:"criteria_set"`
	// Since is since when it has met the standard: its own assessments' date (2025-03-12),
	// else the year its last former commune met it (2019), "?" when a source gives no year;
	// "" when it has not met it as a whole.
	Since   string   `json:"since"`
	sources []string // what it rests on
}

// FormerChange is a former unit whose status changes, or that appears or disappears.
type FormerChange struct {
	Key            string       `json:"key"`
	Name           string       `json:"name"`
	Province       string       `json:"province"`
	ProvinceName   string       `json:"province_name"`
	Page           string       `json:"page"`
	Old            *FormerState `json:"old"` // nil: the former unit is new
	New            *FormerState `json:"new"` // nil: its file is gone
	SourcesAdded   []string     `json:"sources_added"`
	SourcesRemoved []string     `json:"sources_removed"`
}

// FormerState is where a former unit stands.
type FormerState struct {
	Status string `json:"status"` // in words, as the lists of former units say it
	Level  string `json:"level"`  // the level of its standing; "" when none stands
	Basis  string `json:"basis"`  // own, district or province (status.Basis); "" when none stands
	// Since is the first year from which a recognition that stands counts (status.MetSince),
	// "?" when none has a year; "" when none stands.
	Since       string   `json:"since"`
	CriteriaSet string   `json:"criteria_set"` // the set its standing recognition names
	Lost        string   `json:"lost"`         // the level it lost and when (2021-04), when it lost it
	sources     []string // what it rests on
}

// RecordChange is a record of a content file added, removed or edited: a recognition or a
// revocation of a former unit, an assessment of a current unit, a district's or province's
// recognition or a figure (milestone) of a province or of the nation.
type RecordChange struct {
	Kind   string `json:"kind"`   // recognition, revocation, assessment, area_recognition, milestone
	Change string `json:"change"` // added, removed, edited
	File   string `json:"file"`   // the file that holds it (the old one when it is removed)
	Key    string `json:"key"`    // its place in the file: "recognitions[1]"
	// Of is the unit, former unit or province it belongs to (its code or key; "" for the
	// nation), OfName its name and Page its page ("" when it has none after the change).
	Of     string `json:"of"`
	OfName string `json:"of_name"`
	Page   string `json:"page"`
	// Fields are its keys: every key it sets when it is added or removed, the keys that change
	// when it is edited.
	Fields   []Field `json:"fields"`
	province string
}

// Field is a key of a record and its value before and after ("" when not set).
type Field struct {
	Key string `json:"key"`
	Old string `json:"old"`
	New string `json:"new"`
}

// YearChange is a year page whose counts or figure change.
type YearChange struct {
	Province string  `json:"province"` // "" for the nation's page
	Name     string  `json:"name"`
	Year     int     `json:"year"`
	Page     string  `json:"page"`
	Counts   []Count `json:"counts"`
	// Figure is the sourced figure as of the year, when it changes: a province's is also in
	// the table of the nation's page of the year.
	Figure *Change `json:"figure,omitempty"`
}

// PageChanges are the pages added and removed.
type PageChanges struct {
	Added   []string      `json:"added"`
	Removed []RemovedPage `json:"removed"`
}

// RemovedPage is a removed address: a page, or an alias whose redirect goes.
type RemovedPage struct {
	Path string `json:"path"`
	What string `json:"what"` // what it was: "the page of former unit 04075-2025-02-01"
	// RedirectTo is the page an alias of the new content sends it to; "" when none does, and
	// the link is broken.
	RedirectTo string `json:"redirect_to"`
}

// StoryChange is a story added, removed or retitled.
type StoryChange struct {
	Slug    string  `json:"slug"`
	Page    string  `json:"page"`
	Change  string  `json:"change"`             // added, removed, retitled
	Title   Change  `json:"title"`              // its title before and after ("" when it is not there)
	TitleEn *Change `json:"title_en,omitempty"` // its English title, when that changes
}

// Options say how to compare.
type Options struct {
	Old, New string       // what each atlas was made from, for the reader
	Locale   *i18n.Locale // the language of the atlas's words (statuses, levels); nil: the first language
}

// Compare says what changes from the atlas old to the atlas new.
func Compare(old, new *status.Atlas, opts Options) (*Report, error) {
	loc := opts.Locale
	if loc == nil {
		var err error
		if loc, err = i18n.Load(model.Languages[0], nil); err != nil {
			return nil, err
		}
	}
	c := &comparison{old: old, new: new, loc: loc, oldAddr: addressesOf(old), newAddr: addressesOf(new)}
	r := &Report{Old: opts.Old, New: opts.New, Languages: model.Languages}
	r.Units = c.units()
	r.Former = c.formers()
	r.Records = c.records()
	r.Years = c.years()
	r.Pages = c.pages()
	r.Stories = c.stories()
	r.Summary = c.summary(r)
	return r, nil
}

// comparison is the two atlases being compared.
type comparison struct {
	old, new         *status.Atlas
	loc              *i18n.Locale
	oldAddr, newAddr addresses
}

// provinceName is the name of the province code, after the change or else before it.
func (c *comparison) provinceName(code string) string {
	for _, a := range []*status.Atlas{c.new, c.old} {
		if p := a.Index.Provinces[code]; p != nil {
			return p.Name
		}
	}
	return code
}
