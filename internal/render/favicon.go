package render

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"

	"golang.org/x/image/vector"

	"github.com/ntm-atlas/atlas/internal/model"
)

// The site's icon: layouts/favicon.svg (a site's own replaces it) at model.FaviconSVG, which
// pages link, and the same drawing as a 32×32 PNG inside an ICO at model.FaviconICO, for the
// browsers and tools that ask for /favicon.ico whatever the page says.

// favicons writes the icon files, once, for every language.
func (r *renderer) favicons() error {
	svg, err := r.layout("favicon.svg")
	if err != nil {
		return err
	}
	r.out.put(model.FaviconSVG, svg)
	r.out.put(model.FaviconICO, faviconICO())
	return nil
}

// faviconICO draws the built-in icon — a dark green square with rounded corners and a white
// tick — at 32×32 and wraps its PNG in an ICO file (one image, PNG-compressed, as every
// browser since 2010 reads).
func faviconICO() []byte {
	const n = 32
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	paint := func(z *vector.Rasterizer, c color.RGBA) {
		mask := image.NewAlpha(img.Bounds())
		z.Draw(mask, mask.Bounds(), image.Opaque, image.Point{})
		draw.DrawMask(img, img.Bounds(), image.NewUniform(c), image.Point{}, mask, image.Point{}, draw.Over)
	}
	// The square, its corners rounded with a radius of 6.
	z := vector.NewRasterizer(n, n)
	const rr = 6
	corner := func(cx, cy, from float64) {
		for k := 0; k <= 8; k++ {
			a := from + float64(k)*math.Pi/16
			z.LineTo(float32(cx+rr*math.Cos(a)), float32(cy+rr*math.Sin(a)))
		}
	}
	z.MoveTo(rr, 0)
	corner(n-rr, rr, -math.Pi/2)
	corner(n-rr, n-rr, 0)
	corner(rr, n-rr, math.Pi/2)
	corner(rr, rr, math.Pi)
	z.ClosePath()
	paint(z, color.RGBA{0x00, 0x68, 0x37, 0xff})
	// The tick: the path M8 17 l6 6 11-13, 4 wide, as quadrilaterals along its two legs
	// and a square at the joint.
	z = vector.NewRasterizer(n, n)
	leg := func(ax, ay, bx, by float64) {
		dx, dy := bx-ax, by-ay
		l := math.Hypot(dx, dy)
		nx, ny := -dy/l*2, dx/l*2
		z.MoveTo(float32(ax+nx), float32(ay+ny))
		z.LineTo(float32(bx+nx), float32(by+ny))
		z.LineTo(float32(bx-nx), float32(by-ny))
		z.LineTo(float32(ax-nx), float32(ay-ny))
		z.ClosePath()
	}
	leg(8, 17, 14, 23)
	leg(14, 23, 25, 10)
	paint(z, color.RGBA{0xff, 0xff, 0xff, 0xff})

	var pngBytes bytes.Buffer
	png.Encode(&pngBytes, img)
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, [3]uint16{0, 1, 1}) // reserved, type icon, one image
	b.Write([]byte{n, n, 0, 0})                               // width, height, no palette, reserved
	binary.Write(&b, binary.LittleEndian, [2]uint16{1, 32})   // colour planes, bits per pixel
	binary.Write(&b, binary.LittleEndian, [2]uint32{uint32(pngBytes.Len()), 6 + 16})
	b.Write(pngBytes.Bytes())
	return b.Bytes()
}
