package write

import (
	"os"
	"path/filepath"
	"testing"
)

func TestExchange(t *testing.T) {
	if sysRenameat2 == 0 {
		t.Skip("renameat2 is not known on this architecture")
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := exchange(a, b); err != nil {
		t.Skipf("the file system cannot exchange folders: %v", err)
	}
	for d, want := range map[string]string{a: "b", b: "a"} {
		got, err := os.ReadFile(filepath.Join(d, "name"))
		if err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v), want %q", d, got, err, want)
		}
	}
	if err := exchange(a, filepath.Join(dir, "missing")); err == nil {
		t.Error("exchange with a missing folder succeeded")
	}
}
