// Package mapping reads the upstream mapping of the 2025-07-01 reform of commune-level units
// (dvhcvn/20250701: merges.json, new → old, and splits.json, old → new) with the properties of
// the national boundary file, and writes the site's unit, former-unit and province files from
// them, so that a data keeper can regenerate the national content when the upstream changes.
//
// Generated files begin with contentfile.Marker; package contentfile lays them out. A file
// without it is kept by hand (Sơn La's former units carry sourced recognitions and
// districts): Write never overwrites it, and reports where it disagrees with the mapping.
package mapping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/ntm-atlas/atlas/internal/vi"
)

// Mapping is the reform as the upstream files state it.
type Mapping struct {
	Provinces []*Province // the 34 provinces since 2025-07-01, by code
	Units     []*Unit     // the 3,321 units since 2025-07-01, by code
	Former    []*Former   // the former commune-level units, by code
}

// Province is a province since 2025-07-01 and the former provinces merged into it.
type Province struct {
	Code, Type, Name string
	Parts            []string // names of the former provinces, when more than one merged
}

// Unit is a commune-level unit since 2025-07-01.
type Unit struct {
	Code, Type, Name, Province string
}

// Former is a commune-level unit that ended on 2025-07-01.
type Former struct {
	Code, Type, Name string
	OldProvince      string // code of the province it belonged to
	OldProvinceName  string
	Successors       []Successor
}

// Successor is a unit that took over all or part of a former one.
type Successor struct {
	Code  string
	Merge string // "full" or "partial"
}

// upstream shapes of the two files.
type mergesFile struct {
	Data []struct {
		ID     string `json:"level1_id"`
		Name   string `json:"name"`
		Merges []struct {
			ID   string `json:"old_id"`
			Name string `json:"name"`
		} `json:"merges"`
		Units []struct {
			ID     string `json:"level2_id"`
			Name   string `json:"name"`
			Merges []struct {
				ID   string `json:"old_id"`
				Name string `json:"name"`
				Type string `json:"type"`
			} `json:"merges"`
		} `json:"level2s"`
	} `json:"data"`
}

type splitsFile struct {
	Data []struct {
		ID    string `json:"level1_id"`
		Name  string `json:"name"`
		Units []struct {
			ID     string `json:"level3_id"`
			Name   string `json:"name"`
			Splits []struct {
				ID string `json:"new_id"`
			} `json:"splits"`
		} `json:"level3s"`
	} `json:"data"`
}

// Parse reads the two upstream files' bytes; the names place errors as file:line:col.
func Parse(mergesName string, merges []byte, splitsName string, splits []byte) (*Mapping, error) {
	var mf mergesFile
	if err := decode(mergesName, merges, &mf); err != nil {
		return nil, err
	}
	var sf splitsFile
	if err := decode(splitsName, splits, &sf); err != nil {
		return nil, err
	}
	m := &Mapping{}
	type oldInfo struct{ prov, provName, name string }
	old := map[string]oldInfo{}
	for _, p := range sf.Data {
		_, pname := splitType(p.Name)
		for _, u := range p.Units {
			if u.ID == "" {
				return nil, fmt.Errorf("%s: province %s: a unit has no level3_id", splitsName, p.ID)
			}
			old[u.ID] = oldInfo{p.ID, pname, u.Name}
		}
	}
	succ := map[string][]Successor{}
	for _, p := range mf.Data {
		typ, name := splitType(p.Name)
		prov := &Province{Code: p.ID, Type: typ, Name: name}
		if len(p.Merges) > 1 {
			for _, o := range p.Merges {
				_, n := splitType(o.Name)
				prov.Parts = append(prov.Parts, n)
			}
			vi.SortFunc(prov.Parts, func(s string) string { return s })
		}
		m.Provinces = append(m.Provinces, prov)
		for _, u := range p.Units {
			typ, name := splitType(u.Name)
			m.Units = append(m.Units, &Unit{Code: u.ID, Type: typ, Name: name, Province: p.ID})
			for _, o := range u.Merges {
				if _, ok := old[o.ID]; !ok {
					continue // a former district (an island) that became a special zone whole
				}
				if o.Type != "full" && o.Type != "partial" {
					return nil, fmt.Errorf("%s: unit %s: former unit %s has type %q, want full or partial", mergesName, u.ID, o.ID, o.Type)
				}
				succ[o.ID] = append(succ[o.ID], Successor{Code: u.ID, Merge: o.Type})
			}
		}
	}
	codes := make([]string, 0, len(old))
	for code := range old {
		codes = append(codes, code)
	}
	sort.Strings(codes) // so that the first error is always the same one
	for _, code := range codes {
		o := old[code]
		typ, name := splitType(o.name)
		f := &Former{Code: code, Type: typ, Name: name, OldProvince: o.prov, OldProvinceName: o.provName, Successors: succ[code]}
		sort.Slice(f.Successors, func(i, j int) bool { return f.Successors[i].Code < f.Successors[j].Code })
		if len(f.Successors) == 0 {
			return nil, fmt.Errorf("%s: former unit %s (%s) has no successor in %s", splitsName, code, o.name, mergesName)
		}
		m.Former = append(m.Former, f)
	}
	sort.Slice(m.Provinces, func(i, j int) bool { return m.Provinces[i].Code < m.Provinces[j].Code })
	sort.Slice(m.Units, func(i, j int) bool { return m.Units[i].Code < m.Units[j].Code })
	sort.Slice(m.Former, func(i, j int) bool { return m.Former[i].Code < m.Former[j].Code })
	return m, nil
}

// decode unmarshals JSON, turning a syntax or type error's offset into file:line:col.
func decode(name string, data []byte, v any) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return fmt.Errorf("%s: %w", name, err)
	}
	line, col := position(data, off)
	return fmt.Errorf("%s:%d:%d: %w", name, line, col, err)
}

// position is the 1-based line and column (in bytes) of the byte before offset, where
// encoding/json stops.
func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off > 0 {
		off-- // json's offset is just past the bad byte
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// unitTypes are the type words that begin the names in the mapping, longest first.
var unitTypes = []string{"Thành phố", "Thị trấn", "Đặc khu", "Phường", "Tỉnh", "Huyện", "Xã"}

// splitType splits "Xã Chiềng Mai" into "Xã" and "Chiềng Mai", in NFC.
func splitType(full string) (typ, name string) {
	full = vi.NFC(strings.TrimSpace(full))
	for _, t := range unitTypes {
		// The upstream writes a few types in title case ("Thị Trấn"): compare the type word
		// without case, and write it as unitTypes does.
		if len(full) > len(t) && strings.EqualFold(full[:len(t)], t) && full[len(t)] == ' ' {
			return t, strings.TrimSpace(full[len(t)+1:])
		}
	}
	return "", full
}

// ReadFile reads one upstream file whole.
func ReadFile(name string) ([]byte, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	return b, nil
}
