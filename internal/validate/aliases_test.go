package validate

import (
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
)

func TestAliasCollisions(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(s *model.Site)
		want   string
	}{
		{"a unit's page", func(s *model.Site) { s.Former[0].Aliases = []string{"/xa/03664"} },
			`content/former/03664.toml#aliases[0]: error: alias "/xa/03664" is the path of the page of unit 03664`},
		{"a list page", func(s *model.Site) { s.Units[0].Aliases = []string{"/x/", "tin/"} },
			`content/units/03664.toml#aliases[1]: error: alias "tin/" is the path of the list of stories`},
		{"the home page", func(s *model.Site) { s.Units[0].Aliases = []string{"/"} },
			`content/units/03664.toml#aliases[0]: error: alias "/" is empty: give the old path of the page, like /xa/03664/`},
		{"another alias", func(s *model.Site) {
			s.Units[0].Aliases = []string{"/xa/chieng-an/"}
			s.Former[0].Aliases = []string{"/old/", "xa/chieng-an"}
		}, `content/former/03664.toml#aliases[1]: error: alias "xa/chieng-an" is also an alias in content/units/03664.toml`},
		{"a criterion's page", func(s *model.Site) { s.Units[0].Aliases = []string{"/tieu-chi/2021-2025/2/"} },
			`content/units/03664.toml#aliases[0]: error: alias "/tieu-chi/2021-2025/2/" is the path of the page of criterion 2 of set 2021-2025`},
		{"the data page", func(s *model.Site) { s.Units[0].Aliases = []string{"du-lieu"} },
			`content/units/03664.toml#aliases[0]: error: alias "du-lieu" is the path of the data page`},
		{"the English mirror", func(s *model.Site) { s.Units[0].Aliases = []string{"/en/xa/chieng-an/"} },
			`content/units/03664.toml#aliases[0]: error: alias "/en/xa/chieng-an/" lies in en/, which holds only pages the build makes`},
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
	s.Units[0].Aliases = []string{"/xa/chieng-an/"}
	s.Former[0].Aliases = []string{"/xa-cu/chieng-xom/", "/cu/chieng-xom.html"}
	if errs := Site(s, nil); len(errs) > 0 {
		t.Errorf("distinct aliases: %v", errs)
	}
}
