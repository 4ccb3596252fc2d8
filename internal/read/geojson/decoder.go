package geojson

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

const (
	bufSize  = 256 << 10 // size of the decoder's read buffer
	maxDepth = 64        // deepest nesting of objects and arrays accepted
	fastMin  = 64        // bytes the fast position path wants buffered ahead; longer than any position it accepts
	maxKeys  = 1024      // most distinct member names interned
)

// Feature is one decoded feature.
type Feature struct {
	// Offset is the byte offset of the feature's '{' in the (decompressed) input.
	Offset int64
	// Properties holds the feature's properties: string, float64, bool, nil, or nested
	// []any / map[string]any values. It is nil when "properties" is null or absent.
	Properties map[string]any
	// ID is the feature's "id" member if any (string or float64), else nil.
	ID any
	// Geometry is the feature's polygons, a Polygon promoted to a one-polygon MultiPolygon;
	// nil for "geometry": null and for unsupported geometry types.
	Geometry orb.MultiPolygon
	// GeometryType is "Polygon", "MultiPolygon", or the type found (e.g. "Point") when
	// unsupported; "" for a null or absent geometry.
	GeometryType string
}

// SyntaxError reports malformed input: invalid JSON, or JSON that is not a FeatureCollection
// of the expected shape.
type SyntaxError struct {
	Offset int64  // byte offset of the offending byte (the input's length at its end)
	Line   int    // 1-based line of the offending byte
	Col    int    // 1-based column of the offending byte, in bytes
	Msg    string // what is wrong
}

// Error returns "line:col: msg".
func (e *SyntaxError) Error() string {
	return strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col) + ": " + e.Msg
}

// Decoder states between calls of Next.
const (
	stStart    = iota // before the top-level object
	stMembers         // among the top-level object's members
	stFeatures        // among the elements of a "features" array
	stDone            // after the top-level object
)

// Decoder reads the features of a GeoJSON FeatureCollection one at a time.
type Decoder struct {
	br   *bufio.Reader
	buf  []byte // the bytes buffered in br; buf[pos:] are not consumed yet
	pos  int
	base int64 // input offset of buf[0]
	eof  bool  // no bytes follow buf
	rerr error // read error other than io.EOF

	line      int   // 1-based line of the next byte
	lineStart int64 // input offset of that line's first byte

	st    int
	first bool  // no member or element yet in the current top-level object or features array
	err   error // sticky error

	sbuf []byte            // scratch for strings with escapes or across buffer refills
	nbuf []byte            // scratch for numbers across buffer refills
	keys map[string]string // interned member names

	pts      []orb.Point // the current geometry's points
	ringEnds []int       // for each ring, the end of its points in pts
	polyEnds []int       // for each polygon, the end of its rings in ringEnds
}

// NewDecoder returns a decoder reading from r. r is read through a bufio.Reader of its own;
// the decoder never reads all of r into memory.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{
		br:   bufio.NewReaderSize(r, bufSize),
		line: 1,
		keys: make(map[string]string),
	}
}

// Next decodes and returns the next feature. It returns io.EOF after the last feature, once
// the rest of the document has been checked. Malformed input yields a *SyntaxError; an error
// reading r is returned as is. Once Next has failed it keeps returning the same error.
func (d *Decoder) Next() (*Feature, error) {
	if d.err != nil {
		return nil, d.err
	}
	f, err := d.next()
	if err != nil {
		d.err = err
	}
	return f, err
}

