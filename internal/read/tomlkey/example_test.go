package tomlkey_test

import (
	"bytes"
	"fmt"

	"github.com/BurntSushi/toml"

	"github.com/ntm-atlas/atlas/internal/read/tomlkey"
)

// former is a former unit's file with a misspelt key on line 10.
const former = `code = "03658"
name = "Chiềng Cọ"

[[recognitions]]
level = "standard"
year = 2016

[[recognitions]]
level = "advanced"
yaer = 2021
`

// Key and Value find where a key path, with array indices, stands: its name, and the first
// character of its value (for a [[table]] header, the header's first '[').
func ExampleIndex_Key() {
	ix, err := tomlkey.Build([]byte(former))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, path := range []string{"name", "recognitions[0].year", "recognitions[1].level", "recognitions[1]"} {
		k, _ := ix.Key(path)
		v, _ := ix.Value(path)
		fmt.Printf("%s: key at %v, value at %v\n", path, k, v)
	}
	_, ok := ix.Key("recognitions[1].year")
	fmt.Println(ok)
	// Output:
	// name: key at 2:1, value at 2:8
	// recognitions[0].year: key at 6:1, value at 6:8
	// recognitions[1].level: key at 9:1, value at 9:9
	// recognitions[1]: key at 8:3, value at 8:1
	// false
}

// Nth points at each key the TOML decoder did not use, in the order it reports them.
func ExampleIndex_Nth() {
	src := []byte(former)
	ix, err := tomlkey.Build(src) // first: it refuses input nested too deep to decode
	if err != nil {
		fmt.Println(err)
		return
	}
	var v struct {
		Code         string
		Name         string
		Recognitions []struct {
			Level string
			Year  int
		}
	}
	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&v)
	if err != nil {
		fmt.Println(err)
		return
	}
	seen := map[string]int{}
	for _, k := range md.Undecoded() {
		name := k.String()
		pos, _ := ix.Nth(name, seen[name])
		at, _ := ix.Indexed(name, seen[name])
		seen[name]++
		fmt.Printf("content/former/03658.toml:%v: unknown key %q (%s)\n", pos, name, at)
	}
	// Output:
	// content/former/03658.toml:10:1: unknown key "recognitions.yaer" (recognitions[1].yaer)
}
