package read

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/ntm-atlas/atlas/internal/diag"
)

// decodeTOML decodes src, the content of file, into v. Syntax errors, type errors and keys
// that v has no field for are reported with their positions; unknown keys are errors, so a typo
// such as "levle" is never silently ignored.
func decodeTOML(file string, src []byte, v any) diag.List {
	var errs diag.List
	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			errs = append(errs, &diag.Diagnostic{
				Pos:      diag.Pos{File: file, Line: pe.Position.Line, Col: pe.Position.Col},
				Severity: diag.Error,
				Msg:      "invalid TOML: " + pe.Message,
				Err:      err,
			})
			return errs
		}
		pos := diag.Pos{File: file}
		msg := err.Error()
		// Type errors name the key and its line; point at the value.
		if k := keyInError(msg); k != "" {
			pos.Line, pos.Col = findKeyOnLine(src, k, lineInError(msg))
		}
		errs.Wrap(pos, err, "invalid value")
		return errs
	}
	// An array of tables repeats its keys: the nth report of a key is its nth place.
	seen := map[string]int{}
	for _, k := range md.Undecoded() {
		pos := diag.Pos{File: file}
		pos.Line, pos.Col = findKeyN(src, k.String(), seen[k.String()])
		seen[k.String()]++
		errs.Errorf(pos, "unknown key %q", k.String())
	}
	return errs
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
