// Package preview is atlas serve: it builds a site, serves the output on the loopback
// interface with live reload, and rebuilds whenever a file of the site changes. Open pages
// reload after a good rebuild; after a failed one the last good site stays served and every
// page shows the errors over it, each with its position and the offending line.
package preview

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/fsnotify/fsnotify"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/pipeline"
	"github.com/ntm-atlas/atlas/internal/serve"
)

// Options say what to preview and where.
type Options struct {
	Site string // the site folder
	Out  string // the output folder; empty means Site/public
	// Listener is where to serve; nil means listen on Addr.
	Listener net.Listener
	Addr     string // default 127.0.0.1:1313
	// Log receives the first build's report with its warnings, then one line per rebuild,
	// above it only the warnings not shown before, and the errors of a failed one; nil
	// discards it.
	Log io.Writer
	// Quiet waits this long after a change for more before rebuilding (default 30 ms), so
	// that an editor's save, which touches several files, rebuilds once.
	Quiet time.Duration
	// Verbose lists every warning of the first build (pipeline.Options.Verbose).
	Verbose bool
	// Built, when set, is called after every build with its outcome (for tests).
	Built func(err error)
}

// maxProblems is the most errors the overlay shows; the terminal has them all.
const maxProblems = 50

// Run builds the site, serves it and rebuilds it on every change until ctx is done. A failed
// first build is not fatal: the server waits for a good one. An output folder that a build
// may not replace (pipeline.CheckOut) is: Run returns its error at once.
func Run(ctx context.Context, opts Options) error {
	if opts.Out == "" {
		opts.Out = filepath.Join(opts.Site, "public")
	}
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:1313"
	}
	if opts.Quiet == 0 {
		opts.Quiet = 30 * time.Millisecond
	}
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	// A wrong output folder is refused before anything is built or served: serving it
	// would show its files, and a build would not replace them (write.CheckOut).
	if err := pipeline.CheckOut(pipeline.Options{Site: opts.Site, Out: opts.Out}); err != nil {
		return err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching %s: %w", opts.Site, err)
	}
	defer w.Close()
	skip, err := skipped(opts)
	if err != nil {
		return err
	}
	if err := watchTree(w, opts.Site, skip); err != nil {
		return err
	}

	live := serve.NewLive()
	p := &previewer{opts: opts, log: logw, live: live, mem: newMemory(),
		session: pipeline.NewSession(pipeline.Options{Site: opts.Site, Out: opts.Out}), builds: make(chan int, 1)}
	p.build(true, "")
	if m, err := p.session.Prepare(); err == nil {
		p.mem.set(m)
		p.mem.built(p.mem.generation())
	}
	// Run returns only once the builder has: a build it started is not left writing.
	var builder sync.WaitGroup
	bctx, cancel := context.WithCancel(ctx)
	builder.Go(func() { p.builder(bctx) })
	defer builder.Wait()
	defer cancel()

	ln := opts.Listener
	if ln == nil {
		if ln, err = net.Listen("tcp", opts.Addr); err != nil {
			return err
		}
	}
	done := make(chan error, 1)
	go func() { done <- serve.Serve(ctx, ln, serve.MemoryHandler(opts.Out, live, p.mem), opts.Out, logw) }()

	var timer <-chan time.Time
	changed := ""
	for {
		select {
		case err := <-done:
			return err
		case ev, ok := <-w.Events:
			if !ok {
				return <-done
			}
			if under(ev.Name, skip) || ignored(ev.Name) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Op&fsnotify.Create != 0 {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					watchTree(w, ev.Name, skip)
				}
			}
			p.session.Changed(ev.Name)
			if changed == "" {
				changed = ev.Name
			} else if changed != ev.Name {
				changed = "several files"
			}
			timer = time.After(opts.Quiet)
		case err, ok := <-w.Errors:
			if ok {
				fmt.Fprintf(logw, "atlas serve: watching: %v\n", err)
			}
		case <-timer:
			timer = nil
			what := changed
			if rel, err := filepath.Rel(opts.Site, changed); err == nil && !strings.HasPrefix(rel, "..") {
				what = filepath.ToSlash(rel)
			}
			changed = ""
			p.prepare(what)
		}
	}
}

// previewer prepares the site in memory on every save, reloads the open pages, then builds
// the site into the output folder, and tells the live hub and the terminal how it went.
type previewer struct {
	opts    Options
	log     io.Writer
	live    *serve.Live
	session *pipeline.Session
	mem     *memory
	// builds asks the builder for a build of the output folder, for the generation of the
	// site in memory it gives.
	builds chan int
	// changed is what the builds asked since the last one changed, for its line.
	changedMu sync.Mutex
	changed   string
	// shown are the warnings the terminal has been told of, by file and message (not line
	// and column, which an edit above them moves): a rebuild prints only the others.
	shown map[string]bool
}

