package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportExportStatuses runs atlas import statuses and atlas export statuses on a copy of
// the default site: usage errors, a dry run, a bad sheet that writes nothing, an import, and
// an export that imports back without a change.
func TestImportExportStatuses(t *testing.T) {
	site := copySite(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(good, []byte("mã;nhóm;mức;bộ tiêu chí;ngày số liệu;nguồn\n03664;2;in-progress;2026-2030;31/03/2026;https://example.org/a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("code,group,level,criteria_set,as_of\n03664,2,in-progress,2026-2030,2026-03-31\n03670,2,levle,2026-2030,2026-03-31\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	future := filepath.Join(dir, "future.csv")
	if err := os.WriteFile(future, []byte("code,group,level,criteria_set,as_of\n03664,2,in-progress,2026-2030,2999-01-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(dir, "out.xlsx")
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
		changes        bool // the site's files change
	}{
		{"import without kind", []string{"import"}, exitUsage, "", "usage: atlas import statuses", false},
		{"import unknown kind", []string{"import", "stories", good}, exitUsage, "", "usage: atlas import statuses", false},
		{"import bad flag", []string{"import", "statuses", good, "-x"}, exitUsage, "", "flag provided but not defined: -x", false},
		{"import sheet of a CSV", []string{"import", "statuses", good, "-s", site, "-sheet", "A"}, exitData, "", "a CSV file has no sheets", false},
		{"import bad rows", []string{"import", "statuses", "-s", site, bad}, exitData, "", bad + ": row 3, column C (level): level \"levle\" is not a level of criteria set 2026-2030 (levels: not-started, in-progress, standard, modern)\natlas import: 1 error(s); nothing was written\n", false},
		{"import a future date", []string{"import", "statuses", future, "-s", site}, exitData, "", future + ": row 2, column E (as_of): as_of 2999-01-01 is after the build's reference date ", false},
		{"import dry run", []string{"import", "statuses", good, "-s", site, "-n"}, exitOK, "update content/units/03664.toml (Phường Chiềng An)\n  + group 2\n  + 2026-2030 as of 2026-03-31: in-progress\n1 row(s), 1 assessment(s): 1 added, 0 replaced, 0 unchanged; 1 unit file(s) to write (dry run: nothing written)\n", "", false},
		{"import", []string{"import", "statuses", good, "-s", site}, exitOK, "1 row(s), 1 assessment(s): 1 added, 0 replaced, 0 unchanged; 1 unit file(s) to write\n", "", true},
		{"import again", []string{"import", "statuses", good, "-s", site}, exitOK, "0 added, 0 replaced, 1 unchanged; 0 unit file(s) to write", "", false},
		{"export bad extension", []string{"export", "statuses", "-s", site, "-o", "x.ods"}, exitUsage, "", "want a .csv or .xlsx file", false},
		{"export unknown province", []string{"export", "statuses", "-s", site, "-province", "99"}, exitData, "", `-province: no province "99"`, false},
		{"export CSV", []string{"export", "statuses", "-s", site, "-province", "14"}, exitOK, "03664,Chiềng An,14,2,2026-2030,in-progress,2026,,https://example.org/a,2026-03-31,\n", "", false},
		{"export XLSX", []string{"export", "statuses", "-s", site, "-o", xlsx}, exitOK, "75 row(s) written to " + xlsx, "", false},
		{"import the export", []string{"import", "statuses", xlsx, "-s", site}, exitOK, "75 row(s), 1 assessment(s): 0 added, 0 replaced, 1 unchanged; 0 unit file(s) to write\n", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := treeHash(t, site)
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.stderr)
			}
			if changed := treeHash(t, site) != before; changed != tt.changes {
				t.Errorf("site changed: %v, want %v", changed, tt.changes)
			}
		})
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-s", site}, &stdout, &stderr); code != exitOK {
		t.Errorf("the imported site does not check:\n%s", stdout.String())
	}
}
