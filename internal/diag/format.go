package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Format names a way to print diagnostics.
type Format string

// The formats Write knows.
const (
	// Text is gcc style, one per line: path:line:col: severity: message.
	Text Format = "text"
	// GitHub is GitHub Actions workflow commands, which annotate the changed files of a pull
	// request: ::error file=path,line=l,col=c::message.
	GitHub Format = "github"
	// JSON is one JSON document: {"diagnostics": [...], "errors": n, "warnings": n}.
	JSON Format = "json"
)

// Formats lists the formats Write knows, for usage messages.
var Formats = []Format{Text, GitHub, JSON}

// ParseFormat returns the format named s ("gcc" is another name for Text).
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, GitHub, JSON:
		return f, nil
	case "gcc":
		return Text, nil
	}
	return "", fmt.Errorf("unknown format %q (want text, github or json)", s)
}

// Write prints l to w in format f, in the list's order.
func Write(w io.Writer, l List, f Format) error {
	switch f {
	case GitHub:
		return writeGitHub(w, l)
	case JSON:
		return writeJSON(w, l)
	}
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Error())
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeGitHub(w io.Writer, l List) error {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("::")
		b.WriteString(d.Severity.String())
		var props []string
		if d.Pos.File != "" {
			props = append(props, "file="+escapeGitHubProperty(d.Pos.File))
			if d.Pos.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
				if d.Pos.Col > 0 {
					props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
				}
			}
		}
		if len(props) > 0 {
			b.WriteByte(' ')
			b.WriteString(strings.Join(props, ","))
		}
		b.WriteString("::")
		b.WriteString(escapeGitHubData(d.Msg))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeGitHubData escapes a workflow command's message as the Actions runner unescapes it.
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty escapes a workflow command's property value.
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// jsonDiagnostic is the JSON form of a Diagnostic; the field names are part of the
// documented output.
type jsonDiagnostic struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

type jsonReport struct {
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
}

func writeJSON(w io.Writer, l List) error {
	r := jsonReport{Diagnostics: []jsonDiagnostic{}}
	for _, d := range l {
		r.Diagnostics = append(r.Diagnostics, jsonDiagnostic{
			File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col,
			Severity: d.Severity.String(), Message: d.Msg,
		})
		if d.Severity == Error {
			r.Errors++
		} else {
			r.Warnings++
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
