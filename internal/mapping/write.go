package mapping

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/ntm-atlas/atlas/internal/contentfile"
	"github.com/ntm-atlas/atlas/internal/read"
	"github.com/ntm-atlas/atlas/internal/vi"
	"github.com/ntm-atlas/atlas/internal/write"
)

// The content folders the importer writes, relative to the site.
const (
	UnitsDir     = "content/units"
	FormerDir    = "content/former"
	ProvincesDir = "content/provinces"
)

// Props are the properties of one feature of the national boundary file.
type Props struct {
	Code         string `json:"code"`
	Name         string `json:"name"`
	Type         string `json:"type"`
	ProvinceCode string `json:"province_code"`
}

// BoundaryProps reads the properties of every feature of a GeoJSON file, gzipped or not.
func BoundaryProps(name string) (map[string]Props, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		r = zr
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var fc struct {
		Features []struct {
			Properties Props `json:"properties"`
		} `json:"features"`
	}
	if err := decode(name, data, &fc); err != nil {
		return nil, err
	}
	out := map[string]Props{}
	for _, ft := range fc.Features {
		p := ft.Properties
		p.Name, p.Type = vi.NFC(p.Name), vi.NFC(p.Type)
		out[p.Code] = p
	}
	return out, nil
}

// reconcile gives a unit of the mapping that has no boundary the code of the one boundary
// left unmatched with the same name in the same province, when there is exactly one: the two
// sources disagree on a few codes, and the boundaries are what the build draws. It returns a
// warning for each code it changed.
func reconcile(m *Mapping, props map[string]Props) []string {
	used := map[string]bool{}
	for _, u := range m.Units {
		used[u.Code] = true
	}
	var free []Props
	for _, p := range props {
		if !used[p.Code] {
			free = append(free, p)
		}
	}
	sort.Slice(free, func(i, j int) bool { return free[i].Code < free[j].Code })
	renamed := map[string]string{}
	var out []string
	for _, u := range m.Units {
		if _, ok := props[u.Code]; ok {
			continue
		}
		var match []Props
		for _, p := range free {
			if p.ProvinceCode == u.Province && vi.SameName(p.Name, u.Name) && !used[p.Code] {
				match = append(match, p)
			}
		}
		if len(match) != 1 {
			continue
		}
		out = append(out, fmt.Sprintf("unit %s %s: the mapping gives code %s, the boundary file %s; using the boundary file's", u.Type, u.Name, u.Code, match[0].Code))
		renamed[u.Code] = match[0].Code
		used[match[0].Code] = true
		u.Code = match[0].Code
	}
	if len(renamed) > 0 {
		for _, f := range m.Former {
			for i, s := range f.Successors {
				if c, ok := renamed[s.Code]; ok {
					f.Successors[i].Code = c
				}
			}
			sort.Slice(f.Successors, func(i, j int) bool { return f.Successors[i].Code < f.Successors[j].Code })
		}
		sort.Slice(m.Units, func(i, j int) bool { return m.Units[i].Code < m.Units[j].Code })
	}
	return out
}

// Plan is what Write would change: the files to write (path → content) and to remove, and the
// warnings about hand-kept files and disagreeing sources.
type Plan struct {
	Write    map[string][]byte
	Remove   []string
	Kept     map[string]int // by folder: hand-kept files left alone
	Same     int            // generated files whose bytes are already right
	Warnings []string
}

