package export

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
)

// A current unit's own download (model.UnitDataPath): one CSV row, or one JSON object, with
// the unit's row of the atlas's downloads (UnitRow: identity, status, latest assessment),
// every assessment, and the former communes it was formed from with their recognitions. In
// Vietnamese, one file for both languages, like the other downloads.

// UnitDataFile is a unit's JSON download.
type UnitDataFile struct {
	Schema      string            `json:"$schema"` // the schema of the row's fields
	Version     int               `json:"version"`
	DataAsOf    string            `json:"data_as_of"`
	Unit        *UnitRow          `json:"unit"`
	Assessments []UnitAssessment  `json:"assessments"`
	Formers     []UnitFormerEntry `json:"formers"`
}

// UnitAssessment is one of a unit's own assessments.
type UnitAssessment struct {
	AsOf          string `json:"as_of"`
	CriteriaSet   string `json:"criteria_set"`
	Level         string `json:"level"`
	LevelName     string `json:"level_name,omitempty"`
	CriteriaMet   int    `json:"criteria_met"`
	CriteriaTotal int    `json:"criteria_total,omitempty"`
	SourceURL     string `json:"source_url,omitempty"`
}

// UnitFormerEntry is a former commune a unit was formed from.
type UnitFormerEntry struct {
	Code         string            `json:"code"`
	Name         string            `json:"name"`
	Type         string            `json:"type"`
	District     string            `json:"district,omitempty"`
	Merge        string            `json:"merge,omitempty"` // "full" or "partial"
	URL          string            `json:"url"`
	Recognitions []UnitRecognition `json:"recognitions"`
}

// UnitRecognition is one recognition of a former commune.
type UnitRecognition struct {
	Level       string `json:"level"`
	LevelName   string `json:"level_name,omitempty"`
	Year        int    `json:"year,omitempty"`
	CriteriaSet string `json:"criteria_set,omitempty"`
	Decision    string `json:"decision,omitempty"`
	SourceURL   string `json:"source_url,omitempty"`
}

// unitDataFile gathers u's download from its row of the atlas's downloads.
func (x *exporter) unitDataFile(u *model.Unit, row *UnitRow) *UnitDataFile {
	f := &UnitDataFile{Schema: x.abs(model.SchemaPath), Version: schemaVersion, DataAsOf: x.asOf, Unit: row,
		Assessments: []UnitAssessment{}, Formers: []UnitFormerEntry{}}
	for _, a := range u.Assessments {
		ua := UnitAssessment{AsOf: a.AsOf.Format(dateLayout), CriteriaSet: a.CriteriaSet, Level: a.Level, CriteriaMet: len(a.CriteriaMet), SourceURL: a.SourceURL}
		if l := x.a.Level(a.CriteriaSet, a.Level); l != nil {
			ua.LevelName = l.Name
		}
		if s := x.a.Index.Sets[a.CriteriaSet]; s != nil {
			ua.CriteriaTotal = len(s.Criteria)
		}
		f.Assessments = append(f.Assessments, ua)
	}
	if st := x.a.Statuses[u.Code]; st != nil {
		for _, sf := range st.Formers {
			fu := sf.Unit
			e := UnitFormerEntry{Code: fu.Code, Name: fu.Name, Type: fu.Type, District: fu.District, Merge: sf.Merge,
				URL: x.abs(model.FormerPath(fu.Key())), Recognitions: []UnitRecognition{}}
			for _, rc := range fu.Recognitions {
				ur := UnitRecognition{Level: rc.Level, Year: rc.Year, CriteriaSet: rc.CriteriaSet, Decision: rc.Decision, SourceURL: rc.SourceURL}
				if l := x.a.Level(rc.CriteriaSet, rc.Level); l != nil {
					ur.LevelName = l.Name
				}
				e.Recognitions = append(e.Recognitions, ur)
			}
			f.Formers = append(f.Formers, e)
		}
	}
	return f
}

// unitDataJSON is f as JSON.
func unitDataJSON(f *UnitDataFile) []byte {
	b, _ := json.Marshal(f) // compact: indented, a sixth of the bytes were spaces
	return append(b, '\n')
}

// unitTableFields are the columns of a unit's CSV and XLSX: the atlas CSV's, then the unit's
// assessments and its former communes, each a list in one cell.
var unitTableFields = append(append([]field{}, unitFields...), field{"assessments", "string", nil}, field{"formers", "string", nil})

// unitDataRow is f as the one row of its CSV and XLSX. The list cells separate entries with
// "; ": an assessment is "as_of level met/total criteria_set", a former commune
// "code type name (district): level year, …" ("không" when it has no recognition).
func unitDataRow(f *UnitDataFile) cellRow {
	var as, fs []string
	for _, a := range f.Assessments {
		s := a.AsOf + " " + a.Level + " " + strconv.Itoa(a.CriteriaMet)
		if a.CriteriaTotal > 0 {
			s += "/" + strconv.Itoa(a.CriteriaTotal)
		}
		as = append(as, s+" "+a.CriteriaSet)
	}
	for _, x := range f.Formers {
		s := x.Code + " " + strings.TrimSpace(x.Type+" "+x.Name)
		if x.District != "" {
			s += " (" + x.District + ")"
		}
		var rs []string
		for _, rc := range x.Recognitions {
			t := rc.Level
			if rc.Year != 0 {
				t += " " + strconv.Itoa(rc.Year)
			}
			rs = append(rs, t)
		}
		if len(rs) == 0 {
			rs = []string{"không"}
		}
		fs = append(fs, s+": "+strings.Join(rs, ", "))
	}
	return append(f.Unit.cells(), strings.Join(as, "; "), strings.Join(fs, "; "))
}

// unitFiles writes each current unit's own CSV, XLSX and JSON from rows, the atlas's rows.
func (x *exporter) unitFiles(rows []*UnitRow) {
	byCode := map[string]*UnitRow{}
	for _, d := range rows {
		if d.Period == periodCurrent {
			byCode[d.Code] = d
		}
	}
	units := x.a.Site.Units
	files := make([]*UnitDataFile, len(units))
	for i, u := range units {
		files[i] = x.unitDataFile(u, byCode[u.Code])
	}
	// A workbook takes about a millisecond to write, and the country has thousands of
	// units: those the memo does not give back are written side by side, then handed on in
	// order.
	cells := make([][]string, len(units))
	keys := make([][32]byte, len(units))
	done := make([]bool, len(units))
	var todo []int
	for i, u := range units {
		cells[i] = unitDataRow(files[i])
		keys[i] = x.workbookKey(unitTableFields, [][]string{cells[i]})
		if done[i] = x.recallWorkbook(model.UnitDataPath(u.Code, "xlsx"), keys[i]); !done[i] {
			todo = append(todo, i)
		}
	}
	books, errs := make([][]byte, len(units)), make([]error, len(units))
	each(len(todo), func(j int) {
		i := todo[j]
		books[i], errs[i] = x.workbook(unitTableFields, [][]string{cells[i]})
	})
	for i, u := range units {
		x.put(model.UnitDataPath(u.Code, "csv"), csvTable(names(unitTableFields), [][]string{cells[i]}))
		if !done[i] {
			x.fail(errs[i])
			x.keepWorkbook(model.UnitDataPath(u.Code, "xlsx"), keys[i], books[i])
			x.put(model.UnitDataPath(u.Code, "xlsx"), books[i])
		}
		x.put(model.UnitDataPath(u.Code, "json"), unitDataJSON(files[i]))
	}
}

// cellRow is a row given as its cells.
type cellRow []string

func (c cellRow) cells() []string { return c }
