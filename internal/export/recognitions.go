package export

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// The kinds of the recognitions download's rows.
const (
	kindRecognition = "recognition" // a former unit's recognition: its own, or its district's or province's
	kindAssessment  = "assessment"  // a current unit's own assessment
	kindRevocation  = "revocation"  // a former unit's recognition withdrawn, or its status lost
)

// yearFroms are the ways a row's year is known.
var yearFroms = []string{string(status.YearStated), string(status.YearSource), string(status.YearDistrict), string(status.YearProvince)}

// bases are the bases of a recognition row: the unit's own, or its district's or province's.
var bases = []string{string(status.BasisOwn), string(status.BasisDistrict), string(status.BasisProvince)}

// RecognitionRow is one row of the recognitions download: a former unit's recognition, or
// a current unit's own assessment. With these rows alone (and the units of atlas.csv, for
// the units no row names) every count of the year pages and their chart can be computed:
// year is the year a row counts from there, and counts says whether its level is one that
// counts as meeting the standard. JSON names are the CSV's column names.
type RecognitionRow struct {
	Kind         string   `json:"kind"`
	Code         string   `json:"code"`
	Name         string   `json:"name"`
	Type         string   `json:"type"`
	Province     string   `json:"province"`
	ProvinceName string   `json:"province_name"`
	District     string   `json:"district,omitempty"`
	Period       string   `json:"period"`
	Until        string   `json:"until,omitempty"`
	NowPartOf    []string `json:"now_part_of"`
	Basis        string   `json:"basis"`
	Area         string   `json:"area,omitempty"`
	Level        string   `json:"level"`
	LevelName    string   `json:"level_name"`
	LevelRank    int      `json:"level_rank"`
	Counts       bool     `json:"counts"`
	CriteriaSet  string   `json:"criteria_set,omitempty"`
	Year         int      `json:"year,omitempty"`
	Month        int      `json:"month,omitempty"`
	YearFrom     string   `json:"year_from,omitempty"`
	RevokedYear  int      `json:"revoked_year,omitempty"`
	RevokedMonth int      `json:"revoked_month,omitempty"`
	AsOf         string   `json:"as_of,omitempty"`
	SourceKind   string   `json:"source_kind,omitempty"`
	Decision     string   `json:"decision,omitempty"`
	SourceURL    string   `json:"source_url,omitempty"`
	ArchiveURL   string   `json:"archive_url,omitempty"`
	URL          string   `json:"url"`
	DataAsOf     string   `json:"data_as_of"`
}

// recognitionFields are the recognitions download's columns and their JSON types, in CSV
// order; their meanings are data.recognition_field.<name> in the i18n files.
var recognitionFields = []field{
	{"kind", "string", []string{kindRecognition, kindAssessment, kindRevocation}},
	{"code", "string", nil},
	{"name", "string", nil},
	{"type", "string", nil},
	{"province", "string", nil},
	{"province_name", "string", nil},
	{"district", "string", nil},
	{"period", "string", []string{periodCurrent, periodFormer}},
	{"until", "string", nil},
	{"now_part_of", "array", nil},
	{"basis", "string", bases},
	{"area", "string", nil},
	{"level", "string", nil},
	{"level_name", "string", nil},
	{"level_rank", "integer", nil},
	{"counts", "boolean", nil},
	{"criteria_set", "string", nil},
	{"year", "integer", nil},
	{"month", "integer", nil},
	{"year_from", "string", yearFroms},
	{"revoked_year", "integer", nil},
	{"revoked_month", "integer", nil},
	{"as_of", "string", nil},
	{"source_kind", "string", model.Kinds},
	{"decision", "string", nil},
	{"source_url", "string", nil},
	{"archive_url", "string", nil},
	{"url", "string", nil},
	{"data_as_of", "string", nil},
}

// recognitionRequired are the properties every row has.
var recognitionRequired = []string{"kind", "code", "name", "type", "province", "province_name", "period",
	"now_part_of", "basis", "level", "level_name", "level_rank", "counts", "url", "data_as_of"}

