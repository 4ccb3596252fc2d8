package render

import (
	"bytes"
	"fmt"
	"html/template"
	"path"

	"github.com/ntm-atlas/atlas/internal/model"
)

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
	for _, rd := range model.Redirects(r.a.Site) {
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
	for _, rd := range model.Redirects(r.a.Site) {
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
	// Netlify serves the root's 404.html at any missing path; a reader lost below a language's
	// folder gets that language's. Netlify takes the first rule that matches, so these come
	// last: before them, "/en/*" would answer the English card paths above with a 404. Not
	// forced, they apply only where no file is.
	b.WriteString("# A missing page below a language's folder gets that language's 404 page.\n")
	for _, l := range r.locs {
		if l.Dir() == "" {
			continue
		}
		fmt.Fprintf(&b, "/%s*  /%s  404\n", l.Dir(), model.NotFoundPath(l.Lang()))
	}
	r.out.put(model.RedirectsFile, b.Bytes())
}
