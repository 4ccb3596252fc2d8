package write

import "testing"

// FuzzDecodeManifest: a manifest file is read back from disk, where anything may be; decoding
// must not panic, and what decodes must encode back to a manifest that decodes the same.
func FuzzDecodeManifest(f *testing.F) {
	f.Add([]byte(manifestMagic))
	f.Add((&manifest{root: [2]uint64{3, 4}, entries: map[string]entry{"a": {sum: [32]byte{9}, id: [2]uint64{3, 5}}}}).encode())
	f.Add([]byte(manifestMagic + "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeManifest(b)
		if err != nil {
			return
		}
		again, err := decodeManifest(m.encode())
		if err != nil {
			t.Fatalf("re-encoded manifest does not decode: %v", err)
		}
		if again.root != m.root || len(again.entries) != len(m.entries) {
			t.Fatalf("round trip changed the manifest")
		}
	})
}
