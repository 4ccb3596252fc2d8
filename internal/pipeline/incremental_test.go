package pipeline

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestIncrementalBuildMatchesFresh builds a copy of the default site, edits one status file,
// and builds again with the same cache and output: the pages whose inputs did not change are
// taken from the previous output, not rendered, and the result is byte for byte what a fresh
// build of the edited site writes. A build with nothing changed renders no page at all.
func TestIncrementalBuildMatchesFresh(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(site, "public"))
	out, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	first, err := Run(Options{Site: site, Out: out, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	if first.Recalled != 0 {
		t.Errorf("a first build recalled %d pages", first.Recalled)
	}
	again, err := Run(Options{Site: site, Out: out, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	if again.Recalled == 0 || again.Linked != again.Files {
		t.Errorf("a build with nothing changed recalled %d pages and linked %d of %d files", again.Recalled, again.Linked, again.Files)
	}

	unit := filepath.Join(site, "content", "units", "03664.toml")
	src, err := os.ReadFile(unit)
	if err != nil {
		t.Fatal(err)
	}
	edited := append(src, []byte("\n[[assessments]]\ncriteria_set = \"2021-2025\"\nas_of = 2024-05-01\nlevel = \"standard\"\nsource_url = \"https://example.vn/a\"\n")...)
	if err := os.WriteFile(unit, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	inc, err := Run(Options{Site: site, Out: out, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	matchesFresh(t, site, out)
	if inc.Recalled == 0 || inc.Recalled >= again.Recalled {
		t.Errorf("after one edit %d pages were recalled (%d with none): the edit should re-render some, not all", inc.Recalled, again.Recalled)
	}
	t.Logf("pages recalled: %d with nothing changed, %d after one edit; files %d", again.Recalled, inc.Recalled, inc.Files)
}

// matchesFresh checks that the output out, built incrementally from site, holds byte for
// byte the files a fresh build of site (no cache) writes, and returns out's files.
func matchesFresh(t *testing.T, site, out string) map[string][]byte {
	t.Helper()
	fresh := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Site: site, Out: fresh, NoCache: true}); err != nil {
		t.Fatal(err)
	}
	got, want := readTree(t, out), readTree(t, fresh)
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		t.Fatalf("the incremental build wrote other files than a fresh one")
	}
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s differs between the incremental and the fresh build", p)
		}
	}
	return got
}

// TestChangedOutputRewritten: a page of the output edited or removed by hand is written again
// by the next build, though the memo knows it: a page is taken by its hash only when the
// output (or the standby tree) still holds that very file.
func TestChangedOutputRewritten(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	out, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	for range 2 { // the second build leaves a standby tree beside out
		if _, err := Run(Options{Site: site, Out: out, CacheDir: cache}); err != nil {
			t.Fatal(err)
		}
	}
	want := readTree(t, out)
	edited, removed := filepath.Join(out, "index.html"), filepath.Join(out, "en", "index.html")
	if err := os.WriteFile(edited, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(removed); err != nil {
		t.Fatal(err)
	}
	res, err := Run(Options{Site: site, Out: out, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s is not what the build makes", p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	if res.Recalled == 0 {
		t.Error("nothing was recalled")
	}
}