func (d *Decoder) next() (*Feature, error) {
	for {
		switch d.st {
		case stStart:
			c, ok := d.skipWS()
			if !ok || c != '{' {
				return nil, d.unexpected(c, ok, "expected '{' at start of FeatureCollection")
			}
			d.pos++
			d.st, d.first = stMembers, true
		case stMembers:
			c, ok := d.skipWS()
			if !ok {
				return nil, d.errEOF()
			}
			if c == '}' {
				d.pos++
				d.st = stDone
				if c, ok := d.skipWS(); ok {
					return nil, d.errHere("invalid character " + quoteChar(c) + " after top-level value")
				}
				if d.rerr != nil {
					return nil, d.rerr
				}
				return nil, io.EOF
			}
			if !d.first {
				if c != ',' {
					return nil, d.errHere("expected ',' or '}' after object member, found " + quoteChar(c))
				}
				d.pos++
			}
			d.first = false
			key, err := d.readKey()
			if err != nil {
				return nil, err
			}
			switch key {
			case "features":
				c, ok := d.skipWS()
				if ok && c == 'n' {
					if err := d.literal("null"); err != nil {
						return nil, err
					}
					continue
				}
				if !ok || c != '[' {
					return nil, d.unexpected(c, ok, `expected '[' or null for "features"`)
				}
				d.pos++
				d.st, d.first = stFeatures, true
			case "type":
				s, at, err := d.readStringValue(`"type"`)
				if err != nil {
					return nil, err
				}
				if s != "FeatureCollection" {
					return nil, d.errAt(at, `top-level "type" is `+strconv.Quote(s)+`, want "FeatureCollection"`)
				}
			default:
				if _, err := d.value(1, false); err != nil {
					return nil, err
				}
			}
		case stFeatures:
			c, ok := d.skipWS()
			if !ok {
				return nil, d.errEOF()
			}
			if c == ']' {
				d.pos++
				d.st, d.first = stMembers, false
				continue
			}
			if !d.first {
				if c != ',' {
					return nil, d.errHere("expected ',' or ']' after array element, found " + quoteChar(c))
				}
				d.pos++
				c, ok = d.skipWS()
			}
			d.first = false
			if !ok || c != '{' {
				return nil, d.unexpected(c, ok, "expected '{' for feature")
			}
			return d.feature()
		default:
			return nil, io.EOF
		}
	}
}

// feature decodes the feature object at d.pos, which is at depth 3 (FeatureCollection,
// features, feature).
func (d *Decoder) feature() (*Feature, error) {
	const depth = 3
	f := &Feature{Offset: d.base + int64(d.pos)}
	d.pos++
	for first := true; ; first = false {
		c, ok := d.skipWS()
		if !ok {
			return nil, d.errEOF()
		}
		if c == '}' {
			d.pos++
			return f, nil
		}
		if !first {
			if c != ',' {
				return nil, d.errHere("expected ',' or '}' after object member, found " + quoteChar(c))
			}
			d.pos++
		}
		key, err := d.readKey()
		if err != nil {
			return nil, err
		}
		switch key {
		case "type":
			s, at, err := d.readStringValue(`"type"`)
			if err != nil {
				return nil, err
			}
			if s != "Feature" {
				return nil, d.errAt(at, `feature "type" is `+strconv.Quote(s)+`, want "Feature"`)
			}
		case "id":
			if f.ID, err = d.value(depth, true); err != nil {
				return nil, err
			}
		case "properties":
			c, ok := d.skipWS()
			switch {
			case ok && c == 'n':
				f.Properties = nil
				err = d.literal("null")
			case ok && c == '{':
				var v any
				v, err = d.value(depth, true)
				f.Properties, _ = v.(map[string]any)
			default:
				err = d.unexpected(c, ok, `expected '{' or null for "properties"`)
			}
			if err != nil {
				return nil, err
			}
		case "geometry":
			c, ok := d.skipWS()
			switch {
			case ok && c == 'n':
				f.Geometry, f.GeometryType = nil, ""
				err = d.literal("null")
			case ok && c == '{':
				err = d.geometry(f, depth)
			default:
				err = d.unexpected(c, ok, `expected '{' or null for "geometry"`)
			}
			if err != nil {
				return nil, err
			}
		default:
			if _, err := d.value(depth, false); err != nil {
				return nil, err
			}
		}
	}
}

