package read

import (
	"bytes"
	"errors"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	const (
		yamlMsg         = `front matter is YAML ("---"); write it in TOML between "+++" lines`
		missingMsg      = `missing front matter: the file must start with a "+++" line`
		unterminatedMsg = `unterminated front matter: no closing "+++" line`
	)
	tests := []struct {
		name     string
		src      string
		front    string
		body     string
		bodyLine int
		errMsg   string // FrontMatterError.Msg, at line 1, when splitting fails
	}{
		{"normal", "+++\ntitle = \"Sơn La\"\ndate = 2026-01-02\n+++\n\n# Head\nText.\n",
			"title = \"Sơn La\"\ndate = 2026-01-02\n", "\n# Head\nText.\n", 5, ""},
		{"CRLF", "+++\r\ntitle = \"a\"\r\n+++\r\nBody\r\n",
			"title = \"a\"\r\n", "Body\r\n", 4, ""},
		{"BOM", "\xef\xbb\xbf+++\ntitle = \"a\"\n+++\nBody\n",
			"title = \"a\"\n", "Body\n", 4, ""},
		{"BOM and CRLF", "\xef\xbb\xbf+++\r\na = 1\r\n+++\r\nB",
			"a = 1\r\n", "B", 4, ""},
		{"trailing spaces on both lines", "+++  \na = 1\n+++ \t\nBody",
			"a = 1\n", "Body", 4, ""},
		{"empty front matter", "+++\n+++\nBody\n", "", "Body\n", 3, ""},
		{"empty body", "+++\na = 1\n+++\n", "a = 1\n", "", 4, ""},
		{"no newline after closing line", "+++\na = 1\n+++", "a = 1\n", "", 4, ""},
		{"longer fence is content", "+++\na = 1\n++++\n+++\nx", "a = 1\n++++\n", "x", 5, ""},
		{"indented fence is content", "+++\na = 1\n +++\n+++\nx", "a = 1\n +++\n", "x", 5, ""},
		{"body holds another fence", "+++\na = 1\n+++\nx\n+++\ny\n", "a = 1\n", "x\n+++\ny\n", 4, ""},
		{"YAML", "---\ntitle: a\n---\nBody\n", "", "", 0, yamlMsg},
		{"YAML with CRLF", "---\r\ntitle: a\r\n---\r\n", "", "", 0, yamlMsg},
		{"YAML after BOM", "\xef\xbb\xbf---\ntitle: a\n---\n", "", "", 0, yamlMsg},
		{"missing", "# Title\n\nText\n", "", "", 0, missingMsg},
		{"missing, blank first line", "\n+++\na = 1\n+++\n", "", "", 0, missingMsg},
		{"empty file", "", "", "", 0, missingMsg},
		{"unterminated", "+++\ntitle = \"a\"\nBody\n", "", "", 0, unterminatedMsg},
		{"only the opening line", "+++\n", "", "", 0, unterminatedMsg},
		{"only the opening line, no newline", "+++", "", "", 0, unterminatedMsg},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, bodyLine, err := SplitFrontMatter([]byte(tt.src))
			if tt.errMsg != "" {
				var fe *FrontMatterError
				if !errors.As(err, &fe) {
					t.Fatalf("err = %v (%T), want a *FrontMatterError", err, err)
				}
				if fe.Line != 1 || fe.Msg != tt.errMsg {
					t.Errorf("err = line %d %q, want line 1 %q", fe.Line, fe.Msg, tt.errMsg)
				}
				if want := "line 1: " + tt.errMsg; err.Error() != want {
					t.Errorf("err.Error() = %q, want %q", err.Error(), want)
				}
				if front != nil || body != nil || bodyLine != 0 {
					t.Errorf("on error got front %q, body %q, bodyLine %d; want nil, nil, 0", front, body, bodyLine)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if string(front) != tt.front {
				t.Errorf("front = %q, want %q", front, tt.front)
			}
			if string(body) != tt.body {
				t.Errorf("body = %q, want %q", body, tt.body)
			}
			if bodyLine != tt.bodyLine {
				t.Errorf("bodyLine = %d, want %d", bodyLine, tt.bodyLine)
			}
		})
	}
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"a\"\n+++\nBody\n",
		"+++\r\na = 1\r\n+++\r\n",
		"\xef\xbb\xbf+++\n+++\n",
		"---\na: 1\n---\n",
		"+++",
		"",
		"+++ \n\n+++\t\n\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, bodyLine, err := SplitFrontMatter(src)
		if err != nil {
			var fe *FrontMatterError
			if !errors.As(err, &fe) || fe.Line != 1 {
				t.Fatalf("err = %v (%T), want a *FrontMatterError at line 1", err, err)
			}
			return
		}
		if bodyLine < 3 {
			t.Errorf("bodyLine = %d, want ≥ 3", bodyLine)
		}
		s := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
		// The opening line, the front matter, the closing line, then the body: in this order,
		// all taken from the input.
		open, rest, ok := bytes.Cut(s, []byte("\n"))
		if !ok || string(bytes.TrimRight(open, "\r \t")) != "+++" {
			t.Fatalf("accepted %q, whose first line is not +++", src)
		}
		if !bytes.HasPrefix(rest, front) {
			t.Fatalf("front %q is not where the front matter starts in %q", front, src)
		}
		if !bytes.HasSuffix(rest, body) {
			t.Fatalf("body %q does not end the input %q", body, src)
		}
		between := rest[len(front) : len(rest)-len(body)]
		closing := bytes.TrimSuffix(between, []byte("\n"))
		if string(bytes.TrimRight(closing, "\r \t")) != "+++" || bytes.Contains(closing, []byte("\n")) {
			t.Fatalf("between front %q and body %q stands %q, not one closing line", front, body, between)
		}
		if len(front) > 0 && front[len(front)-1] != '\n' {
			t.Errorf("front %q does not end with a newline", front)
		}
		if want := bytes.Count(s[:len(s)-len(body)], []byte("\n")) + 1; len(body) > 0 && bodyLine != want {
			t.Errorf("bodyLine = %d, want %d", bodyLine, want)
		}
	})
}
