package scaffold

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/ntm-atlas/atlas/internal/mapping"
	"github.com/ntm-atlas/atlas/internal/read/geojson"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// Properties names the feature properties of a boundary file that hold each fact. An empty
// name means the file has no such property.
type Properties struct {
	Code         string // the unit's official code
	Name         string // its name, with or without the type word ("Xã Chiềng Cọ")
	Type         string // its type: Xã, Phường, Đặc khu
	Province     string // the code of its province
	ProvinceName string // the name of its province
}

// Fields lists the properties in a fixed order with what each holds, for messages.
func (p Properties) Fields() [][2]string {
	return [][2]string{{"code", p.Code}, {"name", p.Name}, {"type", p.Type}, {"province code", p.Province}, {"province name", p.ProvinceName}}
}

// candidates are the property names each fact goes by in published files, folded (lower
// case, no marks, letters and digits only), best first.
var candidates = struct{ code, name, typ, province, provinceName []string }{
	code:         []string{"code", "maxa", "ma", "maphuongxa", "maxaphuong", "madvhc", "madonvi", "wardcode", "communecode", "wardid", "communeid", "level3id", "level2id"},
	name:         []string{"name", "tenxa", "ten", "tenphuongxa", "tenxaphuong", "tendvhc", "tendonvi", "wardname", "communename", "fullname", "tendaydu"},
	typ:          []string{"type", "loai", "loaixa", "loaidvhc", "loaidonvi", "wardtype", "cap", "capxa"},
	province:     []string{"provincecode", "matinh", "matinhthanh", "matinhtp", "matp", "provinceid", "level1id"},
	provinceName: []string{"province", "tentinh", "tinh", "tinhthanh", "provincename", "tentinhthanh", "tentinhtp"},
}

