package card

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// TestEncodePNG checks that encodePNG writes what image/png reads back as the same image, at
// the bit depth its palette needs, for rows that end inside a byte and an image whose
// bounds do not start at the origin.
func TestEncodePNG(t *testing.T) {
	for _, tc := range []struct {
		colours, depth int
		bounds         image.Rectangle
	}{
		{1, 1, image.Rect(0, 0, 7, 3)},
		{2, 1, image.Rect(0, 0, 13, 5)},
		{3, 2, image.Rect(0, 0, 13, 5)},
		{4, 2, image.Rect(2, 3, 9, 4)},
		{16, 4, image.Rect(0, 0, 13, 5)},
		{16, 4, image.Rect(0, 0, Width, Height)},
		{17, 8, image.Rect(0, 0, 13, 5)},
		{len(cardPalette), 8, image.Rect(-4, 1, 11, 9)},
	} {
		p := image.NewPaletted(tc.bounds, cardPalette[:tc.colours])
		for i := range p.Pix {
			p.Pix[i] = uint8((i*7 + i/5) % tc.colours)
		}
		// A sub-image, so that the stride is not the width.
		sub := p.SubImage(image.Rect(tc.bounds.Min.X, tc.bounds.Min.Y, tc.bounds.Max.X-1, tc.bounds.Max.Y)).(*image.Paletted)
		for _, img := range []*image.Paletted{p, sub} {
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(nil, zlibLevel)
			if err := encodePNG(&buf, img, zw); err != nil {
				t.Fatal(err)
			}
			if got := int(buf.Bytes()[24]); got != tc.depth {
				t.Errorf("%d colours: %d bits a pixel, want %d", tc.colours, got, tc.depth)
			}
			back, err := png.Decode(&buf)
			if err != nil {
				t.Fatalf("%d colours, %v: %v", tc.colours, img.Bounds(), err)
			}
			b := img.Bounds()
			if back.Bounds().Size() != b.Size() {
				t.Fatalf("%d colours: decoded %v, want the size of %v", tc.colours, back.Bounds(), b)
			}
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					want := img.At(x, y)
					got := back.At(x-b.Min.X, y-b.Min.Y)
					if color.NRGBAModel.Convert(got) != color.NRGBAModel.Convert(want) {
						t.Fatalf("%d colours, %v: pixel (%d, %d) is %v, want %v", tc.colours, b, x, y, got, want)
					}
				}
			}
		}
	}
}

// TestEncodePNGOpaque checks that a palette with a transparent colour is refused: the card
// writes no tRNS chunk.
func TestEncodePNGOpaque(t *testing.T) {
	p := image.NewPaletted(image.Rect(0, 0, 2, 2), color.Palette{paper, color.RGBA{}})
	zw, _ := zlib.NewWriterLevel(nil, zlibLevel)
	if err := encodePNG(new(bytes.Buffer), p, zw); err == nil {
		t.Error("a transparent palette colour was written")
	}
}
