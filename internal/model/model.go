// Package model holds the atlas's content types: the ground floor every pipeline step builds on.
//
// A unit's identity is its code together with its period: the same code can name a current unit
// (since the reform of 2025-07-01) and one or more former units that held it before.
package model

import (
	"time"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/paulmach/orb"
)

// Site is everything a build reads from a site folder.
type Site struct {
	Config       Config
	CriteriaSets []*CriteriaSet // sorted by start year
	Provinces    []*Province    // sorted by code
	Nation       *Province      // the national totals (content/nation.toml); nil when there is none
	Units        []*Unit        // current units, sorted by code
	Former       []*FormerUnit  // former units, sorted by code, then end date
	Stories      []*Story       // sorted by date, newest first, then slug
	Boundaries   []*Boundary    // in file order
	// DistrictRows is the former districts table (DistrictsFile), in file order; nil when the
	// site has none. Read fills each former unit's district from it.
	DistrictRows []*DistrictRow
	Districts    []*District // the districts the table names, sorted by code
}

// Config is the site configuration, atlas.toml.
type Config struct {
	File          string   `toml:"-"`
	Title         string   `toml:"title"`
	Description   string   `toml:"description"`
	TitleEn       string   `toml:"title_en"`       // the title on English pages; Title when empty
	DescriptionEn string   `toml:"description_en"` // the description on English pages
	BaseURL       string   `toml:"base_url"`
	Language      string   `toml:"language"`
	CriteriaSet   string   `toml:"criteria_set"` // id of the criteria set in force
	Province      string   `toml:"province"`     // code of a featured province the home page links to; optional
	Boundaries    []Source `toml:"boundaries"`   // boundary files
	Credits       []Credit `toml:"credits"`      // data sources credited in the site's footer and sources page
	Limits        Limits   `toml:"limits"`       // size limits on input files
	Markdown      Markdown `toml:"markdown"`     // how story bodies are rendered
}

// Limits bound the size of the files a site is read from, and of the sheets atlas import
// statuses reads into it, so that a hostile or mistaken file cannot exhaust a build machine
// or a keeper's laptop. Zero means the default.
type Limits struct {
	MaxFileBytes     int64 `toml:"max_file_bytes"`     // TOML and Markdown files (default 256 KiB)
	MaxBoundaryBytes int64 `toml:"max_boundary_bytes"` // each GeoJSON boundary file (default 256 MiB)
	// MaxSheetBytes bounds a sheet to import, CSV or XLSX, as stored (default 16 MiB).
	MaxSheetBytes int64 `toml:"max_sheet_bytes"`
	// MaxSheetPartBytes bounds each part of an XLSX workbook (a worksheet, the shared
	// strings) once inflated: a zip bomb's sheet is refused before it is inflated (default
	// 64 MiB).
	MaxSheetPartBytes int64 `toml:"max_sheet_part_bytes"`
	// MaxSheetRows bounds the rows of a sheet that hold a cell (default 50,000).
	MaxSheetRows int64 `toml:"max_sheet_rows"`
	// MaxSheetCells bounds the cells of a sheet, counted in each row up to its last filled
	// one (default 1,000,000).
	MaxSheetCells int64 `toml:"max_sheet_cells"`
	// MaxTableBytes bounds a data table of the site's content, such as the former districts
	// table (default 16 MiB).
	MaxTableBytes int64 `toml:"max_table_bytes"`
}

// Default size limits.
const (
	DefaultMaxFileBytes      = 256 << 10
	DefaultMaxBoundaryBytes  = 256 << 20
	DefaultMaxSheetBytes     = 16 << 20
	DefaultMaxSheetPartBytes = 64 << 20
	DefaultMaxSheetRows      = 50_000
	DefaultMaxSheetCells     = 1_000_000
	DefaultMaxTableBytes     = 16 << 20
)

// SheetBytes returns the limit for a sheet file to import.
func (l Limits) SheetBytes() int64 { return orDefault(l.MaxSheetBytes, DefaultMaxSheetBytes) }

// SheetPartBytes returns the limit for each inflated part of an XLSX workbook.
func (l Limits) SheetPartBytes() int64 {
	return orDefault(l.MaxSheetPartBytes, DefaultMaxSheetPartBytes)
}

// SheetRows returns the limit for the rows of a sheet.
func (l Limits) SheetRows() int64 { return orDefault(l.MaxSheetRows, DefaultMaxSheetRows) }

// TableBytes returns the limit for a data table of the content.
func (l Limits) TableBytes() int64 { return orDefault(l.MaxTableBytes, DefaultMaxTableBytes) }

// SheetCells returns the limit for the cells of a sheet.
func (l Limits) SheetCells() int64 { return orDefault(l.MaxSheetCells, DefaultMaxSheetCells) }

