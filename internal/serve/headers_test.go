package serve

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/ntm-atlas/atlas/internal/model"
)

// netlifyConfig is the part of netlify.toml the tests check.
type netlifyConfig struct {
	Build struct {
		Command string `toml:"command"`
		Publish string `toml:"publish"`
	} `toml:"build"`
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
}

// TestNetlifyConfig checks that netlify.toml builds the site into public/ and sets exactly
// the header rules of Headers, in the same order.
func TestNetlifyConfig(t *testing.T) {
	var c netlifyConfig
	if _, err := toml.DecodeFile(filepath.Join("..", "..", "netlify.toml"), &c); err != nil {
		t.Fatal(err)
	}
	if c.Build.Command != "go run ./cmd/atlas build" {
		t.Errorf("build command = %q, want %q", c.Build.Command, "go run ./cmd/atlas build")
	}
	if c.Build.Publish != "public" {
		t.Errorf("publish = %q, want public", c.Build.Publish)
	}
	var got []HeaderRule
	for _, h := range c.Headers {
		got = append(got, HeaderRule{For: h.For, Values: h.Values})
	}
	if !reflect.DeepEqual(got, Headers) {
		t.Errorf("netlify.toml [[headers]] differ from serve.Headers:\nnetlify.toml: %v\nHeaders:      %v", got, Headers)
	}
}

// TestHeaderRules checks what each kind of path gets (fingerprinted assets cached for a year,
// everything else revalidated), and that no header is set by two rules that match the same
// path.
func TestHeaderRules(t *testing.T) {
	deny := ContentSecurityPolicy("'none'")
	tests := []struct {
		path string
		want map[string]string // "" means absent
	}{
		{"/", map[string]string{"Content-Security-Policy": deny, "X-Frame-Options": "DENY", "Cache-Control": CacheRevalidate}},
		{"/" + model.UnitPath("03664"), map[string]string{"Content-Security-Policy": deny, "X-Frame-Options": "DENY", "Cache-Control": CacheRevalidate}},
		{"/" + model.StoriesDir, map[string]string{"Content-Security-Policy": deny, "X-Frame-Options": "DENY"}},
		{"/" + model.ProvincePath("14"), map[string]string{"Content-Security-Policy": deny, "X-Frame-Options": "DENY"}},
		{"/" + model.AssetPath("atlas.css", "0123456789"), map[string]string{"Content-Security-Policy": deny, "Cache-Control": CacheImmutable}},
		{"/" + model.EmbedScriptPath, map[string]string{"Content-Security-Policy": deny, "Cache-Control": CacheRevalidate}},
		{"/" + model.DataPath("14", "geojson"), map[string]string{"X-Frame-Options": "DENY"}},
		{"/" + model.EmbedUnitPath("vi", "03664"), map[string]string{"Content-Security-Policy": ContentSecurityPolicy("*"), "X-Frame-Options": "", "Cache-Control": CacheRevalidate}},
		{"/nothing", map[string]string{"Content-Security-Policy": "", "X-Frame-Options": "", "Cache-Control": ""}},
	}
	for _, tt := range tests {
		h := http.Header{}
		setHeaders(h, tt.path)
		want := map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}
		for k, v := range tt.want {
			want[k] = v
		}
		for k, v := range want {
			if got := h.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", tt.path, k, got, v)
			}
		}
	}
	for i, a := range Headers {
		for _, b := range Headers[i+1:] {
			if !overlap(a, b) {
				continue
			}
			for k := range a.Values {
				if _, dup := b.Values[k]; dup {
					t.Errorf("%s is set by both %q and %q, which match the same paths", k, a.For, b.For)
				}
			}
		}
	}
	if !strings.Contains(deny, "script-src 'self';") || strings.Contains(deny, "unsafe") {
		t.Errorf("policy %q allows more than the site's own scripts", deny)
	}
}

// overlap reports whether some path matches both rules.
func overlap(a, b HeaderRule) bool {
	probe := func(r HeaderRule) string { return strings.TrimSuffix(r.For, "*") + "x" }
	return a.Matches(probe(b)) || b.Matches(probe(a)) || a.Matches(b.For) || b.Matches(a.For)
}

// TestHandlerHeaders checks that the server sends the headers, on pages and on 404s.
func TestHandlerHeaders(t *testing.T) {
	dir := t.TempDir()
	writePage(t, dir, model.UnitPath("03664"), "unit")
	os.WriteFile(filepath.Join(dir, model.NotFoundFile), []byte("not found page"), 0o644)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	for _, p := range []string{"/" + model.UnitPath("03664"), "/" + model.UnitPath("99999")} {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Content-Security-Policy"); got != ContentSecurityPolicy("'none'") {
			t.Errorf("GET %s: Content-Security-Policy = %q", p, got)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options = %q", p, got)
		}
	}
}
