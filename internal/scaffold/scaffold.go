// Package scaffold writes the files of a new atlas site: its configuration, its boundaries
// taken from a GeoJSON file as published (either winding, any property names), the criteria
// sets, its provinces, a status file per unit, its former units from the 2025 reform mapping,
// a sample story, a CI workflow and a Netlify configuration, so that the site builds at once.
// It also writes the commented templates of one unit and one story into an existing site.
package scaffold

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/ntm-atlas/atlas/internal/contentfile"
	"github.com/ntm-atlas/atlas/internal/mapping"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read"
	"github.com/ntm-atlas/atlas/internal/vi"
)

//go:embed criteria/*.toml
var criteriaFS embed.FS

// CriteriaSet is the criteria set a new site assesses against.
const CriteriaSet = "2026-2030"

// Options say what site to write.
type Options struct {
	Dir      string // the new site's folder: must not exist, or be empty
	Province string // a province code ("14" or "14" written as 14), or "" for the whole country
	Title    string // the site's title; empty gives "Atlas Nông thôn mới <province>"
	BaseURL  string // the address the site will be published at; empty gives a local one
	// Source credits the boundary file: its name, address and licence, as the user knows them.
	SourceName, SourceURL, SourceLicense string
	// Mapping is the reform mapping to take former units from; nil means the embedded one
	// (mapping.Reform).
	Mapping *mapping.Mapping
	Today   time.Time // the sample story's date
	// Version is the atlas release the CI workflow and Netlify install ("v1.2.0"); empty
	// or a development build gives "latest".
	Version string
}

// Result says what NewSite wrote.
type Result struct {
	Files     []string // paths written, relative to Dir, sorted
	Units     int
	Former    int
	Provinces []string
	Warnings  []string
}

