package render

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"sort"

	"github.com/ntm-atlas/atlas/internal/model"
)

// Redirect is an old path of a page (an alias in content) and the page's path now, both site
// paths without the language's folder, such as "xa/chieng-an/" and "xa/03664/".
type Redirect struct {
	From string
	To   string
}

// Redirects returns the aliases of the site's current and former units, sorted by From. A
// former unit's aliases lead to its own page, never to a successor's: a commune code was
// reused by another unit in 2025, and a split commune has several successors.
func Redirects(s *model.Site) []Redirect {
	var out []Redirect
	for _, u := range s.Units {
		for _, a := range u.Aliases {
			out = append(out, Redirect{From: model.AliasPath(a), To: model.UnitPath(u.Code)})
		}
	}
	for _, f := range s.Former {
		for _, a := range f.Aliases {
			out = append(out, Redirect{From: model.AliasPath(a), To: model.FormerPath(f.Key())})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].From < out[j].From })
	return out
}

// RedirectView is what the redirect layout receives: the fallback page at an old path.
type RedirectView struct {
	Lang      string
	To        string // the new page, relative to the old one
	Canonical string // the new page's absolute URL
}

// fallbacks writes, for each alias in the language being rendered, an HTML page at the old
// path that sends the reader to the new one (canonical link, meta refresh, a visible link,
// noindex), for hosts that do not read _redirects. It fails rather than overwrite a page or
// put a page where a file is.
func (r *renderer) fallbacks() error {
	src, err := r.layout("redirect.html")
	if err != nil {
		return err
	}
	// The page stands alone, without baseof.html: it has nothing to show but the link.
	t, err := template.New("redirect.html").Funcs(funcs(r.loc)).Parse(string(src))
	if err != nil {
		return fmt.Errorf("layout redirect.html: %w", err)
	}
	for _, rd := range Redirects(r.a.Site) {
		from, to := r.loc.Dir()+rd.From, r.loc.Dir()+rd.To
		file := model.PageFile(from)
		if r.out.has(file) {
			return fmt.Errorf("render: alias /%s is the path of a page", rd.From)
		}
		for dir := path.Dir(file); dir != "."; dir = path.Dir(dir) {
			if r.out.has(dir) {
				return fmt.Errorf("render: alias /%s lies below the file %s", rd.From, dir)
			}
		}
		v := &RedirectView{Lang: r.loc.Lang(), To: rootOf(file) + to, Canonical: r.abs(to)}
		var buf bytes.Buffer
		if err := t.Execute(&buf, v); err != nil {
			return fmt.Errorf("render %s with redirect.html: %w", file, err)
		}
		r.out.put(file, buf.Bytes())
	}
	return nil
}

// redirectsFile writes Netlify's _redirects: for each alias and language, a permanent
// redirect from the old path to the page. The rules are forced ("301!") because a fallback
// page exists at every old path, and Netlify serves an existing file before a plain rule.
// Netlify passes the query string on to the target by itself, so the rules name none. Paths
// are from the root of the published folder, which Netlify serves at the root of the host.
func (r *renderer) redirectsFile() {
	var b bytes.Buffer
	b.WriteString("# Old addresses of pages (aliases in content/), written by atlas build; see docs/urls.md.\n")
	for _, rd := range Redirects(r.a.Site) {
		for _, l := range r.locs {
			fmt.Fprintf(&b, "/%s  /%s  301!\n", l.Dir()+rd.From, l.Dir()+rd.To)
		}
	}
	// Until 2026-12 every language had share cards of its own; one card now serves them all.
	b.WriteString("# Share cards of other languages, now one card for all (docs/urls.md).\n")
	for _, l := range r.locs {
		if l.Dir() == "" {
			continue
		}
		for _, dir := range []string{model.UnitsDir, model.ProvincesDir} {
			fmt.Fprintf(&b, "/%s%s:code/%s  /%s:code/%s  301\n", l.Dir(), dir, model.CardPath(""), dir, model.CardPath(""))
		}
	}
	r.out.put(model.RedirectsFile, b.Bytes())
}