// warningKey is what makes two warnings the same for the terminal: their file and message.
func warningKey(d *diag.Diagnostic) string { return d.Pos.File + "\x00" + d.Msg }

// prepare reads the site again into memory after a save. When it reads without errors, the
// open pages reload at once, their pages rendered from memory (render.OnDemand), and a build
// of the output folder is asked of the builder; otherwise the last good site stays served and
// the pages show the errors.
func (p *previewer) prepare(changed string) {
	start := time.Now()
	m, err := p.session.Prepare()
	ms := time.Since(start).Milliseconds()
	stamp := time.Now().Format("15:04:05")
	if err != nil {
		p.failed(stamp, changed, ms, err)
		if p.opts.Built != nil {
			p.opts.Built(err)
		}
		return
	}
	p.mem.set(m)
	p.live.Built()
	fmt.Fprintf(p.log, "%s %s: reloaded in %d ms\n", stamp, orStart(changed), ms)
	p.changedMu.Lock()
	if p.changed == "" || p.changed == changed {
		p.changed = changed
	} else {
		p.changed = "several files"
	}
	p.changedMu.Unlock()
	select {
	case <-p.builds: // a build not started yet: this one asks for a newer generation
	default:
	}
	p.builds <- p.mem.generation()
}

// builder builds the output folder for each generation asked, one after the other, until
// ctx is done.
func (p *previewer) builder(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case gen := <-p.builds:
			p.changedMu.Lock()
			what := p.changed
			p.changed = ""
			p.changedMu.Unlock()
			p.build(false, what)
			p.mem.built(gen)
		}
	}
}

// failed reports a failed build or preparation: its errors in the terminal and over the
// open pages.
func (p *previewer) failed(stamp, changed string, ms int64, err error) {
	l, ok := diag.AsList(err)
	if !ok {
		l.Wrap(diag.Pos{}, err, "")
	}
	fmt.Fprintln(p.log, l.Error())
	fmt.Fprintf(p.log, "%s %s: build failed with %d error(s) in %d ms; still serving the last good build\n", stamp, orStart(changed), len(l), ms)
	p.live.Failed(problems(p.opts.Site, l))
}

// build runs one build. The first reports in full, as atlas build does; a rebuild writes one
// line, above it only the warnings the terminal has not shown yet, and on failure the errors.
func (p *previewer) build(first bool, changed string) {
	bo := pipeline.Options{Site: p.opts.Site, Out: p.opts.Out, Verbose: p.opts.Verbose}
	if first {
		bo.Log = p.log
	}
	start := time.Now()
	res, err := pipeline.Run(bo)
	if first && res != nil {
		// The first build printed its warnings as atlas build does, failed or not.
		p.shown = map[string]bool{}
		for _, d := range res.Warnings {
			p.shown[warningKey(d)] = true
		}
	}
	ms := time.Since(start).Milliseconds()
	stamp := time.Now().Format("15:04:05")
	if err != nil {
		p.failed(stamp, changed, ms, err)
	} else {
		if first {
			fmt.Fprintf(p.log, "Built %d files (%.1f MB) in %d ms", res.Files, float64(res.Bytes)/1e6, ms)
			if n := len(res.Warnings); n > 0 {
				fmt.Fprintf(p.log, ", %d warning(s)", n)
			}
			fmt.Fprintln(p.log)
		} else {
			line := fmt.Sprintf("%s %s: rebuilt in %d ms, %d of %d files changed", stamp, orStart(changed), ms, res.Files-res.Linked, res.Files)
			// Only the warnings not shown before are printed, above the line; the line counts
			// them and the ones that went.
			var fresh diag.List
			now := map[string]bool{}
			for _, d := range res.Warnings {
				now[warningKey(d)] = true
				if !p.shown[warningKey(d)] {
					fresh = append(fresh, d)
				}
			}
			gone := 0
			for k := range p.shown {
				if !now[k] {
					gone++
				}
			}
			pipeline.LogWarnings(p.log, fresh, p.opts.Verbose)
			if len(fresh) > 0 || gone > 0 {
				line += fmt.Sprintf(", %d warning(s): %d new, %d gone", len(res.Warnings), len(fresh), gone)
			}
			fmt.Fprintln(p.log, line)
			p.shown = now
		}
		if first || p.live.Problems() {
			// The pages reloaded when the site was prepared; they reload again only to leave
			// the errors of a failed build.
			p.live.Built()
		}
	}
	if p.opts.Built != nil {
		p.opts.Built(err)
	}
}

func orStart(changed string) string {
	if changed == "" {
		return "start"
	}
	return changed
}

