package render

import (
	"encoding/json"

	"github.com/ntm-atlas/atlas/internal/vi"
)

// searchDir is the search page's folder.
const searchDir = "tim-kiem/"

// SearchIndexPath is the path of the search index, relative to the site root. It is one file
// for every language: the search pages fetch it on first use and link each entry below their
// own language's home. Its format is documented in docs/urls.md.
const SearchIndexPath = searchDir + "index.json"

// SearchIndex is the search index: every current and former unit, in Vietnamese
// alphabetical order of name and type, current units before former ones of the same name.
type SearchIndex struct {
	Version int           `json:"v"`
	Units   []SearchEntry `json:"units"`
}

// SearchEntry is one unit in the search index. The JSON names are one letter because phones on
// slow networks fetch the file; docs/urls.md lists them.
//
// The search keys are folded with vi.Fold at build time, so the script that searches needs only
// fold the reader's query the same way.
type SearchEntry struct {
	Name     string   `json:"n"`           // the name without its type: "Chiềng Cọ"
	Type     string   `json:"t"`           // "Xã", "Phường", …
	Former   bool     `json:"f,omitempty"` // a former unit; false for a current one
	Code     string   `json:"c"`           // the official code
	Province string   `json:"p"`           // the province's name: "Sơn La"
	District string   `json:"d,omitempty"` // a former unit's district
	Others   []string `json:"o,omitempty"` // a current unit's former units; a former unit's current successors (full names)
	Path     string   `json:"u"`           // the unit's page, relative to the site root (or to en/)
	Key      string   `json:"k"`           // vi.Fold(Name)
	Keys     []string `json:"x,omitempty"` // vi.Fold of the other names, aliases, district and province
}

// searchIndex builds the index of every unit of the atlas.
func (r *renderer) searchIndex() *SearchIndex {
	province := func(code string) string {
		if p := r.a.Index.Provinces[code]; p != nil {
			return p.Name
		}
		return ""
	}
	var es []SearchEntry
	for _, u := range r.a.Site.Units {
		e := SearchEntry{Name: u.Name, Type: u.Type, Code: u.Code, Province: province(u.Province), Path: UnitPath(u.Code)}
		var keys []string
		if st := r.a.Statuses[u.Code]; st != nil {
			for _, f := range st.Formers {
				e.Others = append(e.Others, f.Unit.FullName())
				keys = append(keys, f.Unit.Name)
			}
		}
		e.finish(append(append(keys, u.Aliases...), e.Province))
		es = append(es, e)
	}
	for _, f := range r.a.Site.Former {
		e := SearchEntry{Name: f.Name, Type: f.Type, Former: true, Code: f.Code, Province: province(f.Province), District: f.District, Path: FormerPath(f.Key())}
		var keys []string
		for _, u := range r.a.Successors[f.Key()] {
			e.Others = append(e.Others, u.FullName())
			keys = append(keys, u.Name)
		}
		e.finish(append(append(keys, f.Aliases...), f.District, e.Province))
		es = append(es, e)
	}
	// Units come by code, current before former; a stable sort by name keeps that order
	// among equal names, so the same content always gives the same bytes.
	vi.SortFunc(es, func(e SearchEntry) string { return e.Name + " " + e.Type })
	return &SearchIndex{Version: 1, Units: es}
}

// finish sets the entry's search keys: its folded name, and the folded forms of others
// without repeats or empties.
func (e *SearchEntry) finish(others []string) {
	e.Key = vi.Fold(e.Name)
	seen := map[string]bool{e.Key: true}
	for _, s := range others {
		k := vi.Fold(s)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		e.Keys = append(e.Keys, k)
	}
}

// SearchData is the search page's data.
type SearchData struct {
	Index       string // the index's URL, relative to the page
	UnitsHref   string // the A–Z lists, for readers without JavaScript
	FormersHref string
}

// search writes the search page and, once for all languages, the index it fetches.
func (r *renderer) search() error {
	if r.loc == r.locs[0] {
		b, err := json.Marshal(r.searchIndex())
		if err != nil {
			return err
		}
		r.out[SearchIndexPath] = append(b, '\n')
	}
	pg := r.page("search", searchDir, r.loc.t("search.title"))
	pg.Description = r.loc.t("search.description")
	pg.Data = &SearchData{Index: pg.Root + SearchIndexPath, UnitsHref: pg.Home + unitsDir, FormersHref: pg.Home + formerDir}
	return r.write("search.html", pg)
}
