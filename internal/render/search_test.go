package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"path"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/ntm-atlas/atlas/internal/vi"
	"golang.org/x/text/unicode/norm"
)

// searchSite is a small atlas for the search index: a ward formed from two former communes,
// one of them with an old tone placement (Hoà), a commune whose former one ended before the
// reform, and a name in NFD.
func searchSite() *status.Atlas {
	until := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	s := &model.Site{
		Config:    model.Config{Title: "Atlas", BaseURL: "https://example.org/", Language: "vi", Province: "14"},
		Provinces: []*model.Province{{Code: "14", Name: "Sơn La", Type: "Tỉnh"}},
		Units: []*model.Unit{
			{Code: "03670", Name: "Chiềng Cơi", Type: "Phường", Province: "14"},
			{Code: "04075", Name: norm.NFD.String("Yên Châu"), Type: "Xã", Province: "14", Aliases: []string{"Yên Châu mới"}},
		},
		Former: []*model.FormerUnit{
			{Code: "03658", Name: "Chiềng Cọ", Type: "Xã", District: "Thành phố Sơn La", Province: "14", Until: model.ReformDate,
				Successors: []*model.Successor{{Code: "03670", Merge: "full"}}},
			{Code: "03670", Name: "Liên Hoà", Type: "Xã", District: "Thành phố Sơn La", Province: "14", Until: model.ReformDate,
				Successors: []*model.Successor{{Code: "03670", Merge: "full"}}},
			{Code: "04075", Name: "Viêng Lán", Type: "Xã", District: "Huyện Yên Châu", Province: "14", Until: until,
				Successors: []*model.Successor{{Code: "04075", Former: true}}},
			{Code: "04075", Name: "Yên Châu", Type: "Thị trấn", District: "Huyện Yên Châu", Province: "14", Until: model.ReformDate,
				Successors: []*model.Successor{{Code: "04075", Merge: "full"}}},
		},
	}
	return status.Derive(s)
}

