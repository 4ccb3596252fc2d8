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
	"fmt"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ntm-atlas/atlas/internal/diag"
)

// A Budget caps the weight of the pages whose output path matches Pages.
type Budget struct {
	Name  string         // what it caps, for reports: "unit page"
	Pages *regexp.Regexp // output paths it applies to, e.g. `^(en/)?xa/[0-9]+/index\.html$`
	Max   int            // bytes, gzipped
}

// Defaults are the atlas's budgets (docs/performance.md): a unit or former unit page ≤ 30 KB
// with its CSS and JS; a page with a map of units or provinces (home, province, year pages)
// ≤ 100 KB; every other page ≤ 100 KB; and all JavaScript together ≤ 20 KB.
var Defaults = Set{
	Pages: []Budget{
		{Name: "unit page", Pages: regexp.MustCompile(`^(en/)?xa/[^/]+/index\.html$`), Max: 30_000},
		{Name: "former unit page", Pages: regexp.MustCompile(`^(en/)?xa-cu/[^/]+/index\.html$`), Max: 30_000},
		{Name: "province map page", Pages: regexp.MustCompile(`^(en/)?(tinh/[^/]+/)?(nam/[0-9]{4}/)?index\.html$`), Max: 100_000},
		{Name: "page", Pages: regexp.MustCompile(`\.html$`), Max: 100_000},
	},
	// A search query fetches the manifest and one shard of the index: with the search page
	// (about 10 KB with its CSS and JS) that stays under 100 KB.
	Files: []Budget{
		{Name: "search index file", Pages: regexp.MustCompile(`^tim-kiem/i/[^/]+\.json$`), Max: 80_000},
	},
	Script: 20_000,
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

// Check weighs files (output paths to content) against the budgets of s. The error is a
// diag.List with one error per page over its budget, naming the page, its weight and the
// budget, and one for the JavaScript total; the report is complete either way.
func Check(files map[string][]byte, s Set) (*Report, error) {
	rep := &Report{Budgets: s}
	w := weigher{files: files, gz: map[string]int{}}
	var errs diag.List
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	w.prefetch(paths, s)
	for _, b := range s.Pages {
		h := Heaviest{Budget: b}
		for _, p := range paths {
			if !b.Pages.MatchString(p) {
				continue
			}
			wt := w.page(p)
			h.Pages++
			if wt.Total > h.Weight.Total {
				h.Weight = wt
			}
			if b.Max > 0 && wt.Total > b.Max {
				errs.Errorf(diag.Pos{File: p}, "%s weighs %s gzipped with its CSS and JS (%s of HTML), over the %s budget of %s", b.Name, KB(wt.Total), KB(wt.HTML), b.Name, KB(b.Max))
			}
		}
		if h.Pages > 0 {
			rep.Heaviest = append(rep.Heaviest, h)
		}
	}
	for _, b := range s.Files {
		h := Heaviest{Budget: b}
		for _, p := range paths {
			if !b.Pages.MatchString(p) {
				continue
			}
			n := w.gzip(p)
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
	for _, p := range paths {
		if strings.HasSuffix(p, ".js") {
			rep.Script += w.gzip(p)
			rep.Scripts++
		}
	}
	if s.Script > 0 && rep.Script > s.Script {
		errs.Errorf(diag.Pos{}, "all JavaScript weighs %s gzipped in %d file(s), over the budget of %s", KB(rep.Script), rep.Scripts, KB(s.Script))
	}
	return rep, errs.Err()
}

// weigher gzips each file once.
type weigher struct {
	files map[string][]byte
	gz    map[string]int
}

func (w *weigher) gzip(p string) int {
	if n, ok := w.gz[p]; ok {
		return n
	}
	n := Gzip(w.files[p])
	w.gz[p] = n
	return n
}

// prefetch gzips, on every core, each file that a budget of s weighs, so that the checks
// that follow read their weights from the cache.
func (w *weigher) prefetch(paths []string, s Set) {
	var todo []string
	for _, p := range paths {
		for _, b := range append(append([]Budget(nil), s.Pages...), s.Files...) {
			if b.Pages.MatchString(p) {
				todo = append(todo, p)
				break
			}
		}
	}
	sizes := make([]int, len(todo))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
			for {
				i := int(next.Add(1)) - 1
				if i >= len(todo) {
					return
				}
				buf.Reset()
				zw.Reset(&buf)
				zw.Write(w.files[todo[i]])
				zw.Close()
				sizes[i] = buf.Len()
			}
		}()
	}
	wg.Wait()
	for i, p := range todo {
		w.gz[p] = sizes[i]
	}
}

// Gzip returns the length of b compressed with gzip at BestCompression.
func Gzip(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	zw.Write(b)                                              // a bytes.Buffer does not fail
	zw.Close()
	return buf.Len()
}

// page weighs the page at p with the stylesheets and scripts it loads from the site, each
// counted once. A resource outside the output (another host, a missing file) is not counted:
// the link check reports missing files.
func (w *weigher) page(p string) Weight {
	wt := Weight{Page: p, HTML: w.gzip(p)}
	wt.Total = wt.HTML
	seen := map[string]bool{}
	for _, ref := range Resources(w.files[p]) {
		f, ok := resolve(p, ref)
		if !ok || seen[f] {
			continue
		}
		if _, ok := w.files[f]; !ok {
			continue
		}
		seen[f] = true
		wt.Total += w.gzip(f)
	}
	return wt
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
