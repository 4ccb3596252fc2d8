// Package write puts a rendered site on disk atomically: the files go to a new folder beside
// the output folder, which replaces the old output only once everything is written.
package write

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Options change how Tree writes.
type Options struct {
	// ModTime, when not zero, is given to every file and folder written, so that the output's
	// metadata is as reproducible as its bytes (see SOURCE_DATE_EPOCH in docs/content.md).
	ModTime time.Time
}

// Tree writes files (slash-separated paths relative to out) as the new content of the folder
// out. The new tree is written to a hidden folder beside out and swapped in only when it is
// complete: on Linux by one atomic exchange of the two folders, so that out is whole at every
// instant, even if the process is killed; elsewhere by two renames. If anything fails, out is
// left as it was and the partial tree is removed. Partial trees left by builds that were killed
// are removed first.
func Tree(out string, files map[string][]byte, opts Options) (err error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeStale(parent, filepath.Base(out))
	tmp, err := os.MkdirTemp(parent, tempPrefix(filepath.Base(out)))
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	dirs := map[string]bool{}
	for _, p := range paths {
		if !filepath.IsLocal(filepath.FromSlash(p)) {
			return fmt.Errorf("write: %q would leave the output folder", p)
		}
		dst := filepath.Join(tmp, filepath.FromSlash(p))
		// Folders are made once each: most files share theirs with others.
		if dir := filepath.Dir(dst); dir != tmp && !dirs[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			for d := dir; d != tmp && !dirs[d]; d = filepath.Dir(d) {
				dirs[d] = true
			}
		}
		if err := os.WriteFile(dst, files[p], 0o644); err != nil {
			return err
		}
		if !opts.ModTime.IsZero() {
			if err := os.Chtimes(dst, opts.ModTime, opts.ModTime); err != nil {
				return err
			}
		}
	}
	if !opts.ModTime.IsZero() {
		// Folders last: writing into a folder changes its time.
		for d := range dirs {
			if err := os.Chtimes(d, opts.ModTime, opts.ModTime); err != nil {
				return err
			}
		}
		if err := os.Chtimes(tmp, opts.ModTime, opts.ModTime); err != nil {
			return err
		}
	}
	return swap(tmp, out)
}

// tempPrefix is the name prefix of the folders a build of out writes into.
func tempPrefix(base string) string { return "." + base + ".new-" }

// removeStale removes the partial trees of out that killed builds left in parent. A build that
// is still running keeps its own tree open only for its lifetime; two builds into the same
// output folder at once are not supported.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), tempPrefix(base)) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// swap moves the finished tree tmp to out. Where the system can exchange two folders
// atomically (Linux renameat2), out never disappears; otherwise the old out is renamed aside,
// the new tree renamed in, and out is missing only between the two renames (if the second
// fails, the old tree is put back). The old tree is removed last.
func swap(tmp, out string) error {
	if _, err := os.Lstat(out); err != nil {
		if err := os.Rename(tmp, out); err != nil {
			return fmt.Errorf("write: move new output in place: %w", err)
		}
		return nil
	}
	if exchange(tmp, out) == nil {
		// tmp now holds the old tree.
		return os.RemoveAll(tmp)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("write: move old output aside: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return fmt.Errorf("write: move new output in place: %w", err)
	}
	return os.RemoveAll(old)
}
