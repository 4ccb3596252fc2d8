package tomlkey

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// root is the repository's root, from this package's folder.
const root = "../../.."

// contentFiles returns the site's TOML documents: atlas.toml, every .toml file under content/,
// and the front matter of every story, each by its name.
func contentFiles(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	src, err := os.ReadFile(filepath.Join(root, "atlas.toml"))
	if err != nil {
		t.Fatal(err)
	}
	files["atlas.toml"] = src
	err = filepath.WalkDir(filepath.Join(root, "content"), func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		switch filepath.Ext(name) {
		case ".toml":
			files[name] = src
		case ".md":
			// The front matter stands between the first two "+++" lines.
			parts := strings.SplitN(strings.ReplaceAll(string(src), "\r\n", "\n"), "+++\n", 3)
			if len(parts) == 3 && parts[0] == "" {
				files[name+" (front matter)"] = []byte(parts[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestContent cross-checks the index of every content file with the decoder.
func TestContent(t *testing.T) {
	files := contentFiles(t)
	if len(files) < 10 {
		t.Fatalf("found only %d content files", len(files))
	}
	keys := 0
	for name, src := range files {
		ix, err := Build(src)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		checkIndex(t, src, ix)
		if !checkDecoder(t, src, ix) {
			t.Errorf("%s does not decode", name)
		}
		keys += len(ix.entries)
	}
	t.Logf("%d files, %d places", len(files), keys)
}

// tomlTestSuite returns the documents of the toml-test suite that BurntSushi/toml's module
// holds, by their names in the suite ("valid/key/dotted-01.toml"), or an error if the module
// cache holds none.
func tomlTestSuite() (map[string][]byte, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/BurntSushi/toml").Output()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "internal", "toml-test", "tests")
	docs := map[string][]byte{}
	err = filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(name) != ".toml" {
			return err
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, name)
		docs[filepath.ToSlash(rel)] = src
		return err
	})
	return docs, err
}

// TestTOMLTestSuite cross-checks the index with the decoder over the toml-test suite: every
// document the decoder accepts, valid or not by the suite, must be indexed as the decoder
// reads it, and no document may make Build panic.
func TestTOMLTestSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the module cache")
	}
	docs, err := tomlTestSuite()
	if err != nil || len(docs) == 0 {
		t.Skipf("no toml-test suite in the module cache: %v", err)
	}
	decoded := 0
	for name, src := range docs {
		t.Run(name, func(t *testing.T) {
			ix, err := Build(src)
			if errors.Is(err, ErrTooDeep) {
				return
			}
			if err != nil {
				if decodes(src) {
					t.Errorf("the decoder accepts it; Build: %v", err)
				}
				return
			}
			checkIndex(t, src, ix)
			if checkDecoder(t, src, ix) {
				decoded++
			}
		})
	}
	t.Logf("%d of %d documents decoded and cross-checked", decoded, len(docs))
}
