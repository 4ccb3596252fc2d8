package diff

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// TestIdentities: every key an identity names is a key of its kind of record, as files write
// it: a renamed key would otherwise pair nothing, and every edit would read as a removal and
// an addition.
func TestIdentities(t *testing.T) {
	types := map[string]any{
		KindAssessment: &model.Assessment{}, KindRecognition: &model.Recognition{}, KindRevocation: &model.Revocation{},
		KindMilestone: &model.Milestone{}, KindAreaRecognition: &model.AreaRecognition{},
	}
	for kind, ids := range identities {
		keys := map[string]bool{}
		for _, f := range fieldsOf(types[kind]) {
			keys[f.Key] = true
		}
		for _, id := range ids {
			for _, k := range id {
				if !keys[k] {
					t.Errorf("%s: identity %v names %q, which is no key of it", kind, id, k)
				}
			}
		}
	}
	if len(identities) != len(types) {
		t.Errorf("%d kinds have identities, want %d", len(identities), len(types))
	}
}

func recognition(level string, year int, source string) *model.Recognition {
	return &model.Recognition{Level: level, Year: year, SourceURL: source}
}

// TestCompareGroup: records the same in every key are unchanged wherever they stand; records
// the same by an identity are edited, with the keys that change; the rest are removed and
// added.
func TestCompareGroup(t *testing.T) {
	group := func(recs ...*model.Recognition) *recordGroup {
		g := &recordGroup{kind: KindRecognition, file: "content/former/1.toml", of: "1"}
		for i, r := range recs {
			g.records = append(g.records, record{path: "recognitions[" + string(rune('0'+i)) + "]", fields: fieldsOf(r)})
		}
		return g
	}
	a, b := recognition("standard", 2016, "https://a"), recognition("advanced", 2020, "https://b")
	tests := []struct {
		name     string
		old, new *recordGroup
		want     []string // change key: fields
	}{
		{"the same, reordered", group(a, b), group(b, a), nil},
		{"a year corrected", group(a, b), group(recognition("standard", 2017, "https://a"), b),
			[]string{"edited recognitions[0]: year 2016→2017"}},
		{"a source corrected", group(a), group(recognition("standard", 2016, "https://a2")),
			[]string{"edited recognitions[0]: source_url https://a→https://a2"}},
		{"one added", group(a), group(a, b),
			[]string{"added recognitions[1]: level →advanced, year →2020, source_url →https://b"}},
		{"one removed, a file deleted", group(a, b), nil,
			[]string{"removed recognitions[0]: level standard→, year 2016→, source_url https://a→", "removed recognitions[1]: level advanced→, year 2020→, source_url https://b→"}},
		{"nothing alike", group(a), group(recognition("advanced", 2021, "https://c")),
			[]string{"removed recognitions[0]: level standard→, year 2016→, source_url https://a→", "added recognitions[0]: level →advanced, year →2021, source_url →https://c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, rc := range compareGroup(tt.old, tt.new) {
				var fs []string
				for _, f := range rc.Fields {
					fs = append(fs, f.Key+" "+f.Old+"→"+f.New)
				}
				got = append(got, rc.Change+" "+rc.Key+": "+strings.Join(fs, ", "))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestText: nothing in the data's text can make Markdown of its own.
func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"Xã Chiềng Xôm":                      "Xã Chiềng Xôm",
		"[a](https://evil)":                  `\[a\](https://evil)`,
		"<img src=x onerror=alert(1)>":       `\<img src=x onerror=alert(1)\>`,
		"a | b":                              `a \| b`,
		"**bold** _em_ `code` ~~strike~~ #h": `\*\*bold\*\* \_em\_ \` + "`" + `code\` + "`" + ` \~\~strike\~\~ \#h`,
		"two\nlines":                         "two lines",
		"&amp;":                              `\&amp;`,
	} {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
	if got := code("a`b|c"); got != "`a'b\\|c`" {
		t.Errorf("code = %q", got)
	}
	if got := linkURL("https://x/a b)(<>"); got != "https://x/a%20b%29%28%3C%3E" {
		t.Errorf("linkURL = %q", got)
	}
}
