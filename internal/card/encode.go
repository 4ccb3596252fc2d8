package card

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"sync"
)

// zlibLevel is the compression of a card's pixels: on the cards of a province, level 5 takes
// about 30 % less time than image/png's level 6 for about 1 % more bytes (docs/performance.md).
const zlibLevel = 5

// encodePNG writes p to buf as a PNG of colour type 3 (paletted) at the fewest bits a pixel
// its palette needs (1, 2, 4 or 8), every row unfiltered, as image/png writes a paletted
// image, but at zlibLevel, which image/png does not offer, and packing the pixels of a row
// directly rather than through image.Paletted.ColorIndexAt, which cost image/png as much as
// compressing a card of 16 colours. zw, reset onto the IDAT data, compresses the pixels.
// Every colour of p's palette must be opaque: the card writes no transparency.
func encodePNG(buf *bytes.Buffer, p *image.Paletted, zw *zlib.Writer) error {
	n := len(p.Palette)
	if n == 0 || n > 256 {
		return errors.New("card: a PNG palette of 1 to 256 colours")
	}
	depth := 8
	switch {
	case n <= 2:
		depth = 1
	case n <= 4:
		depth = 2
	case n <= 16:
		depth = 4
	}
	b := p.Bounds()
	w, h := b.Dx(), b.Dy()
	buf.WriteString("\x89PNG\r\n\x1a\n")

	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = byte(depth), 3 // bit depth, colour type: paletted; then deflate, no filter, no interlace
	writeChunk(buf, "IHDR", ihdr[:])

	plte := make([]byte, 0, 3*n)
	for _, c := range p.Palette {
		q := color.NRGBAModel.Convert(c).(color.NRGBA)
		if q.A != 0xff {
			return errors.New("card: a PNG palette colour is not opaque")
		}
		plte = append(plte, q.R, q.G, q.B)
	}
	writeChunk(buf, "PLTE", plte)

	// The IDAT chunk's data is compressed in place, after its length and type, which are
	// filled in once its length is known.
	start := buf.Len()
	buf.WriteString("\x00\x00\x00\x00IDAT")
	zw.Reset(buf)
	row := make([]byte, 1+(w*depth+7)/8) // the filter byte, 0 (none), then the packed pixels
	perByte := 8 / depth
	for y := b.Min.Y; y < b.Max.Y; y++ {
		pix := p.Pix[p.PixOffset(b.Min.X, y):][:w]
		if depth == 8 {
			copy(row[1:], pix)
		} else {
			out := row[1:]
			clear(out)
			for x, v := range pix {
				out[x/perByte] |= v << (8 - depth*(x%perByte+1))
			}
		}
		if _, err := zw.Write(row); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	data := buf.Bytes()[start:]
	binary.BigEndian.PutUint32(data, uint32(len(data)-8))
	var crc [4]byte
	binary.BigEndian.PutUint32(crc[:], crc32.ChecksumIEEE(data[4:]))
	buf.Write(crc[:])

	writeChunk(buf, "IEND", nil)
	return nil
}

// writeChunk writes a PNG chunk: its length, type, data and CRC.
func writeChunk(buf *bytes.Buffer, typ string, data []byte) {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], typ)
	buf.Write(head[:])
	buf.Write(data)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	binary.BigEndian.PutUint32(head[:4], crc.Sum32())
	buf.Write(head[:4])
}

// zlibWriters are the cards' compressors, each about a megabyte, reused from card to card.
var zlibWriters = sync.Pool{New: func() any {
	zw, err := zlib.NewWriterLevel(nil, zlibLevel)
	if err != nil {
		panic(err) // zlibLevel is a valid level
	}
	return zw
}}
