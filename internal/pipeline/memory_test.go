package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// TestMemoryMatchesBuild: every file a Session renders from memory is byte for byte the file a
// build of the same input writes, for each kind of page in both languages, on the Sơn La
// fixture as it is and after an edit of a status file and of a story.
func TestMemoryMatchesBuild(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(site, "public"))
	out, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	sess := NewSession(Options{Site: site, CacheDir: cache})

	kinds := []struct{ name, path string }{
		{"home", "index.html"},
		{"province", model.PageFile(model.ProvincePath("14"))},
		{"unit", model.PageFile(model.UnitPath("03664"))},
		{"former unit", model.PageFile(model.FormerPath("03664"))},
		{"story", model.PageFile(model.StoryPath("son-la-muoi-nam-nong-thon-moi"))},
		{"locator background", model.LocatorPath("14")},
	}
	check := func(when string) {
		t.Helper()
		if _, err := Run(Options{Site: site, Out: out, CacheDir: cache}); err != nil {
			t.Fatal(err)
		}
		m, err := sess.Prepare()
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range kinds {
			for _, lang := range model.Languages {
				p := model.LanguageDir(lang) + k.path
				if k.name == "locator background" && lang != model.Languages[0] {
					continue // one for every language
				}
				t.Run(when+"/"+k.name+"/"+lang, func(t *testing.T) {
					if !m.Pages.Has(p) {
						t.Fatalf("%s is not rendered from memory", p)
					}
					got, ok, err := m.Pages.File(p)
					if err != nil || !ok {
						t.Fatalf("%s: %v, %v", p, ok, err)
					}
					want, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(got, want) {
						t.Errorf("%s from memory (%d bytes) is not the built file (%d bytes)", p, len(got), len(want))
					}
				})
			}
		}
		// Every other file it renders, too.
		var all []string
		filepath.WalkDir(out, func(f string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(out, f)
				all = append(all, filepath.ToSlash(rel))
			}
			return nil
		})
		sort.Strings(all)
		n := 0
		for _, p := range all {
			if !m.Pages.Has(p) {
				continue
			}
			n++
			got, _, err := m.Pages.File(p)
			want, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: %s from memory is not the built file (%v)", when, p, err)
			}
		}
		t.Logf("%s: %d of %d files rendered from memory, each the built file", when, n, len(all))
	}
	check("as it is")

	edit := func(file, old, new string) {
		t.Helper()
		f := filepath.Join(site, filepath.FromSlash(file))
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s holds no %q", file, old)
		}
		if err := os.WriteFile(f, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		sess.Changed(f)
	}
	edit("content/units/03664.toml", "province = \"14\"\n", "province = \"14\"\n\n[[assessments]]\ncriteria_set = \"2021-2025\"\nas_of = 2024-05-01\nlevel = \"standard\"\nsource_url = \"https://example.vn/a\"\n")
	edit("content/stories/son-la-muoi-nam-nong-thon-moi.md", "## Những con số", "## Những con số đã được công bố")
	check("after an edit")
}

// TestSessionChanged: a changed file is dropped from the session's memory whether the watcher
// names it by an absolute path or one relative to the current folder (a site given as -s
// full), and nothing else is.
func TestSessionChanged(t *testing.T) {
	for _, site := range []string{"testdata/x", "/abs/site"} {
		s := NewSession(Options{Site: site, NoCache: true})
		s.contents.Put("content/units/1.toml", nil)
		s.contents.Put("content/units/2.toml", nil)
		s.Changed(filepath.Join(site, "content", "units", "1.toml"), filepath.Join(site, "..", "other.toml"))
		if _, ok := s.contents.Get("content/units/1.toml"); ok {
			t.Errorf("site %s: the changed file is still kept", site)
		}
		if _, ok := s.contents.Get("content/units/2.toml"); !ok {
			t.Errorf("site %s: an unchanged file was dropped", site)
		}
	}
}
