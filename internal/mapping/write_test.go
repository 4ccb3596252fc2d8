package mapping

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestBuildAnyName: whatever a name holds, every file Build writes decodes back to the names
// it was given, with no key but those written: a name cannot break out of its string or of
// the comment that names the unit.
func TestBuildAnyName(t *testing.T) {
	const control = "bell\a, vertical tab\v, backspace\b, form feed\f, nul\x00, escape\x1b, delete\x7f"
	for _, tc := range []struct{ name, other string }{
		{"Chiềng Cọ", "Sơn La"},
		{"Chiềng Cọ", control}, // in strings only: the former province's name, the parts
		{control, control},
		{"quote\" backslash\\ \\u0041", "\\"},
		{"line\nbreak = \"x\"\n[[successors]]\ncode = \"1\"", "\n"},
		{"carriage\r\nreturn\r, tab\t", "\r"},
		{"C1\u0085, line separator\u2028, no-break space\u00a0, BOM\ufeff, emoji 🌾", "\u2029"},
	} {
		name, other := tc.name, tc.other
		m := &Mapping{
			Provinces: []*Province{{Code: "14", Type: "Tỉnh", Name: "P " + name, Parts: []string{"A " + other, "B"}}},
			Units:     []*Unit{{Code: "03664", Type: "Xã", Name: name, Province: "14"}},
			Former: []*Former{{Code: "03661", Type: "Xã", Name: name, OldProvince: "10", OldProvinceName: "O " + other,
				Successors: []Successor{{Code: "03664", Merge: "full"}}}},
		}
		pl, err := Build(t.TempDir(), m, nil)
		if err != nil {
			t.Fatalf("names %q, %q: %v", name, other, err)
		}
		type file struct {
			Code, Name, Type, Province string
			OldProvince                string `toml:"old_province"`
			Until                      any
			Parts                      []string
			Successors                 []struct{ Code, Merge string }
		}
		for p, want := range map[string]file{
			"content/units/03664.toml":  {Code: "03664", Name: name, Type: "Xã", Province: "14"},
			"content/former/03661.toml": {Code: "03661", Name: name, Type: "Xã", Province: "14", OldProvince: "O " + other, Successors: []struct{ Code, Merge string }{{"03664", "full"}}},
			"content/provinces/14.toml": {Code: "14", Name: "P " + name, Type: "Tỉnh", Parts: []string{"A " + other, "B"}},
		} {
			var got file
			md, err := toml.Decode(string(pl.Write[p]), &got)
			if err != nil {
				t.Errorf("names %q, %q: %s does not decode: %v\n%s", name, other, p, err, pl.Write[p])
				continue
			}
			got.Until = nil
			if got.Code != want.Code || got.Name != want.Name || got.Type != want.Type || got.Province != want.Province ||
				got.OldProvince != want.OldProvince || strings.Join(got.Parts, "|") != strings.Join(want.Parts, "|") ||
				len(got.Successors) != len(want.Successors) || len(want.Successors) > 0 && got.Successors[0] != want.Successors[0] {
				t.Errorf("names %q, %q: %s decodes to %+v, want %+v", name, other, p, got, want)
			}
			if u := md.Undecoded(); len(u) > 0 {
				t.Errorf("names %q, %q: %s has keys %v that were not written", name, other, p, u)
			}
		}
	}
}

// TestBuildNotUTF8: a name that is not UTF-8, which no TOML file can hold, is an error naming
// the file, not a name silently changed.
func TestBuildNotUTF8(t *testing.T) {
	for _, m := range []*Mapping{
		{Units: []*Unit{{Code: "03664", Type: "Xã", Name: "Chi\xe1ng", Province: "14"}}},
		{Former: []*Former{{Code: "03661", Type: "X\xff", Name: "A"}}},
		{Provinces: []*Province{{Code: "14", Type: "Tỉnh", Name: "Sơn La", Parts: []string{"\xc3"}}}},
	} {
		pl, err := Build(t.TempDir(), m, nil)
		if err == nil {
			for p, b := range pl.Write {
				t.Errorf("%s written from a name that is not UTF-8:\n%s", p, b)
			}
			continue
		}
		if !strings.Contains(err.Error(), "content/") || !strings.Contains(err.Error(), "UTF-8") {
			t.Errorf("error %q names no file, or not the problem", err)
		}
	}
}
