package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/model"
)

// Paths of the tabular downloads and their schema, relative to the site root. Documented in
// docs/urls.md and on the data page.
const (
	dataDir       = "data/"
	dataPageDir   = "du-lieu/"
	atlasDataName = "atlas"
	schemaVersion = 1
	periodCurrent = "current"
	periodFormer  = "former"
	dateLayout    = "2006-01-02"
	csvBOM        = "\uFEFF"
)

// SchemaPath is the path of the JSON Schema that the JSON downloads follow. A change that
// breaks readers gets a new version and a new file; the old one stays.
const SchemaPath = dataDir + "schema-v1.json"

// DataPath is the path of a tabular download: ext is "csv", "json" or "geojson"; province is
// a province code, or "" for the whole atlas.
func DataPath(province, ext string) string {
	if province == "" {
		return dataDir + atlasDataName + "." + ext
	}
	return dataDir + "tinh-" + province + "." + ext
}

// DataRow is one unit of the downloads: a current unit or a former one. Its JSON names are the
// CSV's column names and the GeoJSON's property names; optional fields are left out of JSON
// and empty in CSV when unknown.
type DataRow struct {
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
	SourceURL         string `json:"source_url,omitempty"`
	Status            string `json:"status,omitempty"`
	StatusText        string `json:"status_text,omitempty"`
	FormersEligible   *int   `json:"formers_eligible,omitempty"`
	FormersRecognized *int   `json:"formers_recognized,omitempty"`
	URL               string `json:"url"`
	DataAsOf          string `json:"data_as_of"`
	sortKey           string
}

// CSVHeader is the CSV downloads' header row, in column order: the fields of the JSON
// Schema.
var CSVHeader = func() []string {
	var h []string
	for _, f := range schemaFields {
		h = append(h, f.name)
	}
	return h
}()

func (d *DataRow) cells() []string {
	n := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	return []string{d.Code, d.Name, d.Type, d.Province, d.ProvinceName, d.District, d.Period,
		d.Since, d.Until, d.Level, d.LevelName, n(d.CriteriaMet), n(d.CriteriaTotal), d.CriteriaSet,
		d.AsOf, d.SourceURL, d.Status, d.StatusText, n(d.FormersEligible), n(d.FormersRecognized),
		d.URL, d.DataAsOf}
}

// props are the row as GeoJSON properties: the JSON object without its empty fields.
func (d *DataRow) props() map[string]any {
	b, _ := json.Marshal(d)
	var m map[string]any
	json.Unmarshal(b, &m)
	return m
}

func intp(v int) *int { return &v }

