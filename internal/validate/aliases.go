package validate

import (
	"fmt"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
)

// reservedFolders hold only pages and files the build makes, so no alias may lie below them:
// en/ mirrors every alias by itself, and the others are generated in full.
var reservedFolders = []string{"en/", "nam/", "assets/", "data/", "embed/"}

// pagePaths returns the path of every page the build writes from content, and what it is,
// following internal/render's URL scheme (docs/urls.md).
func (v *checker) pagePaths() map[string]string {
	pages := map[string]string{
		"": "the home page", "xa/": "the list of units", "xa-cu/": "the list of former units",
		"tin/": "the list of stories", "tieu-chi/": "the list of criteria sets", "nguon/": "the sources page",
		"tim-kiem/": "the search page", "du-lieu/": "the data page", "404.html": "the 404 page",
	}
	for _, u := range v.s.Units {
		pages["xa/"+u.Code+"/"] = "the page of unit " + u.Code
	}
	for _, f := range v.s.Former {
		pages["xa-cu/"+f.Key()+"/"] = "the page of former unit " + f.Key()
	}
	for _, p := range v.s.Provinces {
		pages["tinh/"+p.Code+"/"] = "the page of province " + p.Code
	}
	for _, st := range v.s.Stories {
		pages["tin/"+st.Slug+"/"] = "the page of story " + st.Slug
	}
	for _, cs := range v.s.CriteriaSets {
		pages["tieu-chi/"+cs.ID+"/"] = "the page of criteria set " + cs.ID
		for _, c := range cs.Criteria {
			pages["tieu-chi/"+cs.ID+"/"+c.ID+"/"] = "the page of criterion " + c.ID + " of set " + cs.ID
		}
	}
	return pages
}

// aliasCollisions reports aliases that name a page's own path, lie in a folder the build
// fills, or are given twice: a redirect there would hide a page or lead two ways.
func (v *checker) aliasCollisions() {
	pages := v.pagePaths()
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
			for _, dir := range reservedFolders {
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
