package contentfile_test

import (
	"fmt"

	"github.com/ntm-atlas/atlas/internal/contentfile"
)

func ExampleQuote() {
	for _, s := range []string{"Chiềng Cọ", "say \"hi\"\n", "bell\a", "Chi\xe1ng"} {
		q, err := contentfile.Quote(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(q)
	}
	// Output:
	// "Chiềng Cọ"
	// "say \"hi\"\n"
	// "bell\u0007"
	// error: "Chi\xe1ng" is not UTF-8: byte 3 is 0xe1
}

func ExampleUnitHead() {
	b, err := contentfile.UnitHead(contentfile.Unit{Code: "03664", Name: "Chiềng Cọ", Type: "Xã", Province: "14"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(b))
	// Output:
	// # Xã Chiềng Cọ: current unit since 2025-07-01.
	// code = "03664"
	// name = "Chiềng Cọ"
	// type = "Xã"
	// province = "14"
}
