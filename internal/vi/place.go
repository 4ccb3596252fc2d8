package vi

import "strings"

// placeTypes are the words that name an administrative unit's type before its name, folded,
// longest first so that "thanh pho" is taken whole.
var placeTypes = []string{"thanh pho", "thi tran", "thi xa", "dac khu", "phuong", "huyen", "quan", "tinh", "xa", "tp.", "tp", "tx.", "tx"}

// PlaceName is the folded name of a place without the type word in front ("Huyện Mộc Châu",
// "huyen moc chau", "TP.Mộc Châu" and "Mộc Châu" all give "moc chau") and without what
// follows a comma ("huyện Châu Thành, tỉnh Trà Vinh" gives "chau thanh"), to compare names as
// sources write them. A name that is only a type word ("Thị xã") is kept whole.
func PlaceName(s string) string {
	if i := strings.IndexByte(s, ','); i > 0 {
		s = s[:i]
	}
	f := Fold(s)
	for _, t := range placeTypes {
		rest, ok := strings.CutPrefix(f, t+" ")
		if !ok && strings.HasSuffix(t, ".") {
			rest, ok = strings.CutPrefix(f, t)
		}
		if rest = strings.TrimSpace(rest); ok && rest != "" {
			return rest
		}
	}
	return f
}

// SamePlace reports whether a and b name the same place, whatever the type word in front, the
// case, the diacritics and the tone placement: "huyện Mộc Châu" and "Thị xã Mộc Châu" are the
// same place, as a district keeps its name when it becomes a town.
func SamePlace(a, b string) bool { return a == b || PlaceName(a) == PlaceName(b) }
