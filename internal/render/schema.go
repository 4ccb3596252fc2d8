package render

import (
	"encoding/json"

	"github.com/ntm-atlas/atlas/internal/i18n"
)

// schemaField is one property of a unit in the JSON Schema of the downloads.
type schemaField struct {
	name, typ string
	enum      []string
}

// schemaFields are a unit's properties and their JSON types, in CSVHeader's order. Their
// descriptions are the data page's, data.field.<name> in the i18n files; the schema takes the
// English ones.
var schemaFields = []schemaField{
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
	{"source_url", "string", nil},
	{"status", "string", nil},
	{"status_text", "string", nil},
	{"formers_eligible", "integer", nil},
	{"formers_recognized", "integer", nil},
	{"url", "string", nil},
	{"data_as_of", "string", nil},
}

// schemaRequired are the properties every unit has.
var schemaRequired = []string{"code", "name", "type", "province", "province_name", "period", "url", "data_as_of"}

// schema returns the JSON Schema (draft 2020-12) of the JSON downloads, with its own URL as
// its $id.
func (r *renderer) schema() []byte {
	en := r.english()
	props := map[string]any{}
	for _, f := range schemaFields {
		p := map[string]any{"type": f.typ, "description": en.Phrase("data.field." + f.name)}
		if f.enum != nil {
			p["enum"] = f.enum
		}
		props[f.name] = p
	}
	s := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         r.abs(SchemaPath),
		"title":       "NTM Atlas units, version 1",
		"description": "Current and former commune-level units of the NTM Atlas with their New Rural Development level. One file per province (data/tinh-<code>.json) and one for the whole atlas (data/atlas.json).",
		"type":        "object",
		"required":    []string{"$schema", "version", "data_as_of", "units"},
		"properties": map[string]any{
			"$schema":    map[string]any{"type": "string", "description": "This schema's URL."},
			"version":    map[string]any{"const": schemaVersion},
			"data_as_of": map[string]any{"type": "string", "description": "The date of the newest data in the atlas (YYYY-MM-DD)."},
			"province":   map[string]any{"type": "string", "description": "The province code of a province's file; absent in the whole atlas's."},
			"units": map[string]any{"type": "array", "items": map[string]any{
				"type":                 "object",
				"required":             schemaRequired,
				"additionalProperties": false,
				"properties":           props,
			}},
		},
	}
	b, _ := json.MarshalIndent(s, "", " ")
	return append(b, '\n')
}

// english is the English locale, or the first when the site has none: the schemas'
// descriptions are in English.
func (r *renderer) english() *i18n.Locale {
	en := r.locs[0]
	for _, l := range r.locs {
		if l.Lang() == "en" {
			en = l
		}
	}
	return en
}
