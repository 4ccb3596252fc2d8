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
// letter, up to maxPrefix letters or the whole word ("thanh_"), so that no query downloads a
// large file. An exact word that still has too many (Thanh, Tân, Hoà: hundreds of units each)
// is split by the next word's first letters, up to nextPrefix ("tan_b", "tan_bi"); its own
// shard then holds the entries a query of that word alone shows first (summaryMax, ranked as
// search.js ranks them). An entry whose key ends with the word is in no next word's shard: a
// query of the word and another cannot match it there, and one of the word alone is answered
// by the summary.
const (
	minPrefix  = 2
	maxPrefix  = 8
	nextPrefix = 3
	maxShard   = 700
	summaryMax = 150
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
	// level of its highest recognition in the set it was recognised by (levelKey), or
	// formerNone, formerArea, formerLost; the search page names it.
	Status string   `json:"s"`
	Year   int      `json:"y,omitempty"` // the year of a former unit's highest recognition, if known
	Key    string   `json:"k"`           // vi.Fold(Name)
	Keys   []string `json:"x,omitempty"` // vi.Fold of the other names, aliases, district and province
	// shardKeys are the keys whose words put the entry in a shard: its name, code, other names
	// and aliases, but not its district or province, which every entry of them shares.
	shardKeys []string
}

// occurrence is a word of one of an entry's shard keys: the entry, the key's words, and the
// word's place among them.
type occurrence struct {
	entry int
	words []string
	at    int
}

// shards splits the index by the ShardPrefix of every word of each entry's shard keys, and
// where that is not enough by the next word's, keeping the index's order within each shard;
// see maxShard.
func (ix *SearchIndex) shards() map[string][]SearchEntry {
	var all []occurrence
	for i, e := range ix.Units {
		for _, k := range e.shardKeys {
			words := strings.Fields(k)
			for j := range words {
				all = append(all, occurrence{i, words, j})
			}
		}
	}
	out := map[string][]SearchEntry{}
	// group files each occurrence by key(o), once per entry and key, in the index's order.
	group := func(occs []occurrence, key func(o occurrence) string) (map[string][]occurrence, []string) {
		part := map[string][]occurrence{}
		seen := map[string]map[int]bool{}
		var keys []string
		for _, o := range occs {
			k := key(o)
			if k == "" {
				continue
			}
			if seen[k] == nil {
				seen[k] = map[int]bool{}
				keys = append(keys, k)
			}
			if !seen[k][o.entry] {
				seen[k][o.entry] = true
				part[k] = append(part[k], o)
			}
		}
		sort.Strings(keys)
		return part, keys
	}
	entries := func(occs []occurrence) []SearchEntry {
		es := make([]SearchEntry, 0, len(occs))
		for _, o := range occs {
			es = append(es, ix.Units[o.entry])
		}
		return es // in the index's order: group keeps it
	}
	var byNext func(p string, m int, occs []occurrence, within string)
	byNext = func(p string, m int, occs []occurrence, within string) {
		part, keys := group(occs, func(o occurrence) string {
			if o.at+1 == len(o.words) {
				// The word is the key's last: a query of the word alone shows the summary,
				// and one with a next word cannot match here. No shard is needed.
				return ""
			}
			if k := p + ShardPrefix(o.words[o.at+1], m); strings.HasPrefix(k, within) {
				return k
			}
			return ""
		})
		for _, k := range keys {
			if len(part[k]) > maxShard && m < nextPrefix && !strings.HasSuffix(k, "_") {
				byNext(p, m+1, part[k], k)
			} else {
				out[k] = entries(part[k])
			}
		}
	}
	var byWord func(n int, occs []occurrence, within string)
	byWord = func(n int, occs []occurrence, within string) {
		part, keys := group(occs, func(o occurrence) string {
			if k := ShardPrefix(o.words[o.at], n); strings.HasPrefix(k, within) {
				return k
			}
			return ""
		})
		for _, k := range keys {
			switch {
			case len(part[k]) <= maxShard:
				out[k] = entries(part[k])
			case strings.HasSuffix(k, "_"):
				out[k] = ix.summary(entries(part[k]), strings.TrimSuffix(k, "_"))
				byNext(k, 1, part[k], k)
			case n < maxPrefix:
				byWord(n+1, part[k], k)
			default:
				out[k] = entries(part[k])
			}
		}
	}
	byWord(minPrefix, all, "")
	return out
}

