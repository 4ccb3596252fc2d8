package render

import (
	"sort"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// AreaView is a district's or a whole former province's recognition in words: the province
// page lists them, a former commune's page names the one it met the standard through, and the
// year pages list those of each year.
type AreaView struct {
	Name     string    // "Huyện Mộc Châu", "tỉnh Hà Nam (cũ)"
	Scope    string    // model.ScopeDistrict or model.ScopeProvince
	Level    i18n.Text // the level every commune of it met
	When     string    // "11/2019", "2019"
	Year     int
	Kind     string    // what the source is, in words: "quyết định", "báo cáo"
	Decision i18n.Text // the decision as written, or empty
	Source   Link
	Archive  string // an archived copy of the source, or ""
	Communes int    // the former communes (xã) it gives a status to
	Note     i18n.Text
}

// areaName names the area of a recognition filed in province p: its district as the former
// districts table names it (else as the source does), or the former province it covers.
func (r *renderer) areaName(p *model.Province, ar *model.AreaRecognition) string {
	return r.loc.AreaName(p, ar, r.a.District(ar.DistrictCode))
}

// areaView is an area recognition of province p in words.
func (r *renderer) areaView(p *model.Province, ar *model.AreaRecognition) AreaView {
	v := AreaView{
		Name: r.areaName(p, ar), Scope: ar.Scope, Year: ar.Year, When: r.loc.MonthYear(ar.Year, ar.Month),
		Kind:     r.loc.Phrase("kind." + ar.KindOf()),
		Decision: r.loc.Local("", ar.Decision), Source: Link{Href: ar.SourceURL, Title: ar.Source},
		Archive: ar.ArchiveURL, Communes: len(r.a.Covered(ar)), Note: r.loc.Local(ar.NoteEn, ar.Note),
		Level: i18n.Text{Value: ar.Level},
	}
	if ar.Source == "" {
		v.Source.Title = host(ar.SourceURL)
	} else {
		name := r.loc.Local(ar.SourceEn, ar.Source)
		v.Source.Title, v.Source.Lang = name.Value, name.Lang
	}
	if l := r.a.Level(ar.CriteriaSet, ar.Level); l != nil {
		v.Level = r.loc.LevelName(l)
	}
	return v
}

// provinceAreas are the area recognitions of p in words, oldest first.
func (r *renderer) provinceAreas(p *model.Province) []AreaView {
	var out []AreaView
	for _, ar := range p.Areas {
		out = append(out, r.areaView(p, ar))
	}
	sortAreas(out)
	return out
}

// sortAreas orders area views by year, then name.
func sortAreas(vs []AreaView) {
	sort.SliceStable(vs, func(i, j int) bool {
		if vs[i].Year != vs[j].Year {
			return vs[i].Year < vs[j].Year
		}
		return vs[i].Name < vs[j].Name
	})
}

// RevocationView is a revocation in words.
type RevocationView struct {
	Level    i18n.Text
	When     string
	Kind     string
	Decision i18n.Text
	Source   Link
	Archive  string
	Note     i18n.Text
}

// revocationViews are f's revocations in words, oldest first.
func (r *renderer) revocationViews(f *model.FormerUnit) []RevocationView {
	var out []RevocationView
	for _, v := range f.Revocations {
		rv := RevocationView{When: r.loc.MonthYear(v.Year, v.Month), Kind: r.loc.Phrase("kind." + v.KindOf()),
			Decision: r.loc.Local("", v.Decision), Source: Link{Href: v.SourceURL, Title: host(v.SourceURL)},
			Archive: v.ArchiveURL, Note: r.loc.Local(v.NoteEn, v.Note), Level: i18n.Text{Value: v.Level}}
		if l := r.a.Level(v.CriteriaSet, v.Level); l != nil {
			rv.Level = r.loc.LevelName(l)
		}
		out = append(out, rv)
	}
	return out
}

// creditAreas are the area recognitions that give f a status, in words, oldest first, each
// saying whether a revocation ended it.
func (r *renderer) creditAreas(f *model.FormerUnit) []AreaView {
	var out []AreaView
	for _, d := range r.a.Credits(f) {
		if d.Basis == status.BasisOwn {
			continue
		}
		out = append(out, r.areaView(d.AreaOf, d.Area))
	}
	return out
}
