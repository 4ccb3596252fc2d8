package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/geometry"
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/ntm-atlas/atlas/internal/xlsx"
	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"
)

const formula = `=HYPERLINK("https://evil.example/","click")`

// downloadSite writes the downloads of the test atlas with a unit whose name is a
// spreadsheet formula.
func downloadSite(t *testing.T) map[string][]byte {
	t.Helper()
	a := site()
	a.Site.Units[0].Name = formula
	a.Site.Former[0].Name = "-2+3"
	return files(t, a)
}

func TestCSV(t *testing.T) {
	files := downloadSite(t)
	for _, p := range []string{model.DataPath("", "csv"), model.DataPath("14", "csv")} {
		b := files[p]
		if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
			t.Fatalf("%s does not start with a UTF-8 byte order mark", p)
		}
		recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !reflect.DeepEqual(recs[0], UnitColumns) {
			t.Errorf("%s: header %q, want %q", p, recs[0], UnitColumns)
		}
		if len(recs) != 3 {
			t.Fatalf("%s: %d rows, want a header, one current and one former unit", p, len(recs))
		}
		row := func(i int) map[string]string {
			m := map[string]string{}
			for j, h := range recs[0] {
				m[h] = recs[i][j]
			}
			return m
		}
		cur, old := row(1), row(2)
		want := map[string]string{"code": "03664", "name": "'" + formula, "type": "Phường", "province": "14",
			"period": "current", "since": "2025-07-01", "status": "former-all", "url": "https://example.org/atlas/" + model.UnitPath("03664"),
			"formers_eligible": "1", "formers_recognized": "1"}
		for k, v := range want {
			if cur[k] != v {
				t.Errorf("%s: current unit's %s = %q, want %q", p, k, cur[k], v)
			}
		}
		want = map[string]string{"code": "03664", "name": "'-2+3", "period": "former", "until": "2025-07-01",
			"level": "standard", "source_url": "https://example.org/r", "url": "https://example.org/atlas/" + model.FormerPath("03664")}
		for k, v := range want {
			if old[k] != v {
				t.Errorf("%s: former unit's %s = %q, want %q", p, k, old[k], v)
			}
		}
		if cur["data_as_of"] == "" || cur["data_as_of"] != old["data_as_of"] {
			t.Errorf("%s: data_as_of %q and %q", p, cur["data_as_of"], old["data_as_of"])
		}
	}
}

// cellsRow is a row of a test table.
type cellsRow []string

func (r cellsRow) cells() []string { return append([]string(nil), r...) }

// TestTableNeutralizes: every CSV download writes its cells as csvcell.Neutralize does, so
// that no spreadsheet reads one as a formula.
func TestTableNeutralizes(t *testing.T) {
	rows := [][]string{{"=1+1", "Chiềng An"}, {"@SUM(A1)", "'-1"}}
	got := string(csvTable([]string{"a", "b"}, rows))
	if rows[0][0] != "=1+1" {
		t.Errorf("csvTable changed its rows: %q", rows)
	}
	want := csvBOM + "a,b\r\n'=1+1,Chiềng An\r\n'@SUM(A1),''-1\r\n"
	if got != want {
		t.Errorf("table = %q, want %q", got, want)
	}
}

