package write

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// File writes data to the file name atomically: to a temporary file in the same folder,
// renamed over name once it is complete and closed, so that name holds its old content or
// all of data, never part of it, even if the process is killed on the way. The folders above
// name are created as needed (0o755 before the umask). The file gets the mode perm less the
// umask, as a new file from os.WriteFile does, even where it replaces one of another mode.
//
// On an error, the temporary file is removed and name is left as it was. File does not sync:
// it guards against an interrupted process, not against a crash of the system.
func File(name string, data []byte, perm fs.FileMode) error {
	return create(name, perm, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// FileFunc is File with the content written by write, through a buffer, for content that
// is produced as it is written. An error from write is returned as it is, and leaves name
// as it was.
func FileFunc(name string, perm fs.FileMode, write func(io.Writer) error) error {
	return create(name, perm, func(f *os.File) error {
		w := bufio.NewWriter(f)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	})
}

// create writes name through a temporary file that fill fills.
func create(name string, perm fs.FileMode, fill func(*os.File) error) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := createTemp(dir, filepath.Base(name), perm)
	if err != nil {
		return err
	}
	renamed := false
	defer func() {
		// Also when fill panics: no temporary file is left behind.
		if !renamed {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := fill(f); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), name); err != nil {
		return err
	}
	renamed = true
	return nil
}

// createTemp creates a new hidden file ".<base>.<random>.tmp" in dir with the mode perm less
// the umask. os.CreateTemp would give it 0o600, and the umask cannot be read portably to
// widen that to what a new file gets.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(uint64(rand.Uint32()), 10)+".tmp")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		return f, err
	}
}
