package browser

import (
	"context"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/preview"
)

// copySite copies the site folder src to a new temporary folder and returns it.
func copySite(t *testing.T, src string) string {
	t.Helper()
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

// TestLiveReload runs atlas serve on a copy of the Sơn La fixture, edits a status file and
// checks that the open page shows the edit without being reloaded by hand; then breaks the
// file and checks the overlay names the position and shows the line, over the last good page;
// then mends it and checks the overlay goes and the page shows the mended data. It logs the
// time from each save to the browser showing its outcome.
func TestLiveReload(t *testing.T) {
	ctx := browser(t)
	dir := copySite(t, siteDir)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	built := make(chan error, 16)
	runCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- preview.Run(runCtx, preview.Options{Site: dir, Listener: ln, Built: func(err error) { built <- err }})
	}()
	t.Cleanup(func() {
		stop()
		<-done
	})
	select {
	case err := <-built:
		if err != nil {
			t.Fatalf("first build: %v", err)
		}
	case <-time.After(5 * time.Minute):
		t.Fatal("no first build")
	}

	former := model.FormerPath("03664")
	p := openURL(t, ctx, "http://"+ln.Addr().String()+"/"+former, desktop)
	if !strings.Contains(eval[string](p, `document.body.innerText`), "2015") {
		t.Fatal("the former-unit page of Chiềng Xôm does not show its 2015 recognition")
	}
	// Mark the page: a reload loses the mark, so the mark's loss proves the page reloaded.
	eval[bool](p, `window.atlasMark = true`)

	file := filepath.Join(dir, "content", "former", "03664.toml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	save := func(b []byte) time.Time {
		t.Helper()
		// Write and rename, as editors save.
		tmp := file + ".tmp-save"
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			t.Fatal(err)
		}
		at := time.Now()
		if err := os.Rename(tmp, file); err != nil {
			t.Fatal(err)
		}
		return at
	}
	// waitFor polls the page until js is true and returns the time it became so.
	waitFor := func(what, js string) time.Time {
		t.Helper()
		deadline := time.Now().Add(2 * time.Minute)
		for time.Now().Before(deadline) {
			if ok, err := tryEval(p, js); err == nil && ok {
				return time.Now()
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("timed out waiting for %s", what)
		return time.Time{}
	}

	// 1. A good edit: the year of the first recognition, 2015 → 2013.
	edited := strings.Replace(string(orig), "year = 2015", "year = 2013", 1)
	at := save([]byte(edited))
	got := waitFor("the edited year", `!window.atlasMark && document.body.innerText.includes("2013")`)
	t.Logf("edit → page showing it: %d ms", got.Sub(at).Milliseconds())
	if err := <-built; err != nil {
		t.Fatalf("rebuild after a good edit: %v", err)
	}

	// 2. A broken edit: the overlay names file, line and column and shows the line; the page
	// under it is still the last good one.
	eval[bool](p, `window.atlasMark = true`)
	broken := strings.Replace(edited, `level = "standard"`, `level = "standard`, 1)
	at = save([]byte(broken))
	got = waitFor("the error overlay", `!!document.getElementById("atlas-live-errors")`)
	t.Logf("broken edit → overlay: %d ms", got.Sub(at).Milliseconds())
	if err := <-built; err == nil {
		t.Fatal("a broken file built")
	}
	text := eval[string](p, `document.getElementById("atlas-live-errors").innerText`)
	line := 0
	for i, l := range strings.Split(broken, "\n") {
		if strings.HasPrefix(l, `level = "standard`) {
			line = i + 1
			break
		}
	}
	wantPos := "content/former/03664.toml:" + strconv.Itoa(line) + ":"
	if !strings.Contains(text, wantPos) || !strings.Contains(text, `level = "standard`) {
		t.Errorf("overlay = %q, want the position %s… and the offending line", text, wantPos)
	}
	if !eval[bool](p, `window.atlasMark === true && document.body.innerText.includes("2013")`) {
		t.Error("the page under the overlay is not the last good one")
	}

	// 3. The mended file: the overlay goes and the page shows the mended data.
	at = save([]byte(strings.Replace(edited, "year = 2013", "year = 2014", 1)))
	got = waitFor("the mended page", `!window.atlasMark && !document.getElementById("atlas-live-errors") && document.body.innerText.includes("2014")`)
	t.Logf("mended edit → page: %d ms", got.Sub(at).Milliseconds())
	if err := <-built; err != nil {
		t.Fatalf("rebuild after the mend: %v", err)
	}

	// The built files hold no reload script: it is only added when served.
	b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(model.PageFile(former))))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "__atlas") {
		t.Error("public/ holds the live-reload script")
	}
}