// TestXLSXKeepsCells: the XLSX beside each CSV of the units holds every cell as given,
// without the CSV's formula guard (a text cell is never a formula): the unit named like a
// formula is that text, stored as a string, and no cell of the sheet holds a formula; the
// code keeps its leading zero; a CSV and its XLSX written twice are the same bytes.
func TestXLSXKeepsCells(t *testing.T) {
	files := downloadSite(t)
	again := downloadSite(t)
	for _, tc := range []struct {
		path  string
		cells map[string]string // by reference: the cells that must hold these texts
	}{
		{model.DataPath("", "xlsx"), map[string]string{"A1": "code", "A2": "03664", "B2": formula, "B3": "-2+3", "D2": "14"}},
		{model.DataPath("14", "xlsx"), map[string]string{"A2": "03664", "B2": formula, "B3": "-2+3"}},
		{model.UnitDataPath("03664", "xlsx"), map[string]string{"A2": "03664", "B2": formula}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			b := files[tc.path]
			if b == nil {
				t.Fatal("not written")
			}
			if !bytes.Equal(b, again[tc.path]) {
				t.Error("two writes differ")
			}
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for ref, want := range tc.cells {
				if got, _ := f.GetCellValue(xlsx.Sheet, ref); got != want {
					t.Errorf("%s = %q, want %q", ref, got, want)
				}
				if typ, _ := f.GetCellType(xlsx.Sheet, ref); typ != excelize.CellTypeInlineString {
					t.Errorf("%s is of type %v, want a string", ref, typ)
				}
			}
			rows, err := f.GetRows(xlsx.Sheet)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range rows {
				for j := range r {
					ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if fx, _ := f.GetCellFormula(xlsx.Sheet, ref); fx != "" {
						t.Errorf("%s holds the formula %q", ref, fx)
					}
				}
			}
		})
	}
}

