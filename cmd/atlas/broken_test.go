package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// copySite copies the default site's inputs into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	for _, d := range []string{"content", "geo"} {
		if err := os.CopyFS(filepath.Join(site, d), os.DirFS(filepath.Join("../../testdata/son-la", d))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile("../../testdata/son-la/atlas.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "atlas.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

// edit replaces old with new in the site's file name, failing if old is not there.
func edit(t *testing.T, site, name, old, new string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(name))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrokenCopy breaks a copy of the default site in several files at once and checks that
// atlas check reports every mistake, in order, with its exact position, in each format; and
// that atlas build refuses to write and leaves the previous output as it was.
func TestBrokenCopy(t *testing.T) {
	site := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-s", site, "-o", out}, &stdout, &stderr); code != exitOK {
		t.Fatalf("first build: exit %d\n%s", code, stderr.String())
	}
	before := treeHash(t, out)

	// A typo in a key, in the second recognition of a former unit.
	edit(t, site, "content/former/03664.toml", "[[recognitions]]\nlevel = \"advanced\"", "[[recognitions]]\nlevle = \"advanced\"")
	// A level that no criteria set has, in the first recognition.
	edit(t, site, "content/former/03664.toml", "level = \"standard\"", "level = \"standart\"")
	// A successor that does not exist.
	edit(t, site, "content/former/03649.toml", "[[successors]]\ncode = \"", "[[successors]]\ncode = \"9")
	// A wrong type.
	edit(t, site, "content/units/03670.toml", "province = \"14\"", "province = 14")
	// A story naming an unknown unit.
	edit(t, site, "content/stories/son-la-muoi-nam-nong-thon-moi.md", "\nunits = [\"03664\", ", "\nunits = [\"99999\", ")
	// Coordinates swapped in the boundaries.
	edit(t, site, "geo/son-la-communes-2025.geojson", `"coordinates":[[[[`, `"coordinates":[[[[21.1,104.1],[`)

	want := []string{
		`content/former/03649.toml:11:8: error: successor 903646: no current unit content/units/903646.toml`,
		`content/former/03664.toml:16:9: error: level "standart" is not a level of criteria set 2010-2015 (levels: not-started, in-progress, standard)`,
		`content/former/03664.toml:20:1: error: recognition has no level`,
		`content/former/03664.toml:21:1: error: unknown key "recognitions.levle"`,
		`content/stories/son-la-muoi-nam-nong-thon-moi.md:10:10: error: units: no current unit "99999"`,
		`content/units/03670.toml:5:12: error: invalid value for "province": want a string, not an integer`,
	}
	stdout.Reset()
	stderr.Reset()
	code := run([]string{"check", "-s", site}, &stdout, &stderr)
	if code != exitData {
		t.Errorf("check: exit %d, want %d", code, exitData)
	}
	var errs []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if strings.Contains(l, ": error: ") {
			errs = append(errs, l)
		}
	}
	geo := ""
	if len(errs) > 0 && strings.HasPrefix(errs[len(errs)-1], "geo/") {
		geo, errs = errs[len(errs)-1], errs[:len(errs)-1]
	}
	if !slices.Equal(errs, want) {
		t.Errorf("check reported:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(geo, "looks like [latitude, longitude]") || !strings.HasPrefix(geo, "geo/son-la-communes-2025.geojson:1:") {
		t.Errorf("swapped coordinates: got %q", geo)
	}

	stdout.Reset()
	run([]string{"check", "-s", site, "-format=github"}, &stdout, &stderr)
	if !strings.Contains(stdout.String(), "::error file=content/former/03664.toml,line=21,col=1::unknown key \"recognitions.levle\"\n") {
		t.Errorf("github format lacks the unknown key:\n%s", stdout.String())
	}
	stdout.Reset()
	run([]string{"check", "-s", site, "-format=json"}, &stdout, &stderr)
	var report struct {
		Errors int `json:"errors"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil || report.Errors != len(want)+1 {
		t.Errorf("json: %v, %d errors, want %d", err, report.Errors, len(want)+1)
	}

	stderr.Reset()
	if code := run([]string{"build", "-s", site, "-o", out}, &stdout, &stderr); code != exitData {
		t.Errorf("build of the broken copy: exit %d, want %d", code, exitData)
	}
	if !strings.Contains(stderr.String(), want[0]) {
		t.Errorf("build output lacks %q:\n%s", want[0], stderr.String())
	}
	if after := treeHash(t, out); after != before {
		t.Errorf("the output changed after a failed build: %s, was %s", after, before)
	}
}

// treeHash hashes every path and file below dir, so two trees compare by one string.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%s %x", filepath.ToSlash(rel), sha256.Sum256(b)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return fmt.Sprintf("%d files %x", len(lines), h[:8])
}
