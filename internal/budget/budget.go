// Package budget weighs the built pages as a reader's browser receives them, gzipped, and
// checks the weights against the atlas's budgets.
//
// A page weighs its HTML plus every stylesheet and script it loads (found from its
// <link rel="stylesheet" href> and <script src> tags), each compressed with gzip at
// BestCompression. One KB is 1,000 bytes, as browsers' network panels count it.
package budget

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
)

// A Budget caps the weight of the pages whose output path matches Pages.
type Budget struct {
	Name  string         // what it caps, for reports: "unit page"
	Pages *regexp.Regexp // output paths it applies to, e.g. `^(en/)?xa/[0-9]+/index\.html$`
	Max   int            // bytes, gzipped
}

// Defaults are the atlas's budgets (docs/performance.md): a unit or former unit page ≤ 30 KB
// with its CSS and JS; a page with a map of units or provinces (home, province, year pages)
// ≤ 100 KB; every other page ≤ 100 KB; and all JavaScript together ≤ 20 KB. The pages are
// found by their paths in the site's URL scheme (internal/model).
var Defaults = Set{
	Pages: []Budget{
		{Name: "unit page", Pages: pagesBelow(q(model.UnitsDir) + "[^/]+/"), Max: 30_000},
		{Name: "former unit page", Pages: pagesBelow(q(model.FormerDir) + "[^/]+/"), Max: 30_000},
		{Name: "province map page", Pages: pagesBelow("(" + q(model.ProvincesDir) + "[^/]+/)?(" + q(model.YearsDir) + "[0-9]{4}/)?"), Max: 100_000},
		{Name: "page", Pages: regexp.MustCompile(`\.html$`), Max: 100_000},
	},
	// A search query fetches the manifest and one shard of the index: with the search page
	// (about 10 KB with its CSS and JS) that stays under 100 KB.
	Files: []Budget{
		{Name: "search index file", Pages: regexp.MustCompile("^" + q(path.Dir(model.SearchShardPath("x"))) + `/[^/]+\.json$`), Max: 40_000},
	},
	Script: 20_000,
}

// q quotes the regular expression metacharacters of a path.
func q(p string) string { return regexp.QuoteMeta(p) }

// pagesBelow matches the index.html of the pages whose path (without the language's folder)
// matches the regular expression page, in every language.
func pagesBelow(page string) *regexp.Regexp {
	var langs []string
	for _, l := range model.Languages[1:] {
		langs = append(langs, q(model.LanguageDir(l)))
	}
	return regexp.MustCompile("^(" + strings.Join(langs, "|") + ")?" + page + q(model.IndexFile) + "$")
}

// Set is the budgets a build checks.
type Set struct {
	Pages  []Budget
	Files  []Budget // data files a page fetches, each weighed alone
	Script int      // all .js files together, bytes gzipped; 0 for no limit
}

// Weight is what one page weighs.
type Weight struct {
	Page  string // output path
	HTML  int    // the page alone, gzipped
	Total int    // with its CSS and JS, gzipped
}

// Heaviest is the heaviest page under one budget.
type Heaviest struct {
	Budget Budget
	Weight Weight
	Pages  int // how many pages the budget applies to
}

// Report is the result of a check.
type Report struct {
	Heaviest []Heaviest // one per budget of the set that matched a page, in the set's order
	Script   int        // all JavaScript, gzipped
	Scripts  int        // how many .js files
	Budgets  Set
}

// String sums the report up on one line, for a build's summary.
func (r *Report) String() string {
	var parts []string
	for _, h := range r.Heaviest {
		parts = append(parts, fmt.Sprintf("%s %s (%s; budget %s)", h.Budget.Name, KB(h.Weight.Total), h.Weight.Page, KB(h.Budget.Max)))
	}
	js := fmt.Sprintf("JavaScript %s in %d file(s)", KB(r.Script), r.Scripts)
	if r.Budgets.Script > 0 {
		js += fmt.Sprintf(" (budget %s)", KB(r.Budgets.Script))
	}
	parts = append(parts, js)
	return "gzip weights: heaviest " + strings.Join(parts, ", ")
}

// KB writes a byte count in kilobytes of 1,000 bytes: "12.3 KB".
func KB(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

// Check weighs files (output paths to content) against the budgets of s: a Meter given
// every file, then its Report.
func Check(files map[string][]byte, s Set) (*Report, error) {
	m := NewMeter(s, nil)
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		m.Add(p, files[p])
	}
	return m.Report()
}

// A Meter weighs a site's files as they are made, so that they need not be held in memory
// together: Add each file, then Report. Add may be called from several goroutines at once.
type Meter struct {
	set   Set
	cache *Cache

	mu    sync.Mutex
	pages []pageWeight    // the files a page budget applies to
	gz    map[string]int  // gzipped sizes of the files a page loads or a budget weighs alone
	js    map[string]bool // the .js files
}

// pageWeight is what the Meter keeps of a page until its resources are weighed.
type pageWeight struct {
	path      string
	html      int
	resources []string // output paths of the stylesheets and scripts it loads
}

