package render

import (
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdown returns the Markdown converter for story bodies. Raw HTML is dropped unless the
// site config allows it; link and image destinations are checked by schemeFilter either way,
// because goldmark checks them only while raw HTML is off.
func newMarkdown(c model.Markdown) goldmark.Markdown {
	opts := []goldmark.Option{
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(schemeFilter{}, 0))),
	}
	if c.UnsafeHTML {
		opts = append(opts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(opts...)
}

// allowedSchemes are the URL schemes a story may link to. A destination without a scheme
// (a relative path, "#fragment", "//host/…") is allowed too. Everything else – javascript:,
// vbscript:, data:, file: and any scheme not listed – is refused: an allowlist cannot miss a
// dangerous scheme that a blocklist forgot.
var allowedSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// schemeFilter empties the destination of every link and image whose scheme is not allowed,
// and turns such an autolink into plain text.
type schemeFilter struct{}

// Transform implements parser.ASTTransformer.
func (schemeFilter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var autolinks []*ast.AutoLink
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !allowedURL(written(n.Destination)) {
				n.Destination = nil
			}
		case *ast.Image:
			if !allowedURL(written(n.Destination)) {
				n.Destination = nil
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && !allowedURL(written(n.URL(src))) {
				autolinks = append(autolinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	// Replaced after the walk, which must not see its tree change under it.
	for _, n := range autolinks {
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
	}
}

// written returns a destination as goldmark writes it into the page: backslash escapes and
// character references resolved, unsafe bytes percent-encoded. The AST still holds it as the
// source spells it, so "&#106;avascript:" must be resolved before it is judged.
func written(dest []byte) string {
	return string(util.URLEscape(dest, true))
}

// allowedURL reports whether a URL has no scheme or an allowed one. It finds the scheme the
// way a browser's URL parser does, and then some: percent-escapes are decoded (a browser
// would not, but no honest link needs them before its scheme), leading and trailing control
// characters and spaces are trimmed, and tabs and newlines anywhere are removed, so
// " java%09script:" is javascript:. Letter case does not matter.
func allowedURL(dest string) bool {
	s := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, percentDecode(dest))
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	scheme, ok := urlScheme(s)
	return !ok || allowedSchemes[strings.ToLower(scheme)]
}

// urlScheme returns the scheme of u and true, or false when u has none: a scheme is a letter
// followed by letters, digits, "+", "-" or ".", ending at the first ":".
func urlScheme(u string) (string, bool) {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return u[:i], true
		default:
			return "", false
		}
	}
	return "", false
}

// percentDecode decodes every well-formed %XX escape of s and keeps anything else as it is.
func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if h, l := unhex(s[i+1]), unhex(s[i+2]); h >= 0 && l >= 0 {
				b.WriteByte(byte(h<<4 | l))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
