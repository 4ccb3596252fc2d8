package geojson

import (
	"bytes"
	"io"
	"os"
	"sync"
	"testing"

	orbjson "github.com/paulmach/orb/geojson"
)

// decodeCount decodes every feature from r, returning the number of vertices.
func decodeCount(b *testing.B, r io.Reader) int {
	d := NewDecoder(r)
	n := 0
	for {
		f, err := d.Next()
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range f.Geometry {
			for _, r := range p {
				n += len(r)
			}
		}
	}
}

func BenchmarkSonLa(b *testing.B) {
	data, err := os.ReadFile(sonLaPath)
	if err != nil {
		b.Skipf("Sơn La file not available: %v", err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		decodeCount(b, bytes.NewReader(data))
	}
}

// BenchmarkSonLaOrb decodes the same file with encoding/json and orb/geojson.
func BenchmarkSonLaOrb(b *testing.B) {
	data, err := os.ReadFile(sonLaPath)
	if err != nil {
		b.Skipf("Sơn La file not available: %v", err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := orbjson.UnmarshalFeatureCollection(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNational decodes the gzipped national file through Open.
func BenchmarkNational(b *testing.B) {
	if _, err := os.Stat(nationalPath); err != nil {
		b.Skipf("national file not available (%v)", err)
	}
	b.SetBytes(int64(len(nationalRaw(b))))
	b.ReportAllocs()
	for b.Loop() {
		r, err := Open(nationalPath)
		if err != nil {
			b.Fatal(err)
		}
		decodeCount(b, r)
		r.Close()
	}
}

// BenchmarkNationalRaw decodes the national file already decompressed into memory.
func BenchmarkNationalRaw(b *testing.B) {
	if _, err := os.Stat(nationalPath); err != nil {
		b.Skipf("national file not available (%v)", err)
	}
	data := nationalRaw(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		decodeCount(b, bytes.NewReader(data))
	}
}

// BenchmarkNationalGunzip only decompresses the national file through Open, for the cost of gunzip.
func BenchmarkNationalGunzip(b *testing.B) {
	if _, err := os.Stat(nationalPath); err != nil {
		b.Skipf("national file not available (%v)", err)
	}
	b.SetBytes(int64(len(nationalRaw(b))))
	b.ReportAllocs()
	buf := make([]byte, bufSize)
	for b.Loop() {
		r, err := Open(nationalPath)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{r}, buf); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
}

var nationalOnce = sync.OnceValues(func() ([]byte, error) {
	r, err := Open(nationalPath)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
})

// nationalRaw returns the decompressed national file.
func nationalRaw(b *testing.B) []byte {
	data, err := nationalOnce()
	if err != nil {
		b.Fatal(err)
	}
	return data
}
