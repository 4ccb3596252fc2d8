package digest_test

import (
	"crypto/sha256"
	"fmt"

	"github.com/ntm-atlas/atlas/internal/digest"
)

func ExampleAppend() {
	type view struct {
		Name   string
		Counts map[string]int
		cache  []byte // unexported: not part of the data
	}
	a, _ := digest.Append(nil, view{Name: "Sơn La", Counts: map[string]int{"2019": 3, "2020": 5}})
	b, _ := digest.Append(nil, view{Name: "Sơn La", Counts: map[string]int{"2020": 5, "2019": 3}, cache: []byte("x")})
	fmt.Println(sha256.Sum256(a) == sha256.Sum256(b))
	// Output: true
}
