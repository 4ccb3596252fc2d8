package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
)

// TestImpossibleDates writes each kind of impossible date into a copy of the Sơn La site and
// checks that it is an error at the value's exact position, with no other error.
func TestImpossibleDates(t *testing.T) {
	const assessment = "\n[[assessments]]\ncriteria_set = \"2026-2030\"\nas_of = %s\nlevel = \"standard\"\n"
	tests := []struct {
		name  string
		epoch string // SOURCE_DATE_EPOCH, as a day
		file  string
		old   string // replaced by new; empty: new is appended
		new   string
		want  []string
	}{
		{"assessment in 2099", "2026-12-01", "content/units/03664.toml", "", strings.Replace(assessment, "%s", "2099-06-30", 1),
			[]string{"content/units/03664.toml:12:9: error: as_of 2099-06-30 is after the build's reference date 2026-12-01 (SOURCE_DATE_EPOCH)"}},
		{"assessment the day after the reference", "2026-12-01", "content/units/03664.toml", "", strings.Replace(assessment, "%s", "2026-12-02", 1),
			[]string{"content/units/03664.toml:12:9: error: as_of 2026-12-02 is after the build's reference date 2026-12-01 (SOURCE_DATE_EPOCH)"}},
		{"assessment on the reference day", "2026-12-01", "content/units/03664.toml", "", strings.Replace(assessment, "%s", "2026-12-01", 1),
			nil},
		{"assessment before its criteria set", "2026-12-01", "content/units/03664.toml", "", strings.Replace(assessment, "%s", "2025-06-30", 1),
			[]string{"content/units/03664.toml:12:9: error: as_of 2025-06-30 is outside criteria set 2026-2030 (2026–2030)"}},
		{"story in 2099", "2026-12-01", "content/stories/son-la-muoi-nam-nong-thon-moi.md", "date = 2026-11-28", "date = 2099-11-28",
			[]string{"content/stories/son-la-muoi-nam-nong-thon-moi.md:3:8: error: date 2099-11-28 is after the build's reference date 2026-12-01 (SOURCE_DATE_EPOCH)"}},
		{"story the day after the reference", "2026-11-27", "", "", "",
			[]string{"content/stories/son-la-muoi-nam-nong-thon-moi.md:3:8: error: date 2026-11-28 is after the build's reference date 2026-11-27 (SOURCE_DATE_EPOCH)"}},
		// A reference before the reform: every later recognition (and story) of the site is
		// an error at its place; those of the edited file are checked.
		{"recognitions after an old reference", "2019-06-30", "content/former/03664.toml", "", "\n[[recognitions]]\nlevel = \"advanced\"\nyear = 2020\nsource_url = \"https://example.org/a\"\n",
			[]string{"content/former/03664.toml:26:8: error: recognised in 2020, after the build's reference date 2019-06-30 (SOURCE_DATE_EPOCH)"}},
		{"recognition in the unit's last year, reference before it", "2024-12-31", "content/former/03664.toml", "", "\n[[recognitions]]\nlevel = \"advanced\"\nyear = 2025\nsource_url = \"https://example.org/a\"\n",
			[]string{"content/former/03664.toml:26:8: error: recognised in 2025, after the build's reference date 2024-12-31 (SOURCE_DATE_EPOCH)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := copyDefault(t)
			if tt.file != "" {
				if tt.old == "" {
					appendTo(t, site, tt.file, tt.new)
				} else {
					edit(t, site, tt.file, tt.old, tt.new)
				}
			}
			day, err := time.ParseInLocation("2006-01-02", tt.epoch, vietnam)
			if err != nil {
				t.Fatal(err)
			}
			t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(day.Add(12*time.Hour).Unix(), 10))
			all, _ := Check(Options{Site: site, NoCache: true})
			got := errorLines(all, tt.file, day.Before(model.ReformDate))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// errorLines returns the errors of l as printed. For a reference before the reform, only
// those of file: every other recognition and story of the site is after it too.
func errorLines(l diag.List, file string, old bool) []string {
	var out []string
	for _, d := range l.Errors() {
		if old && d.Pos.File != file {
			continue
		}
		out = append(out, d.Error())
	}
	return out
}

// appendTo adds text at the end of a site's file.
func appendTo(t *testing.T, site, file, text string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(file))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Without SOURCE_DATE_EPOCH, a site folder in no git work tree is checked against today, and
// one with uncommitted changes too; a clean one against its last commit.
func TestReferenceDate(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	dir := t.TempDir()
	ref, err := ReferenceDate(dir)
	if err != nil || ref.From != "today" || time.Since(ref.Date) > time.Minute {
		t.Errorf("outside git: %v, %v; want today", ref, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1780000000")
	ref, err = ReferenceDate(dir)
	if err != nil || ref.From != "SOURCE_DATE_EPOCH" || ref.Date.Unix() != 1780000000 {
		t.Errorf("with SOURCE_DATE_EPOCH: %v, %v", ref, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "soon")
	if _, err := ReferenceDate(dir); err == nil {
		t.Error("a malformed SOURCE_DATE_EPOCH was accepted")
	}

	// A git work tree: clean, its last commit; with an edit not committed, today.
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE=@1780000000 +0000", "GIT_AUTHOR_DATE=@1780000000 +0000",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	if err := os.WriteFile(filepath.Join(dir, "atlas.toml"), []byte("title = \"T\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "atlas.toml")
	git("commit", "-q", "-m", "data")
	ref, err = ReferenceDate(dir)
	if err != nil || ref.From != "the data's last commit" || ref.Date.Unix() != 1780000000 {
		t.Errorf("clean work tree: %v, %v; want the commit's date", ref, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "atlas.toml"), []byte("title = \"U\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ref, err = ReferenceDate(dir); err != nil || ref.From != "today" {
		t.Errorf("work tree with an edit: %v, %v; want today", ref, err)
	}
}
