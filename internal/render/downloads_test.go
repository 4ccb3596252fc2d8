package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
)

const formula = `=HYPERLINK("https://evil.example/","click")`

// downloadSite renders the test atlas with a unit whose name is a spreadsheet formula.
func downloadSite(t *testing.T) Files {
	t.Helper()
	a := site()
	a.Site.Units[0].Name = formula
	a.Site.Former[0].Name = "-2+3"
	files, err := Site(a, Options{Maps: maps(t)})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestCSV(t *testing.T) {
	files := downloadSite(t)
	for _, p := range []string{DataPath("", "csv"), DataPath("14", "csv")} {
		b := files[p]
		if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
			t.Fatalf("%s does not start with a UTF-8 byte order mark", p)
		}
		recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !reflect.DeepEqual(recs[0], CSVHeader) {
			t.Errorf("%s: header %q, want %q", p, recs[0], CSVHeader)
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
			"period": "current", "since": "2025-07-01", "status": "former-all", "url": "https://example.org/atlas/xa/03664/",
			"formers_eligible": "1", "formers_recognized": "1"}
		for k, v := range want {
			if cur[k] != v {
				t.Errorf("%s: current unit's %s = %q, want %q", p, k, cur[k], v)
			}
		}
		want = map[string]string{"code": "03664", "name": "'-2+3", "period": "former", "until": "2025-07-01",
			"level": "standard", "source_url": "https://example.org/r", "url": "https://example.org/atlas/xa-cu/03664/"}
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

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "Chiềng An": "Chiềng An", "": "", "a=b": "a=b"} {
		if got := neutralize(in); got != want {
			t.Errorf("neutralize(%q) = %q, want %q", in, got, want)
		}
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
	if err := json.Unmarshal(files[SchemaPath], &schema); err != nil {
		t.Fatalf("%s: %v", SchemaPath, err)
	}
	items := schema.Properties.Units.Items
	if len(items.Properties) != len(CSVHeader) {
		t.Errorf("schema has %d unit properties, the CSV %d columns", len(items.Properties), len(CSVHeader))
	}
	for _, p := range []string{DataPath("", "json"), DataPath("14", "json")} {
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

// TestFieldTexts checks that the data page describes every field in every language.
func TestFieldTexts(t *testing.T) {
	for _, lang := range model.Languages {
		l, err := i18n.Load(lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range schemaFields {
			if _, err := l.T("data.field." + f.name); err != nil {
				t.Error(err)
			}
		}
	}
}

// TestEmbeds checks that each current unit and province has an embed in each language,
// without the site's header and navigation, and that each page's snippet frames a page that
// was written.
func TestEmbeds(t *testing.T) {
	files, err := Site(site(), Options{Maps: maps(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range model.Languages {
		for _, p := range []string{EmbedUnitPath(lang, "03664"), EmbedProvincePath(lang, "14")} {
			b, ok := files[p+"index.html"]
			if !ok {
				t.Errorf("no embed %s", p)
				continue
			}
			s := string(b)
			for _, bad := range []string{"<header", "<nav", "<footer"} {
				if strings.Contains(s, bad) {
					t.Errorf("%s has %s", p, bad)
				}
			}
			if !strings.Contains(s, `target="_blank" rel="noopener"`) {
				t.Errorf("%s has no link to the full page in a new tab", p)
			}
		}
	}
	for _, page := range []string{"xa/03664/index.html", "tinh/14/index.html", "en/xa/03664/index.html", "en/tinh/14/index.html"} {
		s := string(files[page])
		i := strings.Index(s, "&lt;iframe src=&#34;")
		if i < 0 {
			t.Errorf("%s has no embed snippet", page)
			continue
		}
		src := s[i+len("&lt;iframe src=&#34;"):]
		src = src[:strings.Index(src, "&#34;")]
		p, ok := strings.CutPrefix(src, "https://example.org/atlas/")
		if _, built := files[p+"index.html"]; !ok || !built {
			t.Errorf("%s: snippet frames %s, which was not written", page, src)
		}
		if !strings.Contains(s, "/assets/embed.js&#34;") || files[embedScript] == nil {
			t.Errorf("%s: snippet's script missing or not written", page)
		}
	}
}

// TestRowFields checks that DataRow's JSON names, its CSV cells and the schema's fields are
// the same, in the same order.
func TestRowFields(t *testing.T) {
	var names []string
	rt := reflect.TypeOf(DataRow{})
	for i := 0; i < rt.NumField(); i++ {
		if tag := rt.Field(i).Tag.Get("json"); tag != "" {
			names = append(names, strings.Split(tag, ",")[0])
		}
	}
	if !reflect.DeepEqual(names, CSVHeader) {
		t.Errorf("DataRow's fields %q, CSV header %q", names, CSVHeader)
	}
	if n := len((&DataRow{}).cells()); n != len(CSVHeader) {
		t.Errorf("a row has %d cells, the header %d", n, len(CSVHeader))
	}
}
