package read

import (
	"bytes"
	"fmt"
)

// Limits on the shape of a story's Markdown. The Markdown parser's time grows faster than
// the input on deeply nested blocks and on long runs of emphasis or link delimiters in one
// paragraph (a 16 KB line of ">" takes seconds); no news story comes near these limits, so
// a body beyond them is refused rather than allowed to stall the build.
const (
	MaxMarkdownDepth      = 16  // block quotes, list items and indentation steps on one line
	MaxMarkdownDelimiters = 256 // emphasis (* _ ~) or bracket ([ ]) delimiters in one paragraph
)

// MarkdownShapeError places a Markdown body beyond one of the limits.
type MarkdownShapeError struct {
	Line, Col int // 1-based, in the body
	Msg       string
}

func (e *MarkdownShapeError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// CheckMarkdownShape reports the first place where body nests blocks deeper than
// MaxMarkdownDepth or holds more than MaxMarkdownDelimiters emphasis or bracket delimiters in
// one paragraph, or nil. It reads body once.
func CheckMarkdownShape(body []byte) *MarkdownShapeError {
	emph, brackets := 0, 0
	for n, line := range bytes.Split(body, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			emph, brackets = 0, 0 // a blank line ends the paragraph
			continue
		}
		if d, col := lineDepth(line); d > MaxMarkdownDepth {
			return &MarkdownShapeError{Line: n + 1, Col: col, Msg: fmt.Sprintf("blocks nested %d deep; the limit is %d", d, MaxMarkdownDepth)}
		}
		for i, c := range line {
			switch c {
			case '*', '_', '~':
				emph++
			case '[', ']':
				brackets++
			default:
				continue
			}
			if emph > MaxMarkdownDelimiters || brackets > MaxMarkdownDelimiters {
				return &MarkdownShapeError{Line: n + 1, Col: i + 1, Msg: fmt.Sprintf("more than %d emphasis or bracket marks in one paragraph", MaxMarkdownDelimiters)}
			}
		}
	}
	return nil
}

// lineDepth estimates how deeply the start of line nests blocks: each block-quote marker and
// list marker counts one, and each two columns of indentation before the first marker count
// one (nested lists indent by two or more). It returns the estimate, once it passes
// MaxMarkdownDepth, and the column where it did; otherwise the estimate for the whole prefix.
func lineDepth(line []byte) (depth, col int) {
	indent := 0
	for i := 0; i < len(line); i++ {
		marker := false
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			if depth == 0 {
				if c == ' ' {
					indent++
				} else {
					indent += 4
				}
			}
		case c == '>':
			marker = true
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			marker = true
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 >= len(line) || (line[j] != '.' && line[j] != ')') || (line[j+1] != ' ' && line[j+1] != '\t') {
				return depth + indent/2, i + 1
			}
			marker = true
			i = j
		default:
			return depth + indent/2, i + 1
		}
		if marker {
			depth++
		}
		if depth+indent/2 > MaxMarkdownDepth {
			return depth + indent/2, i + 1
		}
	}
	return depth + indent/2, len(line) + 1
}
