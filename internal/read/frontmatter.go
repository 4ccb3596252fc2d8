package read

import (
	"bytes"
	"fmt"
)

// FrontMatterError is a problem with a story's front matter block, at a line.
type FrontMatterError struct {
	Line int
	Msg  string
}

func (e *FrontMatterError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// SplitFrontMatter splits a story into its TOML front matter (between two lines of "+++") and
// its Markdown body. bodyLine is the line of the file on which the body starts. A leading UTF-8
// byte order mark is ignored. YAML front matter ("---") is refused with a message that says so.
func SplitFrontMatter(src []byte) (front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	first = bytes.TrimRight(first, "\r \t")
	switch string(first) {
	case "+++":
	case "---":
		return nil, nil, 0, &FrontMatterError{Line: 1, Msg: `front matter is YAML ("---"); write it in TOML between "+++" lines`}
	default:
		return nil, nil, 0, &FrontMatterError{Line: 1, Msg: `missing front matter: the file must start with a "+++" line`}
	}
	line := 2
	start := rest
	off := 0
	for len(rest) > 0 {
		l, next, found := bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(l, "\r \t")) == "+++" {
			front = start[:off]
			if !found {
				next = nil
			}
			return front, next, line + 1, nil
		}
		off += len(l) + 1
		rest = next
		line++
		if !found {
			break
		}
	}
	return nil, nil, 0, &FrontMatterError{Line: 1, Msg: `unterminated front matter: no closing "+++" line`}
}
