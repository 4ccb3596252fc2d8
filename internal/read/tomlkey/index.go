// Package tomlkey finds where each key of a TOML document stands, so that an error about a
// key can name its line and column.
//
// Paths are written as BurntSushi/toml's Key.String writes keys, with array indices added:
// "title", "a.b.c", `site."odd.key"`, "assessments[1].level", "criteria[0].indicators[2].id",
// "successors[1].code" for successors = [{code = "1"}, {code = "2"}], "aliases[0]".
//
// The decoder's MetaData.Keys and MetaData.Undecoded report keys without indices, in document
// order, once for each place a key is written; [Index.Nth] counts places the same way. To
// point at each unknown key:
//
//	ix, err := tomlkey.Build(src) // first: it refuses input nested too deep to decode
//	...
//	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&v)
//	...
//	seen := map[string]int{}
//	for _, k := range md.Undecoded() {
//		name := k.String()
//		pos, _ := ix.Nth(name, seen[name]) // this report's place of the key
//		seen[name]++
//		report(pos, "unknown key %q", name)
//	}
//
// [Index.Indexed] names the same place with indices, for [Index.Value]: an unknown table is
// best shown at its header's '['. A decoding error names a key without indices and a line:
// the place is the Nth whose Key stands on that line. For TOML inside another file, such as
// a story's front matter, add the lines before it to Line.
package tomlkey

import (
	"errors"
	"strconv"
)

// MaxDepth is the longest path Build accepts, counting keys and array indices: "a.b[0].c" is 4
// deep. It bounds the nesting of arrays and inline tables, whose decoding recurses.
const MaxDepth = 64

// ErrTooDeep is the cause of the error Build returns for input nested deeper than MaxDepth.
var ErrTooDeep = errors.New("nested too deep")

// Pos is a 1-based line and column. Columns count bytes from the start of the line, like
// go/scanner's. A byte order mark at the start of the input is not counted, so that the
// first key of the first line is in column 1, as the TOML decoder and editors report it.
type Pos struct{ Line, Col int }

// String returns "line:col".
func (p Pos) String() string { return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col) }

// Error is input that Build cannot scan, and where it stands.
type Error struct {
	Pos Pos
	Msg string
	Err error // ErrTooDeep for input nested too deep, else nil
}

// Error returns "line:col: msg".
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Unwrap returns the cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Index maps every key path of a TOML document to where it stands. A nil *Index holds no
// paths.
type Index struct {
	entries []entry          // every place a path is named, in document order
	byPath  map[string]int   // path → its defining entry
	byPlain map[string][]int // path without indices → its explicit entries, in order
}

// kind says how an entry names its path.
type kind uint8

const (
	// explicit: a key assigned a value, or a [table] or [[array]] header: one of the keys
	// the decoder's MetaData.Keys lists.
	explicit kind = iota
	// implicit: a table named only as part of a longer key or header, or an array of tables
	// as a whole, where its first header stands.
	implicit
	// element: an element of an inline array, which has no key.
	element
)

type entry struct {
	path  string
	key   Pos
	value Pos
	kind  kind
}

// Key returns the position of the key that names path: the last part of a dotted key or of a
// table header. An element of an inline array has no key: Key returns where its value starts.
// A table named only as part of longer keys ("a" in "a.b = 1" or [a.b]) is where it is first
// named; an array of tables as a whole ("assessments") is where its first header names it.
func (ix *Index) Key(path string) (Pos, bool) {
	e, ok := ix.lookup(path)
	return e.key, ok
}

// Value returns the position of the first character of the value of path: a string's opening
// quote, an array's '[', an inline table's '{'. For a table or array of tables given by a
// header, it is the header's first '['. A table named only as part of longer keys has no value
// of its own: Value returns where it is first named, like Key.
func (ix *Index) Value(path string) (Pos, bool) {
	e, ok := ix.lookup(path)
	return e.value, ok
}

func (ix *Index) lookup(path string) (entry, bool) {
	if ix == nil {
		return entry{}, false
	}
	i, ok := ix.byPath[path]
	if !ok {
		return entry{}, false
	}
	return ix.entries[i], true
}

// Nth returns the position of the key of the nth (from 0) place where path, written without
// array indices, is assigned or opens a table: "assessments.level" with n = 1 is the level key
// of the second [[assessments]] table that has one. It counts as the decoder's MetaData.Keys
// and MetaData.Undecoded list keys, so the kth report of a key there is Nth(key, k).
func (ix *Index) Nth(path string, n int) (Pos, bool) {
	i, ok := ix.nth(path, n)
	if !ok {
		return Pos{}, false
	}
	return ix.entries[i].key, true
}

// Indexed returns the path, with array indices, of the nth place Nth(path, n) finds:
// Indexed("assessments.level", 1) is "assessments[1].level" when each assessment sets a level.
func (ix *Index) Indexed(path string, n int) (string, bool) {
	i, ok := ix.nth(path, n)
	if !ok {
		return "", false
	}
	return ix.entries[i].path, true
}

func (ix *Index) nth(path string, n int) (int, bool) {
	if ix == nil || n < 0 {
		return 0, false
	}
	list := ix.byPlain[path]
	if n >= len(list) {
		return 0, false
	}
	return list[n], true
}

// Paths returns every path that Key and Value know, in the order the document defines them.
func (ix *Index) Paths() []string {
	if ix == nil {
		return nil
	}
	paths := make([]string, 0, len(ix.byPath))
	for i, e := range ix.entries {
		if ix.byPath[e.path] == i {
			paths = append(paths, e.path)
		}
	}
	return paths
}

// add records that path p is named at key with its value at value. An explicit entry defines
// its path unless an explicit one already does; an implicit one only names a path nothing
// has named yet.
func (ix *Index) add(p path, k kind, key, value Pos) {
	i, seen := ix.byPath[p.full]
	if seen && (k == implicit || ix.entries[i].kind == explicit) {
		if k == explicit {
			ix.byPlain[p.plain] = append(ix.byPlain[p.plain], len(ix.entries))
			ix.entries = append(ix.entries, entry{p.full, key, value, k})
		}
		return
	}
	ix.byPath[p.full] = len(ix.entries)
	if k == explicit {
		ix.byPlain[p.plain] = append(ix.byPlain[p.plain], len(ix.entries))
	}
	ix.entries = append(ix.entries, entry{p.full, key, value, k})
}
