package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// TestFiguresDownload writes the figures of a nation and two provinces, one merged from two
// parts with a figure for one, one with none, and checks the CSV (a row per figure and a row
// for the province without one, parts and units on each, formula-like text neutralized) and
// the JSON against its schema; and that every field is described in every language.
func TestFiguresDownload(t *testing.T) {
	a := site()
	a.Site.Nation = &model.Province{Name: "Việt Nam", Milestones: []*model.Milestone{
		{Year: 2025, Month: 6, Level: "standard", Count: 6084, Total: 7669, Text: "=6084", Source: "VietNamNet", SourceURL: "https://example.org/vn"},
	}}
	a.Site.Provinces = append(a.Site.Provinces, &model.Province{Code: "82", Name: "Đồng Tháp", Type: "Tỉnh", Parts: []string{"Đồng Tháp", "Tiền Giang"},
		Milestones: []*model.Milestone{{Year: 2023, Month: 6, Level: "standard", Count: 137, Total: 142, Area: "Tiền Giang", SourceURL: "https://example.org/tg"}}})
	a = status.Derive(a.Site)
	files := files(t, a)
	b := files[model.FiguresPath("csv")]
	if !bytes.HasPrefix(b, []byte(csvBOM)) {
		t.Fatal("the figures CSV has no byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[0], FigureColumns) || len(recs) != 4 {
		t.Fatalf("figures CSV:\n%q", recs)
	}
	row := func(i int) map[string]string {
		m := map[string]string{}
		for j, h := range recs[0] {
			m[h] = recs[i][j]
		}
		return m
	}
	for i, want := range []map[string]string{
		{"scope": "nation", "province": "", "province_name": "Việt Nam", "units": "1", "former_units": "1", "level": "standard",
			"level_name": "Đạt chuẩn", "count": "6084", "total": "7669", "year": "2025", "month": "6", "text": "'=6084", "url": "https://example.org/atlas/"},
		{"scope": "province", "province": "14", "province_name": "Tỉnh Sơn La", "parts": "", "units": "1", "former_units": "1", "level": "",
			"count": "", "year": "", "url": "https://example.org/atlas/" + model.ProvincePath("14")},
		{"scope": "province", "province": "82", "parts": "Đồng Tháp; Tiền Giang", "units": "0", "area": "Tiền Giang", "count": "137",
			"total": "142", "year": "2023", "month": "6", "source_url": "https://example.org/tg"},
	} {
		got := row(i + 1)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("row %d: %s = %q, want %q", i+1, k, got[k], v)
			}
		}
	}

	var schema struct {
		ID         string `json:"$id"`
		Properties struct {
			Figures struct {
				Items struct {
					Required   []string `json:"required"`
					Properties map[string]struct {
						Type string   `json:"type"`
						Enum []string `json:"enum"`
					} `json:"properties"`
				} `json:"items"`
			} `json:"figures"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(files[model.FiguresSchemaPath], &schema); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema  string           `json:"$schema"`
		Figures []map[string]any `json:"figures"`
	}
	if err := json.Unmarshal(files[model.FiguresPath("json")], &doc); err != nil {
		t.Fatal(err)
	}
	items := schema.Properties.Figures.Items
	if doc.Schema != schema.ID || len(doc.Figures) != 3 || len(items.Properties) != len(FigureColumns) {
		t.Fatalf("figures JSON: $schema %q (want %q), %d rows, schema of %d fields", doc.Schema, schema.ID, len(doc.Figures), len(items.Properties))
	}
	for _, r := range doc.Figures {
		for _, k := range items.Required {
			if _, ok := r[k]; !ok {
				t.Errorf("%v lacks %q", r["province"], k)
			}
		}
		for k, v := range r {
			prop, ok := items.Properties[k]
			if !ok {
				t.Errorf("%v has %q, which the schema does not name", r["province"], k)
				continue
			}
			typ := map[string]string{"string": "string", "float64": "integer", "[]interface {}": "array"}[strings.TrimPrefix(reflect.TypeOf(v).String(), "")]
			if typ != prop.Type {
				t.Errorf("%s is %T, the schema says %s", k, v, prop.Type)
			}
			if s, ok := v.(string); ok && prop.Enum != nil && !slices.Contains(prop.Enum, s) {
				t.Errorf("%s = %q, not one of %q", k, s, prop.Enum)
			}
		}
	}
	if doc.Figures[0]["text"] != "=6084" {
		t.Errorf("JSON text %q, want it unchanged", doc.Figures[0]["text"])
	}
	for _, lang := range model.Languages {
		l, err := i18n.Load(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range figureFields {
			if _, err := l.T("data.figure_field." + f.name); err != nil {
				t.Error(err)
			}
		}
	}
}
