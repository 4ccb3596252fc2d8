package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// TestRecognitionsDownload renders a site with one former commune's recognition and one unit's
// own assessment, and checks the recognitions CSV (header, formula-like names neutralized, one
// row each, the former commune's current unit) and JSON against its schema: every required
// field, only the fields it names, each of its type and enum; and that every field is
// described in every language.
func TestRecognitionsDownload(t *testing.T) {
	a := site()
	a.Site.Former[0].Name = "-2+3"
	a.Site.Former[0].Recognitions[0].Year = 2022
	a.Site.Units[0].Assessments = []*model.Assessment{{CriteriaSet: "s", AsOf: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC), Level: "standard", SourceURL: "https://example.org/a"}}
	a = status.Derive(a.Site)
	files := files(t, a)
	b := files[model.RecognitionsPath("csv")]
	if !bytes.HasPrefix(b, []byte(csvBOM)) {
		t.Fatal("the recognitions CSV has no byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[0], RecognitionColumns) || len(recs) != 3 {
		t.Fatalf("recognitions CSV:\n%q", recs)
	}
	row := func(i int) map[string]string {
		m := map[string]string{}
		for j, h := range recs[0] {
			m[h] = recs[i][j]
		}
		return m
	}
	for i, want := range []map[string]string{
		{"kind": "assessment", "code": "03664", "period": "current", "now_part_of": "03664", "level": "standard", "level_rank": "2",
			"counts": "true", "year": "2024", "year_from": "stated", "as_of": "2024-05-06", "url": "https://example.org/atlas/" + model.UnitPath("03664")},
		{"kind": "recognition", "code": "03664", "name": "'-2+3", "period": "former", "until": "2025-07-01", "now_part_of": "03664",
			"level": "standard", "level_rank": "2", "counts": "true", "year": "2022", "year_from": "stated", "source_url": "https://example.org/r",
			"url": "https://example.org/atlas/" + model.FormerPath("03664")},
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
			Recognitions struct {
				Items struct {
					Required   []string `json:"required"`
					Properties map[string]struct {
						Type string   `json:"type"`
						Enum []string `json:"enum"`
					} `json:"properties"`
				} `json:"items"`
			} `json:"recognitions"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(files[model.RecognitionsSchemaPath], &schema); err != nil {
		t.Fatal(err)
	}
	items := schema.Properties.Recognitions.Items
	var doc struct {
		Schema       string           `json:"$schema"`
		Recognitions []map[string]any `json:"recognitions"`
	}
	if err := json.Unmarshal(files[model.RecognitionsPath("json")], &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != schema.ID || len(doc.Recognitions) != 2 {
		t.Fatalf("recognitions JSON: $schema %q (want %q), %d rows", doc.Schema, schema.ID, len(doc.Recognitions))
	}
	for _, r := range doc.Recognitions {
		for _, k := range items.Required {
			if _, ok := r[k]; !ok {
				t.Errorf("%v lacks %q", r["kind"], k)
			}
		}
		for k, v := range r {
			prop, ok := items.Properties[k]
			if !ok {
				t.Errorf("%v has %q, which the schema does not name", r["kind"], k)
				continue
			}
			typ := map[string]string{}
			switch v := v.(type) {
			case string:
				typ[k] = "string"
				if prop.Enum != nil && !slices.Contains(prop.Enum, v) {
					t.Errorf("%s = %q, not one of %q", k, v, prop.Enum)
				}
			case float64:
				typ[k] = "integer"
			case bool:
				typ[k] = "boolean"
			case []any:
				typ[k] = "array"
			}
			if typ[k] != prop.Type {
				t.Errorf("%s is %T, the schema says %s", k, v, prop.Type)
			}
		}
	}
	if doc.Recognitions[1]["name"] != "-2+3" {
		t.Errorf("JSON name %q, want it unchanged", doc.Recognitions[1]["name"])
	}

	for _, lang := range model.Languages {
		l, err := i18n.Load(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range recognitionFields {
			if _, err := l.T("data.recognition_field." + f.name); err != nil {
				t.Error(err)
			}
		}
	}
}