// RecognitionColumns are the columns of the recognitions CSV, in order. The data page lists
// them with their meanings.
var RecognitionColumns = names(recognitionFields)

func (d *RecognitionRow) cells() []string {
	n := func(v int) string {
		if v == 0 {
			return ""
		}
		return strconv.Itoa(v)
	}
	return []string{d.Kind, d.Code, d.Name, d.Type, d.Province, d.ProvinceName, d.District, d.Period,
		d.Until, strings.Join(d.NowPartOf, " "), d.Basis, d.Area, d.Level, d.LevelName, strconv.Itoa(d.LevelRank),
		strconv.FormatBool(d.Counts), d.CriteriaSet, n(d.Year), n(d.Month), d.YearFrom, n(d.RevokedYear), n(d.RevokedMonth),
		d.AsOf, d.SourceKind, d.Decision, d.SourceURL, d.ArchiveURL, d.URL, d.DataAsOf}
}

// recognitionRows lists every current unit's own assessments (by unit code, oldest first) and
// then every former unit's recognitions (by key, in the order of its file), each of a level
// the criteria sets define, in Vietnamese.
func (x *exporter) recognitionRows() []*RecognitionRow {
	var rows []*RecognitionRow
	units := append([]*model.Unit{}, x.a.Site.Units...)
	sort.SliceStable(units, func(i, j int) bool { return units[i].Code < units[j].Code })
	for _, u := range units {
		for _, as := range u.Assessments {
			l := x.a.Level(as.CriteriaSet, as.Level)
			if l == nil {
				continue
			}
			rows = append(rows, &RecognitionRow{Kind: kindAssessment, Code: u.Code, Name: u.Name, Type: u.Type,
				Province: u.Province, ProvinceName: x.provinceName(u.Province), Period: periodCurrent,
				NowPartOf: []string{u.Code}, Basis: string(status.BasisOwn), Level: l.ID, LevelName: l.Name, LevelRank: l.Rank, Counts: l.Recognized,
				CriteriaSet: as.CriteriaSet, Year: as.AsOf.Year(), YearFrom: string(status.YearStated),
				AsOf: as.AsOf.Format(dateLayout), SourceURL: as.SourceURL, URL: x.abs(model.UnitPath(u.Code)), DataAsOf: x.asOf})
		}
	}
	formers := append([]*model.FormerUnit{}, x.a.Site.Former...)
	sort.SliceStable(formers, func(i, j int) bool { return formers[i].Key() < formers[j].Key() })
	for _, f := range formers {
		now := []string{}
		for _, u := range x.a.Successors[f.Key()] {
			now = append(now, u.Code)
		}
		head := func(kind string) *RecognitionRow {
			return &RecognitionRow{Kind: kind, Code: f.Code, Name: f.Name, Type: f.Type,
				Province: f.Province, ProvinceName: x.provinceName(f.Province), District: f.District, Period: periodFormer,
				Until: f.Until.Format(dateLayout), NowPartOf: now, URL: x.abs(model.FormerPath(f.Key())), DataAsOf: x.asOf}
		}
		credits := map[*model.Recognition]status.Dated{}
		for _, c := range x.a.Credits(f) {
			if c.Rec != nil {
				credits[c.Rec] = c
			}
		}
		// Its own recognitions, in the order of its file; one that does not count (a vote, a
		// level below the standard) with counts false.
		for _, rc := range f.Recognitions {
			l := x.a.Level(rc.CriteriaSet, rc.Level)
			if l == nil {
				continue
			}
			year, from := x.a.RecognitionYear(f, rc)
			d := head(kindRecognition)
			d.Basis, d.Level, d.LevelName, d.LevelRank = string(status.BasisOwn), l.ID, l.Name, l.Rank
			d.Counts = l.Recognized && model.Recognises(rc.KindOf())
			d.CriteriaSet, d.Year, d.YearFrom = rc.CriteriaSet, year, string(from)
			if year == rc.Year {
				d.Month = rc.Month
			}
			d.SourceKind, d.Decision, d.SourceURL, d.ArchiveURL = rc.KindOf(), rc.Decision, rc.SourceURL, rc.ArchiveURL
			if c, ok := credits[rc]; ok && c.Revoked != nil {
				d.RevokedYear, d.RevokedMonth = c.Revoked.Year, c.Revoked.Month
			}
			rows = append(rows, d)
		}
		// The recognitions of its district and province, one row each, with their basis.
		for _, c := range x.a.Credits(f) {
			if c.Basis == status.BasisOwn {
				continue
			}
			d := head(kindRecognition)
			d.Basis, d.Area = string(c.Basis), x.areaName(c)
			d.Level, d.LevelName, d.LevelRank, d.Counts = c.Level.ID, c.Level.Name, c.Level.Rank, true
			d.CriteriaSet, d.Year, d.Month, d.YearFrom = c.CriteriaSet(), c.Year, c.Month, string(status.YearStated)
			d.SourceKind, d.Decision, d.SourceURL, d.ArchiveURL = c.Kind(), c.Decision(), c.SourceURL(), c.ArchiveURL()
			if c.Revoked != nil {
				d.RevokedYear, d.RevokedMonth = c.Revoked.Year, c.Revoked.Month
			}
			rows = append(rows, d)
		}
		for _, v := range f.Revocations {
			l := x.a.Level(v.CriteriaSet, v.Level)
			if l == nil {
				continue
			}
			d := head(kindRevocation)
			d.Basis, d.Level, d.LevelName, d.LevelRank = string(status.BasisOwn), l.ID, l.Name, l.Rank
			d.CriteriaSet, d.Year, d.Month, d.YearFrom = v.CriteriaSet, v.Year, v.Month, string(status.YearStated)
			d.SourceKind, d.Decision, d.SourceURL, d.ArchiveURL = v.KindOf(), v.Decision, v.SourceURL, v.ArchiveURL
			rows = append(rows, d)
		}
	}
	return rows
}

