package render

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// ShardPrefix is the shard key of length n of a folded word: its first n letters, or the
// whole word and "_" when it is shorter (an exact word). A word that does not begin with n
// letters a–z or digits, the word's end aside, has none.
func ShardPrefix(word string, n int) string {
	alnum := func(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }
	for i := 0; i < n; i++ {
		if i == len(word) {
			if i == 0 {
				return ""
			}
			return word + "_"
		}
		if !alnum(word[i]) {
			if i == 0 {
				return ""
			}
			return word[:i] + "_"
		}
	}
	return word[:n]
}

// Shards start at two letters; a shard with more entries than maxShard is split by one more
// letter, up to maxPrefix letters, so that no query downloads a large file.
const (
	minPrefix = 2
	maxPrefix = 4
	maxShard  = 900
)

// SearchManifest lists the shards of the search index.
type SearchManifest struct {
	Version int      `json:"v"`
	Shards  []string `json:"s"` // the prefixes, sorted
	Entries int      `json:"n"` // entries in the whole index
}

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
	// Status is a current unit's class on the map (status.Class), or a former unit's: the
	// class of its highest recognition's rank, or formerNone; the search page names it.
	Status string   `json:"s"`
	Year   int      `json:"y,omitempty"` // the year of a former unit's highest recognition, if known
	Key    string   `json:"k"`           // vi.Fold(Name)
	Keys   []string `json:"x,omitempty"` // vi.Fold of the other names, aliases, district and province
	// shardKeys are the keys whose words put the entry in a shard: its name, code, other names
	// and aliases, but not its district or province, which every entry of them shares.
	shardKeys []string
}

// shards splits the index by the ShardPrefix of every word of each entry's shard keys,
// keeping the index's order within each shard; see maxShard.
func (ix *SearchIndex) shards() map[string][]SearchEntry {
	out := map[string][]SearchEntry{}
	var split func(n int, es []SearchEntry, within string)
	split = func(n int, es []SearchEntry, within string) {
		part := map[string][]SearchEntry{}
		for _, e := range es {
			seen := map[string]bool{}
			for _, k := range e.shardKeys {
				for _, w := range strings.Fields(k) {
					p := ShardPrefix(w, n)
					if p != "" && strings.HasPrefix(p, within) && !seen[p] {
						seen[p] = true
						part[p] = append(part[p], e)
					}
				}
			}
		}
		for p, es := range part {
			if len(es) > maxShard && n < maxPrefix && !strings.HasSuffix(p, "_") {
				split(n+1, es, p)
			} else {
				out[p] = es
			}
		}
	}
	split(minPrefix, ix.Units, "")
	return out
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
		e := SearchEntry{Name: u.Name, Type: u.Type, Code: u.Code, Province: province(u.Province), Path: model.UnitPath(u.Code), Status: string(status.NoData)}
		var keys []string
		if st := r.a.Statuses[u.Code]; st != nil {
			e.Status = string(st.Class)
			for _, f := range st.Formers {
				e.Others = append(e.Others, f.Unit.FullName())
				keys = append(keys, f.Unit.Name)
			}
		}
		own := append(keys, u.Aliases...)
		e.finish(append(own, e.Province))
		e.shardKeys = append(e.nameKeys(), foldAll(own)...)
		es = append(es, e)
	}
	for _, f := range r.a.Site.Former {
		e := SearchEntry{Name: f.Name, Type: f.Type, Former: true, Code: f.Code, Province: province(f.Province), District: f.District, Path: model.FormerPath(f.Key()), Status: formerNone}
		if best, l := r.a.Best(f); l != nil {
			e.Status, e.Year = string(status.RankClass(l.Rank)), best.Year
		}
		var keys []string
		for _, u := range r.a.Successors[f.Key()] {
			e.Others = append(e.Others, u.FullName())
			keys = append(keys, u.Name)
		}
		own := append(keys, f.Aliases...)
		e.finish(append(own, f.District, e.Province))
		e.shardKeys = append(e.nameKeys(), foldAll(own)...)
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

// nameKeys are the shard keys of the entry's own name and code: its folded name, the same
// without spaces when it has any (readers type "chiengco" for Chiềng Cọ, and the search page
// then looks in the shard of "chiengco"), and its code.
func (e *SearchEntry) nameKeys() []string {
	keys := []string{e.Key, e.Code}
	if c := strings.ReplaceAll(e.Key, " ", ""); c != e.Key {
		keys = append(keys, c)
	}
	return keys
}

// formerNone is the search index's status of a former unit with no recognition.
const formerNone = "none"

// searchStatuses names each status of the search index in the language being rendered, as
// JSON for the search page's script.
func (r *renderer) searchStatuses() string {
	names := map[string]string{formerNone: r.loc.Phrase("status.no_recognition")}
	for _, c := range r.classOrder() {
		names[string(c)] = r.classLabel(c).Value
	}
	b, _ := json.Marshal(names) // a map of strings always marshals
	return string(b)
}

// foldAll folds each of names with vi.Fold.
func foldAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = vi.Fold(n)
	}
	return out
}

// SearchData is the search page's data.
type SearchData struct {
	Index       string // the index's URL, relative to the page
	UnitsHref   string // the A–Z lists, for readers without JavaScript
	FormersHref string
	Statuses    string // the names of the index's statuses (searchStatuses)
}

// search writes the search page and, once for all languages, the index it fetches.
func (r *renderer) search() error {
	if r.loc == r.locs[0] {
		ix := r.searchIndex()
		shards := ix.shards()
		m := SearchManifest{Version: 2, Entries: len(ix.Units)}
		for p, es := range shards {
			b, err := json.Marshal(&SearchIndex{Version: 2, Units: es})
			if err != nil {
				return err
			}
			r.out.put(model.SearchShardPath(p), append(b, '\n'))
			m.Shards = append(m.Shards, p)
		}
		sort.Strings(m.Shards)
		b, err := json.Marshal(&m)
		if err != nil {
			return err
		}
		r.out.put(model.SearchIndexPath, append(b, '\n'))
	}
	pg := r.page("search", model.SearchDir, r.loc.Phrase("search.title"))
	pg.Description = r.loc.Phrase("search.description")
	pg.Data = &SearchData{Index: pg.Root + model.SearchIndexPath, UnitsHref: pg.Home + model.UnitsDir, FormersHref: pg.Home + model.FormerDir, Statuses: r.searchStatuses()}
	return r.write("search.html", pg)
}