// geometry decodes the geometry object at d.pos into f; depth is that of the feature.
func (d *Decoder) geometry(f *Feature, depth int) error {
	depth++
	at := d.here()
	d.pos++
	var (
		typ        string
		haveType   bool
		haveCoords bool
		tree       *cnode // coordinates found before the type
	)
	d.reset()
	for first := true; ; first = false {
		c, ok := d.skipWS()
		if !ok {
			return d.errEOF()
		}
		if c == '}' {
			d.pos++
			break
		}
		if !first {
			if c != ',' {
				return d.errHere("expected ',' or '}' after object member, found " + quoteChar(c))
			}
			d.pos++
		}
		key, err := d.readKey()
		if err != nil {
			return err
		}
		switch key {
		case "type":
			s, sat, err := d.readStringValue(`geometry "type"`)
			if err != nil {
				return err
			}
			if haveType && s != typ {
				return d.errAt(sat, "conflicting geometry types "+strconv.Quote(typ)+" and "+strconv.Quote(s))
			}
			typ, haveType = s, true
		case "coordinates":
			c, ok := d.skipWS()
			if ok && c == 'n' {
				if err := d.literal("null"); err != nil {
					return err
				}
				haveCoords, tree = false, nil
				d.reset()
				continue
			}
			switch {
			case haveType && typ == "Polygon":
				d.reset()
				err = d.rings()
				haveCoords, tree = true, nil
			case haveType && typ == "MultiPolygon":
				d.reset()
				err = d.polygons()
				haveCoords, tree = true, nil
			case haveType:
				_, err = d.value(depth, false)
			default:
				var n cnode
				n, err = d.tree(depth)
				tree = &n
			}
			if err != nil {
				return err
			}
		default:
			if _, err := d.value(depth, false); err != nil {
				return err
			}
		}
	}
	if !haveType {
		return d.errAt(at, `geometry has no "type"`)
	}
	f.GeometryType, f.Geometry = typ, nil
	if typ != "Polygon" && typ != "MultiPolygon" {
		return nil
	}
	if tree != nil {
		d.reset()
		var err error
		if typ == "Polygon" {
			err = d.treeRings(tree)
		} else {
			err = d.treePolygons(tree)
		}
		if err != nil {
			return err
		}
		haveCoords = true
	}
	if !haveCoords {
		return d.errAt(at, typ+` geometry has no "coordinates"`)
	}
	f.Geometry = d.build()
	return nil
}

// reset empties the geometry scratch.
func (d *Decoder) reset() {
	d.pts, d.ringEnds, d.polyEnds = d.pts[:0], d.ringEnds[:0], d.polyEnds[:0]
}

// build returns the geometry in the scratch, with all its points in one slab; each ring's
// capacity is its length.
func (d *Decoder) build() orb.MultiPolygon {
	slab := append([]orb.Point(nil), d.pts...) // not zeroed first, unlike make
	rings := make([]orb.Ring, len(d.ringEnds))
	start := 0
	for i, e := range d.ringEnds {
		rings[i] = orb.Ring(slab[start:e:e])
		start = e
	}
	mp := make(orb.MultiPolygon, len(d.polyEnds))
	start = 0
	for i, e := range d.polyEnds {
		mp[i] = orb.Polygon(rings[start:e:e])
		start = e
	}
	return mp
}

// openCoordinates consumes the '[' that opens a coordinates array and, if the array is
// empty, its ']' too, reporting it empty.
func (d *Decoder) openCoordinates() (empty bool, err error) {
	c, ok := d.skipWS()
	if !ok || c != '[' {
		return false, d.unexpected(c, ok, "expected '[' in coordinates")
	}
	d.pos++
	if c, ok := d.skipWS(); ok && c == ']' {
		d.pos++
		return true, nil
	}
	return false, nil
}

// polygons decodes MultiPolygon coordinates into the scratch.
func (d *Decoder) polygons() error {
	empty, err := d.openCoordinates()
	if err != nil {
		return err
	}
	if empty {
		return nil
	}
	for {
		if err := d.rings(); err != nil {
			return err
		}
		if done, err := d.afterElement(); done || err != nil {
			return err
		}
	}
}

// rings decodes Polygon coordinates into the scratch.
func (d *Decoder) rings() error {
	empty, err := d.openCoordinates()
	if err != nil {
		return err
	}
	if empty {
		d.polyEnds = append(d.polyEnds, len(d.ringEnds))
		return nil
	}
	for {
		if err := d.ring(); err != nil {
			return err
		}
		d.ringEnds = append(d.ringEnds, len(d.pts))
		done, err := d.afterElement()
		if err != nil {
			return err
		}
		if done {
			d.polyEnds = append(d.polyEnds, len(d.ringEnds))
			return nil
		}
	}
}

