package export

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// UnitRow is one unit of the downloads: a current unit or a former one. Its JSON names are
// the CSV's column names and the GeoJSON's property names; optional fields are left out of
// JSON and empty in CSV when unknown.
type UnitRow struct {
	Code              string `json:"code"`
	Name              string `json:"name"`
	Type              string `json:"type"`
	Province          string `json:"province"`
	ProvinceName      string `json:"province_name"`
	District          string `json:"district,omitempty"`
	Period            string `json:"period"`
	Since             string `json:"since,omitempty"`
	Until             string `json:"until,omitempty"`
	Level             string `json:"level,omitempty"`
	LevelName         string `json:"level_name,omitempty"`
	CriteriaMet       *int   `json:"criteria_met,omitempty"`
	CriteriaTotal     *int   `json:"criteria_total,omitempty"`
	CriteriaSet       string `json:"criteria_set,omitempty"`
	AsOf              string `json:"as_of,omitempty"`
	AsOfFrom          string `json:"as_of_from,omitempty"`
	Basis             string `json:"basis,omitempty"`
	RevokedYear       *int   `json:"revoked_year,omitempty"`
	SourceURL         string `json:"source_url,omitempty"`
	Status            string `json:"status,omitempty"`
	StatusText        string `json:"status_text,omitempty"`
	FormersEligible   *int   `json:"formers_eligible,omitempty"`
	FormersRecognized *int   `json:"formers_recognized,omitempty"`
	URL               string `json:"url"`
	DataAsOf          string `json:"data_as_of"`
	sortKey           string
}

// unitFields are a unit's properties and their JSON types, in the order of UnitRow and of
// the CSV's columns. Their descriptions are the data page's, data.field.<name> in the i18n
// files; the schema takes the English ones.
var unitFields = []field{
	{"code", "string", nil},
	{"name", "string", nil},
	{"type", "string", nil},
	{"province", "string", nil},
	{"province_name", "string", nil},
	{"district", "string", nil},
	{"period", "string", []string{periodCurrent, periodFormer}},
	{"since", "string", nil},
	{"until", "string", nil},
	{"level", "string", nil},
	{"level_name", "string", nil},
	{"criteria_met", "integer", nil},
	{"criteria_total", "integer", nil},
	{"criteria_set", "string", nil},
	{"as_of", "string", nil},
	{"as_of_from", "string", yearFroms},
	{"basis", "string", bases},
	{"revoked_year", "integer", nil},
	{"source_url", "string", nil},
	{"status", "string", nil},
	{"status_text", "string", nil},
	{"formers_eligible", "integer", nil},
	{"formers_recognized", "integer", nil},
	{"url", "string", nil},
	{"data_as_of", "string", nil},
}

// unitRequired are the properties every unit has.
var unitRequired = []string{"code", "name", "type", "province", "province_name", "period", "url", "data_as_of"}

// UnitColumns are the columns of the units' CSV downloads, in order: the fields of the JSON
// Schema. The data page lists them with their meanings.
var UnitColumns = names(unitFields)

func (d *UnitRow) cells() []string {
	n := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	return []string{d.Code, d.Name, d.Type, d.Province, d.ProvinceName, d.District, d.Period,
		d.Since, d.Until, d.Level, d.LevelName, n(d.CriteriaMet), n(d.CriteriaTotal), d.CriteriaSet,
		d.AsOf, d.AsOfFrom, d.Basis, n(d.RevokedYear), d.SourceURL, d.Status, d.StatusText, n(d.FormersEligible), n(d.FormersRecognized),
		d.URL, d.DataAsOf}
}

// props are the row as GeoJSON properties: the JSON object without its empty fields.
func (d *UnitRow) props() map[string]any {
	b, _ := json.Marshal(d)
	var m map[string]any
	json.Unmarshal(b, &m)
	return m
}

func intp(v int) *int { return &v }