// summary is the shard of an exact word split by the next word: the summaryMax entries a
// query of that word alone shows first, as search.js ranks them.
func (ix *SearchIndex) summary(es []SearchEntry, word string) []SearchEntry {
	type hit struct {
		e    SearchEntry
		r, i int
	}
	var hits []hit
	for i, e := range es {
		r := searchRank(e, word)
		if r < 0 {
			continue
		}
		r *= 2
		if e.Former {
			r++
		}
		hits = append(hits, hit{e, r, i})
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].r < hits[b].r })
	if len(hits) > summaryMax {
		hits = hits[:summaryMax]
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].i < hits[b].i })
	out := make([]SearchEntry, len(hits))
	for i, h := range hits {
		out[i] = h.e
	}
	return out
}

// searchRank is search.js's rank of an entry for the folded query q: matches of its name or
// code first (0–3), then of its other keys (4–7); -1 when nothing matches.
func searchRank(e SearchEntry, q string) int {
	at := func(key string) int {
		i := strings.Index(key, q)
		if i < 0 {
			k, c := strings.ReplaceAll(key, " ", ""), strings.ReplaceAll(q, " ", "")
			switch j := strings.Index(k, c); {
			case j < 0:
				return -1
			case j > 0:
				return 3
			case len(k) == len(c):
				return 0
			}
			return 1
		}
		switch {
		case i == 0 && len(key) == len(q):
			return 0
		case i == 0:
			return 1
		case strings.Contains(key, " "+q):
			return 2
		}
		return 3
	}
	r := at(e.Key)
	if c := at(e.Code); c >= 0 && (r < 0 || c < r) {
		r = c
	}
	if r >= 0 {
		return r
	}
	for _, k := range e.Keys {
		if o := at(k); o >= 0 && (r < 0 || o+4 < r) {
			r = o + 4
		}
	}
	return r
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
		switch c := r.a.Standing(f); {
		case c != nil && c.Basis == status.BasisOwn:
			e.Status, e.Year = levelKey(r.a.Site, c.Level), c.Year
		case c != nil:
			e.Status, e.Year = formerArea, c.Year
		case r.a.Lost(f) != nil:
			e.Status, e.Year = formerLost, r.a.Lost(f).Year
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

// The search index's statuses of a former unit without a standing of its own: no
// recognition, met only through its district's or province's recognition, lost.
const (
	formerNone = "none"
	formerArea = "area"
	formerLost = "lost"
)

// searchStatuses names each status of the search index in the language being rendered, as
// JSON for the search page's script.
func (r *renderer) searchStatuses() string {
	names := map[string]string{formerNone: r.loc.Phrase("status.no_recognition"),
		formerArea: r.loc.Phrase("status.area"), formerLost: r.loc.Phrase("status.lost_short")}
	for _, c := range r.classOrder() {
		names[string(c)] = r.classLabel(c).Value
	}
	// A former commune's recognition is named as its set named it: a rank's name changes
	// from set to set ("nâng cao" in 2016–2020, "hiện đại" from 2026).
	for _, set := range r.a.Site.CriteriaSets {
		for _, l := range set.Levels {
			names[levelKey(r.a.Site, l)] = r.loc.Local(l.NameEn, l.Name).Value
		}
	}
	b, _ := json.Marshal(names) // a map of strings always marshals
	return string(b)
}

// levelKey is the search index's status of a recognition at level l: its set's id and the
// level's, "2016-2020/advanced".
func levelKey(s *model.Site, l *model.Level) string {
	for _, set := range s.CriteriaSets {
		for _, sl := range set.Levels {
			if sl == l {
				return set.ID + "/" + l.ID
			}
		}
	}
	return string(status.RankClass(l.Rank)) // a level of no set: named by its rank
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
