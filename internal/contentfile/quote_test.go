package contentfile

import (
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

func TestQuote(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"", `""`},
		{"Chiềng Cọ", `"Chiềng Cọ"`},
		{`say "hi" \ bye`, `"say \"hi\" \\ bye"`},
		{"a\nb\tc\r", `"a\nb\tc\r"`},
		{"bell\a vt\v bs\b ff\f nul\x00 esc\x1b us\x1f del\x7f", `"bell\u0007 vt\u000B bs\u0008 ff\u000C nul\u0000 esc\u001B us\u001F del\u007F"`},
		{`\u0041 is not A`, `"\\u0041 is not A"`},
		{"C1\u0085 nbsp\u00a0 ls\u2028 bom\ufeff 🌾 \U0010FFFF", "\"C1\u0085 nbsp\u00a0 ls\u2028 bom\ufeff 🌾 \U0010FFFF\""},
		{"\ufffd", "\"\ufffd\""}, // U+FFFD itself is text like any other
	} {
		got, err := Quote(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Quote(%q) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in, want string
	}{
		{"\xff", `"\xff" is not UTF-8: byte 0 is 0xff`},
		{"Chi\xe1ng", `"Chi\xe1ng" is not UTF-8: byte 3 is 0xe1`},
		{"ề\xc3", `"ề\xc3" is not UTF-8: byte 3 is 0xc3`},
		{"\xed\xa0\x80", `"\xed\xa0\x80" is not UTF-8: byte 0 is 0xed`}, // a surrogate
	} {
		got, err := Quote(tc.in)
		if err == nil || err.Error() != tc.want || got != "" {
			t.Errorf("Quote(%q) = %q, %v; want the error %s", tc.in, got, err, tc.want)
		}
	}
}

func TestQuoter(t *testing.T) {
	var q Quoter
	a, b, c := q.Quote("a\a"), q.Quote("b\xff"), q.Quote("c\xfe")
	if a != `"a\u0007"` || b != "" || c != "" {
		t.Errorf("quoted %s %s %s", a, b, c)
	}
	if err := q.Err(); err == nil || !strings.Contains(err.Error(), `"b\xff"`) {
		t.Errorf("Err() = %v, want the first error", err)
	}
	var ok Quoter
	if ok.Quote("x"); ok.Err() != nil {
		t.Errorf("Err() = %v after UTF-8 text", ok.Err())
	}
}

func TestMustQuote(t *testing.T) {
	if got := MustQuote("2026-2030"); got != `"2026-2030"` {
		t.Errorf("MustQuote = %s", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustQuote of text that is not UTF-8 did not panic")
		}
	}()
	MustQuote("\xff")
}

func TestInComment(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"Xã Chiềng Cọ (Sơn La): former unit.", "Xã Chiềng Cọ (Sơn La): former unit."},
		{"a\nname = \"x\"", "a name = \"x\""},
		{"a\r\nb\tc\x00d\x7fe\u0085f\u2028g\u2029h", "a  b c d e f g h"},
		{"bad\xffbyte", "bad\ufffdbyte"},
	} {
		if got := InComment(tc.in); got != tc.want {
			t.Errorf("InComment(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// printable reports whether strconv.Quote writes s as it is, but for \" and \\.
func printable(s string) bool {
	for _, r := range s {
		if !strconv.IsPrint(r) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// FuzzQuote: whatever the text, BurntSushi/toml decodes the quoted string back to it; text
// that is not UTF-8 is an error; printable text is quoted as strconv.Quote quotes it, which
// the files written before this quoter used.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", "Chiềng Cọ", `"\`, "\a\b\t\n\v\f\r\x1b\x7f", "\u0085\u2028\ufeff", "\xff", "a\xc3", "\\u0041", "🌾\U0010FFFF"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Quote(s)
		if !utf8.ValidString(s) {
			if err == nil {
				t.Fatalf("Quote(%q) = %s, want an error", s, q)
			}
			return
		}
		if err != nil {
			t.Fatalf("Quote(%q): %v", s, err)
		}
		var v struct{ K string }
		if _, err := toml.Decode("k = "+q+"\n", &v); err != nil {
			t.Fatalf("Quote(%q) = %s, which does not decode: %v", s, q, err)
		}
		if v.K != s {
			t.Fatalf("Quote(%q) = %s, which decodes to %q", s, q, v.K)
		}
		if printable(s) && q != strconv.Quote(s) {
			t.Fatalf("Quote(%q) = %s, strconv.Quote %s", s, q, strconv.Quote(s))
		}
	})
}

// FuzzInComment: whatever the text, a comment of it ends at the end of its line and leaves
// the file readable; ordinary text is left as it is.
func FuzzInComment(f *testing.F) {
	for _, s := range []string{"", "Xã Chiềng Cọ", "a\nk = 2", "\r", "\x00\x7f\u0085\u2028", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := InComment(s)
		var v map[string]any
		if _, err := toml.Decode("# "+c+"\nk = 1\n", &v); err != nil {
			t.Fatalf("InComment(%q) = %q, which a comment cannot hold: %v", s, c, err)
		}
		if len(v) != 1 || v["k"] != int64(1) {
			t.Fatalf("InComment(%q) = %q, which leaves the comment: %v", s, c, v)
		}
		if utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsControl) < 0 && !strings.ContainsAny(s, "\u2028\u2029") && c != s {
			t.Fatalf("InComment(%q) = %q, want it unchanged", s, c)
		}
	})
}
