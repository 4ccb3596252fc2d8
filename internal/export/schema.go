package export

import "encoding/json"

// A field is one column of a table download and one property of its JSON rows.
type field struct {
	name, typ string   // typ is the JSON Schema type: "string", "integer", "boolean", "array"
	enum      []string // the values it may take, when they are few
}

// names returns the fields' names, in order: a table's header.
func names(fs []field) []string {
	h := make([]string, len(fs))
	for i, f := range fs {
		h[i] = f.name
	}
	return h
}

// schemaDoc says what one JSON Schema describes: a JSON download holding, besides its
// $schema, version and data_as_of, an array of rows under list, each of the fields.
type schemaDoc struct {
	id, title, description string
	list                   string
	required               []string // of each row
	fields                 []field
	// describe gives a field's description, from the i18n strings.
	describe func(name string) string
	// extra are more top-level properties: name → its schema.
	extra map[string]any
}

// schema returns the JSON Schema (draft 2020-12) of a JSON download, with its own URL as
// its $id. Every schema of the downloads is built by it.
func schema(d schemaDoc) []byte {
	props := map[string]any{}
	for _, f := range d.fields {
		p := map[string]any{"type": f.typ, "description": d.describe(f.name)}
		if f.typ == "array" {
			p["items"] = map[string]any{"type": "string"}
		}
		if f.enum != nil {
			p["enum"] = f.enum
		}
		props[f.name] = p
	}
	top := map[string]any{
		"$schema":    map[string]any{"type": "string", "description": "This schema's URL."},
		"version":    map[string]any{"const": schemaVersion},
		"data_as_of": map[string]any{"type": "string", "description": "The date of the newest data in the atlas (YYYY-MM-DD)."},
		d.list: map[string]any{"type": "array", "items": map[string]any{
			"type":                 "object",
			"required":             d.required,
			"additionalProperties": false,
			"properties":           props,
		}},
	}
	for k, v := range d.extra {
		top[k] = v
	}
	s := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         d.id,
		"title":       d.title,
		"description": d.description,
		"type":        "object",
		"required":    []string{"$schema", "version", "data_as_of", d.list},
		"properties":  top,
	}
	b, _ := json.MarshalIndent(s, "", " ")
	return append(b, '\n')
}
