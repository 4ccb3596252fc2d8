// Package pipeline builds a site: it runs the steps of a build in order and hands the
// result to the next one.
//
//	read      the site folder → the content model          internal/read
//	validate  the model as a whole → diagnostics            internal/validate
//	derive    statuses and maps                             internal/status, internal/geometry
//	render    pages and downloads → files                   internal/render, internal/export
//	check     links and page weights over every file        internal/linkcheck, internal/budget
//	write     the files → a new output tree, swapped in     internal/write
//
// Nothing is written unless every step before it succeeded. What a build derives is kept
// between builds by internal/cache.
package pipeline

import (
	"io"
	"path/filepath"
	"sync"
	"time"

	"github.com/ntm-atlas/atlas/internal/budget"
	"github.com/ntm-atlas/atlas/internal/cache"
	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/export"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read"
	"github.com/ntm-atlas/atlas/internal/render"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/ntm-atlas/atlas/internal/write"
)

// Options say what to build and where.
type Options struct {
	Site string    // the site folder
	Out  string    // the output folder; empty means Site/public
	Log  io.Writer // progress and warnings; nil discards them
	// Progress, when not nil, is a terminal: long work (decoding boundaries, drawing maps,
	// rendering pages and cards) is shown there on one line rewritten in place, and the line
	// is cleared at the end. Leave it nil in CI and when output goes to a file.
	Progress io.Writer
	// CacheDir holds what builds derive (internal/cache); empty means Site/.cache/atlas.
	CacheDir string
	NoCache  bool // keep nothing between builds
	// Cache, when not nil, is the cache to use instead of CacheDir: tests and benchmarks that
	// build many times share one in memory (cache.Memory).
	Cache *cache.Cache
	// Verbose logs every warning; otherwise a file with many (the shipped boundaries' source
	// defects) gets one line that counts them.
	Verbose bool
}

// Result summarises a build.
type Result struct {
	Files    int
	Bytes    int64
	Warnings diag.List
	Duration time.Duration
	// GeometryRuns counts the boundary files decoded and the maps drawn; 0 when everything
	// came from the cache.
	GeometryRuns int
	// Weights are the gzipped weights of the heaviest pages and of all JavaScript, checked
	// against budget.Defaults; nil when the build stopped before rendering.
	Weights *budget.Report
	// CardsDrawn counts the share cards drawn; 0 when all came from the cache.
	CardsDrawn int
	// Linked counts the files of Files that were the same as in the previous output and
	// were hard-linked from it instead of written.
	Linked int
	// Recalled counts the pages whose inputs were those of a page of the previous output,
	// which was taken again instead of being rendered.
	Recalled int
}

// Run builds the site: it reads and checks everything first and writes nothing if there is an
// error, then renders the pages straight into a new output tree, which replaces the output
// folder atomically once every page is written and every check has passed. A page whose bytes
// are those of the previous build is hard-linked from the old tree, not written again.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	when, err := read.SourceDate()
	if err != nil {
		return &Result{}, err
	}
	c := opts.cache()
	wopts := opts.writeOptions(c, nil)
	wopts.ModTime = when
	if err := write.CheckOut(opts.out(), wopts); err != nil {
		return &Result{}, err // before reading anything: the output folder is wrong
	}
	begin := func(config *model.Config) (*write.Writer, error) {
		o := opts.writeOptions(c, config)
		o.ModTime = when
		return write.Begin(opts.out(), o)
	}
	res, tree, memo, err := run(opts, c, begin)
	if err != nil {
		return res, err
	}
	if err := tree.Commit(); err != nil {
		return res, err
	}
	memo.Save()
	res.Linked, _ = tree.Linked()
	res.Duration = time.Since(start)
	return res, nil
}

// Check runs every check a build runs — reading, validation, geometry, templates, links,
// weights — and writes nothing, not even to the cache. It returns every diagnostic, errors
// and warnings, sorted; the error is non-nil when a build would fail.
func Check(opts Options) (diag.List, error) {
	opts.Log = nil
	res, _, _, err := run(opts, opts.cache().ReadOnly(), nil)
	all := append(diag.List{}, res.Warnings...)
	if l, ok := diag.AsList(err); ok {
		all = append(all, l...)
	} else if err != nil {
		all.Wrap(diag.Pos{}, err, "")
	}
	all.Sort()
	return all, err
}

