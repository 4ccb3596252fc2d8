package render

// links comes after every language's pages: each language's Atom feeds and fallback pages
// at old paths, then the files that list them all: _redirects, sitemap.xml and robots.txt.
func (r *renderer) links() error {
	for _, loc := range r.locs {
		r.loc, r.base, r.cache = loc, nil, nil
		if err := r.feeds(); err != nil {
			return err
		}
		if err := r.fallbacks(); err != nil {
			return err
		}
	}
	r.redirectsFile()
	if err := r.sitemap(); err != nil {
		return err
	}
	r.robots()
	return nil
}
