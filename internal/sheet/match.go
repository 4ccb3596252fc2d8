package sheet

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// unitTypes are the words a unit's name may be written with in front: its type.
var unitTypes = []string{"Xã", "Phường", "Thị trấn", "Đặc khu"}

// provinceTypes are those of a province's name.
var provinceTypes = []string{"Tỉnh", "Thành phố", "TP", "TP."}

// matcher finds current units by code or name, and provinces by code or name.
type matcher struct {
	units      map[string]*model.Unit   // by code
	folded     map[string][]*model.Unit // by folded name
	provinces  map[string]*model.Province
	provByName map[string][]*model.Province
}

func newMatcher(s *model.Site) *matcher {
	m := &matcher{units: map[string]*model.Unit{}, folded: map[string][]*model.Unit{}, provinces: map[string]*model.Province{}, provByName: map[string][]*model.Province{}}
	for _, u := range s.Units {
		if m.units[u.Code] == nil {
			m.units[u.Code] = u
			m.folded[vi.Fold(u.Name)] = append(m.folded[vi.Fold(u.Name)], u)
		}
	}
	for _, p := range s.Provinces {
		m.provinces[p.Code] = p
		k := vi.Fold(p.Name)
		m.provByName[k] = append(m.provByName[k], p)
	}
	return m
}

// reading is one way to read a written name: the type it starts with, if any, and the rest.
type reading struct{ typ, name string }

// readings returns the ways to read s: as a name, and, when it starts with one of types, as
// that type and a name ("Xa Ho" may be Xã Hồ or a unit named Xà Hồ).
func readings(s string, types []string) []reading {
	out := []reading{{"", s}}
	f := vi.Fold(s)
	for _, t := range types {
		ft := vi.Fold(t)
		if strings.HasPrefix(f, ft+" ") {
			words := len(strings.Fields(t))
			rest := strings.Fields(s)
			if len(rest) > words {
				out = append(out, reading{t, strings.Join(rest[words:], " ")})
			}
		}
	}
	return out
}

// exact reports whether the written reading names u with its marks as written, whatever the
// tone placement; a name written without marks is not exact.
func (rd reading) exact(name, typ string) bool {
	if !vi.SameName(rd.name, name) {
		return false
	}
	return rd.typ == "" || vi.SameName(strings.TrimSuffix(rd.typ, "."), typ)
}

// province finds the province written s: its code, or its name with or without its type,
// diacritics or not.
func (m *matcher) province(s string) (*model.Province, string) {
	if p := m.provinces[s]; p != nil {
		return p, ""
	}
	var found []*model.Province
	for _, rd := range readings(s, provinceTypes) {
		for _, p := range m.provByName[vi.Fold(rd.name)] {
			if !slices.Contains(found, p) {
				found = append(found, p)
			}
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Sprintf("no province %q: give its code or its name", clip(s))
	case 1:
		return found[0], ""
	}
	var c []string
	for _, p := range found {
		c = append(c, fmt.Sprintf("%s (%s)", p.Name, p.Code))
	}
	return nil, fmt.Sprintf("province %q is ambiguous: %s", clip(s), strings.Join(c, ", "))
}

// byCode finds the unit with the code s. A spreadsheet program drops the leading zeros of a
// code it takes for a number, so "3664" finds 03664.
func (m *matcher) byCode(s string) *model.Unit {
	if u := m.units[s]; u != nil {
		return u
	}
	if s != "" && len(s) < 5 && strings.Trim(s, "0123456789") == "" {
		return m.units[strings.Repeat("0", 5-len(s))+s]
	}
	return nil
}

// named reports whether s names u: its name or its type and name, with or without
// diacritics, with either tone placement.
func named(s string, u *model.Unit) bool {
	for _, rd := range readings(s, unitTypes) {
		if vi.Fold(rd.name) == vi.Fold(u.Name) && (rd.typ == "" || vi.Fold(rd.typ) == vi.Fold(u.Type)) {
			return true
		}
	}
	return false
}

// byName finds the unit named s, in province p when p is not nil. Several units may fold to
// the same name: those whose marks match what is written win, and if more than one is left,
// the name is ambiguous and the message lists them.
func (m *matcher) byName(s string, p *model.Province) (*model.Unit, string) {
	var all, inProv, exact []*model.Unit
	for _, rd := range readings(s, unitTypes) {
		for _, u := range m.folded[vi.Fold(rd.name)] {
			if rd.typ != "" && vi.Fold(rd.typ) != vi.Fold(u.Type) || slices.Contains(all, u) {
				continue
			}
			all = append(all, u)
			if p != nil && u.Province != p.Code {
				continue
			}
			inProv = append(inProv, u)
			if rd.exact(u.Name, u.Type) {
				exact = append(exact, u)
			}
		}
	}
	found := inProv
	if len(exact) > 0 {
		found = exact
	}
	switch {
	case len(found) == 1:
		return found[0], ""
	case len(found) > 1:
		return nil, fmt.Sprintf("name %q is ambiguous: %s; give the code, or the province", clip(s), m.list(found))
	case len(all) > 0:
		return nil, fmt.Sprintf("no current unit named %q in province %s (%s); elsewhere: %s", clip(s), p.Code, p.Name, m.list(all))
	}
	return nil, fmt.Sprintf("no current unit named %q", clip(s))
}

// list names units for a message: "Xã Tân Lập (03700, Sơn La), …".
func (m *matcher) list(us []*model.Unit) string {
	var s []string
	for _, u := range us {
		prov := u.Province
		if p := m.provinces[u.Province]; p != nil {
			prov = p.Name
		}
		s = append(s, fmt.Sprintf("%s (%s, %s)", u.FullName(), u.Code, prov))
	}
	return strings.Join(s, ", ")
}
