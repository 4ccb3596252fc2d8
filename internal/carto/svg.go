package carto

import (
	"bufio"
	"io"
	"strconv"
)

// WriteSVG writes m as a standalone SVG document: one path per shape, filled, with white
// borders, sized for display at PixelWidth × PixelHeight.
func WriteSVG(w io.Writer, m *Map) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="`)
	bw.WriteString(m.ViewBox())
	bw.WriteString(`" width="`)
	bw.WriteString(strconv.Itoa(m.PixelWidth))
	bw.WriteString(`" height="`)
	bw.WriteString(strconv.Itoa(m.PixelHeight))
	bw.WriteString("\">\n<g fill=\"#ccc\" fill-rule=\"evenodd\" stroke=\"#fff\" stroke-width=\"" + strconv.Itoa(max(1, m.Precision/2)) + "\">\n")
	for _, s := range m.Shapes {
		bw.WriteString(`<path d="`)
		bw.WriteString(s.Path)
		bw.WriteString("\"/>\n")
	}
	bw.WriteString("</g>\n</svg>\n")
	return bw.Flush()
}
