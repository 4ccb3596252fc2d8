// Package write puts a rendered site on disk atomically: the files go to a new folder beside
// the output folder, which replaces the old output only once everything is written. File
// does the same for one file, through a temporary file beside it.
package write

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options change how Tree writes.
type Options struct {
	// ModTime, when not zero, is given to every file and folder written, so that the output's
	// metadata is as reproducible as its bytes (see SOURCE_DATE_EPOCH in docs/content.md).
	ModTime time.Time
	// Manifest, when set, is a file (outside the output folder) where the Writer records
	// the hash of every file of the tree it commits, so that the next one finds the
	// unchanged files without reading them. Without it, a file is compared with the old one
	// byte for byte.
	Manifest string
	// Log, when set, is told when the Writer waits for another build of the same output
	// folder to finish.
	Log io.Writer
	// Site, when set, is the folder the build reads: the output folder may lie inside it,
	// but may not be it or hold it (see CheckOut).
	Site string
	// Reads are the folders and files the build reads (inside Site): the output folder may
	// not be one of them, hold one, or lie inside one.
	Reads []string
}

// Tree writes files (slash-separated paths relative to out) as the new content of the folder
// out: Begin, Put for each file in sorted order, Commit. See Begin.
func Tree(out string, files map[string][]byte, opts Options) error {
	t, err := Begin(out, opts)
	if err != nil {
		return err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err := t.Put(p, files[p]); err != nil {
			t.Abort()
			return err
		}
	}
	return t.Commit()
}

// A Writer writes a new tree for an output folder, one file at a time, so that a build need
// not hold its whole output in memory. The files go to a hidden folder beside out, which
// replaces out only at Commit, once everything is written: on Linux by one atomic exchange of
// the two folders, so that out is whole at every instant, even if the process is killed;
// elsewhere by two renames. Until Commit, out is left as it was; Abort, or a failed Commit,
// removes the partial tree.
//
// From Begin to the end of Commit or Abort, a Writer holds an exclusive lock on the file
// .<out>.lock beside out (flock(2), on Unix systems), so that two builds of one site write
// and swap in turn, never at once: a second Begin waits for the first Writer to end. Partial
// trees left by builds that were killed are removed by Begin once it holds the lock, so a
// live build's tree is never among them.
//
// A file whose bytes are those of the same path in the current out is not written again but
// hard-linked from it, so that a build that changes little writes little.
//
// With a Manifest, the tree that out replaced last time is not removed but kept beside it as a
// standby (.<out>.standby), with its own manifest; the first tree of an output, which replaced
// none, leaves a standby of hard links to its own files. The next Writer starts its new tree from
// the standby: a file already there with the right bytes is kept, a changed one replaced, one
// no longer put removed, so that a build that changes nothing makes no file and no folder (it
// stats each file once). The standby is renamed to a temporary name first, so that if the
// build is killed while it patches it, the next Begin removes it as a partial tree and starts
// afresh: out is never touched before the exchange.
//
// Put may be called from several goroutines at once.
type Writer struct {
	out, tmp string
	opts     Options
	lock     *os.File // held until the Writer ends

	old  *manifest // the current tree's, or nil
	next *manifest // the new tree's, with Options.Manifest
	// base is the manifest of the standby tree the new tree started from (tmp held it at
	// Begin), or nil when the new tree started empty.
	base *manifest

	mu      sync.Mutex
	dirs    map[string]bool // folders in tmp: made, or there from the standby
	touched map[string]bool // folders of tmp whose entries changed (their times are set again)
	files   map[string]bool // files put
	linked  int             // files linked from out, or kept from the standby
	written int
	done    bool
}

