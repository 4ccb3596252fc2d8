package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// Standalone map files: the map of a page as the page shows it, as an SVG file that needs
// nothing else — no stylesheet, no script, no fonts. The site's colours and patterns are
// written into it as presentation attributes (fill="…"), taken from the stylesheet the
// pages use, so the file looks like the page's map in any viewer and editor, and under the
// site's Content-Security-Policy (which forbids inline <style>).

// mapFills are the fills and strokes of the map's classes, resolved from the stylesheet.
type mapFills struct {
	class  map[string]string // class → fill: "#41b6c4", "url(#pat-former-all)"
	stroke string            // the borders between units (".map path")
	width  string
}

// mapRule is a rule of the stylesheet the standalone maps take: a single-class selector of a
// status class or pattern part.
var mapRule = regexp.MustCompile(`^\.(rank-\d|share-\d|former-all|former-some|area-all|area-some|not-covered|no-data|count-only|parts|complete|older|pat-[a-z]+(?:-[a-z]+)+)$`)

// readFills reads the map's fills from the stylesheet css: its :root custom properties, the
// fill of each status class and pattern part, and the stroke of ".map path".
func readFills(css string) *mapFills {
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	vars := map[string]string{}
	f := &mapFills{class: map[string]string{}, stroke: "#fff", width: "8"}
	type rule struct{ sels, body []string }
	var rules []rule
	for _, block := range strings.Split(css, "}") {
		sel, body, ok := strings.Cut(block, "{")
		if !ok {
			continue
		}
		var sels []string
		for _, s := range strings.Split(sel, ",") {
			sels = append(sels, strings.Join(strings.Fields(s), " "))
		}
		rules = append(rules, rule{sels, strings.Split(body, ";")})
	}
	decl := func(d string) (string, string) {
		k, v, _ := strings.Cut(d, ":")
		return strings.TrimSpace(k), strings.TrimSpace(v)
	}
	for _, r := range rules {
		if len(r.sels) == 1 && r.sels[0] == ":root" {
			for _, d := range r.body {
				if k, v := decl(d); strings.HasPrefix(k, "--") {
					vars[k] = v
				}
			}
		}
	}
	resolve := func(v string) string {
		return regexp.MustCompile(`var\((--[a-z0-9-]+)\)`).ReplaceAllStringFunc(v, func(m string) string {
			return vars[m[4:len(m)-1]]
		})
	}
	for _, r := range rules {
		for _, s := range r.sels {
			for _, d := range r.body {
				k, v := decl(d)
				switch {
				case mapRule.MatchString(s) && k == "fill":
					f.class[s[1:]] = resolve(v)
				case s == ".map path" && k == "stroke":
					f.stroke = resolve(v)
				case s == ".map path" && k == "stroke-width":
					f.width = v
				}
			}
		}
	}
	return f
}

// classAttr finds the class attributes of the patterns' shapes, to give each its fill.
var classAttr = regexp.MustCompile(`class="([a-z0-9-]+)"`)

// filledPatterns are the site's patterns (partials.html) with the stylesheet's colours
// written into them as fill attributes, for SVG files that have no stylesheet, and the map's
// fills.
func (r *renderer) filledPatterns() (string, *mapFills, error) {
	if r.fills == nil {
		css, err := r.layout(model.AssetsDir + "atlas.css")
		if err != nil {
			return "", nil, err
		}
		r.fills = readFills(string(css))
		// A site's own stylesheet may leave a class out: the file takes the built-in colour
		// rather than none.
		base, err := fs.ReadFile(builtin, "layouts/"+model.AssetsDir+"atlas.css")
		if err != nil {
			return "", nil, err
		}
		for c, v := range readFills(string(base)).class {
			if r.fills.class[c] == "" {
				r.fills.class[c] = v
			}
		}
	}
	fills := r.fills
	t, err := r.template("home.html")
	if err != nil {
		return "", nil, err
	}
	var pat bytes.Buffer
	if err := t.ExecuteTemplate(&pat, "patterns", nil); err != nil {
		return "", nil, err
	}
	patterns := classAttr.ReplaceAllStringFunc(pat.String(), func(a string) string {
		c := classAttr.FindStringSubmatch(a)[1]
		if v := fills.class[c]; v != "" {
			return fmt.Sprintf(`fill="%s"`, template.HTMLEscapeString(v))
		}
		return a
	})
	return patterns, fills, nil
}

// mapFileSVG writes the standalone SVG of the map m (as the page shows it) whose page has
// the absolute URL page. about is a line on where it comes from and its data's dates.
func (r *renderer) mapFileSVG(m *MapView, about string) ([]byte, error) {
	patterns, fills, err := r.filledPatterns()
	if err != nil {
		return nil, err
	}
	esc := template.HTMLEscapeString
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s" width="%d" height="%d">`+"\n", esc(m.ViewBox), m.Width, m.Height)
	fmt.Fprintf(&b, "<title>%s</title>\n<desc>%s</desc>\n", esc(m.Title), esc(about))
	b.WriteString(patterns + "\n")
	if vb := strings.Fields(m.ViewBox); len(vb) == 4 {
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#fff"/>`+"\n", vb[0], vb[1], vb[2], vb[3])
	}
	fmt.Fprintf(&b, `<g stroke="%s" stroke-width="%s" fill-rule="evenodd">`+"\n", esc(fills.stroke), esc(fills.width))
	for _, sh := range m.Shapes {
		// A class without a fill would be drawn in some default colour, not as the page
		// shows it: that is the stylesheet's or mapRule's fault, not the data's.
		fill := fills.class[sh.Class]
		if fill == "" {
			return nil, fmt.Errorf("standalone map %q: the stylesheet gives class %q no fill", m.Title, sh.Class)
		}
		fmt.Fprintf(&b, `<path fill="%s" d="%s"><title>%s: %s</title></path>`+"\n", esc(fill), esc(sh.Path), esc(sh.Name), esc(sh.Status))
		if sh.Older {
			fmt.Fprintf(&b, `<path fill="%s" d="%s"/>`+"\n", esc(fills.class[string(status.Older)]), esc(sh.Path))
		}
	}
	b.WriteString("</g>\n</svg>\n")
	return b.Bytes(), nil
}

// writeMapSVG writes the standalone SVG of the map m shown on the page at site path page
// (without the language's folder), once, in the first language: the file serves every
// language's page. It returns the file's site path.
func (r *renderer) writeMapSVG(page string, m *MapView) (string, error) {
	p := model.MapSVGPath(page)
	if m == nil {
		return "", nil
	}
	if r.loc != r.locs[0] {
		return p, nil
	}
	b, err := r.mapFileSVG(m, r.mapAbout(page))
	if err != nil {
		return "", err
	}
	r.out.put(p, b)
	return p, nil
}

// mapAbout is the <desc> of the map file of the page at site path page: where it comes from
// and its data's dates.
func (r *renderer) mapAbout(page string) string {
	site := r.loc.Local(r.a.Site.Config.TitleEn, r.a.Site.Config.Title).Value
	return site + ", " + r.abs(page) + ". " + r.dataDates() + "."
}

// mapFileName is the name a map file at site path p is saved under: its path with the
// folders joined by "-", without its extension ("tinh-14-nam-2020-map").
func mapFileName(p string) string {
	return strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(p, model.DataDir), path.Ext(p)), "/", "-")
}
