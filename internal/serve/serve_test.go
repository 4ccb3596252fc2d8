package serve

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// writePage writes body as the file of the page at site path p (model.PageFile) below dir.
func writePage(t *testing.T, dir, p, body string) {
	t.Helper()
	f := filepath.Join(dir, filepath.FromSlash(model.PageFile(p)))
	if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	writePage(t, dir, model.UnitPath("03664"), "unit")
	os.WriteFile(filepath.Join(dir, model.NotFoundFile), []byte("not found page"), 0o644)
	en := model.LanguageDir("en")
	writePage(t, dir, en+model.UnitPath("03664"), "English unit")
	os.WriteFile(filepath.Join(dir, filepath.FromSlash(model.NotFoundPath("en"))), []byte("English not found page"), 0o644)
	os.MkdirAll(filepath.Join(dir, "empty"), 0o755)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/" + model.UnitPath("03664"), 200, "unit"},
		{"/" + model.UnitPath("99999"), 404, "not found page"},
		{"/empty/", 404, "not found page"},
		{"/../../etc/passwd", 404, "not found page"},
		// Below a language's folder, that language's 404 page, as _redirects asks of Netlify.
		{"/" + en + model.UnitPath("03664"), 200, "English unit"},
		{"/" + en + model.UnitPath("99999"), 404, "English not found page"},
		{"/" + en + "nothing", 404, "English not found page"},
		{"/" + en + "../" + model.UnitPath("99999"), 404, "not found page"},
		{"/" + strings.TrimSuffix(en, "/") + "x/", 404, "not found page"},
		{"/" + model.EmbedUnitPath("en", "99999"), 404, "not found page"},
	}
	for _, tt := range tests {
		res, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status || string(b) != tt.body {
			t.Errorf("GET %s = %d %q, want %d %q", tt.path, res.StatusCode, b, tt.status, tt.body)
		}
	}
}

// TestHandlerLongSegment checks that a path segment longer than a file name may be is a 404,
// not a 500 (issue 13).
func TestHandlerLongSegment(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, model.NotFoundFile), []byte("not found page"), 0o644)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	for _, p := range []string{"/" + strings.Repeat("a", 256), "/" + model.UnitPath(strings.Repeat("é", 200)), "/" + strings.Repeat("b", 4000) + "/x"} {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 404 || string(b) != "not found page" {
			t.Errorf("GET %d-byte path = %d %q, want 404 with the 404 page", len(p), res.StatusCode, b)
		}
	}
}

// TestLiveHandler checks that a live server adds the reload script to HTML pages only, leaves
// the files alone, and streams the build state.
func TestLiveHandler(t *testing.T) {
	dir := t.TempDir()
	page := "<!doctype html><html><body><p>unit</p></body></html>"
	unit := model.UnitPath("03664")
	writePage(t, dir, unit, page)
	os.WriteFile(filepath.Join(dir, "data.csv"), []byte("code\n03664\n"), 0o644)
	live := NewLive()
	srv := httptest.NewServer(LiveHandler(dir, live))
	defer srv.Close()
	get := func(p string) (int, string) {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	want := `<p>unit</p><script src="/__atlas/live.js" data-gen="1"></script></body>`
	if code, body := get("/" + unit); code != 200 || !strings.Contains(body, want) {
		t.Errorf("page = %d %q, want the script before </body>", code, body)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(model.PageFile(unit)))); string(b) != page {
		t.Errorf("the served file was changed: %q", b)
	}
	if _, body := get("/data.csv"); body != "code\n03664\n" {
		t.Errorf("data.csv = %q, want it unchanged", body)
	}
	if code, body := get("/__atlas/live.js"); code != 200 || !strings.Contains(body, "EventSource") {
		t.Errorf("live.js = %d %.40q", code, body)
	}
	// A built site's handler has none of it.
	plain := httptest.NewServer(Handler(dir))
	defer plain.Close()
	res, err := http.Get(plain.URL + "/" + unit)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(b) != page {
		t.Errorf("plain handler page = %q, want the file as built", b)
	}

	// The event stream: the state on connecting, then after a failed and a good build.
	res, err = http.Get(srv.URL + "/__atlas/events")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("events Content-Type = %q", ct)
	}
	r := bufio.NewReader(res.Body)
	next := func() string {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(line, "data: ") {
				return strings.TrimSpace(strings.TrimPrefix(line, "data: "))
			}
		}
	}
	if got := next(); got != `{"gen":1,"problems":null}` {
		t.Errorf("first state = %s", got)
	}
	live.Failed([]Problem{{Pos: "content/units/03664.toml:3:9", Msg: "bad", Source: `level = "x"`, Col: 9}})
	if got := next(); got != `{"gen":1,"problems":[{"pos":"content/units/03664.toml:3:9","msg":"bad","source":"level = \"x\"","col":9}]}` {
		t.Errorf("state after a failed build = %s", got)
	}
	live.Built()
	if got := next(); got != `{"gen":2,"problems":null}` {
		t.Errorf("state after a good build = %s", got)
	}
	if _, body := get("/" + unit); !strings.Contains(body, `data-gen="2"`) {
		t.Errorf("page after a rebuild lacks generation 2: %q", body)
	}
}

// TestLiveHandlerNoBuild checks the page served while no build has succeeded.
func TestLiveHandlerNoBuild(t *testing.T) {
	srv := httptest.NewServer(LiveHandler(filepath.Join(t.TempDir(), "public"), NewLive()))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), "/__atlas/live.js") {
		t.Errorf("GET / with no build = %d %q", res.StatusCode, b)
	}
}

// TestContentTypes: the downloads are served with the media types Netlify sends, whatever
// the machine's own table of types holds.
func TestContentTypes(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "files")
	os.MkdirAll(data, 0o755)
	for _, name := range []string{"atlas.csv", "atlas.geojson", "atlas.xlsx", "atlas.json"} {
		// Contents that sniff as plain text or a zip, not as their type.
		os.WriteFile(filepath.Join(data, name), []byte("PK\x03\x04 code,name\n"), 0o644)
	}
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	for name, want := range map[string]string{
		"atlas.csv":     "text/csv; charset=utf-8",
		"atlas.geojson": "application/geo+json",
		"atlas.xlsx":    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"atlas.json":    "application/json",
	} {
		res, err := http.Get(srv.URL + "/files/" + name)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Content-Type"); got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", name, got, want)
		}
	}
}
