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
