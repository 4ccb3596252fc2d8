package browser

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

// WebKit, Safari's engine, is driven as WebKitGTK: WebKitWebDriver (Debian: webkit2gtk-driver)
// starts its MiniBrowser and speaks W3C WebDriver over HTTP, which webDriver speaks with the
// standard library. MiniBrowser needs an X display: without $DISPLAY the tests start Xvfb
// (Debian: xvfb). Like the other browsers, WebKit's tests skip without it unless CI=true.

// errNoWebKit reports that WebKitWebDriver or Xvfb is not installed.
var errNoWebKit = errors.New("no WebKit: WebKitWebDriver (Debian: webkit2gtk-driver) is not in PATH and ATLAS_WEBKIT_DRIVER is not set, or $DISPLAY is not set and Xvfb (Debian: xvfb) is not in PATH")

// A webDriver is one W3C WebDriver session.
type webDriver struct {
	session string // the session's URL, without a trailing slash
	client  *http.Client
}

// wk holds the one WebKit session of a run, started on first use.
var wk struct {
	once sync.Once
	wd   *webDriver
	err  error
	stop []func() // in the order to run them
}

// stopWebKit ends the session and the programs webkit started.
func stopWebKit() {
	for _, f := range wk.stop {
		f()
	}
}

// webkit starts WebKit once and returns its session. Without WebKit the test skips, unless
// CI=true, where it fails.
func webkit(t *testing.T) *webDriver {
	t.Helper()
	wk.once.Do(func() { wk.wd, wk.err = startWebKit() })
	if err := wk.err; err != nil {
		if errors.Is(err, errNoWebKit) && os.Getenv("CI") != "true" {
			t.Skipf("%v; install webkit2gtk-driver and xvfb to run WebKit's tests", err)
		}
		t.Fatal(err)
	}
	return wk.wd
}

func startWebKit() (*webDriver, error) {
	driver := os.Getenv("ATLAS_WEBKIT_DRIVER")
	if driver == "" {
		driver = "WebKitWebDriver"
	}
	driver, err := exec.LookPath(driver)
	if err != nil {
		return nil, errNoWebKit
	}
	display := os.Getenv("DISPLAY")
	if display == "" {
		if display, err = startXvfb(); err != nil {
			return nil, err
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(driver, "--host=127.0.0.1", "--port="+strconv.Itoa(port))
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "TMPDIR="+shared.dir)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %v", driver, err)
	}
	wk.stop = append(wk.stop, func() { cmd.Process.Kill(); cmd.Wait() })
	wd := &webDriver{session: "http://127.0.0.1:" + strconv.Itoa(port), client: &http.Client{Timeout: stepTimeout}}
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		var status struct{ Ready bool }
		if wd.call(http.MethodGet, "/status", nil, &status) == nil && status.Ready {
			break
		}
		if time.Since(start) > stepTimeout {
			return nil, fmt.Errorf("%s did not answer in %v:\n%s", driver, stepTimeout, log.String())
		}
	}
	var s struct{ SessionID string }
	if err := wd.call(http.MethodPost, "/session", map[string]any{"capabilities": map[string]any{}}, &s); err != nil {
		return nil, fmt.Errorf("starting a WebKit session: %v\n%s", err, log.String())
	}
	wd.session += "/session/" + s.SessionID
	wk.stop = append([]func(){func() { wd.call(http.MethodDelete, "", nil, nil) }}, wk.stop...)
	return wd, nil
}

// startXvfb starts a virtual X server on a free display and returns the display's name.
func startXvfb() (string, error) {
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		return "", errNoWebKit
	}
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	defer r.Close()
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1280x2000x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w} // fd 3: Xvfb writes the display's number to it
	err = cmd.Start()
	w.Close()
	if err != nil {
		return "", fmt.Errorf("starting Xvfb: %v", err)
	}
	wk.stop = append(wk.stop, func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("Xvfb gave no display: %v", err)
	}
	return ":" + strings.TrimSpace(line), nil
}

// call sends a WebDriver command to the session (path "" is the session itself) and decodes
// its value into out, if out is not nil.
func (wd *webDriver) call(method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, wd.session+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := wd.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var v struct{ Value json.RawMessage }
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return fmt.Errorf("%s %s: %v", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error, Message string }
		json.Unmarshal(v.Value, &e)
		return fmt.Errorf("%s %s: %s: %s", method, path, e.Error, e.Message)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(v.Value, out)
}

// open loads url in a window of the viewport's size (its toolbar included) and waits for the
// page's load event.
func (wd *webDriver) open(t *testing.T, url string, vp viewport) {
	t.Helper()
	if err := wd.call(http.MethodPost, "/window/rect", map[string]int64{"width": vp.width, "height": vp.height}, nil); err != nil {
		t.Fatal(err)
	}
	if err := wd.call(http.MethodPost, "/url", map[string]string{"url": url}, nil); err != nil {
		t.Fatalf("WebKit loading %s: %v", url, err)
	}
}

