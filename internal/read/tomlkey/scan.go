package tomlkey

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Build scans src and returns its index.
//
// Build does not validate TOML: it follows the structure of a document the decoder accepts,
// and returns an *Error for input it cannot follow. It refuses, with an error wrapping
// ErrTooDeep, any path deeper than MaxDepth, so that a caller can refuse such input before
// handing it to the decoder, whose recursion it would otherwise feed. Where a document assigns
// a key twice, Key and Value keep its first place, and Nth has both. The decoder refuses such
// a document, but for a quirk of BurntSushi/toml v1.6.0: it lets a."" = [] be assigned again,
// and keeps the last value.
func Build(src []byte) (*Index, error) {
	// Most documents hold about a path a line: size for that.
	n := bytes.Count(src, []byte("\n")) + 1
	s := &scanner{
		src:    src,
		line:   1,
		tables: map[string]int{},
		ix: &Index{
			entries: make([]entry, 0, n),
			byPath:  make(map[string]int, n),
			byPlain: make(map[string][]int, n),
		},
	}
	// Skip a byte order mark, as the decoder does: UTF-8, or the UTF-16 ones it also drops.
	for _, bom := range []string{"\xef\xbb\xbf", "\xff\xfe", "\xfe\xff"} {
		if bytes.HasPrefix(src, []byte(bom)) {
			s.off, s.lineStart = len(bom), len(bom)
			break
		}
	}
	if err := s.document(); err != nil {
		return nil, err
	}
	return s.ix, nil
}

// path is a key path, with and without array indices.
type path struct {
	full  string // "a[1].b"
	plain string // "a.b"
	depth int    // keys and indices in full
}

// child returns the path of key name in table p.
func (p path) child(name string) path {
	q := quote(name)
	if p.depth == 0 {
		return path{q, q, 1}
	}
	return path{p.full + "." + q, p.plain + "." + q, p.depth + 1}
}

// elem returns the path of element i of array p.
func (p path) elem(i int) path {
	return path{p.full + "[" + strconv.Itoa(i) + "]", p.plain, p.depth + 1}
}

// quote writes a key as BurntSushi/toml's Key.String does: bare when it can be, else in
// double quotes with escapes.
func quote(name string) string {
	if name == "" {
		return `""`
	}
	for i := 0; i < len(name); i++ {
		if !isBare(name[i]) {
			return `"` + quoter.Replace(name) + `"`
		}
	}
	return name
}

