package pipeline

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/serve"
)

// pageProblems lists what in an HTML page would break under the site's
// Content-Security-Policy (internal/serve.Headers) or could run a script: inline scripts,
// scripts and stylesheets from elsewhere, <style> elements (in SVG too), style attributes,
// event handler attributes, elements that embed other documents, and URLs with a script,
// data or file scheme.
func pageProblems(page string) []string {
	var out []string
	for _, t := range tags(page) {
		switch t.name {
		case "script":
			src, ok := t.attr("src")
			switch {
			case !ok || strings.TrimSpace(t.text) != "":
				out = append(out, "inline <script>")
			case urlScheme(src) != "" || strings.HasPrefix(src, "//"):
				out = append(out, fmt.Sprintf("<script> from another site: %s", src))
			}
		case "style":
			out = append(out, "<style> element")
		case "link":
			if rel, _ := t.attr("rel"); strings.Contains(strings.ToLower(rel), "stylesheet") {
				if href, _ := t.attr("href"); urlScheme(href) != "" || strings.HasPrefix(href, "//") {
					out = append(out, fmt.Sprintf("stylesheet from another site: %s", href))
				}
			}
		case "iframe", "frame", "object", "embed", "base":
			out = append(out, fmt.Sprintf("<%s> element", t.name))
		case "form":
			// form-action 'self': a form may only send to the site itself.
			if action, _ := t.attr("action"); urlScheme(action) != "" || strings.HasPrefix(action, "//") {
				out = append(out, fmt.Sprintf("<form> sending to another site: %s", action))
			}
		}
		for _, a := range t.attrs {
			switch {
			case strings.HasPrefix(a.name, "on"):
				out = append(out, fmt.Sprintf("event handler attribute %s on <%s>", a.name, t.name))
			case a.name == "style":
				out = append(out, fmt.Sprintf("style attribute on <%s>", t.name))
			case a.name == "href" || a.name == "src" || a.name == "xlink:href" || a.name == "action" ||
				a.name == "formaction" || a.name == "poster" || a.name == "data" || a.name == "srcset":
				switch s := urlScheme(a.value); s {
				case "", "http", "https", "mailto", "tel":
				default:
					out = append(out, fmt.Sprintf("<%s %s=%q>: %s: URL", t.name, a.name, a.value, s))
				}
			}
		}
	}
	return out
}

func TestPageProblems(t *testing.T) {
	tests := []struct {
		page string
		want int
	}{
		{`<p class="a">x</p><a href="../` + model.UnitsDir + `">y</a><link rel="stylesheet" href="` + model.AssetsDir + `a.css">`, 0},
		{`<script src="` + model.AssetsDir + `a.js"></script>`, 0},
		{`<!-- <script>alert(1)</script> --><p>&lt;script&gt;</p>`, 0},
		{`<script>alert(1)</script>`, 1},
		{`<SCRIPT SRC="https://evil.example/a.js"></SCRIPT>`, 1},
		{`<svg><style>path{fill:red}</style></svg>`, 1},
		{`<p style="color:red">`, 1},
		{`<img src=x onerror=alert(1)>`, 1},
		{`<svg onload='alert(1)'>`, 1},
		{`<a href=" JaVa&#x09;ScRiPt:alert(1)">`, 1},
		{`<a href="java&#10;script:alert(1)">`, 1},
		{`<img src="data:image/png;base64,AAAA">`, 1},
		{`<a xlink:href="vbscript:x">`, 1},
		{`<link rel="stylesheet" href="//evil.example/a.css">`, 1},
		{`<iframe src="https://example.org/"></iframe>`, 1},
		{`<form role="search" action="./" method="get"></form>`, 0},
		{`<form action="https://evil.example/">`, 1},
	}
	for _, tt := range tests {
		if got := pageProblems(tt.page); len(got) != tt.want {
			t.Errorf("pageProblems(%s) = %q, want %d problem(s)", tt.page, got, tt.want)
		}
	}
}

// TestContentSecurityPolicy checks that every page of the default site works under the
// Content-Security-Policy the site is published with: no inline script, no inline style, no
// event handler attribute, nothing from another site.
func TestContentSecurityPolicy(t *testing.T) {
	out, _ := buildDefault(t)
	pages := 0
	for name, body := range readTree(t, out) {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".svg") {
			continue
		}
		pages++
		for _, msg := range pageProblems(string(body)) {
			t.Errorf("%s: %s", name, msg)
		}
	}
	if pages == 0 {
		t.Fatal("no pages checked")
	}
}

// TestHeadersCoverSite checks that every top-level file and folder of the default site is
// published with the Content-Security-Policy and X-Frame-Options of serve.Headers (and so of
// netlify.toml): a new top-level folder needs its own rule there.
func TestHeadersCoverSite(t *testing.T) {
	out, _ := buildDefault(t)
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		p := "/" + e.Name()
		if e.IsDir() {
			p += "/"
		}
		if e.Name() == "index.html" {
			p = "/"
		}
		var csp, xfo bool
		for _, r := range serve.Headers {
			if r.Matches(p) {
				_, c := r.Values["Content-Security-Policy"]
				_, x := r.Values["X-Frame-Options"]
				csp, xfo = csp || c, xfo || x
			}
		}
		if p == "/"+model.EmbedDir {
			xfo = true // embeds may be framed: their policy says so, without X-Frame-Options
		}
		if !csp || !xfo {
			t.Errorf("%s is published without Content-Security-Policy or X-Frame-Options: add it to internal/serve/headers.go and netlify.toml", p)
		}
	}
}
