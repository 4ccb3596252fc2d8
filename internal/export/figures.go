package export

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
)

// The figures download (model.FiguresPath): every sourced figure of the provinces and the
// nation, one per row, with what the national map needs to class each province — its parts
// (the former provinces merged into it) and its units — so that the home page's map, legend
// and table, and the national year pages, can be recomputed from this file alone
// (docs/urls.md says how). A province with no figure has one row without a level. A row is a
// count (kind "count": a milestone) or a province-wide recognition that every commune of the
// province, or of its part area, met the level (kind "decision" or "report", without a count).

// FigureRow is one row of the figures download.
type FigureRow struct {
	Scope        string   `json:"scope"` // "province" or "nation"
	Province     string   `json:"province"`
	ProvinceName string   `json:"province_name"`
	Parts        []string `json:"parts"`
	Units        int      `json:"units"`
	FormerUnits  int      `json:"former_units"`
	Area         string   `json:"area,omitempty"`
	Kind         string   `json:"kind,omitempty"`
	Level        string   `json:"level,omitempty"`
	LevelName    string   `json:"level_name,omitempty"`
	Count        *int     `json:"count,omitempty"`
	Total        *int     `json:"total,omitempty"`
	Year         int      `json:"year,omitempty"`
	Month        int      `json:"month,omitempty"`
	Text         string   `json:"text,omitempty"`
	Source       string   `json:"source,omitempty"`
	SourceURL    string   `json:"source_url,omitempty"`
	URL          string   `json:"url"`
	DataAsOf     string   `json:"data_as_of"`
}

// kindCount is the kind of a row that is a count (a milestone).
const kindCount = "count"

// The scopes of the figures download's rows.
const (
	scopeProvince = "province"
	scopeNation   = "nation"
)

// figureFields are the figures download's columns and their JSON types, in CSV order;
// their meanings are data.figure_field.<name> in the i18n files.
var figureFields = []field{
	{"scope", "string", []string{scopeProvince, scopeNation}},
	{"province", "string", nil},
	{"province_name", "string", nil},
	{"parts", "array", nil},
	{"units", "integer", nil},
	{"former_units", "integer", nil},
	{"area", "string", nil},
	{"kind", "string", []string{kindCount, model.KindDecision, model.KindReport}},
	{"level", "string", nil},
	{"level_name", "string", nil},
	{"count", "integer", nil},
	{"total", "integer", nil},
	{"year", "integer", nil},
	{"month", "integer", nil},
	{"text", "string", nil},
	{"source", "string", nil},
	{"source_url", "string", nil},
	{"url", "string", nil},
	{"data_as_of", "string", nil},
}

// figureRequired are the properties every row has.
var figureRequired = []string{"scope", "province", "province_name", "parts", "units", "former_units", "url", "data_as_of"}

// FigureColumns are the columns of the figures CSV, in order. The data page lists them
// with their meanings.
var FigureColumns = names(figureFields)

func (d *FigureRow) cells() []string {
	n := func(v int) string {
		if v == 0 {
			return ""
		}
		return strconv.Itoa(v)
	}
	p := func(v *int) string {
		if v == nil {
			return ""
		}
		return strconv.Itoa(*v)
	}
	return []string{d.Scope, d.Province, d.ProvinceName, strings.Join(d.Parts, "; "), strconv.Itoa(d.Units),
		strconv.Itoa(d.FormerUnits), d.Area, d.Kind, d.Level, d.LevelName, p(d.Count), p(d.Total), n(d.Year), n(d.Month),
		d.Text, d.Source, d.SourceURL, d.URL, d.DataAsOf}
}

