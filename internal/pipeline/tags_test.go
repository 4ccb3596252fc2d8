package pipeline

import (
	"html"
	"strings"
)

// tag is a start tag as a browser's tokenizer sees it: lower-case name and attributes, values
// with character references decoded.
type tag struct {
	name  string
	attrs []attr
	text  string // for script and style: the raw text up to the end tag
}

type attr struct {
	name, value string
	quote       byte // '"', '\'', or 0 when unquoted or without a value
}

// tags tokenizes an HTML page the way the HTML standard's tokenizer does, as far as the
// tests below need: comments, doctype and end tags are skipped, script and style contents
// are raw text, and attribute values may be double-quoted, single-quoted or unquoted. It
// does not trust the page to be well-formed, so a payload that escaped the templates' escaping
// shows up as a tag here. golang.org/x/net/html would do this too, but it is not a dependency
// of the module and this is all the tests need.
func tags(page string) []tag {
	var out []tag
	s := page
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 || i+1 >= len(s) {
			return out
		}
		s = s[i+1:]
		switch {
		case strings.HasPrefix(s, "!--"):
			end := strings.Index(s[3:], "-->")
			if end < 0 {
				return out
			}
			s = s[3+end+3:]
			continue
		case s[0] == '!' || s[0] == '?' || s[0] == '/':
			end := strings.IndexByte(s, '>')
			if end < 0 {
				return out
			}
			s = s[end+1:]
			continue
		case !isLetter(s[0]):
			continue
		}
		var t tag
		n := 0
		for n < len(s) && !isSpace(s[n]) && s[n] != '/' && s[n] != '>' {
			n++
		}
		t.name, s = strings.ToLower(s[:n]), s[n:]
		for {
			s = strings.TrimLeft(s, " \t\n\f\r/")
			if s == "" || s[0] == '>' {
				break
			}
			n = 1 // an attribute name may start with "=", as the standard says
			for n < len(s) && !isSpace(s[n]) && s[n] != '/' && s[n] != '>' && s[n] != '=' {
				n++
			}
			a := attr{name: strings.ToLower(s[:n])}
			s = strings.TrimLeft(s[n:], " \t\n\f\r")
			if strings.HasPrefix(s, "=") {
				s = strings.TrimLeft(s[1:], " \t\n\f\r")
				var v string
				if s != "" && (s[0] == '"' || s[0] == '\'') {
					a.quote = s[0]
					end := strings.IndexByte(s[1:], s[0])
					if end < 0 {
						end = len(s) - 1
					}
					v, s = s[1:1+end], s[min(len(s), 2+end):]
				} else {
					n = 0
					for n < len(s) && !isSpace(s[n]) && s[n] != '>' {
						n++
					}
					v, s = s[:n], s[n:]
				}
				a.value = html.UnescapeString(v)
			}
			t.attrs = append(t.attrs, a)
		}
		if t.name == "script" || t.name == "style" {
			end := strings.Index(strings.ToLower(s), "</"+t.name)
			if end < 0 {
				end = len(s)
			}
			t.text, s = strings.TrimPrefix(s[:end], ">"), s[end:]
		}
		out = append(out, t)
	}
}

func (t tag) attr(name string) (string, bool) {
	for _, a := range t.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// urlScheme returns the lower-case scheme of a URL attribute's value as a browser reads it
// (control characters and spaces trimmed, tabs and newlines removed), or "" for none.
func urlScheme(v string) string {
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case isLetter(c):
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(v[:i])
		default:
			return ""
		}
	}
	return ""
}
