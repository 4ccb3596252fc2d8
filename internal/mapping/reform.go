package mapping

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"sync"
)

//go:embed upstream/merges.json.gz upstream/splits.json.gz
var upstream embed.FS

// ReformSource names the embedded copy of the upstream mapping, for credits.
const ReformSource = "dvhcvn/20250701 (commit dd94887), MIT"

var reform struct {
	once sync.Once
	m    *Mapping
	err  error
}

// Reform returns the whole-country mapping of the 2025-07-01 reform embedded in the binary
// (upstream/README.md), parsed once. Callers must not modify it.
func Reform() (*Mapping, error) {
	reform.once.Do(func() {
		read := func(name string) ([]byte, error) {
			gz, err := upstream.ReadFile("upstream/" + name + ".gz")
			if err != nil {
				return nil, err
			}
			zr, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			return io.ReadAll(zr)
		}
		mb, err := read("merges.json")
		if err != nil {
			reform.err = err
			return
		}
		sb, err := read("splits.json")
		if err != nil {
			reform.err = err
			return
		}
		reform.m, reform.err = Parse("merges.json", mb, "splits.json", sb)
	})
	return reform.m, reform.err
}

// SplitType splits a full name such as "Xã Chiềng Mai" into its type word ("Xã") and the
// name ("Chiềng Mai"), in NFC. A name that starts with no known type word is returned whole,
// with an empty type.
func SplitType(full string) (typ, name string) { return splitType(full) }

// Subset returns the part of m that concerns the units keep: those units, their provinces,
// and every former unit whose province today (that of its first full successor, else of its
// first) is kept, with only the successors that are kept.
func (m *Mapping) Subset(keep map[string]bool) *Mapping {
	out := &Mapping{}
	units := map[string]*Unit{}
	provs := map[string]bool{}
	for _, u := range m.Units {
		if keep[u.Code] {
			out.Units = append(out.Units, u)
			units[u.Code] = u
			provs[u.Province] = true
		}
	}
	for _, p := range m.Provinces {
		if provs[p.Code] {
			out.Provinces = append(out.Provinces, p)
		}
	}
	for _, f := range m.Former {
		first := ""
		for _, s := range f.Successors {
			if s.Merge == "full" {
				first = s.Code
				break
			}
		}
		if first == "" && len(f.Successors) > 0 {
			first = f.Successors[0].Code
		}
		if units[first] == nil {
			continue
		}
		g := *f
		g.Successors = nil
		for _, s := range f.Successors {
			if units[s.Code] != nil {
				g.Successors = append(g.Successors, s)
			}
		}
		out.Former = append(out.Former, &g)
	}
	return out
}
