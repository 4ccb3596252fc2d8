package card

import (
	_ "embed"
	"image"
	"image/color"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// The fonts are DejaVu Sans 2.37 (Bitstream Vera licence, see fonts/LICENSE): TrueType files,
// which Go's font reader reads, covering Vietnamese's precomposed letters.
var (
	//go:embed fonts/DejaVuSans.ttf
	regularTTF []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	boldTTF []byte
)

// fontVersion names the embedded fonts, for Version.
const fontVersion = "dejavu-sans-2.37"

var fonts = sync.OnceValues(func() ([2]*sfnt.Font, error) {
	var fs [2]*sfnt.Font
	for i, b := range [][]byte{regularTTF, boldTTF} {
		f, err := opentype.Parse(b)
		if err != nil {
			return fs, err
		}
		fs[i] = f
	}
	return fs, nil
})

// mustFonts returns the regular and bold fonts. They are embedded: failing to parse them is
// a broken build, not a content error.
func mustFonts() [2]*sfnt.Font {
	fs, err := fonts()
	if err != nil {
		panic("card: embedded font: " + err.Error())
	}
	return fs
}

// Missing returns the runes of s, in NFC, that the regular or the bold font has no glyph for,
// each once, in order.
func Missing(s string) []rune {
	var buf sfnt.Buffer
	var out []rune
	seen := map[rune]bool{}
	for _, r := range norm.NFC.String(s) {
		if seen[r] {
			continue
		}
		seen[r] = true
		for _, f := range mustFonts() {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// face returns the regular (bold false) or bold face at size pixels.
func face(bold bool, size float64) font.Face {
	f := mustFonts()[0]
	if bold {
		f = mustFonts()[1]
	}
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic("card: font face: " + err.Error())
	}
	return fc
}

// wrap breaks s into lines no wider than width in face, at spaces. A word wider than a line
// gets a line of its own. At most max lines are kept; the last one kept ends in "…" when
// some were dropped.
func wrap(fc font.Face, s string, width int, max int) []string {
	w := fixed.I(width)
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && font.MeasureString(fc, try) > w {
			lines = append(lines, line)
			line = word
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > max {
		lines = lines[:max]
		last := lines[max-1] + "…"
		for font.MeasureString(fc, last) > w {
			words := strings.Fields(strings.TrimSuffix(last, "…"))
			if len(words) <= 1 {
				break
			}
			last = strings.Join(words[:len(words)-1], " ") + "…"
		}
		lines[max-1] = last
	}
	return lines
}

// text draws lines in face and colour at x, the first baseline at y, lineHeight apart, and
// returns the baseline after the last line.
func text(img *image.RGBA, fc font.Face, col color.Color, x, y, lineHeight int, lines []string) int {
	d := font.Drawer{Dst: img, Src: image.NewUniform(col), Face: fc}
	for _, l := range lines {
		d.Dot = fixed.P(x, y)
		d.DrawString(l)
		y += lineHeight
	}
	return y
}

// drawText draws the right side of the card: site title, name, type and province, status,
// and footer.
func drawText(img *image.RGBA, c *Card) {
	nfc := norm.NFC.String
	site := face(true, 14)
	text(img, site, accent, textLeft, 36, 17, wrap(site, nfc(c.Site), textW, 2))

	// The name is as large as fits in three lines.
	var size float64
	var name []string
	var fc font.Face
	for _, size = range []float64{32, 28, 24, 21} {
		fc = face(true, size)
		name = wrap(fc, nfc(c.Title), textW, 99)
		if len(name) <= 3 {
			break
		}
	}
	if len(name) > 3 {
		name = wrap(fc, nfc(c.Title), textW, 3)
	}
	lh := int(size * 1.15)
	y := text(img, fc, ink, textLeft, 75+int(size), lh, name)

	sub := face(false, 15)
	y = text(img, sub, muted, textLeft, y-lh+26, 19, wrap(sub, nfc(c.Subtitle), textW, 2))

	st := face(false, 14)
	x, w := textLeft, textW
	y += 7
	if c.StatusClass != "" {
		sw := image.Rect(textLeft, y-12, textLeft+15, y+3)
		fillRect(img, sw.Inset(-1), image.NewUniform(muted))
		fillRect(img, sw, fill(c.StatusClass))
		x, w = textLeft+23, textW-23
	}
	lines := 4
	if c.Status2 != "" {
		lines = 3
	}
	y = text(img, st, ink, x, y, 18, wrap(st, nfc(c.Status), w, lines))
	if c.Status2 != "" {
		s2 := face(false, 12)
		text(img, s2, muted, x, y+1, 15, wrap(s2, nfc(c.Status2), w, 2))
	}

	foot := face(false, 11)
	text(img, foot, muted, textLeft, Height-18, 0, wrap(foot, nfc(c.Footer), textW, 1))
}

// fillRect fills r of img with src, aligned with img's coordinates.
func fillRect(img *image.RGBA, r image.Rectangle, src image.Image) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.Set(x, y, src.At(x, y))
		}
	}
}
