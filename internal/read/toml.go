package read

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/read/tomlkey"
)

// decodeTOML decodes src, the content of file, into v. Syntax errors, type errors and keys
// that v has no field for are reported with their positions; unknown keys are errors, so a typo
// such as "levle" is never silently ignored. Fatal is true when v could not be decoded whole
// (a syntax or type error, or nesting too deep to decode safely); unknown keys alone leave v
// complete. The index places every key of src, for later diagnostics; it is nil when src
// cannot be scanned.
func decodeTOML(file string, src []byte, v any) (ix *tomlkey.Index, errs diag.List, fatal bool) {
	ix, ierr := tomlkey.Build(src)
	var te *tomlkey.Error
	if errors.As(ierr, &te) && errors.Is(ierr, tomlkey.ErrTooDeep) {
		// The decoder recurses on nested arrays and tables: refuse before it runs.
		errs.Errorf(diag.Pos{File: file, Line: te.Pos.Line, Col: te.Pos.Col}, "invalid TOML: nested more than %d levels deep", tomlkey.MaxDepth)
		return nil, errs, true
	}
	if ierr != nil {
		ix = nil // the decoder reports the syntax error with its position
	}
	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			errs = append(errs, &diag.Diagnostic{
				Pos:      diag.Pos{File: file, Line: pe.Position.Line, Col: pe.Position.Col},
				Severity: diag.Error,
				Msg:      parseMessage(pe),
				Err:      err,
			})
			return ix, errs, true
		}
		pos := diag.Pos{File: file}
		msg := err.Error()
		// Type errors name the key, without indices, and its line: point at the value.
		if k := keyInError(msg); k != "" {
			pos.Line, pos.Col = valueOnLine(ix, k, lineInError(msg))
		}
		errs = append(errs, &diag.Diagnostic{Pos: pos, Severity: diag.Error, Msg: valueMessage(msg), Err: err})
		return ix, errs, true
	}
	// An array of tables repeats its keys: the kth report of a key is its kth place.
	seen := map[string]int{}
	for _, k := range md.Undecoded() {
		name := k.String()
		pos := diag.Pos{File: file}
		if p, ok := ix.Nth(name, seen[name]); ok {
			pos.Line, pos.Col = p.Line, p.Col
		}
		seen[name]++
		if hint, ok := renamedKeys[name]; ok {
			errs.Errorf(pos, "unknown key %q: %s", name, hint)
			continue
		}
		if strings.Contains(name, ".") && renamedKeys[name[:strings.Index(name, ".")]] != "" {
			continue // its table's error says what to write instead
		}
		errs.Errorf(pos, "unknown key %q", name)
	}
	return ix, errs, false
}

// renamedKeys are keys the atlas once read, with what to write instead.
var renamedKeys = map[string]string{
	"district_completions": `a district's completion is now an [[area_recognitions]] entry with scope = "district" and its district_code (docs/content.md)`,
}

// valueOnLine returns where the value of key k (written without indices) starts on line n,
// the line alone when k does not stand there, or zeros without an index.
func valueOnLine(ix *tomlkey.Index, k string, n int) (line, col int) {
	for i := 0; ; i++ {
		p, ok := ix.Nth(k, i)
		if !ok {
			break
		}
		if p.Line == n || n == 0 {
			if path, ok := ix.Indexed(k, i); ok {
				if v, ok := ix.Value(path); ok {
					return v.Line, v.Col
				}
			}
			return p.Line, p.Col
		}
	}
	return n, 0
}

var (
	errTypes = regexp.MustCompile(`incompatible types: TOML value has type (\S+); destination has type (\S+)`)
	errTime  = regexp.MustCompile(`parsing time "([^"]*)"`)
	errRange = regexp.MustCompile(`(\S+) is out of range for (\w+)`)
	errMsg   = regexp.MustCompile(`^toml: (?:line \d+ )?(?:\(last key "[^"]*"\): )?`)
)

// valueMessage rewrites the decoder's message about a value of the wrong type in the terms of
// the file's author: `invalid value for "year": want an integer, not a string`.
func valueMessage(msg string) string {
	key := keyInError(msg)
	what := "invalid value"
	if key != "" {
		what = fmt.Sprintf("invalid value for %q", key)
	}
	switch {
	case errTypes.MatchString(msg):
		m := errTypes.FindStringSubmatch(msg)
		return fmt.Sprintf("%s: want %s, not %s", what, tomlKind(m[2]), tomlKind(m[1]))
	case errTime.MatchString(msg):
		m := errTime.FindStringSubmatch(msg)
		return fmt.Sprintf("%s: want a date without quotes, like 2024-06-30, not the string %q", what, m[1])
	case errRange.MatchString(msg):
		m := errRange.FindStringSubmatch(msg)
		return fmt.Sprintf("%s: %s is too large", what, m[1])
	}
	return what + ": " + errMsg.ReplaceAllString(msg, "")
}

// parseMessage words a syntax error; a quoted date is a value error in the author's eyes.
func parseMessage(pe toml.ParseError) string {
	if m := errTime.FindStringSubmatch(pe.Message); m != nil {
		return fmt.Sprintf("invalid value for %q: want a date without quotes, like 2024-06-30, not the string %q", pe.LastKey, m[1])
	}
	return "invalid TOML: " + pe.Message
}

// tomlKind names a Go type from the decoder's messages as a kind of TOML value.
func tomlKind(t string) string {
	switch {
	case t == "string":
		return "a string"
	case t == "bool":
		return "true or false"
	case t == "integer" || strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "an integer"
	case t == "float" || strings.HasPrefix(t, "float"):
		return "a number"
	case t == "slice" || t == "array" || strings.HasPrefix(t, "[]"):
		return "an array"
	case t == "map" || t == "struct" || strings.HasPrefix(t, "map["):
		return "a table"
	case strings.Contains(t, "time") || strings.Contains(t, "Time") || strings.Contains(t, "Date"):
		return "a date"
	}
	return t
}

var (
	errKey  = regexp.MustCompile(`toml: (?:line \d+ )?\(?(?:last key|key) "?([^" )]+)"?`)
	errLine = regexp.MustCompile(`^toml: line (\d+)`)
)

func keyInError(msg string) string {
	if m := errKey.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return ""
}

// lineInError returns the line number a decoding error message starts with, or 0.
func lineInError(msg string) int {
	if m := errLine.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n
		}
	}
	return 0
}

// locate returns the position in ix of the key path k, which may carry indices
// ("assessments[1].level"): where its value starts. A key that the file does not set is placed
// at the nearest enclosing entry that it has ("assessments[1]" → its "[[assessments]]"
// header), so that "no level" points at the assessment that lacks one. Without indices, a key
// is placed at its first place. Zeros when nothing matches.
func locate(ix *tomlkey.Index, k string) (line, col int) {
	for p := k; p != ""; p = parentPath(p) {
		if v, ok := ix.Value(p); ok {
			return v.Line, v.Col
		}
		if v, ok := ix.Nth(p, 0); ok {
			return v.Line, v.Col
		}
	}
	return 0, 0
}

// parentPath drops the last part of a key path: "a.b[1].c" → "a.b[1]" → "a.b" → "a" → "".
// Quoted parts may hold dots and brackets.
func parentPath(p string) string {
	cut, quoted := 0, false
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && (c == '.' || c == '['):
			cut = i
		}
	}
	return p[:cut]
}
