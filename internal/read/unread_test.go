package read

import (
	"strings"
	"testing"
)

// TestUnreadFilesWarned: a file in content/ or geo/ that the atlas does not read, as a keeper
// on Windows or macOS may name one (03664.TOML, upper.MD, x.md.txt), is a warning at its path
// that says why, instead of a unit that silently falls back to "no data" (issue 30). Hidden
// files (.gitkeep, an editor's swap file) are left unsaid.
func TestUnreadFilesWarned(t *testing.T) {
	files := goodSite()
	files["content/units/README.txt"] = "not a unit"
	files["content/units/03664.TOML"] = "code = \"03664\"\n"
	files["content/stories/upper.MD"] = "+++\ntitle = \"x\"\n+++\n"
	files["content/stories/x.md.txt"] = "x"
	files["content/units/old/03646.toml"] = "code = \"03646\"\n"
	files["content/03646.toml"] = "code = \"03646\"\n"
	files["content/nation.TOML"] = "x = 1\n"
	files["geo/old-communes.geojson"] = squareGeoJSON
	files["content/.gitkeep"] = ""
	files["content/units/.03646.toml.swp"] = "x"
	_, _, diags := Site(writeSite(t, files))
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	want := []string{
		`content/03646.toml: warning: not read: content/ holds the folders criteria, provinces, units, former and stories, nation.toml and former-districts.csv`,
		`content/nation.TOML: warning: not read: write the extension .toml, in lower case`,
		`content/stories/upper.MD: warning: not read: write the extension .md, in lower case`,
		`content/stories/x.md.txt: warning: not read: the files of content/stories end in .md`,
		`content/units/03664.TOML: warning: not read: write the extension .toml, in lower case`,
		`content/units/README.txt: warning: not read: the files of content/units end in .toml`,
		`content/units/old/03646.toml: warning: not read: the atlas reads no folder inside content/units`,
		`geo/old-communes.geojson: warning: not read: no [[boundaries]] entry of atlas.toml names it`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