// Begin starts a new tree for the folder out, once no other Writer of out is running: it
// waits for the lock on out (see Writer), telling Options.Log once that it does. A folder
// that is not the output's to replace (see CheckOut) is refused with an *OutError before
// anything is created, and checked again once the lock is held.
func Begin(out string, opts Options) (*Writer, error) {
	out = filepath.Clean(out)
	if err := CheckOut(out, opts); err != nil {
		return nil, err
	}
	parent, base := filepath.Split(out)
	parent = filepath.Clean(parent)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockOutput(filepath.Join(parent, LockName(base)), opts.Log,
		fmt.Sprintf("waiting for another build of %s to finish", out))
	if err != nil {
		return nil, err
	}
	if err := CheckOut(out, opts); err != nil {
		lock.Close()
		return nil, err
	}
	removeStale(parent, base)
	w := &Writer{out: out, opts: opts, lock: lock, dirs: map[string]bool{}, touched: map[string]bool{}, files: map[string]bool{}}
	if opts.Manifest != "" {
		w.old = readManifest(opts.Manifest, out)
		w.next = &manifest{entries: map[string]entry{}}
		w.tmp, w.base = takeStandby(parent, base, opts.Manifest)
	}
	if w.tmp == "" {
		tmp, err := os.MkdirTemp(parent, tempPrefix(base))
		if err == nil {
			if err = os.Chmod(tmp, 0o755); err != nil {
				os.RemoveAll(tmp)
			}
		}
		if err != nil {
			lock.Close()
			return nil, err
		}
		w.tmp = tmp
	}
	if w.base != nil {
		for p := range w.base.entries {
			for d := filepath.Dir(filepath.Join(w.tmp, filepath.FromSlash(p))); d != w.tmp && !w.dirs[d]; d = filepath.Dir(d) {
				w.dirs[d] = true
			}
		}
	}
	return w, nil
}

// standbyName is the name of the folder beside out named base that holds the tree out held
// before the last build (see Writer).
func standbyName(base string) string { return "." + base + ".standby" }

// standbyManifest is the file of the standby tree's manifest, beside the output's.
func standbyManifest(file string) string { return file + ".standby" }

// takeStandby moves the standby tree of out (named base, in parent) to a temporary name and
// returns it with its manifest, when the manifest describes it as it is; otherwise it removes
// the standby, if any, and returns nothing. The caller holds the lock.
func takeStandby(parent, base, manifestFile string) (string, *manifest) {
	standby := filepath.Join(parent, standbyName(base))
	m := readManifest(standbyManifest(manifestFile), standby)
	os.Remove(standbyManifest(manifestFile)) // the standby changes from here on
	if m == nil {
		os.RemoveAll(standby)
		return "", nil
	}
	tmp := filepath.Join(parent, tempPrefix(base)+fmt.Sprintf("%d", time.Now().UnixNano()))
	if err := os.Rename(standby, tmp); err != nil {
		os.RemoveAll(standby)
		return "", nil
	}
	return tmp, m
}

// Put writes b as the file at p, a slash-separated path relative to the output folder. A
// path may be put once.
func (w *Writer) Put(p string, b []byte) error {
	var sum [32]byte
	if w.next != nil {
		sum = sha256.Sum256(b)
	}
	return w.PutHashed(p, b, sum)
}

