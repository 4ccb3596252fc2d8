// Package write puts a rendered site on disk atomically: the files go to a new folder beside
// the output folder, which replaces the old output only once everything is written.
package write

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Tree writes files (slash-separated paths relative to out) as the new content of the folder
// out. The previous content of out stays whole until the new tree is complete; if anything
// fails, out is left as it was and the partial tree is removed.
func Tree(out string, files map[string][]byte) (err error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
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
	for _, p := range paths {
		if !filepath.IsLocal(filepath.FromSlash(p)) {
			return fmt.Errorf("write: %q would leave the output folder", p)
		}
		dst := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, files[p], 0o644); err != nil {
			return err
		}
	}
	return swap(tmp, out)
}

// swap moves the finished tree tmp to out: the old out is renamed aside, the new tree renamed
// in, and only then is the old tree removed. Out is missing only between the two renames; if
// the second fails, the old tree is put back.
func swap(tmp, out string) error {
	old := ""
	if _, err := os.Lstat(out); err == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("write: move old output aside: %w", err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return fmt.Errorf("write: move new output in place: %w", err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
