package render

import "github.com/ntm-atlas/atlas/internal/model"

// CriteriaData is a criteria set page's data.
type CriteriaData struct {
	Set  *model.CriteriaSet
	Sets []Link
}

// criteriaSet writes a criteria set's page (criteria.html, at model.CriteriaPath).
func (r *renderer) criteriaSet(cs *model.CriteriaSet) error {
	pg := r.page("criteria", model.CriteriaPath(cs.ID), r.loc.Phrase("criteria.title", cs.ID))
	pg.Description = r.loc.Local(cs.NameEn, cs.Name).Value + " (" + cs.Decision + ")."
	pg.Data = &CriteriaData{Set: cs}
	return r.write("criteria.html", pg)
}

// criteriaList writes the list of criteria sets (criteria-list.html).
func (r *renderer) criteriaList() error {
	pg := r.page("criteria-list", model.CriteriaDir, r.loc.Phrase("criteria.list_title"))
	pg.Description = r.loc.Phrase("criteria.list_description")
	pg.Data = r.a.Site.CriteriaSets
	return r.write("criteria-list.html", pg)
}
