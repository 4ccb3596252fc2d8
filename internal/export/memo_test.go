package export

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"sync"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// mapMemo is a Memo in memory: each file's key, hash and bytes.
type mapMemo struct {
	mu    sync.Mutex
	files map[string]memoFile
}

type memoFile struct {
	key [32]byte
	b   []byte
}

func (m *mapMemo) Recall(p string, key [32]byte) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.files[p]
	return f.b, ok && f.key == key
}

func (m *mapMemo) Keep(p string, key [32]byte, b []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[p] = memoFile{key, bytes.Clone(b)}
}

func (m *mapMemo) Known(p string, key [32]byte) ([32]byte, int, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.files[p]
	return sha256.Sum256(f.b), len(f.b), ok && f.key == key
}

// TestWorkbookMemo: a second build with the memo takes every unchanged workbook by its hash
// (no bytes), with the size the first build wrote; a workbook whose cells change is written
// again; a sink that refuses a known file gets its bytes, the same as written before.
func TestWorkbookMemo(t *testing.T) {
	memo := &mapMemo{files: map[string]memoFile{}}
	type run struct {
		bytes map[string][]byte // files handed on with their bytes
		known map[string]int    // files handed on by their hash, with their size
		sizes map[string]int
	}
	build := func(rename string, take bool) run {
		a := site()
		if rename != "" {
			a.Site.Units[0].Name = rename
		}
		r := run{bytes: map[string][]byte{}, known: map[string]int{}}
		var err error
		r.sizes, err = Write(a, Options{Maps: maps(t), Memo: memo, Known: func(p string, sum [32]byte, n int) bool {
			if !take {
				return false
			}
			if f := memo.files[p]; sha256.Sum256(f.b) != sum || len(f.b) != n {
				t.Errorf("%s: known by a hash or size that is not its", p)
			}
			r.known[p] = n
			return true
		}}, func(p string, b []byte) error {
			r.bytes[p] = b
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	first := build("", true)
	books := 0
	for p := range first.bytes {
		if strings.HasSuffix(p, ".xlsx") {
			books++
		}
	}
	if books < 3 || len(first.known) != 0 {
		t.Fatalf("first build: %d workbooks written, %d known; want every workbook written", books, len(first.known))
	}
	second := build("", true)
	for p, b := range first.bytes {
		if strings.HasSuffix(p, ".xlsx") {
			if n, ok := second.known[p]; !ok || n != len(b) || second.sizes[p] != len(b) {
				t.Errorf("%s: unchanged, not taken known with its size %d (known %d, %v; sizes %d)", p, len(b), n, ok, second.sizes[p])
			}
		} else if !bytes.Equal(second.bytes[p], b) {
			t.Errorf("%s: not written again as before", p)
		}
	}
	// The unit renamed: its own workbook and the tables listing it are made again.
	third := build("Chiềng Mới", true)
	if _, ok := third.bytes[model.UnitDataPath("03664", "xlsx")]; !ok {
		t.Errorf("the renamed unit's workbook was not written again (known: %v)", third.known)
	}
	// A sink that takes nothing known gets the bytes, the same as a build without a memo.
	fourth := build("", false)
	for p, b := range first.bytes {
		if !bytes.Equal(fourth.bytes[p], b) {
			t.Errorf("%s: with the known file refused, %d bytes, want %d as first written", p, len(fourth.bytes[p]), len(b))
		}
	}
}
