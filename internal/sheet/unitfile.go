package sheet

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ntm-atlas/atlas/internal/read/tomlkey"
)

// splitAssessments returns the part of a unit file before its first [[assessments]] table:
// the bytes Import keeps as they are. Everything from that table on is the unit's
// assessments, which Import writes anew (contentfile.WithAssessments). A file whose
// assessments are not written as [[assessments]] tables after every other key cannot be cut
// so, and is an error.
func splitAssessments(data []byte) ([]byte, error) {
	ix, err := tomlkey.Build(data)
	if err != nil {
		return nil, err
	}
	first := 0
	for _, p := range ix.Paths() {
		if isAssessment(p) {
			if k, ok := ix.Key(p); ok && (first == 0 || k.Line < first) {
				first = k.Line
			}
		}
	}
	if first == 0 {
		return data, nil
	}
	for _, p := range ix.Paths() {
		if k, ok := ix.Key(p); ok && !isAssessment(p) && k.Line >= first {
			return nil, fmt.Errorf("line %d: %q follows the assessments; Import writes the assessments last, as [[assessments]] tables: move it above them", k.Line, p)
		}
	}
	cut := lineStart(data, first)
	if !bytes.HasPrefix(bytes.TrimLeft(data[cut:], " \t"), []byte("[[")) {
		return nil, fmt.Errorf("line %d: the assessments are not written as [[assessments]] tables", first)
	}
	return data[:cut], nil
}

func isAssessment(p string) bool {
	return p == "assessments" || strings.HasPrefix(p, "assessments[") || strings.HasPrefix(p, "assessments.")
}

// lineStart returns the offset of the start of line n (from 1) in data.
func lineStart(data []byte, n int) int {
	off := 0
	for ; n > 1; n-- {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	return off
}
