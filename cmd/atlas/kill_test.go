//go:build unix

package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestKilledBuildKeepsOutput kills builds at random moments with SIGKILL and checks that
// the output folder always holds either the whole previous site or the whole new one.
func TestKilledBuildKeepsOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the atlas command and runs it many times")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "atlas")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := copySite(t)
	cfg, err := os.ReadFile("../../testdata/son-la/atlas.toml")
	if err != nil {
		t.Fatal(err)
	}
	setConfig := func(b []byte) {
		if err := os.WriteFile(filepath.Join(site, "atlas.toml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	setConfig(cfg)
	build := func(out string) *exec.Cmd { return exec.Command(bin, "build", "-s", site, "-o", out) }
	out := filepath.Join(tmp, "public")
	if b, err := build(out).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	old := treeHash(t, out)
	// The killed builds write a different site: the title changes on every page.
	changed := bytes.Replace(cfg, []byte(`title = "`), []byte(`title = "Killed `), 1)
	setConfig(changed)
	ref := filepath.Join(tmp, "ref")
	start := time.Now()
	if b, err := build(ref).CombinedOutput(); err != nil {
		t.Fatalf("reference build: %v\n%s", err, b)
	}
	full := time.Since(start)
	newer := treeHash(t, ref)
	if newer == old {
		t.Fatal("the changed site builds to the same output")
	}
	sawOld, sawNew := false, false
	for i := 0; i < 12 || !sawOld; i++ {
		if i == 40 {
			t.Fatal("no build was killed before it finished in 40 tries")
		}
		cmd := build(out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rand.Int64N(int64(full) * 12 / 10)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		switch got := treeHash(t, out); got {
		case old:
			sawOld = true
		case newer:
			sawNew = true
			// Put the old site back, so the next kill can catch a swap in flight.
			setConfig(cfg)
			if b, err := build(out).CombinedOutput(); err != nil {
				t.Fatal(err, string(b))
			}
			setConfig(changed)
		default:
			t.Fatalf("kill %d: the output folder holds neither the old site (%s) nor the new one (%s): %s", i, old, newer, got)
		}
	}
	t.Logf("killed builds left the old site %v, the new one %v (a build takes %v)", sawOld, sawNew, full)
}