// afterElement consumes the ',' or ']' after an array element, reporting whether it was ']'.
func (d *Decoder) afterElement() (done bool, err error) {
	c, ok := d.skipWS()
	switch {
	case !ok:
		return false, d.errEOF()
	case c == ',':
		d.pos++
		return false, nil
	case c == ']':
		d.pos++
		return true, nil
	}
	return false, d.errHere("expected ',' or ']' after array element, found " + quoteChar(c))
}

// ring decodes a ring's positions into the scratch. Compact positions of plain decimals
// take a fast path over the buffer; anything else goes through position.
func (d *Decoder) ring() error {
	empty, err := d.openCoordinates()
	if err != nil {
		return err
	}
	if empty {
		return nil
	}
	pts := d.pts
	defer func() { d.pts = pts }()
	for {
		// A position is wanted.
		if len(d.buf)-d.pos < fastMin {
			d.refill(fastMin)
		}
		s, i := d.buf, d.pos
		sep := false
		for len(s)-i >= fastMin && s[i] == '[' {
			x, y, j, ok := fastPosition(s, i)
			if !ok {
				break
			}
			pts = append(pts, orb.Point{x, y})
			if s[j] == ',' {
				i = j + 1
				continue
			}
			if s[j] == ']' {
				d.pos = j + 1
				return nil
			}
			i, sep = j, true
			break
		}
		d.pos = i
		if !sep {
			if len(s)-i < fastMin && !d.eof {
				continue // refill and retry the fast path
			}
			p, err := d.position()
			if err != nil {
				return err
			}
			pts = append(pts, p)
		}
		if done, err := d.afterElement(); done || err != nil {
			return err
		}
	}
}

// position decodes a position of any form.
func (d *Decoder) position() (orb.Point, error) {
	var p orb.Point
	c, ok := d.skipWS()
	if !ok || c != '[' {
		return p, d.unexpected(c, ok, "expected '[' in coordinates")
	}
	d.pos++
	for n := 0; ; n++ {
		c, ok := d.skipWS()
		if !ok {
			return p, d.errEOF()
		}
		if c == ']' && n == 0 {
			return p, d.errHere("position has fewer than two coordinates")
		}
		if c != '-' && !isDigit(c) {
			return p, d.errHere("expected number in coordinates, found " + quoteChar(c))
		}
		v, err := d.readNumber()
		if err != nil {
			return p, err
		}
		if n < 2 {
			p[n] = v
		}
		c, ok = d.skipWS()
		switch {
		case !ok:
			return p, d.errEOF()
		case c == ',':
			d.pos++
		case c == ']':
			if n < 1 {
				return p, d.errHere("position has fewer than two coordinates")
			}
			d.pos++
			return p, nil
		default:
			return p, d.errHere("expected ',' or ']' after array element, found " + quoteChar(c))
		}
	}
}

// cnode is a coordinates value read before the geometry's type was known.
type cnode struct {
	at   pos     // where the value starts
	end  pos     // for an array, where its ']' is
	c    byte    // the value's first byte: '[' for an array, '-' or a digit for a number
	num  float64 // a number's value
	kids []cnode // an array's elements
}

// tree reads a coordinates value of unknown shape; depth is that of its container.
func (d *Decoder) tree(depth int) (cnode, error) {
	c, ok := d.skipWS()
	if !ok {
		return cnode{}, d.errEOF()
	}
	n := cnode{at: d.here(), c: c}
	var err error
	switch {
	case c == '[':
		if depth >= maxDepth {
			return n, d.errHere("nesting too deep")
		}
		d.pos++
		if c, ok := d.skipWS(); ok && c == ']' {
			n.end = d.here()
			d.pos++
			return n, nil
		}
		for {
			k, err := d.tree(depth + 1)
			if err != nil {
				return n, err
			}
			n.kids = append(n.kids, k)
			c, ok := d.skipWS()
			if ok && c == ']' {
				n.end = d.here()
			}
			if done, err := d.afterElement(); done || err != nil {
				return n, err
			}
		}
	case c == '-' || isDigit(c):
		n.num, err = d.readNumber()
	default:
		_, err = d.value(depth, false)
	}
	return n, err
}

