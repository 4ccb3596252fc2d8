package card

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/ntm-atlas/atlas/internal/carto"
	"github.com/ntm-atlas/atlas/internal/topo"
	"golang.org/x/image/vector"
)

// Stroke widths in card pixels.
const (
	borderWidth = 0.8 // white borders between units, as on the site's map
	haloWidth   = 6   // white halo under the focused unit's outline
	focusWidth  = 3   // the focused unit's dark outline
)

// transform places map coordinates in the card's map box.
type transform struct {
	scale, dx, dy float64
}

func (t transform) at(p topo.Point) (float32, float32) {
	return float32(float64(p.X)*t.scale + t.dx), float32(float64(p.Y)*t.scale + t.dy)
}

// A Base is a card's map drawn once for many cards: every unit filled by its class, with the
// white borders between them, but no unit outlined. The cards of one province's units differ
// only in the unit outlined, so they share one Base, and drawing a card copies it.
type Base struct {
	m       *carto.Map
	classes map[string]string
	once    sync.Once
	img     *image.RGBA // the map box, its origin at the box's top left
	t       transform
}

// NewBase returns the base of cards of map m with units of the given classes. It is drawn
// when a card first needs it, once, and is safe for concurrent use.
func NewBase(m *carto.Map, classes map[string]string) *Base {
	return &Base{m: m, classes: classes}
}

// drawn returns b, drawn.
func (b *Base) drawn() *Base {
	b.once.Do(b.draw)
	return b
}

func (b *Base) draw() {
	m, classes := b.m, b.classes
	b.img = image.NewRGBA(image.Rect(0, 0, mapSize, mapSize))
	draw.Draw(b.img, b.img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	if m.Width <= 0 || m.Height <= 0 {
		return
	}
	s := math.Min(float64(mapSize)/float64(m.Width), float64(mapSize)/float64(m.Height))
	b.t = transform{scale: s, dx: (float64(mapSize) - s*float64(m.Width)) / 2, dy: (float64(mapSize) - s*float64(m.Height)) / 2}
	pt := newPainter(b.img, image.Point{})
	pt.phase = image.Pt(margin, margin) // patterns aligned as on the card
	byClass := map[string][]int{}
	for i, sh := range m.Shapes {
		byClass[classes[sh.Code]] = append(byClass[classes[sh.Code]], i)
	}
	names := make([]string, 0, len(byClass))
	for k := range byClass {
		names = append(names, k)
	}
	sort.Strings(names) // the same drawing order every time, for byte-identical cards
	for _, class := range names {
		base, older := strings.CutSuffix(class, olderSuffix)
		for _, src := range []image.Image{fill(base), olderMark} {
			if src == olderMark && !older {
				continue
			}
			pt.z.Reset(mapSize, mapSize)
			for _, i := range byClass[class] {
				for _, poly := range m.Shapes[i].Polygons {
					for _, r := range poly {
						fillRing(pt.z, b.t, r)
					}
				}
			}
			pt.paint(src)
		}
	}
	pt.z.Reset(mapSize, mapSize)
	for _, sh := range m.Shapes {
		strokeShape(pt.z, b.t, sh.Polygons, borderWidth)
	}
	pt.paint(image.NewUniform(paper))
	pt.release()
}

// painter rasterizes paths into an alpha mask and paints a fill through it onto img, the
// mask's origin at off.
type painter struct {
	img   *image.RGBA
	off   image.Point
	phase image.Point // added to img's coordinates where a pattern is sampled
	z     *vector.Rasterizer
	mask  *image.Alpha
}

func newPainter(img *image.RGBA, off image.Point) *painter {
	p, _ := painters.Get().(*painter)
	if p == nil {
		p = &painter{z: vector.NewRasterizer(mapSize, mapSize), mask: image.NewAlpha(image.Rect(0, 0, mapSize, mapSize))}
	}
	p.img, p.off, p.phase = img, off, image.Point{}
	return p
}

// release returns p to painters once its caller is done with it.
func (p *painter) release() {
	p.img = nil
	painters.Put(p)
}

// painters are reused: a painter's rasterizer and mask are over a megabyte, and every card
// needs one.
var painters sync.Pool

func (p *painter) paint(src image.Image) {
	clear(p.mask.Pix)
	p.z.Draw(p.mask, p.mask.Bounds(), image.Opaque, image.Point{})
	composite(p.img, p.off, p.phase, p.mask, src)
}

// drawMap draws c's map in the map box at (margin, margin): its base, then the focused
// unit's outline over a white halo.
func drawMap(img *image.RGBA, c *Card) {
	b := c.Base
	if b == nil {
		b = NewBase(c.Map, c.Classes)
	}
	b = b.drawn()
	box := image.Rect(margin, margin, margin+mapSize, margin+mapSize)
	draw.Draw(img, box, b.img, image.Point{}, draw.Src)
	if c.Focus == "" || c.Map.Width <= 0 || c.Map.Height <= 0 {
		return
	}
	pt := newPainter(img, box.Min)
	defer pt.release()
	for _, sh := range c.Map.Shapes {
		if sh.Code != c.Focus {
			continue
		}
		pt.z.Reset(mapSize, mapSize)
		strokeShape(pt.z, b.t, sh.Polygons, haloWidth)
		pt.paint(image.NewUniform(paper))
		pt.z.Reset(mapSize, mapSize)
		strokeShape(pt.z, b.t, sh.Polygons, focusWidth)
		pt.paint(image.NewUniform(ink))
	}
}

// composite paints src over img through mask, whose origin is at off in img; src is sampled
// at img's coordinates plus phase. Rasterizing
// into an alpha mask and blending here is many times faster than the rasterizer's own
// drawing with a pattern as the source, which goes through draw.DrawMask's generic path.
func composite(img *image.RGBA, off, phase image.Point, mask *image.Alpha, src image.Image) {
	b := mask.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := mask.Pix[y*mask.Stride : y*mask.Stride+b.Dx()]
		for x, a := range row {
			if a == 0 {
				continue
			}
			px, py := x+off.X, y+off.Y
			c := src.At(px+phase.X, py+phase.Y).(color.RGBA) // every fill is opaque RGBA, or transparent where a hatch leaves it
			if c.A == 0 {
				continue
			}
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
