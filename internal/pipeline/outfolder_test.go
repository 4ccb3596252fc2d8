package pipeline

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/write"
)

// everything returns every file, folder and symbolic link under dir, hidden ones included:
// slash-separated relative paths mapped to the file's bytes, "<dir>" or "<link to TARGET>".
func everything(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			out[rel] = "<link to " + target + ">"
		case d.IsDir():
			out[rel] = "<dir>"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOutputFolderRefused: a build refuses an output folder that is the site folder, lies in
// a folder the build reads, holds the site, or holds files no build wrote, with an error that
// says how to go on, and leaves every byte of the site and of the folder as it was (issue 30:
// -o SITE/content used to wipe the site's data and exit 0). The site's public/ and an empty
// folder are taken.
func TestOutputFolderRefused(t *testing.T) {
	base := t.TempDir()
	home := filepath.Join(base, "home")
	site := filepath.Join(home, "site")
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(site, "layouts"), 0o755)
	os.WriteFile(filepath.Join(site, "layouts", "README.txt"), []byte("my layouts"), 0o644)
	docs := filepath.Join(home, "Documents")
	os.MkdirAll(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "report.odt"), []byte("uncommitted work"), 0o644)
	os.Symlink(filepath.Join(site, "content"), filepath.Join(home, "content-link"))

	before := everything(t, base)
	for _, tt := range []struct{ name, out, want string }{
		{"the site folder", site, "is the site folder"},
		{"the site folder by a relative path", filepath.Join(site, "content", ".."), "is the site folder"},
		{"content/", filepath.Join(site, "content"), "which the build reads"},
		{"content/units/", filepath.Join(site, "content", "units"), "lies inside"},
		{"a new folder in content/", filepath.Join(site, "content", "public"), "lies inside"},
		{"content/ through a link", filepath.Join(home, "content-link"), "which the build reads"},
		{"geo/", filepath.Join(site, "geo"), "which the build reads"},
		{"layouts/", filepath.Join(site, "layouts"), "which the build reads"},
		{"an ancestor of the site", home, "holds the site folder"},
		{"a folder of someone's documents", docs, "not empty, and holds no earlier build"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(Options{Site: site, Out: tt.out, Cache: testCache})
			var oe *write.OutError
			if !errors.As(err, &oe) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "hoose another") {
				t.Errorf("build into %s: %v\nwant a refusal that says %q and how to go on", tt.out, err, tt.want)
			}
			if after := everything(t, base); !maps.Equal(before, after) {
				for p := range maps.Keys(before) {
					if before[p] != after[p] {
						t.Errorf("%s changed", p)
						break
					}
				}
				for p := range maps.Keys(after) {
					if _, ok := before[p]; !ok {
						t.Errorf("%s was created", p)
						break
					}
				}
			}
			if all, err := Check(Options{Site: site, Cache: testCache}); err != nil {
				t.Fatalf("the site no longer checks: %v", all)
			}
		})
	}
	empty := filepath.Join(base, "empty")
	os.Mkdir(empty, 0o755)
	for _, out := range []string{filepath.Join(site, "public"), empty, empty} {
		if _, err := Run(Options{Site: site, Out: out, Cache: testCache}); err != nil {
			t.Errorf("build into %s: %v", out, err)
		}
	}
}
