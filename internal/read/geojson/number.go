package geojson

import (
	"math"
	"strconv"
	"unsafe"
)

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// scanNumber results.
const (
	numOK         = iota
	numIncomplete // the number may go on past the end of s
	numBad        // an invalid byte at the returned index (len(s): the byte after s, if any)
	numRange      // the number overflows float64
)

// readNumber reads the number that starts at d.pos.
func (d *Decoder) readNumber() (float64, error) {
	s := d.buf[d.pos:]
	v, n, st := scanNumber(s, d.eof)
	if st == numOK {
		d.pos += n
		return v, nil
	}
	start := d.here()
	gathered := false
	if st == numIncomplete {
		// The number runs to the end of the buffer: gather it from there on.
		d.nbuf = append(d.nbuf[:0], s...)
		d.pos = len(d.buf)
		for d.more() {
			s, i := d.buf, d.pos
			for i < len(s) && isNumByte(s[i]) {
				i++
			}
			d.nbuf = append(d.nbuf, s[d.pos:i]...)
			d.pos = i
			if i < len(s) {
				break
			}
		}
		s, gathered = d.nbuf, true
		v, n, st = scanNumber(s, true)
		if st == numOK {
			return v, nil // n == len(s): a byte that can continue a number is numBad
		}
	}
	if st == numRange {
		return 0, d.errAt(start, "number out of range")
	}
	at := pos{start.off + int64(n), start.line, start.col + n}
	var c byte
	switch {
	case n < len(s):
		c = s[n]
	case gathered && d.pos < len(d.buf):
		c = d.buf[d.pos] // the byte after a gathered number
	default:
		if d.rerr != nil {
			return 0, d.rerr
		}
		return 0, d.errAt(at, "unexpected end of input")
	}
	return 0, d.errAt(at, "invalid character "+quoteChar(c)+" in numeric literal")
}

// isNumByte reports whether c may occur in a number.
func isNumByte(c byte) bool {
	return isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+'
}

// scanNumber parses the JSON number at the start of s, returning its value, its length and
// numOK; or the index of the offending byte and numBad. Unless final, a number reaching the
// end of s yields numIncomplete. A byte that could continue a number right after a complete
// one (as in 01, 1.5.3, 2-3) is numBad. Results equal strconv.ParseFloat's bit for bit.
func scanNumber(s []byte, final bool) (float64, int, int) {
	end := func(i int) (float64, int, int) {
		if final {
			return 0, i, numBad
		}
		return 0, i, numIncomplete
	}
	i := 0
	neg := false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	if i >= len(s) {
		return end(i)
	}
	var mant uint64
	nd, exp := 0, 0
	trunc := false // more than 19 significant digits
	switch c := s[i]; {
	case c == '0':
		i++
	case c >= '1' && c <= '9':
		for ; i < len(s) && isDigit(s[i]); i++ {
			if nd < 19 {
				mant = mant*10 + uint64(s[i]-'0')
				nd++
			} else {
				trunc = true
				exp++
			}
		}
	default:
		return 0, i, numBad
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) {
			return end(i)
		}
		if !isDigit(s[i]) {
			return 0, i, numBad
		}
		for ; i < len(s) && isDigit(s[i]); i++ {
			switch dg := s[i] - '0'; {
			case mant == 0 && dg == 0:
				exp--
			case nd < 19:
				mant = mant*10 + uint64(dg)
				nd++
				exp--
			default:
				trunc = true
			}
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i >= len(s) {
			return end(i)
		}
		esign := 1
		if s[i] == '+' || s[i] == '-' {
			if s[i] == '-' {
				esign = -1
			}
			i++
			if i >= len(s) {
				return end(i)
			}
		}
		if !isDigit(s[i]) {
			return 0, i, numBad
		}
		e := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			if e < 1e6 {
				e = e*10 + int(s[i]-'0')
			}
		}
		exp += esign * e
	}
	if i >= len(s) {
		if !final {
			return 0, i, numIncomplete
		}
	} else if isNumByte(s[i]) {
		return 0, i, numBad
	}
	if !trunc && mant <= 1<<53 && exp >= -22 && exp <= 22 {
		// Both mant and 10^|exp| are exact, so one correctly rounded operation gives the
		// correctly rounded result (Clinger's fast path, as in strconv).
		f := float64(mant)
		if exp < 0 {
			f /= pow10[-exp]
		} else {
			f *= pow10[exp]
		}
		if neg {
			f = -f
		}
		return f, i, numOK
	}
	f, err := strconv.ParseFloat(unsafe.String(&s[0], i), 64)
	if err != nil && math.IsInf(f, 0) {
		return 0, 0, numRange
	}
	return f, i, numOK
}

// fastNum parses at s[i:] a number of at most 15 digits without exponent that is followed by
// another byte in s, returning it and the index after it. ok is false for anything else,
// which scanNumber handles.
func fastNum(s []byte, i int) (f float64, next int, ok bool) {
	neg := false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	start := i
	var mant uint64
	for ; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			break
		}
		mant = mant*10 + uint64(c)
	}
	nd := i - start
	if nd == 0 || nd > 15 || (nd > 1 && s[start] == '0') {
		return 0, 0, false
	}
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for ; i < len(s); i++ {
			c := s[i] - '0'
			if c > 9 {
				break
			}
			mant = mant*10 + uint64(c)
		}
		fd := i - fs
		if fd == 0 || nd+fd > 15 {
			return 0, 0, false
		}
		f = float64(mant) / pow10[fd]
	} else {
		f = float64(mant)
	}
	if i >= len(s) {
		return 0, 0, false
	}
	if neg {
		f = -f
	}
	return f, i, true
}

// fastPosition parses at s[i] a compact position "[x,y]" of numbers fastNum accepts,
// returning the index after its ']'.
func fastPosition(s []byte, i int) (x, y float64, next int, ok bool) {
	x, j, ok := fastNum(s, i+1)
	if !ok || s[j] != ',' {
		return 0, 0, 0, false
	}
	y, j, ok = fastNum(s, j+1)
	if !ok || s[j] != ']' {
		return 0, 0, 0, false
	}
	return x, y, j + 1, true
}
