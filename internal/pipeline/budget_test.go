package pipeline

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"

	"github.com/ntm-atlas/atlas/internal/budget"
)

// TestBudgetDefaultSite builds the default site and checks that the build weighed it: every
// unit page under 30 KB with its CSS and JS, the province map pages under 100 KB, all
// JavaScript under 20 KB, gzipped.
func TestBudgetDefaultSite(t *testing.T) {
	site, _, err := Load(defaultSite)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(Options{Site: defaultSite, Out: filepath.Join(t.TempDir(), "public"), Cache: testCache})
	if err != nil {
		t.Fatal(err)
	}
	w := res.Weights
	if w == nil {
		t.Fatal("the build reports no weights")
	}
	t.Log(w)
	byName := map[string]budget.Heaviest{}
	for _, h := range w.Heaviest {
		byName[h.Budget.Name] = h
	}
	unit, prov := byName["unit page"], byName["province map page"]
	if want := 2 * len(site.Units); unit.Pages != want {
		t.Errorf("the unit budget covers %d pages, want %d (every unit, in both languages)", unit.Pages, want)
	}
	if unit.Weight.Total == 0 || unit.Weight.Total > 30_000 {
		t.Errorf("heaviest unit page %s weighs %d bytes, want 1–30,000", unit.Weight.Page, unit.Weight.Total)
	}
	// Home and each province, and the nation's and each province's year pages, 2011–2024
	// (the fixture's data ends in 2024), in both languages.
	years := status.Derive(site).LastYear() - status.FirstYear + 1
	if want := 2 * (1 + len(site.Provinces)) * (1 + years); prov.Pages != want {
		t.Errorf("the province map budget covers %d pages, want %d (home, province and year pages, both languages)", prov.Pages, want)
	}
	if prov.Weight.Total == 0 || prov.Weight.Total > 100_000 {
		t.Errorf("heaviest province map page %s weighs %d bytes, want 1–100,000", prov.Weight.Page, prov.Weight.Total)
	}
	if w.Scripts == 0 || w.Script > 20_000 {
		t.Errorf("JavaScript: %d file(s), %d bytes gzipped; want the map's script, under 20,000", w.Scripts, w.Script)
	}
}

// TestBudgetFailsBuild gives the default site a stylesheet too heavy for the unit budget: the
// check fails and names a unit page, its weight and the budget.
func TestBudgetFailsBuild(t *testing.T) {
	site := copyDefault(t)
	heavy := make([]byte, 40_000)
	rand.Read(heavy)
	css := filepath.Join(site, "layouts", "assets", "atlas.css")
	if err := os.MkdirAll(filepath.Dir(css), 0o755); err != nil {
		t.Fatal(err)
	}
	// Random bytes written as hex: gzip halves them at best, still over 30 KB.
	if err := os.WriteFile(css, []byte("/*"+hex.EncodeToString(heavy)+"*/"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Check(Options{Site: site, Cache: testCache})
	if err == nil {
		t.Fatal("a build with 40 KB of incompressible CSS passed its budgets")
	}
	for _, want := range []string{model.PageFile(model.UnitPath("03646")) + ": error: unit page weighs", "over the unit page budget of 30.0 KB"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%.2000s", want, err)
		}
	}
}