// dataRows lists every current unit (by code) and then every former unit (by key), in
// Vietnamese: the downloads are one file for both languages.
func (r *renderer) dataRows() []*DataRow {
	asOf := dataAsOf(r.a.Site).Format(dateLayout)
	if dataAsOf(r.a.Site).IsZero() {
		asOf = ""
	}
	provName := func(code string) string {
		if p := r.a.Index.Provinces[code]; p != nil {
			return r.loc.ProvinceName(p)
		}
		return ""
	}
	var rows []*DataRow
	for _, u := range r.a.Site.Units {
		st := r.a.Statuses[u.Code]
		d := &DataRow{Code: u.Code, Name: u.Name, Type: u.Type, Province: u.Province, ProvinceName: provName(u.Province),
			Period: periodCurrent, Since: model.ReformDate.Format(dateLayout), URL: r.abs(UnitPath(u.Code)),
			DataAsOf: asOf, sortKey: "0" + u.Code}
		if st != nil {
			d.Status, d.StatusText = string(st.Class), r.loc.StatusText(st)
			d.FormersEligible, d.FormersRecognized = intp(st.Eligible), intp(st.Recognized)
			if a := st.Own; a != nil {
				d.Level, d.CriteriaSet, d.AsOf, d.SourceURL = a.Level, a.CriteriaSet, a.AsOf.Format(dateLayout), a.SourceURL
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
	for _, f := range r.a.Site.Former {
		d := &DataRow{Code: f.Code, Name: f.Name, Type: f.Type, Province: f.Province, ProvinceName: provName(f.Province),
			District: f.District, Period: periodFormer, Until: f.Until.Format(dateLayout), URL: r.abs(FormerPath(f.Key())),
			DataAsOf: asOf, sortKey: "1" + f.Key()}
		if rc, l := r.a.Best(f); rc != nil {
			d.Level, d.LevelName, d.CriteriaSet, d.SourceURL = l.ID, l.Name, rc.CriteriaSet, rc.SourceURL
			if rc.Year != 0 {
				d.AsOf = strconv.Itoa(rc.Year)
			}
		}
		rows = append(rows, d)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].sortKey < rows[j].sortKey })
	return rows
}

// neutralize keeps a spreadsheet from reading a cell as a formula: a cell that begins with
// =, +, -, @, a tab or a carriage return gets a leading apostrophe (OWASP's advice on CSV
// injection). The data page says so.
func neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// csvTable writes a header and rows as RFC 4180 CSV (CRLF line ends), UTF-8 with a byte
// order mark so that spreadsheets read Vietnamese correctly, each cell neutralized. Every CSV
// download is written by it.
func csvTable(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(csvBOM)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(header)
	for _, cells := range rows {
		for i := range cells {
			cells[i] = neutralize(cells[i])
		}
		w.Write(cells)
	}
	w.Flush()
	return b.Bytes()
}

// dataCSV writes the rows of the atlas CSV (csvTable).
func dataCSV(rows []*DataRow) []byte {
	cells := make([][]string, len(rows))
	for i, d := range rows {
		cells[i] = d.cells()
	}
	return csvTable(CSVHeader, cells)
}

// DataFile is the JSON download: the schema it follows, its version, the data's date and
// the units.
type DataFile struct {
	Schema   string     `json:"$schema"`
	Version  int        `json:"version"`
	DataAsOf string     `json:"data_as_of"`
	Province string     `json:"province,omitempty"`
	Units    []*DataRow `json:"units"`
}

func (r *renderer) dataJSON(province string, rows []*DataRow) []byte {
	f := DataFile{Schema: r.abs(SchemaPath), Version: schemaVersion, Province: province, Units: rows}
	if f.Units == nil {
		f.Units = []*DataRow{}
	}
	if !dataAsOf(r.a.Site).IsZero() {
		f.DataAsOf = dataAsOf(r.a.Site).Format(dateLayout)
	}
	b, _ := json.MarshalIndent(f, "", " ")
	return append(b, '\n')
}

// tables writes rows as the CSV and JSON downloads of each province and of the whole atlas,
// the whole atlas's GeoJSON, and the JSON schema.
func (r *renderer) tables(rows []*DataRow) {
	r.out.put(DataPath("", "csv"), dataCSV(rows))
	r.out.put(DataPath("", "json"), r.dataJSON("", rows))
	for _, p := range r.a.Site.Provinces {
		var mine []*DataRow
		for _, d := range rows {
			if d.Province == p.Code {
				mine = append(mine, d)
			}
		}
		r.out.put(DataPath(p.Code, "csv"), dataCSV(mine))
		r.out.put(DataPath(p.Code, "json"), r.dataJSON(p.Code, mine))
	}
	var ms []*carto.Map
	codes := make([]string, 0, len(r.opts.Maps))
	for c := range r.opts.Maps {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		ms = append(ms, r.opts.Maps[c].Main)
	}
	if len(ms) > 0 {
		r.out.put(DataPath("", "geojson"), mapGeoJSON(ms, r.geoProps(rows), r.dataAsOfField()))
	}
	r.out.put(SchemaPath, r.schema())
}

// dataAsOfField is the data's date for the downloads, YYYY-MM-DD, or "" when unknown.
func (r *renderer) dataAsOfField() string {
	if t := dataAsOf(r.a.Site); !t.IsZero() {
		return t.Format(dateLayout)
	}
	return ""
}

// geoProps returns the GeoJSON properties of a current unit: its row, and the keys the map
// download has always had.
func (r *renderer) geoProps(rows []*DataRow) func(code string) map[string]any {
	byCode := map[string]*DataRow{}
	for _, d := range rows {
		if d.Period == periodCurrent {
			byCode[d.Code] = d
		}
	}
	return func(code string) map[string]any {
		d := byCode[code]
		if d == nil {
			return map[string]any{"code": code}
		}
		return d.props()
	}
}
