package cache

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"sort"
	"sync"
)

// PageFacts are what the checks of a build take from a file's bytes, kept by the file's hash
// so that a page recalled from the memo need not be read back to be checked: its references
// (linkcheck.RawRefs) and its resources (budget.Resources).
type PageFacts struct {
	Refs, Resources []string
}

// Facts holds the PageFacts of the files of the last builds, by the hash of their bytes. It
// is safe for concurrent use.
type Facts struct {
	mu   sync.Mutex
	all  map[[32]byte]PageFacts
	used map[[32]byte]bool
}

// factsFile is the cache file of the page facts.
const factsFile = "page-facts"

// factsMagic starts a saved Facts: its format.
const factsMagic = "atlas-page-facts-1\n"

// Facts returns the page facts saved in c, or an empty set.
func (c *Cache) Facts() *Facts {
	switch {
	case c == nil || (c.mem == nil && c.dir == ""):
		return newFacts()
	case c.mem != nil:
		c.mem.mu.Lock()
		defer c.mem.mu.Unlock()
		if c.mem.facts == nil {
			c.mem.facts = newFacts()
		}
		return c.mem.facts
	}
	b, err := os.ReadFile(c.File(factsFile))
	if err != nil {
		return newFacts()
	}
	f, err := decodeFacts(b)
	if err != nil {
		return newFacts()
	}
	return f
}

// SaveFacts keeps the facts of the files this build made or recalled, and only those.
func (c *Cache) SaveFacts(f *Facts) {
	if c == nil || c.mem != nil {
		return
	}
	c.saveFile(factsFile, func(w io.Writer) error { return f.encode(w) })
}

func newFacts() *Facts {
	return &Facts{all: map[[32]byte]PageFacts{}, used: map[[32]byte]bool{}}
}

// Get returns the facts of the content whose hash is sum, if known.
func (f *Facts) Get(sum [32]byte) (PageFacts, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.all[sum]
	if ok {
		f.used[sum] = true
	}
	return p, ok
}

// Put records the facts of the content whose hash is sum.
func (f *Facts) Put(sum [32]byte, p PageFacts) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.all[sum] = p
	f.used[sum] = true
}

func (f *Facts) encode(w io.Writer) error {
	f.mu.Lock()
	keys := make([][32]byte, 0, len(f.used))
	for k := range f.used {
		keys = append(keys, k)
	}
	f.mu.Unlock()
	sort.Slice(keys, func(i, j int) bool { return bytes.Compare(keys[i][:], keys[j][:]) < 0 })
	bw := bufio.NewWriter(w)
	bw.WriteString(factsMagic)
	strs := func(ss []string) {
		bw.Write(binary.AppendUvarint(nil, uint64(len(ss))))
		for _, s := range ss {
			bw.Write(binary.AppendUvarint(nil, uint64(len(s))))
			bw.WriteString(s)
		}
	}
	for _, k := range keys {
		p := f.all[k]
		bw.Write(k[:])
		strs(p.Refs)
		strs(p.Resources)
	}
	return bw.Flush()
}

func decodeFacts(b []byte) (*Facts, error) {
	if !bytes.HasPrefix(b, []byte(factsMagic)) {
		return nil, errors.New("not page facts")
	}
	r := bytes.NewReader(b[len(factsMagic):])
	f := newFacts()
	strs := func() ([]string, error) {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > 1<<20 {
			return nil, errors.New("bad page facts")
		}
		var out []string
		for range n {
			m, err := binary.ReadUvarint(r)
			if err != nil || m > 1<<16 {
				return nil, errors.New("bad page facts")
			}
			s := make([]byte, m)
			if _, err := io.ReadFull(r, s); err != nil {
				return nil, err
			}
			out = append(out, string(s))
		}
		return out, nil
	}
	for r.Len() > 0 {
		var k [32]byte
		if _, err := io.ReadFull(r, k[:]); err != nil {
			return nil, err
		}
		refs, err := strs()
		if err != nil {
			return nil, err
		}
		res, err := strs()
		if err != nil {
			return nil, err
		}
		f.all[k] = PageFacts{Refs: refs, Resources: res}
	}
	return f, nil
}