// TestJSONSchema checks each JSON download against its schema: the required fields, the
// types and enums of the fields, and no field the schema does not name.
func TestJSONSchema(t *testing.T) {
	files := downloadSite(t)
	var schema struct {
		ID         string   `json:"$id"`
		Required   []string `json:"required"`
		Properties struct {
			Units struct {
				Items struct {
					Required   []string `json:"required"`
					Properties map[string]struct {
						Type string   `json:"type"`
						Enum []string `json:"enum"`
					} `json:"properties"`
				} `json:"items"`
			} `json:"units"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(files[model.SchemaPath], &schema); err != nil {
		t.Fatalf("%s: %v", model.SchemaPath, err)
	}
	items := schema.Properties.Units.Items
	if len(items.Properties) != len(UnitColumns) {
		t.Errorf("schema has %d unit properties, the CSV %d columns", len(items.Properties), len(UnitColumns))
	}
	for _, p := range []string{model.DataPath("", "json"), model.DataPath("14", "json")} {
		var doc map[string]any
		if err := json.Unmarshal(files[p], &doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, k := range schema.Required {
			if _, ok := doc[k]; !ok {
				t.Errorf("%s lacks %q", p, k)
			}
		}
		if doc["$schema"] != schema.ID || doc["version"] != 1.0 {
			t.Errorf("%s: $schema %v, version %v", p, doc["$schema"], doc["version"])
		}
		units, _ := doc["units"].([]any)
		if len(units) != 2 {
			t.Fatalf("%s: %d units, want 2", p, len(units))
		}
		for _, u := range units {
			u := u.(map[string]any)
			for _, k := range items.Required {
				if _, ok := u[k]; !ok {
					t.Errorf("%s: unit %v lacks %q", p, u["code"], k)
				}
			}
			for k, v := range u {
				prop, ok := items.Properties[k]
				if !ok {
					t.Errorf("%s: unit %v has %q, which the schema does not name", p, u["code"], k)
					continue
				}
				switch v := v.(type) {
				case string:
					if prop.Type != "string" {
						t.Errorf("%s: %s is a string, schema says %s", p, k, prop.Type)
					}
					if prop.Enum != nil && !strings.Contains(strings.Join(prop.Enum, "\n")+"\n", v+"\n") {
						t.Errorf("%s: %s = %q, not one of %q", p, k, v, prop.Enum)
					}
				case float64:
					if prop.Type != "integer" || v != float64(int(v)) {
						t.Errorf("%s: %s = %v, schema says %s", p, k, v, prop.Type)
					}
				default:
					t.Errorf("%s: %s has type %T", p, k, v)
				}
			}
		}
		if units[0].(map[string]any)["name"] != formula {
			t.Errorf("%s: name %q, want it unchanged: JSON is not read as formulas", p, units[0].(map[string]any)["name"])
		}
	}
}

// TestFieldTexts checks that every field is described in every language: the data page
// lists them, the schema takes the English ones.
func TestFieldTexts(t *testing.T) {
	for _, lang := range model.Languages {
		l, err := i18n.Load(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range unitFields {
			if _, err := l.T("data.field." + f.name); err != nil {
				t.Error(err)
			}
		}
	}
}

// TestRowFields checks that UnitRow's JSON names, its CSV cells and the schema's fields are
// the same, in the same order.
func TestRowFields(t *testing.T) {
	var names []string
	rt := reflect.TypeOf(UnitRow{})
	for i := 0; i < rt.NumField(); i++ {
		if tag := rt.Field(i).Tag.Get("json"); tag != "" {
			names = append(names, strings.Split(tag, ",")[0])
		}
	}
	if !reflect.DeepEqual(names, UnitColumns) {
		t.Errorf("UnitRow's fields %q, CSV header %q", names, UnitColumns)
	}
	if n := len((&UnitRow{}).cells()); n != len(UnitColumns) {
		t.Errorf("a row has %d cells, the header %d", n, len(UnitColumns))
	}
}

const payload = `<script>alert("x")</script>`

// site returns a one-unit atlas whose texts carry an HTML payload.
func site() *status.Atlas {
	s := &model.Site{
		Config: model.Config{Title: "Atlas " + payload, BaseURL: "https://example.org/atlas/", Language: "vi", CriteriaSet: "s", Province: "14",
			Credits: []model.Credit{{Name: "Src " + payload, License: "MIT"}}},
		CriteriaSets: []*model.CriteriaSet{{ID: "s", Name: "Set", StartYear: 2021, EndYear: 2025,
			Levels:   []*model.Level{{ID: "standard", Name: "Đạt chuẩn", Rank: 2, Recognized: true}},
			Criteria: []*model.Criterion{{ID: "1", Name: "Quy hoạch " + payload}}}},
		Provinces: []*model.Province{{Code: "14", Name: "Sơn La", Type: "Tỉnh"}},
		Units:     []*model.Unit{{Code: "03664", Name: "Chiềng An " + payload, Type: "Phường", Province: "14"}},
		Former: []*model.FormerUnit{{Code: "03664", Name: "Chiềng Xôm", Type: "Xã", District: "TP " + payload, Province: "14", Until: model.ReformDate,
			Successors:   []*model.Successor{{Code: "03664", Merge: "full"}},
			Recognitions: []*model.Recognition{{Level: "standard", SourceURL: "https://example.org/r", Note: payload}}}},
		Stories: []*model.Story{{Slug: "a", Title: "Tin " + payload, Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
			Body:  []byte("Text <b>raw</b> " + payload + "\n\n[bad](javascript:alert(1)) [ok](https://example.org/)\n"),
			Units: []string{"03664"}}},
	}
	return status.Derive(s)
}

func maps(t *testing.T) map[string]*geometry.Province {
	sq := orb.MultiPolygon{{{{104, 21}, {104.1, 21}, {104.1, 21.1}, {104, 21.1}, {104, 21}}}}
	m, err := carto.Draw([]carto.Feature{{Code: "03664", Geometry: sq}}, carto.Options{Width: 100})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*geometry.Province{"14": {Main: m, Locator: m}}
}

// files writes the downloads of a, with the test maps, into memory.
func files(t *testing.T, a *status.Atlas) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	sizes, err := Write(a, Options{Maps: maps(t)}, func(p string, b []byte) error {
		if _, dup := out[p]; dup {
			t.Errorf("%s written twice", p)
		}
		out[p] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, n := range sizes {
		if len(out[p]) != n {
			t.Errorf("%s: size %d, %d bytes written", p, n, len(out[p]))
		}
	}
	if len(sizes) != len(out) {
		t.Errorf("%d sizes for %d files", len(sizes), len(out))
	}
	return out
}
