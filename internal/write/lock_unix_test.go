//go:build unix

package write

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// A second Writer of one output folder waits for the first to end, says so once, and leaves
// the first one's tree alone.
func TestBeginWaitsForRunningWriter(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Put("index.html", []byte("first")); err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	began := make(chan *Writer)
	go func() {
		w, err := Begin(out, Options{Log: &log})
		if err != nil {
			t.Error(err)
		}
		began <- w
	}()
	deadline := time.Now().Add(10 * time.Second)
	for log.String() == "" && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	want := "waiting for another build of " + out + " to finish\n"
	if got := log.String(); got != want {
		t.Fatalf("second Begin logged %q, want %q", got, want)
	}
	select {
	case <-began:
		t.Fatal("second Begin did not wait for the first Writer")
	case <-time.After(50 * time.Millisecond):
	}
	if _, err := os.Stat(first.tmp); err != nil {
		t.Fatalf("the running Writer's tree was removed: %v", err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	second := <-began
	if second == nil {
		t.FailNow()
	}
	if err := second.Put("index.html", []byte("second")); err != nil {
		t.Fatal(err)
	}
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, out)["index.html"]; got != "second" {
		t.Errorf("index.html = %q, want the second tree's", got)
	}
	if got := log.String(); strings.Count(got, "waiting") != 1 {
		t.Errorf("logged %q, want one line", got)
	}
}

// Abort releases the lock as Commit does; a Writer that ends twice does not release another's.
func TestAbortReleasesLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	w, err := Begin(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Abort()
	done := make(chan error, 1)
	go func() {
		w2, err := Begin(out, Options{})
		if err == nil {
			w.Abort() // ended already: must not touch w2's lock or tree
			err = w2.Commit()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Begin after Abort still waits")
	}
	if err := w.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
}

// A lock file that is a symbolic link is not followed: a build does not create or lock a file
// elsewhere through it, and fails saying why.
func TestLockRefusesSymlink(t *testing.T) {
	parent := t.TempDir()
	elsewhere := filepath.Join(t.TempDir(), "victim")
	if err := os.Symlink(elsewhere, filepath.Join(parent, LockName("public"))); err != nil {
		t.Fatal(err)
	}
	err := Tree(filepath.Join(parent, "public"), map[string][]byte{"a": []byte("a")}, Options{})
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Tree with a symbolic link for a lock file: %v; want it refused as not a regular file", err)
	}
	if _, err := os.Lstat(elsewhere); !os.IsNotExist(err) {
		t.Errorf("the link's target was created: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(parent, "public")); !os.IsNotExist(err) {
		t.Errorf("the output was written: %v", err)
	}
	// A folder in its place is no lock file either.
	os.Remove(filepath.Join(parent, LockName("public")))
	os.Mkdir(filepath.Join(parent, LockName("public")), 0o755)
	if err := Tree(filepath.Join(parent, "public"), nil, Options{}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Tree with a folder for a lock file: %v", err)
	}
}
