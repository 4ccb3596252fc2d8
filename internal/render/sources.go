package render

import "github.com/ntm-atlas/atlas/internal/model"

// sources writes the page of the data's sources and licences (sources.html).
func (r *renderer) sources() error {
	pg := r.page("sources", model.SourcesDir, r.loc.Phrase("sources.title"))
	pg.Description = r.loc.Phrase("sources.description")
	return r.write("sources.html", pg)
}
