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
			day, err := time.ParseInLocation("2006-01-02", tt.epoch, model.Vietnam)
			if err != nil {
				t.Fatal(err)
			}
			t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(day.Add(12*time.Hour).Unix(), 10))
			all, _ := Check(Options{Site: site, Cache: testCache})
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
