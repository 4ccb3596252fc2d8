package card

import (
	"image"
	"image/color"
	"math"
	"sort"

	"github.com/ntm-atlas/atlas/internal/topo"
	"golang.org/x/image/vector"
)

// Stroke widths in card pixels.
const (
	borderWidth = 1.2 // white borders between units, as on the site's map
	haloWidth   = 12  // white halo under the focused unit's outline
	focusWidth  = 6   // the focused unit's dark outline
)

// transform places map coordinates in the card's map box.
type transform struct {
	scale, dx, dy float64
}

func (t transform) at(p topo.Point) (float32, float32) {
	return float32(float64(p.X)*t.scale + t.dx), float32(float64(p.Y)*t.scale + t.dy)
}

// drawMap draws c's map centred in box: each class's units in one pass of the rasterizer
// (units do not overlap), then the white borders, then the focused unit's outline.
func drawMap(img *image.RGBA, box image.Rectangle, c *Card) {
	m := c.Map
	if m.Width <= 0 || m.Height <= 0 {
		return
	}
	s := math.Min(float64(box.Dx())/float64(m.Width), float64(box.Dy())/float64(m.Height))
	// The rasterizer works in box coordinates: its (0, 0) is box.Min.
	t := transform{scale: s, dx: (float64(box.Dx()) - s*float64(m.Width)) / 2, dy: (float64(box.Dy()) - s*float64(m.Height)) / 2}
	z := vector.NewRasterizer(box.Dx(), box.Dy())
	mask := image.NewAlpha(image.Rect(0, 0, box.Dx(), box.Dy()))
	paint := func(src image.Image) {
		clear(mask.Pix)
		z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
		composite(img, box.Min, mask, src)
	}

	byClass := map[string][]int{}
	for i, sh := range m.Shapes {
		byClass[c.Classes[sh.Code]] = append(byClass[c.Classes[sh.Code]], i)
	}
	classes := make([]string, 0, len(byClass))
	for k := range byClass {
		classes = append(classes, k)
	}
	sort.Strings(classes) // the same drawing order every time, for byte-identical cards
	for _, class := range classes {
		z.Reset(box.Dx(), box.Dy())
		for _, i := range byClass[class] {
			for _, poly := range m.Shapes[i].Polygons {
				for _, r := range poly {
					fillRing(z, t, r)
				}
			}
		}
		paint(fill(class))
	}

	z.Reset(box.Dx(), box.Dy())
	for _, sh := range m.Shapes {
		strokeShape(z, t, sh.Polygons, borderWidth)
	}
	paint(image.NewUniform(paper))

	for _, sh := range m.Shapes {
		if sh.Code != c.Focus || c.Focus == "" {
			continue
		}
		z.Reset(box.Dx(), box.Dy())
		strokeShape(z, t, sh.Polygons, haloWidth)
		paint(image.NewUniform(paper))
		z.Reset(box.Dx(), box.Dy())
		strokeShape(z, t, sh.Polygons, focusWidth)
		paint(image.NewUniform(ink))
	}
}

// composite paints src over img through mask, whose origin is at off in img. Rasterizing
// into an alpha mask and blending here is many times faster than the rasterizer's own
// drawing with a pattern as the source, which goes through draw.DrawMask's generic path.
func composite(img *image.RGBA, off image.Point, mask *image.Alpha, src image.Image) {
	b := mask.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := mask.Pix[y*mask.Stride : y*mask.Stride+b.Dx()]
		for x, a := range row {
			if a == 0 {
				continue
			}
			px, py := x+off.X, y+off.Y
			c := src.At(px, py).(color.RGBA) // every fill is opaque RGBA
			i := img.PixOffset(px, py)
			d := img.Pix[i : i+4 : i+4]
			if a == 0xff {
				d[0], d[1], d[2], d[3] = c.R, c.G, c.B, 0xff
				continue
			}
			// Over an opaque image: d = c·a + d·(1-a), rounded.
			k := uint32(a)
			d[0] = uint8((uint32(c.R)*k + uint32(d[0])*(255-k) + 127) / 255)
			d[1] = uint8((uint32(c.G)*k + uint32(d[1])*(255-k) + 127) / 255)
			d[2] = uint8((uint32(c.B)*k + uint32(d[2])*(255-k) + 127) / 255)
		}
	}
}

// fillRing adds ring r to z's path. Outer rings and holes wind in opposite directions, so
// the rasterizer's winding sum leaves holes empty.
func fillRing(z *vector.Rasterizer, t transform, r topo.Ring) {
	if len(r) < 3 {
		return
	}
	z.MoveTo(t.at(r[0]))
	for _, p := range r[1:] {
		z.LineTo(t.at(p))
	}
	z.ClosePath()
}

// strokeShape adds the outline of polygons, width pixels wide, to z's path: a rectangle along
// each segment and an octagon at each vertex for a round-looking join. All of them wind the
// same way, so where they overlap the rasterizer's coverage saturates instead of cancelling.
func strokeShape(z *vector.Rasterizer, t transform, polys []topo.Polygon, width float64) {
	hw := width / 2
	for _, poly := range polys {
		for _, r := range poly {
			for i := 0; i+1 < len(r); i++ {
				ax, ay := t.at(r[i])
				bx, by := t.at(r[i+1])
				segment(z, float64(ax), float64(ay), float64(bx), float64(by), hw)
				joint(z, float64(ax), float64(ay), hw)
			}
		}
	}
}

// segment adds the rectangle of half-width hw around a→b, wound clockwise on the screen.
func segment(z *vector.Rasterizer, ax, ay, bx, by, hw float64) {
	dx, dy := bx-ax, by-ay
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*hw, dx/l*hw
	z.MoveTo(float32(ax+nx), float32(ay+ny))
	z.LineTo(float32(bx+nx), float32(by+ny))
	z.LineTo(float32(bx-nx), float32(by-ny))
	z.LineTo(float32(ax-nx), float32(ay-ny))
	z.ClosePath()
}

// joint adds an octagon of radius r around (x, y), wound like segment's rectangles.
func joint(z *vector.Rasterizer, x, y, r float64) {
	for k := 0; k < 8; k++ {
		a := -float64(k) * math.Pi / 4
		px, py := float32(x+r*math.Cos(a)), float32(y+r*math.Sin(a))
		if k == 0 {
			z.MoveTo(px, py)
		} else {
			z.LineTo(px, py)
		}
	}
	z.ClosePath()
}