// screenshot returns the screenshot of the page's viewport.
func (wd *webDriver) screenshot(t *testing.T) image.Image {
	t.Helper()
	var s string
	if err := wd.call(http.MethodGet, "/screenshot", nil, &s); err != nil {
		t.Fatal(err)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return decodePNG(t, "WebKit's screenshot", b)
}

// wkEval evaluates a JavaScript expression in WebKit's page, awaiting it if it is a promise,
// and decodes its JSON value into T: eval's twin.
func wkEval[T any](t *testing.T, wd *webDriver, js string) T {
	t.Helper()
	var v T
	if err := wd.call(http.MethodPost, "/execute/sync", map[string]any{"script": "return (" + js + ");", "args": []any{}}, &v); err != nil {
		t.Fatalf("WebKit evaluating %s: %v", firstLine(js), err)
	}
	return v
}

// wkPoll evaluates js in WebKit's page every 50 ms until it gives a value other than null,
// for up to 10 s, and decodes that value into T.
func wkPoll[T any](t *testing.T, wd *webDriver, js string) T {
	t.Helper()
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		if v := wkEval[*T](t, wd, js); v != nil {
			return *v
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("WebKit: no value in 10 s from %s", firstLine(js))
		}
	}
}

// mapFillsJS gives the computed fill of each unit of the page's map, in the map's order, each
// pattern named by its id alone (engines write url(#id) in their own ways).
const mapFillsJS = `[...document.querySelectorAll("figure.map a > :is(use, path):first-of-type")].map(e => getComputedStyle(e).fill.replace(/^url\(["']?[^#]*#([^"')]+)["']?\)$/, "#$1"))`

// moveSliderJS moves the year slider to the year %s, as a reader dragging it would.
const moveSliderJS = `(() => {
	const r = document.getElementById("year-range");
	r.value = "%s";
	r.dispatchEvent(new Event("input", {bubbles: true}));
	return true;
})()`

// TestWebKitRunsTheScripts runs the site's scripts in WebKit, Safari's engine, as the other
// tests run them in Chromium: a year page's slider recolours the map as in Chromium (the
// computed fill of every unit, before and after a move) and the bar writes the map file of the
// year shown (yearMapJS); the search page finds a former commune typed without diacritics; a
// unit of the province map reached from the keyboard shows its tooltip.
func TestWebKitRunsTheScripts(t *testing.T) {
	wd := webkit(t)
	ctx := browser(t)
	base := site(t)
	for _, lang := range langDirs {
		t.Run("year/"+lang, func(t *testing.T) {
			url := base + lang + model.ProvincePath("14") + model.YearPath(2020)
			p := openURL(t, ctx, url, desktop)
			wd.open(t, url, desktop)
			if !sliderShown(p) || !wkEval[bool](t, wd, sliderShownJS) {
				t.Fatal("the year slider is still hidden")
			}
			var before []string
			for _, year := range []string{"2020", "2016"} {
				if year != "2020" {
					eval[bool](p, fmt.Sprintf(moveSliderJS, year))
					wkEval[bool](t, wd, fmt.Sprintf(moveSliderJS, year))
				}
				want, got := eval[[]string](p, mapFillsJS), wkEval[[]string](t, wd, mapFillsJS)
				if len(want) == 0 || !slices.Equal(got, want) {
					t.Errorf("%s: WebKit fills the map's units\n%q\nChromium\n%q", year, got, want)
				}
				if before != nil && slices.Equal(before, got) {
					t.Errorf("%s: the map kept the fills of 2020", year)
				}
				before = got
				checkYearMap(t, year, wkEval[yearMap](t, wd, yearMapJS))
			}
		})
	}
	t.Run("search", func(t *testing.T) {
		want := model.FormerPath("03658") // Chiềng Cọ
		wd.open(t, base+model.SearchDir+"?q=chieng+co", desktop)
		got := wkPoll[[]string](t, wd, `(() => {
	const links = [...document.querySelectorAll("#search-results li > a")].map(a => new URL(a.href).pathname);
	return links.length ? links : null;
})()`)
		if !slices.ContainsFunc(got, func(p string) bool { return strings.HasSuffix(p, "/"+want) }) {
			t.Errorf("searching chieng co, WebKit lists %q, not %s", got, want)
		}
	})
	t.Run("tooltip", func(t *testing.T) {
		wd.open(t, base+model.ProvincePath("14"), desktop)
		got := wkEval[[]string](t, wd, `(() => {
	const a = document.querySelector("figure.map svg a[aria-label]");
	if (!a) return ["no unit with a name (map.js did not run)"];
	a.focus();
	const tip = document.querySelector(".map-tip");
	return [a.getAttribute("aria-label"), tip && !tip.hidden ? tip.querySelector("strong").textContent + ": " + tip.querySelector("span").textContent : "no tooltip"];
})()`)
		if len(got) != 2 || got[0] != got[1] {
			t.Errorf("a unit reached from the keyboard: its name and the tooltip %q", got)
		}
	})
}
