package render

import (
	"crypto/sha256"
	"io/fs"
	"sort"
	"sync"

	"github.com/ntm-atlas/atlas/internal/digest"
)

// A Memo remembers pages of earlier renders by a key of everything each was made from — the
// page's data, its layout, the layouts and strings of the site, the assets' paths — so that a
// page whose inputs did not change is not rendered again. Layouts are functions of the page
// they are given: their template functions read nothing but their arguments and the
// language's strings. The renderer computes the keys; a Memo only stores, and must be safe
// for concurrent use.
type Memo interface {
	// Recall returns the bytes of the page at path if it was rendered from key before.
	Recall(path string, key [32]byte) ([]byte, bool)
	// Keep records that the page at path, rendered from key, is b.
	Keep(path string, key [32]byte, b []byte)
	// Known returns the hash and size of the page at path if it was rendered from key
	// before, without reading it: for a sink that can take a file by its hash (Options.Known).
	Known(path string, key [32]byte) (sum [32]byte, size int, ok bool)
}

// fingerprint hashes what every page of the language being rendered is made from besides
// its own data: every layout file (built-in and the site's), the language's strings and the
// assets' output paths.
func (r *renderer) fingerprint() [32]byte {
	h := sha256.New()
	add := func(parts ...string) {
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
	}
	add("render-memo-1", r.loc.Lang(), r.loc.Dir())
	walk := func(fsys fs.FS, root, tag string) {
		fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err == nil {
				add(tag, p, string(b))
			}
			return nil
		})
	}
	walk(builtin, "layouts", "builtin")
	if r.opts.Layouts != nil {
		walk(r.opts.Layouts, ".", "site")
	}
	for _, k := range r.loc.Keys() {
		add(k, r.loc.Source(k))
	}
	names := make([]string, 0, len(r.assetPaths))
	for n := range r.assetPaths {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		add(n, r.assetPaths[n])
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// pageKey is the memo key of pg rendered with the layout name: the language's fingerprint,
// the layout's name and the page's data, as internal/digest writes it (what encoding/json
// would write, in a quarter of the time). It is false when the data cannot be written, as
// JSON could not; such a page is always rendered.
func (r *renderer) pageKey(name string, pg *Page) ([32]byte, bool) {
	var key [32]byte
	if r.opts.Memo == nil {
		return key, false
	}
	if r.print == nil {
		fp := r.fingerprint()
		r.print = &fp
	}
	buf := keyBuffers.Get().(*[]byte)
	defer keyBuffers.Put(buf)
	b := append(append(append((*buf)[:0], r.print[:]...), name...), 0)
	b, err := digest.Append(b, pg)
	*buf = b
	if err != nil {
		return key, false
	}
	return sha256.Sum256(b), true
}

// keyBuffers hold the digests of pages being keyed.
var keyBuffers = sync.Pool{New: func() any { return new([]byte) }}
