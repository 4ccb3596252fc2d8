package read

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

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

// TodayReference never takes the last commit: SOURCE_DATE_EPOCH's day, else today.
func TestTodayReference(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if ref, err := TodayReference(); err != nil || ref.From != "today" || time.Since(ref.Date) > time.Minute || ref.Date.Location() != model.Vietnam {
		t.Errorf("without SOURCE_DATE_EPOCH: %v, %v; want today in Vietnam", ref, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1780000000")
	if ref, err := TodayReference(); err != nil || ref.From != "SOURCE_DATE_EPOCH" || ref.Date.Unix() != 1780000000 {
		t.Errorf("with SOURCE_DATE_EPOCH: %v, %v", ref, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "soon")
	if _, err := TodayReference(); err == nil {
		t.Error("a malformed SOURCE_DATE_EPOCH was accepted")
	}
}

// TestSourceDateRange: SOURCE_DATE_EPOCH must lie between 1970 and a day from now. A value in
// the future (99999999999, the year 5138) is an error naming the variable, not a build whose
// future-date checks are off and whose files are dated then (issue 30).
func TestSourceDateRange(t *testing.T) {
	now := time.Now().Unix()
	for _, tt := range []struct {
		v  string
		ok bool
	}{
		{"0", true},
		{"315532800", true}, // 1980-01-01
		{strconv.FormatInt(now, 10), true},
		{strconv.FormatInt(now+12*3600, 10), true}, // a clock a little ahead
		{strconv.FormatInt(now+2*86400, 10), false},
		{"99999999999", false},
		{"253402300799", false},
		{"-1", false},
	} {
		t.Setenv("SOURCE_DATE_EPOCH", tt.v)
		_, err := SourceDate()
		if (err == nil) != tt.ok {
			t.Errorf("SOURCE_DATE_EPOCH=%s: error %v, want ok=%v", tt.v, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH="+tt.v) {
			t.Errorf("SOURCE_DATE_EPOCH=%s: error %q does not name the variable", tt.v, err)
		}
		if _, rerr := ReferenceDate(t.TempDir()); (rerr == nil) != tt.ok {
			t.Errorf("ReferenceDate with SOURCE_DATE_EPOCH=%s: %v", tt.v, rerr)
		}
	}
}