// treePolygons puts MultiPolygon coordinates read by tree into the scratch.
func (d *Decoder) treePolygons(n *cnode) error {
	if n.c != '[' {
		return d.errAt(n.at, "expected '[' in coordinates, found "+quoteChar(n.c))
	}
	for i := range n.kids {
		if err := d.treeRings(&n.kids[i]); err != nil {
			return err
		}
	}
	return nil
}

// treeRings puts Polygon coordinates read by tree into the scratch.
func (d *Decoder) treeRings(n *cnode) error {
	if n.c != '[' {
		return d.errAt(n.at, "expected '[' in coordinates, found "+quoteChar(n.c))
	}
	for i := range n.kids {
		r := &n.kids[i]
		if r.c != '[' {
			return d.errAt(r.at, "expected '[' in coordinates, found "+quoteChar(r.c))
		}
		for j := range r.kids {
			p := &r.kids[j]
			if p.c != '[' {
				return d.errAt(p.at, "expected '[' in coordinates, found "+quoteChar(p.c))
			}
			for k := range p.kids {
				if c := p.kids[k].c; c != '-' && !isDigit(c) {
					return d.errAt(p.kids[k].at, "expected number in coordinates, found "+quoteChar(c))
				}
			}
			if len(p.kids) < 2 {
				return d.errAt(p.end, "position has fewer than two coordinates")
			}
			d.pts = append(d.pts, orb.Point{p.kids[0].num, p.kids[1].num})
		}
		d.ringEnds = append(d.ringEnds, len(d.pts))
	}
	d.polyEnds = append(d.polyEnds, len(d.ringEnds))
	return nil
}

// value reads any JSON value; depth is that of its container. Unless keep, it only checks
// the value and returns nil.
func (d *Decoder) value(depth int, keep bool) (any, error) {
	c, ok := d.skipWS()
	if !ok {
		return nil, d.errEOF()
	}
	switch c {
	case '{':
		if depth >= maxDepth {
			return nil, d.errHere("nesting too deep")
		}
		d.pos++
		var m map[string]any
		if keep {
			m = make(map[string]any)
		}
		if c, ok := d.skipWS(); ok && c == '}' {
			d.pos++
			return m, nil
		}
		for {
			var key string
			if keep {
				k, err := d.readKey()
				if err != nil {
					return nil, err
				}
				key = k
			} else if err := d.skipKey(); err != nil {
				return nil, err
			}
			v, err := d.value(depth+1, keep)
			if err != nil {
				return nil, err
			}
			if keep {
				m[key] = v
			}
			c, ok := d.skipWS()
			switch {
			case !ok:
				return nil, d.errEOF()
			case c == ',':
				d.pos++
			case c == '}':
				d.pos++
				return m, nil
			default:
				return nil, d.errHere("expected ',' or '}' after object member, found " + quoteChar(c))
			}
		}
	case '[':
		if depth >= maxDepth {
			return nil, d.errHere("nesting too deep")
		}
		d.pos++
		var a []any
		if keep {
			a = make([]any, 0)
		}
		if c, ok := d.skipWS(); ok && c == ']' {
			d.pos++
			return a, nil
		}
		for {
			v, err := d.value(depth+1, keep)
			if err != nil {
				return nil, err
			}
			if keep {
				a = append(a, v)
			}
			if done, err := d.afterElement(); err != nil {
				return nil, err
			} else if done {
				return a, nil
			}
		}
	case '"':
		b, err := d.readString()
		if err != nil || !keep {
			return nil, err
		}
		return string(b), nil
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	case 'n':
		return nil, d.literal("null")
	}
	if c == '-' || isDigit(c) {
		v, err := d.readNumber()
		if err != nil || !keep {
			return nil, err
		}
		return v, nil
	}
	return nil, d.errHere("invalid character " + quoteChar(c) + " looking for beginning of value")
}

