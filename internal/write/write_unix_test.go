//go:build unix

package write

import (
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
