package diff

import (
	"io"
	"testing"

	"github.com/ntm-atlas/atlas/internal/pipeline"
)

// BenchmarkCompare measures comparing the Sơn La fixture with itself and writing the report
// in each format: the part of atlas diff after reading both sites (bench/diff.sh times the
// whole command on the national site).
func BenchmarkCompare(b *testing.B) {
	d, err := pipeline.Derive(pipeline.Options{Site: "../../testdata/son-la", CacheDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		r, err := Compare(d.Atlas, d.Atlas, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range []Format{Text, Markdown, JSON} {
			if err := Write(io.Discard, r, f, WriteOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