// literal consumes the literal w, whose first byte is at d.pos.
func (d *Decoder) literal(w string) error {
	for i := 0; i < len(w); i++ {
		if d.pos >= len(d.buf) && !d.more() {
			return d.errEOF()
		}
		if c := d.buf[d.pos]; c != w[i] {
			return d.errHere("invalid character " + quoteChar(c) + " in literal " + w)
		}
		d.pos++
	}
	return nil
}

// readKey reads an object member's name and the colon after it.
func (d *Decoder) readKey() (string, error) {
	c, ok := d.skipWS()
	if !ok || c != '"' {
		return "", d.unexpected(c, ok, "expected string for object key")
	}
	b, err := d.readString()
	if err != nil {
		return "", err
	}
	key := d.intern(b)
	return key, d.colon()
}

// skipKey is readKey without keeping the name.
func (d *Decoder) skipKey() error {
	c, ok := d.skipWS()
	if !ok || c != '"' {
		return d.unexpected(c, ok, "expected string for object key")
	}
	if _, err := d.readString(); err != nil {
		return err
	}
	return d.colon()
}

func (d *Decoder) colon() error {
	c, ok := d.skipWS()
	if !ok || c != ':' {
		return d.unexpected(c, ok, "expected ':' after object key")
	}
	d.pos++
	return nil
}

// readStringValue reads a member's value that must be a string, returning it and where it starts.
func (d *Decoder) readStringValue(what string) (string, pos, error) {
	c, ok := d.skipWS()
	if !ok || c != '"' {
		return "", pos{}, d.unexpected(c, ok, "expected string for "+what)
	}
	at := d.here()
	b, err := d.readString()
	if err != nil {
		return "", at, err
	}
	return d.intern(b), at, nil
}

