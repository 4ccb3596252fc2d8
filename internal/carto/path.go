package carto

import "strconv"

// appendPath appends the SVG path data of rings to b: an absolute M for each
// ring's first point, then relative l, h and v commands, and z. A command
// letter is left out when it repeats the previous one, and a separator is left
// out before a minus sign.
func appendPath(b []byte, rings []ring) []byte {
	for _, r := range rings {
		if len(r) == 0 {
			continue
		}
		b = append(b, 'M')
		b = strconv.AppendInt(b, int64(r[0].x), 10)
		b = appendNum(b, r[0].y)
		cmd := byte('M')
		for i := 1; i < len(r); i++ {
			dx, dy := r[i].x-r[i-1].x, r[i].y-r[i-1].y
			next := byte('l')
			switch {
			case dy == 0:
				next = 'h'
			case dx == 0:
				next = 'v'
			}
			if next != cmd {
				b = append(b, next)
				cmd = next
			}
			switch next {
			case 'h':
				b = appendNum(b, dx)
			case 'v':
				b = appendNum(b, dy)
			default:
				b = appendNum(b, dx)
				b = appendNum(b, dy)
			}
		}
		b = append(b, 'z')
	}
	return b
}

// appendNum appends n to path data, with a space before it only where the
// previous byte is a digit and n has no minus sign.
func appendNum(b []byte, n int) []byte {
	if n >= 0 && len(b) > 0 && b[len(b)-1] >= '0' && b[len(b)-1] <= '9' {
		b = append(b, ' ')
	}
	return strconv.AppendInt(b, int64(n), 10)
}