// quoter escapes a key as BurntSushi/toml's Key.String does.
var quoter = func() *strings.Replacer {
	pairs := []string{`"`, `\"`, `\`, `\\`, "\x7f", `\u007f`}
	short := map[rune]string{'\b': `\b`, '\t': `\t`, '\n': `\n`, '\f': `\f`, '\r': `\r`}
	for c := rune(0); c < 0x20; c++ {
		esc, ok := short[c]
		if !ok {
			esc = fmt.Sprintf(`\u%04x`, c)
		}
		pairs = append(pairs, string(c), esc)
	}
	return strings.NewReplacer(pairs...)
}()

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// isScalar reports whether c can be part of a number, date, time, boolean, inf or nan.
func isScalar(c byte) bool {
	return isBare(c) || c == '.' || c == ':' || c == '+'
}

// scanner reads a document. Its methods stop at the first error; every loop consumes input or
// ends, and recursion is bounded by MaxDepth.
type scanner struct {
	src       []byte
	off       int // offset of the next byte
	line      int // line of the next byte
	lineStart int // offset of the first counted byte of that line
	ix        *Index
	tables    map[string]int // arrays of tables, by full path → tables so far
}

func (s *scanner) pos() Pos { return Pos{s.line, s.off - s.lineStart + 1} }

func (s *scanner) eof() bool { return s.off >= len(s.src) }

// at reports whether the next byte is c.
func (s *scanner) at(c byte) bool { return s.off < len(s.src) && s.src[s.off] == c }

// has reports whether the input continues with prefix.
func (s *scanner) has(prefix string) bool {
	if len(s.src)-s.off < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if s.src[s.off+i] != prefix[i] {
			return false
		}
	}
	return true
}

// next consumes one byte, counting lines.
func (s *scanner) next() {
	if s.src[s.off] == '\n' {
		s.line++
		s.lineStart = s.off + 1
	}
	s.off++
}

func (s *scanner) errorf(p Pos, format string, args ...any) error {
	return &Error{Pos: p, Msg: fmt.Sprintf(format, args...)}
}

// found describes the next byte for an error message.
func (s *scanner) found() string {
	if s.eof() {
		return "end of file"
	}
	r, size := utf8.DecodeRune(s.src[s.off:])
	if r == utf8.RuneError && size == 1 {
		return fmt.Sprintf("byte %#02x", s.src[s.off])
	}
	return strconv.QuoteRune(r)
}

// deeper returns p, or an error at pos if p is deeper than MaxDepth.
func (s *scanner) deeper(p path, at Pos) (path, error) {
	if p.depth > MaxDepth {
		return p, &Error{Pos: at, Msg: fmt.Sprintf("nested deeper than %d levels", MaxDepth), Err: ErrTooDeep}
	}
	return p, nil
}

// space skips spaces and tabs.
func (s *scanner) space() {
	for s.at(' ') || s.at('\t') {
		s.off++
	}
}

// blank skips whitespace, line breaks and comments.
func (s *scanner) blank() {
	for !s.eof() {
		switch s.src[s.off] {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			s.comment()
		default:
			return
		}
	}
}

// comment skips a comment up to its line break.
func (s *scanner) comment() {
	for !s.eof() && s.src[s.off] != '\n' {
		s.off++
	}
}

// endLine consumes what may follow a key/value pair or a header on its line.
func (s *scanner) endLine(what string) error {
	s.space()
	if s.at('#') {
		s.comment()
	}
	if s.eof() || s.at('\n') || s.at('\r') {
		return nil
	}
	return s.errorf(s.pos(), "expected the end of the line after %s, found %s", what, s.found())
}

// document scans the whole input.
func (s *scanner) document() error {
	var table path // the table the last header opened
	for {
		s.blank()
		if s.eof() {
			return nil
		}
		var err error
		what := "a header"
		if s.at('[') {
			table, err = s.header()
		} else {
			what = "a value"
			err = s.keyval(table)
		}
		if err != nil {
			return err
		}
		if err := s.endLine(what); err != nil {
			return err
		}
	}
}

// header scans a [table] or [[array of tables]] header and returns the table it opens.
func (s *scanner) header() (path, error) {
	start := s.pos()
	s.off++ // '['
	array := s.at('[')
	if array {
		s.off++
	}
	s.space()
	keys, err := s.key()
	if err != nil {
		return path{}, err
	}
	s.space()
	if !s.at(']') {
		return path{}, s.errorf(s.pos(), "expected '.' or ']' in the header, found %s", s.found())
	}
	s.off++
	if array {
		if !s.at(']') {
			return path{}, s.errorf(s.pos(), "expected ']' to close the [[header]], found %s", s.found())
		}
		s.off++
	}

	p, err := s.within(path{}, keys)
	if err != nil {
		return path{}, err
	}
	last := keys[len(keys)-1]
	if array {
		// The array as a whole stands where its first header names it.
		s.ix.add(p, implicit, last.pos, start)
		n := s.tables[p.full]
		s.tables[p.full] = n + 1
		if p, err = s.deeper(p.elem(n), last.pos); err != nil {
			return path{}, err
		}
	}
	s.ix.add(p, explicit, last.pos, start)
	return p, nil
}

// within returns the path of dotted key keys in table t, recording the tables its first
// parts name. A part that names an array of tables means the last table of that array.
func (s *scanner) within(t path, keys []keyPart) (path, error) {
	p := t
	for i, k := range keys {
		var err error
		if p, err = s.deeper(p.child(k.name), k.pos); err != nil {
			return path{}, err
		}
		if i == len(keys)-1 {
			break
		}
		s.ix.add(p, implicit, k.pos, k.pos)
		if n, ok := s.tables[p.full]; ok {
			if p, err = s.deeper(p.elem(n-1), k.pos); err != nil {
				return path{}, err
			}
		}
	}
	return p, nil
}

// keyval scans a key/value pair in table t.
func (s *scanner) keyval(t path) error {
	keys, err := s.key()
	if err != nil {
		return err
	}
	s.space()
	if !s.at('=') {
		return s.errorf(s.pos(), "expected '.' or '=' after a key, found %s", s.found())
	}
	s.off++
	s.space()
	p, err := s.within(t, keys)
	if err != nil {
		return err
	}
	s.ix.add(p, explicit, keys[len(keys)-1].pos, s.pos())
	return s.value(p)
}

// keyPart is one part of a dotted key, and where it stands.
type keyPart struct {
	name string
	pos  Pos
}

// key scans a dotted key, with any spaces around its dots.
func (s *scanner) key() ([]keyPart, error) {
	var keys []keyPart
	for {
		at := s.pos()
		var name string
		switch {
		case s.at('"'):
			raw, err := s.basic()
			if err != nil {
				return nil, err
			}
			name = unescape(raw)
		case s.at('\''):
			raw, err := s.literal()
			if err != nil {
				return nil, err
			}
			name = string(raw)
		default:
			start := s.off
			for s.off < len(s.src) && isBare(s.src[s.off]) {
				s.off++
			}
			if s.off == start {
				return nil, s.errorf(at, "expected a key, found %s", s.found())
			}
			name = string(s.src[start:s.off])
		}
		keys = append(keys, keyPart{name, at})
		s.space()
		if !s.at('.') {
			return keys, nil
		}
		s.off++
		s.space()
	}
}

// value scans the value of path p.
func (s *scanner) value(p path) error {
	at := s.pos()
	switch {
	case s.has(`"""`):
		return s.multiline('"')
	case s.has(`'''`):
		return s.multiline('\'')
	case s.at('"'):
		_, err := s.basic()
		return err
	case s.at('\''):
		_, err := s.literal()
		return err
	case s.at('['):
		return s.array(p)
	case s.at('{'):
		return s.inlineTable(p)
	}
	start := s.off
	for s.off < len(s.src) && isScalar(s.src[s.off]) {
		s.off++
		// A date and a time may stand apart: 1979-05-27 07:32:00.
		if s.off-start == 10 && s.src[start+4] == '-' && s.has(" ") && s.off+1 < len(s.src) && isDigit(s.src[s.off+1]) {
			s.off++
		}
	}
	if s.off == start {
		return s.errorf(at, "expected a value, found %s", s.found())
	}
	return nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// array scans an inline array, the value of p.
func (s *scanner) array(p path) error {
	open := s.pos()
	s.off++ // '['
	for i := 0; ; i++ {
		s.blank()
		if s.eof() {
			return s.errorf(open, "unterminated array")
		}
		if s.at(']') {
			s.off++
			return nil
		}
		at := s.pos()
		e, err := s.deeper(p.elem(i), at)
		if err != nil {
			return err
		}
		s.ix.add(e, element, at, at)
		if err := s.value(e); err != nil {
			return err
		}
		s.blank()
		switch {
		case s.at(','):
			s.off++
		case s.at(']'):
			s.off++
			return nil
		case s.eof():
			return s.errorf(open, "unterminated array")
		default:
			return s.errorf(s.pos(), "expected ',' or ']' after an array element, found %s", s.found())
		}
	}
}

// inlineTable scans an inline table, the value of p. Like the decoder, it accepts line breaks,
// comments and a trailing comma inside, as TOML 1.1 does.
func (s *scanner) inlineTable(p path) error {
	open := s.pos()
	s.off++ // '{'
	for {
		s.blank()
		if s.eof() {
			return s.errorf(open, "unterminated inline table")
		}
		if s.at('}') {
			s.off++
			return nil
		}
		if err := s.keyval(p); err != nil {
			return err
		}
		s.blank()
		switch {
		case s.at(','):
			s.off++
		case s.at('}'):
			s.off++
			return nil
		case s.eof():
			return s.errorf(open, "unterminated inline table")
		default:
			return s.errorf(s.pos(), "expected ',' or '}' after a key/value pair, found %s", s.found())
		}
	}
}

// basic scans a one-line basic string and returns its content, escapes undone.
func (s *scanner) basic() ([]byte, error) {
	open := s.pos()
	s.off++ // '"'
	start := s.off
	for !s.eof() {
		switch s.src[s.off] {
		case '"':
			s.off++
			return s.src[start : s.off-1], nil
		case '\\':
			s.off++
			if !s.eof() && s.src[s.off] != '\n' {
				s.off++
			}
		case '\n':
			return nil, s.errorf(s.pos(), "line break in a one-line string")
		default:
			s.off++
		}
	}
	return nil, s.errorf(open, "unterminated string")
}

// literal scans a one-line literal string and returns its content.
func (s *scanner) literal() ([]byte, error) {
	open := s.pos()
	s.off++ // '\''
	start := s.off
	for !s.eof() {
		switch s.src[s.off] {
		case '\'':
			s.off++
			return s.src[start : s.off-1], nil
		case '\n':
			return nil, s.errorf(s.pos(), "line break in a one-line string")
		default:
			s.off++
		}
	}
	return nil, s.errorf(open, "unterminated string")
}

// multiline scans a multi-line string opened by three quotes q. A run of up to five quotes
// closes it: the last three close, the others belong to the string.
func (s *scanner) multiline(q byte) error {
	open := s.pos()
	s.off += 3
	for !s.eof() {
		switch c := s.src[s.off]; {
		case c == q:
			n := 0
			for s.at(q) {
				s.off++
				n++
			}
			if n >= 3 {
				return nil
			}
		case c == '\\' && q == '"':
			s.off++
			if !s.eof() {
				s.next()
			}
		default:
			s.next()
		}
	}
	return s.errorf(open, "unterminated multi-line string")
}

// unescape undoes the escapes of a basic string, as the decoder does. It leaves an invalid
// escape as it stands: the decoder reports it.
func unescape(raw []byte) string {
	i := strings.IndexByte(string(raw), '\\')
	if i < 0 {
		return string(raw)
	}
	var b strings.Builder
	b.Write(raw[:i])
	for ; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 == len(raw) {
			b.WriteByte(c)
			continue
		}
		if r, ok := simpleEscapes[raw[i+1]]; ok {
			b.WriteByte(r)
			i++
			continue
		}
		digits := 0
		switch raw[i+1] {
		case 'x':
			digits = 2
		case 'u':
			digits = 4
		case 'U':
			digits = 8
		}
		if digits > 0 && i+2+digits <= len(raw) {
			n, err := strconv.ParseUint(string(raw[i+2:i+2+digits]), 16, 32)
			if err == nil && utf8.ValidRune(rune(n)) {
				b.WriteRune(rune(n))
				i += 1 + digits
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

var simpleEscapes = map[byte]byte{
	'b': '\b', 't': '\t', 'n': '\n', 'f': '\f', 'r': '\r', 'e': 0x1b, '"': '"', '\\': '\\',
}
