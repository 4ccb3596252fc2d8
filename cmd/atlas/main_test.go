package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "atlas.toml"), []byte("title = \"x\"\nbase_url = 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderr   string
		wantFile string
	}{
		{"no command", nil, exitUsage, "", "Usage: atlas", ""},
		{"help", []string{"help"}, exitOK, "", "Usage: atlas", ""},
		{"unknown command", []string{"publish"}, exitUsage, "", `unknown command "publish"`, ""},
		{"bad flag", []string{"build", "-x"}, exitUsage, "", "flag provided but not defined: -x", ""},
		{"extra argument", []string{"build", "extra"}, exitUsage, "", `unexpected argument "extra"`, ""},
		{"version", []string{"version"}, exitOK, "atlas ", "", ""},
		{"build default site", []string{"build", "-s", "../../testdata/son-la", "-o", out}, exitOK, "Built ", "", filepath.Join(out, "index.html")},
		{"check default site", []string{"check", "-s", "../../testdata/son-la"}, exitOK, "warning: boundary", "0 error(s)", ""},
		{"check broken site", []string{"check", "-s", broken}, exitData, "atlas.toml:2:12: error: invalid value", "1 error(s), 0 warning(s)", ""},
		{"check github", []string{"check", "-s", broken, "-format=github"}, exitData, "::error file=atlas.toml,line=2,col=12::invalid value", "", ""},
		{"check json", []string{"check", "-s", broken, "--format", "json"}, exitData, `"errors": 1`, "", ""},
		{"check bad format", []string{"check", "-format", "xml"}, exitUsage, "", `unknown format "xml"`, ""},
		{"check extra argument", []string{"check", "x"}, exitUsage, "", `unexpected argument "x"`, ""},
		{"broken site", []string{"build", "-s", broken, "-o", filepath.Join(broken, "public")}, exitData, "", "atlas.toml:2:12: error: invalid value", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstderr: %s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.stderr)
			}
			if tt.wantFile != "" {
				if _, err := os.Stat(tt.wantFile); err != nil {
					t.Error(err)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(broken, "public")); !os.IsNotExist(err) {
		t.Error("a failed build created its output folder")
	}
}

// TestBuildRefusesOutputFolder: atlas build -o with the site's content/ or a folder of other
// files exits 1, says how to go on, and the folder keeps its files (issue 30: it wiped them
// and exited 0).
func TestBuildRefusesOutputFolder(t *testing.T) {
	site := copySite(t)
	docs := t.TempDir()
	os.WriteFile(filepath.Join(docs, "report.odt"), []byte("work"), 0o644)
	for _, out := range []string{filepath.Join(site, "content"), docs} {
		before, _ := os.ReadDir(out)
		var stdout, stderr bytes.Buffer
		code := run([]string{"build", "-s", site, "-o", out}, &stdout, &stderr)
		if code != exitData || !strings.Contains(stderr.String(), "hoose another output folder") {
			t.Errorf("build -o %s: exit %d, stderr %q; want 1 and how to go on", out, code, stderr.String())
		}
		if after, _ := os.ReadDir(out); len(after) != len(before) {
			t.Errorf("%s held %d entries, now %d", out, len(before), len(after))
		}
	}
}
