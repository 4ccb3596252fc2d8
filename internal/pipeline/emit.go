package pipeline

import (
	"crypto/sha256"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ntm-atlas/atlas/internal/budget"
	"github.com/ntm-atlas/atlas/internal/cache"
	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/linkcheck"
	"github.com/ntm-atlas/atlas/internal/write"
)

// emitter takes each file as it is rendered to the checks that need every page — the link
// check and the weight budget — and, in a build, into the new output tree, so that the
// rendered site is never held in memory as a whole. It is safe for concurrent use.
type emitter struct {
	links *linkcheck.Collector
	meter *budget.Meter
	tree  *write.Writer // nil for atlas check
	facts *cache.Facts  // what the checks take from each content, by its hash
	// weights are the gzipped sizes the meter knows, by hash.
	weights *budget.Cache

	files atomic.Int64
	bytes atomic.Int64
	tick  func(files int64) // progress, after each file
	mu    sync.Mutex
	paths map[string]bool
}

func newEmitter(basePath string, weights *budget.Cache, facts *cache.Facts, tree *write.Writer) *emitter {
	return &emitter{
		links:   linkcheck.NewCollector(basePath),
		meter:   budget.NewMeter(budget.Defaults, weights),
		tree:    tree,
		facts:   facts,
		weights: weights,
		paths:   map[string]bool{},
	}
}

// put is the render's sink.
func (e *emitter) put(p string, b []byte) error {
	e.mu.Lock()
	e.paths[p] = true
	e.mu.Unlock()
	if n := e.files.Add(1); e.tick != nil {
		e.tick(n)
	}
	e.bytes.Add(int64(len(b)))
	sum := sha256.Sum256(b) // once, for the weight cache, the facts and the output manifest
	facts := cache.PageFacts{}
	if strings.HasSuffix(p, ".html") {
		facts = cache.PageFacts{Refs: linkcheck.RawRefs(b), Resources: budget.Resources(b)}
	}
	e.facts.Put(sum, facts)
	e.links.AddRaw(p, facts.Refs)
	e.meter.AddHashed(p, b, sum)
	if e.tree != nil {
		return e.tree.PutHashed(p, b, sum)
	}
	return nil
}

// known is the render's KnownSink: it takes a page the memo knows by its hash when the facts
// of its content are known, its weight is (if the budget weighs it), and the tree (when building) can have it without
// its bytes, so that an unchanged page is neither read back nor hashed nor parsed.
func (e *emitter) known(p string, sum [32]byte, n int) bool {
	facts, ok := e.facts.Get(sum)
	if !ok || (e.meter.Weighs(p) && !e.weights.Has(sum)) {
		return false
	}
	if e.tree != nil && !e.tree.PutKnown(p, sum, n) {
		return false
	}
	e.meter.AddKnown(p, sum, facts.Resources) // the weight is known: Has
	e.mu.Lock()
	e.paths[p] = true
	e.mu.Unlock()
	if k := e.files.Add(1); e.tick != nil {
		e.tick(k)
	}
	e.bytes.Add(int64(n))
	e.links.AddRaw(p, facts.Refs)
	return true
}

// exists reports whether a file was put at p.
func (e *emitter) exists(p string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.paths[p]
}

// brokenList turns broken links into errors at the pages that hold them.
func brokenList(broken []linkcheck.Broken) diag.List {
	var l diag.List
	for _, b := range broken {
		l.Errorf(diag.Pos{File: b.Page}, "broken link %q", b.Ref)
	}
	return l
}
