package pipeline

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress shows long work on one terminal line, rewritten in place: the phase, and how far
// it got. It writes nothing when its writer is nil (atlas check, CI, a pipe). It is safe for
// concurrent use.
type progress struct {
	w     io.Writer
	every time.Duration

	mu    sync.Mutex
	phase string
	last  time.Time
	shown bool
}

func newProgress(w io.Writer) *progress { return &progress{w: w, every: 150 * time.Millisecond} }

// show writes "atlas: <phase> <what>" when the phase changed or enough time passed.
func (p *progress) show(phase, format string, args ...any) {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if phase == p.phase && now.Sub(p.last) < p.every {
		return
	}
	p.phase, p.last, p.shown = phase, now, true
	fmt.Fprintf(p.w, "\r\033[Katlas: %s "+format, append([]any{phase}, args...)...)
}

// done clears the line, so that what follows starts on a clean one.
func (p *progress) done() {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
