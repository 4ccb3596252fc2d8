package pipeline

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// The national output's weight (issue 28). The goal is 300 MB; until the cuts that reach it
// land, maxOutput is a ratchet a little above the measured output (388.6 MB late on
// 2026-12-07, 430.2 MB earlier that night, 537.4 MB that morning; docs/performance.md), so that the output cannot
// grow unnoticed: lower it with every cut, down to outputGoal. The share cards have their
// own limit, met (39.2 MB).
const (
	outputGoal = 300e6
	maxOutput  = 400e6
	maxCards   = 100e6
)

// TestOutputSizeBuilt sums the bytes of the national build (ATLAS_BUILT_SITE), logs them by
// page family and language, and fails when the whole exceeds maxOutput or the cards
// maxCards.
func TestOutputSizeBuilt(t *testing.T) {
	dir := builtSite(t)
	sizes := map[string]int64{}
	var total, cards int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		n := info.Size()
		total += n
		if strings.HasSuffix(rel, ".png") {
			cards += n
		}
		sizes[outputFamily(rel)] += n
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	families := make([]string, 0, len(sizes))
	for f := range sizes {
		families = append(families, f)
	}
	slices.SortFunc(families, func(a, b string) int { return int(sizes[b] - sizes[a]) })
	var report strings.Builder
	for _, f := range families {
		fmt.Fprintf(&report, "%8.1f MB  %s\n", mb(sizes[f]), f)
	}
	t.Logf("output %.1f MB (goal %.0f MB, limit %.0f MB), cards %.1f MB:\n%s", mb(total), mb(outputGoal), mb(maxOutput), mb(cards), &report)
	if total > maxOutput {
		t.Errorf("the output weighs %.1f MB, over the limit of %.0f MB (the goal is %.0f MB)", mb(total), mb(maxOutput), mb(outputGoal))
	}
	if cards > maxCards {
		t.Errorf("the share cards weigh %.1f MB, over %.0f MB", mb(cards), mb(maxCards))
	}
}

// mb is n bytes in megabytes (10^6 bytes, as atlas build reports them).
func mb(n int64) float64 { return float64(n) / 1e6 }

// outputFamily names the page family of a built file, with its language: the top folder
// ("xa-cu/ vi"), a province's year pages apart from its other files, the cards apart from
// the pages.
func outputFamily(rel string) string {
	if strings.HasSuffix(rel, ".png") {
		return "cards (PNG)"
	}
	lang := model.Languages[0]
	for _, l := range model.Languages[1:] {
		if r, ok := strings.CutPrefix(rel, model.LanguageDir(l)); ok {
			lang, rel = l, r
		}
	}
	top, rest, ok := strings.Cut(rel, "/")
	f := top + "/"
	switch {
	case !ok:
		f = "top-level files"
	case f == model.ProvincesDir && strings.Contains(rest, "/"+model.YearsDir):
		f += "<code>/" + model.YearsDir + " (year pages and maps)"
	case f == model.ProvincesDir:
		f += " (province pages, lists, maps)"
	}
	return f + " " + lang
}
