package card

import (
	"image"
	"image/color"
)

// fills are the status classes' fills, in the colours atlas.css gives them (a test checks
// it): a flat colour per rank, and for the derived classes the stripes and dots of its SVG
// patterns, scaled for a small map.
var fills = map[string]image.Image{
	"rank-0":      image.NewUniform(rgb(0xffffcc)),
	"rank-1":      image.NewUniform(rgb(0xc7e9b4)),
	"rank-2":      image.NewUniform(rgb(0x41b6c4)),
	"rank-3":      image.NewUniform(rgb(0x2c7fb8)),
	"rank-4":      image.NewUniform(rgb(0x253494)),
	"rank-5":      image.NewUniform(rgb(0x081d58)),
	"former-all":  stripes{bg: rgb(0x41b6c4), fg: rgb(0x253494), period: 8, width: 2, dir: 1},
	"former-some": stripes{bg: rgb(0xf4fbfc), fg: rgb(0x2c7fb8), period: 8, width: 2, dir: -1},
	"area-all":    checker{bg: rgb(0x41b6c4), fg: rgb(0x253494), size: 4},
	"area-some":   checker{bg: rgb(0xf4fbfc), fg: rgb(0x2c7fb8), size: 4},
	"no-data":     dots{bg: rgb(0xeeeeee), fg: rgb(0x767676), period: 8, r2: 2},
	"not-covered": image.NewUniform(rgb(0xd4d4d4)),
	// The national map's classes: the share of communes meeting the standard, a count
	// without its total (stripes), figures for parts of a province (a checkerboard), every
	// commune by a province-wide recognition (a checkerboard of the darkest greens).
	"share-1":    image.NewUniform(rgb(0xffffcc)),
	"share-2":    image.NewUniform(rgb(0xc2e699)),
	"share-3":    image.NewUniform(rgb(0x78c679)),
	"share-4":    image.NewUniform(rgb(0x31a354)),
	"share-5":    image.NewUniform(rgb(0x006837)),
	"count-only": stripes{bg: rgb(0xffffff), fg: rgb(0x31a354), period: 8, width: 2, dir: 1},
	"parts":      checker{bg: rgb(0xffffff), fg: rgb(0x31a354), size: 4},
	"complete":   checker{bg: rgb(0x31a354), fg: rgb(0x006837), size: 4},
}

// olderMark is the hatch drawn over a province whose figure is older data (a class with the
// suffix " older"): muted stripes, the fill showing between them.
var olderMark = hatch{fg: muted, period: 8, width: 2, dir: -1}

// olderSuffix marks a class whose unit is drawn with olderMark over its fill.
const olderSuffix = " older"

// unknown fills a unit whose class has no fill.
var unknown = image.NewUniform(unknownColour)

var unknownColour = rgb(0xd9d9d9)

// fill returns the fill of class.
func fill(class string) image.Image {
	if f, ok := fills[class]; ok {
		return f
	}
	return unknown
}

// everywhere is the bounds of an infinite pattern.
var everywhere = image.Rect(-1<<30, -1<<30, 1<<30, 1<<30)

// stripes are diagonal stripes: fg, width pixels wide, every period pixels; dir 1 runs them
// from bottom left to top right, -1 from top left to bottom right.
type stripes struct {
	bg, fg        color.RGBA
	period, width int
	dir           int
}

func (s stripes) ColorModel() color.Model { return color.RGBAModel }
func (s stripes) Bounds() image.Rectangle { return everywhere }
func (s stripes) At(x, y int) color.Color {
	t := (x + s.dir*y) % s.period
	if t < 0 {
		t += s.period
	}
	if t < s.width {
		return s.fg
	}
	return s.bg
}

// dots are fg dots of squared radius r2 on a square grid of period pixels.
type dots struct {
	bg, fg color.RGBA
	period int
	r2     int
}

func (d dots) ColorModel() color.Model { return color.RGBAModel }
func (d dots) Bounds() image.Rectangle { return everywhere }
func (d dots) At(x, y int) color.Color {
	dx, dy := mod(x, d.period)-d.period/2, mod(y, d.period)-d.period/2
	if dx*dx+dy*dy <= d.r2 {
		return d.fg
	}
	return d.bg
}

func mod(a, n int) int {
	a %= n
	if a < 0 {
		a += n
	}
	return a
}

// checker is a checkerboard of fg and bg squares, size pixels on a side.
type checker struct {
	bg, fg color.RGBA
	size   int
}

func (c checker) ColorModel() color.Model { return color.RGBAModel }
func (c checker) Bounds() image.Rectangle { return everywhere }
func (c checker) At(x, y int) color.Color {
	if (mod(x, 2*c.size) < c.size) == (mod(y, 2*c.size) < c.size) {
		return c.fg
	}
	return c.bg
}

// hatch is stripes drawn over a fill: fg on its stripes, and transparent between them, where
// composite leaves the fill as it is.
type hatch struct {
	fg            color.RGBA
	period, width int
	dir           int
}

func (h hatch) ColorModel() color.Model { return color.RGBAModel }
func (h hatch) Bounds() image.Rectangle { return everywhere }
func (h hatch) At(x, y int) color.Color {
	if mod(x+h.dir*y, h.period) < h.width {
		return h.fg
	}
	return color.RGBA{}
}
