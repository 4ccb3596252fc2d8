package write

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// snapshot returns every file and folder under dir: slash-separated relative paths mapped to
// the file's bytes, or to "<dir>" for a folder.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel] = "<dir>"
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// entries lists the names in dir but the lock file of an output folder public, which stays
// beside it.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		if e.Name() != LockName("public") {
			names = append(names, e.Name())
		}
	}
	return names
}

func TestTreeFresh(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "nested", "public")
	files := map[string][]byte{
		"index.html":             []byte("<h1>Sơn La</h1>"),
		"units/03646/index.html": []byte("Tô Hiệu"),
		"static/site.css":        []byte("body{}"),
		"empty.txt":              {},
	}
	if err := tree(out, files); err != nil {
		t.Fatalf("Tree: %v", err)
	}
	want := map[string]string{
		".":                      "<dir>",
		"index.html":             "<h1>Sơn La</h1>",
		"units":                  "<dir>",
		"units/03646":            "<dir>",
		"units/03646/index.html": "Tô Hiệu",
		"static":                 "<dir>",
		"static/site.css":        "body{}",
		"empty.txt":              "",
	}
	if got := snapshot(t, out); !maps.Equal(got, want) {
		t.Errorf("out:\n got %q\nwant %q", got, want)
	}
	if got := entries(t, filepath.Dir(out)); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside out: %q, want only public", got)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o755 {
		t.Errorf("out mode = %v, want 0755", perm)
	}
}

func TestTreeEmpty(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := tree(out, nil); err != nil {
		t.Fatalf("Tree: %v", err)
	}
	if got := snapshot(t, out); !maps.Equal(got, map[string]string{".": "<dir>"}) {
		t.Errorf("out = %q, want an empty folder", got)
	}
}

func TestTreeReplaces(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := tree(out, map[string][]byte{
		"index.html":       []byte("old home"),
		"stale.html":       []byte("stale"),
		"units/old/a.html": []byte("stale unit"),
	}); err != nil {
		t.Fatalf("first Tree: %v", err)
	}
	// A file put there by hand goes too: out is the rendered site and nothing else.
	if err := os.WriteFile(filepath.Join(out, "by-hand.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := tree(out, map[string][]byte{
		"index.html":       []byte("new home"),
		"units/new/a.html": []byte("new unit"),
	}); err != nil {
		t.Fatalf("second Tree: %v", err)
	}
	want := map[string]string{
		".":                "<dir>",
		"index.html":       "new home",
		"units":            "<dir>",
		"units/new":        "<dir>",
		"units/new/a.html": "new unit",
	}
	if got := snapshot(t, out); !maps.Equal(got, want) {
		t.Errorf("out:\n got %q\nwant %q", got, want)
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside out: %q, want only public", got)
	}
}

func TestTreeFailureKeepsOld(t *testing.T) {
	bad := []struct {
		name  string
		files map[string][]byte
	}{
		{"parent", map[string][]byte{"a.html": []byte("a"), "../x": []byte("escape")}},
		{"nested parent", map[string][]byte{"a/../../x": []byte("escape"), "b.html": []byte("b")}},
		{"absolute", map[string][]byte{"/tmp/x": []byte("escape")}},
		{"empty path", map[string][]byte{"": []byte("nameless")}},
		{"file and folder", map[string][]byte{"a": []byte("file"), "a/b.html": []byte("under a file")}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			if err := tree(out, map[string][]byte{
				"index.html":        []byte("old home"),
				"units/03646.html":  []byte("Tô Hiệu"),
				"static/site.css":   []byte("body{}"),
				"zzz/deep/last.txt": []byte("last"),
			}); err != nil {
				t.Fatalf("first Tree: %v", err)
			}
			before := snapshot(t, out)
			err := tree(out, tt.files)
			if err == nil {
				t.Fatalf("Tree(%q) succeeded; want an error", slices.Sorted(maps.Keys(tt.files)))
			}
			if strings.Contains(tt.name, "parent") && !strings.Contains(err.Error(), "would leave the output folder") {
				t.Errorf("error = %q, want it to say the path would leave the output folder", err)
			}
			if after := snapshot(t, out); !maps.Equal(after, before) {
				t.Errorf("out changed:\nbefore %q\n after %q", before, after)
			}
			if got := entries(t, parent); !slices.Equal(got, []string{"public"}) {
				t.Errorf("beside out: %q, want only public (no temporary folders, nothing escaped)", got)
			}
		})
	}
}

func TestTreeFailureWithoutOld(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := tree(out, map[string][]byte{"../x": nil}); err == nil {
		t.Fatal("Tree succeeded; want an error")
	}
	if got := entries(t, parent); len(got) != 0 {
		t.Errorf("parent holds %q, want nothing", got)
	}
}

// tree is Tree with default options.
func tree(out string, files map[string][]byte) error { return Tree(out, files, Options{}) }

func TestTreeExchangeLeavesNoOldTree(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	for i, body := range []string{"one", "two", "three"} {
		if err := tree(out, map[string][]byte{"index.html": []byte(body)}); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		if got := entries(t, parent); !slices.Equal(got, []string{"public"}) {
			t.Fatalf("build %d left %q beside the output", i, got)
		}
		if got := snapshot(t, out); got["index.html"] != body {
			t.Fatalf("build %d: index.html = %q", i, got["index.html"])
		}
	}
}

func TestTreeRemovesStalePartialTrees(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	stale := filepath.Join(parent, ".public.new-123")
	if err := os.MkdirAll(filepath.Join(stale, "tin"), 0o755); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(parent, ".other.new-1") // belongs to another output folder
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := tree(out, map[string][]byte{"a": []byte("a")}); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, parent); !slices.Equal(got, []string{".other.new-1", "public"}) {
		t.Fatalf("after the build: %q", got)
	}
}

func TestTreeModTime(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	when := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	files := map[string][]byte{"index.html": []byte("x"), "units/04075/index.html": []byte("y")}
	if err := Tree(out, files, Options{ModTime: when}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{".", "index.html", "units", "units/04075", "units/04075/index.html"} {
		st, err := os.Stat(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		if !st.ModTime().Equal(when) {
			t.Errorf("%s: modified %v, want %v", p, st.ModTime(), when)
		}
	}
}

func TestWriterConcurrentPutsAndAbort(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Tree(out, map[string][]byte{"keep.html": []byte("k")}, Options{}); err != nil {
		t.Fatal(err)
	}
	w, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				if err := w.Put(fmt.Sprintf("d%d/p%d/index.html", j%5, i*100+j), []byte("x")); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := w.Put("d0/p0/index.html", []byte("again")); err == nil {
		t.Error("a path put twice was not refused")
	}
	w.Abort()
	if got := snapshot(t, out); !maps.Equal(got, map[string]string{".": "<dir>", "keep.html": "k"}) {
		t.Errorf("after Abort the old tree is %v", got)
	}
	if names := entries(t, filepath.Dir(out)); !slices.Equal(names, []string{"public"}) {
		t.Errorf("after Abort the parent holds %v", names)
	}
	if err := w.Put("late.html", nil); err == nil {
		t.Error("Put after Abort was not refused")
	}
}
