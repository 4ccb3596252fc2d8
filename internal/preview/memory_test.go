package preview

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

var reLiveScript = regexp.MustCompile(`<script src="/__atlas/live\.js" data-gen="\d+"></script>`)

// TestServedFromMemory runs the previewer on a copy of the Sơn La fixture: each kind of page,
// in both languages, is served (from memory, less the reload script) byte for byte as the
// build wrote it, at first and after an edit of a unit file and of a story, and the edit is
// shown by a preparation in memory ("reloaded in") before the output folder is rebuilt.
func TestServedFromMemory(t *testing.T) {
	dir := copyFixture(t)
	out := filepath.Join(dir, "public")
	ln, log, wait := startPreview(t, dir)
	kinds := []struct{ name, url string }{
		{"home", ""},
		{"province", model.ProvincePath("14")},
		{"unit", model.UnitPath("03664")},
		{"former unit", model.FormerPath("03664")},
		{"story", model.StoryPath("son-la-muoi-nam-nong-thon-moi")},
	}
	check := func(when string) {
		t.Helper()
		for _, k := range kinds {
			for _, lang := range model.Languages {
				p := model.LanguageDir(lang) + k.url
				t.Run(when+"/"+k.name+"/"+lang, func(t *testing.T) {
					resp, err := http.Get("http://" + ln.Addr().String() + "/" + p)
					if err != nil {
						t.Fatal(err)
					}
					body, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
						t.Fatalf("/%s: %s, %s", p, resp.Status, resp.Header.Get("Content-Type"))
					}
					if len(reLiveScript.FindAll(body, -1)) != 1 {
						t.Errorf("/%s does not carry the reload script once", p)
					}
					want, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(model.PageFile(p))))
					if err != nil {
						t.Fatal(err)
					}
					if got := reLiveScript.ReplaceAll(body, nil); !bytes.Equal(got, want) {
						t.Errorf("/%s as served (%d bytes) is not the built file (%d bytes)", p, len(got), len(want))
					}
				})
			}
		}
	}
	wait("first build")
	check("first")

	unit := filepath.Join(dir, "content", "units", "03664.toml")
	b, err := os.ReadFile(unit)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "\n[[assessments]]\ncriteria_set = \"2021-2025\"\nas_of = 2024-05-01\nlevel = \"standard\"\nsource_url = \"https://example.vn/a\"\n"...)
	if err := os.WriteFile(unit, b, 0o644); err != nil {
		t.Fatal(err)
	}
	wait("rebuild after a unit edit")
	story := filepath.Join(dir, "content", "stories", "son-la-muoi-nam-nong-thon-moi.md")
	if b, err = os.ReadFile(story); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(story, bytes.Replace(b, []byte("## Những con số"), []byte("## Những con số đã công bố"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	wait("rebuild after a story edit")
	check("after edits")
	all, _ := log.since(0)
	reloaded, rebuilt := strings.Index(all, "03664.toml: reloaded in"), strings.Index(all, "03664.toml: rebuilt in")
	if reloaded < 0 || rebuilt < reloaded {
		t.Errorf("the unit edit was not reloaded from memory before the output was rebuilt:\n%s", all)
	}
}