// PutHashed is Put for a caller that has the SHA-256 of b already.
func (w *Writer) PutHashed(p string, b []byte, sum [32]byte) error {
	if !filepath.IsLocal(filepath.FromSlash(p)) {
		return fmt.Errorf("write: %q would leave the output folder", p)
	}
	rel := filepath.FromSlash(p)
	dst := filepath.Join(w.tmp, rel)
	if err := w.claim(p, filepath.Dir(dst)); err != nil {
		return err
	}
	// A file of the standby tree: kept when it has the bytes, else replaced.
	replace := false
	if w.base != nil {
		if e, ok := w.base.entries[p]; ok {
			if e.sum == sum && w.unchanged(dst, e.id, len(b)) {
				w.done1(p, true, sum, e.id)
				return nil
			}
			replace = true
			w.touch(filepath.Dir(dst))
		} else {
			w.touch(filepath.Dir(dst))
		}
	}
	target := dst
	if replace {
		// Written beside it, then renamed over it: the standby's file may be a link of a
		// file of out, whose bytes must not change.
		target = dst + ".atlas-new~"
		os.Remove(target)
	}
	if id, ok := w.reuse(p, filepath.Join(w.out, rel), target, b, sum); ok {
		if replace {
			if err := os.Rename(target, dst); err != nil {
				return err
			}
		}
		w.done1(p, true, sum, id)
		return nil
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	var id [2]uint64
	if err == nil && w.next != nil {
		var st os.FileInfo
		if st, err = f.Stat(); err == nil {
			id, _ = fileID(st)
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if !w.opts.ModTime.IsZero() {
		if err := os.Chtimes(target, w.opts.ModTime, w.opts.ModTime); err != nil {
			return err
		}
	}
	if replace {
		if err := os.Rename(target, dst); err != nil {
			return err
		}
	}
	w.done1(p, false, sum, id)
	return nil
}

// PutKnown puts the file at p known by the hash and size of its bytes alone, when the tree
// can have it without them: the standby tree the new one started from holds it unchanged, or
// the current out does (both by their manifests, checked against the file's inode). It
// reports whether it did; when it did not, nothing is put, and the caller puts the bytes.
func (w *Writer) PutKnown(p string, sum [32]byte, n int) bool {
	if !filepath.IsLocal(filepath.FromSlash(p)) || w.next == nil {
		return false
	}
	rel := filepath.FromSlash(p)
	dst := filepath.Join(w.tmp, rel)
	if w.base != nil {
		if e, ok := w.base.entries[p]; ok && e.sum == sum && w.unchanged(dst, e.id, n) {
			if w.claim(p, filepath.Dir(dst)) != nil {
				return false
			}
			w.done1(p, true, sum, e.id)
			return true
		}
	}
	if w.old == nil {
		return false
	}
	e, ok := w.old.entries[p]
	old := filepath.Join(w.out, rel)
	if !ok || e.sum != sum || !w.unchanged(old, e.id, n) {
		return false
	}
	if w.claim(p, filepath.Dir(dst)) != nil {
		return false
	}
	target := dst
	if w.base != nil {
		w.touch(filepath.Dir(dst))
		if _, ok := w.base.entries[p]; ok {
			target = dst + ".atlas-new~"
			os.Remove(target)
		}
	}
	if os.Link(old, target) != nil || target != dst && os.Rename(target, dst) != nil {
		// Claimed, but not put: the caller's bytes go in its place (putAgain).
		w.mu.Lock()
		delete(w.files, p)
		w.mu.Unlock()
		return false
	}
	w.done1(p, true, sum, e.id)
	return true
}

// unchanged reports whether the file at dst (of the standby, or of out) is still the inode id
// its manifest records, of size n and with the time the tree gives its files.
func (w *Writer) unchanged(dst string, id [2]uint64, n int) bool {
	st, err := os.Lstat(dst)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(n) {
		return false
	}
	if !w.opts.ModTime.IsZero() && !st.ModTime().Equal(w.opts.ModTime) {
		return false
	}
	have, ok := fileID(st)
	return ok && have == id
}

// touch records that the entries of the folder dir of tmp change, so that its time is set
// again at Commit.
func (w *Writer) touch(dir string) {
	w.mu.Lock()
	w.touched[dir] = true
	w.mu.Unlock()
}

// claim records p as put and makes its folder dir, each folder once: most files share theirs
// with others.
func (w *Writer) claim(p, dir string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return fmt.Errorf("write: %s put after the tree was ended", p)
	}
	if w.files[p] {
		return fmt.Errorf("write: %s is put twice", p)
	}
	w.files[p] = true
	return w.mkdir(dir)
}

// mkdir makes dir and the folders above it that are not made yet; w.mu is held.
func (w *Writer) mkdir(dir string) error {
	if dir == w.tmp || w.dirs[dir] {
		return nil
	}
	// One system call for the usual case, a folder whose parent exists.
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err = w.mkdir(filepath.Dir(dir)); err == nil {
			err = os.Mkdir(dir, 0o755)
		}
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.dirs[dir] = true
	w.touched[dir] = true
	w.touched[filepath.Dir(dir)] = true
	return nil
}

// done1 counts the file put at p, and records it in the new manifest.
func (w *Writer) done1(p string, linked bool, sum [32]byte, id [2]uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if linked {
		w.linked++
	} else {
		w.written++
	}
	if w.next != nil {
		w.next.entries[p] = entry{sum: sum, id: id}
	}
}

// reuse hard-links old, the file at p in the current tree, to dst when it holds exactly b
// (whose hash is sum, with a manifest), with the time the tree gives its files, and reports
// whether it did, with old's file ID. With a manifest of the current tree, old is known by
// its hash and inode; without, by reading it.
func (w *Writer) reuse(p, old, dst string, b []byte, sum [32]byte) ([2]uint64, bool) {
	var id [2]uint64
	var known entry
	if w.old != nil {
		var ok bool
		if known, ok = w.old.entries[p]; !ok || known.sum != sum {
			return id, false
		}
	}
	st, err := os.Lstat(old)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(b)) {
		return id, false
	}
	if !w.opts.ModTime.IsZero() && !st.ModTime().Equal(w.opts.ModTime) {
		return id, false
	}
	id, hasID := fileID(st)
	if w.old != nil {
		if !hasID || id != known.id {
			return id, false
		}
	} else {
		have, err := os.ReadFile(old)
		if err != nil || !bytes.Equal(have, b) {
			return id, false
		}
	}
	return id, os.Link(old, dst) == nil
}

// Linked returns how many files were hard-linked from the previous tree, and how many
// were written.
func (w *Writer) Linked() (linked, written int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.linked, w.written
}

// Commit puts the new tree in place of out. If it fails, out is left as it was. Either way
// the Writer has ended.
func (w *Writer) Commit() (err error) {
	if !w.end() {
		return errors.New("write: the tree was ended already")
	}
	defer w.lock.Close()
	defer func() {
		if err != nil {
			os.RemoveAll(w.tmp)
		}
	}()
	if err := w.prune(); err != nil {
		return err
	}
	if !w.opts.ModTime.IsZero() {
		// Folders last: writing into a folder changes its time. A folder of the standby that
		// nothing changed in keeps the time it was given.
		for d := range w.dirs {
			if w.base != nil && !w.touched[d] {
				continue
			}
			if err := os.Chtimes(d, w.opts.ModTime, w.opts.ModTime); err != nil {
				return err
			}
		}
		if err := os.Chtimes(w.tmp, w.opts.ModTime, w.opts.ModTime); err != nil {
			return err
		}
	}
	if err := w.record(); err != nil {
		return fmt.Errorf("write: record the output in its lock file: %w", err)
	}
	standby := ""
	if w.next != nil && w.old != nil {
		// The tree out holds now becomes the standby, described by its manifest.
		standby = filepath.Join(filepath.Dir(w.out), standbyName(filepath.Base(w.out)))
	}
	if err := swap(w.tmp, w.out, standby); err != nil {
		return err
	}
	if w.next != nil {
		w.next.save(w.opts.Manifest, w.out)
	}
	if standby != "" {
		w.old.save(standbyManifest(w.opts.Manifest), standby)
	} else if w.next != nil {
		w.linkStandby()
	}
	return nil
}

// linkStandby makes a standby of the tree just committed when the tree it replaced could not
// be one (the first build of an output, or a tree of no manifest): the same folders, their
// files hard links to out's, made under a temporary name and renamed once whole, its manifest
// saved last. The next build patches it instead of linking a whole new tree. Any failure
// leaves no standby: the next build starts afresh, as before.
func (w *Writer) linkStandby() {
	parent, base := filepath.Split(w.out)
	parent = filepath.Clean(parent)
	tmp, err := os.MkdirTemp(parent, tempPrefix(base))
	if err != nil {
		return
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if os.Chmod(tmp, 0o755) != nil {
		return
	}
	// The folders first, then the links on every core: a link is a system call, and the
	// first tree of a site has tens of thousands of files.
	dirs := map[string]bool{tmp: true}
	paths := make([]string, 0, len(w.next.entries))
	for p := range w.next.entries {
		paths = append(paths, p)
		for d := filepath.Dir(filepath.Join(tmp, filepath.FromSlash(p))); !dirs[d]; d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) { // a parent before its folders
		if d != tmp && os.Mkdir(d, 0o755) != nil {
			return
		}
	}
	var failed atomic.Bool
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for i := range workers {
		wg.Go(func() {
			for _, p := range paths[i*len(paths)/workers : (i+1)*len(paths)/workers] {
				rel := filepath.FromSlash(p)
				if failed.Load() || os.Link(filepath.Join(w.out, rel), filepath.Join(tmp, rel)) != nil {
					failed.Store(true)
					return
				}
			}
		})
	}
	wg.Wait()
	if failed.Load() {
		return
	}
	if !w.opts.ModTime.IsZero() {
		for d := range dirs {
			if os.Chtimes(d, w.opts.ModTime, w.opts.ModTime) != nil {
				return
			}
		}
	}
	standby := filepath.Join(parent, standbyName(base))
	os.RemoveAll(standby)
	if os.Rename(tmp, standby) != nil {
		return
	}
	ok = true
	w.next.save(standbyManifest(w.opts.Manifest), standby)
}

// prune removes from a tree started from the standby the files no longer put, and the folders
// they leave empty.
func (w *Writer) prune() error {
	if w.base == nil {
		return nil
	}
	var dirs []string
	for p := range w.base.entries {
		if w.files[p] {
			continue
		}
		f := filepath.Join(w.tmp, filepath.FromSlash(p))
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for d := filepath.Dir(f); d != w.tmp; d = filepath.Dir(d) {
			dirs = append(dirs, d)
		}
		w.touched[filepath.Dir(f)] = true
	}
	// Deepest first; a folder that still holds something stays.
	sort.Slice(dirs, func(i, j int) bool { return len(dirs[i]) > len(dirs[j]) })
	for _, d := range dirs {
		if !w.dirs[d] {
			continue
		}
		if os.Remove(d) == nil {
			delete(w.dirs, d)
			delete(w.touched, d)
			w.touched[filepath.Dir(d)] = true
		}
	}
	return nil
}

// Abort removes the partial tree; out is left as it was. Abort after Commit, or after
// Abort, does nothing.
func (w *Writer) Abort() {
	if !w.end() {
		return
	}
	os.RemoveAll(w.tmp)
	w.lock.Close()
}

// end marks the Writer ended, and reports whether it was running until now.
func (w *Writer) end() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return false
	}
	w.done = true
	return true
}

