// Package cache keeps what a build derives, between builds, so that a build whose inputs did
// not change does not derive them again: decoded boundaries and drawn maps (geometry.go), share
// cards (cards.go), the gzipped weights of pages (weights.go) and the page memo (memo.go).
//
// Every entry is keyed by a hash of everything it was made from, so that a stale entry is never
// used; a cache that cannot be read or written costs time, never correctness. A Cache lives in
// a folder (a site's .cache/atlas/), or in memory for the life of the value (tests and
// benchmarks that build the same site many times). The nil *Cache keeps nothing.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/ntm-atlas/atlas/internal/budget"
	"github.com/ntm-atlas/atlas/internal/write"
)

// A Cache keeps derived data between builds. It is safe for concurrent use.
type Cache struct {
	dir      string  // the folder; "" for a cache in memory
	readOnly bool    // reads, but writes nothing (atlas check)
	mem      *memory // the entries of a cache in memory
}

// memory holds the entries of a cache in memory.
type memory struct {
	mu      sync.Mutex
	entries map[string][]byte
	weights *budget.Cache
	facts   *Facts
}

// Open returns the cache kept in the folder dir, which is made when the first entry is saved.
func Open(dir string) *Cache { return &Cache{dir: dir} }

// Memory returns an empty cache held in memory. It keeps no page memo and no output
// manifest: those describe an output folder, and live beside it only in a cache folder.
func Memory() *Cache {
	return &Cache{mem: &memory{entries: map[string][]byte{}, weights: budget.NewCache()}}
}

// ReadOnly returns a view of c that reads its entries and writes none: atlas check writes
// nothing, not even to the cache.
func (c *Cache) ReadOnly() *Cache {
	if c == nil {
		return &Cache{readOnly: true} // keeps nothing, and draws no cards (Cards.Draw)
	}
	ro := *c
	ro.readOnly = true
	return &ro
}

// File returns the path of the cache file name, for data that belongs beside the cache's
// entries but is written by its own code (the output manifest of internal/write); "" when
// the cache has no folder.
func (c *Cache) File(name string) string {
	if c == nil || c.dir == "" {
		return ""
	}
	return filepath.Join(c.dir, name)
}

// Key hashes the parts into an entry's key, each length-prefixed so that no two lists give
// the same input.
func Key(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// Load reads the entry key into v, gob-encoded; false when there is none or it cannot be
// read.
func (c *Cache) Load(key string, v any) bool {
	b, ok := c.get(key)
	return ok && gob.NewDecoder(bytes.NewReader(b)).Decode(v) == nil
}

// Save keeps v, gob-encoded, as the entry key. Errors are ignored: a missing entry only
// costs the next build time.
func (c *Cache) Save(key string, v any) {
	if c == nil || c.readOnly {
		return
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return
	}
	if c.mem != nil {
		c.mem.mu.Lock()
		c.mem.entries[key] = buf.Bytes()
		c.mem.mu.Unlock()
		return
	}
	c.saveFile(key+".gob", func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// get returns the bytes of the entry key.
func (c *Cache) get(key string) ([]byte, bool) {
	switch {
	case c == nil || (c.mem == nil && c.dir == ""):
		return nil, false
	case c.mem != nil:
		c.mem.mu.Lock()
		defer c.mem.mu.Unlock()
		b, ok := c.mem.entries[key]
		return b, ok
	}
	b, err := os.ReadFile(filepath.Join(c.dir, key+".gob"))
	return b, err == nil
}

// saveFile writes the cache file name atomically (write.FileFunc) with what fill writes. A
// cache file that cannot be written costs the next build only time: it is removed, so that
// no stale one is read. A cache without a folder, or read-only, writes nothing.
func (c *Cache) saveFile(name string, fill func(io.Writer) error) {
	if c == nil || c.dir == "" || c.readOnly {
		return
	}
	file := filepath.Join(c.dir, name)
	if write.FileFunc(file, 0o644, fill) != nil {
		os.Remove(file)
	}
}
