// Package card draws share cards: 600×315 PNG images of a province map with one unit
// highlighted, beside the unit's name and status, for og:image and twitter:image.
package card

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"slices"
	"sync"

	"github.com/ntm-atlas/atlas/internal/carto"
)

// Size of a card in pixels: 1.91:1, the shape Facebook, LinkedIn and X show large, and
// the 600×315 Facebook and LinkedIn ask for at least (X's summary_large_image takes it). It
// was 1200×630, then 900×472; previews show a card about 500 pixels wide, so a smaller
// card loses nothing there, and each pixel less is bytes and compression time less.
const (
	Width  = 600
	Height = 315
)

// Version names the card's layout, palette and fonts. Change it whenever Draw's output for
// the same Card may change: builds use it in the key of their card cache.
const Version = "card-7/" + fontVersion

// Card is what one share card shows. Texts are drawn as given, in NFC; the caller translates them.
type Card struct {
	// Map is the province map drawn on the left; nil leaves the left side empty.
	Map *carto.Map
	// Base, when set, is NewBase(Map, Classes), drawn once for all the cards of Map.
	Base *Base
	// Classes are the status classes of the map's units by code, as atlas.css names them:
	// "rank-0" … "rank-5", "former-all", "former-some", "area-all", "area-some", "no-data"; on the national map the
	// provinces' "share-1" … "share-5", "count-only", "parts", each followed by " older"
	// when its figure is older data (hatched over).
	Classes map[string]string
	// Focus is the code of the unit outlined on the map; "" outlines none.
	Focus string
	// Site is the site's title, drawn small at the top.
	Site string
	// Title is the unit's or province's name, drawn large and wrapped.
	Title string
	// Subtitle says what the unit is: its type and province.
	Subtitle string
	// Status is the status in words; StatusClass, when set, puts a swatch of that class
	// before it.
	Status      string
	StatusClass string
	// Status2 is the status in a second language, drawn smaller under Status, so that one
	// card serves the pages of both languages; "" draws none.
	Status2 string
	// Footer is drawn small at the bottom: the site's host name.
	Footer string
}

// Layout of the card, in pixels.
const (
	margin   = 15
	mapSize  = Height - 2*margin // the map fits a square mapSize on a side, at margin from the top left
	textLeft = 320
	textW    = Width - textLeft - 20
)

// Draw draws c on a new image.
func Draw(c *Card) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	drawOn(img, c)
	return img
}

// drawOn draws c over the whole of img, a Width×Height image, whatever it held.
func drawOn(img *image.RGBA, c *Card) {
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, Width, 4), image.NewUniform(accent), image.Point{}, draw.Src)
	if c.Map != nil {
		drawMap(img, c)
	}
	drawText(img, c)
}

// PNG draws c and encodes it as a paletted PNG of at most 16 colours, 4 bits a pixel: every
// pixel takes the nearest colour of the card's palette (cardPalette), which holds the colours
// the card draws and the anti-aliased blends between them that its edges and text make, and
// then the nearest of the 16 colours reduce keeps for this card. A card is about 12 KB.
func PNG(c *Card) ([]byte, error) {
	img := rgbaPool.Get().(*image.RGBA)
	defer rgbaPool.Put(img)
	drawOn(img, c)
	pal := palettedPool.Get().(*image.Paletted)
	defer palettedPool.Put(pal)
	quantize(pal, img)
	reduce(pal)
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	var buf bytes.Buffer
	if err := encodePNG(&buf, pal, zw); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// A card's images and its compressor are megabytes each; a build draws thousands of cards,
// so they are reused rather than left to the garbage collector, which otherwise ran a cycle
// every few dozen cards.
var (
	rgbaPool     = sync.Pool{New: func() any { return image.NewRGBA(image.Rect(0, 0, Width, Height)) }}
	palettedPool = sync.Pool{New: func() any { return image.NewPaletted(image.Rect(0, 0, Width, Height), cardPalette) }}
)

// quantize maps img onto out, of cardPalette and img's bounds. Most pixels repeat their left
// neighbour's colour, and a card has a few thousand distinct colours, so each is looked up
// once and kept in a small direct-mapped table: a map lookup on every change of colour cost
// more than all the rest of quantizing.
func quantize(out *image.Paletted, img *image.RGBA) {
	b := img.Bounds()
	const bits = 12
	var seen [1 << bits]struct {
		key uint32 // the colour as 0xBBGGRR with bit 24 set; 0 is an empty slot
		idx uint8
	}
	var last uint32 // no colour: every key has bit 24 set
	var lastIdx uint8
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		dst := out.Pix[out.PixOffset(b.Min.X, y):]
		dst = dst[:len(row)/4]
		for x := range dst {
			k := binary.LittleEndian.Uint32(row[4*x:])&0xffffff | 1<<24
			if k != last {
				e := &seen[(k*0x9e3779b1)>>(32-bits)]
				if e.key != k {
					e.key, e.idx = k, nearest([3]uint8{uint8(k), uint8(k >> 8), uint8(k >> 16)})
				}
				last, lastIdx = k, e.idx
			}
			dst[x] = lastIdx
		}
	}
}

