package tomlkey

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// FuzzBuild checks that Build never panics, that its errors and positions are sane, and that
// whenever the decoder accepts a document, Build indexes every key the decoder reports,
// where the decoder read it. Real content files seed testdata/fuzz/FuzzBuild; generated
// documents and the toml-test suite add to them.
func FuzzBuild(f *testing.F) {
	for _, tt := range buildTests {
		f.Add([]byte(tt.src))
	}
	for seed := range uint64(50) {
		g := &generator{r: rand.New(rand.NewPCG(seed, 2))}
		f.Add([]byte(g.document()))
	}
	// The valid documents of the toml-test suite make a corpus that mutates into documents
	// the decoder still accepts; without them few inputs get that far.
	if !testing.Short() {
		docs, _ := tomlTestSuite()
		for name, src := range docs {
			if strings.HasPrefix(name, "valid/") {
				f.Add(src)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ix, err := Build(src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("Build error %v (%T) has no position", err, err)
			}
			// Input nested too deep is for callers to refuse, before the decoder sees it.
			if !errors.Is(err, ErrTooDeep) && decodes(src) {
				t.Fatalf("the decoder accepts %q; Build refuses it: %v", src, err)
			}
			return
		}
		checkIndex(t, src, ix)
		checkDecoder(t, src, ix)
	})
}
