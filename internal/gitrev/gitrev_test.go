package gitrev

import (
	"archive/tar"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// needGit skips the test without git, or fails it in CI, where git must be there.
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is not installed")
		}
		t.Skip("git is not installed")
	}
}

// repo makes a git repository whose subfolder sites/a holds a site, commits it, and returns
// the repository's folder.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	gitIn := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitIn("init", "-q")
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitIn("add", "-A")
	gitIn("commit", "-q", "-m", "site")
	return dir
}

// tree lists the files below dir with their text.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// TestCheckout: the files a build reads, as committed — not as edited since — of a site in a
// subfolder of its repository, with a boundary file outside geo/; nothing else.
func TestCheckout(t *testing.T) {
	needGit(t)
	dir := repo(t, map[string]string{
		"README.md":                     "not the site",
		"sites/a/atlas.toml":            "title = \"A\"\n[[boundaries]]\nfile = \"maps/a.geojson\"\n",
		"sites/a/content/units/1.toml":  "code = \"1\"\n",
		"sites/a/geo/unused.geojson":    "{}",
		"sites/a/maps/a.geojson":        "{\"type\":\"FeatureCollection\",\"features\":[]}",
		"sites/a/docs/notes.md":         "not read by a build",
		"sites/a/layouts/unit.html":     "<p>layout</p>",
		"sites/b/atlas.toml":            "title = \"B\"\n",
		"sites/a/content/stories/x.md":  "+++\ntitle = \"x\"\n+++\n",
		"sites/a/i18n/vi.toml":          "[site]\n",
		"sites/a/content/former/2.toml": "code = \"2\"\n",
	})
	site := filepath.Join(dir, "sites", "a")
	if err := os.WriteFile(filepath.Join(site, "content", "units", "1.toml"), []byte("code = \"edited\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tr, err := Checkout(site, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	got := tree(t, tr.Dir)
	want := []string{"atlas.toml", "content/former/2.toml", "content/stories/x.md", "content/units/1.toml", "geo/unused.geojson", "i18n/vi.toml", "layouts/unit.html", "maps/a.geojson"}
	if strings.Join(keys(got), " ") != strings.Join(want, " ") {
		t.Errorf("checked out %v, want %v", keys(got), want)
	}
	if got["content/units/1.toml"] != "code = \"1\"\n" {
		t.Errorf("content/units/1.toml = %q, want the committed text", got["content/units/1.toml"])
	}
	if !strings.HasPrefix(tr.Label, "HEAD (") {
		t.Errorf("label %q", tr.Label)
	}
	if d := Describe(site); !strings.HasPrefix(d, "the working tree (HEAD ") {
		t.Errorf("Describe of an edited site = %q", d)
	}
	if d := Describe(filepath.Join(dir, "sites", "b")); !strings.HasPrefix(d, "HEAD (") {
		t.Errorf("Describe of an unchanged site = %q", d)
	}
	if err := tr.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tr.Dir); !os.IsNotExist(err) {
		t.Errorf("the tree's folder is still there after Remove: %v", err)
	}
}

func TestCheckoutErrors(t *testing.T) {
	needGit(t)
	dir := repo(t, map[string]string{"atlas.toml": "title = \"A\"\n"})
	for _, tt := range []struct{ dir, rev, want string }{
		{dir, "no-such-branch", `"no-such-branch" is not a revision`},
		{dir, "--output=/tmp/x", "is not a revision"},
		{t.TempDir(), "HEAD", "is not in a git repository"},
	} {
		tr, err := Checkout(tt.dir, tt.rev)
		if err == nil {
			tr.Remove()
			t.Errorf("Checkout(%s, %s): no error", tt.dir, tt.rev)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Checkout(%s, %s): %v, want %q", tt.dir, tt.rev, err, tt.want)
		}
	}
}

// TestUntar: what a tar stream may hold beyond files and folders — a path out of the folder,
// a symbolic link — is refused or left out.
func TestUntar(t *testing.T) {
	archive := func(entries ...tar.Header) []byte {
		var b bytes.Buffer
		w := tar.NewWriter(&b)
		for _, h := range entries {
			h.Mode = 0o644
			body := ""
			if h.Typeflag == tar.TypeReg {
				body = "x"
				h.Size = 1
			}
			if err := w.WriteHeader(&h); err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(body))
		}
		w.Close()
		return b.Bytes()
	}
	to := t.TempDir()
	if err := untar(bytes.NewReader(archive(tar.Header{Name: "../escape", Typeflag: tar.TypeReg})), to); err == nil {
		t.Error("a path out of the folder was written")
	}
	to = t.TempDir()
	err := untar(bytes.NewReader(archive(
		tar.Header{Name: "content/", Typeflag: tar.TypeDir},
		tar.Header{Name: "content/a.toml", Typeflag: tar.TypeReg},
		tar.Header{Name: "content/link", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"},
	)), to)
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(tree(t, to)); strings.Join(got, " ") != "content/a.toml" {
		t.Errorf("wrote %v, want only content/a.toml", got)
	}
}