// foldKey folds a property name for comparison: "Mã xã", "ma_xa" and "MaXa" give "maxa".
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range vi.Fold(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// detect picks, for each fact not given, the best candidate among keys.
func detect(keys []string, given Properties) (Properties, []string) {
	byFold := map[string]string{}
	for _, k := range keys {
		f := foldKey(k)
		if _, ok := byFold[f]; !ok {
			byFold[f] = k
		}
	}
	pick := func(have string, list []string, what string, detected *[]string) string {
		if have != "" {
			return have
		}
		for _, c := range list {
			if k, ok := byFold[c]; ok {
				*detected = append(*detected, what)
				return k
			}
		}
		return ""
	}
	var d []string
	p := Properties{
		Code:         pick(given.Code, candidates.code, "code", &d),
		Name:         pick(given.Name, candidates.name, "name", &d),
		Type:         pick(given.Type, candidates.typ, "type", &d),
		Province:     pick(given.Province, candidates.province, "province code", &d),
		ProvinceName: pick(given.ProvinceName, candidates.provinceName, "province name", &d),
	}
	return p, d
}

// Boundary is one unit of a boundary file, its properties normalised.
type Boundary struct {
	Code, Name, Type     string
	Province             string // two-digit code, or "" when the file does not say
	ProvinceName         string // as the file writes it, type word removed
	ProvinceType         string // "Tỉnh", "Thành phố", when the file's name has it
	Geometry             orb.MultiPolygon
	line, col, featureNo int
}

// Boundaries is a boundary file as read by ReadBoundaries.
type Boundaries struct {
	File       string
	Properties Properties // the property names used
	Detected   []string   // the facts whose property name was detected, not given
	Keys       []string   // every property name found, sorted
	Units      []*Boundary
}

// ReadBoundaries reads a GeoJSON FeatureCollection (gzipped or not) and takes each feature's
// code, name, type and province from the properties given, detecting those not given from
// the names published files use. Codes written as numbers are padded to five digits and
// province codes to two. Errors name the file and the feature's line and column.
func ReadBoundaries(file string, given Properties) (*Boundaries, error) {
	rc, err := geojson.Open(file)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	lc := &lineCounter{r: rc}
	dec := geojson.NewDecoder(lc)
	type raw struct {
		f         *geojson.Feature
		line, col int
	}
	var feats []raw
	keys := map[string]bool{}
	for {
		f, err := dec.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *geojson.SyntaxError
			if errors.As(err, &se) {
				return nil, fmt.Errorf("%s:%d:%d: %s", file, se.Line, se.Col, se.Msg)
			}
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		line, col := lc.position(f.Offset)
		feats = append(feats, raw{f, line, col})
		for k := range f.Properties {
			keys[k] = true
		}
	}
	b := &Boundaries{File: file}
	for k := range keys {
		b.Keys = append(b.Keys, k)
	}
	sort.Strings(b.Keys)
	b.Properties, b.Detected = detect(b.Keys, given)
	p := b.Properties
	if p.Code == "" {
		return nil, fmt.Errorf("%s: no property holds the units' codes (properties: %s); name it with -code-property", file, strings.Join(b.Keys, ", "))
	}
	if p.Name == "" {
		return nil, fmt.Errorf("%s: no property holds the units' names (properties: %s); name it with -name-property", file, strings.Join(b.Keys, ", "))
	}
	var errs []string
	seen := map[string]*Boundary{}
	for i, r := range feats {
		at := fmt.Sprintf("%s:%d:%d: feature %d", file, r.line, r.col, i+1)
		code, ok := codeOf(r.f.Properties[p.Code], 5)
		if !ok {
			errs = append(errs, fmt.Sprintf("%s: property %q = %v is not a code of digits", at, p.Code, r.f.Properties[p.Code]))
			continue
		}
		if prev := seen[code]; prev != nil {
			errs = append(errs, fmt.Sprintf("%s: code %s is also feature %d's (line %d)", at, code, prev.featureNo, prev.line))
			continue
		}
		if r.f.Geometry == nil {
			errs = append(errs, fmt.Sprintf("%s: code %s has no Polygon or MultiPolygon geometry", at, code))
			continue
		}
		u := &Boundary{Code: code, Geometry: r.f.Geometry, line: r.line, col: r.col, featureNo: i + 1}
		name := strings.TrimSpace(vi.NFC(text(r.f.Properties[p.Name])))
		typ := ""
		if p.Type != "" {
			typ = strings.TrimSpace(vi.NFC(text(r.f.Properties[p.Type])))
		}
		if t, n := mapping.SplitType(name); t != "" && (typ == "" || strings.EqualFold(t, typ)) {
			typ, name = t, n
		}
		if t, _ := mapping.SplitType(typ + " x"); t != "" {
			typ = t // "xã" → "Xã"
		}
		if name == "" {
			errs = append(errs, fmt.Sprintf("%s: code %s has no name in property %q", at, code, p.Name))
			continue
		}
		u.Name, u.Type = name, typ
		if p.Province != "" {
			if v := r.f.Properties[p.Province]; v != nil && text(v) != "" {
				pc, ok := codeOf(v, 2)
				if !ok {
					errs = append(errs, fmt.Sprintf("%s: property %q = %v is not a province code", at, p.Province, v))
					continue
				}
				u.Province = pc
			}
		}
		if p.ProvinceName != "" {
			pt, pn := mapping.SplitType(text(r.f.Properties[p.ProvinceName]))
			u.ProvinceType, u.ProvinceName = pt, pn
		}
		seen[code] = u
		b.Units = append(b.Units, u)
	}
	if len(errs) > 0 {
		if len(errs) > 20 {
			errs = append(errs[:20], fmt.Sprintf("… and %d more", len(errs)-20))
		}
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	if len(b.Units) == 0 {
		return nil, fmt.Errorf("%s: no features", file)
	}
	return b, nil
}

// text returns a property value as text: strings as they are, numbers without a fraction.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// codeOf returns a code property as digits, left-padded with zeros to width: published files
// write "03664", "3664" or 3664 for the same code.
func codeOf(v any, width int) (string, bool) {
	var s string
	switch v := v.(type) {
	case string:
		s = strings.TrimSpace(v)
	case float64:
		if v < 0 || v != math.Trunc(v) || v > 1e15 {
			return "", false
		}
		s = strconv.FormatFloat(v, 'f', 0, 64)
	default:
		return "", false
	}
	if s == "" || len(s) > 16 {
		return "", false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	for len(s) < width {
		s = "0" + s
	}
	return s, true
}

// lineCounter passes bytes through and remembers where lines start, so that a feature's byte
// offset can be given as a line and column.
type lineCounter struct {
	r      io.Reader
	n      int64
	starts []int64 // offsets of the first byte of lines 2, 3, …
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			c.starts = append(c.starts, c.n+int64(i)+1)
		}
	}
	c.n += int64(n)
	return n, err
}

func (c *lineCounter) position(off int64) (line, col int) {
	i := sort.Search(len(c.starts), func(i int) bool { return c.starts[i] > off })
	start := int64(0)
	if i > 0 {
		start = c.starts[i-1]
	}
	return i + 1, int(off-start) + 1
}
