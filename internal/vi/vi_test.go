package vi

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	nfd := norm.NFD.String("Chiềng Cọ")
	if nfd == "Chiềng Cọ" {
		t.Fatal("test setup: NFD form equals NFC form")
	}
	if got := NFC(nfd); got != "Chiềng Cọ" {
		t.Errorf("NFC(%q) = %q, want %q", nfd, got, "Chiềng Cọ")
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Chiềng Cọ", "chieng co"},
		{"chieng co", "chieng co"},
		{"CHIENG CO", "chieng co"},
		{"CHIỀNG CỌ", "chieng co"},
		{norm.NFD.String("Chiềng Cọ"), "chieng co"},
		{"Đông Đăng", "dong dang"},
		{"đường", "duong"},
		{"ĐƯỜNG", "duong"},
		{"Hoà", "hoa"},
		{"Hòa", "hoa"},
		{"Thuỷ", "thuy"},
		{"Thủy", "thuy"},
		{"Ưng Ươn Ơn Ôn Ăn Ân", "ung uon on on an an"},
		{"  Mường   La\t\n", "muong la"},
		{"", ""},
		{"03646", "03646"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFoldEqual(t *testing.T) {
	groups := [][]string{
		{"Chiềng Cọ", "chieng co", "CHIENG CO", norm.NFD.String("Chiềng Cọ"), norm.NFC.String("Chiềng Cọ")},
		{"Hoà", "Hòa", "hoa", norm.NFD.String("Hoà"), norm.NFD.String("Hòa")},
		{"Đà", "đa", "Da", "DA"},
	}
	for _, g := range groups {
		want := Fold(g[0])
		for _, s := range g[1:] {
			if got := Fold(s); got != want {
				t.Errorf("Fold(%q) = %q, want %q (as Fold(%q))", s, got, want, g[0])
			}
		}
	}
	if Fold("Chiềng Cọ") == Fold("Chiềng Cơi") {
		t.Errorf("Fold(Chiềng Cọ) and Fold(Chiềng Cơi) agree; they must differ")
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Hoà", "Hòa", true},
		{"Thuỷ", "Thủy", true},
		{"Xã Hoà Bình", "Xã Hòa Bình", true},
		{"Thuý", "Thúy", true},
		{"Quỳnh Nhai", "Quỳnh Nhai", true},
		{"Chiềng Cọ", norm.NFD.String("Chiềng Cọ"), true},
		{norm.NFD.String("Hoà"), norm.NFC.String("Hòa"), true},
		{"Hoà", "hoà", true},
		{"Hòa", "Hóa", false},
		{"Hòa", "Hoa", false},
		{"Thủy", "Thùy", false},
		{"Chiềng Cọ", "Chiềng Cơi", false},
		{"Đông", "Dông", false},
		{"Ân", "An", false},
		{"Mường La", "Mường Lá", false},
		{"Hoà Bình", "Hòa Bính", false},
		{"", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := SameName(tt.a, tt.b); got != tt.want {
				t.Errorf("SameName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := SameName(tt.b, tt.a); got != tt.want {
				t.Errorf("SameName(%q, %q) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Chiềng Cọ", "chieng-co"},
		{norm.NFD.String("Chiềng Cọ"), "chieng-co"},
		{"Đông Đăng", "dong-dang"},
		{"Sơn La nhìn lại mười năm", "son-la-nhin-lai-muoi-nam"},
		{"Xã Hoà/Bình, (cũ)", "xa-hoa-binh-cu"},
		{"  --Mường  La--  ", "muong-la"},
		{"a___b...c", "a-b-c"},
		{"Năm 2025: 75 xã!", "nam-2025-75-xa"},
		{"ABC", "abc"},
		{"already-a-slug", "already-a-slug"},
		{"", ""},
		{"   ", ""},
		{"---", ""},
		{"日本", ""},
		{"x日本y", "x-y"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Slug(tt.in); got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCollatorCompare(t *testing.T) {
	c := NewCollator()
	tests := []struct {
		a, b string
		want int
	}{
		{"An", "Ân", -1},
		{"An", "Ăn", -1},
		{"Ăn", "Ân", -1},
		{"Dương", "Đông", -1},
		{"Zeta", "Đông", 1},
		{"Chiềng Ban", "Chiềng Cọ", -1},
		{"On", "Ôn", -1},
		{"Ôn", "Ơn", -1},
		{"Ung", "Ưng", -1},
		{"Chiềng Cọ", norm.NFD.String("Chiềng Cọ"), 0},
		{"Mường La", "Mường La", 0},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := c.Compare(tt.a, tt.b); got != tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := c.Compare(tt.b, tt.a); got != -tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func TestSortFunc(t *testing.T) {
	type unit struct {
		name string
		id   int
	}
	in := []unit{
		{"Đông", 1}, {"Zeta", 2}, {"Ân", 3}, {"Chiềng Cọ", 4}, {"Dương", 5}, {"An", 6},
		{"Chiềng Ban", 7}, {"Ăn", 8}, {"Bình", 9}, {"Ba", 10}, {"Ưng", 11}, {"Ung", 12},
		{"Ơn", 13}, {"Ôn", 14}, {"On", 15},
	}
	SortFunc(in, func(u unit) string { return u.name })
	var got []string
	for _, u := range in {
		got = append(got, u.name)
	}
	want := []string{
		"An", "Ăn", "Ân", "Ba", "Bình", "Chiềng Ban", "Chiềng Cọ", "Dương", "Đông",
		"On", "Ôn", "Ơn", "Ung", "Ưng", "Zeta",
	}
	if !slices.Equal(got, want) {
		t.Errorf("SortFunc order:\n got %q\nwant %q", got, want)
	}
}

func TestSortFuncStable(t *testing.T) {
	type item struct {
		key string
		id  int
	}
	// Equal keys, including an NFD spelling of an NFC key, keep their input order.
	in := []item{
		{"Mường La", 1}, {"An", 2}, {norm.NFD.String("Mường La"), 3}, {"Mường La", 4}, {"An", 5},
	}
	SortFunc(in, func(x item) string { return x.key })
	var ids []int
	for _, x := range in {
		ids = append(ids, x.id)
	}
	if want := []int{2, 5, 1, 3, 4}; !slices.Equal(ids, want) {
		t.Errorf("SortFunc ids = %v, want %v", ids, want)
	}
}

func TestSortFuncEmpty(t *testing.T) {
	var xs []string
	SortFunc(xs, func(s string) string { return s })
	if len(xs) != 0 {
		t.Errorf("len = %d, want 0", len(xs))
	}
}

// checkSlug reports what is wrong with slug s, the output of Slug(in), or "".
func checkSlug(in, s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return "byte " + string(rune(c)) + " is not in [a-z0-9-]"
		}
	}
	if strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") {
		return "leading or trailing hyphen"
	}
	if strings.Contains(s, "--") {
		return "double hyphen"
	}
	if again := Slug(s); again != s {
		return "not idempotent: Slug(Slug(x)) = " + again
	}
	return ""
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{
		"", "-", "Chiềng Cọ", "Đông Đăng", "Hoà Bình", norm.NFD.String("Thủy"), "  a--b  ",
		"İstanbul", "ǅ", "\u212a", "ﬁ", "\xff\xfe", "a\u0301\u0301", "Ⅻ", "x²", "ß",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := Slug(in)
		if msg := checkSlug(in, s); msg != "" {
			t.Errorf("Slug(%q) = %q: %s", in, s, msg)
		}
		if utf8.ValidString(in) && Slug(NFC(in)) != s {
			t.Errorf("Slug(%q) = %q, but Slug of its NFC form is %q", in, s, Slug(NFC(in)))
		}
	})
}

// FuzzFold checks that Fold's table for Latin text gives what decomposing, removing the
// marks and composing again gives.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Chiềng Cọ", "  Hoà  Bình ", "ĐỒNG THÁP", "Xã Mường\tÉ", "o\u0300a", "Ǆ ǅ ǆ", "İstanbul", "ß", "a\u0345", "Æ ǽ ŉ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}

func BenchmarkFold(b *testing.B) {
	names := []string{"Xã Chiềng Cọ", "Phường Trúc Bạch", "Thành phố Hồ Chí Minh", "Đồng Tháp"}
	b.Run("table", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			Fold(names[i%len(names)])
		}
	})
	b.Run("decompose", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			foldSlow(names[i%len(names)])
		}
	})
}
