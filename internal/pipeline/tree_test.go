package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// treeGolden lists every file of the Sơn La fixture's build with the SHA-256 of its bytes, in
// the format of sha256sum: a change anywhere in the output, not only in the golden pages, is
// seen (`sha256sum -c` checks a built tree against it by hand).
var treeGolden = filepath.Join("testdata", "golden", "son-la.sha256")

// TestWholeTree pins the whole output of the Sơn La fixture: every path and every byte. A
// change of the code that means no change of the site (a restructuring) must keep it; an
// intended change of the output is recorded with `go test ./internal/pipeline -run WholeTree
// -update`, and its diff lists the files that changed.
func TestWholeTree(t *testing.T) {
	out, _ := buildDefault(t)
	got := treeManifest(readTree(t, out))
	if *update {
		if err := os.WriteFile(treeGolden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(treeGolden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	for _, d := range treeDiff(want, got) {
		t.Error(d)
	}
	t.Errorf("the built tree differs from %s; run with -update if the change is intended", treeGolden)
}

// treeManifest is "sha256  path" for each file, sorted by path.
func treeManifest(files map[string][]byte) []byte {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b bytes.Buffer
	for _, p := range paths {
		sum := sha256.Sum256(files[p])
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), p)
	}
	return b.Bytes()
}

// treeDiff says which paths two manifests disagree on: added, removed or changed, at most 20.
func treeDiff(want, got []byte) []string {
	parse := func(b []byte) map[string]string {
		m := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if sum, p, ok := strings.Cut(line, "  "); ok {
				m[p] = sum
			}
		}
		return m
	}
	w, g := parse(want), parse(got)
	var out []string
	for p, sum := range g {
		switch ws, ok := w[p]; {
		case !ok:
			out = append(out, "added: "+p)
		case ws != sum:
			out = append(out, "changed: "+p)
		}
	}
	for p := range w {
		if _, ok := g[p]; !ok {
			out = append(out, "removed: "+p)
		}
	}
	sort.Strings(out)
	if len(out) > 20 {
		out = append(out[:20], fmt.Sprintf("… and %d more", len(out)-20))
	}
	return out
}

// TestTreeDiff: the diff of two manifests names what was added, removed and changed.
func TestTreeDiff(t *testing.T) {
	a := treeManifest(map[string][]byte{"a": []byte("1"), "b": []byte("2"), "c": []byte("3")})
	b := treeManifest(map[string][]byte{"a": []byte("1"), "b": []byte("x"), "d": []byte("4")})
	got := strings.Join(treeDiff(a, b), "; ")
	if want := "added: d; changed: b; removed: c"; got != want {
		t.Errorf("treeDiff = %q, want %q", got, want)
	}
}
