// Package build runs the pipeline: read → validate → model → derive → render → budget → write.
package build

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ntm-atlas/atlas/internal/budget"
	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/linkcheck"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read"
	"github.com/ntm-atlas/atlas/internal/render"
	"github.com/ntm-atlas/atlas/internal/status"
	"github.com/ntm-atlas/atlas/internal/validate"
	"github.com/ntm-atlas/atlas/internal/write"
)

// Map sizes in CSS pixels.
const (
	ProvinceMapWidth = 800
	LocatorMapWidth  = 240
	NationMapWidth   = 800
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
	// CacheDir holds derived geometry between builds; empty means Site/.cache/atlas.
	CacheDir string
	NoCache  bool // do not read or write the cache
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

// Load reads and validates the site in dir, its dates against its ReferenceDate. It returns
// the site and every diagnostic found; the error is non-nil when the diagnostics hold at
// least one error.
func Load(dir string) (*model.Site, diag.List, error) {
	return load(dir, read.Options{})
}

func load(dir string, opts read.Options) (*model.Site, diag.List, error) {
	ref, err := ReferenceDate(dir)
	if err != nil {
		return nil, nil, err
	}
	site, files, errs := read.SiteWith(dir, opts)
	errs = append(errs, attachTranslations(site, files.Failed)...)
	vopts := validate.Options{Reference: ref, Failed: files.Failed, PartialBoundaries: files.PartialBoundaries()}
	for _, d := range validate.SiteWith(site, files.Locate, vopts) {
		// A file that could not be decoded is reported once, for why.
		if !files.Failed(d.Pos.File) {
			errs = append(errs, d)
		}
	}
	errs.Sort()
	return site, errs, errs.Err()
}

// Render runs the pipeline up to rendering, without writing anything.
func Render(site *model.Site, layouts fs.FS) (render.Files, error) {
	maps, err := Maps(site)
	if err != nil {
		return nil, err
	}
	nation, err := NationMap(site)
	if err != nil {
		return nil, err
	}
	return renderWith(site, render.Options{Layouts: layouts, Nation: nation}, maps)
}

func renderWith(site *model.Site, opts render.Options, maps map[string]*render.ProvinceMaps) (render.Files, error) {
	atlas := status.Derive(site)
	opts.Maps = maps
	files, err := render.Site(atlas, opts)
	if err != nil {
		return nil, err
	}
	if broken := linkcheck.Check(files, render.BasePath(site.Config.BaseURL)); len(broken) > 0 {
		return nil, brokenList(broken)
	}
	return files, nil
}

// Maps draws each province's map and locator from the site's boundaries.
func Maps(site *model.Site) (map[string]*render.ProvinceMaps, error) {
	return drawMaps(site, nil)
}

// drawMaps is Maps, calling tick(done, total) after each province.
func drawMaps(site *model.Site, tick func(done, total int)) (map[string]*render.ProvinceMaps, error) {
	byProv := map[string][]carto.Feature{}
	units := model.NewIndex(site).Units
	for _, b := range site.Boundaries {
		u := units[b.Code]
		if u == nil {
			continue
		}
		byProv[u.Province] = append(byProv[u.Province], carto.Feature{Code: b.Code, Geometry: b.Geometry})
	}
	out := map[string]*render.ProvinceMaps{}
	for prov, fs := range byProv {
		main, err := carto.Draw(fs, carto.Options{Width: ProvinceMapWidth, SourceCrossings: true, Snap: 1})
		if err != nil {
			return nil, fmt.Errorf("province %s map: %w", prov, err)
		}
		loc, err := carto.Draw(fs, carto.Options{Width: LocatorMapWidth, Snap: 1})
		if err != nil {
			return nil, fmt.Errorf("province %s locator: %w", prov, err)
		}
		out[prov] = &render.ProvinceMaps{Main: main, Locator: loc}
		if tick != nil {
			tick(len(out), len(byProv))
		}
	}
	return out, nil
}

// NationMap draws the map of the provinces: every unit's boundary, dissolved by province, so
// that the provinces share their borders exactly as their units do.
func NationMap(site *model.Site) (*carto.Map, error) {
	units := model.NewIndex(site).Units
	var fs []carto.Feature
	var groups []string
	for _, b := range site.Boundaries {
		if u := units[b.Code]; u != nil {
			fs = append(fs, carto.Feature{Code: b.Code, Geometry: b.Geometry})
			groups = append(groups, u.Province)
		}
	}
	if len(fs) == 0 {
		return nil, nil
	}
	m, err := carto.Draw(fs, carto.Options{Width: NationMapWidth, Groups: groups, Snap: 1})
	if err != nil {
		return nil, fmt.Errorf("national map: %w", err)
	}
	return m, nil
}

// Run builds the site: it reads and checks everything first and writes nothing if there is an
// error, then renders the pages straight into a new output tree, which replaces the output
// folder atomically once every page is written and every check has passed. A page whose bytes
// are those of the previous build is hard-linked from the old tree, not written again.
func Run(opts Options) (*Result, error) {
	start := time.Now()
	out := outDir(opts)
	when, err := SourceDate()
	if err != nil {
		return &Result{}, err
	}
	wopts := write.Options{ModTime: when, Log: opts.Log}
	if !opts.NoCache {
		wopts.Manifest = filepath.Join(cacheDir(opts), manifestFile)
	}
	begin := func() (*write.Writer, error) { return write.Begin(out, wopts) }
	res, tree, memo, err := prepare(opts, false, begin)
	if err != nil {
		return res, err
	}
	if err := tree.Commit(); err != nil {
		return res, err
	}
	memo.save(cacheDir(opts))
	res.Linked, _ = tree.Linked()
	res.Duration = time.Since(start)
	return res, nil
}

// Check runs every check a build runs — reading, validation, geometry, templates, links —
// and writes nothing, not even to the geometry cache. It returns every diagnostic, errors
// and warnings, sorted; the error is non-nil when a build would fail.
func Check(opts Options) (diag.List, error) {
	opts.Log = nil
	res, _, _, err := prepare(opts, true, nil)
	all := append(diag.List{}, res.Warnings...)
	if l, ok := diag.AsList(err); ok {
		all = append(all, l...)
	} else if err != nil {
		all.Wrap(diag.Pos{}, err, "")
	}
	all.Sort()
	return all, err
}

// prepare reads, checks, derives and renders the site. With begin, it starts a new output
// tree once the site has read without errors and streams every rendered file into it; the
// tree it returns is complete and checked, to be committed. Without begin (atlas check) it
// writes nothing, and the geometry cache is read but not written.
func prepare(opts Options, readOnly bool, begin func() (*write.Writer, error)) (res *Result, tree *write.Writer, memo *pageMemo, err error) {
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	cache := cacheDir(opts)
	prog := newProgress(opts.Progress)
	defer prog.done()
	geo := newGeometry(cache)
	geo.readOnly = readOnly
	geo.prog = prog
	prog.show("reading", "the site")
	site, diags, err := load(opts.Site, read.Options{Boundaries: geo.readBoundaries})
	res = &Result{Warnings: diags.Warnings()}
	defer func() { LogWarnings(logw, res.Warnings, opts.Verbose) }()
	if err != nil {
		return res, nil, nil, err
	}
	drawn, err := geo.maps(site)
	res.GeometryRuns = geo.runs
	if err != nil {
		return res, nil, nil, err
	}
	maps := drawn.Provinces
	res.Warnings = append(res.Warnings, mapWarnings(site, maps)...)
	res.Warnings.Sort()
	layouts, closeLayouts := siteFS(opts.Site, "layouts")
	defer closeLayouts()
	texts, closeTexts := siteFS(opts.Site, "i18n")
	defer closeTexts()
	if begin != nil {
		if tree, err = begin(); err != nil {
			return res, nil, nil, err
		}
		defer func() {
			if err != nil {
				tree.Abort()
				tree = nil
			}
		}()
	}
	weights := loadWeights(cache)
	memo = loadMemo(cache, outDir(opts))
	em := newEmitter(render.BasePath(site.Config.BaseURL), weights, tree)
	cards := newCards(geo)
	em.tick = func(files int64) {
		prog.show("rendering", "%d files, %d share cards drawn", files, cards.drawn.Load())
	}
	_, err = render.Site(status.Derive(site), render.Options{Layouts: layouts, I18n: texts, Cards: cards.draw, Nation: drawn.Nation, Maps: maps, Sink: em.put, Memo: memo})
	res.Recalled = int(memo.hits.Load())
	res.CardsDrawn = int(cards.drawn.Load())
	res.Files, res.Bytes = int(em.files.Load()), em.bytes.Load()
	if err != nil {
		return res, tree, memo, err
	}
	if broken := em.links.Broken(em.exists); len(broken) > 0 {
		return res, tree, memo, brokenList(broken)
	}
	// Pages over their weight budget fail the build, like broken links.
	res.Weights, err = em.meter.Report()
	if err == nil && !readOnly {
		saveWeights(cache, weights)
	}
	return res, tree, memo, err
}

// outDir returns the build's output folder.
func outDir(opts Options) string {
	if opts.Out != "" {
		return opts.Out
	}
	return filepath.Join(opts.Site, "public")
}

// cacheDir returns the build's cache folder, or "" when it has none.
func cacheDir(opts Options) string {
	switch {
	case opts.NoCache:
		return ""
	case opts.CacheDir != "":
		return opts.CacheDir
	}
	return filepath.Join(opts.Site, ".cache", "atlas")
}

// manifestFile is the cache file where a build records the hashes of the output it wrote,
// for the next build to find the unchanged files without reading them (write.Options).
const manifestFile = "output-manifest"

// brokenList turns broken links into errors at the pages that hold them.
func brokenList(broken []linkcheck.Broken) diag.List {
	var l diag.List
	for _, b := range broken {
		l.Errorf(diag.Pos{File: b.Page}, "broken link %q", b.Ref)
	}
	return l
}

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

// weightsFile is the cache file of the gzipped sizes the weight budget measured.
const weightsFile = "gzip-sizes"

// processWeights serves builds without a cache folder (tests, benchmarks) for the life of
// the process, as drawnCards does for cards.
var processWeights = budget.NewCache()

// loadWeights returns the gzipped sizes cached in dir; with no cache folder, the process's.
func loadWeights(dir string) *budget.Cache {
	if dir == "" {
		return processWeights
	}
	f, err := os.Open(filepath.Join(dir, weightsFile))
	if err != nil {
		return budget.NewCache()
	}
	defer f.Close()
	return budget.ReadCache(bufio.NewReader(f))
}

// saveWeights keeps the sizes measured for the next build.
func saveWeights(dir string, c *budget.Cache) {
	saveCacheFile(dir, weightsFile, func(w io.Writer) error {
		_, err := c.WriteTo(w)
		return err
	})
}

// saveCacheFile writes the cache file name in dir atomically, through a temporary file, with
// what write writes. A cache file that cannot be written costs the next build only time: it
// is removed, so that no stale one is read. With no cache folder it does nothing.
func saveCacheFile(dir, name string, write func(io.Writer) error) {
	if dir == "" {
		return
	}
	file := filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, name+".*")
	if err != nil {
		os.Remove(file)
		return
	}
	w := bufio.NewWriter(tmp)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
		os.Remove(file)
	}
}