func TestSearchIndex(t *testing.T) {
	files, err := Site(searchSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, ok := files[model.SearchIndexPath]
	if !ok {
		t.Fatalf("no %s written", model.SearchIndexPath)
	}
	var m SearchManifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", model.SearchIndexPath, err)
	}
	// Every shard the manifest names, and no other, is written; together they hold every
	// entry once, in the order of the index.
	shard := map[string][]SearchEntry{}
	var ix SearchIndex
	seen := map[string]bool{}
	for _, p := range m.Shards {
		var sh SearchIndex
		if err := json.Unmarshal(files[model.SearchShardPath(p)], &sh); err != nil {
			t.Fatalf("shard %s: %v", p, err)
		}
		shard[p] = sh.Units
		for _, e := range sh.Units {
			if !seen[e.Path] {
				seen[e.Path] = true
				ix.Units = append(ix.Units, e)
			}
		}
	}
	shardDir := path.Dir(model.SearchShardPath("x")) + "/" // the folder of the manifest and the shards
	for p := range files {
		if strings.HasPrefix(p, shardDir) && p != model.SearchIndexPath && shard[strings.TrimSuffix(strings.TrimPrefix(p, shardDir), ".json")] == nil {
			t.Errorf("%s is written but not in the manifest", p)
		}
	}
	order := map[string]int{}
	for i, e := range (&renderer{}).sortedForTest(ix.Units) {
		order[e.Path] = i
	}
	sort.SliceStable(ix.Units, func(i, j int) bool { return order[ix.Units[i].Path] < order[ix.Units[j].Path] })
	if got := paths(shard["li"]); !reflect.DeepEqual(got, []string{model.UnitPath("03670"), model.FormerPath("03670")}) {
		t.Errorf("shard li = %q: want Liên Hoà and Chiềng Cơi, formed from it", got)
	}
	if got := paths(shard["03"]); !reflect.DeepEqual(got, []string{model.FormerPath("03658"), model.UnitPath("03670"), model.FormerPath("03670")}) {
		t.Errorf("shard 03 (codes) = %q, want the 3 units whose code starts 03", got)
	}
	if _, ok := shard["so"]; ok {
		t.Error("a shard for the province's name: every entry of a province would be in it")
	}
	ix.Version = 1
	yen := norm.NFD.String("Yên Châu")
	want := []SearchEntry{
		{Name: "Chiềng Cọ", Type: "Xã", Former: true, Code: "03658", Province: "Sơn La", District: "Thành phố Sơn La", Status: "none",
			Others: []string{"Phường Chiềng Cơi"}, Path: model.FormerPath("03658"), Key: "chieng co", Keys: []string{"chieng coi", "thanh pho son la", "son la"}},
		{Name: "Chiềng Cơi", Type: "Phường", Code: "03670", Province: "Sơn La", Status: "no-data",
			Others: []string{"Xã Chiềng Cọ", "Xã Liên Hoà"}, Path: model.UnitPath("03670"), Key: "chieng coi", Keys: []string{"chieng co", "lien hoa", "son la"}},
		{Name: "Liên Hoà", Type: "Xã", Former: true, Code: "03670", Province: "Sơn La", District: "Thành phố Sơn La", Status: "none",
			Others: []string{"Phường Chiềng Cơi"}, Path: model.FormerPath("03670"), Key: "lien hoa", Keys: []string{"chieng coi", "thanh pho son la", "son la"}},
		{Name: "Viêng Lán", Type: "Xã", Former: true, Code: "04075", Province: "Sơn La", District: "Huyện Yên Châu", Status: "none",
			Others: []string{"Xã " + yen}, Path: model.FormerPath("04075-2025-02-01"), Key: "vieng lan", Keys: []string{"yen chau", "huyen yen chau", "son la"}},
		// Thị trấn sorts before Xã; the current unit (by code, first in the input) keeps its
		// place before the former one only where their names and types tie.
		{Name: "Yên Châu", Type: "Thị trấn", Former: true, Code: "04075", Province: "Sơn La", District: "Huyện Yên Châu", Status: "none",
			Others: []string{"Xã " + yen}, Path: model.FormerPath("04075"), Key: "yen chau", Keys: []string{"huyen yen chau", "son la"}},
		{Name: yen, Type: "Xã", Code: "04075", Province: "Sơn La", Status: "no-data",
			Others: []string{"Xã Viêng Lán", "Thị trấn Yên Châu"}, Path: model.UnitPath("04075"), Key: "yen chau", Keys: []string{"vieng lan", "yen chau moi", "son la"}},
	}
	if ix.Version != 1 {
		t.Errorf("version = %d, want 1", ix.Version)
	}
	if len(ix.Units) != len(want) {
		t.Fatalf("index has %d entries, want %d:\n%s", len(ix.Units), len(want), b)
	}
	for i, w := range want {
		if g := ix.Units[i]; !reflect.DeepEqual(g, w) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, g, w)
		}
	}

	// The keys are vi.Fold of the names, so the script needs to fold only the query.
	for _, e := range ix.Units {
		if e.Key != vi.Fold(e.Name) {
			t.Errorf("%s: key %q, want vi.Fold(name) = %q", e.Path, e.Key, vi.Fold(e.Name))
		}
		for _, k := range e.Keys {
			if k != vi.Fold(k) {
				t.Errorf("%s: key %q is not folded", e.Path, k)
			}
		}
	}

	// The same input gives the same bytes.
	again, err := Site(searchSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again[model.SearchShardPath("ch")], files[model.SearchShardPath("ch")]) || !bytes.Equal(again[model.SearchIndexPath], b) {
		t.Error("two renders of the same atlas wrote different search indexes")
	}
}

// TestSearchNameKeys checks that an entry is also filed under its name without spaces, the
// shard the search page looks in for "chiengco".
func TestSearchNameKeys(t *testing.T) {
	e := SearchEntry{Name: "Chiềng Cọ", Code: "03658", Key: "chieng co"}
	if got, want := e.nameKeys(), []string{"chieng co", "03658", "chiengco"}; !reflect.DeepEqual(got, want) {
		t.Errorf("nameKeys of Chiềng Cọ = %q, want %q", got, want)
	}
	e = SearchEntry{Name: "Mộc", Code: "1", Key: "moc"}
	if got, want := e.nameKeys(), []string{"moc", "1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("nameKeys of a one-word name = %q, want %q", got, want)
	}
}

