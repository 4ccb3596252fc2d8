package render

import "testing"

// TestTextarea checks the text of a <textarea> as written whole by textarea: the ampersand,
// "<" and ">" escaped (a "</textarea" in the text cannot end it), quotes as they are.
func TestTextarea(t *testing.T) {
	for _, c := range []struct{ id, text, want string }{
		{"embed-code", `<iframe src="https://x.org/?a=1&b=2" title="Xã A"></iframe>`,
			`<textarea id="embed-code" readonly>&lt;iframe src="https://x.org/?a=1&amp;b=2" title="Xã A"&gt;&lt;/iframe&gt;</textarea>`},
		{"c", "</textarea><script>", `<textarea id="c" readonly>&lt;/textarea&gt;&lt;script&gt;</textarea>`},
		{`a"b`, "", `<textarea id="a&#34;b" readonly></textarea>`},
	} {
		if got := string(textarea(c.id, c.text)); got != c.want {
			t.Errorf("textarea(%q, %q) = %s, want %s", c.id, c.text, got, c.want)
		}
	}
}