// nearest returns the index of the palette colour nearest c.
func nearest(c [3]uint8) uint8 {
	return nearestOf(color.RGBA{c[0], c[1], c[2], 0xff}, cardPalette)
}

// maxColours is how many colours a card keeps: encodePNG writes a palette of up to 16 at 4
// bits a pixel, half the bytes of 8 to compress.
const maxColours = 16

// reduce rewrites p, whose pixels index cardPalette, to a palette of at most maxColours of
// those colours. It keeps the colours the card draws (baseColours: paper, text, fills and
// patterns) that it uses, the most used first, then the most used of the blends, and gives
// every other pixel the nearest colour kept. A card uses about 60 colours, of which a dozen
// are drawn ones; the blends dropped are the rarer shades of edges, whose pixels take the
// next shade kept. The result depends on the pixels alone, so a card is always the same bytes.
func reduce(p *image.Paletted) {
	var count [256]int
	for _, v := range p.Pix {
		count[v]++
	}
	used := make([]int, 0, len(cardPalette))
	for i := range cardPalette {
		if count[i] > 0 {
			used = append(used, i)
		}
	}
	slices.SortStableFunc(used, func(a, b int) int {
		if (a < baseColours) != (b < baseColours) {
			if a < baseColours {
				return -1
			}
			return 1
		}
		return count[b] - count[a]
	})
	keep := used[:min(len(used), maxColours)]
	pal := make(color.Palette, len(keep))
	var to [256]uint8
	for k, i := range keep {
		pal[k] = cardPalette[i]
	}
	for _, i := range used {
		to[i] = nearestOf(cardPalette[i].(color.RGBA), pal)
	}
	for j, v := range p.Pix {
		p.Pix[j] = to[v]
	}
	p.Palette = pal
}

// nearestOf returns the index of the colour of pal nearest c, as nearest measures it.
func nearestOf(c color.RGBA, pal color.Palette) uint8 {
	best, bestD := 0, int(^uint(0)>>1)
	for i, p := range pal {
		q := p.(color.RGBA)
		dr, dg, db := int(c.R)-int(q.R), int(c.G)-int(q.G), int(c.B)-int(q.B)
		if d := 2*dr*dr + 4*dg*dg + 3*db*db; d < bestD {
			best, bestD = i, d
		}
	}
	return uint8(best)
}

// cardPalette is the palette of every card: the colours it draws — paper, ink, the muted
// grey, the accent, and the fills of the status classes with their patterns' two colours —
// then the blends its anti-aliased edges make: each colour over paper (borders, halo, text),
// ink over every fill (the focused unit's outline) and muted over paper (small text).
var cardPalette, baseColours = func() (color.Palette, int) {
	base := []color.RGBA{paper, ink, muted, accent, unknownColour}
	for _, name := range []string{"rank-0", "rank-1", "rank-2", "rank-3", "rank-4", "rank-5"} {
		base = append(base, fills[name].(*image.Uniform).C.(color.RGBA))
	}
	for _, name := range []string{"former-all", "former-some"} {
		s := fills[name].(stripes)
		base = append(base, s.bg, s.fg)
	}
	for _, name := range []string{"area-all", "area-some"} {
		c := fills[name].(checker)
		base = append(base, c.bg, c.fg)
	}
	d := fills["no-data"].(dots)
	base = append(base, d.bg, d.fg)
	for _, name := range []string{"share-1", "share-2", "share-3", "share-4", "share-5"} {
		base = append(base, fills[name].(*image.Uniform).C.(color.RGBA))
	}
	var pal color.Palette
	seen := map[color.RGBA]bool{}
	add := func(c color.RGBA) {
		if !seen[c] && len(pal) < 256 {
			seen[c] = true
			pal = append(pal, c)
		}
	}
	for _, c := range base {
		add(c)
	}
	bases := len(pal)
	blend := func(a, b color.RGBA, k, n int) color.RGBA {
		mix := func(x, y uint8) uint8 { return uint8((int(x)*k + int(y)*(n-k) + n/2) / n) }
		return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
	}
	for k := 1; k < 6; k++ { // text: ink over paper in 6 steps
		add(blend(ink, paper, k, 6))
	}
	for _, c := range base[2:] { // every other colour over paper in 8
		for k := 1; k < 4; k++ {
			add(blend(c, paper, k, 4))
		}
	}
	for _, c := range base[4:] { // the focus outline over each fill in 4
		for k := 1; k < 4; k++ {
			add(blend(ink, c, k, 4))
		}
	}
	return pal, bases
}()

// rgb is an opaque colour from its hexadecimal value, 0x1a1a1a.
func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// Colours of atlas.css (its custom properties and pattern classes).
var (
	ink    = rgb(0x1a1a1a) // --ink
	muted  = rgb(0x555555) // --muted
	paper  = rgb(0xffffff) // --paper
	accent = rgb(0x0b5394) // --accent
)
