package serve

import (
	"net/http"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
)

// HeaderRule sets response headers on the paths it matches, like a [[headers]] table of
// netlify.toml: For is a path ("/"), or a path ending in "/*", which matches that folder and
// everything below it.
type HeaderRule struct {
	For    string
	Values map[string]string
}

// Matches reports whether the rule applies to the URL path p.
func (r HeaderRule) Matches(p string) bool {
	if dir, ok := strings.CutSuffix(r.For, "*"); ok && strings.HasSuffix(dir, "/") {
		return strings.HasPrefix(p, dir) || p == strings.TrimSuffix(dir, "/")
	}
	return p == r.For
}

// ContentSecurityPolicy is the policy of every page: scripts, styles, images and everything
// else only from the site itself, no plugins, no <base> or form posts elsewhere.
// frameAncestors says who may show the page in a frame: "'none'", or "*" for pages meant to
// be embedded.
//
// There is no 'unsafe-inline' and no data: source: the layouts have no inline script or style
// (a test over the default site checks it), and story Markdown cannot produce a data: image.
func ContentSecurityPolicy(frameAncestors string) string {
	return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
		"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors " + frameAncestors
}

// framed are the site's top-level paths that must not be framed: every one of the URL
// scheme's (model.TopLevel) but the embeds' folder. A new top-level folder is added there,
// and gets its rule here by itself.
var framed = func() []string {
	var out []string
	for _, p := range model.TopLevel() {
		if p != embedRule {
			out = append(out, p)
		}
	}
	return out
}()

// embedRule is the rule of the pages meant to be embedded by other sites.
const embedRule = "/" + model.EmbedDir + "*"

// The rules of the caches of browsers and CDNs.
const (
	// assetsRule is the assets' folder, which holds the fingerprinted ones (immutableRule)
	// and the embed script, whose name is stable (model.EmbedScriptPath). It sets no
	// Cache-Control, since its paths overlap both.
	assetsRule = "/" + model.AssetsDir + "*"
	// immutableRule is the folder of the fingerprinted assets: a file there is named for its
	// content, so it never changes, and a browser need not even ask again.
	immutableRule = "/" + model.ImmutableDir + "*"

	// CacheImmutable is the Cache-Control of the fingerprinted assets: kept a year, never
	// revalidated.
	CacheImmutable = "public, max-age=31536000, immutable"
	// CacheRevalidate is the Cache-Control of every other file, pages first: a cache may
	// keep it, but asks the host (with its ETag) before each use, so a deploy shows at once.
	// It is Netlify's default, stated so that every host and atlas serve send it.
	CacheRevalidate = "public, max-age=0, must-revalidate"
)

// Headers are the security and caching headers the site is published with, in netlify.toml's order.
// netlify.toml holds the same rules (a test checks it), and Handler sends them, so a build
// looked at locally behaves as it will when published.
//
// No header is set by two rules whose paths overlap, because hosts differ in what they do
// then: Cloudflare Pages documents that it joins the values of every matching rule, Netlify's
// documentation does not say, and its CLI lets the later rule win. Joined, "/*" and "/embed/*"
// would send embed pages two policies, "frame-ancestors 'none'" and "frame-ancestors *" (the
// stricter wins), and X-Frame-Options: DENY, which no rule can take away. So "/*" sets only
// the headers every path shares, and the framing ones are set folder by folder. A path outside
// those folders (a 404 for /nothing) gets no Content-Security-Policy; the 404 page holds only
// the site's own texts.
//
// Cache-Control is set the same way: CacheImmutable by the fingerprinted assets' folder, and
// CacheRevalidate by every other folder's rule but the assets', and by the embed script's
// own. "/*" cannot set it, as it overlaps "/assets/immutable/*". A 404 for /nothing gets
// the host's default.
var Headers = headerRules()

func headerRules() []HeaderRule {
	rules := []HeaderRule{{For: "/*", Values: map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
	}}}
	for _, p := range framed {
		v := map[string]string{
			"Content-Security-Policy": ContentSecurityPolicy("'none'"),
			"X-Frame-Options":         "DENY",
		}
		if p != assetsRule {
			v["Cache-Control"] = CacheRevalidate
		}
		rules = append(rules, HeaderRule{For: p, Values: v})
	}
	return append(rules,
		HeaderRule{For: "/" + model.EmbedScriptPath, Values: map[string]string{"Cache-Control": CacheRevalidate}},
		HeaderRule{For: immutableRule, Values: map[string]string{"Cache-Control": CacheImmutable}},
		HeaderRule{For: embedRule, Values: map[string]string{
			"Content-Security-Policy": ContentSecurityPolicy("*"),
			"Cache-Control":           CacheRevalidate,
		}})
}

// setHeaders sets on h the headers of every rule that matches the URL path p.
func setHeaders(h http.Header, p string) {
	for _, r := range Headers {
		if r.Matches(p) {
			for k, v := range r.Values {
				h.Set(k, v)
			}
		}
	}
}