// intern returns b as a string, without allocating for names seen before.
func (d *Decoder) intern(b []byte) string {
	if s, ok := d.keys[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(d.keys) < maxKeys && len(b) <= 64 {
		d.keys[s] = s
	}
	return s
}

// readString reads the string whose '"' is at d.pos. The result is valid until the decoder
// reads on.
func (d *Decoder) readString() ([]byte, error) {
	s := d.buf
	start := d.pos + 1
	for i := start; i < len(s); i++ {
		c := s[i]
		if c == '"' {
			d.pos = i + 1
			return s[start:i], nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
	}
	d.pos++
	d.sbuf = d.sbuf[:0]
	for {
		if d.pos >= len(d.buf) && !d.more() {
			return nil, d.errEOF()
		}
		s, i := d.buf, d.pos
		for i < len(s) {
			if c := s[i]; c == '"' || c == '\\' || c < 0x20 {
				break
			}
			i++
		}
		d.sbuf = append(d.sbuf, s[d.pos:i]...)
		d.pos = i
		if i == len(s) {
			continue
		}
		switch c := s[i]; {
		case c == '"':
			d.pos++
			return d.sbuf, nil
		case c < 0x20:
			return nil, d.errHere("invalid character " + quoteChar(c) + " in string literal")
		}
		d.pos++ // '\\'
		c, err := d.peekByte()
		if err != nil {
			return nil, err
		}
		if err := d.escape(c); err != nil {
			return nil, err
		}
	}
}

// escape decodes the escape whose character c (after the backslash) is at d.pos.
func (d *Decoder) escape(c byte) error {
	var b byte
	switch c {
	case '"', '\\', '/':
		b = c
	case 'b':
		b = '\b'
	case 'f':
		b = '\f'
	case 'n':
		b = '\n'
	case 'r':
		b = '\r'
	case 't':
		b = '\t'
	case 'u':
		d.pos++
		r, err := d.hex4()
		if err != nil {
			return err
		}
		for utf16.IsSurrogate(r) && r < 0xdc00 {
			// A high surrogate: combine it with a following \u low surrogate.
			if d.pos >= len(d.buf) && !d.more() {
				return d.errEOF()
			}
			if d.buf[d.pos] != '\\' {
				break
			}
			d.pos++
			c, err := d.peekByte()
			if err != nil {
				return err
			}
			if c != 'u' {
				d.sbuf = utf8.AppendRune(d.sbuf, utf8.RuneError)
				return d.escape(c)
			}
			d.pos++
			r2, err := d.hex4()
			if err != nil {
				return err
			}
			if r2 >= 0xdc00 && r2 < 0xe000 {
				r = utf16.DecodeRune(r, r2)
				break
			}
			d.sbuf = utf8.AppendRune(d.sbuf, utf8.RuneError)
			r = r2
		}
		d.sbuf = utf8.AppendRune(d.sbuf, r) // a lone surrogate becomes U+FFFD
		return nil
	default:
		return d.errHere("invalid character " + quoteChar(c) + " in string escape code")
	}
	d.pos++
	d.sbuf = append(d.sbuf, b)
	return nil
}

// hex4 reads the four hex digits of a \u escape.
func (d *Decoder) hex4() (rune, error) {
	var r rune
	for i := 0; i < 4; i++ {
		c, err := d.peekByte()
		if err != nil {
			return 0, err
		}
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0, d.errHere("invalid character " + quoteChar(c) + ` in \u hexadecimal character escape`)
		}
		r = r<<4 | rune(v)
		d.pos++
	}
	return r, nil
}

// peekByte returns the byte at d.pos without consuming it.
func (d *Decoder) peekByte() (byte, error) {
	if d.pos >= len(d.buf) && !d.more() {
		return 0, d.errEOF()
	}
	return d.buf[d.pos], nil
}

// skipWS skips whitespace, counting lines, and returns the next byte without consuming it;
// ok is false at the end of the input.
func (d *Decoder) skipWS() (c byte, ok bool) {
	for {
		s, i := d.buf, d.pos
		for ; i < len(s); i++ {
			c := s[i]
			if c > ' ' {
				d.pos = i
				return c, true
			}
			switch c {
			case ' ', '\t', '\r':
			case '\n':
				d.line++
				d.lineStart = d.base + int64(i) + 1
			default:
				d.pos = i
				return c, true
			}
		}
		d.pos = i
		if !d.more() {
			return 0, false
		}
	}
}

// more reports whether a byte is available at d.pos, reading more input if needed.
func (d *Decoder) more() bool {
	if d.pos < len(d.buf) {
		return true
	}
	d.refill(1)
	return d.pos < len(d.buf)
}

// refill drops the consumed bytes and reads until at least min bytes are buffered or the
// input ends. It invalidates slices of the old buffer.
func (d *Decoder) refill(min int) {
	if d.eof {
		return
	}
	if d.pos > 0 {
		d.br.Discard(d.pos)
		d.base += int64(d.pos)
		d.pos = 0
	}
	if d.br.Buffered() < min {
		if _, err := d.br.Peek(min); err != nil {
			d.eof = true
			if err != io.EOF {
				d.rerr = err
			}
		}
	}
	d.buf, _ = d.br.Peek(d.br.Buffered())
}

// pos is a place in the input.
type pos struct {
	off       int64
	line, col int
}

// here returns the place of the byte at d.pos.
func (d *Decoder) here() pos {
	off := d.base + int64(d.pos)
	return pos{off, d.line, int(off-d.lineStart) + 1}
}

func (d *Decoder) errAt(p pos, msg string) error {
	return &SyntaxError{Offset: p.off, Line: p.line, Col: p.col, Msg: msg}
}

func (d *Decoder) errHere(msg string) error { return d.errAt(d.here(), msg) }

// errEOF reports the end of the input where more was expected (or the read error that ended it).
func (d *Decoder) errEOF() error {
	if d.rerr != nil {
		return d.rerr
	}
	return d.errHere("unexpected end of input")
}

// unexpected reports byte c at d.pos (or the end of the input, unless ok) where what was expected.
func (d *Decoder) unexpected(c byte, ok bool, what string) error {
	if !ok {
		return d.errEOF()
	}
	return d.errHere(what + ", found " + quoteChar(c))
}

// quoteChar formats c for an error message.
func quoteChar(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c >= 0x20 && c < 0x7f:
		return "'" + string(rune(c)) + "'"
	case c == '\n':
		return `'\n'`
	case c == '\r':
		return `'\r'`
	case c == '\t':
		return `'\t'`
	}
	const hex = "0123456789abcdef"
	return `'\x` + string(hex[c>>4]) + string(hex[c&15]) + "'"
}

func isDigit(c byte) bool { return c-'0' < 10 }