// siteFS returns the site's folder name (layouts, i18n), or nil when it has none, and a
// function that closes it. Symbolic links that lead outside the folder cannot be opened.
func siteFS(site, name string) (fs.FS, func()) {
	dir := filepath.Join(site, name)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, func() {}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, func() {}
	}
	return root.FS(), func() { root.Close() }
}

// mapWarnings turns the defects the geometry engine found in the source into warnings at
// each unit's boundary.
func mapWarnings(site *model.Site, maps map[string]*render.ProvinceMaps) diag.List {
	at := map[string]diag.Pos{}
	for _, b := range site.Boundaries {
		at[b.Code] = b.Pos
	}
	var out diag.List
	for _, m := range maps {
		for _, w := range m.Main.Warnings {
			out.Warnf(at[w.Code], "boundary %s: %s", w.Code, w.Msg)
		}
	}
	out.Sort()
	return out
}

// maxPerFile is how many warnings of one file a build prints one by one; a file with more
// (the shipped national boundaries, whose source defects the maps mend) gets one line that
// counts them, and Options.Verbose lists them all.
const maxPerFile = 3

// LogWarnings prints the warnings, each file's on its own lines or, past maxPerFile, in one
// line that counts them and quotes the first; verbose prints every one on its own line.
func LogWarnings(w io.Writer, ws diag.List, verbose bool) {
	if verbose {
		for _, d := range ws {
			fmt.Fprintln(w, d.Error())
		}
		return
	}
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && ws[j].Pos.File == ws[i].Pos.File {
			j++
		}
		if n := j - i; n > maxPerFile && ws[i].Pos.File != "" {
			fmt.Fprintf(w, "%s: %d warnings, the first: %s (-v lists them all)\n", ws[i].Pos.File, n, ws[i].Msg)
		} else {
			for _, d := range ws[i:j] {
				fmt.Fprintln(w, d.Error())
			}
		}
		i = j
	}
}
