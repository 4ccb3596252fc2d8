package validate

import (
	"fmt"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
)

// aliasCollisions reports aliases that name a page's own path, lie in a folder the build
// fills, or are given twice: a redirect there would hide a page or lead two ways.
func (v *checker) aliasCollisions() {
	pages := model.Pages(v.s)
	seen := map[string]string{} // alias path → the file that first gave it
	check := func(file string, aliases []string) {
		for i, a := range aliases {
			if aliasProblem(a) != "" {
				continue // reported by aliases
			}
			p, pos := model.AliasPath(a), v.at(file, fmt.Sprintf("aliases[%d]", i))
			if what, ok := pages[p]; ok {
				v.errs.Errorf(pos, "alias %q is the path of %s", a, what)
				continue
			}
			for _, dir := range model.GeneratedDirs() {
				if strings.HasPrefix(p, dir) {
					v.errs.Errorf(pos, "alias %q lies in %s, which holds only pages the build makes", a, dir)
				}
			}
			if prev, ok := seen[p]; ok {
				v.errs.Errorf(pos, "alias %q is also an alias in %s", a, prev)
				continue
			}
			seen[p] = file
		}
	}
	for _, u := range v.s.Units {
		check(u.File, u.Aliases)
	}
	for _, f := range v.s.Former {
		check(f.File, f.Aliases)
	}
}
