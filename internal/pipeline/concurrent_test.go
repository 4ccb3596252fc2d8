package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// TestConcurrentBuilds runs rounds of builds of one site into one output folder at once, as
// live reload beside a manual build, or a CI retry, does. After each round the output must be
// a whole tree, the one a single build writes: before the output was locked, each build
// removed the others' half-written trees, and in some rounds 404.html, _redirects, the hashed
// CSS or embed.js were missing while every build succeeded.
func TestConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site 25 times")
	}
	site := copyDefault(t)
	ref := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Site: site, Out: ref}); err != nil {
		t.Fatal(err)
	}
	want := fileList(t, ref)
	out := filepath.Join(site, "public")
	const rounds, builds = 8, 3
	for round := range rounds {
		var wg sync.WaitGroup
		logs := make([]bytes.Buffer, builds)
		errs := make([]error, builds)
		for i := range builds {
			wg.Go(func() { _, errs[i] = Run(Options{Site: site, Out: out, Log: &logs[i]}) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, build %d: %v", round, i, err)
			}
		}
		got := fileList(t, out)
		for _, p := range []string{model.NotFoundFile, model.RedirectsFile, model.EmbedScriptPath} {
			if !slices.Contains(got, p) {
				t.Errorf("round %d: %s is missing", round, p)
			}
		}
		css := regexp.MustCompile(`^` + regexp.QuoteMeta(model.ImmutableDir) + `atlas\.[0-9a-f]+\.css$`)
		if !slices.ContainsFunc(got, css.MatchString) {
			t.Errorf("round %d: the hashed CSS is missing", round)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: the output has %d files, a single build writes %d; missing %q",
				round, len(got), len(want), missing(want, got))
		}
		// Builds that waited said so once each, naming the output.
		for i := range logs {
			for _, line := range strings.Split(strings.TrimSpace(logs[i].String()), "\n") {
				if strings.Contains(line, "waiting") && line != "waiting for another build of "+out+" to finish" {
					t.Errorf("round %d, build %d logged %q", round, i, line)
				}
			}
		}
		// No half-written tree is left beside the output.
		entries, err := os.ReadDir(site)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".public.new-") {
				t.Errorf("round %d left %s", round, e.Name())
			}
		}
	}
}

// fileList lists the files below dir, sorted, as slash-separated relative paths.
func fileList(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// missing returns the paths of want not in got, at most ten.
func missing(want, got []string) []string {
	var out []string
	for _, p := range want {
		if _, ok := slices.BinarySearch(got, p); !ok && len(out) < 10 {
			out = append(out, p)
		}
	}
	return out
}
