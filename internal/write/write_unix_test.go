//go:build unix

package write

import (
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// inode returns the file's inode number, or fails on systems that have none.
func inode(t *testing.T, p string) uint64 {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		t.Skip("no inode numbers here")
	}
	return sys.Ino
}

func TestWriterLinksUnchangedFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	when := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	first := map[string][]byte{"same.html": []byte("same"), "changed.html": []byte("old"), "grown.html": []byte("a"), "gone.html": []byte("x")}
	if err := Tree(out, first, Options{ModTime: when}); err != nil {
		t.Fatal(err)
	}
	before := map[string]uint64{}
	for p := range first {
		before[p] = inode(t, filepath.Join(out, p))
	}
	w, err := Begin(out, Options{ModTime: when})
	if err != nil {
		t.Fatal(err)
	}
	second := map[string][]byte{"same.html": []byte("same"), "changed.html": []byte("new"), "grown.html": []byte("ab"), "new/index.html": []byte("n")}
	for _, p := range slices.Sorted(maps.Keys(second)) {
		if err := w.Put(p, second[p]); err != nil {
			t.Fatal(err)
		}
	}
	if linked, written := w.Linked(); linked != 1 || written != 3 {
		t.Errorf("Linked() = %d, %d; want 1 linked (same.html), 3 written", linked, written)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := inode(t, filepath.Join(out, "same.html")); got != before["same.html"] {
		t.Errorf("same.html was written again (inode %d, was %d)", got, before["same.html"])
	}
	for _, p := range []string{"changed.html", "grown.html"} {
		if got := inode(t, filepath.Join(out, p)); got == before[p] {
			t.Errorf("%s kept its old file", p)
		}
	}
	want := map[string]string{".": "<dir>", "same.html": "same", "changed.html": "new", "grown.html": "ab", "new": "<dir>", "new/index.html": "n"}
	if got := snapshot(t, out); !maps.Equal(got, want) {
		t.Errorf("tree = %v, want %v", got, want)
	}
}

func TestWriterDoesNotLinkAcrossModTimes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Tree(out, map[string][]byte{"a": []byte("a")}, Options{ModTime: time.Unix(1e9, 0)}); err != nil {
		t.Fatal(err)
	}
	old := inode(t, filepath.Join(out, "a"))
	later := time.Unix(2e9, 0)
	if err := Tree(out, map[string][]byte{"a": []byte("a")}, Options{ModTime: later}); err != nil {
		t.Fatal(err)
	}
	if inode(t, filepath.Join(out, "a")) == old {
		t.Error("a file of another time was linked: its time would change in the old tree too")
	}
	if st, _ := os.Stat(filepath.Join(out, "a")); !st.ModTime().Equal(later) {
		t.Errorf("a modified %v, want %v", st.ModTime(), later)
	}
}

