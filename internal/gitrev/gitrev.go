// Package gitrev puts a site folder as it stands at a git revision into a temporary folder, so
// that atlas diff -base can read it as it reads any site.
package gitrev

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read"
)

// A Tree is a site as it stands at a revision, in a temporary folder.
type Tree struct {
	Dir   string // the temporary folder: the site's own folder, as at the revision
	Label string // what the revision is: "origin/main (a3fa91d)"
}

// Remove removes the tree's folder.
func (t *Tree) Remove() error { return os.RemoveAll(t.Dir) }

// Checkout writes the files a build of the site in dir reads (read.Inputs: atlas.toml,
// content/, geo/, layouts/, i18n/ and the boundary files atlas.toml names), as they stand at
// the git revision rev of the repository that holds dir, into a new temporary folder. The site
// may be a subfolder of the repository. Remove the tree when done.
func Checkout(dir, rev string) (*Tree, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s is not in a git repository: %w", dir, err)
	}
	prefix, err := git(dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	commit, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("%q is not a revision of the repository at %s (a branch of another remote must be fetched first: git fetch origin %s)", rev, top, strings.TrimPrefix(rev, "origin/"))
	}
	// The site's folder at the revision, as a tree: "<commit>:testdata/son-la".
	tree := commit + ":" + strings.TrimSuffix(prefix, "/")
	names, err := git(top, "ls-tree", "--name-only", tree) // at the top: in a subfolder, ls-tree lists only what lies below it
	if err != nil {
		return nil, fmt.Errorf("the site folder %s does not exist at %s", dir, rev)
	}
	tmp, err := os.MkdirTemp("", "atlas-diff-")
	if err != nil {
		return nil, err
	}
	t := &Tree{Dir: tmp, Label: rev + " (" + commit[:min(7, len(commit))] + ")"}
	ok := false
	defer func() {
		if !ok {
			t.Remove()
		}
	}()
	have := map[string]bool{}
	for _, n := range strings.Split(names, "\n") {
		have[n] = true
	}
	var want []string
	for _, in := range read.Inputs("", nil) {
		if have[in] {
			want = append(want, in)
		}
	}
	if err := extract(top, tree, want, tmp); err != nil {
		return nil, err
	}
	// Boundary files outside the folders above.
	var cfg model.Config
	if b, err := os.ReadFile(filepath.Join(tmp, read.ConfigFile)); err == nil {
		toml.Decode(string(b), &cfg) // a configuration that does not decode is the read step's to report
	}
	for _, in := range read.Inputs("", &cfg) {
		if _, err := os.Lstat(filepath.Join(tmp, in)); errors.Is(err, os.ErrNotExist) && filepath.IsLocal(in) {
			extract(top, tree, []string{filepath.ToSlash(in)}, tmp) // a file missing at the revision is the read step's to report
		}
	}
	ok = true
	return t, nil
}

// extract writes the files at paths of tree (git archive, run at the top of the work tree
// dir, where paths are read as paths of the tree) into the folder to.
func extract(dir, tree string, paths []string, to string) error {
	if len(paths) == 0 {
		return nil
	}
	cmd := exec.Command("git", append([]string{"-C", dir, "archive", "--format=tar", tree, "--"}, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git archive: %w", err)
	}
	rerr := untar(out, to)
	io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git archive %s: %v: %s", tree, err, strings.TrimSpace(stderr.String()))
	}
	return rerr
}

// untar writes the regular files and folders of the tar stream r below to. Other entries
// (symbolic links, git's header) are left out: a site read from a revision holds only files.
func untar(r io.Reader, to string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("git archive: %w", err)
		}
		name := path.Clean(h.Name)
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("git archive: unexpected path %q", h.Name)
		}
		dst := filepath.Join(to, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

// Describe says what the site in dir is, for a report: "HEAD (a3fa91d)" when git has no
// change to it, "the working tree (HEAD a3fa91d and changes)" when it has, dir itself when it
// is not in a git repository.
func Describe(dir string) string {
	commit, err := git(dir, "rev-parse", "--short=7", "HEAD")
	if err != nil {
		return dir
	}
	st, err := git(dir, "status", "--porcelain", "--", ".")
	if err != nil || st != "" {
		return "the working tree (HEAD " + commit + " and changes)"
	}
	return "HEAD (" + commit + ")"
}

// git runs git in dir and returns its output, trimmed.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0") // status must not write the index
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("git %s: %s", args[0], msg)
		}
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return strings.TrimSpace(string(out)), nil
}
