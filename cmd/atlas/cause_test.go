package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// checkErrors runs atlas check on site and returns the errors it prints, in order.
func checkErrors(t *testing.T, site string) []string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-s", site}, &stdout, &stderr); code != exitData {
		t.Errorf("check: exit %d, want %d\n%s", code, exitData, stderr.String())
	}
	var errs []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if strings.Contains(l, ": error: ") {
			errs = append(errs, l)
		}
	}
	return errs
}

// writeFile replaces a site's file.
func writeFile(t *testing.T, site, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(name)), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

const boundaryFile = "geo/son-la-communes-2025.geojson"

// TestCauseFirst breaks one file of a copy of the default site in a way that used to bury
// its error under others that followed only from it, and checks that the cause is the one
// error printed: a truncated boundary file (not "unit … has no boundary" for each unit it did
// not give), a story whose front matter does not close (not its translation as orphaned too),
// and an empty TOML file (not "unit  has no name" and the like).
func TestCauseFirst(t *testing.T) {
	boundaries, err := os.ReadFile(filepath.Join("../../testdata/son-la", filepath.FromSlash(boundaryFile)))
	if err != nil {
		t.Fatal(err)
	}
	const story = "content/stories/son-la-muoi-nam-nong-thon-moi.md"
	tests := []struct {
		name   string
		break_ func(t *testing.T, site string)
		want   []string
	}{
		{"truncated GeoJSON", func(t *testing.T, site string) {
			writeFile(t, site, boundaryFile, boundaries[:2000000])
		}, []string{boundaryFile + ":1:2000001: error: invalid GeoJSON: unexpected end of input"}},
		{"truncated gzipped GeoJSON", func(t *testing.T, site string) {
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write(boundaries)
			zw.Close()
			writeFile(t, site, boundaryFile+".gz", gz.Bytes()[:gz.Len()/2])
			os.Remove(filepath.Join(site, filepath.FromSlash(boundaryFile)))
			edit(t, site, "atlas.toml", `"`+boundaryFile+`"`, `"`+boundaryFile+`.gz"`)
		}, []string{boundaryFile + ".gz: error: cannot decompress the gzipped boundary file: unexpected EOF"}},
		{"story front matter not closed", func(t *testing.T, site string) {
			edit(t, site, story, "\n+++\n\n", "\n++\n\n")
		}, []string{story + `:1:1: error: unterminated front matter: no closing "+++" line`}},
		{"story front matter in YAML", func(t *testing.T, site string) {
			b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(story)))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, site, story, append([]byte("---\ntitle: x\n---\n"), b...))
		}, []string{story + `:1:1: error: front matter is YAML ("---"); write it in TOML between "+++" lines`}},
		{"empty unit file", func(t *testing.T, site string) {
			writeFile(t, site, "content/units/03664.toml", nil)
		}, []string{"content/units/03664.toml:1:1: error: file is empty"}},
		{"blank former unit file", func(t *testing.T, site string) {
			writeFile(t, site, "content/former/03664.toml", []byte("\n  \n\t\n"))
		}, []string{"content/former/03664.toml:1:1: error: file is empty"}},
		{"unit file of comments only", func(t *testing.T, site string) {
			writeFile(t, site, "content/units/03664.toml", []byte("# Phường Chiềng An\n# code = \"03664\"\n"))
		}, []string{"content/units/03664.toml:1:1: error: file holds only comments, no keys"}},
		{"empty criteria set", func(t *testing.T, site string) {
			writeFile(t, site, "content/criteria/2010-2015.toml", nil)
		}, []string{"content/criteria/2010-2015.toml:1:1: error: file is empty"}},
		{"empty province file", func(t *testing.T, site string) {
			writeFile(t, site, "content/provinces/14.toml", nil)
		}, []string{"content/provinces/14.toml:1:1: error: file is empty"}},
		{"empty atlas.toml", func(t *testing.T, site string) {
			writeFile(t, site, "atlas.toml", nil)
		}, []string{"atlas.toml:1:1: error: file is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := copySite(t)
			tt.break_(t, site)
			want := tt.want
			if got := checkErrors(t, site); !slices.Equal(got, want) {
				t.Errorf("check reported:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			// A failed build caches what the boundary file decoded to; a check served from
			// that cache says the same.
			var stdout, stderr bytes.Buffer
			if code := run([]string{"build", "-s", site, "-o", filepath.Join(t.TempDir(), "public")}, &stdout, &stderr); code != exitData {
				t.Fatalf("build: exit %d, want %d", code, exitData)
			}
			if got := checkErrors(t, site); !slices.Equal(got, want) {
				t.Errorf("check after a build reported:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
