package model

import "sort"

// Redirect is an old path of a page (an alias in content) and the page's path now, both site
// paths without the language's folder, such as "xa/chieng-an/" and "xa/03664/". A build
// writes each as a rule of RedirectsFile and a fallback page at the old path, in every
// language (docs/urls.md).
type Redirect struct {
	From string
	To   string
}

// Redirects returns the aliases of the site's current and former units, sorted by From. A
// former unit's aliases lead to its own page, never to a successor's: a commune code was
// reused by another unit in 2025, and a split commune has several successors.
func Redirects(s *Site) []Redirect {
	var out []Redirect
	for _, u := range s.Units {
		for _, a := range u.Aliases {
			out = append(out, Redirect{From: AliasPath(a), To: UnitPath(u.Code)})
		}
	}
	for _, f := range s.Former {
		for _, a := range f.Aliases {
			out = append(out, Redirect{From: AliasPath(a), To: FormerPath(f.Key())})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].From < out[j].From })
	return out
}