// figureRows lists the nation's figures and then each province's (by code), each in the
// order of its file (by date).
func (x *exporter) figureRows() []*FigureRow {
	units, formers := map[string]int{}, map[string]int{}
	for _, u := range x.a.Site.Units {
		units[u.Province]++
	}
	for _, f := range x.a.Site.Former {
		formers[f.Province]++
	}
	var rows []*FigureRow
	add := func(base FigureRow, ms []*model.Milestone, areas []*model.AreaRecognition) {
		if base.Parts == nil {
			base.Parts = []string{}
		}
		var done []*model.AreaRecognition // province-wide recognitions that recognise
		for _, a := range areas {
			if a.Scope == model.ScopeProvince && model.Recognises(a.KindOf()) && a.Year != 0 {
				done = append(done, a)
			}
		}
		if len(ms) == 0 && len(done) == 0 {
			row := base
			rows = append(rows, &row)
			return
		}
		for _, m := range ms {
			row := base
			row.Area, row.Kind, row.Level, row.Year, row.Month = m.Area, kindCount, m.Level, m.Year, m.Month
			row.Count = intp(m.Count)
			if m.Total > 0 {
				row.Total = intp(m.Total)
			}
			if l := x.levelOf(m.Level); l != nil {
				row.LevelName = l.Name
			}
			row.Text, row.Source, row.SourceURL = m.Text, m.Source, m.SourceURL
			rows = append(rows, &row)
		}
		for _, a := range done {
			row := base
			row.Area, row.Kind, row.Level, row.Year, row.Month = a.Area, a.KindOf(), a.Level, a.Year, a.Month
			if l := x.levelOf(a.Level); l != nil {
				row.LevelName = l.Name
			}
			row.Text, row.Source, row.SourceURL = a.Decision, a.Source, a.SourceURL
			rows = append(rows, &row)
		}
	}
	if n := x.a.Site.Nation; n != nil {
		add(FigureRow{Scope: scopeNation, ProvinceName: n.Name, Units: len(x.a.Site.Units), FormerUnits: len(x.a.Site.Former),
			URL: x.abs(""), DataAsOf: x.asOf}, n.Milestones, nil)
	}
	for _, p := range x.a.Site.Provinces {
		add(FigureRow{Scope: scopeProvince, Province: p.Code, ProvinceName: x.loc.ProvinceName(p), Parts: p.Parts,
			Units: units[p.Code], FormerUnits: formers[p.Code], URL: x.abs(model.ProvincePath(p.Code)), DataAsOf: x.asOf}, p.Milestones, p.Areas)
	}
	return rows
}

// levelOf is the level of the set in force with the id, else of the newest set that has it:
// a milestone names a level without its set.
func (x *exporter) levelOf(id string) *model.Level {
	if l := x.a.Level(x.a.Site.Config.CriteriaSet, id); l != nil {
		return l
	}
	for i := len(x.a.Site.CriteriaSets) - 1; i >= 0; i-- {
		if l := x.a.Site.CriteriaSets[i].Level(id); l != nil {
			return l
		}
	}
	return nil
}

// FiguresFile is the figures JSON download.
type FiguresFile struct {
	Schema   string       `json:"$schema"`
	Version  int          `json:"version"`
	DataAsOf string       `json:"data_as_of"`
	Figures  []*FigureRow `json:"figures"`
}

// figures writes the figures download as CSV, XLSX and JSON, and its JSON Schema.
func (x *exporter) figures() {
	rows := x.figureRows()
	putTable(x, model.FiguresPath, figureFields, rows)
	f := FiguresFile{Schema: x.abs(model.FiguresSchemaPath), Version: schemaVersion, DataAsOf: x.asOf, Figures: rows}
	if f.Figures == nil {
		f.Figures = []*FigureRow{}
	}
	b, _ := json.MarshalIndent(f, "", " ")
	x.put(model.FiguresPath("json"), append(b, '\n'))
	x.put(model.FiguresSchemaPath, schema(schemaDoc{
		id:          x.abs(model.FiguresSchemaPath),
		title:       "NTM Atlas figures, version 1",
		description: "Every sourced figure of the NTM Atlas's provinces and of the whole country: how many communes met a level of the New Rural Development standard by a date, out of how many when the source says, or that every commune of a province (or of a former province merged into it) had met it by a province-wide decision or report, with the province's parts and units, from which the national map is drawn (" + model.FiguresPath("json") + ").",
		list:        "figures",
		required:    figureRequired,
		fields:      figureFields,
		describe:    func(name string) string { return x.en.Phrase("data.figure_field." + name) },
	}))
}
