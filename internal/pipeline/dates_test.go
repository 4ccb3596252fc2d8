package pipeline

import (
	"os"
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
	// The unit's commune group first: the 2026–2030 set judges each group by its own targets.
	const assessment = "\ngroup = \"2\"\n[[assessments]]\ncriteria_set = \"2026-2030\"\nas_of = %s\nlevel = \"standard\"\n"
	tests := []struct {
		name  string
		epoch string // SOURCE_DATE_EPOCH, as a day
		file  string
		old   string // replaced by new; empty: new is appended
		new   string
		want  []string
		// blamed: every date after the reference is no later than today, so that one more
		// line blames SOURCE_DATE_EPOCH (see TestSourceDateBlamed).
		blamed bool
	}{
		{"assessment in 2099", "2026-12-01", "content/units/03664.toml", "", strings.Replace(assessment, "%s", "2099-06-30", 1),
			[]string{"content/units/03664.toml:13:9: error: as_of 2099-06-30 is after the build's reference date 2026-12-01 (SOURCE_DATE_EPOCH)"}, false},
		{"assessment the day after the reference", "2026-12-01", "content/units/03664.toml", "", strings.Replace(assessment, "%s", "2026-12-02", 1),
			[]string{"content/units/03664.toml:13:9: error: as_of 2026-12-02 is after the build's reference date 2026-12-01 (SOURCE_DATE_EPOCH)"}, true},
		{"assessment on the reference day", "2026-12-01", "content/units/03664.toml", "", strings.Replace(assessment, "%s", "2026-12-01", 1),
			nil, false},
		{"assessment before its criteria set", "2026-12-01", "content/units/03664.toml", "", strings.Replace(assessment, "%s", "2025-06-30", 1),
			[]string{"content/units/03664.toml:13:9: error: as_of 2025-06-30 is outside criteria set 2026-2030 (2026–2030)"}, false},
		{"story in 2099", "2026-12-01", "content/stories/son-la-muoi-nam-nong-thon-moi.md", "date = 2026-11-28", "date = 2099-11-28",
			[]string{"content/stories/son-la-muoi-nam-nong-thon-moi.md:3:8: error: date 2099-11-28 is after the build's reference date 2026-12-01 (SOURCE_DATE_EPOCH)"}, false},
		{"story the day after the reference", "2026-11-27", "", "", "",
			[]string{"content/stories/son-la-muoi-nam-nong-thon-moi.md:3:8: error: date 2026-11-28 is after the build's reference date 2026-11-27 (SOURCE_DATE_EPOCH)"}, true},
		// A reference before the reform: every later recognition (and story) of the site is
		// an error at its place; those of the edited file are checked.
		{"recognitions after an old reference", "2019-06-30", "content/former/03664.toml", "", "\n[[recognitions]]\nlevel = \"advanced\"\nyear = 2020\nsource_url = \"https://example.org/a\"\n",
			[]string{"content/former/03664.toml:26:8: error: recognised in 2020, after the build's reference date 2019-06-30 (SOURCE_DATE_EPOCH)"}, false},
		{"recognition in the unit's last year, reference before it", "2024-12-31", "content/former/03664.toml", "", "\n[[recognitions]]\nlevel = \"advanced\"\nyear = 2025\nsource_url = \"https://example.org/a\"\n",
			[]string{"content/former/03664.toml:26:8: error: recognised in 2025, after the build's reference date 2024-12-31 (SOURCE_DATE_EPOCH)"}, false},
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
			day, err := time.ParseInLocation("2006-01-02", tt.epoch, model.Vietnam)
			if err != nil {
				t.Fatal(err)
			}
			epoch := strconv.FormatInt(day.Add(12*time.Hour).Unix(), 10)
			t.Setenv("SOURCE_DATE_EPOCH", epoch)
			all, _ := Check(Options{Site: site, Cache: testCache})
			got := errorLines(all, tt.file, day.Before(model.ReformDate))
			if tt.blamed {
				tt.want = append([]string{"error: SOURCE_DATE_EPOCH=" + epoch + " (" + tt.epoch + ") is before a date of the data that is not after today: " +
					"it is probably not the time of the data's last commit. Set it to that time (git log -1 --format=%ct), or unset it"}, tt.want...)
			}
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

// TestSourceDateBlamed: with SOURCE_DATE_EPOCH set to 1980 (as some packaging systems do by
// policy), every dated item of the site is after the reference date; the errors stay at
// their places, and one line, once, says that the variable is probably not the data's last
// commit. When one of the dates is in the future of today too, the data is to blame, and no
// such line is said (issue 30).
func TestSourceDateBlamed(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "315532800") // 1980-01-01
	site := copyDefault(t)
	all, err := Check(Options{Site: site, Cache: testCache})
	if err == nil {
		t.Fatal("a site dated after 1980 checked against 1980 passed")
	}
	var blame []string
	after := 0
	for _, d := range all.Errors() {
		switch {
		case strings.Contains(d.Msg, "probably not"):
			blame = append(blame, d.Error())
		case strings.Contains(d.Msg, "after the build's reference date 1980-01-01"):
			after++
		}
	}
	want := "error: SOURCE_DATE_EPOCH=315532800 (1980-01-01) is before " + strconv.Itoa(after) +
		" dates of the data, none of them after today: it is probably not the time of the data's last commit. Set it to that time (git log -1 --format=%ct), or unset it"
	if after < 10 || len(blame) != 1 || blame[0] != want {
		t.Errorf("%d dates after the reference; lines that blame the variable:\n%s\nwant:\n%s", after, strings.Join(blame, "\n"), want)
	}

	appendTo(t, site, "content/units/03664.toml", "\ngroup = \"2\"\n[[assessments]]\ncriteria_set = \"2026-2030\"\nas_of = 2099-06-30\nlevel = \"standard\"\n")
	all, _ = Check(Options{Site: site, Cache: testCache})
	for _, d := range all.Errors() {
		if strings.Contains(d.Msg, "probably not") {
			t.Errorf("with a date in the future of today too: %v", d)
		}
	}
}

// TestMisspeltLevel: a recognition or an assessment whose level key is misspelt ("levle") is
// reported for the unknown key and as having no level, never as holding the level "", which
// says nothing of the cause (issue 30).
func TestMisspeltLevel(t *testing.T) {
	site := copyDefault(t)
	edit(t, site, "content/former/03664.toml", "level = \"standard\"\nyear = 2015", "levle = \"standard\"\nyear = 2015")
	appendTo(t, site, "content/units/03664.toml", "\ngroup = \"2\"\n[[assessments]]\ncriteria_set = \"2026-2030\"\nas_of = 2026-06-30\nlevle = \"standard\"\n")
	all, _ := Check(Options{Site: site, Cache: testCache})
	var got []string
	for _, d := range all.Errors() {
		got = append(got, d.Error())
	}
	want := []string{
		`content/former/03664.toml:14:1: error: recognition has no level (levels of criteria set 2010-2015: not-started, in-progress, standard)`,
		`content/former/03664.toml:16:1: error: unknown key "recognitions.levle"`,
		`content/units/03664.toml:11:1: error: assessment has no level (levels of criteria set 2026-2030: not-started, in-progress, standard, modern)`,
		`content/units/03664.toml:14:1: error: unknown key "assessments.levle"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
