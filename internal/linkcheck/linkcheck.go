// Package linkcheck verifies that every internal link, image, script and stylesheet of a
// rendered site resolves to a file of that site.
package linkcheck

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"
)

// Broken is a reference that resolves to no file.
type Broken struct {
	Page string // the page that holds the reference
	Ref  string // the reference as written
}

func (b Broken) Error() string { return fmt.Sprintf("%s: broken link %q", b.Page, b.Ref) }

// refs calls f with the value of each href="…" and src="…" attribute in body (an attribute
// name preceded by white space, its value in double quotes, as html/template writes them).
// A scan with bytes.Index instead of a regular expression: the check reads every page.
func refs(body []byte, f func(ref []byte)) {
	for _, name := range [][]byte{[]byte(`href="`), []byte(`src="`)} {
		rest := body
		for {
			i := bytes.Index(rest, name)
			if i < 0 {
				break
			}
			start := i + len(name)
			if i > 0 && isSpace(rest[i-1]) {
				end := bytes.IndexByte(rest[start:], '"')
				if end < 0 {
					break
				}
				f(rest[start : start+end])
				rest = rest[start+end+1:]
				continue
			}
			rest = rest[start:]
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// Check looks at every .html file in files (output paths, slash-separated) and returns the
// references that do not resolve, sorted. References that start with a scheme or "//" are
// external and skipped; those that start with "/" are taken from basePath ("/" for a site at
// the root of its host). A reference to a folder resolves when the folder has an index.html.
func Check(files map[string][]byte, basePath string) []Broken {
	c := NewCollector(basePath)
	for page, body := range files {
		c.Add(page, body)
	}
	return c.Broken(func(p string) bool { _, ok := files[p]; return ok })
}

// A Collector gathers the references of a site's pages as they are made, so that the pages
// need not be held in memory together, and checks them once every file is known. It keeps
// each distinct target, page and reference once. Add may be called from several goroutines
// at once.
type Collector struct {
	basePath string

	mu      sync.Mutex
	pages   []string
	refs    []string
	refID   map[string]int32
	targets map[string][]use // output path → the references to it
	bad     []use            // references that resolve to no path at all
}

// use is one page's reference, by the indexes of the page and the reference.
type use struct{ page, ref int32 }

// NewCollector returns a Collector for a site served at basePath (see Check).
func NewCollector(basePath string) *Collector {
	return &Collector{basePath: basePath, refID: map[string]int32{}, targets: map[string][]use{}}
}

// Add gathers the references of the file page; files other than .html pages have none.
func (c *Collector) Add(page string, body []byte) {
	if !strings.HasSuffix(page, ".html") {
		return
	}
	c.AddRaw(page, RawRefs(body))
}

// RawRefs returns the distinct references of an HTML page as written (href and src values,
// not yet unescaped), in the order they first appear: what Add gathers of a page, which a
// caller may keep for the page's bytes and give to AddRaw instead of the bytes.
func RawRefs(body []byte) []string {
	var out []string
	seen := map[string]bool{}
	refs(body, func(raw []byte) {
		if !seen[string(raw)] {
			seen[string(raw)] = true
			out = append(out, string(raw))
		}
	})
	return out
}

// AddRaw gathers the references of the page, as RawRefs gives them.
func (c *Collector) AddRaw(page string, raws []string) {
	if !strings.HasSuffix(page, ".html") {
		return
	}
	type found struct {
		target string
		ok     bool
		ref    string
	}
	var refsOf []found
	for _, raw := range raws {
		ref := html.UnescapeString(raw)
		target, ok, external := resolve(page, ref, c.basePath)
		if !external {
			refsOf = append(refsOf, found{target, ok, ref})
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	pg := int32(len(c.pages))
	c.pages = append(c.pages, page)
	for _, f := range refsOf {
		id, ok := c.refID[f.ref]
		if !ok {
			id = int32(len(c.refs))
			c.refs = append(c.refs, f.ref)
			c.refID[f.ref] = id
		}
		u := use{page: pg, ref: id}
		if !f.ok {
			c.bad = append(c.bad, u)
			continue
		}
		c.targets[f.target] = append(c.targets[f.target], u)
	}
}

// Broken returns the references gathered that do not resolve to a file for which exists
// reports true, sorted by page and reference.
func (c *Collector) Broken(exists func(path string) bool) []Broken {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []Broken
	add := func(us []use) {
		for _, u := range us {
			out = append(out, Broken{Page: c.pages[u.page], Ref: c.refs[u.ref]})
		}
	}
	add(c.bad)
	for t, us := range c.targets {
		if !exists(t) {
			add(us)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Page != out[j].Page {
			return out[i].Page < out[j].Page
		}
		return out[i].Ref < out[j].Ref
	})
	return out
}

// Resolves reports whether ref, found on page, names a file in files.
func Resolves(files map[string][]byte, page, ref, basePath string) bool {
	target, ok, external := resolve(page, ref, basePath)
	if external {
		return true
	}
	_, exists := files[target]
	return ok && exists
}

// resolve returns the output path that ref, found on page, names. ok is false when it names
// none (it leaves the site); external is true for a reference to another site or to the
// page itself (a fragment or a query), which has nothing to check.
func resolve(page, ref, basePath string) (target string, ok, external bool) {
	if plain(ref) {
		return resolvePath(page, ref, basePath)
	}
	return resolveParsed(page, ref, basePath)
}

// resolveParsed is resolve for any reference: parsed as a URL.
func resolveParsed(page, ref, basePath string) (target string, ok, external bool) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", false, false
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "//") {
		return "", false, true
	}
	if u.Path == "" {
		return "", false, true
	}
	return resolvePath(page, u.Path, basePath)
}

// plain reports whether ref is a path that url.Parse gives back as it is: letters, digits
// and "-._~/" only, not starting with "//". Most of a site's references are; resolve takes
// them without parsing (the check resolves every reference of every page of every build).
func plain(ref string) bool {
	if ref == "" || strings.HasPrefix(ref, "//") {
		return false
	}
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			return false
		}
	}
	return true
}

// resolvePath resolves p, the path of a reference without scheme, host, query or fragment,
// from page.
func resolvePath(page, p, basePath string) (target string, ok, external bool) {
	if t, ok, done := climb(page, p); done {
		return t, ok, false
	}
	return resolveJoined(page, p, basePath)
}

// climb resolves the commonest reference of a page, a relative path that goes up some
// folders then down ("../../tinh/14/"), by cutting the page's folder instead of joining and
// cleaning paths; done is false for any other reference, or a page whose path is not clean.
func climb(page, p string) (target string, ok, done bool) {
	if strings.HasPrefix(p, "/") || !cleanPath(page) {
		return "", false, false
	}
	up := 0
	for strings.HasPrefix(p, "../") {
		p = p[3:]
		up++
	}
	if !cleanPath(p) && p != "" && !cleanPath(strings.TrimSuffix(p, "/")) {
		return "", false, false
	}
	dir := page[:max(strings.LastIndexByte(page, '/'), 0)] // "" for a page at the top
	for ; up > 0; up-- {
		if dir == "" {
			return "", false, true // above the site's root
		}
		dir = dir[:max(strings.LastIndexByte(dir, '/'), 0)]
	}
	switch {
	case dir == "":
		target = p
	case p == "":
		target = dir + "/"
	default:
		target = dir + "/" + p
	}
	if target == "" || strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	return target, true, true
}

// cleanPath reports whether p is a path of one or more segments, none empty, "." or "..".
func cleanPath(p string) bool {
	if p == "" {
		return false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// resolveJoined is resolvePath for any path: joined to the page's folder and cleaned.
func resolveJoined(page, p, basePath string) (target string, ok, external bool) {
	// Resolve dot segments the way a browser does: a last segment of "." or ".." names a
	// folder, like a trailing slash.
	dir, rel := path.Dir(page), p
	if strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, basePath) {
			return "", false, false
		}
		dir, rel = ".", strings.TrimPrefix(p, basePath)
	}
	last := rel[strings.LastIndex(rel, "/")+1:]
	folder := last == "" || last == "." || last == ".."
	target = path.Join(dir, rel)
	if target == ".." || strings.HasPrefix(target, "../") {
		return "", false, false
	}
	if folder {
		target = strings.TrimPrefix(target+"/index.html", "./")
	}
	return target, true, false
}
