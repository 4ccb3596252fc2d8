package render

import "github.com/ntm-atlas/atlas/internal/model"

// notFound writes 404.html (en/404.html in English). A host serves it at any missing path, so
// its links start from the base URL's path rather than being relative to the page.
func (r *renderer) notFound() error {
	pg := r.page("404", model.NotFoundFile, r.loc.Phrase("not_found.title"))
	pg.Description = r.loc.Phrase("not_found.description")
	return r.write("404.html", pg)
}
