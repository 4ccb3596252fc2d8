package render

import (
	"sort"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// mapTableID is the id of a map's table on its page (the "map-table" layout), where the map's
// skip link goes.
const mapTableID = "table"

// MapTable is the table view of a map of units: the data the map shows, one row per unit, in
// the order the server wrote (no script sorts it), with links to the same table in its other
// orders and to the downloads.
type MapTable struct {
	Caption string
	Rows    []MapRow
	Since   bool   // the table has the "since" column (not on year pages, whose slider changes the year)
	Orders  []Link // the table in its other orders; the current one has no Href
	CSV     string // the CSV download of the map's units
	GeoJSON string
	Note    string // a sentence after the links, or ""
}

// MapRow is one unit of a map's table.
type MapRow struct {
	Code   string
	Href   string
	Name   string
	Type   i18n.Text
	Class  string
	Status string // the status in words, as the map's tooltip says it
	Since  string // since when it met the standard, or ""
}

// mapRows are the rows of the table of units, linked below home, in the order of the
// legend (most important status first), A–Z within each status; byName orders them A–Z.
func (r *renderer) mapRows(units []*model.Unit, home string, byName bool) []MapRow {
	rank := map[string]int{}
	for i, c := range r.classOrder() {
		rank[string(c)] = i
	}
	rows := make([]MapRow, 0, len(units))
	for _, u := range units {
		st := r.a.Statuses[u.Code]
		rows = append(rows, MapRow{Code: u.Code, Href: home + model.UnitPath(u.Code), Name: u.Name, Type: r.loc.UnitType(u.Type),
			Class: string(st.Class), Status: r.loc.StatusText(st), Since: r.answer(u, st, home).Short})
	}
	vi.SortFunc(rows, func(x MapRow) string { return x.Name + " " + r.a.Index.Units[x.Code].Type })
	if !byName {
		sort.SliceStable(rows, func(i, j int) bool { return rank[rows[i].Class] < rank[rows[j].Class] })
	}
	return rows
}

// yearRows are the rows of a year page's table: its units A–Z, with their status at the end
// of year y, which the slider updates in place.
func (r *renderer) yearRows(units []*model.Unit, home string, y *status.Year) []MapRow {
	rows := make([]MapRow, 0, len(units))
	for _, u := range units {
		st := y.Statuses[u.Code]
		rows = append(rows, MapRow{Code: u.Code, Href: home + model.UnitPath(u.Code), Name: u.Name, Type: r.loc.UnitType(u.Type),
			Class: string(st.Class), Status: r.loc.StatusText(st)})
	}
	vi.SortFunc(rows, func(x MapRow) string { return x.Name + " " + r.a.Index.Units[x.Code].Type })
	return rows
}

// mapTable is the table of a province's map of its units, on a page with the given root and
// home: in the legend's order, linking the A–Z list (the same rows A–Z) and the downloads.
func (r *renderer) mapTable(p *model.Province, units []*model.Unit, root, home string) *MapTable {
	return &MapTable{
		Caption: r.loc.Phrase("table.caption", r.loc.ProvinceName(p)),
		Rows:    r.mapRows(units, home, false),
		Since:   true,
		Orders: []Link{
			{Title: r.loc.Phrase("table.by_status")},
			{Href: home + model.ProvincePath(p.Code) + model.UnitsDir, Title: r.loc.Phrase("table.by_name")},
		},
		CSV:     root + model.DataPath(p.Code, "csv"),
		GeoJSON: root + model.MapDataPath(p.Code, false),
	}
}