func orDefault(v, def int64) int64 {
	if v > 0 {
		return v
	}
	return def
}

// FileBytes returns the limit for TOML and Markdown files.
func (l Limits) FileBytes() int64 {
	if l.MaxFileBytes > 0 {
		return l.MaxFileBytes
	}
	return DefaultMaxFileBytes
}

// BoundaryBytes returns the limit for each boundary file.
func (l Limits) BoundaryBytes() int64 {
	if l.MaxBoundaryBytes > 0 {
		return l.MaxBoundaryBytes
	}
	return DefaultMaxBoundaryBytes
}

// Markdown configures how story bodies are rendered.
type Markdown struct {
	// UnsafeHTML passes raw HTML in story bodies through to the page as written. It is off by
	// default: stories come from many hands, and raw HTML can carry scripts. Links and images
	// with a scheme other than http, https, mailto or tel are neutralised either way, but raw
	// HTML is the site owner's to vouch for once this is on.
	UnsafeHTML bool `toml:"unsafe_html"`
}

// Source is one GeoJSON boundary file and the names of its properties.
type Source struct {
	File         string `toml:"file"`          // path relative to the site folder
	CodeProperty string `toml:"code_property"` // property holding the unit's official code
	NameProperty string `toml:"name_property"` // property holding the unit's name
	TypeProperty string `toml:"type_property"` // property holding the unit's type (Xã, Phường, …)
	// ProvinceProperty holds the code of the unit's province (default "province_code"). A
	// boundary without a status file becomes a unit of that province, or of the site's only
	// province when the property is absent.
	ProvinceProperty string `toml:"province_property"`
}

// Credit names one source of data and its licence. Name, License and Note are Vietnamese;
// the _en fields are their English versions, shown on English pages.
type Credit struct {
	Name      string `toml:"name"`
	NameEn    string `toml:"name_en"`
	URL       string `toml:"url"`
	License   string `toml:"license"`
	LicenseEn string `toml:"license_en"`
	Note      string `toml:"note"`
	NoteEn    string `toml:"note_en"`
}

// CriteriaSet is one national set of NTM criteria and the levels judged against it.
type CriteriaSet struct {
	File        string       `toml:"-"`
	ID          string       `toml:"id"`
	Name        string       `toml:"name"`
	NameEn      string       `toml:"name_en"`
	StartYear   int          `toml:"start_year"`
	EndYear     int          `toml:"end_year"`
	Decision    string       `toml:"decision"`
	DecisionURL string       `toml:"decision_url"`
	AmendedBy   []string     `toml:"amended_by"`
	Note        string       `toml:"note"`
	NoteEn      string       `toml:"note_en"` // the note on English pages
	Levels      []*Level     `toml:"levels"`  // sorted by rank
	Groups      []*Group     `toml:"groups"`
	Criteria    []*Criterion `toml:"criteria"`
}

// Level returns the level with the given id, or nil.
func (s *CriteriaSet) Level(id string) *Level {
	for _, l := range s.Levels {
		if l.ID == id {
			return l
		}
	}
	return nil
}

