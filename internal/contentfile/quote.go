package contentfile

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote returns s as a TOML basic string, "…", that every TOML 1.0 reader decodes back to s:
// a quotation mark, a backslash, a newline, a tab and a carriage return are written as \",
// \\, \n, \t and \r, every other control character (U+0000 to U+001F and U+007F) as \uXXXX,
// and all else as it is. Text without control characters is written as strconv.Quote writes
// printable text.
//
// A TOML file is UTF-8, and no escape stands for a byte that is not: for s that is not
// valid UTF-8, Quote returns an error and no string, rather than a string that reads back
// as other text.
func Quote(s string) (string, error) {
	if i := invalidUTF8(s); i >= 0 {
		return "", fmt.Errorf("%q is not UTF-8: byte %d is %#02x", s, i, s[i])
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String(), nil
}

// MustQuote is Quote for text known to be UTF-8, such as a constant. It panics if s is not.
func MustQuote(s string) string {
	q, err := Quote(s)
	if err != nil {
		panic("contentfile.MustQuote: " + err.Error())
	}
	return q
}

// A Quoter quotes the many strings of one file with Quote and keeps the first error, so that
// the file is checked once, when it is written out. The zero value is ready to use.
type Quoter struct {
	err error
}

// Quote returns s quoted by Quote, or "" if s is not UTF-8; Err then reports it.
func (q *Quoter) Quote(s string) string {
	v, err := Quote(s)
	if err != nil && q.err == nil {
		q.err = err
	}
	return v
}

// Err returns the first error of Quote, or nil.
func (q *Quoter) Err() error { return q.err }

// InComment returns s as it can stand in a TOML comment: each control character (which would
// end the comment, or which no TOML file may hold raw) and each line or paragraph separator
// replaced by a space, and each byte that is not UTF-8 by U+FFFD. A comment only describes,
// so it may differ from the text it names; ordinary text is returned as it is.
func InComment(s string) string {
	if strings.IndexFunc(s, badInComment) < 0 && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if badInComment(r) {
			return ' '
		}
		return r
	}, s)
}

func badInComment(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

// invalidUTF8 returns the offset of the first byte of s that is not UTF-8, or -1.
func invalidUTF8(s string) int {
	if utf8.ValidString(s) {
		return -1
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1 // not reached
}
