// Package serve serves a built site folder over HTTP on the loopback interface, for looking
// at a build before it is published.
package serve

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"time"
)

// Handler serves the files of dir, and dir/404.html with status 404 for a path that names
// no file, as the static hosts the site is published on do. Every response carries the
// security headers of the rules in Headers that match its path.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setHeaders(w.Header(), r.URL.Path)
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		st, err := os.Stat(name)
		if err == nil && st.IsDir() {
			_, err = os.Stat(filepath.Join(name, "index.html"))
		}
		if errors.Is(err, os.ErrNotExist) {
			if body, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				w.Write(body)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

// ListenAndServe serves dir on addr until ctx is done. It writes the address to log once the
// server listens.
func ListenAndServe(ctx context.Context, addr, dir string, log io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: Handler(dir), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	io.WriteString(log, "Serving "+dir+" at http://"+ln.Addr().String()+"/ (Ctrl+C to stop)\n")
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