func TestSearchPages(t *testing.T) {
	files, err := Site(searchSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var js string
	for p := range files {
		if strings.HasPrefix(p, model.ImmutableDir+"search.") && strings.HasSuffix(p, ".js") {
			js = p
		}
	}
	if js == "" {
		t.Fatalf("no fingerprinted %s written", model.AssetPath("search.js", "*"))
	}
	home := upFrom(model.PageFile(model.SearchDir)) // the way to the home of the page's language
	for _, tt := range []struct{ path, root, home string }{
		{pageFile("vi", model.SearchDir), upFrom(pageFile("vi", model.SearchDir)), home},
		{pageFile("en", model.SearchDir), upFrom(pageFile("en", model.SearchDir)), home}, // home: en/
	} {
		page := string(files[tt.path])
		for _, want := range []string{
			`<form role="search" class="search" id="search" action="./" method="get" data-index="` + tt.root + model.SearchIndexPath + `" data-home="` + tt.home + `"`,
			`<input type="search" id="q" name="q"`,
			`<label for="q">`,
			`<a href="` + tt.home + model.UnitsDir + `">`,
			`<a href="` + tt.home + model.FormerDir + `">`,
			`<noscript>`,
			`role="status"`,
			`<script src="` + tt.root + js + `" defer></script>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", tt.path, want)
			}
		}
	}
	// Every page's header links the search page of its language: from en/xa/03670/, ../../ is en/.
	unit := model.UnitPath("03670")
	if page := string(files[pageFile("en", unit)]); !strings.Contains(page, `<a href="`+upFrom(model.PageFile(unit))+model.SearchDir+`">Search</a>`) {
		t.Errorf("the English unit page's header does not link %s", model.LanguageDir("en")+model.SearchDir)
	}
}

// paths lists the entries' pages.
func paths(es []SearchEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Path)
	}
	return out
}

// sortedForTest orders entries as the index does: by name and type, stable.
func (*renderer) sortedForTest(es []SearchEntry) []SearchEntry {
	out := append([]SearchEntry(nil), es...)
	vi.SortFunc(out, func(e SearchEntry) string { return e.Name + " " + e.Type })
	return out
}

// TestSearchShardsDeep: an index where one word names far more units than a shard may hold
// (1,600 "Tân …" and 400 "… Tân") is split by the next word; no shard is over maxShard; a
// two-word query finds every unit in the shard search.js picks for it (shardFor), and a
// query of the word alone shows, from the word's own shard, the units the whole group would
// show first.
func TestSearchShardsDeep(t *testing.T) {
	var es []SearchEntry
	seconds := []string{"An", "Bình", "Châu", "Định", "Hòa", "Lập", "Phú", "Thành"}
	for i := 0; i < 1600; i++ {
		e := SearchEntry{Name: "Tân " + seconds[i%len(seconds)] + " " + strings.Repeat("x", 1+i/len(seconds)%7) + string(rune('a'+i%26)), Type: "Xã", Code: fmt.Sprintf("%05d", i), Former: i%3 == 0}
		e.finish(nil)
		e.shardKeys = e.nameKeys()
		es = append(es, e)
	}
	for i := 0; i < 400; i++ {
		e := SearchEntry{Name: seconds[i%len(seconds)] + " Tân", Type: "Phường", Code: fmt.Sprintf("%05d", 5000+i)}
		e.finish(nil)
		e.shardKeys = e.nameKeys()
		es = append(es, e)
	}
	vi.SortFunc(es, func(e SearchEntry) string { return e.Name + " " + e.Type })
	ix := &SearchIndex{Units: es}
	shards := ix.shards()
	var keys []string
	for k, s := range shards {
		keys = append(keys, k)
		if len(s) > maxShard {
			t.Errorf("shard %q has %d entries, over %d", k, len(s), maxShard)
		}
	}
	sort.Strings(keys)
	if _, ok := shards["tan_b"]; !ok {
		t.Fatalf("the word tan is not split by the next word: shards %v", keys)
	}
	if s := shards["tan_"]; len(s) != summaryMax {
		t.Errorf("the word's own shard holds %d entries, want the %d a query of it shows first", len(s), summaryMax)
	}
	for _, e := range es {
		words := strings.Fields(e.Key)
		q := words[0] + " " + words[1]
		in := false
		for _, x := range shards[shardFor(keys, words[0], words[1])] {
			in = in || x.Code == e.Code
		}
		if !in && searchRank(e, q) >= 0 {
			t.Errorf("%q: the shard %q search.js picks does not hold %s", q, shardFor(keys, words[0], words[1]), e.Name)
		}
	}
	// A query of the word alone: the first 50 of the whole group, ranked as search.js does.
	rankAll := func(es []SearchEntry) []string {
		type hit struct {
			code string
			r, i int
		}
		var hits []hit
		for i, e := range es {
			if r := searchRank(e, "tan"); r >= 0 {
				f := 0
				if e.Former {
					f = 1
				}
				hits = append(hits, hit{e.Code, r*2 + f, i})
			}
		}
		sort.SliceStable(hits, func(a, b int) bool { return hits[a].r < hits[b].r || hits[a].r == hits[b].r && hits[a].i < hits[b].i })
		var out []string
		for _, h := range hits[:50] {
			out = append(out, h.code)
		}
		return out
	}
	if got, want := rankAll(shards[shardFor(keys, "tan", "")]), rankAll(es); !reflect.DeepEqual(got, want) {
		t.Errorf("a query of tan alone shows %v, the whole index %v", got, want)
	}
}

// shardFor is search.js's prefix(): the shard of the first word w, and of the next word when
// w's own is split by it.
func shardFor(keys []string, w, next string) string {
	has := func(k string) bool { i := sort.SearchStrings(keys, k); return i < len(keys) && keys[i] == k }
	for n := 2; n <= 8; n++ {
		k := ShardPrefix(w, n)
		if has(k) {
			if strings.HasSuffix(k, "_") && next != "" {
				for m := 1; m <= 3; m++ {
					k2 := k + ShardPrefix(next, m)
					if has(k2) {
						return k2
					}
					if strings.HasSuffix(k2, "_") {
						break
					}
				}
			}
			return k
		}
		if strings.HasSuffix(k, "_") {
			break
		}
	}
	return ""
}

// TestSearchNamesALevelAsItsSetDid: a former commune recognised "nâng cao" under the
// 2016–2020 set is named so in its search result, not by the name the set in force gives its
// rank ("hiện đại" from 2026), which did not exist when it was recognised.
func TestSearchNamesALevelAsItsSetDid(t *testing.T) {
	set := func(id string, start int, top, topEn string) *model.CriteriaSet {
		return &model.CriteriaSet{ID: id, Name: id, StartYear: start, EndYear: start + 4, Levels: []*model.Level{
			{ID: "standard", Name: "Đạt chuẩn nông thôn mới", NameEn: "Standard", Rank: 2, Recognized: true},
			{ID: "top", Name: top, NameEn: topEn, Rank: 3, Recognized: true}}}
	}
	s := &model.Site{
		Config:       model.Config{Title: "Atlas", BaseURL: "https://example.org/", Language: "vi", Province: "14", CriteriaSet: "2026-2030"},
		CriteriaSets: []*model.CriteriaSet{set("2016-2020", 2016, "Đạt chuẩn nông thôn mới nâng cao", "Advanced"), set("2026-2030", 2026, "Xã nông thôn mới hiện đại", "Modern")},
		Provinces:    []*model.Province{{Code: "14", Name: "Sơn La", Type: "Tỉnh"}},
		Units:        []*model.Unit{{Code: "03664", Name: "Chiềng An", Type: "Phường", Province: "14"}},
		Former: []*model.FormerUnit{{Code: "03664", Name: "Chiềng Xôm", Type: "Xã", Province: "14", Until: model.ReformDate,
			Successors:   []*model.Successor{{Code: "03664", Merge: "full"}},
			Recognitions: []*model.Recognition{{CriteriaSet: "2016-2020", Level: "top", Year: 2019, SourceURL: "https://example.org/r"}}}},
	}
	files, err := Site(status.Derive(s), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sh SearchIndex
	if err := json.Unmarshal(files[model.SearchShardPath("ch")], &sh); err != nil {
		t.Fatal(err)
	}
	var key string
	for _, e := range sh.Units {
		if e.Former && e.Name == "Chiềng Xôm" {
			key = e.Status
		}
	}
	for lang, want := range map[string]string{"vi": "Đạt chuẩn nông thôn mới nâng cao", "en": "Advanced"} {
		page := string(files[pageFile(lang, model.SearchDir)])
		if !strings.Contains(page, html.EscapeString(`"`+key+`":"`+want+`"`)) {
			t.Errorf("%s: the search page does not name the status %q of Chiềng Xôm's 2019 recognition %q", lang, key, want)
		}
	}
}
