package sheet

import (
	"strings"
	"testing"
)

// nameSite is the fixture with units that share names: a Xã Tô Hiệu beside Phường Tô Hiệu
// (03646), another Phường Tô Hiệu in a second province, Hoà Bình written with the old tone
// placement, and Mường Chiến beside Mường Chiên (03688).
func nameSite(t *testing.T) string {
	t.Helper()
	site := copySite(t)
	writeFile(t, site, "content/provinces/15.toml", "code = \"15\"\nname = \"Thử Nghiệm\"\ntype = \"Tỉnh\"\n")
	unit := func(code, name, typ, prov string) {
		writeFile(t, site, "content/units/"+code+".toml", "code = \""+code+"\"\nname = \""+name+"\"\ntype = \""+typ+"\"\nprovince = \""+prov+"\"\n")
	}
	unit("99001", "Tô Hiệu", "Xã", "14")
	unit("99002", "Hoà Bình", "Xã", "14")
	unit("99003", "Tô Hiệu", "Phường", "15")
	unit("99004", "Mường Chiến", "Xã", "14")
	return site
}

func TestMatchNames(t *testing.T) {
	site, err := loadSite(nameSite(t))
	if err != nil {
		t.Fatal(err)
	}
	m := newMatcher(site)
	tests := []struct {
		code, name, province string
		want                 string // the unit's code, or the error
	}{
		{name: "Chiềng An", want: "03664"},
		{name: "chieng an", want: "03664"},
		{name: "CHIỀNG AN", want: "03664"},
		{name: "Phường Chiềng An", want: "03664"},
		{name: "phuong  chieng an", want: "03664"},
		{name: "Chie\u0300ng An", want: "03664"}, // decomposed
		{name: "Xã Chiềng An", want: `no current unit named "Xã Chiềng An"`},
		{name: "Hòa Bình", want: "99002"}, // new tone placement for the old
		{name: "Hoà Bình", want: "99002"},
		{name: "hoa binh", want: "99002"},
		{name: "Xa Hoa Binh", want: "99002"},
		{name: "Mường Chiên", want: "03688"}, // the marks decide between names that fold alike
		{name: "Mường Chiến", want: "99004"},
		{name: "muong chien", want: `name "muong chien" is ambiguous: Xã Mường Chiên (03688, Sơn La), Xã Mường Chiến (99004, Sơn La); give the code, or the province`},
		{name: "Tô Hiệu", want: `name "Tô Hiệu" is ambiguous: Phường Tô Hiệu (03646, Sơn La), Xã Tô Hiệu (99001, Sơn La), Phường Tô Hiệu (99003, Thử Nghiệm); give the code, or the province`},
		{name: "Tô Hiệu", province: "14", want: `name "Tô Hiệu" is ambiguous: Phường Tô Hiệu (03646, Sơn La), Xã Tô Hiệu (99001, Sơn La); give the code, or the province`},
		{name: "to hieu", province: "15", want: "99003"},
		{name: "Tô Hiệu", province: "Tỉnh Thử Nghiệm", want: "99003"},
		{name: "Xã Tô Hiệu", want: "99001"},
		{name: "phuong to hieu", province: "son la", want: "03646"},
		{name: "Chiềng Cơi", province: "15", want: `no current unit named "Chiềng Cơi" in province 15 (Thử Nghiệm); elsewhere: Phường Chiềng Cơi (03670, Sơn La)`},
		{name: "Không Có", want: `no current unit named "Không Có"`},
		{name: "Chiềng An", province: "Hà Nội", want: `no province "Hà Nội": give its code or its name`},
		{code: "3664", want: "03664"}, // a spreadsheet dropped the leading zero
		{code: "03646", name: "to hieu", want: "03646"},
		{code: "03646", name: "Xã Tô Hiệu", want: `unit 03646 is Phường Tô Hiệu, not "Xã Tô Hiệu"`},
		{code: "03646", province: "15", want: `unit 03646 (Phường Tô Hiệu) is in province 14, not 15 (Thử Nghiệm)`},
		{code: "0364", want: `no current unit with code "0364"`},
	}
	for _, tt := range tests {
		im := &importer{match: m}
		r := &Record{}
		r.Cells[Code], r.Cells[Name], r.Cells[Province] = tt.code, tt.name, tt.province
		got := ""
		if u := im.unit(r); u != nil {
			got = u.Code
		} else if len(im.errs) == 1 {
			got = im.errs[0].Msg
		} else {
			got = im.errs.Error()
		}
		if got != tt.want {
			t.Errorf("code %q name %q province %q:\n got %s\nwant %s", tt.code, tt.name, tt.province, got, tt.want)
		}
	}
}

// TestImportAmbiguous: an ambiguous name in a sheet is an error at its cell listing the
// candidates, and nothing is written.
func TestImportAmbiguous(t *testing.T) {
	site := nameSite(t)
	csv := writeFile(t, t.TempDir(), "s.csv", "name,province,nhóm,criteria_set,level,as_of\nHòa Bình,,2,2026-2030,in-progress,2026-03-31\nto hieu,Sơn La,2,2026-2030,in-progress,2026-03-31\n")
	before := snapshot(t, site)
	got := importErrors(t, Options{Site: site, File: csv})
	want := `FILE: row 3, column A (name): name "to hieu" is ambiguous: Phường Tô Hiệu (03646, Sơn La), Xã Tô Hiệu (99001, Sơn La); give the code, or the province`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	sameTree(t, before, snapshot(t, site))
	csv = writeFile(t, t.TempDir(), "s.csv", "name,province,nhóm,criteria_set,level,as_of\nHòa Bình,,2,2026-2030,in-progress,2026-03-31\nXa To Hieu,,3,2026-2030,in-progress,2026-03-31\n")
	apply(t, Options{Site: site, File: csv})
	for _, code := range []string{"99001", "99002"} {
		if got := readFile(t, site, "content/units/"+code+".toml"); !strings.Contains(got, "level = \"in-progress\"") {
			t.Errorf("%s was not imported:\n%s", code, got)
		}
	}
}
