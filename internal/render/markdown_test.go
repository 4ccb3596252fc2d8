package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

func TestAllowedURL(t *testing.T) {
	tests := []struct {
		dest string
		ok   bool
	}{
		{"https://example.org/a", true},
		{"HTTP://example.org/", true},
		{"mailto:a@example.org", true},
		{"tel:+84123", true},
		{"../../" + model.UnitPath("03664"), true},
		{"#top", true},
		{"//example.org/x", true},
		{"a b:c", true}, // no scheme: a browser reads it as a relative path
		{"", true},
		{"javascript:alert(1)", false},
		{"JaVaScRiPt:alert(1)", false},
		{" javascript:alert(1)", false},
		{"\x01javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java\nscript:alert(1)", false},
		{"vbscript:msgbox(1)", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"data:image/png;base64,AAAA", false},
		{"file:///etc/passwd", false},
		{"blob:https://example.org/x", false},
		{"java%09script:alert(1)", false},
		{"%6Aavascript:alert(1)", false},
		{"https://example.org/a%20b%zz", true},
	}
	for _, tt := range tests {
		if got := allowedURL(tt.dest); got != tt.ok {
			t.Errorf("allowedURL(%q) = %v, want %v", tt.dest, got, tt.ok)
		}
	}
}

// TestMarkdownSchemes renders links, images and autolinks with dangerous schemes, written
// plainly and obfuscated, with raw HTML off and on: none may reach an href or src.
func TestMarkdownSchemes(t *testing.T) {
	src := strings.Join([]string{
		"[a](javascript:alert(1))",
		"[b](JaVaScRiPt:alert(1))",
		"[c](java&#x09;script:alert(1))",
		"[d](<java&#10;script:alert(1)>)",
		"[e](&#106;avascript:alert(1))",
		"[f](< javascript:alert(1)>)",
		"[g](vbscript:msgbox(1))",
		"[h](data:text/html;base64,PHNjcmlwdD4=)",
		"[i](file:///etc/passwd)",
		"![j](javascript:alert(1))",
		"![k](data:image/svg+xml;base64,PHN2Zz4=)",
		"<javascript:alert(1)>",
		"<VBSCRIPT:msgbox(1)>",
		"[ref][r]",
		"",
		"[r]: javascript:alert(1)",
	}, "\n\n") + "\n"
	for _, unsafe := range []bool{false, true} {
		var buf bytes.Buffer
		if err := newMarkdown(model.Markdown{UnsafeHTML: unsafe}).Convert([]byte(src), &buf); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if n := strings.Count(out, `href=""`) + strings.Count(out, `src=""`); n != 12 {
			t.Errorf("unsafe_html=%v: %d emptied destinations, want 12:\n%s", unsafe, n, out)
		}
		for _, bad := range []string{`href="j`, `href="J`, `href="v`, `href="d`, `href="f`, `href="%`, `src="j`, `src="d`, `href="&`} {
			if strings.Contains(out, bad) {
				t.Errorf("unsafe_html=%v: output has %s…:\n%s", unsafe, bad, out)
			}
		}
		if !strings.Contains(out, "javascript:alert(1)") || strings.Contains(out, "<a href=\"javascript") {
			t.Errorf("unsafe_html=%v: a refused autolink should stay as plain text:\n%s", unsafe, out)
		}
	}
}

// TestMarkdownRawHTML checks that raw HTML is dropped by default and passed through only when
// the site config allows it, and that allowed links are kept.
func TestMarkdownRawHTML(t *testing.T) {
	src := []byte("Hi <b onclick=\"x()\">there</b>\n\n<script>alert(1)</script>\n\n[ok](https://example.org/?a=1&b=2) <https://example.org/>\n")
	var safe, unsafe bytes.Buffer
	if err := newMarkdown(model.Markdown{}).Convert(src, &safe); err != nil {
		t.Fatal(err)
	}
	if err := newMarkdown(model.Markdown{UnsafeHTML: true}).Convert(src, &unsafe); err != nil {
		t.Fatal(err)
	}
	if s := safe.String(); strings.Contains(s, "<script") || strings.Contains(s, "<b") || strings.Contains(s, "onclick") {
		t.Errorf("raw HTML rendered with unsafe_html off:\n%s", s)
	}
	for _, s := range []string{safe.String(), unsafe.String()} {
		if !strings.Contains(s, `<a href="https://example.org/?a=1&amp;b=2">ok</a>`) || !strings.Contains(s, `<a href="https://example.org/">`) {
			t.Errorf("an allowed link was lost:\n%s", s)
		}
	}
	if s := unsafe.String(); !strings.Contains(s, "<script>alert(1)</script>") || !strings.Contains(s, `<b onclick="x()">`) {
		t.Errorf("raw HTML not passed through with unsafe_html on:\n%s", s)
	}
}
