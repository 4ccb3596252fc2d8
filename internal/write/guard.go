package write

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// An OutError says why a folder cannot be the output of a build. Nothing was written, moved
// or created when it is returned.
type OutError struct {
	Out string // the output folder, as given
	Why string // what is wrong with it, and how to go on
}

func (e *OutError) Error() string { return "output folder " + e.Out + " " + e.Why }

// replaced is what every refusal says of a Writer: why a wrong output folder loses data.
const replaced = "a build replaces its output folder whole"

// CheckOut reports whether a Writer may replace the folder out: an *OutError says why not.
// The folder must be missing, empty, or the output of an earlier Writer (as the record in its
// lock file, or the manifest of Options.Manifest, shows); it must not be Options.Site or hold
// it, nor be, hold or lie inside any of Options.Reads. Paths are compared as they resolve,
// through symbolic links. Begin checks the same, before it touches anything and again once
// it holds the lock.
func CheckOut(out string, opts Options) error {
	out = filepath.Clean(out)
	refuse := func(format string, args ...any) error {
		return &OutError{Out: out, Why: fmt.Sprintf(format, args...)}
	}
	real := resolve(out)
	if opts.Site != "" {
		site := resolve(opts.Site)
		switch {
		case real == site:
			return refuse("is the site folder: %s, and would delete the site. Choose another output folder, such as %s", replaced, filepath.Join(opts.Site, "public"))
		case inside(site, real):
			return refuse("holds the site folder %s: %s, and would delete the site. Choose another output folder, such as %s", opts.Site, replaced, filepath.Join(opts.Site, "public"))
		}
	}
	for _, r := range opts.Reads {
		rr := resolve(r)
		switch {
		case real == rr:
			return refuse("is %s, which the build reads: %s, and would delete it. Choose another output folder", r, replaced)
		case inside(real, rr):
			return refuse("lies inside %s, which the build reads: %s, and would change what it reads. Choose another output folder", r, replaced)
		case inside(rr, real):
			return refuse("holds %s, which the build reads: %s, and would delete it. Choose another output folder", r, replaced)
		}
	}
	st, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return refuse("cannot be read: %v", err)
	case st.Mode()&fs.ModeSymlink != 0:
		return refuse("is a symbolic link: give the folder it leads to, or remove the link")
	case !st.IsDir():
		return refuse("is a file, not a folder: choose another output folder")
	}
	if empty(out) || ours(out, st, opts.Manifest) {
		return nil
	}
	return refuse("is not empty, and holds no earlier build of the atlas: %s, and would delete what it holds. Empty it, or choose another output folder", replaced)
}

// inside reports whether the path a lies strictly inside the folder b; both are clean.
func inside(a, b string) bool {
	if b == string(filepath.Separator) {
		return a != b
	}
	return strings.HasPrefix(a, b+string(filepath.Separator))
}

// resolve returns p as an absolute path with every symbolic link of the part of it that
// exists resolved, so that two names of one folder compare equal.
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for dir := abs; ; {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// empty reports whether the folder dir holds nothing.
func empty(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	return err == io.EOF
}

// ours reports whether the folder out, whose Lstat is st, is a tree a Writer committed: the
// record in its lock file names it, or the manifest does.
func ours(out string, st os.FileInfo, manifest string) bool {
	parent, base := filepath.Split(out)
	ids, ok := readRecord(filepath.Join(parent, LockName(base)))
	if ok {
		id, hasID := fileID(st)
		if !hasID {
			return true // no inode numbers on this system: the record alone tells
		}
		for _, r := range ids {
			if r == id {
				return true
			}
		}
	}
	return readManifest(manifest, out) != nil
}

// The record of an output folder is the first line of its lock file: recordMagic, then the
// device and inode numbers of the trees a Writer committed there, the one being committed
// and the one it replaces (while a swap is under way, or if it failed, either may be the
// folder), each as two fixed-width hexadecimal numbers. It is written in one piece at the start of the
// file, always at the same length, so that a reader sees the old record or the new one.
const recordMagic = "atlas-output-1"

// recordLen is the length of a record: the magic, two ids, a newline.
const recordLen = len(recordMagic) + 2*(1+16+1+16) + 1

// encodeRecord returns the record of the trees ids.
func encodeRecord(ids [2][2]uint64) []byte {
	var b bytes.Buffer
	b.WriteString(recordMagic)
	for _, id := range ids {
		fmt.Fprintf(&b, " %016x:%016x", id[0], id[1])
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// readRecord returns the trees the record in the lock file name names, and whether it holds
// one. A lock file that is not a regular file holds none.
func readRecord(name string) ([][2]uint64, bool) {
	st, err := os.Lstat(name)
	if err != nil || !st.Mode().IsRegular() {
		return nil, false
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	b := make([]byte, recordLen)
	if n, _ := io.ReadFull(f, b); n < recordLen {
		return nil, false
	}
	fields := strings.Fields(string(b))
	if len(fields) != 3 || fields[0] != recordMagic {
		return nil, false
	}
	var ids [][2]uint64
	for _, f := range fields[1:] {
		dev, ino, ok := strings.Cut(f, ":")
		d, err1 := strconv.ParseUint(dev, 16, 64)
		i, err2 := strconv.ParseUint(ino, 16, 64)
		if !ok || err1 != nil || err2 != nil {
			return nil, false
		}
		if d != 0 || i != 0 {
			ids = append(ids, [2]uint64{d, i})
		}
	}
	return ids, true
}

// record writes into the lock file, which the Writer holds, the record of the tree tmp about
// to replace out: both are then the output's.
func (w *Writer) record() error {
	var ids [2][2]uint64
	if st, err := os.Lstat(w.tmp); err == nil {
		ids[0], _ = fileID(st)
	}
	if st, err := os.Lstat(w.out); err == nil && st.IsDir() {
		ids[1], _ = fileID(st)
	}
	_, err := w.lock.WriteAt(encodeRecord(ids), 0)
	return err
}
