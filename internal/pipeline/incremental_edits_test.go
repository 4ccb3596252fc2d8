package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIncrementalEditsMatchFresh edits a copy of the default site one input at a time — a
// former commune's recognition, a province's and the nation's milestones, a story's front
// matter and its body, a new and a removed story, a criteria set, the site's configuration, a
// layout of its own added and removed —
// and after each builds again with the same cache and output: the result must be byte for
// byte what a fresh build of the edited site writes, whatever the memo recalled and the
// standby tree kept, and must differ from the build before (the edit showed).
func TestIncrementalEditsMatchFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the fixture twenty times")
	}
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(site, "public"))
	out, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	if _, err := Run(Options{Site: site, Out: out, CacheDir: cache}); err != nil {
		t.Fatal(err)
	}
	story := filepath.Join("content", "stories", "son-la-muoi-nam-nong-thon-moi.md")
	replace := func(file, old, new string) func(t *testing.T) {
		return func(t *testing.T) {
			p := filepath.Join(site, file)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("%s has no %q", file, old)
			}
			if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	edits := []struct {
		name string
		edit func(t *testing.T)
	}{
		{"a recognition's year", replace(filepath.Join("content", "former", "03664.toml"), "year = 2015", "year = 2014")},
		{"a province milestone", replace(filepath.Join("content", "provinces", "14.toml"), "count = 16", "count = 17")},
		{"a national milestone", replace(filepath.Join("content", "nation.toml"), "count = 5360", "count = 5361")},
		{"a story's title", replace(story, `title = "Sơn La nhìn lại`, `title = "Sơn La nhìn lại kỹ`)},
		{"a story's units", replace(story, `units = ["03664", "03670", "03679"]`, `units = ["03664", "03679"]`)},
		{"a story's body", replace(story, "## Những con số", "Một đoạn mới.\n\n## Những con số")},
		{"a new story", func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(site, story))
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.Replace(b, []byte(`title = "Sơn La nhìn lại`), []byte(`title = "Bản sao: Sơn La nhìn lại`), 1)
			if err := os.WriteFile(filepath.Join(site, "content", "stories", "ban-sao.md"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a removed story", func(t *testing.T) {
			if err := os.Remove(filepath.Join(site, "content", "stories", "ban-sao.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{"a criteria set", replace(filepath.Join("content", "criteria", "2026-2030.toml"), "Có hiệu lực từ 15/02/2026.", "Có hiệu lực từ ngày 15/02/2026.")},
		{"the site's description", replace("atlas.toml", `description = "Các xã, phường`, `description = "Mọi xã, phường`)},
		{"a layout of the site's own", func(t *testing.T) {
			if err := os.MkdirAll(filepath.Join(site, "layouts"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(site, "layouts", "404.html"), []byte(`{{define "main"}}<p>Không có trang này.</p>{{end}}`), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"the site's layout removed", func(t *testing.T) {
			if err := os.Remove(filepath.Join(site, "layouts", "404.html")); err != nil {
				t.Fatal(err)
			}
		}},
	}
	before := readTree(t, out)
	for _, e := range edits {
		t.Run(strings.ReplaceAll(e.name, " ", "_"), func(t *testing.T) {
			e.edit(t)
			if _, err := Run(Options{Site: site, Out: out, CacheDir: cache}); err != nil {
				t.Fatal(err)
			}
			got := matchesFresh(t, site, out)
			changed := 0
			for p, b := range got {
				if !bytes.Equal(before[p], b) {
					changed++
				}
			}
			if changed == 0 && len(got) == len(before) {
				t.Error("the edit changed no file")
			}
			t.Logf("%d files changed", changed)
			before = got
		})
	}
}
