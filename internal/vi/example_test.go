package vi_test

import (
	"fmt"

	"github.com/ntm-atlas/atlas/internal/vi"
)

// Fold gives the key that search compares: the old ("Hoà") and new ("Hòa") tone placement,
// capitals and diacritics all fold alike, and đ becomes d.
func ExampleFold() {
	fmt.Println(vi.Fold("Hoà"), vi.Fold("Hòa"), vi.Fold("Hoà") == vi.Fold("Hòa"))
	fmt.Println(vi.Fold("Chiềng Cọ") == vi.Fold("CHIENG CO"))
	fmt.Println(vi.Fold("Điện Biên Đông"))
	// Output:
	// hoa hoa true
	// true
	// dien bien dong
}

// Slug turns a name into the ASCII part of an address.
func ExampleSlug() {
	fmt.Println(vi.Slug("Đồng Tháp"))
	fmt.Println(vi.Slug("Thành phố Hồ Chí Minh"))
	fmt.Println(vi.Slug(" Hoà Bình (cũ) "))
	// Output:
	// dong-thap
	// thanh-pho-ho-chi-minh
	// hoa-binh-cu
}

// SameName tells the two tone placements apart from a different tone, which Fold does not.
func ExampleSameName() {
	fmt.Println(vi.SameName("Hoà", "Hòa"))
	fmt.Println(vi.SameName("Hòa", "Hóa"))
	fmt.Println(vi.Fold("Hòa") == vi.Fold("Hóa"))
	// Output:
	// true
	// false
	// true
}

// SortFunc sorts in Vietnamese order: Đ between D and E, ă after a, where byte order would
// put every Đ after Z.
func ExampleSortFunc() {
	provinces := []string{"Gia Lai", "Đồng Tháp", "Điện Biên", "Cà Mau", "Đắk Lắk", "Cao Bằng"}
	vi.SortFunc(provinces, func(s string) string { return s })
	for _, p := range provinces {
		fmt.Println(p)
	}
	// Output:
	// Cà Mau
	// Cao Bằng
	// Đắk Lắk
	// Điện Biên
	// Đồng Tháp
	// Gia Lai
}