// NewMeter returns a Meter for the budgets of s. A non-nil cache supplies the gzipped sizes
// of contents weighed before and keeps those of new ones.
func NewMeter(s Set, cache *Cache) *Meter {
	if cache == nil {
		cache = NewCache()
	}
	return &Meter{set: s, cache: cache, gz: map[string]int{}, js: map[string]bool{}}
}

// Add weighs the file at p.
func (m *Meter) Add(p string, b []byte) { m.AddHashed(p, b, sha256.Sum256(b)) }

// AddHashed is Add for a caller that has the SHA-256 of b already.
func (m *Meter) AddHashed(p string, b []byte, sum [32]byte) {
	m.add(p, b, sum, nil, false)
}

// AddKnown weighs the file at p known by its hash alone, whose resources (as Resources
// gives them for its bytes) the caller kept: it reports false, weighing nothing, when the
// cache does not hold the file's gzipped size.
func (m *Meter) AddKnown(p string, sum [32]byte, resources []string) bool {
	return m.add(p, nil, sum, resources, true)
}

// Weighs reports whether the file at p is weighed: a page, a file with a budget of its own,
// or a stylesheet or script. AddKnown takes a file that is not without knowing its weight.
func (m *Meter) Weighs(p string) bool {
	page, alone, asset := m.kinds(p)
	return page || alone || asset
}

// kinds reports whether the file at p is a page of a budget, a file with a budget of its
// own, and a stylesheet or script.
func (m *Meter) kinds(p string) (page, alone, asset bool) {
	for _, bd := range m.set.Pages {
		if bd.Pages.MatchString(p) {
			page = true
			break
		}
	}
	for _, bd := range m.set.Files {
		if bd.Pages.MatchString(p) {
			alone = true
			break
		}
	}
	asset = strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".css")
	return page, alone, asset
}

// add weighs the file at p: its bytes b, or with known its resources alone (b nil).
func (m *Meter) add(p string, b []byte, sum [32]byte, resources []string, known bool) bool {
	page, alone, asset := m.kinds(p)
	if !page && !alone && !asset {
		return true
	}
	var n int
	if known {
		var ok bool
		if n, ok = m.cache.known(sum); !ok {
			return false
		}
	} else {
		n = m.cache.gzip(b, sum)
		resources = Resources(b)
	}
	var res []string
	if page {
		seen := map[string]bool{}
		for _, ref := range resources {
			if f, ok := resolve(p, ref); ok && !seen[f] {
				seen[f] = true
				res = append(res, f)
			}
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if page {
		m.pages = append(m.pages, pageWeight{path: p, html: n, resources: res})
	}
	if alone || asset {
		m.gz[p] = n
	}
	if strings.HasSuffix(p, ".js") {
		m.js[p] = true
	}
	return true
}

// Report checks the weights of the files added against the budgets. The error is a
// diag.List with one error per page over its budget, naming the page, its weight and the
// budget, and one for the JavaScript total; the report is complete either way.
func (m *Meter) Report() (*Report, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.set
	rep := &Report{Budgets: s}
	var errs diag.List
	sort.Slice(m.pages, func(i, j int) bool { return m.pages[i].path < m.pages[j].path })
	for _, b := range s.Pages {
		h := Heaviest{Budget: b}
		for _, pw := range m.pages {
			if !b.Pages.MatchString(pw.path) {
				continue
			}
			wt := Weight{Page: pw.path, HTML: pw.html, Total: pw.html}
			for _, f := range pw.resources {
				// A resource outside the output (a missing file) is not counted: the link
				// check reports missing files.
				wt.Total += m.gz[f]
			}
			h.Pages++
			if wt.Total > h.Weight.Total {
				h.Weight = wt
			}
			if b.Max > 0 && wt.Total > b.Max {
				errs.Errorf(diag.Pos{File: pw.path}, "%s weighs %s gzipped with its CSS and JS (%s of HTML), over the %s budget of %s", b.Name, KB(wt.Total), KB(wt.HTML), b.Name, KB(b.Max))
			}
		}
		if h.Pages > 0 {
			rep.Heaviest = append(rep.Heaviest, h)
		}
	}
	alone := make([]string, 0, len(m.gz))
	for p := range m.gz {
		alone = append(alone, p)
	}
	sort.Strings(alone)
	for _, b := range s.Files {
		h := Heaviest{Budget: b}
		for _, p := range alone {
			if !b.Pages.MatchString(p) {
				continue
			}
			n := m.gz[p]
			h.Pages++
			if n > h.Weight.Total {
				h.Weight = Weight{Page: p, HTML: n, Total: n}
			}
			if b.Max > 0 && n > b.Max {
				errs.Errorf(diag.Pos{File: p}, "%s weighs %s gzipped, over the %s budget of %s", b.Name, KB(n), b.Name, KB(b.Max))
			}
		}
		if h.Pages > 0 {
			rep.Heaviest = append(rep.Heaviest, h)
		}
	}
	for p := range m.js {
		rep.Script += m.gz[p]
		rep.Scripts++
	}
	if s.Script > 0 && rep.Script > s.Script {
		errs.Errorf(diag.Pos{}, "all JavaScript weighs %s gzipped in %d file(s), over the budget of %s", KB(rep.Script), rep.Scripts, KB(s.Script))
	}
	return rep, errs.Err()
}

// A Cache remembers the gzipped size of contents by their SHA-256 hash, so that a build whose
// pages did not change does not compress them again. It is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	sizes map[[32]byte]int
	used  map[[32]byte]bool
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{sizes: map[[32]byte]int{}, used: map[[32]byte]bool{}} }

// Gzip returns the gzipped size of b, from the cache when it holds b's hash.
func (c *Cache) Gzip(b []byte) int { return c.gzip(b, sha256.Sum256(b)) }

// Has reports whether the cache holds the gzipped size of the content whose hash is sum.
func (c *Cache) Has(sum [32]byte) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.sizes[sum]
	return ok
}

