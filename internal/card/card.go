// Package card draws share cards: 1200×630 PNG images of a province map with one unit
// highlighted, beside the unit's name and status, for og:image and twitter:image.
package card

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"github.com/ntm-atlas/atlas/internal/carto"
)

// Size of a card in pixels: the size Facebook, LinkedIn and X show large.
const (
	Width  = 1200
	Height = 630
)

// Version names the card's layout, palette and fonts. Change it whenever Draw's output for
// the same Card may change: builds use it in the key of their card cache.
const Version = "card-2/" + fontVersion

// Card is what one share card shows. Texts are drawn as given, in NFC; the caller translates them.
type Card struct {
	// Map is the province map drawn on the left; nil leaves the left side empty.
	Map *carto.Map
	// Classes are the status classes of the map's units by code, as atlas.css names them:
	// "rank-0" … "rank-5", "former-all", "former-some", "no-data".
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
	// Footer is drawn small at the bottom: the site's host name.
	Footer string
}

// Layout of the card, in pixels.
const (
	margin   = 30
	mapSize  = 570 // the map fits a square mapSize on a side, at margin from the top left
	textLeft = 640
	textW    = Width - textLeft - 40
)

// Draw draws c on a new image.
func Draw(c *Card) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, Width, 8), image.NewUniform(accent), image.Point{}, draw.Src)
	if c.Map != nil {
		drawMap(img, image.Rect(margin, margin, margin+mapSize, margin+mapSize), c)
	}
	drawText(img, c)
	return img
}

// PNG draws c and encodes it as a PNG at the default compression level (BestCompression took
// four times as long for files 2% smaller). A card without anti-aliased text would fit a
// palette; when it holds at most 256 colours it is written with one.
func PNG(c *Card) ([]byte, error) {
	var buf bytes.Buffer
	img := Draw(c)
	var out image.Image = img
	if p := paletted(img); p != nil {
		out = p
	}
	if err := png.Encode(&buf, out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// paletted returns img with a palette of its own colours, in the order they first appear,
// or nil when it has more than 256.
func paletted(img *image.RGBA) *image.Paletted {
	index := map[color.RGBA]uint8{}
	var pal color.Palette
	b := img.Bounds()
	out := image.NewPaletted(b, nil)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.RGBAAt(x, y)
			i, ok := index[c]
			if !ok {
				if len(pal) == 256 {
					return nil
				}
				i = uint8(len(pal))
				index[c] = i
				pal = append(pal, c)
			}
			out.Pix[out.PixOffset(x, y)] = i
		}
	}
	out.Palette = pal
	return out
}

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
