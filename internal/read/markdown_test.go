package read

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/yuin/goldmark"
)

func TestCheckMarkdownShape(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // "" for no error
	}{
		{"ordinary story", "# Title\n\nSome *emphasis* and a [link](https://x.vn).\n\n> quoted\n> - item\n\n1. one\n2. two\n   - nested\n", ""},
		{"quotes at the limit", strings.Repeat(">", 16) + " a\n", ""},
		{"quotes past the limit", "a\n\n" + strings.Repeat(">", 17) + " a\n", "3:17: blocks nested 17 deep; the limit is 16"},
		{"spaced quotes", strings.Repeat("> ", 40) + "a\n", "1:33: blocks nested 17 deep; the limit is 16"},
		{"nested ordered lists", strings.Repeat("1. ", 40) + "a\n", "1:50: blocks nested 17 deep; the limit is 16"},
		{"indented lists", strings.Repeat(" ", 40) + "- a\n", "1:34: blocks nested 17 deep; the limit is 16"},
		{"numbers are not markers", "2024. Năm\n" + strings.Repeat("1", 100) + "\n", ""},
		{"emphasis in one paragraph", strings.Repeat("_a*", 129) + "\n", "1:385: more than 256 emphasis or bracket marks in one paragraph"},
		{"emphasis spread over paragraphs", strings.Repeat(strings.Repeat("*a*", 60)+"\n\n", 50), ""},
		{"brackets in one paragraph", strings.Repeat("[a]", 100) + "\n" + strings.Repeat("[a]", 50) + "\n", "2:85: more than 256 emphasis or bracket marks in one paragraph"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if e := CheckMarkdownShape([]byte(tt.body)); e != nil {
				got = e.Error()
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// BenchmarkMarkdownWorstCase renders bodies of the default size limit that stay just within the shape limits,
// the worst a story can cost the Markdown parser: `go test -bench MarkdownWorstCase ./internal/read`.
func BenchmarkMarkdownWorstCase(b *testing.B) {
	const size = model.DefaultMaxFileBytes
	fill := func(unit string) []byte {
		return []byte(strings.Repeat(unit, size/len(unit)))
	}
	cases := map[string][]byte{
		"quotes":    fill(strings.Repeat(">", MaxMarkdownDepth) + " a\n"),
		"lists":     fill(strings.Repeat("1. ", MaxMarkdownDepth) + "a\n"),
		"emphasis":  fill(strings.Repeat("_a*", MaxMarkdownDelimiters/2) + "\n\n"),
		"brackets":  fill(strings.Repeat("[a](", MaxMarkdownDelimiters/2) + "\n\n"),
		"paragraph": fill("Xã Chiềng Cọ đạt chuẩn nông thôn mới năm 2018. "),
	}
	for name, body := range cases {
		if e := CheckMarkdownShape(body); e != nil {
			b.Fatalf("%s: %v", name, e)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				var out bytes.Buffer
				if err := goldmark.Convert(body, &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
