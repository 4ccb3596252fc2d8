package card

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"testing"
)

// slowQuantize is quantize as a plain map from colour to palette index, the reference the
// fast table must agree with; reduced, it is what PNG encodes.
func slowQuantize(img *image.RGBA) *image.Paletted {
	b := img.Bounds()
	out := image.NewPaletted(b, cardPalette)
	seen := map[[3]uint8]uint8{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			i := img.PixOffset(x, y)
			c := [3]uint8{img.Pix[i], img.Pix[i+1], img.Pix[i+2]}
			k, ok := seen[c]
			if !ok {
				k = nearest(c)
				seen[c] = k
			}
			out.SetColorIndex(x, y, k)
		}
	}
	return out
}

// TestPNGReused checks that cards drawn one after another on reused images and encoders are
// the bytes of each card drawn and encoded afresh, whatever was drawn before: a card with a
// map after one without, and the same card again.
func TestPNGReused(t *testing.T) {
	cards := []*Card{
		{Title: "Xã Chiềng Mai", Status: "Chưa có dữ liệu", StatusClass: "no-data", Footer: "example.org/1/"},
		{Title: "Phường Tô Hiệu", Subtitle: "Phường · Tỉnh Sơn La", Status: "Đạt chuẩn", StatusClass: "rank-2", Status2: "Recognised"},
		{},
	}
	for round := 0; round < 2; round++ {
		for _, c := range cards {
			got, err := PNG(c)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			p := slowQuantize(Draw(c))
			reduce(p)
			zw, _ := zlib.NewWriterLevel(nil, zlibLevel)
			if err := encodePNG(&want, p, zw); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("round %d, card %q: %d bytes, drawn afresh %d", round, c.Title, len(got), want.Len())
			}
		}
	}
}

// TestQuantizeEveryColour checks the fast quantize against the map on an image of many
// colours, more than its table holds, so that slots are taken over.
func TestQuantizeEveryColour(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for i := 0; i < len(img.Pix); i += 4 {
		p := i / 4
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(p), uint8(p*7>>3), uint8(p>>8^p), 0xff
	}
	got := image.NewPaletted(img.Bounds(), cardPalette)
	quantize(got, img)
	if want := slowQuantize(img); !bytes.Equal(got.Pix, want.Pix) {
		t.Error("quantize disagrees with the nearest colour of each pixel")
	}
}

// TestReduce checks that a card keeps every colour it draws and, in the room left, its most
// used blends, and that every other pixel takes the nearest colour kept.
func TestReduce(t *testing.T) {
	if baseColours+4 > len(cardPalette) || baseColours > maxColours+4 {
		t.Fatalf("%d drawn colours in a palette of %d", baseColours, len(cardPalette))
	}
	// 14 drawn colours, each on a few pixels, and 8 blends on many, the later more.
	var pix []uint8
	for i := 0; i < 14; i++ {
		for range i + 1 {
			pix = append(pix, uint8(i))
		}
	}
	for k := 0; k < 8; k++ {
		for range 100 * (k + 1) {
			pix = append(pix, uint8(baseColours+k))
		}
	}
	p := image.NewPaletted(image.Rect(0, 0, len(pix), 1), cardPalette)
	copy(p.Pix, pix)
	reduce(p)
	if len(p.Palette) != maxColours {
		t.Fatalf("%d colours kept, want %d", len(p.Palette), maxColours)
	}
	kept := map[color.Color]bool{}
	for _, c := range p.Palette {
		kept[c] = true
	}
	for i := 0; i < 14; i++ {
		if !kept[cardPalette[i]] {
			t.Errorf("drawn colour %v dropped", cardPalette[i])
		}
	}
	for k := 6; k < 8; k++ { // the two most used blends
		if !kept[cardPalette[baseColours+k]] {
			t.Errorf("blend %v, the most used, dropped", cardPalette[baseColours+k])
		}
	}
	for j, v := range pix {
		got := p.Palette[p.Pix[j]]
		if want := p.Palette[nearestOf(cardPalette[v].(color.RGBA), p.Palette)]; got != want {
			t.Errorf("pixel %d of %v is %v, want the nearest kept, %v", j, cardPalette[v], got, want)
		}
	}
	// A card of few colours keeps them all, exactly.
	q := image.NewPaletted(image.Rect(0, 0, 3, 1), cardPalette)
	copy(q.Pix, []uint8{0, 1, uint8(baseColours + 2)})
	reduce(q)
	for j, v := range []uint8{0, 1, uint8(baseColours + 2)} {
		if q.Palette[q.Pix[j]] != cardPalette[v] {
			t.Errorf("pixel %d of a 3-colour card is %v, want %v", j, q.Palette[q.Pix[j]], cardPalette[v])
		}
	}
}
