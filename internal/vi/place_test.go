package vi

import (
	"fmt"
	"testing"
)

func TestSamePlace(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"Huyện Mộc Châu", "huyện Mộc Châu", true},
		{"huyen moc chau", "Thị xã Mộc Châu", true},
		{"Thành phố Sơn La", "TP. Sơn La", true},
		{"Xã Hoà Bình", "xã Hòa Bình", true},
		{"Tỉnh Hà Nam", "Hà Nam", true},
		{"Huyện Yên Sơn", "Huyện Yên Châu", false},
		{"Thị xã", "Thị xã", true},
		{"Xã Đông Sơn", "Xã Dông Sơn", true}, // folded: đ and d are one letter in search
		{"Phường 1", "Xã 1", true},
		{"Huyện Xuân Trường", "Huyện Xuân Thủy", false},
		{"TP.Cẩm Phả", "Thành phố Cẩm Phả", true},
		{"TP Tam Điệp", "Thành phố Tam Điệp", true},
		{"huyện Châu Thành, tỉnh Trà Vinh", "Huyện Châu Thành", true},
		{"Tpx Hà", "Hà", false},
	} {
		if got := SamePlace(tc.a, tc.b); got != tc.same {
			t.Errorf("SamePlace(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}

func ExamplePlaceName() {
	fmt.Println(PlaceName("Huyện Mộc Châu"))
	fmt.Println(PlaceName("TP. Hồ Chí Minh"))
	// Output:
	// moc chau
	// ho chi minh
}
