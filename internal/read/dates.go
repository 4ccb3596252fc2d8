package read

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

// SourceDate returns the time named by the SOURCE_DATE_EPOCH environment variable (seconds
// since 1970-01-01 UTC, https://reproducible-builds.org/specs/source-date-epoch/), or the zero
// time when it is unset or empty. A malformed value is an error, as the specification asks,
// and so is a time more than a day from now (SourceDateSlack): it would date every file of
// the output in the future and let every date of the data pass the check against it.
func SourceDate() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a count of seconds since 1970-01-01 UTC", v)
	}
	if n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%s is before 1970-01-01 UTC: it must be the time of the data's last commit (git log -1 --format=%%ct), or unset", v)
	}
	if latest := time.Now().Add(SourceDateSlack); n > latest.Unix() {
		when := "after the year 9999"
		if n <= 253402300799 {
			when = time.Unix(n, 0).UTC().Format(time.DateOnly)
		}
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%s is %s, in the future: it must be the time of the data's last commit (git log -1 --format=%%ct), or unset", v, when)
	}
	return time.Unix(n, 0).UTC(), nil
}

// SourceDateSlack is how far after now SOURCE_DATE_EPOCH may lie, for a clock a little behind
// the machine that set it.
const SourceDateSlack = 24 * time.Hour

// ReferenceDate returns the build's reference date, the day after which no date in the site
// in dir can be (model.Reference): the day of SOURCE_DATE_EPOCH if it is set; else, when
// dir is in a git work tree with nothing uncommitted in it, the day of its last commit, so
// that a checkout builds alike whenever it is built; else today. Days are those of Vietnam.
func ReferenceDate(dir string) (model.Reference, error) {
	if t, err := SourceDate(); err != nil || !t.IsZero() {
		return model.Reference{Date: t.In(model.Vietnam), From: "SOURCE_DATE_EPOCH"}, err
	}
	if t, ok := lastCommit(dir); ok {
		return model.Reference{Date: t.In(model.Vietnam), From: "the data's last commit"}, nil
	}
	return model.Reference{Date: time.Now().In(model.Vietnam), From: "today"}, nil
}

// TodayReference is the reference day of data about to be written, not read: the day of
// SOURCE_DATE_EPOCH if it is set, else today, in Vietnam. Unlike ReferenceDate it never takes
// the last commit's day: an import leaves the data uncommitted, and atlas check then compares
// with today.
func TodayReference() (model.Reference, error) {
	t, err := SourceDate()
	if err != nil || !t.IsZero() {
		return model.Reference{Date: t.In(model.Vietnam), From: "SOURCE_DATE_EPOCH"}, err
	}
	return model.Reference{Date: time.Now().In(model.Vietnam), From: "today"}, nil
}

// lastCommit returns the committer time of the last commit that touched dir, when dir is in
// a git work tree and has no uncommitted changes: an edit not committed yet is newer than any
// commit, and is checked against today instead. Without git, it reports false.
func lastCommit(dir string) (time.Time, bool) {
	git := func(args ...string) (string, bool) {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0") // status must not write the index
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err == nil
	}
	if st, ok := git("status", "--porcelain", "--", "."); !ok || st != "" {
		return time.Time{}, false
	}
	v, ok := git("log", "-1", "--format=%ct", "--", ".")
	if !ok || v == "" {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(n, 0), true
}
