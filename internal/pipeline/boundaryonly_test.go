package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// TestBoundaryOnlySite builds what a new user has before any status file: the boundaries,
// atlas.toml, a province file and the criteria sets. Every boundary must be drawn and get its
// page, as "no data", with no warning per boundary.
func TestBoundaryOnlySite(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"units", "former", "stories"} {
		if err := os.RemoveAll(filepath.Join(site, "content", d)); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(site, "public")
	res, err := Run(Options{Site: site, Cache: testCache})
	if err != nil {
		t.Fatalf("a boundary-only site does not build:\n%v", err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "status file") {
			t.Errorf("warning: %v", w)
		}
	}
	home, err := os.ReadFile(outFile(out, model.PageFile(model.ProvincePath("14"))))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(home), `<path class="no-data"`); n != 75 {
		t.Errorf("the province map draws %d units as no data, want all 75", n)
	}
	pages, _ := filepath.Glob(outFile(out, model.PageFile(model.UnitPath("*"))))
	if len(pages) != 75 {
		t.Errorf("%d unit pages, want 75", len(pages))
	}
	b, err := os.ReadFile(outFile(out, model.PageFile(model.UnitPath("03664"))))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Chiềng An") {
		t.Error("the unit page of 03664 does not carry the boundary's name")
	}
}
