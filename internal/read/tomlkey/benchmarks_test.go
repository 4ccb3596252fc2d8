package tomlkey

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"
)

// benchFile is the largest content file, a criteria set.
var benchFile = filepath.Join(root, "content", "criteria", "2021-2025.toml")

func BenchmarkBuild(b *testing.B) {
	src, err := os.ReadFile(benchFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode is the decoder on the same file, for scale.
func BenchmarkDecode(b *testing.B) {
	src, err := os.ReadFile(benchFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var m map[string]any
		if _, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&m); err != nil {
			b.Fatal(err)
		}
	}
}