// Build plans the site's files from the mapping and, when props is not nil, the boundary
// file's names and types (the boundaries the build draws), reading what site already holds.
func Build(site string, m *Mapping, props map[string]Props) (*Plan, error) {
	pl := &Plan{Write: map[string][]byte{}, Kept: map[string]int{}}
	if props != nil {
		pl.Warnings = append(pl.Warnings, reconcile(m, props)...)
	}
	want := map[string][]byte{}
	units := map[string]*Unit{}
	for _, u := range m.Units {
		u := *u
		if p, ok := props[u.Code]; ok {
			if !vi.SameName(p.Name, u.Name) || p.Type != u.Type {
				pl.Warnings = append(pl.Warnings, fmt.Sprintf("unit %s: the mapping names it %s %s, the boundary file %s %s; using the boundary file's", u.Code, u.Type, u.Name, p.Type, p.Name))
			}
			u.Name, u.Type = p.Name, p.Type
			if p.ProvinceCode != "" && p.ProvinceCode != u.Province {
				pl.Warnings = append(pl.Warnings, fmt.Sprintf("unit %s: province %s in the mapping, %s in the boundary file", u.Code, u.Province, p.ProvinceCode))
			}
		} else if props != nil {
			pl.Warnings = append(pl.Warnings, fmt.Sprintf("unit %s (%s %s) has no boundary in the boundary file", u.Code, u.Type, u.Name))
		}
		units[u.Code] = &u
		rel := path.Join(UnitsDir, u.Code+".toml")
		data, err := unitFile(&u)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		want[rel] = data
	}
	provs := map[string]*Province{}
	for _, p := range m.Provinces {
		provs[p.Code] = p
	}
	for _, f := range m.Former {
		rel := path.Join(FormerDir, f.Code+".toml")
		data, err := formerFile(f, units, provs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		want[rel] = data
	}
	for _, p := range m.Provinces {
		rel := path.Join(ProvincesDir, p.Code+".toml")
		data, err := provinceFile(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		want[rel] = data
	}
	// What the site holds now.
	for _, dir := range []string{UnitsDir, FormerDir, ProvincesDir} {
		names, err := filepath.Glob(filepath.Join(site, filepath.FromSlash(dir), "*.toml"))
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			rel := path.Join(dir, filepath.Base(n))
			have, err := os.ReadFile(n)
			if err != nil {
				return nil, err
			}
			w, wanted := want[rel]
			if i := bytes.Index(have, []byte("\n[[assessments]]")); wanted && dir == UnitsDir && i >= 0 {
				// Assessments added to a generated file (by hand or by atlas import
				// statuses) are the data keeper's: keep them below the regenerated head.
				w = append(append(bytes.TrimRight(w, "\n"), '\n'), have[i:]...)
				want[rel] = w
			}
			switch {
			case !bytes.HasPrefix(have, []byte(contentfile.Marker+"\n")):
				pl.Kept[dir]++
				if wanted {
					pl.Warnings = append(pl.Warnings, compare(rel, have, w)...)
				}
				delete(want, rel)
			case !wanted:
				pl.Remove = append(pl.Remove, rel)
			case bytes.Equal(have, w):
				pl.Same++
				delete(want, rel)
			}
		}
	}
	// Write nothing the build would refuse (a name of a megabyte in the mapping).
	lim, err := read.Limits(site)
	if err != nil {
		return nil, err
	}
	for p, data := range want {
		if err := contentfile.CheckSize(p, data, lim.FileBytes()); err != nil {
			return nil, err
		}
	}
	pl.Write = want
	sort.Strings(pl.Remove)
	return pl, nil
}

// Apply carries out a plan in site: every file is written through a temporary file and a
// rename, so that an interrupted import leaves each file whole.
func (pl *Plan) Apply(site string) error {
	paths := make([]string, 0, len(pl.Write))
	for p := range pl.Write {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err := write.File(filepath.Join(site, filepath.FromSlash(p)), pl.Write[p], 0o644); err != nil {
			return err
		}
	}
	for _, p := range pl.Remove {
		if err := os.Remove(filepath.Join(site, filepath.FromSlash(p))); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}

// compare reports where a hand-kept file disagrees with what the mapping would write: its
// successors, name or province.
func compare(rel string, have, want []byte) []string {
	type file struct {
		Name       string `toml:"name"`
		Province   string `toml:"province"`
		Successors []struct {
			Code  string `toml:"code"`
			Merge string `toml:"merge"`
		} `toml:"successors"`
	}
	var h, w file
	if _, err := toml.Decode(string(have), &h); err != nil {
		return []string{fmt.Sprintf("%s: kept by hand, but cannot be read: %v", rel, err)}
	}
	toml.Decode(string(want), &w)
	var out []string
	if !vi.SameName(h.Name, w.Name) {
		out = append(out, fmt.Sprintf("%s: kept by hand with name %q; the mapping says %q", rel, h.Name, w.Name))
	}
	if h.Province != w.Province && path.Dir(rel) != ProvincesDir {
		out = append(out, fmt.Sprintf("%s: kept by hand in province %q; the mapping says %q", rel, h.Province, w.Province))
	}
	succ := func(f file) string {
		var s []string
		for _, x := range f.Successors {
			s = append(s, x.Code+" "+x.Merge)
		}
		sort.Strings(s)
		return strings.Join(s, ", ")
	}
	if hs, ws := succ(h), succ(w); hs != ws {
		out = append(out, fmt.Sprintf("%s: kept by hand with successors [%s]; the mapping says [%s]", rel, hs, ws))
	}
	return out
}

func unitFile(u *Unit) ([]byte, error) {
	return contentfile.GeneratedUnit(contentfile.Unit{Code: u.Code, Name: u.Name, Type: u.Type, Province: u.Province})
}

func formerFile(f *Former, units map[string]*Unit, provs map[string]*Province) ([]byte, error) {
	// Its province today: that of its first full successor, else of its first one.
	prov := ""
	for _, s := range f.Successors {
		if u := units[s.Code]; u != nil && (prov == "" || s.Merge == "full") {
			prov = u.Province
			if s.Merge == "full" {
				break
			}
		}
	}
	c := contentfile.Former{Code: f.Code, Name: f.Name, Type: f.Type, Province: prov}
	p := provs[prov]
	if p != nil {
		c.ProvinceName = p.Name
	}
	if f.OldProvinceName != "" && (p == nil || !vi.SameName(p.Name, f.OldProvinceName)) {
		c.OldProvince = f.OldProvinceName
	}
	for _, s := range f.Successors {
		c.Successors = append(c.Successors, contentfile.Successor{Code: s.Code, Merge: s.Merge})
	}
	return contentfile.GeneratedFormer(c)
}

func provinceFile(p *Province) ([]byte, error) {
	return contentfile.GeneratedProvince(contentfile.Province{Code: p.Code, Name: p.Name, Type: p.Type, Parts: p.Parts})
}

// Summary says in one line what a plan does.
func (pl *Plan) Summary() string {
	count := func(dir string) int {
		n := 0
		for p := range pl.Write {
			if path.Dir(p) == dir {
				n++
			}
		}
		return n
	}
	return fmt.Sprintf("units: %d written, %d kept by hand; former units: %d written, %d kept by hand; provinces: %d written, %d kept by hand; %d unchanged, %d removed; %d warning(s)",
		count(UnitsDir), pl.Kept[UnitsDir], count(FormerDir), pl.Kept[FormerDir], count(ProvincesDir), pl.Kept[ProvincesDir], pl.Same, len(pl.Remove), len(pl.Warnings))
}
