package browser

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/ntm-atlas/atlas/internal/diff"
	"github.com/ntm-atlas/atlas/internal/review"
)

// TestDiffScreenshot rewrites what docs/publishing.md shows a reviewer of a pull request,
// when run with -update-screenshots:
//
//	go test ./internal/browser -run TestDiffScreenshot -update-screenshots
//
// The pull request is real-looking: on the default national site, it adds Xã Sóc Hà's
// recognition of January 2020 (Cao Bằng's decision 46/QĐ-UBND, as content/former/01417.toml
// has it). atlas diff's Markdown is written to docs/screenshots/diff-summary.md, rendered as
// GitHub renders a job summary (goldmark with GitHub's extensions) and photographed into
// diff-summary.png; the province's before-and-after map is diff-map.svg.
func TestDiffScreenshot(t *testing.T) {
	if !*updateScreenshots {
		t.Skip("run with -update-screenshots to rewrite docs/screenshots")
	}
	ctx := browser(t)
	// The site before the pull request: the default site without that recognition.
	old := t.TempDir()
	for _, d := range []string{"content", "geo"} {
		if err := os.CopyFS(filepath.Join(old, d), os.DirFS(filepath.Join(repoRoot, d))); err != nil {
			t.Fatal(err)
		}
	}
	config, err := os.ReadFile(filepath.Join(repoRoot, "atlas.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(old, "atlas.toml"), config, 0o644); err != nil {
		t.Fatal(err)
	}
	soc := filepath.Join(old, "content", "former", "01417.toml")
	b, err := os.ReadFile(soc)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte("\n[[recognitions]]"))
	if i < 0 || bytes.Count(b, []byte("[[recognitions]]")) != 1 {
		t.Fatalf("%s: want one recognition to take out", soc)
	}
	if err := os.WriteFile(soc, b[:i+1], 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(repoRoot, "docs", "screenshots")
	maps := t.TempDir()
	var md bytes.Buffer
	_, err = review.Run(review.Options{Old: old, New: repoRoot, OldLabel: "main", NewLabel: "pull request #42",
		Format: diff.Markdown, Write: diff.WriteOptions{BaseURL: "https://deploy-preview-42--ntm-atlas.netlify.app/"},
		Maps: maps, CacheDir: filepath.Join(repoRoot, ".cache", "atlas")}, &md)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", filepath.Join(dir, name))
	}
	write("diff-summary.md", md.Bytes())
	svg, err := os.ReadFile(filepath.Join(maps, "04.svg"))
	if err != nil {
		t.Fatal(err)
	}
	write("diff-map.svg", svg)

	var body bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := gm.Convert(md.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	// GitHub shows "> [!CAUTION]" as an alert; goldmark as a quote that says so.
	html := regexp.MustCompile(`<blockquote>\s*<p>\[!CAUTION\]`).ReplaceAllString(body.String(), `<blockquote class="caution"><p><strong>Caution</strong><br>`)
	page := `<!doctype html><html lang="en"><meta charset="utf-8"><title>atlas diff</title><style>` + summaryCSS + `</style>` +
		`<body><div class="summary"><p class="job">What the pull request changes in the atlas — summary</p>` + html + `</div></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	p := openURL(t, ctx, srv.URL+"/", viewport{name: "summary", width: 1012, height: 800})
	write("diff-summary.png", run(p, "taking a screenshot", chromedp.FullScreenshot(100)))
	if !strings.Contains(page, "Sóc Hà") {
		t.Error("the summary does not name Xã Sóc Hà")
	}
}

// summaryCSS looks like GitHub's job summary: its fonts, table borders and quote.
const summaryCSS = `body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
.summary { margin: 16px; padding: 16px 24px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.job { margin: -16px -24px 16px; padding: 8px 24px; border-bottom: 1px solid #d1d9e0; font-weight: 600; background: #f6f8fa; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; } h3 { font-size: 1.25em; }
summary h3 { display: inline; }
table { border-collapse: collapse; margin: 0 0 16px; } th, td { border: 1px solid #d1d9e0; padding: 6px 13px; vertical-align: top; }
tr:nth-child(2n) { background: #f6f8fa; }
code { font: 85% ui-monospace, SFMono-Regular, Menlo, monospace; background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
a { color: #0969da; text-decoration: none; }
blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
blockquote.caution { border-left-color: #d1242f; color: #1f2328; } blockquote.caution strong:first-child { color: #d1242f; }
sub { color: #59636e; }`
