// Command reload measures atlas serve's edit loop: it starts `atlas serve` on a site, and for
// each edit — a status file's recognition year, a story's body — writes the file and times
// the live-reload message (the server-sent event that makes open pages reload) after which
// the edited page shows the edit, and that page's load, from the moment before the write. Each edit is made and undone
// -n times; it prints the median and the slowest. It waits for the server's rebuild of the
// output folder between edits, so that each is measured alone.
//
// Usage: go run ./bench/reload -atlas BIN -s SITE [-unit FILE] [-story FILE] [-n 3]
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

func main() {
	bin := flag.String("atlas", "atlas", "the atlas program")
	site := flag.String("s", ".", "the site folder")
	unit := flag.String("unit", "", "a status file (content/former/*.toml with a recognition year) to edit; empty: the first such file")
	story := flag.String("story", "", "a story (content/stories/*.md) to edit; empty: the first one")
	n := flag.Int("n", 3, "edits of each kind")
	flag.Parse()
	if err := run(*bin, *site, *unit, *story, *n); err != nil {
		fmt.Fprintln(os.Stderr, "reload:", err)
		os.Exit(1)
	}
}

var (
	reYear = regexp.MustCompile(`(?m)^year = (\d+)`)
	reSlug = regexp.MustCompile(`(?m)^slug = "([a-z0-9-]+)"`)
	reLive = regexp.MustCompile(`<script src="/__atlas/live\.js" data-gen="\d+"></script>`)
)

func run(bin, site, unit, story string, n int) error {
	if unit == "" {
		files, _ := filepath.Glob(filepath.Join(site, "content", "former", "*.toml"))
		for _, f := range files {
			if b, err := os.ReadFile(f); err == nil && reYear.Match(b) {
				unit = f
				break
			}
		}
	}
	if story == "" {
		files, _ := filepath.Glob(filepath.Join(site, "content", "stories", "*.md"))
		for _, f := range files {
			if !strings.HasSuffix(f, ".en.md") {
				story = f
				break
			}
		}
	}
	if unit == "" || story == "" {
		return fmt.Errorf("no status file with a recognition year, or no story, in %s", site)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "-s", site, "-addr", addr)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = cmd.Stdout
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		cancel() // stops the server
		cmd.Wait()
	}()
	// The server's lines: "Serving" once it listens, then "rebuilt in" after each build of the
	// output folder.
	var mu sync.Mutex
	lines := map[string]int{}
	seen := sync.NewCond(&mu)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			mu.Lock()
			for _, k := range []string{"Serving", "rebuilt in", "failed"} {
				if strings.Contains(sc.Text(), k) {
					lines[k]++
				}
			}
			seen.Broadcast()
			mu.Unlock()
		}
	}()
	waitLine := func(k string, count int) {
		mu.Lock()
		for lines[k] < count {
			seen.Wait()
		}
		mu.Unlock()
	}
	waitLine("Serving", 1)
	fmt.Printf("atlas serve started in %.1f s\n", time.Since(start).Seconds())
	base := "http://" + addr + "/"

	states := make(chan int, 16)
	resp, err := http.Get(base + "__atlas/events")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var s struct{ Gen int }
				if json.Unmarshal([]byte(d), &s) == nil {
					states <- s.Gen
				}
			}
		}
		close(states)
	}()
	gen := <-states

	unitPage := model.FormerPath(strings.TrimSuffix(filepath.Base(unit), ".toml"))
	storyPage := model.StoryPath(strings.TrimSuffix(filepath.Base(story), ".md"))
	if b, err := os.ReadFile(story); err == nil {
		if m := reSlug.FindSubmatch(b); m != nil {
			storyPage = model.StoryPath(string(m[1]))
		}
	}
	rebuilt := 0
	get := func(page string) ([]byte, error) {
		r, err := http.Get(base + page)
		if err != nil {
			return nil, err
		}
		defer r.Body.Close()
		b, err := io.ReadAll(r.Body)
		if r.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("%s: %s", page, r.Status)
		}
		// The reload script carries the generation: leave it out of the comparison.
		return reLive.ReplaceAll(b, nil), err
	}
	measure := func(label, file, page string, edit func([]byte, int) []byte) error {
		var msg, load []time.Duration
		for i := range 2 * n {
			b, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			before, err := get(page)
			if err != nil {
				return err
			}
			for drained := false; !drained; { // a reload already on its way is not this save's
				select {
				case g := <-states:
					gen = max(gen, g)
				default:
					drained = true
				}
			}
			t0 := time.Now()
			if err := os.WriteFile(file, edit(b, i), 0o644); err != nil {
				return err
			}
			// The reload that shows the edit: the first after which the page has changed.
			for {
				g, ok := <-states
				if !ok {
					return fmt.Errorf("the event stream ended")
				}
				if g <= gen {
					continue
				}
				gen = g
				m := time.Since(t0)
				after, err := get(page)
				if err != nil {
					return err
				}
				if !bytes.Equal(after, before) {
					msg, load = append(msg, m), append(load, time.Since(t0))
					break
				}
			}
			rebuilt++
			waitLine("rebuilt in", rebuilt)
		}
		fmt.Printf("%s (%s, %d saves): save → reload message %s; → page %s loaded %s\n",
			label, file, len(msg), stats(msg), page, stats(load))
		return nil
	}
	if err := measure("unit edit", unit, unitPage, func(b []byte, i int) []byte {
		// The first recognition's year, one earlier, then back.
		m := reYear.FindSubmatchIndex(b)
		y, _ := strconv.Atoi(string(b[m[2]:m[3]]))
		if i%2 == 0 {
			y--
		} else {
			y++
		}
		return slices.Concat(b[:m[2]], []byte(strconv.Itoa(y)), b[m[3]:])
	}); err != nil {
		return err
	}
	mark := []byte("\n\n(Bench edit.)\n")
	return measure("story edit", story, storyPage, func(b []byte, i int) []byte {
		if i%2 == 0 {
			return append(b, mark...)
		}
		return bytes.TrimSuffix(b, mark)
	})
}

// stats returns the median and the slowest of ds, in milliseconds.
func stats(ds []time.Duration) string {
	s := slices.Clone(ds)
	slices.Sort(s)
	return fmt.Sprintf("median %d ms, slowest %d ms", s[len(s)/2].Milliseconds(), s[len(s)-1].Milliseconds())
}
