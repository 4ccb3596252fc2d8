package pipeline

import (
	"crypto/sha256"
	"sync"
	"sync/atomic"

	"github.com/ntm-atlas/atlas/internal/budget"
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

	files atomic.Int64
	bytes atomic.Int64
	tick  func(files int64) // progress, after each file
	mu    sync.Mutex
	paths map[string]bool
}

func newEmitter(basePath string, weights *budget.Cache, tree *write.Writer) *emitter {
	return &emitter{
		links: linkcheck.NewCollector(basePath),
		meter: budget.NewMeter(budget.Defaults, weights),
		tree:  tree,
		paths: map[string]bool{},
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
	sum := sha256.Sum256(b) // once, for the weight cache and the output manifest
	e.links.Add(p, b)
	e.meter.AddHashed(p, b, sum)
	if e.tree != nil {
		return e.tree.PutHashed(p, b, sum)
	}
	return nil
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