// LockName is the name of the lock file of an output folder named base, beside it.
func LockName(base string) string { return "." + base + ".lock" }

// tempPrefix is the name prefix of the folders a build of out writes into.
func tempPrefix(base string) string { return "." + base + ".new-" }

// removeStale removes the partial trees of out that killed builds left in parent. It is called
// with the lock on out held, so none of them belongs to a running build. Where there is no
// lock (canLock), it removes only those untouched for staleAge, which no build runs that long.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix(base)) {
			continue
		}
		if !canLock {
			if st, err := e.Info(); err != nil || time.Since(st.ModTime()) < staleAge {
				continue
			}
		}
		os.RemoveAll(filepath.Join(parent, e.Name()))
	}
}

// staleAge is how old a partial tree must be to be taken for a killed build's where builds
// cannot lock their output.
const staleAge = time.Hour

// swap moves the finished tree tmp to out. Where the system can exchange two folders
// atomically (Linux renameat2), out never disappears; otherwise the old out is renamed aside,
// the new tree renamed in, and out is missing only between the two renames (if the second
// fails, the old tree is put back). The old tree is then moved to standby, or removed when
// standby is "" (or cannot be moved there).
func swap(tmp, out, standby string) error {
	if _, err := os.Lstat(out); err != nil {
		if err := os.Rename(tmp, out); err != nil {
			return fmt.Errorf("write: move new output in place: %w", err)
		}
		return nil
	}
	old := tmp
	if exchange(tmp, out) != nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("write: move old output aside: %w", err)
		}
		if err := os.Rename(tmp, out); err != nil {
			os.Rename(old, out)
			return fmt.Errorf("write: move new output in place: %w", err)
		}
	}
	// old now holds the old tree.
	if standby != "" {
		os.RemoveAll(standby)
		if os.Rename(old, standby) == nil {
			return nil
		}
	}
	return os.RemoveAll(old)
}