// NewSite writes a new site from the boundaries b.
func NewSite(b *Boundaries, opts Options) (*Result, error) {
	if opts.Dir == "" {
		return nil, errors.New("new site: no folder given")
	}
	if ents, err := os.ReadDir(opts.Dir); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("%s: folder exists and is not empty; give a new folder", opts.Dir)
	}
	m := opts.Mapping
	if m == nil {
		var err error
		if m, err = mapping.Reform(); err != nil {
			return nil, err
		}
	}
	res := &Result{}
	// Each unit's province: the file's, else the mapping's.
	inMapping := map[string]*mapping.Unit{}
	for _, u := range m.Units {
		inMapping[u.Code] = u
	}
	want := ""
	if opts.Province != "" {
		var ok bool
		if want, ok = codeOf(opts.Province, 2); !ok {
			return nil, fmt.Errorf("-province %q: not a province code", opts.Province)
		}
	}
	var units []*Boundary
	found := map[string]int{}
	for _, u := range b.Units {
		if u.Province == "" {
			if mu := inMapping[u.Code]; mu != nil {
				u.Province = mu.Province
			} else if want != "" && b.Properties.Province == "" {
				u.Province = want // a file of one province, without province codes
			}
		}
		found[u.Province]++
		if want == "" || u.Province == want {
			units = append(units, u)
		}
	}
	if len(units) == 0 {
		var have []string
		for p, n := range found {
			have = append(have, fmt.Sprintf("%s (%d)", p, n))
		}
		sort.Strings(have)
		return nil, fmt.Errorf("%s: no unit of province %s; the file has provinces %s", b.File, want, strings.Join(have, ", "))
	}
	for _, u := range units {
		if u.Province == "" {
			return nil, fmt.Errorf("%s:%d:%d: feature %d (code %s): no province: name the property with -province-property, or give -province", b.File, u.line, u.col, u.featureNo, u.Code)
		}
	}
	sort.Slice(units, func(i, j int) bool { return units[i].Code < units[j].Code })
	res.Units = len(units)

	// Provinces: the mapping's, else the boundary file's name.
	provs := map[string]*mapping.Province{}
	for _, p := range m.Provinces {
		provs[p.Code] = p
	}
	var provCodes []string
	seenProv := map[string]bool{}
	props := map[string]mapping.Props{}
	keep := map[string]bool{}
	for _, u := range units {
		keep[u.Code] = true
		props[u.Code] = mapping.Props{Code: u.Code, Name: u.Name, Type: u.Type, ProvinceCode: u.Province}
		if seenProv[u.Province] {
			continue
		}
		seenProv[u.Province] = true
		provCodes = append(provCodes, u.Province)
		if provs[u.Province] == nil {
			if u.ProvinceName == "" {
				return nil, fmt.Errorf("%s: province %s is not in the 2025 mapping and the file gives no name for it; name the property with -province-name-property", b.File, u.Province)
			}
			typ := u.ProvinceType
			if typ == "" {
				typ = "Tỉnh"
			}
			provs[u.Province] = &mapping.Province{Code: u.Province, Name: u.ProvinceName, Type: typ}
		}
	}
	sort.Strings(provCodes)
	res.Provinces = provCodes

	files := map[string][]byte{}
	// Former units and provinces, as atlas import-mapping writes them.
	sub := m.Subset(keep)
	for _, c := range provCodes {
		found := false
		for _, p := range sub.Provinces {
			found = found || p.Code == c
		}
		if !found {
			sub.Provinces = append(sub.Provinces, provs[c])
		}
	}
	if len(sub.Units) == 0 {
		res.Warnings = append(res.Warnings, "no unit of the boundary file is in the 2025 reform mapping: no former units written")
	}
	plan, err := mapping.Build(opts.Dir, sub, props)
	if err != nil {
		return nil, err
	}
	for p, data := range plan.Write {
		if path.Dir(p) == mapping.UnitsDir {
			continue // the data keeper's own files, written below
		}
		if path.Dir(p) == mapping.FormerDir {
			res.Former++
		}
		files[p] = data
	}
	for _, w := range plan.Warnings {
		if !strings.Contains(w, "has no boundary") {
			res.Warnings = append(res.Warnings, w)
		}
	}
	for _, u := range units {
		data, err := unitFile(b, u, u.Province)
		if err != nil {
			return nil, err
		}
		files[path.Join(mapping.UnitsDir, u.Code+".toml")] = data
	}

	// Boundaries, criteria sets, configuration.
	label := "Việt Nam"
	slug := "vietnam"
	if want != "" {
		p := provs[want]
		label = p.Name
		slug = vi.Slug(p.Name)
	}
	geoFile := "geo/" + slug + "-2025.geojson.gz"
	geo, err := boundaryFile(units)
	if err != nil {
		return nil, err
	}
	files[geoFile] = geo
	crit, err := fs.Glob(criteriaFS, "criteria/*.toml")
	if err != nil {
		return nil, err
	}
	for _, c := range crit {
		data, _ := criteriaFS.ReadFile(c)
		files["content/"+c] = data
	}
	if files["atlas.toml"], err = atlasTOML(b, opts, want, label, geoFile, len(sub.Units) > 0); err != nil {
		return nil, fmt.Errorf("atlas.toml: %w", err)
	}
	date := opts.Today
	if date.IsZero() {
		date = time.Now()
	}
	storyName := "content/stories/" + date.Format("2006-01-02") + "-bai-mau.md"
	if files[storyName], err = StoryFile("Bài mẫu: một tin về nông thôn mới "+label, date, provCodes, true); err != nil {
		return nil, fmt.Errorf("%s: %w", storyName, err)
	}
	version := opts.Version
	if version == "" || strings.Contains(version, "devel") || !strings.HasPrefix(version, "v") {
		version = "latest"
	}
	files[".github/workflows/atlas.yml"] = workflow(version)
	files["netlify.toml"] = netlifyTOML(version)
	files["package.json"] = packageJSON()
	files[".gitignore"] = []byte(gitignore)
	files["README.md"] = siteReadme(label, geoFile, version)

	for p := range files {
		res.Files = append(res.Files, p)
	}
	sort.Strings(res.Files)
	// Write nothing the new site's first build would refuse: a name of a megabyte in the
	// boundary file makes a unit file larger than the build reads.
	var lim model.Limits // the new atlas.toml sets none
	for _, p := range res.Files {
		limit := lim.FileBytes()
		switch {
		case p == geoFile:
			limit = lim.BoundaryBytes()
		case p == read.ConfigFile, strings.HasPrefix(p, read.ContentDir+"/"):
		default:
			continue // not read by the build
		}
		if err := contentfile.CheckSize(p, files[p], limit); err != nil {
			return nil, fmt.Errorf("%s: %w", b.File, err)
		}
	}
	for _, p := range res.Files {
		dst := filepath.Join(opts.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(dst, files[p], 0o644); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// boundaryFile writes the units as a gzipped GeoJSON FeatureCollection with the properties
// code, name, type and province_code, rings in RFC 7946 winding (outer counter-clockwise,
// holes clockwise), coordinates as read. Same units, same bytes.
func boundaryFile(units []*Boundary) ([]byte, error) {
	var js bytes.Buffer
	js.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, u := range units {
		if i > 0 {
			js.WriteByte(',')
		}
		js.WriteString("\n")
		fmt.Fprintf(&js, `{"type":"Feature","properties":{"code":%s,"name":%s,"type":%s,"province_code":%s},"geometry":{"type":"MultiPolygon","coordinates":[`,
			jsonString(u.Code), jsonString(u.Name), jsonString(u.Type), jsonString(u.Province))
		for pi, poly := range u.Geometry {
			if pi > 0 {
				js.WriteByte(',')
			}
			js.WriteByte('[')
			for ri, ring := range poly {
				r := append(orb.Ring(nil), ring...)
				outer := ri == 0
				if (r.Orientation() == orb.CCW) != outer {
					r.Reverse()
				}
				if ri > 0 {
					js.WriteByte(',')
				}
				js.WriteByte('[')
				for k, pt := range r {
					if k > 0 {
						js.WriteByte(',')
					}
					js.WriteByte('[')
					js.WriteString(strconv.FormatFloat(pt[0], 'f', -1, 64))
					js.WriteByte(',')
					js.WriteString(strconv.FormatFloat(pt[1], 'f', -1, 64))
					js.WriteByte(']')
				}
				js.WriteByte(']')
			}
			js.WriteByte(']')
		}
		js.WriteString("]}}")
	}
	js.WriteString("\n]}\n")
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(js.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return gz.Bytes(), nil
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// unitFile is the status file of the unit of boundary u, in province, with a commented
// template of an assessment; a name that is not UTF-8 is an error at the unit's feature.
func unitFile(b *Boundaries, u *Boundary, province string) ([]byte, error) {
	data, err := contentfile.UnitTemplate(contentfile.Unit{Code: u.Code, Name: u.Name, Type: u.Type, Province: province}, CriteriaSet)
	if err != nil {
		return nil, fmt.Errorf("%s:%d:%d: feature %d (code %s): %w", b.File, u.line, u.col, u.featureNo, u.Code, err)
	}
	return data, nil
}
