// Package browser holds the real-browser tests: they build the default site once, serve it on
// 127.0.0.1 and drive headless Chromium through it with chromedp.
//
// Some tests also load pages in two other engines: headless Firefox (engines_test.go) and
// WebKit, Safari's engine, through WebDriver (webkit_test.go).
//
// The tests skip when no browser is installed, so a newcomer's `go test ./...` passes; with
// CI=true a missing browser fails them instead. The browser is $ATLAS_CHROME, or the first of
// chromium, chromium-browser, google-chrome and google-chrome-stable found in PATH.
//
// On a failure a test saves a full-page PNG of the page it was on to $ATLAS_SCREENSHOTS, or to
// .cache/screenshots/ at the top of the repository, and logs the file's path.
package browser

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/pipeline"
)

// repoRoot is the repository, relative to this package: node_modules and docs.
const repoRoot = "../.."

// siteDir is the site the tests build: the Sơn La fixture.
const siteDir = repoRoot + "/testdata/son-la"

// The tests name the fixture's pages by the URL scheme (internal/model), not by spelled
// folders: model's own tests pin the scheme.
var (
	// enDir is the folder of the English pages.
	enDir = model.LanguageDir("en")
	// langDirs are the folders of the pages of each language, the Vietnamese root ("") first.
	langDirs = []string{model.LanguageDir("vi"), enDir}
)

// hrefEnds is a CSS selector of the links whose href ends in path: the site's links are
// relative, so a selector names their end.
func hrefEnds(path string) string { return "a[href$=" + strconv.Quote(path) + "]" }

// query is the JavaScript expression of the first element that the CSS selector finds.
func query(selector string) string { return "document.querySelector(" + strconv.Quote(selector) + ")" }

// stepTimeout bounds each step in the browser (a page load, a script, a screenshot). It is
// generous because the machines that run these tests are often heavily loaded; no test asserts
// how long anything takes.
const stepTimeout = 60 * time.Second

// A viewport is the size of the browser window a page is opened in.
type viewport struct {
	name          string // used in test and file names
	width, height int64
	phone         bool // emulate a touch phone: mobile layout viewport and touch events
	dark          bool // emulate a reader who asks for a dark colour scheme
}

var (
	desktop     = viewport{name: "desktop", width: 1280, height: 800}
	phone       = viewport{name: "360", width: 360, height: 740, phone: true}
	darkDesktop = viewport{name: "desktop-dark", width: 1280, height: 800, dark: true}
	darkPhone   = viewport{name: "360-dark", width: 360, height: 740, phone: true, dark: true}
)

// shared holds what all tests use: the built site behind a server, and one browser. Each is
// set up on first use, so a run of other tests pays for neither.
var shared struct {
	dir string // temporary folder for the build, the browser profile and the browser's TMPDIR

	siteOnce sync.Once
	out      string // the built site
	site     *model.Site
	srv      *httptest.Server
	siteErr  error

	browserOnce sync.Once
	browser     context.Context // a chromedp context holding the browser; tabs derive from it
	stop        func()          // closes the browser
	browserErr  error
}

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "atlas-browser-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	shared.dir = dir
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	stopWebKit()
	if shared.srv != nil {
		shared.srv.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// site builds the default site once and serves it on 127.0.0.1. It returns the server's URL,
// ending in "/": the site's base path is "/".
func site(t *testing.T) string {
	t.Helper()
	shared.siteOnce.Do(func() {
		shared.out = filepath.Join(shared.dir, "public")
		if _, err := pipeline.Run(pipeline.Options{Site: siteDir, Out: shared.out, NoCache: true}); err != nil {
			shared.siteErr = fmt.Errorf("build of the default site failed:\n%v", err)
			return
		}
		if shared.site, _, shared.siteErr = pipeline.Load(siteDir); shared.siteErr != nil {
			return
		}
		// httptest.NewServer listens on 127.0.0.1 only.
		shared.srv = httptest.NewServer(http.FileServer(http.Dir(shared.out)))
	})
	if shared.siteErr != nil {
		t.Fatal(shared.siteErr)
	}
	return shared.srv.URL + "/"
}

// errNoBrowser reports that no browser is installed at all; any other error finding or starting
// one always fails the tests.
var errNoBrowser = errors.New("no browser found: none of chromium, chromium-browser, google-chrome, google-chrome-stable is in PATH, and ATLAS_CHROME is not set")

// findChrome returns the path of the browser to drive.
func findChrome() (string, error) {
	if p := os.Getenv("ATLAS_CHROME"); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("ATLAS_CHROME=%s: %v", p, err)
		}
		return path, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", errNoBrowser
}

