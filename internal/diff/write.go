package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/ntm-atlas/atlas/internal/status"

	"github.com/ntm-atlas/atlas/internal/model"
)

// Format is an output format of a report.
type Format int

// The formats.
const (
	Text     Format = iota // for a terminal
	Markdown               // GitHub-flavoured Markdown, for a pull request's job summary
	JSON                   // the Report as one JSON document
)

// ParseFormat parses the name of a format: text, markdown or json.
func ParseFormat(s string) (Format, error) {
	switch s {
	case "text":
		return Text, nil
	case "markdown":
		return Markdown, nil
	case "json":
		return JSON, nil
	}
	return Text, fmt.Errorf("unknown format %q (want text, markdown or json)", s)
}

// WriteOptions say how to write a report.
type WriteOptions struct {
	// BaseURL, when set, is the address of the new atlas (a deploy preview): pages are linked
	// there. Without it, pages are named by their paths.
	BaseURL string
	// MaxItems bounds each list of the Markdown (a job summary holds 1 MiB): the rest are
	// counted, and the JSON lists them all. 0 means 200.
	MaxItems int
}

// Write writes r to w in format f.
func Write(w io.Writer, r *Report, f Format, o WriteOptions) error {
	if o.MaxItems <= 0 {
		o.MaxItems = 200
	}
	switch f {
	case Markdown:
		return writeMarkdown(w, r, o)
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	return writeText(w, r, o)
}

// url is the address of the site path p: below the base URL, or "/p" without one.
func (o WriteOptions) url(p string) string {
	if o.BaseURL == "" {
		return "/" + p
	}
	return model.URL(o.BaseURL, p)
}

// countLabel says what a Count counts, in a few words.
func countLabel(what string) string {
	kind, arg, _ := strings.Cut(what, ":")
	switch kind {
	case "units":
		return "units"
	case "former_units":
		return "former units"
	case "sourced":
		return "provinces with a sourced figure"
	case "class":
		return classWords(arg)
	case "met":
		return "communes met, " + map[string]string{"own": "own recognition", "district": "district's recognition", "province": "province's recognition"}[arg]
	case "level":
		return "communes at " + arg
	case "own_at_least":
		return "communes ≥ " + arg + " (own)"
	case "area_at_least":
		return "communes ≥ " + arg + " (by area)"
	}
	return what
}

// classWords says which units a map class holds, as the legend does, in a few words.
func classWords(class string) string {
	switch status.Class(class) {
	case status.FormerAll:
		return "units whose former communes all met the standard"
	case status.FormerSome:
		return "units some of whose former communes met the standard"
	case status.AreaAll:
		return "units whose former communes all met it, some by area"
	case status.AreaSome:
		return "units some of whose former communes met it, some by area"
	case status.NoData:
		return "units with no data"
	case status.NotCovered:
		return "units of wards and townships only, which the programme does not cover"
	}
	if rank, ok := strings.CutPrefix(class, "rank-"); ok {
		return "units assessed at rank " + rank
	}
	return "units " + class
}

// orNone is s, or "–" for nothing.
func orNone(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// unitFields are the parts of a unit's state that change, each before and after.
func unitFields(c UnitChange) []Field {
	var o, n UnitState
	if c.Old != nil {
		o = *c.Old
	}
	if c.New != nil {
		n = *c.New
	}
	return changed([]Field{
		{"class", o.Class, n.Class},
		{"status", o.Status, n.Status},
		{"level", o.Level, n.Level},
		{"criteria set", o.CriteriaSet, n.CriteriaSet},
		{"since", o.Since, n.Since},
	})
}

// formerFields are the parts of a former unit's state that change, each before and after.
func formerFields(c FormerChange) []Field {
	var o, n FormerState
	if c.Old != nil {
		o = *c.Old
	}
	if c.New != nil {
		n = *c.New
	}
	return changed([]Field{
		{"status", o.Status, n.Status},
		{"level", o.Level, n.Level},
		{"basis", o.Basis, n.Basis},
		{"since", o.Since, n.Since},
		{"criteria set", o.CriteriaSet, n.CriteriaSet},
		{"lost", o.Lost, n.Lost},
	})
}

func changed(fs []Field) []Field {
	var out []Field
	for _, f := range fs {
		if f.Old != f.New {
			out = append(out, f)
		}
	}
	return out
}

// presence says whether a unit is new or gone, or "" when it is on both sides.
func presence(old, new bool) string {
	switch {
	case !old:
		return Added
	case !new:
		return Removed
	}
	return ""
}
