// Package export writes the atlas's downloads: every unit as CSV, XLSX, JSON and GeoJSON, of the
// whole atlas and of each province (units.go, geojson.go); every recognition and own
// assessment (recognitions.go); each current unit's own file (unit.go); every sourced figure of
// the provinces and the nation (figures.go); and the JSON Schemas
// the JSON files follow (schema.go). Every table is written by one table writer (table.go), as CSV
// and, for spreadsheets, as XLSX (through internal/xlsx) beside it.
//
// The downloads are one file for every language, in the first of model.Languages
// (Vietnamese); their schemas describe the fields in English. Paths are model's.
package export

import (
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"time"

	"github.com/ntm-atlas/atlas/internal/geometry"
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// Options say what the downloads are made from besides the atlas.
type Options struct {
	// Maps holds each province's drawn maps, by province code: their simplified geometry
	// is the GeoJSON downloads'.
	Maps map[string]*geometry.Province
	// I18n is the site's i18n folder; nil or an empty folder uses the built-in strings.
	I18n fs.FS
	// Memo, when set, keeps the workbooks written, by a key of their cells and date, and
	// gives back those whose cells did not change instead of writing them again: a workbook
	// costs a millisecond, a CSV or JSON file of the same rows a few microseconds.
	Memo Memo
	// Known, when set with Memo, is offered each workbook the memo knows, by its hash and
	// size, before it is read back or written (render.KnownSink).
	Known func(path string, sum [32]byte, size int) bool
}

// A Memo remembers files of earlier builds by a key of what each was made from
// (render.Memo; the build's is cache.Memo).
type Memo interface {
	Recall(path string, key [32]byte) ([]byte, bool)
	Keep(path string, key [32]byte, b []byte)
	Known(path string, key [32]byte) (sum [32]byte, size int, ok bool)
}

// A Sink receives a written file: its output path and content.
type Sink func(path string, b []byte) error

// Write writes every download of the atlas a to put, and returns the size of each by path,
// for the pages that list them.
func Write(a *status.Atlas, opts Options, put Sink) (map[string]int, error) {
	x := &exporter{a: a, opts: opts, sizes: map[string]int{}, sink: put}
	var err error
	if x.loc, err = i18n.Load(model.Languages[0], opts.I18n); err != nil {
		return nil, err
	}
	x.en = x.loc
	if slices.Contains(model.Languages, "en") {
		if x.en, err = i18n.Load("en", opts.I18n); err != nil {
			return nil, err
		}
	}
	if t := status.DataAsOf(a.Site); !t.IsZero() {
		x.asOf, x.asOfTime = t.Format(dateLayout), t
	}
	rows := x.unitRows()
	x.geoJSON(rows)
	x.units(rows)
	x.unitFiles(rows)
	x.recognitions()
	x.figures()
	return x.sizes, x.err
}

// exporter writes the downloads of one atlas.
type exporter struct {
	a    *status.Atlas
	opts Options
	loc  *i18n.Locale // the downloads' language
	en   *i18n.Locale // the schemas' language
	asOf string       // the data's date, YYYY-MM-DD, or "" when unknown
	// asOfTime is the data's date as a time, or zero when unknown: what the XLSX
	// downloads are dated.
	asOfTime time.Time

	sink  Sink
	sizes map[string]int
	err   error // the sink's first error
}

// put hands the file at p to the sink. A path written twice is an error.
func (x *exporter) put(p string, b []byte) {
	if x.err != nil {
		return
	}
	if _, dup := x.sizes[p]; dup {
		x.err = fmt.Errorf("export: two files write %s", p)
		return
	}
	x.sizes[p] = len(b)
	x.err = x.sink(p, b)
}

// putKnown offers the file at p, known by its hash and size, to Options.Known, and reports
// whether it took it.
func (x *exporter) putKnown(p string, sum [32]byte, n int) bool {
	if x.err != nil || x.opts.Known == nil {
		return false
	}
	if _, dup := x.sizes[p]; dup {
		return false // put reports it
	}
	if !x.opts.Known(p, sum, n) {
		return false
	}
	x.sizes[p] = n
	return true
}

// fail keeps err as the writer's first error, if it is one.
func (x *exporter) fail(err error) {
	if x.err == nil {
		x.err = err
	}
}

// abs returns the absolute URL of a site path.
func (x *exporter) abs(p string) string { return model.URL(x.a.Site.Config.BaseURL, p) }

// provinceName is the name of the province code, or "" when the site has none of it.
func (x *exporter) provinceName(code string) string {
	if p := x.a.Index.Provinces[code]; p != nil {
		return x.loc.ProvinceName(p)
	}
	return ""
}

// provinceCodes are the codes of the provinces with maps, sorted.
func (x *exporter) provinceCodes() []string {
	codes := make([]string, 0, len(x.opts.Maps))
	for c := range x.opts.Maps {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// Formats of the downloads' values.
const (
	dateLayout    = "2006-01-02"
	schemaVersion = 1
	periodCurrent = "current"
	periodFormer  = "former"
)