// Criterion returns the criterion with the given id, or nil.
func (s *CriteriaSet) Criterion(id string) *Criterion {
	for _, c := range s.Criteria {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Level is a stage a unit can reach under a criteria set.
type Level struct {
	// Path is where the entry stands in its file, as a key path such as "assessments[1]",
	// so that diagnostics can point at it after sorting. Set by read.
	Path                string `toml:"-"`
	ID                  string `toml:"id"`
	Name                string `toml:"name"`
	NameEn              string `toml:"name_en"`
	Rank                int    `toml:"rank"`
	Recognized          bool   `toml:"recognized"`            // counts as recognized (đạt chuẩn or above)
	RequiresAllCriteria bool   `toml:"requires_all_criteria"` // a unit at this level meets every criterion
	Decision            string `toml:"decision"`
}

// Group is a group of communes that a criteria set judges differently.
type Group struct {
	// Path is where the entry stands in its file, as a key path such as "assessments[1]",
	// so that diagnostics can point at it after sorting. Set by read.
	Path          string `toml:"-"`
	ID            string `toml:"id"`
	Name          string `toml:"name"`
	NameEn        string `toml:"name_en"`
	Description   string `toml:"description"`
	DescriptionEn string `toml:"description_en"` // the description on English pages
}

// Criterion is one criterion of a set.
type Criterion struct {
	// Path is where the entry stands in its file, as a key path such as "assessments[1]",
	// so that diagnostics can point at it after sorting. Set by read.
	Path       string       `toml:"-"`
	ID         string       `toml:"id"`
	Name       string       `toml:"name"`
	NameEn     string       `toml:"name_en"`
	Indicators []*Indicator `toml:"indicators"`
}

// Indicator is one measured indicator of a criterion.
type Indicator struct {
	// Path is where the entry stands in its file, as a key path such as "assessments[1]",
	// so that diagnostics can point at it after sorting. Set by read.
	Path   string `toml:"-"`
	ID     string `toml:"id"`
	Name   string `toml:"name"`
	NameEn string `toml:"name_en"`
}

// Province is a province and its programme-level milestones.
type Province struct {
	File          string             `toml:"-"`
	Code          string             `toml:"code"`
	Name          string             `toml:"name"`
	Type          string             `toml:"type"`
	Milestones    []*Milestone       `toml:"milestones"` // sorted by date
	Areas         []*AreaRecognition `toml:"area_recognitions"`
	Description   string             `toml:"description"`
	DescriptionEn string             `toml:"description_en"`
	// Parts names the former provinces merged into this one on 2025-07-01, when there were
	// more than one: a milestone with an Area counts for that part alone.
	Parts []string `toml:"parts"`
}

// Milestone is a province-level total reported by a source.
type Milestone struct {
	// Path is where the entry stands in its file, as a key path such as "assessments[1]",
	// so that diagnostics can point at it after sorting. Set by read.
	Path  string `toml:"-"`
	Year  int    `toml:"year"`
	Month int    `toml:"month"` // 0 when the source gives only the year
	Level string `toml:"level"`
	Count int    `toml:"count"`
	// Total is the number of communes the count is out of (the communes in the programme),
	// when the source states it; 0 when it does not.
	Total int `toml:"total"`
	// Area is the former province (one of Province.Parts) the count covers, when it covers
	// only that part of today's province; empty for the whole province.
	Area   string `toml:"area"`
	Text   string `toml:"text"`
	TextEn string `toml:"text_en"`
	Source string `toml:"source"`
	// SourceEn names the source in English where its name has words beyond a publisher's
	// ("Báo Nam Định (dẫn số liệu Bộ NN&PTNT)": "Báo Nam Định (citing the ministry)").
	SourceEn  string `toml:"source_en"`
	SourceURL string `toml:"source_url"`
}

// Unit is a current commune-level unit (xã, phường, đặc khu), in force since ReformDate.
type Unit struct {
	File string `toml:"-"` // the status file; empty for a unit known only from its boundary
	// Origin is, for a unit without a status file, its boundary's position: every boundary
	// is a unit, shown as "no data" until content/units/<code>.toml exists.
	Origin   diag.Pos `toml:"-"`
	Code     string   `toml:"code"`
	Name     string   `toml:"name"`
	Type     string   `toml:"type"`
	Province string   `toml:"province"`
	Aliases  []string `toml:"aliases"`
	// Group is the unit's commune group (nhóm) for the criteria sets that judge groups
	// differently (the 2026–2030 set's "1", "2", "3"); empty when not known.
	Group       string        `toml:"group"`
	Assessments []*Assessment `toml:"assessments"` // sorted by date
}

// FullName is the unit's type and name, e.g. "Xã Chiềng Mai".
func (u *Unit) FullName() string { return joinName(u.Type, u.Name) }

// Latest returns the most recent assessment, or nil.
func (u *Unit) Latest() *Assessment {
	if len(u.Assessments) == 0 {
		return nil
	}
	return u.Assessments[len(u.Assessments)-1]
}

// Assessment is a unit's status against a criteria set on a date.
type Assessment struct {
	// Path is where the entry stands in its file, as a key path such as "assessments[1]",
	// so that diagnostics can point at it after sorting. Set by read.
	Path        string    `toml:"-"`
	CriteriaSet string    `toml:"criteria_set"`
	AsOf        time.Time `toml:"as_of"`
	Level       string    `toml:"level"`
	CriteriaMet []string  `toml:"criteria_met"`
	SourceURL   string    `toml:"source_url"`
	Note        string    `toml:"note"`
	NoteEn      string    `toml:"note_en"` // the note on English pages
}

// FormerUnit is a commune-level unit that no longer exists.
type FormerUnit struct {
	File         string `toml:"-"`
	Code         string `toml:"code"`
	Name         string `toml:"name"`
	Type         string `toml:"type"`
	District     string `toml:"district"`
	DistrictCode string `toml:"district_code"`
	Province     string `toml:"province"` // the province it lies in today
	// OldProvince names the province it belonged to, when that province was merged into
	// another on 2025-07-01 (a commune of Hà Giang now in Tuyên Quang); empty otherwise.
	OldProvince string `toml:"old_province"`
	// OldProvinceCode is the code of the province it belonged to before 2025-07-01, from the
	// former districts table; empty when the table does not list it.
	OldProvinceCode string `toml:"-"`
	// DistrictFrom is the row of the former districts table that gave it its district, if any.
	DistrictFrom *DistrictRow   `toml:"-"`
	Until        time.Time      `toml:"until"` // the day it ceased to exist
	Successors   []*Successor   `toml:"successors"`
	Recognitions []*Recognition `toml:"recognitions"`
	Revocations  []*Revocation  `toml:"revocations"` // sorted by date
	Note         string         `toml:"note"`
	NoteEn       string         `toml:"note_en"`    // the note on English pages
	SourceURL    string         `toml:"source_url"` // the act or report that ended it, when known
	Aliases      []string       `toml:"aliases"`
}

// FullName is the unit's type and name, e.g. "Xã Chiềng Xôm".
func (f *FormerUnit) FullName() string { return joinName(f.Type, f.Name) }

// Key is the former unit's identity as a path segment: its code when it ended with the 2025
// reform, its code and end date ("04075-2025-02-01") when it ended earlier.
func (f *FormerUnit) Key() string { return FormerKey(f.Code, f.Until) }

// FormerKey is the key of the former unit with the given code and end date.
func FormerKey(code string, until time.Time) string {
	if until.IsZero() || until.Equal(ReformDate) {
		return code
	}
	return code + "-" + until.Format("2006-01-02")
}

// Successor is a unit that took over (part of) a former unit.
type Successor struct {
	// Path is where the entry stands in its file, as a key path such as "assessments[1]",
	// so that diagnostics can point at it after sorting. Set by read.
	Path   string    `toml:"-"`
	Code   string    `toml:"code"`
	Former bool      `toml:"former"` // the successor is itself a former unit (one that ended later)
	Until  time.Time `toml:"until"`  // with Former: the successor's end date; zero means ReformDate
	Merge  string    `toml:"merge"`  // "full" or "partial"
}

// Key is the successor's key: a current unit's code, or a former unit's Key.
func (s *Successor) Key() string {
	if s.Former {
		return FormerKey(s.Code, s.Until)
	}
	return s.Code
}

// Recognition is a former unit's recognition at a level.
type Recognition struct {
	// Path is where the entry stands in its file, as a key path such as "assessments[1]",
	// so that diagnostics can point at it after sorting. Set by read.
	Path        string `toml:"-"`
	CriteriaSet string `toml:"criteria_set"` // empty when the source does not say
	Level       string `toml:"level"`
	Year        int    `toml:"year"`  // 0 when the source does not say
	Month       int    `toml:"month"` // 0 when the source gives no month
	Kind        string `toml:"kind"`  // what the source is; see KindOf
	Decision    string `toml:"decision"`
	// Commune and District are the commune and its district as the source names them, to
	// check that the recognition is filed under the unit the source means.
	Commune    string `toml:"commune"`
	District   string `toml:"district"`
	SourceURL  string `toml:"source_url"`
	ArchiveURL string `toml:"archive_url"` // an archived copy of the source, when there is one
	Note       string `toml:"note"`
	NoteEn     string `toml:"note_en"` // the note on English pages
}

// KindOf is the recognition's kind: see the function KindOf.
func (r *Recognition) KindOf() string { return KindOf(r.Kind, r.Decision) }

// Story is a news story in Markdown with TOML front matter.
type Story struct {
	File        string    `toml:"-"`
	Slug        string    `toml:"slug"`
	Title       string    `toml:"title"`
	TitleEn     string    `toml:"title_en"`
	Date        time.Time `toml:"date"`
	Author      string    `toml:"author"`
	Language    string    `toml:"language"`
	Summary     string    `toml:"summary"`
	SummaryEn   string    `toml:"summary_en"`
	SourceURL   string    `toml:"source_url"`
	SourceTitle string    `toml:"source_title"`
	Credit      string    `toml:"credit"`
	CreditEn    string    `toml:"credit_en"`
	Units       []string  `toml:"units"`        // current unit codes
	FormerUnits []string  `toml:"former_units"` // former unit keys
	Provinces   []string  `toml:"provinces"`
	Body        []byte    `toml:"-"` // Markdown
	BodyEn      []byte    `toml:"-"` // Markdown of the English translation, from <name>.en.md; nil when there is none
	BodyLine    int       `toml:"-"` // line of the body's first line in File
}

// Boundary is one unit's geometry from a boundary file.
type Boundary struct {
	Pos      diag.Pos         `toml:"-"`
	Code     string           `toml:"code"`
	Name     string           `toml:"name"`
	Type     string           `toml:"type"`
	Province string           `toml:"province"` // from the source's province property; may be empty
	Geometry orb.MultiPolygon `toml:"-"`
}

func joinName(typ, name string) string {
	if typ == "" {
		return name
	}
	return typ + " " + name
}
