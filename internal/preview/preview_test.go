package preview

import (
	"bytes"
	"context"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/pipeline"
)

// syncBuffer is a log the previewer and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// since returns what was written after the first n bytes, and the length now.
func (s *syncBuffer) since(n int) (string, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()[n:], s.b.Len()
}

// copyFixture copies the Sơn La fixture to a temporary folder.
func copyFixture(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "son-la")
	dst := filepath.Join(t.TempDir(), "site")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if rel != "." && (d.Name() == "public" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

var reFirstPoint = regexp.MustCompile(`\[-?[\d.]+,-?[\d.]+\]`)

// TestServeWarnsOnce runs the previewer on a copy of the Sơn La fixture, whose boundaries have
// 78 warnings: the first build prints them once; a rebuild that changes no warning prints none
// of them again; a rebuild after an edit that adds a defect to one boundary prints that
// warning, and only that one.
func TestServeWarnsOnce(t *testing.T) {
	dir := copyFixture(t)
	geo := filepath.Join(dir, "geo", "son-la-communes-2025.geojson")
	warnings, err := pipeline.Check(pipeline.Options{Site: dir})
	if err != nil {
		t.Fatal(err)
	}
	warned := map[string]bool{}
	for _, d := range warnings {
		if m := regexp.MustCompile(`^boundary \d{5}`).FindString(d.Msg); m != "" {
			warned[m] = true
		}
	}

	_, log, wait := startPreview(t, dir)

	wait("first build")
	first, n := log.since(0)
	if c := strings.Count(first, "geo/son-la-communes-2025.geojson: 78 warnings"); c != 1 {
		t.Fatalf("the first build shows its 78 warnings %d times, want once:\n%s", c, first)
	}

	// An edit that changes no warning: none is printed again.
	unit := filepath.Join(dir, "content", "units", "03664.toml")
	b, err := os.ReadFile(unit)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(unit, append(b, "# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	wait("rebuild after a status edit")
	again, n := log.since(n)
	if strings.Contains(again, "warning") || strings.Contains(again, "repeated") {
		t.Errorf("a rebuild that changes no warning prints warnings again:\n%s", again)
	}

	// An edit that adds a defect: that warning, and only it.
	g, err := os.ReadFile(geo)
	if err != nil {
		t.Fatal(err)
	}
	code := ""
	for _, m := range regexp.MustCompile(`"id":"(\d{5})"`).FindAllSubmatchIndex(g, -1) {
		if c := string(g[m[2]:m[3]]); !warned["boundary "+c] {
			code = c
			i := m[1] + bytes.Index(g[m[1]:], []byte(`"coordinates":`))
			p := reFirstPoint.FindIndex(g[i:])
			pt := g[i+p[0] : i+p[1]]
			g = append(g[:i+p[0]], append(append(append([]byte{}, pt...), ','), g[i+p[0]:]...)...)
			break
		}
	}
	if code == "" {
		t.Fatal("every boundary already has a warning")
	}
	if err := os.WriteFile(geo, g, 0o644); err != nil {
		t.Fatal(err)
	}
	wait("rebuild after a boundary edit")
	fresh, _ := log.since(n)
	if !strings.Contains(fresh, "boundary "+code+": 1 repeated consecutive vertices") {
		t.Errorf("the rebuild does not show the new warning of %s:\n%s", code, fresh)
	}
	if strings.Count(fresh, "repeated consecutive") > 1 || strings.Contains(fresh, "78 warnings") {
		t.Errorf("the rebuild prints warnings it had shown before:\n%s", fresh)
	}
	if !strings.Contains(fresh, "79 warning(s): 1 new, 0 gone") {
		t.Errorf("the rebuild's line does not count the new warning:\n%s", fresh)
	}
}

// TestServeRefusesOutputFolder: atlas serve refuses, as build does, an output folder that is
// the site's content or holds files no build wrote: it serves nothing, builds nothing, and
// leaves the folder as it was (issue 30).
func TestServeRefusesOutputFolder(t *testing.T) {
	site := copyFixture(t)
	docs := filepath.Join(t.TempDir(), "Documents")
	os.MkdirAll(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "report.odt"), []byte("work"), 0o644)
	for _, out := range []string{filepath.Join(site, "content"), docs} {
		before, _ := os.ReadDir(out)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		built := false
		err = Run(ctx, Options{Site: site, Out: out, Listener: ln, Built: func(error) { built = true }})
		cancel()
		ln.Close()
		if err == nil || !strings.Contains(err.Error(), "hoose another output folder") {
			t.Errorf("serve into %s: %v; want it refused", out, err)
		}
		if built {
			t.Errorf("serve into %s built the site", out)
		}
		if after, _ := os.ReadDir(out); len(after) != len(before) {
			t.Errorf("%s held %d entries, now %d", out, len(before), len(after))
		}
	}
}

// startPreview runs the previewer on the site dir until the test ends, and returns where it
// listens, its log, and a function that waits for its next build (failing the test on an
// error or after two minutes).
func startPreview(t *testing.T, dir string) (ln net.Listener, log *syncBuffer, wait func(what string)) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log = &syncBuffer{}
	built := make(chan error, 16)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Site: dir, Listener: ln, Log: log, Built: func(err error) { built <- err }})
	}()
	t.Cleanup(func() {
		stop()
		<-done
	})
	wait = func(what string) {
		t.Helper()
		select {
		case err := <-built:
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
		case <-time.After(2 * time.Minute):
			t.Fatalf("%s: no build", what)
		}
	}
	return ln, log, wait
}
