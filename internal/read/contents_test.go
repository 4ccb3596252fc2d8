package read

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"
)

type mapContents map[string][]byte

func (m mapContents) Get(name string) ([]byte, bool) { b, ok := m[name]; return b, ok }
func (m mapContents) Put(name string, data []byte)   { m[name] = data }

// TestContents: a site read with Contents keeps every file it read; read again, it takes them
// from there, not from the folder, and gives the same site and diagnostics.
func TestContents(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "son-la")
	kept := mapContents{}
	first, _, errs1 := SiteWith(dir, Options{Contents: kept})
	if len(kept) < 100 {
		t.Fatalf("%d files kept", len(kept))
	}
	again, _, errs2 := SiteWith(dir, Options{Contents: kept})
	if !reflect.DeepEqual(first, again) || errs1.Error() != errs2.Error() {
		t.Fatal("a site read again from the kept files differs")
	}
	const unit = UnitsDir + "/03664.toml"
	kept[unit] = bytes.Replace(kept[unit], []byte(`name = "Chiềng An"`), []byte(`name = "Chiềng Ân"`), 1)
	edited, _, _ := SiteWith(dir, Options{Contents: kept})
	for _, u := range edited.Units {
		if u.Code == "03664" && u.Name != "Chiềng Ân" {
			t.Errorf("unit 03664 is %q: not read from the kept files", u.Name)
		}
	}
}
