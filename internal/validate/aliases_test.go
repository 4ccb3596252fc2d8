package validate

import (
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
)

func TestAliasCollisions(t *testing.T) {
	unit := "/" + model.UnitsDir + "03664"  // the unit's page, without its final slash
	chiengAn := model.UnitPath("chieng-an") // below the units' folder, but no unit's page
	criterion := "/" + model.CriterionPath("2021-2025", "2")
	dataPage := strings.TrimSuffix(model.DataPageDir, "/")
	english := "/" + model.LanguageDir("en") + chiengAn
	tests := []struct {
		name   string
		break_ func(s *model.Site)
		want   string
	}{
		{"a unit's page", func(s *model.Site) { s.Former[0].Aliases = []string{unit} },
			`content/former/03664.toml#aliases[0]: error: alias "` + unit + `" is the path of the page of unit 03664`},
		{"a list page", func(s *model.Site) { s.Units[0].Aliases = []string{"/x/", model.StoriesDir} },
			`content/units/03664.toml#aliases[1]: error: alias "` + model.StoriesDir + `" is the path of the list of stories`},
		{"the home page", func(s *model.Site) { s.Units[0].Aliases = []string{"/"} },
			`content/units/03664.toml#aliases[0]: error: alias "/" is empty: give the old path of the page, like ` + unit + `/`},
		{"another alias", func(s *model.Site) {
			s.Units[0].Aliases = []string{"/" + chiengAn}
			s.Former[0].Aliases = []string{"/old/", strings.TrimSuffix(chiengAn, "/")}
		}, `content/former/03664.toml#aliases[1]: error: alias "` + strings.TrimSuffix(chiengAn, "/") + `" is also an alias in content/units/03664.toml`},
		{"a criterion's page", func(s *model.Site) { s.Units[0].Aliases = []string{criterion} },
			`content/units/03664.toml#aliases[0]: error: alias "` + criterion + `" is the path of the page of criterion 2 of set 2021-2025`},
		{"the data page", func(s *model.Site) { s.Units[0].Aliases = []string{dataPage} },
			`content/units/03664.toml#aliases[0]: error: alias "` + dataPage + `" is the path of the data page`},
		{"the English mirror", func(s *model.Site) { s.Units[0].Aliases = []string{english} },
			`content/units/03664.toml#aliases[0]: error: alias "` + english + `" lies in ` + model.LanguageDir("en") + `, which holds only pages the build makes`},
	}
	locate := func(file, key string) diag.Pos { return diag.Pos{File: file + "#" + key} }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSite()
			tt.break_(s)
			var got []string
			for _, d := range Site(s, locate) {
				got = append(got, d.Error())
			}
			for _, g := range got {
				if g == tt.want {
					return
				}
			}
			t.Errorf("want %s\ngot:\n%s", tt.want, strings.Join(got, "\n"))
		})
	}
	s := validSite()
	s.Units[0].Aliases = []string{"/" + chiengAn}
	s.Former[0].Aliases = []string{"/" + model.FormerPath("chieng-xom"), "/cu/chieng-xom.html"}
	if errs := Site(s, nil); len(errs) > 0 {
		t.Errorf("distinct aliases: %v", errs)
	}
}
