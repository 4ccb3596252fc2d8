package sheet

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read/tomlkey"
)

// splitAssessments returns the part of a unit file before its first [[assessments]] table:
// the bytes Import keeps as they are. Everything from that table on is the unit's
// assessments, which Import writes anew. A file whose assessments are not written as
// [[assessments]] tables after every other key cannot be cut so, and is an error.
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

// unitFile returns the file with prefix, as splitAssessments returns it, and the
// assessments as tables in canonical form, separated from what comes before by a blank line.
func unitFile(prefix []byte, as []*model.Assessment) []byte {
	eol := "\n"
	if bytes.Contains(prefix, []byte("\r\n")) {
		eol = "\r\n"
	}
	var b bytes.Buffer
	b.Write(prefix)
	if len(as) == 0 {
		return b.Bytes()
	}
	if b.Len() > 0 && !bytes.HasSuffix(prefix, []byte("\n")) {
		b.WriteString(eol)
	}
	if b.Len() > 0 && !bytes.HasSuffix(b.Bytes(), []byte(eol+eol)) {
		b.WriteString(eol)
	}
	for i, a := range as {
		if i > 0 {
			b.WriteString(eol)
		}
		line := func(format string, args ...any) { fmt.Fprintf(&b, format+eol, args...) }
		line("[[assessments]]")
		line("criteria_set = %s", tomlString(a.CriteriaSet))
		line("as_of = %s", a.AsOf.Format(time.DateOnly))
		line("level = %s", tomlString(a.Level))
		if len(a.CriteriaMet) > 0 {
			ids := make([]string, len(a.CriteriaMet))
			for i, id := range a.CriteriaMet {
				ids[i] = tomlString(id)
			}
			line("criteria_met = [%s]", strings.Join(ids, ", "))
		}
		if a.SourceURL != "" {
			line("source_url = %s", tomlString(a.SourceURL))
		}
		if a.Note != "" {
			line("note = %s", tomlString(a.Note))
		}
		if a.NoteEn != "" {
			line("note_en = %s", tomlString(a.NoteEn))
		}
	}
	return b.Bytes()
}

// newUnitFile is the head of the status file of a unit known until now only from its
// boundary.
func newUnitFile(u *model.Unit) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s: current unit since %s.\n", u.FullName(), model.ReformDate.Format(time.DateOnly))
	fmt.Fprintf(&b, "code = %s\nname = %s\n", tomlString(u.Code), tomlString(u.Name))
	if u.Type != "" {
		fmt.Fprintf(&b, "type = %s\n", tomlString(u.Type))
	}
	fmt.Fprintf(&b, "province = %s\n", tomlString(u.Province))
	return b.Bytes()
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
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
	return b.String()
}
