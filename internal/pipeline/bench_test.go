package pipeline

import (
	"path/filepath"
	"testing"
)

// BenchmarkLoad measures reading and validating the default site.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, _, err := Load(defaultSite); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender measures deriving, drawing the maps and rendering every page, in memory.
func BenchmarkRender(b *testing.B) {
	site, _, err := Load(defaultSite)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Render(site, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun measures a whole build of the default site, written to disk.
func BenchmarkRun(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if _, err := Run(Options{Site: defaultSite, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
