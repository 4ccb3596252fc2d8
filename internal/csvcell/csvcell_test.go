package csvcell

import "testing"

func TestNeutralize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"Chiềng Cọ", "Chiềng Cọ"},
		{"=1+1", "'=1+1"},
		{"+84", "'+84"},
		{"-2", "'-2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"'=1", "''=1"},
		{"'''-1", "''''-1"},
		{"'tên", "'tên"},
		{"'", "'"},
		{"a=1", "a=1"},
	} {
		if got := Neutralize(tt.in); got != tt.want {
			t.Errorf("Neutralize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Restore(tt.want); got != tt.in {
			t.Errorf("Restore(%q) = %q, want %q", tt.want, got, tt.in)
		}
	}
}

// FuzzRoundTrip: Restore gives back every text Neutralize was given, and nothing Neutralize
// writes begins with a formula's first character.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"", "=1", "'=1", "''", "'", "-", "a", "\t", "'\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Neutralize(s)
		if formulaLike(n) {
			t.Errorf("Neutralize(%q) = %q begins a formula", s, n)
		}
		if got := Restore(n); got != s {
			t.Errorf("Restore(Neutralize(%q)) = %q", s, got)
		}
	})
}
