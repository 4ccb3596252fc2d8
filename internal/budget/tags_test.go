package budget

import (
	"reflect"
	"testing"
)

var tagsCases = []string{
	``,
	`<link rel="stylesheet" href="a.css"><script src="b.js"></script>`,
	`<LINK REL=stylesheet HREF=x.css><Script SRC='y.js'>`,
	`<li><a href="x">link</a></li><section><span>script</span><svg><style>`,
	`<linkx href="no.css"><scripts src="no.js"><link-ish><link>`,
	"<link\nrel=stylesheet\nhref=a.css\n>",
	`<lin <link rel=stylesheet href=c.css>`,
	`<script src="open.js"`,
	`< link href=a.css><<script src=z.js>>`,
	"<lin\u212a rel=stylesheet href=kelvin.css><\u017fcript src=longs.js>",
	`<script src="a.js"><link rel="stylesheet" href="b.css"`,
	`<`,
	`<l`,
	`<scrip`,
}

// TestTags checks the scan for tags against the regexp it stands for.
func TestTags(t *testing.T) {
	for _, c := range tagsCases {
		if got, want := tags([]byte(c)), tagRe.FindAllSubmatch([]byte(c), -1); !reflect.DeepEqual(got, want) {
			t.Errorf("tags(%q) = %q, the regexp %q", c, got, want)
		}
	}
}

func FuzzTags(f *testing.F) {
	for _, c := range tagsCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) {
		if got, want := tags([]byte(c)), tagRe.FindAllSubmatch([]byte(c), -1); !reflect.DeepEqual(got, want) {
			t.Errorf("tags(%q) = %q, the regexp %q", c, got, want)
		}
	})
}