func TestWriterManifest(t *testing.T) {
	dir := t.TempDir()
	out, man := filepath.Join(dir, "public"), filepath.Join(dir, "cache", "manifest")
	when := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	opts := Options{ModTime: when, Manifest: man}
	files := map[string][]byte{"a.html": []byte("aaa"), "b/index.html": []byte("bbb"), "c.html": []byte("ccc")}
	if err := Tree(out, files, opts); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(man); err != nil {
		t.Fatalf("no manifest after a commit: %v", err)
	}
	a, b := inode(t, filepath.Join(out, "a.html")), inode(t, filepath.Join(out, "b/index.html"))
	// Edited by hand in place: same size, a new time. The manifest does not vouch for it.
	if err := os.WriteFile(filepath.Join(out, "c.html"), []byte("CCC"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Begin(out, opts)
	if err != nil {
		t.Fatal(err)
	}
	if w.old == nil {
		t.Fatal("the manifest of the current tree was not read")
	}
	for _, p := range []string{"a.html", "b/index.html", "c.html"} {
		if err := w.Put(p, files[p]); err != nil {
			t.Fatal(err)
		}
	}
	if linked, written := w.Linked(); linked != 2 || written != 1 {
		t.Errorf("Linked() = %d, %d; want a.html and b/index.html linked, c.html written", linked, written)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if inode(t, filepath.Join(out, "a.html")) != a || inode(t, filepath.Join(out, "b/index.html")) != b {
		t.Error("unchanged files were written again")
	}
	if got := snapshot(t, out)["c.html"]; got != "ccc" {
		t.Errorf("c.html = %q, want the build's bytes", got)
	}

	// Another tree put in place of out (a copy, a checkout): the manifest is not its own. (The
	// standby tree, which would give its own a.html, is removed: this is about out.)
	if err := os.Rename(out, out+".aside"); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(filepath.Dir(out), standbyName(filepath.Base(out)))); err != nil {
		t.Fatal(err)
	}
	if err := Tree(out, map[string][]byte{"a.html": []byte("xyz")}, Options{ModTime: when}); err != nil {
		t.Fatal(err)
	}
	w, err = Begin(out, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if w.old != nil {
		t.Error("a manifest was trusted for a tree it does not describe")
	}
	if err := w.Put("a.html", []byte("aaa")); err != nil {
		t.Fatal(err)
	}
	if linked, _ := w.Linked(); linked != 0 {
		t.Error("a file was linked though its bytes differ")
	}
}

func TestManifestRoundTrip(t *testing.T) {
	m := &manifest{root: [2]uint64{1, 2}, entries: map[string]entry{
		"index.html":         {sum: [32]byte{1}, id: [2]uint64{1, 7}},
		"units/1/index.html": {sum: [32]byte{2}, id: [2]uint64{1, 8}},
	}}
	got, err := decodeManifest(m.encode())
	if err != nil {
		t.Fatal(err)
	}
	if got.root != m.root || !maps.Equal(got.entries, m.entries) {
		t.Errorf("decoded %+v, want %+v", got, m)
	}
	enc := m.encode()
	for _, cut := range []int{0, 5, len(manifestMagic) + 3, len(enc) - 1} {
		if _, err := decodeManifest(enc[:cut]); err == nil {
			t.Errorf("a manifest cut at %d bytes decoded", cut)
		}
	}
}

// treeState returns every file and folder below dir with its bytes (folders: "/") and time.
func treeState(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		st, err := os.Lstat(p)
		if err != nil {
			return err
		}
		v := "/"
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v = string(b)
		}
		out[filepath.ToSlash(rel)] = v + " " + st.ModTime().UTC().Format(time.RFC3339)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// builder returns a function that builds out with opts from files (path → bytes), put in
// path order, and returns what Linked says of the tree before it is committed.
func builder(t *testing.T, out string, opts Options) func(files map[string]string) (linked, written int) {
	return func(files map[string]string) (linked, written int) {
		t.Helper()
		w, err := Begin(out, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range slices.Sorted(maps.Keys(files)) {
			if err := w.Put(p, []byte(files[p])); err != nil {
				t.Fatal(err)
			}
		}
		linked, written = w.Linked()
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		return linked, written
	}
}

// TestStandbyTree: with a manifest, the tree out replaced is kept as a standby, and the next
// build patches it: an unchanged build makes no file and no folder, a changed file is
// replaced without touching the file of out it was linked to, a file no longer put is removed
// with the folders it leaves empty, and the committed tree is exactly what was put, times
// included. A build killed while patching the standby leaves out whole, and the next build
// starts afresh.
func TestStandbyTree(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	when := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	opts := Options{ModTime: when, Manifest: filepath.Join(dir, "manifest")}
	build := builder(t, out, opts)
	want := func(files map[string]string) map[string]string {
		m := map[string]string{".": "/ " + when.Format(time.RFC3339)}
		for p, b := range files {
			m[p] = b + " " + when.Format(time.RFC3339)
			for d := filepath.Dir(p); d != "."; d = filepath.Dir(d) {
				m[d] = "/ " + when.Format(time.RFC3339)
			}
		}
		return m
	}
	standby := filepath.Join(dir, standbyName("public"))

	v1 := map[string]string{"index.html": "home", "units/1/index.html": "one", "units/2/index.html": "two", "stories/a/index.html": "story"}
	build(v1)
	v2 := map[string]string{"index.html": "home", "units/1/index.html": "ONE", "units/2/index.html": "two", "units/3/index.html": "three"}
	build(v2)
	if got := treeState(t, out); !maps.Equal(got, want(v2)) {
		t.Errorf("after the second build:\n%v\nwant\n%v", got, want(v2))
	}
	if _, err := os.Stat(standby); err != nil {
		t.Fatalf("no standby tree after a build with a manifest: %v", err)
	}
	one := inode(t, filepath.Join(out, "units/1/index.html"))

	// The third build puts what the second did: the standby (the first tree) is patched.
	if linked, written := build(v2); linked != 4 || written != 0 {
		t.Errorf("third build: %d linked or kept, %d written; want 4, 0", linked, written)
	}
	if got := treeState(t, out); !maps.Equal(got, want(v2)) {
		t.Errorf("after the third build:\n%v\nwant\n%v", got, want(v2))
	}
	if got := treeState(t, standby); !maps.Equal(got, want(v2)) {
		t.Errorf("the standby after the third build is not the second tree:\n%v", got)
	}
	if inode(t, filepath.Join(out, "units/1/index.html")) != one {
		t.Error("the changed file was written again instead of linked")
	}

	// A fourth build that changes nothing starts from a standby equal to it: nothing made.
	if linked, written := build(v2); linked != 4 || written != 0 {
		t.Errorf("fourth build: %d linked or kept, %d written; want 4, 0", linked, written)
	}

	// A build killed while patching the standby: out stays whole, the partial tree goes.
	w, err := Begin(out, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put("index.html", []byte("HALF")); err != nil {
		t.Fatal(err)
	}
	w.lock.Close() // killed: the lock is gone, the partial tree stays
	if got := treeState(t, out); !maps.Equal(got, want(v2)) {
		t.Errorf("a killed build changed out:\n%v", got)
	}
	v3 := map[string]string{"index.html": "home3"}
	build(v3)
	if got := treeState(t, out); !maps.Equal(got, want(v3)) {
		t.Errorf("after a build following a killed one:\n%v\nwant\n%v", got, want(v3))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != standbyName("public") && e.Name() != LockName("public") && e.Name() != "manifest" && e.Name() != "manifest.standby" {
			t.Errorf("left beside out: %s", e.Name())
		}
	}
}

// TestFirstTreeStandby: the first tree of an output, which replaced none, leaves a standby of
// links to its files, so that the next build patches it too: one that changes nothing makes
// no file and no folder, and one that changes a file leaves the bytes of out's file alone
// (the standby's was a link to it) while out is read.
func TestFirstTreeStandby(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	when := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	opts := Options{ModTime: when, Manifest: filepath.Join(dir, "manifest")}
	build := builder(t, out, opts)
	v1 := map[string]string{"index.html": "home", "units/1/index.html": "one", "stories/a/b/index.html": "story"}
	if linked, written := build(v1); linked != 0 || written != 3 {
		t.Errorf("first build: %d linked, %d written; want 0, 3", linked, written)
	}
	standby := filepath.Join(dir, standbyName("public"))
	if got, want := treeState(t, standby), treeState(t, out); !maps.Equal(got, want) {
		t.Errorf("the first tree's standby:\n%v\nwant the tree:\n%v", got, want)
	}
	for p := range v1 {
		if inode(t, filepath.Join(standby, p)) != inode(t, filepath.Join(out, p)) {
			t.Errorf("standby's %s is not a link to out's", p)
		}
	}
	if linked, written := build(v1); linked != 3 || written != 0 {
		t.Errorf("a second build of the same files: %d linked or kept, %d written; want 3, 0", linked, written)
	}
	first := filepath.Join(out, "units/1/index.html")
	before, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	held, err := os.Open(first) // a reader of out's file while the next build replaces it
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	v2 := map[string]string{"index.html": "home", "units/1/index.html": "ONE", "stories/a/b/index.html": "story"}
	build(v2)
	if b, _ := io.ReadAll(held); string(b) != string(before) {
		t.Errorf("a file of the tree a build replaced changed under its reader: %q, was %q", b, before)
	}
	if b, _ := os.ReadFile(first); string(b) != "ONE" {
		t.Errorf("after the edit out has %q", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != standbyName("public") && e.Name() != LockName("public") && e.Name() != "manifest" && e.Name() != "manifest.standby" {
			t.Errorf("left beside out: %s", e.Name())
		}
	}
}
