package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// LivePrefix is the path below which a live server answers its own requests: the reload
// script and the event stream. No page of a site lives there.
const LivePrefix = "/__atlas/"

//go:embed live.js
var liveScript []byte

// Problem is one error of a failed rebuild, as the browser overlay shows it.
type Problem struct {
	Pos    string `json:"pos"`              // file:line:col, or empty
	Msg    string `json:"msg"`              // the message
	Source string `json:"source,omitempty"` // the offending line of the file, when known
	Col    int    `json:"col,omitempty"`    // the column in Source that the error points at, from 1
}

// Live tells the pages a server serves that the site was rebuilt, or that the last rebuild
// failed and why, over server-sent events. Its zero value is not ready; use NewLive. It is
// safe for concurrent use.
type Live struct {
	mu       sync.Mutex
	gen      int       // counts the good builds; a page loaded at an older one reloads
	problems []Problem // of the last build when it failed; nil when it passed
	subs     map[chan struct{}]bool
}

// NewLive returns a hub at generation 1, the first good build.
func NewLive() *Live {
	return &Live{gen: 1, subs: map[chan struct{}]bool{}}
}

// Built records a good build: open pages reload.
func (l *Live) Built() {
	l.mu.Lock()
	l.gen++
	l.problems = nil
	l.mu.Unlock()
	l.notify()
}

// Failed records a failed build: open pages keep what they show and overlay the problems.
func (l *Live) Failed(problems []Problem) {
	if problems == nil {
		problems = []Problem{}
	}
	l.mu.Lock()
	l.problems = problems
	l.mu.Unlock()
	l.notify()
}

// Problems reports whether the last build failed: the pages show its problems.
func (l *Live) Problems() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.problems != nil
}

// Gen returns the generation of the last good build.
func (l *Live) Gen() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.gen
}

func (l *Live) notify() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for c := range l.subs {
		select {
		case c <- struct{}{}:
		default: // a state is already pending for this client; it reads the newest
		}
	}
}

// state is the event a client receives on connecting and after every build.
type state struct {
	Gen      int       `json:"gen"`
	Problems []Problem `json:"problems"`
}

func (l *Live) state() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, _ := json.Marshal(state{Gen: l.gen, Problems: l.problems})
	return b
}

// serveLive answers the requests below LivePrefix; it reports false for any other path.
func (l *Live) serveLive(w http.ResponseWriter, r *http.Request) bool {
	switch r.URL.Path {
	case LivePrefix + "live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(liveScript)
	case LivePrefix + "events":
		l.events(w, r)
	default:
		return false
	}
	return true
}

// events streams the build state to one page until it goes away.
func (l *Live) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan struct{}, 1)
	l.mu.Lock()
	l.subs[c] = true
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		delete(l.subs, c)
		l.mu.Unlock()
	}()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	// A client that loses the server retries after half a second.
	fmt.Fprint(w, "retry: 500\n\n")
	send := func() {
		fmt.Fprintf(w, "event: state\ndata: %s\n\n", l.state())
		fl.Flush()
	}
	send()
	keep := time.NewTicker(20 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c:
			send()
		case <-keep.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			fl.Flush()
		}
	}
}

// inject returns the page with the reload script before its closing body tag (or at its end),
// marked with the generation the page was served at.
func (l *Live) inject(page []byte) []byte {
	tag := `<script src="` + LivePrefix + `live.js" data-gen="` + strconv.Itoa(l.Gen()) + `"></script>`
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// waitingPage is served, with the reload script, while no build has succeeded yet.
const waitingPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>atlas serve: no site built yet</title></head><body><main><h1>No site built yet</h1><p>The first build failed; this page reloads when a build succeeds.</p></main></body></html>`
