package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// axePages are the pages axe-core checks, each at both viewports. Add a page with one line.
var axePages = []struct {
	name string
	path string // relative to the site's root; "" is the home page; the build must write it
}{
	{name: "home", path: ""},
	{name: "province", path: model.ProvincePath("14")},
	{name: "unit", path: model.UnitPath("03664")},
	{name: "former-unit", path: model.FormerPath("03649")},
	{name: "story", path: model.StoryPath("son-la-muoi-nam-nong-thon-moi")},
	{name: "criteria", path: model.CriteriaDir},
	{name: "criteria-set", path: model.CriteriaPath("2021-2025")},
	{name: "criterion", path: model.CriterionPath("2026-2030", "1")},
	{name: "units-a-z", path: model.UnitsDir},
	{name: "en-home", path: enDir},
	{name: "en-province", path: enDir + model.ProvincePath("14")},
	{name: "en-unit", path: enDir + model.UnitPath("03664")},
	{name: "en-former-unit", path: enDir + model.FormerPath("03649")},
	{name: "en-story", path: enDir + model.StoryPath("son-la-muoi-nam-nong-thon-moi")},
	{name: "en-criteria", path: enDir + model.CriteriaDir},
	{name: "en-criterion", path: enDir + model.CriterionPath("2026-2030", "10")},
	{name: "en-units-a-z", path: enDir + model.UnitsDir},
	{name: "year", path: model.YearPath(2020)},
	{name: "en-year", path: enDir + model.YearPath(2020)},
	{name: "years", path: model.YearsDir},
	{name: "en-years", path: enDir + model.YearsDir},
	{name: "province-year", path: model.ProvincePath("14") + model.YearPath(2020)},
	{name: "en-province-year", path: enDir + model.ProvincePath("14") + model.YearPath(2020)},
	{name: "province-years", path: model.ProvincePath("14") + model.YearsDir},
	{name: "data", path: model.DataPageDir},
	{name: "en-data", path: enDir + model.DataPageDir},
	{name: "sources", path: model.SourcesDir},
	{name: "en-sources", path: enDir + model.SourcesDir},
	{name: "search", path: model.SearchDir},
	{name: "en-search", path: enDir + model.SearchDir},
}

// violation is one failed axe rule, as axe.run reports it, reduced to what a reader needs.
type violation struct {
	ID, Impact, Help, HelpURL string
	Nodes                     []struct{ Target, Summary string }
}

// axeResult is what axeRunJS gives: how many rules passed, and the violations.
type axeResult struct {
	Passes     int
	Violations []violation
}

// axeRunJS runs axe-core with its default rules, none disabled.
const axeRunJS = `axe.run(document, {resultTypes: ["violations"]}).then(r => ({
	Passes: r.passes.length,
	Violations: r.violations.map(v => ({
		ID: v.id, Impact: v.impact || "", Help: v.help, HelpURL: v.helpUrl,
		Nodes: v.nodes.map(n => ({Target: n.target.map(String).join(" "), Summary: n.failureSummary || ""})),
	})),
}))`

// TestAxe runs axe-core (pinned in package.json, installed by npm ci) on each page of axePages
// at desktop and phone sizes, and on the desktop in the dark colour scheme too (its contrast
// rules check the dark palette), and reports every violation.
func TestAxe(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is not installed (run npm ci): %v", err)
		}
		t.Skip("axe-core is not installed; run `npm ci` to enable this test")
	}
	site(t)
	for _, pg := range axePages {
		t.Run(pg.name, func(t *testing.T) {
			file := filepath.Join(shared.out, filepath.FromSlash(pg.path), "index.html")
			if _, err := os.Stat(file); err != nil {
				t.Fatalf("the build wrote no %sindex.html", pg.path)
			}
			for _, vp := range []viewport{desktop, phone, darkDesktop} {
				t.Run(vp.name, func(t *testing.T) {
					p := open(t, pg.path, vp)
					// The last expression's value would be axe itself; give true instead.
					eval[bool](p, string(src)+"\n;true")
					r := eval[axeResult](p, axeRunJS)
					if r.Passes == 0 {
						t.Error("axe-core ran no rule that passed: did it run at all?")
					}
					if vs := r.Violations; len(vs) > 0 {
						t.Errorf("axe-core reports %d violation(s) on /%s:\n%s", len(vs), pg.path, formatViolations(vs))
					}
				})
			}
		})
	}
}

// formatViolations lists violations one rule a paragraph, one target a line.
func formatViolations(vs []violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "%s (%s): %s\n  %s\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "  - %s\n", n.Target)
			for line := range strings.SplitSeq(n.Summary, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					fmt.Fprintf(&b, "      %s\n", line)
				}
			}
		}
	}
	return b.String()
}
