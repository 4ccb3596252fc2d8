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
)

// decodeTOML decodes src, the content of file, into v. Syntax errors, type errors and keys
// that v has no field for are reported with their positions; unknown keys are errors, so a typo
// such as "levle" is never silently ignored. Fatal is true when v could not be decoded whole
// (a syntax or type error); unknown keys alone leave v complete.
func decodeTOML(file string, src []byte, v any) (errs diag.List, fatal bool) {
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
			return errs, true
		}
		pos := diag.Pos{File: file}
		msg := err.Error()
		// Type errors name the key and its line; point at the value.
		if k := keyInError(msg); k != "" {
			pos.Line, pos.Col = findKeyOnLine(src, k, lineInError(msg))
		}
		errs = append(errs, &diag.Diagnostic{Pos: pos, Severity: diag.Error, Msg: valueMessage(msg), Err: err})
		return errs, true
	}
	// An array of tables repeats its keys: the nth report of a key is its nth place.
	seen := map[string]int{}
	for _, k := range md.Undecoded() {
		pos := diag.Pos{File: file}
		pos.Line, pos.Col = findKeyN(src, k.String(), seen[k.String()])
		seen[k.String()]++
		errs.Errorf(pos, "unknown key %q", k.String())
	}
	return errs, false
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
	header  = regexp.MustCompile(`^\s*\[\[?\s*([^\[\]]*?)\s*\]\]?\s*(?:#.*)?$`)
	dotted  = regexp.MustCompile(`\s*\.\s*`)
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

// findKeyOnLine returns the position of the value of the dotted key k on line n of src (or of
// k itself when it opens a table there), the line alone (column 0) when k does not stand there,
// or findKey's answer when n is not a line of src.
func findKeyOnLine(src []byte, k string, n int) (line, col int) {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return findKey(src, k)
	}
	text := lines[n-1]
	_, c := findKey([]byte(text), k)
	if c == 0 {
		return n, 0
	}
	if header.MatchString(text) {
		return n, c
	}
	if eq := strings.IndexByte(text[c-1:], '='); eq >= 0 {
		v := c + eq
		for v < len(text) && (text[v] == ' ' || text[v] == '\t') {
			v++
		}
		return n, v + 1
	}
	return n, c
}

// findKey returns the line and column where the dotted key k is assigned or opens a table
// in src, or zeros: see findKeyN.
func findKey(src []byte, k string) (line, col int) { return findKeyN(src, k, 0) }

// findKeyN returns the line and column of the (n+1)th place where the dotted key k is
// assigned or opens a table in src, counting the tables of an array alike: the key
// "assessments.level" stands on each "level =" line under a "[[assessments]]" header. When k
// stands fewer than n+1 times it returns k's last place; when k stands nowhere, the first line
// where k's last part is assigned in any table, as a bare, quoted or inline-table key, so that
// "level" finds the first "level =" line of the file. Zeros when nothing matches.
func findKeyN(src []byte, k string, n int) (line, col int) {
	parts := strings.Split(k, ".")
	last := parts[len(parts)-1]
	table := strings.Join(parts[:len(parts)-1], ".")
	assign := regexp.MustCompile(`^(\s*)(?:"` + regexp.QuoteMeta(last) + `"|` + regexp.QuoteMeta(last) + `)\s*=`)
	inline := regexp.MustCompile(`[{,]\s*(` + regexp.QuoteMeta(last) + `)\s*=`)
	var first, exact [2]int
	found := 0
	cur := ""
	for i, l := range strings.Split(string(src), "\n") {
		at := [2]int{}
		isExact := false
		if m := header.FindStringSubmatchIndex(l); m != nil {
			cur = dotted.ReplaceAllString(l[m[2]:m[3]], ".")
			if cur == k {
				at, isExact = [2]int{i + 1, strings.IndexByte(l, '[') + 1}, true
			}
		} else if m := assign.FindStringSubmatchIndex(l); m != nil {
			at, isExact = [2]int{i + 1, m[3] + 1}, cur == table
		} else if m := inline.FindStringSubmatchIndex(l); m != nil {
			at = [2]int{i + 1, m[2] + 1}
		}
		if at[0] == 0 {
			continue
		}
		if first[0] == 0 {
			first = at
		}
		if isExact {
			exact = at
			if found == n {
				return at[0], at[1]
			}
			found++
		}
	}
	if exact[0] != 0 {
		return exact[0], exact[1]
	}
	return first[0], first[1]
}

// posOf returns the position of key k in src, for errors about a decoded value.
func posOf(file string, src []byte, k string) diag.Pos {
	l, c := findKey(src, k)
	return diag.Pos{File: file, Line: l, Col: c}
}
