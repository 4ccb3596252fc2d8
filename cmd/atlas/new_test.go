package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewSite runs atlas new site on the Sơn La fixture's boundaries as a newcomer would:
// without a terminal the detected property names must be accepted with -y; with a terminal
// the question is asked and "n" stops; the site written then checks and builds, and new unit
// and new story write into it.
func TestNewSite(t *testing.T) {
	geo := filepath.Join("..", "..", "testdata", "son-la", "geo", "son-la-communes-2025.geojson")
	dir := filepath.Join(t.TempDir(), "son-la")
	var out, errb bytes.Buffer
	defer func(f func() bool) { stdinIsTerminal = f }(stdinIsTerminal)

	stdinIsTerminal = func() bool { return false }
	if code := run([]string{"new", "site", dir, "-geo", geo, "-province", "14"}, &out, &errb); code != exitUsage || !strings.Contains(errb.String(), "-y") {
		t.Fatalf("no terminal, no -y: exit %d, stderr %q", code, errb.String())
	}
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("a folder was written without an answer")
	}

	stdinIsTerminal = func() bool { return true }
	stdin = strings.NewReader("n\n")
	errb.Reset()
	if code := run([]string{"new", "site", dir, "-geo", geo, "-province", "14"}, &out, &errb); code != exitUsage {
		t.Fatalf("answer n: exit %d", code)
	}
	stdin = strings.NewReader("\n")
	out.Reset()
	errb.Reset()
	if code := run([]string{"new", "site", dir, "-geo", geo, "-province", "14", "-base-url", "https://son-la.example.org"}, &out, &errb); code != exitOK {
		t.Fatalf("answer yes: exit %d\n%s%s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "75 units") || !strings.Contains(out.String(), "Use these?") {
		t.Errorf("stdout:\n%s", out.String())
	}
	if code := run([]string{"new", "unit", "03664", "-s", dir}, &out, &errb); code != exitData || !strings.Contains(errb.String(), "exists") {
		t.Errorf("new unit over an existing file: exit %d, %q", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"new", "story", "Chiềng Cọ đạt chuẩn", "-s", dir}, &out, &errb); code != exitOK || !strings.Contains(out.String(), "chieng-co-dat-chuan.md") {
		t.Errorf("new story: exit %d, %q %q", code, out.String(), errb.String())
	}
	errb.Reset()
	if code := run([]string{"check", "-s", dir}, &out, &errb); code != exitOK {
		t.Errorf("check of the new site: exit %d\n%s", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"build", "-s", dir, "-o", filepath.Join(t.TempDir(), "public")}, &out, &errb); code != exitOK {
		t.Errorf("build of the new site: exit %d\n%s", code, errb.String())
	}
	if code := run([]string{"new", "planet"}, &out, &errb); code != exitUsage {
		t.Errorf("new planet: exit %d", code)
	}
}
