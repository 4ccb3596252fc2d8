// Package diffmap draws a province's map before and after a change side by side, in the
// colours of the site's maps, with the units whose class changes outlined: a picture of the
// change small enough to attach to its review. The province's shapes are drawn once (a build's
// carto.Map) and used by both sides.
package diffmap

import (
	"bytes"
	"fmt"
	"html"
	"sort"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/status"
)

// Map is what a before-and-after map shows.
type Map struct {
	Title    string     // the province's name
	Old, New string     // what each side is: "origin/main (a3fa91d)", "the working tree"
	Shapes   *carto.Map // the province's map, as a build draws it
	// OldClass and NewClass are each unit's class before and after the change, by code; a
	// unit missing from one is drawn without a fill there.
	OldClass, NewClass map[string]status.Class
	Names              map[string]string // each unit's name, by code
	Changed            []string          // the codes of the units to outline
	// Words says a class in words, for the legend; nil leaves the class's name.
	Words func(status.Class) string
}

// Width is the width at which a before-and-after map is shown, in CSS pixels.
const Width = 960

// maxLabels is the most changed units whose names are written on the map: more would hide it.
const maxLabels = 12

// SVG draws m as a standalone SVG document.
func SVG(m Map) []byte {
	sh := m.Shapes
	px := max(1, sh.Precision) // SVG units a pixel of the map as drawn
	gap, pad, header, row := 24*px, 8*px, 40*px, 22*px
	classes := usedClasses(m)
	width, height := 2*sh.Width+gap, header+sh.Height+pad+len(classes)*row+pad
	changed := map[string]bool{}
	for _, c := range m.Changed {
		changed[c] = true
	}
	esc := html.EscapeString
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" font-family="sans-serif">`+"\n",
		width, height, Width, height*Width/width)
	fmt.Fprintf(&b, "<title>%s: %s → %s</title>\n", esc(m.Title), esc(m.Old), esc(m.New))
	b.WriteString("<defs>\n" + patterns + "\n")
	for _, s := range sh.Shapes {
		fmt.Fprintf(&b, `<path id="u%s" d="%s"/>`+"\n", esc(s.Code), esc(s.Path))
	}
	b.WriteString("</defs>\n")
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d" font-weight="bold">%s</text>`+"\n", pad, 16*px, 15*px, esc(m.Title))
	side := func(x int, label string, class map[string]status.Class) {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d">%s</text>`+"\n", x+pad, 34*px, 12*px, esc(label))
		fmt.Fprintf(&b, `<g transform="translate(%d %d)" stroke="#fff" stroke-width="%d" fill-rule="evenodd">`+"\n", x, header, max(1, px/2))
		for _, s := range sh.Shapes {
			c, ok := class[s.Code]
			fill := "none"
			if ok {
				fill = fillOf(c)
			}
			fmt.Fprintf(&b, `<use href="#u%s" fill="%s"><title>%s: %s</title></use>`+"\n", esc(s.Code), fill, esc(m.Names[s.Code]), esc(m.words(c)))
		}
		for _, s := range sh.Shapes {
			if changed[s.Code] {
				fmt.Fprintf(&b, `<use href="#u%s" fill="none" stroke="#000" stroke-width="%d"/>`+"\n", esc(s.Code), 5*px/2)
			}
		}
		b.WriteString("</g>\n")
	}
	side(0, m.Old, m.OldClass)
	side(sh.Width+gap, m.New, m.NewClass)
	// The names of the changed units, on the side after the change, when there are few.
	if len(m.Changed) <= maxLabels {
		for _, s := range sh.Shapes {
			if changed[s.Code] {
				fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d" text-anchor="middle" paint-order="stroke" stroke="#fff" stroke-width="%d">%s</text>`+"\n",
					sh.Width+gap+int(s.Label[0]), header+int(s.Label[1]), 11*px, 3*px, esc(m.Names[s.Code]))
			}
		}
	}
	y := header + sh.Height + pad
	for _, c := range classes {
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#767676" stroke-width="%d"/>`, pad, y, 24*px, 14*px, fillOf(c), max(1, px/10))
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d">%s</text>`+"\n", pad+30*px, y+12*px, 12*px, esc(m.words(c)))
		y += row
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

func (m Map) words(c status.Class) string {
	if m.Words == nil || c == "" {
		return string(c)
	}
	return m.Words(c)
}

// usedClasses are the classes either side shows, in the legend's order: the ranks, highest
// first, then the others.
func usedClasses(m Map) []status.Class {
	seen := map[status.Class]bool{}
	for _, s := range m.Shapes.Shapes {
		for _, cl := range []map[string]status.Class{m.OldClass, m.NewClass} {
			if c, ok := cl[s.Code]; ok {
				seen[c] = true
			}
		}
	}
	var out []status.Class
	for c := range seen {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return order(out[i]) < order(out[j]) })
	return out
}

func order(c status.Class) int {
	for r := 9; r >= 0; r-- {
		if c == status.RankClass(r) {
			return 9 - r
		}
	}
	for i, x := range []status.Class{status.FormerAll, status.AreaAll, status.FormerSome, status.AreaSome, status.NotCovered, status.NoData} {
		if c == x {
			return 10 + i
		}
	}
	return 20
}

// fills are the fills of the classes: the colours of the site's stylesheet (atlas.css), and
// its patterns for the classes of units without an assessment of their own (a test checks
// both).
var fills = map[status.Class]string{
	status.RankClass(0): "#ffffcc",
	status.RankClass(1): "#c7e9b4",
	status.RankClass(2): "#41b6c4",
	status.RankClass(3): "#2c7fb8",
	status.RankClass(4): "#253494",
	status.RankClass(5): "#081d58",
	status.FormerAll:    "url(#pat-former-all)",
	status.FormerSome:   "url(#pat-former-some)",
	status.AreaAll:      "url(#pat-area-all)",
	status.AreaSome:     "url(#pat-area-some)",
	status.NoData:       "url(#pat-no-data)",
	status.NotCovered:   "#d4d4d4",
}

func fillOf(c status.Class) string {
	if f, ok := fills[c]; ok {
		return f
	}
	return "#d9d9d9"
}

// patterns are the site's map patterns (render/layouts/partials.html) with the colours of
// atlas.css written in, as the site's standalone maps have them.
const patterns = `<pattern id="pat-former-all" width="56.57" height="56.57" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="56.57" height="56.57" fill="#41b6c4"/><rect width="14.14" height="56.57" fill="#253494"/></pattern>
<pattern id="pat-former-some" width="56.57" height="56.57" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="56.57" height="56.57" fill="#f4fbfc"/><rect width="14.14" height="56.57" fill="#2c7fb8"/></pattern>
<pattern id="pat-area-all" width="60" height="60" patternUnits="userSpaceOnUse"><rect width="60" height="60" fill="#41b6c4"/><rect width="30" height="30" fill="#253494"/><rect x="30" y="30" width="30" height="30" fill="#253494"/></pattern>
<pattern id="pat-area-some" width="60" height="60" patternUnits="userSpaceOnUse"><rect width="60" height="60" fill="#f4fbfc"/><rect width="30" height="30" fill="#2c7fb8"/><rect x="30" y="30" width="30" height="30" fill="#2c7fb8"/></pattern>
<pattern id="pat-no-data" width="30" height="30" patternUnits="userSpaceOnUse"><rect width="30" height="30" fill="#eeeeee"/><circle cx="15" cy="15" r="5" fill="#767676"/></pattern>`