// known returns the gzipped size of the content whose hash is sum, if the cache holds it.
func (c *Cache) known(sum [32]byte) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.sizes[sum]
	if ok {
		c.used[sum] = true
	}
	return n, ok
}

// gzip is Gzip for b whose hash is sum.
func (c *Cache) gzip(b []byte, sum [32]byte) int {
	c.mu.Lock()
	n, ok := c.sizes[sum]
	c.used[sum] = true
	c.mu.Unlock()
	if ok {
		return n
	}
	n = Gzip(b)
	c.mu.Lock()
	c.sizes[sum] = n
	c.mu.Unlock()
	return n
}

// cacheMagic starts a saved cache: its format, and the compression level it holds sizes for.
const cacheMagic = "atlas-gzip-sizes-1 level=9\n"

// WriteTo saves the sizes of the contents weighed since the cache was made or read, and
// only those: the contents of older builds are forgotten.
func (c *Cache) WriteTo(w io.Writer) (int64, error) {
	c.mu.Lock()
	keys := make([][32]byte, 0, len(c.used))
	for k := range c.used {
		keys = append(keys, k)
	}
	c.mu.Unlock()
	sort.Slice(keys, func(i, j int) bool { return bytes.Compare(keys[i][:], keys[j][:]) < 0 })
	buf := bytes.NewBufferString(cacheMagic)
	var rec [36]byte
	for _, k := range keys {
		copy(rec[:32], k[:])
		binary.LittleEndian.PutUint32(rec[32:], uint32(c.sizes[k]))
		buf.Write(rec[:])
	}
	return buf.WriteTo(w)
}

// ReadCache reads a cache saved by WriteTo. A cache of another format reads as empty.
func ReadCache(r io.Reader) *Cache {
	c := NewCache()
	b, err := io.ReadAll(r)
	if err != nil || !bytes.HasPrefix(b, []byte(cacheMagic)) {
		return c
	}
	b = b[len(cacheMagic):]
	for len(b) >= 36 {
		var k [32]byte
		copy(k[:], b[:32])
		c.sizes[k] = int(binary.LittleEndian.Uint32(b[32:36]))
		b = b[36:]
	}
	return c
}

// Gzip returns the length of b compressed with gzip at BestCompression.
func Gzip(b []byte) int {
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	var n countWriter
	zw.Reset(&n)
	zw.Write(b) // a countWriter does not fail
	zw.Close()
	return int(n)
}

// gzipWriters are reused: a writer at BestCompression allocates most of a megabyte.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestCompression) // the level is valid
	return zw
}}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

var (
	tagRe  = regexp.MustCompile(`(?is)<(link|script)\b([^>]*)>`)
	attrRe = regexp.MustCompile(`(?is)\b([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
)

// Resources returns the references of the stylesheets (<link rel="stylesheet" href>) and
// scripts (<script src>) an HTML page loads, in order.
func Resources(html []byte) []string {
	var refs []string
	for _, m := range tagRe.FindAllSubmatch(html, -1) {
		attrs := map[string]string{}
		for _, a := range attrRe.FindAllSubmatch(m[2], -1) {
			attrs[strings.ToLower(string(a[1]))] = string(a[2]) + string(a[3]) + string(a[4])
		}
		switch strings.ToLower(string(m[1])) {
		case "link":
			if hasToken(attrs["rel"], "stylesheet") && attrs["href"] != "" {
				refs = append(refs, attrs["href"])
			}
		case "script":
			if attrs["src"] != "" {
				refs = append(refs, attrs["src"])
			}
		}
	}
	return refs
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// resolve turns a reference in the page at p into an output path: relative references only,
// since the site's own links are relative (docs/urls.md).
func resolve(p, ref string) (string, bool) {
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		ref = ref[:i]
	}
	if ref == "" || strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") {
		return "", false
	}
	f := path.Clean(path.Join(path.Dir(p), ref))
	if f == ".." || strings.HasPrefix(f, "../") {
		return "", false
	}
	return f, true
}