// unitRows lists every current unit (by code) and then every former unit (by key).
func (x *exporter) unitRows() []*UnitRow {
	var rows []*UnitRow
	for _, u := range x.a.Site.Units {
		st := x.a.Statuses[u.Code]
		d := &UnitRow{Code: u.Code, Name: u.Name, Type: u.Type, Province: u.Province, ProvinceName: x.provinceName(u.Province),
			Period: periodCurrent, Since: model.ReformDate.Format(dateLayout), URL: x.abs(model.UnitPath(u.Code)),
			DataAsOf: x.asOf, sortKey: "0" + u.Code}
		if st != nil {
			d.Status, d.StatusText = string(st.Class), x.loc.StatusText(st)
			d.FormersEligible, d.FormersRecognized = intp(st.Eligible), intp(st.Recognized)
			if a := st.Own; a != nil {
				d.Level, d.CriteriaSet, d.AsOf, d.SourceURL = a.Level, a.CriteriaSet, a.AsOf.Format(dateLayout), a.SourceURL
				d.AsOfFrom = string(status.YearStated)
				d.CriteriaMet = intp(len(a.CriteriaMet))
				if st.OwnSet != nil {
					d.CriteriaTotal = intp(len(st.OwnSet.Criteria))
				}
				if st.OwnLevel != nil {
					d.LevelName = st.OwnLevel.Name
				}
			}
		}
		rows = append(rows, d)
	}
	for _, f := range x.a.Site.Former {
		d := &UnitRow{Code: f.Code, Name: f.Name, Type: f.Type, Province: f.Province, ProvinceName: x.provinceName(f.Province),
			District: f.District, Period: periodFormer, Until: f.Until.Format(dateLayout), URL: x.abs(model.FormerPath(f.Key())),
			DataAsOf: x.asOf, sortKey: "1" + f.Key()}
		// Its standing: the credit that decides its status (its own best recognition that
		// stands, else its district's or province's), with its year as the recognitions
		// download and the pages give it: the source's, or inferred (from a province milestone
		// of the same source, or the year its district or province was recognised), saying so.
		if c := x.a.Standing(f); c != nil {
			d.Level, d.LevelName, d.CriteriaSet, d.SourceURL, d.Basis = c.Level.ID, c.Level.Name, c.CriteriaSet(), c.SourceURL(), string(c.Basis)
			if c.Year != 0 {
				d.AsOf, d.AsOfFrom = strconv.Itoa(c.Year), string(c.From)
			}
		} else if v := x.a.Lost(f); v != nil {
			d.RevokedYear, d.SourceURL = intp(v.Year), v.SourceURL
		} else if rc, l := x.a.Best(f); rc != nil && !l.Recognized {
			d.Level, d.LevelName, d.CriteriaSet, d.SourceURL = l.ID, l.Name, rc.CriteriaSet, rc.SourceURL
			if y, from := x.a.RecognitionYear(f, rc); y != 0 {
				d.AsOf, d.AsOfFrom = strconv.Itoa(y), string(from)
			}
		}
		rows = append(rows, d)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].sortKey < rows[j].sortKey })
	return rows
}

// UnitsFile is the units' JSON download: the schema it follows, its version, the data's date
// and the units.
type UnitsFile struct {
	Schema   string     `json:"$schema"`
	Version  int        `json:"version"`
	DataAsOf string     `json:"data_as_of"`
	Province string     `json:"province,omitempty"`
	Units    []*UnitRow `json:"units"`
}

func (x *exporter) unitsJSON(province string, rows []*UnitRow) []byte {
	f := UnitsFile{Schema: x.abs(model.SchemaPath), Version: schemaVersion, DataAsOf: x.asOf, Province: province, Units: rows}
	if f.Units == nil {
		f.Units = []*UnitRow{}
	}
	b, _ := json.Marshal(f) // compact: indented, a sixth of the bytes were spaces
	return append(b, '\n')
}

// units writes rows as the CSV, XLSX and JSON downloads of the whole atlas and of each province,
// and their JSON Schema.
func (x *exporter) units(rows []*UnitRow) {
	putTable(x, func(ext string) string { return model.DataPath("", ext) }, unitFields, rows)
	x.put(model.DataPath("", "json"), x.unitsJSON("", rows))
	for _, p := range x.a.Site.Provinces {
		var mine []*UnitRow
		for _, d := range rows {
			if d.Province == p.Code {
				mine = append(mine, d)
			}
		}
		putTable(x, func(ext string) string { return model.DataPath(p.Code, ext) }, unitFields, mine)
		x.put(model.DataPath(p.Code, "json"), x.unitsJSON(p.Code, mine))
	}
	x.put(model.SchemaPath, schema(schemaDoc{
		id:    x.abs(model.SchemaPath),
		title: "NTM Atlas units, version 1",
		description: "Current and former commune-level units of the NTM Atlas with their New Rural Development level. One file per province (" +
			model.DataPath("<code>", "json") + ") and one for the whole atlas (" + model.DataPath("", "json") + ").",
		list:     "units",
		required: unitRequired,
		fields:   unitFields,
		describe: func(name string) string { return x.en.Phrase("data.field." + name) },
		extra: map[string]any{
			"province": map[string]any{"type": "string", "description": "The province code of a province's file; absent in the whole atlas's."},
		},
	}))
}
