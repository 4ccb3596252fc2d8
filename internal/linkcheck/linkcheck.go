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
	var out []Broken
	for page, body := range files {
		if !strings.HasSuffix(page, ".html") {
			continue
		}
		refs(body, func(raw []byte) {
			ref := html.UnescapeString(string(raw))
			if !Resolves(files, page, ref, basePath) {
				out = append(out, Broken{Page: page, Ref: ref})
			}
		})
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
	u, err := url.Parse(ref)
	if err != nil {
		return false
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "//") {
		return true // external
	}
	p := u.Path
	if p == "" {
		return true // a fragment or query on the same page
	}
	// Resolve dot segments the way a browser does: a last segment of "." or ".." names a
	// folder, like a trailing slash.
	dir, rel := path.Dir(page), p
	if strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, basePath) {
			return false
		}
		dir, rel = ".", strings.TrimPrefix(p, basePath)
	}
	last := rel[strings.LastIndex(rel, "/")+1:]
	folder := last == "" || last == "." || last == ".."
	target := path.Join(dir, rel)
	if target == ".." || strings.HasPrefix(target, "../") {
		return false
	}
	if folder {
		target = strings.TrimPrefix(target+"/index.html", "./")
	}
	_, ok := files[target]
	return ok
}