// problems turns a failed build's errors into what the overlay shows, with the offending
// line of each file that has one.
func problems(site string, l diag.List) []serve.Problem {
	var out []serve.Problem
	for _, d := range l.Errors() {
		if len(out) == maxProblems {
			break
		}
		p := serve.Problem{Pos: d.Pos.String(), Msg: d.Msg}
		if d.Pos.File != "" && d.Pos.Line > 0 {
			p.Source, p.Col = sourceLine(filepath.Join(site, filepath.FromSlash(d.Pos.File)), d.Pos.Line, d.Pos.Col)
		}
		out = append(out, p)
	}
	return out
}

// maxSource is the most of a line the overlay shows, around the column pointed at.
const maxSource = 160

// sourceLine returns line n of the file (not of a compressed one) and the column col (in
// bytes, from 1) as a count of characters into what it returns.
func sourceLine(name string, n, col int) (string, int) {
	if strings.HasSuffix(name, ".gz") {
		return "", 0
	}
	f, err := os.Open(name)
	if err != nil {
		return "", 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for i := 1; sc.Scan(); i++ {
		if i < n {
			continue
		}
		line := strings.TrimRight(sc.Text(), "\r")
		if !utf8.ValidString(line) {
			return "", 0
		}
		col = max(0, min(col, len(line)+1))
		start := 0
		if col > maxSource {
			start = col - maxSource/2
			for start < len(line) && !utf8.RuneStart(line[start]) {
				start++
			}
		}
		end := len(line)
		if end-start > maxSource {
			end = start + maxSource
			for end > start && !utf8.RuneStart(line[end]) {
				end--
			}
		}
		c := 0
		if col > 0 {
			c = utf8.RuneCountInString(line[start:min(col-1, end)]) + 1
		}
		return line[start:end], c
	}
	return "", 0
}

// skipped returns the folders a rebuild must not watch: the output, the cache, and the
// output's temporary siblings live there.
func skipped(opts Options) ([]string, error) {
	var out []string
	for _, d := range []string{opts.Out, filepath.Join(opts.Site, ".cache")} {
		abs, err := filepath.Abs(d)
		if err != nil {
			return nil, err
		}
		out = append(out, abs)
	}
	return out, nil
}

// under reports whether name lies in one of dirs, or is a build's temporary output folder.
func under(name string, dirs []string) bool {
	abs, err := filepath.Abs(name)
	if err != nil {
		return false
	}
	for _, d := range dirs {
		if abs == d || strings.HasPrefix(abs, d+string(filepath.Separator)) {
			return true
		}
		// The new tree is written beside the output and renamed over it (write.Begin).
		if strings.HasPrefix(abs, filepath.Join(filepath.Dir(d), "."+filepath.Base(d))) {
			return true
		}
	}
	return false
}

// ignored reports whether a changed file is one no build reads: version control, editors'
// swap and backup files.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") ||
		strings.HasSuffix(base, ".swx") || strings.HasPrefix(base, ".#") ||
		strings.Contains(filepath.ToSlash(name), "/.git/")
}

// watchTree watches dir and every folder below it but the skipped ones and hidden ones.
func watchTree(w *fsnotify.Watcher, dir string, skip []string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || under(p, skip)) {
			return filepath.SkipDir
		}
		if err := w.Add(p); err != nil {
			return fmt.Errorf("watching %s: %w", p, err)
		}
		return nil
	})
}

// memory is the site atlas serve holds in memory (serve.Memory): the last site prepared
// without errors, numbered by generation, and the generation the output folder holds.
type memory struct {
	mu    sync.Mutex
	site  *pipeline.Memory
	gen   int           // of site
	disk  int           // the generation the output folder was last built for
	ready chan struct{} // closed when disk has caught up with gen
}

func newMemory() *memory {
	m := &memory{ready: make(chan struct{})}
	close(m.ready)
	return m
}

// set makes site the site served, a generation newer than the last.
func (m *memory) set(site *pipeline.Memory) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.site = site
	m.gen++
	select {
	case <-m.ready:
		m.ready = make(chan struct{})
	default:
	}
}

func (m *memory) generation() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.gen
}

// built records that the output folder was built (or failed to build, keeping the last
// good one) for generation gen.
func (m *memory) built(gen int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.disk = max(m.disk, gen)
	if m.disk >= m.gen {
		select {
		case <-m.ready:
		default:
			close(m.ready)
		}
	}
}

// File implements serve.Memory.
func (m *memory) File(p string) ([]byte, bool) {
	m.mu.Lock()
	site := m.site
	m.mu.Unlock()
	if site == nil {
		return nil, false
	}
	b, ok, err := site.Pages.File(p)
	return b, ok && err == nil
}

// Wait implements serve.Memory.
func (m *memory) Wait(ctx context.Context) {
	m.mu.Lock()
	ready := m.ready
	m.mu.Unlock()
	select {
	case <-ready:
	case <-ctx.Done():
	}
}

var _ serve.Memory = (*memory)(nil)
