package render

import (
	"sync"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// OnDemand renders the pages of an atlas one at a time, when they are asked for: atlas
// serve's, which shows a saved edit without rendering the whole site first. What the pages
// share — the assets, the locator backgrounds, the favicons, the site's index and the A–Z
// order of units — is prepared once, as Site prepares it, so a page is byte for byte the file
// Site writes at its path from the same atlas and options. It renders the pages of the home
// page, the provinces, the units, the former units and the stories, in every language; every
// other file (the downloads, cards, year pages, lists, feeds, sitemap) is Site's alone. It is
// safe for concurrent use.
type OnDemand struct {
	prepared Files           // what prepare wrote
	steps    map[string]step // how each page is rendered, by its output path

	mu    sync.Mutex
	langs []*renderer // one per language, rendering one step at a time
	done  Files       // the files rendered so far
}

// onDemandLayouts are the layouts of the pages OnDemand renders.
var onDemandLayouts = []string{"home.html", "province.html", "unit.html", "former.html", "story.html"}

// A step renders one page family member in one language, as pages does.
type step struct {
	lang int
	run  func(r *renderer) error
}

// Prepare prepares the pages of the atlas a to be rendered on demand. Options.Sink, Known
// and Memo are not used.
func Prepare(a *status.Atlas, opts Options) (*OnDemand, error) {
	opts.Sink, opts.Known, opts.Memo = nil, nil, nil
	r, err := prepare(a, opts)
	if err != nil {
		return nil, err
	}
	d := &OnDemand{prepared: Files{}, steps: map[string]step{}, done: Files{}}
	for p, b := range r.out.files {
		d.prepared[p] = b
	}
	s := a.Site
	for i, loc := range r.locs {
		lr := r.language(i)
		// The layouts are parsed now, so that the folders they came from need not stay open,
		// and a layout that does not parse fails here rather than on a request.
		for _, name := range onDemandLayouts {
			if _, err := lr.template(name); err != nil {
				return nil, err
			}
		}
		d.langs = append(d.langs, lr)
		add := func(p string, run func(r *renderer) error) {
			d.steps[model.PageFile(loc.Dir()+p)] = step{lang: i, run: run}
		}
		add("", (*renderer).home)
		for _, p := range s.Provinces {
			add(model.ProvincePath(p.Code), func(r *renderer) error { return r.province(p) })
		}
		for _, u := range s.Units {
			add(model.UnitPath(u.Code), func(r *renderer) error { return r.unit(u) })
		}
		for _, f := range s.Former {
			add(model.FormerPath(f.Key()), func(r *renderer) error { return r.former(f) })
		}
		for _, st := range s.Stories {
			add(model.StoryPath(st.Slug), func(r *renderer) error { return r.story(st) })
		}
	}
	return d, nil
}

// Has reports whether the file at p (slash-separated, relative to the output folder) is one
// File renders.
func (d *OnDemand) Has(p string) bool {
	if _, ok := d.prepared[p]; ok {
		return true
	}
	_, ok := d.steps[p]
	return ok
}

// File returns the file at p, rendering it on first use; false when it is not one File
// renders (Has).
func (d *OnDemand) File(p string) ([]byte, bool, error) {
	if b, ok := d.prepared[p]; ok {
		return b, true, nil
	}
	st, ok := d.steps[p]
	if !ok {
		return nil, false, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if b, ok := d.done[p]; ok {
		return b, true, nil
	}
	r := d.langs[st.lang]
	r.out = newOutput(nil)
	for q, n := range r.opts.Downloads {
		r.out.sizes[q] = n
	}
	if err := st.run(r); err != nil {
		return nil, true, err
	}
	if err := r.out.failed(); err != nil {
		return nil, true, err
	}
	for q, b := range r.out.files {
		d.done[q] = b
	}
	b, ok := d.done[p]
	return b, ok, nil
}
