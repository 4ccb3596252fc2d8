package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "xa", "03664"), 0o755)
	os.WriteFile(filepath.Join(dir, "xa", "03664", "index.html"), []byte("unit"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("not found page"), 0o644)
	os.MkdirAll(filepath.Join(dir, "empty"), 0o755)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/xa/03664/", 200, "unit"},
		{"/xa/99999/", 404, "not found page"},
		{"/empty/", 404, "not found page"},
		{"/../../etc/passwd", 404, "not found page"},
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