// browser starts headless Chromium once and returns its context. Without a browser the test
// skips, unless CI=true, where it fails.
func browser(t *testing.T) context.Context {
	t.Helper()
	shared.browserOnce.Do(func() {
		path, err := findChrome()
		if err != nil {
			shared.browserErr = err
			return
		}
		tmp := filepath.Join(shared.dir, "tmp")
		if err := os.MkdirAll(tmp, 0o755); err != nil {
			shared.browserErr = err
			return
		}
		// NewExecAllocator adds no flags of its own: these are all of them. They work as root
		// in a sandboxed container (see the notes on browser tests).
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.UserDataDir(filepath.Join(shared.dir, "profile")),
			// Chromium leaves an org.chromium.Chromium.* folder in TMPDIR.
			chromedp.Env("TMPDIR=" + tmp),
		}
		alloc, stopAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, stopCtx := chromedp.NewContext(alloc)
		shared.stop = func() { stopCtx(); stopAlloc() }
		// No timeout here: the context of the first run owns the browser, and a timeout
		// would close it when it expires.
		if err := chromedp.Do(ctx); err != nil {
			shared.browserErr = fmt.Errorf("starting %s: %v", path, err)
			return
		}
		shared.browser = ctx
	})
	if err := shared.browserErr; err != nil {
		if errors.Is(err, errNoBrowser) && os.Getenv("CI") != "true" {
			t.Skipf("%v; install chromium to run the browser tests", err)
		}
		t.Fatal(err)
	}
	return shared.browser
}

// A page is one browser tab showing a page of the built site.
type page struct {
	t   *testing.T
	tab context.Context
}

// open opens the page at path (relative to the site's root, e.g. "xa/03664/") in a new tab of
// the given size. The tab closes when the test ends; if the test failed, a full-page screenshot
// of the tab is saved first.
func open(t *testing.T, path string, vp viewport) *page {
	t.Helper()
	ctx := browser(t) // first: without a browser, skip before building the site
	return openURL(t, ctx, site(t)+path, vp)
}

// openURL opens url in a new tab of the browser ctx, as open does.
func openURL(t *testing.T, ctx context.Context, url string, vp viewport) *page {
	t.Helper()
	tab, closeTab := chromedp.NewContext(ctx)
	t.Cleanup(closeTab)
	// Create the tab without a timeout, for the same reason as the browser.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	p := &page{t: t, tab: tab}
	t.Cleanup(p.screenshotOnFailure) // runs before closeTab
	opts := []chromedp.EmulateViewportOption{}
	if vp.phone {
		opts = append(opts, chromedp.EmulatePortrait, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	p.do("setting the viewport to "+vp.name, chromedp.EmulateViewport(vp.width, vp.height, opts...))
	if vp.dark {
		ctx, cancel := stepContext(p)
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		cancel()
		if err != nil {
			t.Fatalf("asking for the dark colour scheme: %v", err)
		}
	}
	p.navigate(url)
	return p
}

// navigate loads url and fails the test unless the server answers 200.
func (p *page) navigate(url string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.tab, stepTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		p.t.Fatalf("loading %s: %v", url, err)
	}
	if resp.Status != http.StatusOK {
		p.t.Fatalf("loading %s: status %d", url, resp.Status)
	}
}

// stepContext bounds one step in the tab.
func stepContext(p *page) (context.Context, context.CancelFunc) {
	return context.WithTimeout(p.tab, stepTimeout)
}

// do runs steps in the tab, failing the test with what on an error.
func (p *page) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := stepContext(p)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// run runs one action that returns a value (a Go method cannot have type parameters).
func run[T any](p *page, what string, action chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.tab, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// eval evaluates a JavaScript expression in the page, awaiting it if it is a promise, and
// decodes its JSON value into T.
func eval[T any](p *page, js string) T {
	p.t.Helper()
	return run(p, "evaluating "+firstLine(js), chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// tryEval is eval for polling: it returns the error instead of failing the test (a page
// that is reloading has no context to evaluate in).
func tryEval(p *page, js string) (bool, error) {
	ctx, cancel := context.WithTimeout(p.tab, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[bool](js))
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// screenshotDir is where screenshots of failures go: $ATLAS_SCREENSHOTS, or .cache/screenshots
// at the top of the repository (git ignores /.cache/).
func screenshotDir() (string, error) {
	if d := os.Getenv("ATLAS_SCREENSHOTS"); d != "" {
		return filepath.Abs(d)
	}
	return filepath.Abs(filepath.Join(repoRoot, ".cache", "screenshots"))
}

// screenshotOnFailure saves a full-page screenshot of the tab if the test failed.
func (p *page) screenshotOnFailure() {
	if !p.t.Failed() {
		return
	}
	dir, err := screenshotDir()
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		p.t.Logf("no screenshot of the failure: %v", err)
		return
	}
	// A fresh timeout: the step that failed may have used up its own.
	ctx, cancel := context.WithTimeout(p.tab, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Logf("no screenshot of the failure: %v", err)
		return
	}
	name := filepath.Join(dir, fileName(p.t.Name())+".png")
	if err := os.WriteFile(name, png, 0o644); err != nil {
		p.t.Logf("no screenshot of the failure: %v", err)
		return
	}
	p.t.Logf("screenshot of the failure: %s", name)
}

// fileName turns a test name such as "TestAxe/home/360" into a file name.
func fileName(test string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, test)
}
