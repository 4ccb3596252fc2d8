package write

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// treeOf returns every file, folder and symbolic link under dir, as snapshot does, with a link
// mapped to "<link to TARGET>".
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			out[rel] = "<link to " + target + ">"
		case d.IsDir():
			out[rel] = "<dir>"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A folder that is not empty and that no Writer committed is not the output's to replace: Begin
// refuses it, says how to go on, and touches nothing, not even beside it. An empty folder, a
// missing one and one an earlier Writer committed are taken.
func TestBeginRefusesForeignFolder(t *testing.T) {
	parent := t.TempDir()
	home := filepath.Join(parent, "home")
	if err := os.MkdirAll(filepath.Join(home, "Documents"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "Documents", "thesis.odt"), []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := treeOf(t, parent)
	err := Tree(home, map[string][]byte{"index.html": []byte("x")}, Options{})
	var oe *OutError
	if !errors.As(err, &oe) {
		t.Fatalf("Tree into a folder it did not write: %v; want an *OutError", err)
	}
	for _, want := range []string{home, "not empty", "Empty it, or choose another"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if after := treeOf(t, parent); !maps.Equal(before, after) {
		t.Errorf("the refused folder or its parent changed:\nbefore %q\n after %q", before, after)
	}

	// A regular file, or a symbolic link to a folder, is not an output folder either.
	file := filepath.Join(parent, "notes.txt")
	os.WriteFile(file, []byte("n"), 0o644)
	link := filepath.Join(parent, "link")
	os.Symlink(home, link)
	for _, p := range []string{file, link} {
		if err := Tree(p, nil, Options{}); !errors.As(err, &oe) {
			t.Errorf("Tree(%s): %v; want an *OutError", p, err)
		}
	}
	if after := treeOf(t, parent); after["notes.txt"] != "n" || after["home/Documents/thesis.odt"] != "years of work" {
		t.Errorf("refused outputs changed: %q", after)
	}

	// An empty folder is taken; once committed, it is the output's, by-hand files and all.
	empty := filepath.Join(parent, "empty")
	os.Mkdir(empty, 0o755)
	for i := range 3 {
		if err := Tree(empty, map[string][]byte{"index.html": []byte{byte('a' + i)}}, Options{}); err != nil {
			t.Fatalf("build %d into an empty folder, then its own: %v", i, err)
		}
		os.WriteFile(filepath.Join(empty, "by-hand.txt"), []byte("x"), 0o644)
	}
}

// An output folder whose lock file holds no record (as builds before the record left it) is
// known by the manifest of the tree committed there.
func TestBeginKnowsOutputByManifest(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	man := filepath.Join(parent, "manifest")
	if err := Tree(out, map[string][]byte{"a": []byte("a")}, Options{Manifest: man}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(parent, LockName("public")), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Tree(out, map[string][]byte{"a": []byte("b")}, Options{}); err == nil {
		t.Fatal("without a record or a manifest, the folder was taken")
	}
	if err := Tree(out, map[string][]byte{"a": []byte("b")}, Options{Manifest: man}); err != nil {
		t.Fatalf("with the manifest: %v", err)
	}
}

// The output may lie inside the site folder, but may not be it, hold it, or be, hold or lie
// inside anything the build reads; paths are compared as they resolve, through symbolic links.
func TestBeginRefusesInputs(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	for _, d := range []string{"content/units", "geo", "layouts"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(site, "atlas.toml"), []byte("title = \"x\"\n"), 0o644)
	os.WriteFile(filepath.Join(site, "content", "units", "03664.toml"), []byte("code = \"03664\"\n"), 0o644)
	os.Symlink(filepath.Join(site, "content"), filepath.Join(root, "c"))
	opts := Options{Site: site, Reads: []string{filepath.Join(site, "atlas.toml"), filepath.Join(site, "content"),
		filepath.Join(site, "geo"), filepath.Join(site, "layouts")}}
	before := treeOf(t, root)
	for _, tt := range []struct{ out, want string }{
		{site, "is the site folder"},
		{root, "holds the site folder"},
		{filepath.Join(site, "content"), "which the build reads"},
		{filepath.Join(site, "content", "units"), "lies inside"},
		{filepath.Join(site, "content", "new"), "lies inside"},
		{filepath.Join(root, "c", "x"), "lies inside"},
		{filepath.Join(site, "geo"), "which the build reads"},
		{filepath.Join(site, "layouts", "public"), "lies inside"},
		{filepath.Join(site, "content", "..", "content"), "which the build reads"},
	} {
		err := Tree(tt.out, map[string][]byte{"index.html": []byte("x")}, opts)
		var oe *OutError
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Tree(%s): %v; want an *OutError that says %q", tt.out, err, tt.want)
		}
	}
	if after := treeOf(t, root); !maps.Equal(before, after) {
		t.Errorf("refused builds changed the site:\nbefore %q\n after %q", before, after)
	}
	if err := Tree(filepath.Join(site, "public"), map[string][]byte{"index.html": []byte("x")}, opts); err != nil {
		t.Errorf("site/public: %v", err)
	}
}
