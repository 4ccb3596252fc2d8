package cache

import (
	"bytes"
	"maps"
	"testing"
)

// TestPageMemoFile: a memo made by another program is not read, and a damaged one reads as
// an error, not as pages.
func TestPageMemoFile(t *testing.T) {
	entries := map[string]memoEntry{"index.html": {key: [32]byte{1}, sum: [32]byte{2}}, "a/1/index.html": {key: [32]byte{3}}}
	var buf bytes.Buffer
	if err := encodeMemo(&buf, entries, [32]byte{7}); err != nil {
		t.Fatal(err)
	}
	got, err := decodeMemo(buf.Bytes(), [32]byte{7})
	if err != nil || !maps.Equal(got, entries) {
		t.Errorf("decodeMemo = %v, %v; want %v", got, err, entries)
	}
	if _, err := decodeMemo(buf.Bytes(), [32]byte{8}); err == nil {
		t.Error("a memo of another program was read")
	}
	if _, err := decodeMemo(buf.Bytes()[:buf.Len()-3], [32]byte{7}); err == nil {
		t.Error("a truncated memo was read")
	}
}

// FuzzDecodeMemo: the memo file is read back from disk, where anything may be.
func FuzzDecodeMemo(f *testing.F) {
	var buf bytes.Buffer
	encodeMemo(&buf, map[string]memoEntry{"a/index.html": {key: [32]byte{1}}}, [32]byte{})
	f.Add(buf.Bytes())
	f.Add([]byte(memoMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeMemo(b, [32]byte{})
		if err != nil {
			return
		}
		var again bytes.Buffer
		if err := encodeMemo(&again, m, [32]byte{}); err != nil {
			t.Fatal(err)
		}
		if back, err := decodeMemo(again.Bytes(), [32]byte{}); err != nil || !maps.Equal(back, m) {
			t.Fatalf("round trip: %v, %v", back, err)
		}
	})
}
