package card

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

// slowQuantize is quantize as a plain map from colour to palette index, the reference the
// fast table must agree with.
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
			if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&want, slowQuantize(Draw(c))); err != nil {
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