// run is the pipeline. With begin, it starts a new output tree once the site has read
// without errors and streams every rendered file into it; the tree it returns is complete
// and checked, to be committed. Without begin (atlas check) it writes nothing.
func run(opts Options, c *cache.Cache, begin func(*model.Config) (*write.Writer, error)) (res *Result, tree *write.Writer, memo *cache.Memo, err error) {
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	prog := newProgress(opts.Progress)
	defer prog.done()

	// read and validate
	prog.show("reading", "the site")
	geo := c.Geometry()
	geo.Show = prog.show
	site, diags, err := load(opts.Site, read.Options{Boundaries: geo.ReadBoundaries})
	res = &Result{Warnings: diags.Warnings()}
	defer func() { LogWarnings(logw, res.Warnings, opts.Verbose) }()
	if err != nil {
		return res, nil, nil, err
	}

	// derive
	maps, err := geo.Maps(site)
	res.GeometryRuns = geo.Runs()
	if err != nil {
		return res, nil, nil, err
	}
	res.Warnings = append(res.Warnings, mapWarnings(site, maps)...)
	res.Warnings.Sort()
	atlas := status.Derive(site)

	// render the downloads and pages, checking every file as it comes and writing it into
	// the new tree
	layouts, closeLayouts := siteFS(opts.Site, read.LayoutsDir)
	defer closeLayouts()
	texts, closeTexts := siteFS(opts.Site, read.I18nDir)
	defer closeTexts()
	if begin != nil {
		if tree, err = begin(&site.Config); err != nil {
			return res, nil, nil, err
		}
		defer func() {
			if err != nil {
				tree.Abort()
				tree = nil
			}
		}()
	}
	weights, facts := c.Weights(), c.Facts()
	memo = c.Memo(opts.out())
	cards := c.Cards()
	em := newEmitter(model.BasePath(site.Config.BaseURL), weights, facts, tree)
	em.tick = func(files int64) {
		prog.show("rendering", "%d files, %d share cards drawn", files, cards.Drawn())
	}
	ropts := render.Options{Layouts: layouts, I18n: texts, Cards: cards.Draw,
		Nation: maps.Nation, Maps: maps.Provinces, Sink: em.put, Known: em.known, Memo: memo}
	// The share cards, most of a cold build's work, are drawn on every core from here on,
	// while the downloads are written on one and the pages rendered after them.
	var cardsErr, downloadsErr error
	var drawing sync.WaitGroup
	cardOpts := ropts // a copy: ropts changes below, while the cards are drawn
	drawing.Go(func() { cardsErr = render.Cards(atlas, cardOpts) })
	// The downloads are written beside the pages; the data page, which lists their sizes,
	// waits for them.
	var downloads map[string]int
	var exporting sync.WaitGroup
	exporting.Go(func() {
		downloads, downloadsErr = export.Write(atlas, export.Options{Maps: maps.Provinces, I18n: texts, Memo: memo, Known: em.known}, em.put)
	})
	ropts.DownloadsLater = func() map[string]int { exporting.Wait(); return downloads }
	ropts.CardsDrawn = true
	_, err = render.Site(atlas, ropts)
	exporting.Wait()
	drawing.Wait()
	for _, e := range []error{downloadsErr, cardsErr} {
		if err == nil {
			err = e
		}
	}
	res.Recalled, res.CardsDrawn = memo.Hits(), cards.Drawn()
	res.Files, res.Bytes = int(em.files.Load()), em.bytes.Load()
	if err != nil {
		return res, tree, memo, err
	}

	// check
	if broken := em.links.Broken(em.exists); len(broken) > 0 {
		return res, tree, memo, brokenList(broken)
	}
	if res.Weights, err = em.meter.Report(); err != nil {
		return res, tree, memo, err // pages over their weight budget fail the build, like broken links
	}
	c.SaveWeights(weights)
	c.SaveFacts(facts)
	return res, tree, memo, nil
}

// CheckOut reports whether the build's output folder may be replaced by a build: an
// *write.OutError says why not (write.CheckOut). Run checks it before it reads anything;
// atlas serve checks it before it serves the folder.
func CheckOut(opts Options) error {
	return write.CheckOut(opts.out(), opts.writeOptions(opts.cache(), nil))
}

// writeOptions are the options of the build's output tree: the cache's manifest, and what
// the build reads, which the output may not replace (with config, its boundary files too).
func (opts Options) writeOptions(c *cache.Cache, config *model.Config) write.Options {
	reads := read.Inputs(opts.Site, config)
	if f := c.File(manifestFile); f != "" {
		reads = append(reads, filepath.Dir(f)) // the cache folder
	}
	return write.Options{Log: opts.Log, Manifest: c.File(manifestFile), Site: opts.Site, Reads: reads}
}

// out returns the build's output folder.
func (opts Options) out() string {
	if opts.Out != "" {
		return opts.Out
	}
	return filepath.Join(opts.Site, "public")
}

// cache returns the build's cache: Cache, or the cache folder, or none.
func (opts Options) cache() *cache.Cache {
	switch {
	case opts.Cache != nil:
		return opts.Cache
	case opts.NoCache:
		return nil
	case opts.CacheDir != "":
		return cache.Open(opts.CacheDir)
	}
	return cache.Open(filepath.Join(opts.Site, ".cache", "atlas"))
}

// manifestFile is the cache file where a build records the hashes of the output it wrote,
// for the next build to find the unchanged files without reading them (write.Options).
const manifestFile = "output-manifest"
