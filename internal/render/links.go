package render

// links is the last step of each language's pages: the Atom feeds of the language and the
// fallback pages at old paths; after the last language, when every page is written, the
// files that list them: _redirects, sitemap.xml and robots.txt.
func (r *renderer) links() error {
	if err := r.feeds(); err != nil {
		return err
	}
	if err := r.fallbacks(); err != nil {
		return err
	}
	if r.loc != r.locs[len(r.locs)-1] {
		return nil
	}
	r.redirectsFile()
	if err := r.sitemap(); err != nil {
		return err
	}
	r.robots()
	return nil
}
