package write

import (
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// TestFile writes a file over each kind of thing that can be in its place, and compares every
// file and folder there afterwards with what should be: the new content when the write
// succeeds, everything as it was when it fails, and never a temporary file.
func TestFile(t *testing.T) {
	errFull := errors.New("disk full")
	errAny := errors.New("any error")
	half := func(w io.Writer) error {
		if _, err := io.WriteString(w, "half of the new"); err != nil {
			return err
		}
		return errFull
	}
	stream := func(w io.Writer) error {
		_, err := io.WriteString(w, "streamed\n")
		return err
	}
	old := map[string]string{"a.toml": "old content\n"}
	tests := []struct {
		name   string
		before map[string]string // files under the test's folder; "<dir>" for a folder
		file   string            // the file written
		data   string            // what File writes, when write is nil
		write  func(io.Writer) error
		err    error             // the error wanted: nil, errAny or a particular one
		after  map[string]string // files afterwards (as before when the write fails)
	}{
		{name: "new file", file: "a.toml", data: "new\n", after: map[string]string{"a.toml": "new\n"}},
		{name: "new folders", file: "content/units/a.toml", data: "new\n",
			after: map[string]string{"content": "<dir>", "content/units": "<dir>", "content/units/a.toml": "new\n"}},
		{name: "replaces a file", before: old, file: "a.toml", data: "new\n", after: map[string]string{"a.toml": "new\n"}},
		{name: "empty", before: old, file: "a.toml", data: "", after: map[string]string{"a.toml": ""}},
		{name: "streamed", before: old, file: "a.toml", write: stream, after: map[string]string{"a.toml": "streamed\n"}},
		{name: "write fails", before: old, file: "a.toml", write: half, err: errFull, after: old},
		{name: "write fails, no old file", file: "a.toml", write: half, err: errFull, after: map[string]string{}},
		{name: "a folder in its place", before: map[string]string{"a.toml": "<dir>", "a.toml/b": "kept\n"}, file: "a.toml", data: "new\n", err: errAny,
			after: map[string]string{"a.toml": "<dir>", "a.toml/b": "kept\n"}},
		{name: "a file in its folder's place", before: map[string]string{"content": "a file\n"}, file: "content/a.toml", data: "new\n", err: errAny,
			after: map[string]string{"content": "a file\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, p := range slices.Sorted(maps.Keys(tt.before)) {
				s := tt.before[p]
				p = filepath.Join(dir, filepath.FromSlash(p))
				var err error
				if s == "<dir>" {
					err = os.MkdirAll(p, 0o755)
				} else {
					err = os.WriteFile(p, []byte(s), 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			name := filepath.Join(dir, filepath.FromSlash(tt.file))
			var err error
			if tt.write != nil {
				err = FileFunc(name, 0o644, tt.write)
			} else {
				err = File(name, []byte(tt.data), 0o644)
			}
			switch {
			case tt.err == nil && err != nil:
				t.Fatal(err)
			case tt.err != nil && err == nil:
				t.Fatal("no error")
			case tt.err != nil && tt.err != errAny && !errors.Is(err, tt.err):
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			want := map[string]string{".": "<dir>"}
			maps.Copy(want, tt.after)
			if got := snapshot(t, dir); !maps.Equal(got, want) {
				t.Errorf("afterwards:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestFileMode: the file gets the mode asked for (less the umask, which never takes the
// owner's bits), also where it replaces a file of another mode.
func TestFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	name := filepath.Join(t.TempDir(), "a.toml")
	if err := os.WriteFile(name, []byte("old\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := File(name, []byte("new\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want -rw-------", st.Mode().Perm())
	}
}

// TestFilePanic: a write function that panics leaves no temporary file behind.
func TestFilePanic(t *testing.T) {
	dir := t.TempDir()
	func() {
		defer func() { recover() }()
		FileFunc(filepath.Join(dir, "a.toml"), 0o644, func(w io.Writer) error {
			io.WriteString(w, "half")
			panic("boom")
		})
	}()
	if got := snapshot(t, dir); len(got) != 1 {
		t.Errorf("files after a panic: %q", got)
	}
}
