// Package serve serves a built site folder over HTTP on the loopback interface, for looking
// at a build before it is published.
package serve

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

// Handler serves the files of dir, and the 404 page with status 404 for a path that names no
// file, as the static hosts the site is published on do: below a language's folder (en/) that
// language's (en/404.html, as _redirects asks of Netlify), elsewhere dir/404.html. Every response carries the
// security headers of the rules in Headers that match its path.
func Handler(dir string) http.Handler { return LiveHandler(dir, nil) }

// LiveHandler is Handler with live reload when live is not nil: every HTML page it serves
// carries the reload script (the files in dir are not changed), and the paths below
// LivePrefix answer the script and its event stream.
func LiveHandler(dir string, live *Live) http.Handler { return MemoryHandler(dir, live, nil) }

// Memory is a site held in memory, whose files are served before the folder's: atlas serve
// shows a saved edit from memory while the build of the same input writes the folder.
type Memory interface {
	// File returns the file at the slash-separated path p (relative to the site's root, a
	// folder's index.html named in full), or false when it has none there.
	File(p string) ([]byte, bool)
	// Wait returns once the folder holds the build of the site File gives (or the last good
	// build, when that one failed), or when ctx is done.
	Wait(ctx context.Context)
}

// MemoryHandler is LiveHandler that serves a file from mem when mem has it, and from dir, once
// dir holds the same site (Memory.Wait), when mem has not. The bytes and headers are those
// the file in dir would be served with.
func MemoryHandler(dir string, live *Live, mem Memory) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if live != nil && strings.HasPrefix(r.URL.Path, LivePrefix) && live.serveLive(w, r) {
			return
		}
		setHeaders(w.Header(), r.URL.Path)
		if mem != nil {
			p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
			if p == "" || strings.HasSuffix(r.URL.Path, "/") {
				p = path.Join(p, "index.html")
			}
			if body, ok := mem.File(p); ok {
				serveBytes(w, r, p, body, live)
				return
			}
			mem.Wait(r.Context())
		}
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		st, err := os.Stat(name)
		if err == nil && st.IsDir() {
			name = filepath.Join(name, "index.html")
			_, err = os.Stat(name)
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			// A name the file system cannot hold (a segment over 255 bytes, say) names no file.
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = os.ErrNotExist
			}
		}
		if errors.Is(err, os.ErrNotExist) {
			if live != nil {
				if _, derr := os.Stat(dir); derr != nil {
					// No build has succeeded yet: a page that waits for one.
					w.Header().Set("Content-Type", "text/html; charset=utf-8")
					w.Header().Set("Cache-Control", "no-store")
					w.WriteHeader(http.StatusServiceUnavailable)
					w.Write(live.inject([]byte(waitingPage)))
					return
				}
			}
			if body, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(notFoundPage(path.Clean("/"+r.URL.Path))))); err == nil {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				w.Write(body)
				return
			}
			http.NotFound(w, r)
			return
		}
		if live != nil && err == nil && strings.HasSuffix(name, ".html") {
			body, rerr := os.ReadFile(name)
			if rerr == nil {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Header().Set("Cache-Control", "no-store")
				w.Write(live.inject(body))
				return
			}
		}
		if t, ok := contentTypes[path.Ext(name)]; ok {
			w.Header().Set("Content-Type", t)
		}
		files.ServeHTTP(w, r)
	})
}

// serveBytes answers with the file at p, whose content is body, as the folder's would be
// answered: a page with the reload script when live is not nil.
func serveBytes(w http.ResponseWriter, r *http.Request, p string, body []byte, live *Live) {
	if strings.HasSuffix(p, ".html") {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if live != nil {
			w.Header().Set("Cache-Control", "no-store")
			body = live.inject(body)
		}
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	if t, ok := contentTypes[path.Ext(p)]; ok {
		w.Header().Set("Content-Type", t)
	}
	http.ServeContent(w, r, path.Base(p), time.Time{}, bytes.NewReader(body))
}

// contentTypes are the media types of the files a build writes whose extension Go's own
// table may not know (it reads the system's, which a minimal machine lacks): without them a
// download would be served by its sniffed type, and with nosniff a browser would not open
// it as the host serves it. They are the types Netlify sends.
var contentTypes = map[string]string{
	".csv":     "text/csv; charset=utf-8",
	".geojson": "application/geo+json",
	".xlsx":    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ico":     "image/x-icon",
}

// notFoundPage is the site path of the 404 page served for the missing URL path p: the 404 page
// of the language whose folder p lies in, else the first language's.
func notFoundPage(p string) string {
	for _, l := range model.Languages[1:] {
		if strings.HasPrefix(p, "/"+model.LanguageDir(l)) {
			return model.NotFoundPath(l)
		}
	}
	return model.NotFoundPath(model.Languages[0])
}

// ListenAndServe serves dir on addr until ctx is done. It writes the address to log once the
// server listens.
func ListenAndServe(ctx context.Context, addr, dir string, log io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return Serve(ctx, ln, Handler(dir), dir, log)
}

// Serve serves h on ln until ctx is done, writing where it serves dir to log once it listens.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, dir string, log io.Writer) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
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
