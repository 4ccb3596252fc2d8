package render

import (
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// ListData is an A–Z list page's data: on the national page (xa/, xa-cu/) the provinces,
// each linking to its own list; on a province's page (tinh/<code>/xa/, tinh/<code>/xa-cu/)
// its units. Split so, no list a phone downloads grows with the size of the country.
type ListData struct {
	Province  *Link // the province whose units are listed; nil on the national page
	National  string
	Provinces []ListCount
	Rows      []UnitRow
	Table     *MapTable // a province's current units: its map's table, A–Z
}

// ListCount is a province on a national list page.
type ListCount struct {
	Href  string
	Name  string
	Count int
}

// lists writes the national A–Z pages of current and former units and each province's.
func (r *renderer) lists() error {
	s := r.a.Site
	units, formers := map[string][]*model.Unit{}, map[string][]*model.FormerUnit{}
	for _, u := range s.Units {
		units[u.Province] = append(units[u.Province], u)
	}
	for _, f := range s.Former {
		formers[f.Province] = append(formers[f.Province], f)
	}
	for _, kind := range []string{"units", "formers"} {
		dir := model.UnitsDir
		if kind == "formers" {
			dir = model.FormerDir
		}
		pg := r.page(kind, dir, r.loc.Phrase(kind+".title"))
		pg.Description = r.loc.Phrase(kind + ".description")
		d := &ListData{}
		for _, p := range s.Provinces {
			n := len(units[p.Code])
			if kind == "formers" {
				n = len(formers[p.Code])
			}
			d.Provinces = append(d.Provinces, ListCount{Href: pg.Home + model.ProvincePath(p.Code) + dir, Name: r.loc.ProvinceName(p), Count: n})
		}
		vi.SortFunc(d.Provinces, func(c ListCount) string { return c.Name })
		pg.Data = d
		if err := r.write(kind+".html", pg); err != nil {
			return err
		}
	}
	for _, p := range s.Provinces {
		if err := r.unitList(p, units[p.Code]); err != nil {
			return err
		}
		if err := r.formerList(p, formers[p.Code]); err != nil {
			return err
		}
	}
	return nil
}

// unitList writes a province's A–Z list of current units.
func (r *renderer) unitList(p *model.Province, units []*model.Unit) error {
	name := r.loc.ProvinceName(p)
	pg := r.page("units", model.ProvincePath(p.Code)+model.UnitsDir, r.loc.Phrase("units.province_title", name))
	pg.Card = model.CardPath(model.ProvincePath(p.Code))
	pg.Description = r.loc.Phrase("units.province_description", name)
	d := &ListData{Province: &Link{Href: pg.Home + model.ProvincePath(p.Code), Title: name}, National: pg.Home + model.UnitsDir}
	d.Table = &MapTable{
		Caption: r.loc.Phrase("table.caption_name", name),
		Rows:    r.mapRows(units, pg.Home, true),
		Since:   true,
		Orders: []Link{
			{Href: pg.Home + model.ProvincePath(p.Code) + "#table", Title: r.loc.Phrase("table.by_status")},
			{Title: r.loc.Phrase("table.by_name")},
		},
		CSV: pg.Root + model.DataPath(p.Code, "csv"),
	}
	if r.opts.Maps[p.Code] != nil { // a province without boundaries has no map to download
		d.Table.GeoJSON = pg.Root + model.MapDataPath(p.Code, false)
	}
	pg.Data = d
	return r.write("units.html", pg)
}

// formerList writes a province's A–Z list of former units: those that lie in it today.
func (r *renderer) formerList(p *model.Province, formers []*model.FormerUnit) error {
	name := r.loc.ProvinceName(p)
	pg := r.page("formers", model.ProvincePath(p.Code)+model.FormerDir, r.loc.Phrase("formers.province_title", name))
	pg.Card = model.CardPath(model.ProvincePath(p.Code))
	pg.Description = r.loc.Phrase("formers.province_description", name)
	d := &ListData{Province: &Link{Href: pg.Home + model.ProvincePath(p.Code), Title: name}, National: pg.Home + model.FormerDir}
	for _, f := range formers {
		status := r.formerStatus(f)
		d.Rows = append(d.Rows, UnitRow{Href: pg.Home + model.FormerPath(f.Key()), Name: f.Name, Code: f.Code, Type: f.Type, District: r.formerPlace(f), Status: status})
	}
	vi.SortFunc(d.Rows, func(x UnitRow) string { return x.Name + " " + x.District })
	pg.Data = d
	return r.write("formers.html", pg)
}

// formerLabel is a former unit's name with where it lay, "Xã Chiềng Xôm (Thành phố Sơn La)",
// or its name alone when the data does not say.
func (r *renderer) formerLabel(f *model.FormerUnit) string {
	if p := r.formerPlace(f); p != "" {
		return f.FullName() + " (" + p + ")"
	}
	return f.FullName()
}

// formerPlace tells a former unit apart from others of its name: its district, and the
// province it belonged to when that was merged into another.
func (r *renderer) formerPlace(f *model.FormerUnit) string {
	switch {
	case f.District != "" && f.OldProvince != "":
		return f.District + ", " + r.loc.Phrase("formers.old_province", f.OldProvince)
	case f.OldProvince != "":
		return r.loc.Phrase("formers.old_province", f.OldProvince)
	}
	return f.District
}

// formerStatus is a former unit's status in a list, in words (i18n.Locale.FormerStatus).
func (r *renderer) formerStatus(f *model.FormerUnit) i18n.Text { return r.loc.FormerStatus(r.a, f) }