// areaName names the area of an area credit: its district as the former districts table names
// it, or the former province the recognition covers (or its province today).
func (x *exporter) areaName(c status.Dated) string {
	switch {
	case c.Area.Scope == model.ScopeDistrict:
		if d := x.a.District(c.Area.DistrictCode); d != nil {
			return d.Name
		}
		return c.Area.District
	case c.Area.Area != "":
		return c.Area.Area
	}
	return c.AreaOf.Name
}

// RecognitionsFile is the recognitions JSON download.
type RecognitionsFile struct {
	Schema       string            `json:"$schema"`
	Version      int               `json:"version"`
	DataAsOf     string            `json:"data_as_of"`
	Recognitions []*RecognitionRow `json:"recognitions"`
}

func (x *exporter) recognitionsJSON(rows []*RecognitionRow) []byte {
	f := RecognitionsFile{Schema: x.abs(model.RecognitionsSchemaPath), Version: schemaVersion, DataAsOf: x.asOf, Recognitions: rows}
	if f.Recognitions == nil {
		f.Recognitions = []*RecognitionRow{}
	}
	b, _ := json.Marshal(f) // compact: indented, a sixth of the bytes were spaces
	return append(b, '\n')
}

// recognitions writes the recognitions download as CSV, XLSX and JSON, and its JSON Schema.
func (x *exporter) recognitions() {
	rows := x.recognitionRows()
	putTable(x, model.RecognitionsPath, recognitionFields, rows)
	x.put(model.RecognitionsPath("json"), x.recognitionsJSON(rows))
	x.put(model.RecognitionsSchemaPath, x.recognitionsSchema())
}

// recognitionsSchema returns the JSON Schema of the recognitions JSON.
func (x *exporter) recognitionsSchema() []byte {
	return schema(schemaDoc{
		id:          x.abs(model.RecognitionsSchemaPath),
		title:       "NTM Atlas recognitions, version 1",
		description: "Every recognition of a former commune-level unit and every own assessment of a current one in the NTM Atlas, one per row, with the year it counts from on the year pages (" + model.RecognitionsPath("json") + ").",
		list:        "recognitions",
		required:    recognitionRequired,
		fields:      recognitionFields,
		describe:    func(name string) string { return x.en.Phrase("data.recognition_field." + name) },
	})
}
