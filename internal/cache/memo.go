package cache

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
)

// Memo is the build's render.Memo: for each page of the previous output, the key it was
// rendered from and the hash of its bytes. A page is recalled by reading it back from the
// previous output, and only if the bytes there still have that hash, so a page edited or
// removed by hand is rendered again. The memo is saved in the cache folder with the hash of
// the atlas program that made it: another program (a new version, a change to the render
// code) starts with an empty memo.
type Memo struct {
	c   *Cache // where it is saved
	out string // the previous output folder

	old  map[string]memoEntry
	mu   sync.Mutex
	next map[string]memoEntry
	hits atomic.Int64
}

type memoEntry struct {
	key, sum [32]byte
	size     int
}

// memoFile is the cache file of the page memo.
const memoFile = "page-memo"

// memoMagic starts a saved memo: its format.
const memoMagic = "atlas-page-memo-2\n"

// Memo returns the page memo saved in c for the pages of the output folder out; with no
// cache folder, or none saved by this program, the memo starts empty.
func (c *Cache) Memo(out string) *Memo {
	m := &Memo{c: c, out: out, old: map[string]memoEntry{}, next: map[string]memoEntry{}}
	file := c.File(memoFile)
	if file == "" {
		return m
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return m
	}
	if old, err := decodeMemo(b, programHash()); err == nil {
		m.old = old
	}
	return m
}

// Recall implements render.Memo.
func (m *Memo) Recall(path string, key [32]byte) ([]byte, bool) {
	e, ok := m.old[path]
	if !ok || e.key != key || m.out == "" {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(m.out, filepath.FromSlash(path)))
	if err != nil || sha256.Sum256(b) != e.sum {
		return nil, false
	}
	m.mu.Lock()
	m.next[path] = e
	m.mu.Unlock()
	m.hits.Add(1)
	return b, true
}

// Known implements render.Memo: it trusts the previous output to hold the page it recorded,
// which the caller checks (write.Writer.PutKnown verifies the file by its inode).
func (m *Memo) Known(path string, key [32]byte) ([32]byte, int, bool) {
	e, ok := m.old[path]
	if !ok || e.key != key || m.out == "" {
		return [32]byte{}, 0, false
	}
	m.mu.Lock()
	m.next[path] = e
	m.mu.Unlock()
	m.hits.Add(1)
	return e.sum, e.size, true
}

// Keep implements render.Memo.
func (m *Memo) Keep(path string, key [32]byte, b []byte) {
	e := memoEntry{key: key, sum: sha256.Sum256(b), size: len(b)}
	m.mu.Lock()
	m.next[path] = e
	m.mu.Unlock()
}

// Save writes the memo of the pages of this build to the cache.
func (m *Memo) Save() {
	m.c.saveFile(memoFile, func(w io.Writer) error { return encodeMemo(w, m.next, programHash()) })
}

// Hits counts the pages recalled.
func (m *Memo) Hits() int { return int(m.hits.Load()) }

func encodeMemo(w io.Writer, entries map[string]memoEntry, program [32]byte) error {
	paths := make([]string, 0, len(entries))
	for p := range entries {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	bw := bufio.NewWriter(w)
	bw.WriteString(memoMagic)
	bw.Write(program[:])
	for _, p := range paths {
		e := entries[p]
		bw.Write(binary.AppendUvarint(nil, uint64(len(p))))
		bw.WriteString(p)
		bw.Write(e.key[:])
		bw.Write(e.sum[:])
		bw.Write(binary.AppendUvarint(nil, uint64(e.size)))
	}
	return bw.Flush()
}

// decodeMemo reads a memo saved by the program whose hash is program.
func decodeMemo(b []byte, program [32]byte) (map[string]memoEntry, error) {
	if !bytes.HasPrefix(b, []byte(memoMagic)) {
		return nil, errors.New("not a page memo")
	}
	b = b[len(memoMagic):]
	if len(b) < 32 || !bytes.Equal(b[:32], program[:]) {
		return nil, errors.New("a page memo of another program")
	}
	r := bytes.NewReader(b[32:])
	out := map[string]memoEntry{}
	for r.Len() > 0 {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > 4096 || n > uint64(r.Len()) {
			return nil, errors.New("bad page memo record")
		}
		name := make([]byte, n)
		io.ReadFull(r, name)
		var e memoEntry
		if _, err := io.ReadFull(r, e.key[:]); err != nil {
			return nil, err
		}
		if _, err := io.ReadFull(r, e.sum[:]); err != nil {
			return nil, err
		}
		size, err := binary.ReadUvarint(r)
		if err != nil || size > 1<<40 {
			return nil, errors.New("bad page memo record")
		}
		e.size = int(size)
		out[string(name)] = e
	}
	return out, nil
}

var (
	programOnce sync.Once
	programSum  [32]byte
)

// programHash is the SHA-256 of the running program's file, read once: the page memo holds
// only for pages rendered by the same code. If the file cannot be read, it is random: no
// memo is shared with another run.
func programHash() [32]byte {
	programOnce.Do(func() {
		exe, err := os.Executable()
		if err == nil {
			var f *os.File
			if f, err = os.Open(exe); err == nil {
				h := sha256.New()
				_, err = io.Copy(h, f)
				f.Close()
				h.Sum(programSum[:0])
			}
		}
		if err != nil {
			rand.Read(programSum[:])
		}
	})
	return programSum
}
