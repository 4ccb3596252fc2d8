// Package benchsite generates a fully populated site for benchmarks: the units, former units
// and provinces of a source site (the default national content), seeded recognitions for a
// share of the former units, and seeded stories linked to units — plus, optionally, an
// equivalent Hugo site with one page per unit, former unit and story.
//
// The same options and seed give the same bytes, so two runs of a benchmark build the same
// site. The generated content follows docs/content.md and builds without errors.
package benchsite

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/ntm-atlas/atlas/internal/model"
)

// Options say what to generate.
type Options struct {
	// From is the source site folder (atlas.toml, content/, geo/, layouts/).
	From string
	// Out is the folder to write the site to; it must not exist or be empty.
	Out string
	// Seed seeds the generator.
	Seed uint64
	// Share is the share of former units, 0–1, given at least one recognition.
	Share float64
	// Stories is the number of stories to write.
	Stories int
	// Provinces keeps only the first N provinces by code (0: all); the site's featured
	// province is always kept.
	Provinces int
	// Hugo, when not empty, is a folder to write the equivalent Hugo site to.
	Hugo string
	// Until is the latest date a story may carry; zero means 2026-11-30.
	Until time.Time
}

// Summary counts what Generate wrote.
type Summary struct {
	Provinces, Units, Former, Recognitions, Stories int
	// HugoPages is the number of content pages of the Hugo site (0 when none was written).
	HugoPages int
}

func (s Summary) String() string {
	return fmt.Sprintf("%d provinces, %d units, %d former units, %d recognitions, %d stories",
		s.Provinces, s.Units, s.Former, s.Recognitions, s.Stories)
}

type successor struct {
	Code   string `toml:"code"`
	Former bool   `toml:"former"`
}

type unitFile struct {
	Code       string      `toml:"code"`
	Name       string      `toml:"name"`
	Type       string      `toml:"type"`
	Province   string      `toml:"province"`
	Until      any         `toml:"until"`
	Successors []successor `toml:"successors"`
	Recogs     []struct {
		Year int `toml:"year"`
	} `toml:"recognitions"`
}

type level struct {
	ID         string `toml:"id"`
	Recognized bool   `toml:"recognized"`
}

type criteriaSet struct {
	ID        string  `toml:"id"`
	StartYear int     `toml:"start_year"`
	EndYear   int     `toml:"end_year"`
	Levels    []level `toml:"levels"`
}

type site struct {
	featured  string
	provinces []string          // kept province codes, sorted
	units     map[string]*entry // by file name (code)
	former    map[string]*entry // by file name (key)
	sets      []criteriaSet     // sets that end by 2025, oldest first
	names     map[string]string // province code → name
}

type entry struct {
	file string // path relative to the site
	data []byte
	unitFile
}

// Generate writes the site described by opts.
func Generate(opts Options) (Summary, error) {
	var sum Summary
	if opts.Until.IsZero() {
		opts.Until = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	}
	if err := emptyDir(opts.Out); err != nil {
		return sum, err
	}
	s, err := load(opts.From, opts.Provinces)
	if err != nil {
		return sum, err
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6e746d))

	// Copy what is not generated: site configuration, layouts, criteria, nation, the former
	// districts, the kept provinces, and the boundaries (filtered when provinces are dropped).
	if err := copyFile(filepath.Join(opts.From, "atlas.toml"), filepath.Join(opts.Out, "atlas.toml")); err != nil {
		return sum, err
	}
	for _, dir := range []string{"layouts", "content/criteria"} {
		if err := copyTree(filepath.Join(opts.From, dir), filepath.Join(opts.Out, dir)); err != nil {
			return sum, err
		}
	}
	// The former districts table: the seeded recognitions name their unit's district, which
	// it gives (a row of a province left out is only counted in a warning).
	for _, name := range []string{"content/nation.toml", "content/former-districts.csv"} {
		if err := copyFile(filepath.Join(opts.From, name), filepath.Join(opts.Out, name)); err != nil && !os.IsNotExist(err) {
			return sum, err
		}
	}
	for _, p := range s.provinces {
		name := filepath.Join("content/provinces", p+".toml")
		if err := copyFile(filepath.Join(opts.From, name), filepath.Join(opts.Out, name)); err != nil {
			return sum, err
		}
	}
	sum.Provinces = len(s.provinces)
	if err := copyGeo(opts.From, opts.Out, s.units, opts.Provinces > 0); err != nil {
		return sum, err
	}

	for _, code := range sortedKeys(s.units) {
		e := s.units[code]
		if err := writeFile(filepath.Join(opts.Out, e.file), e.data); err != nil {
			return sum, err
		}
		sum.Units++
	}
	formerKeys := sortedKeys(s.former)
	for _, key := range formerKeys {
		e := s.former[key]
		data := e.data
		if len(e.Recogs) == 0 && rng.Float64() < opts.Share {
			var add []byte
			add, n := recognitions(rng, s.sets, e)
			data = append(slices.Clip(data), add...)
			sum.Recognitions += n
		} else {
			sum.Recognitions += len(e.Recogs)
		}
		e.data = data
		if err := writeFile(filepath.Join(opts.Out, e.file), data); err != nil {
			return sum, err
		}
		sum.Former++
	}

	stories := makeStories(rng, s, opts.Stories, opts.Until)
	for _, st := range stories {
		if err := writeFile(filepath.Join(opts.Out, "content/stories", st.slug+".md"), st.markdown()); err != nil {
			return sum, err
		}
	}
	sum.Stories = len(stories)

	if opts.Hugo != "" {
		n, err := writeHugo(opts.Hugo, s, stories)
		if err != nil {
			return sum, err
		}
		sum.HugoPages = n
	}
	return sum, nil
}

// load reads the source site's units, former units, provinces and criteria sets.
func load(dir string, keep int) (*site, error) {
	s := &site{units: map[string]*entry{}, former: map[string]*entry{}, names: map[string]string{}}
	var conf struct {
		Province string `toml:"province"`
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, "atlas.toml"), &conf); err != nil {
		return nil, err
	}
	s.featured = conf.Province

	provs, err := filepath.Glob(filepath.Join(dir, "content/provinces/*.toml"))
	if err != nil {
		return nil, err
	}
	var all []string
	for _, f := range provs {
		var p struct {
			Code string `toml:"code"`
			Name string `toml:"name"`
		}
		if _, err := toml.DecodeFile(f, &p); err != nil {
			return nil, err
		}
		all = append(all, p.Code)
		s.names[p.Code] = p.Name
	}
	sort.Strings(all)
	kept := map[string]bool{}
	for i, p := range all {
		if keep <= 0 || i < keep || p == s.featured {
			kept[p] = true
			s.provinces = append(s.provinces, p)
		}
	}

	if err := readEntries(dir, "content/units", func(e *entry) {
		if kept[e.Province] {
			s.units[e.Code] = e
		}
	}); err != nil {
		return nil, err
	}
	if err := readEntries(dir, "content/former", func(e *entry) {
		if !kept[e.Province] {
			return
		}
		for _, su := range e.Successors {
			if !su.Former && s.units[su.Code] == nil {
				return // a successor in a dropped province
			}
		}
		s.former[strings.TrimSuffix(filepath.Base(e.file), ".toml")] = e
	}); err != nil {
		return nil, err
	}
	// A former successor that was dropped drops its predecessors too.
	for changed := true; changed; {
		changed = false
		for key, e := range s.former {
			for _, su := range e.Successors {
				if su.Former && s.former[su.Code] == nil && !hasFormerKey(s.former, su.Code) {
					delete(s.former, key)
					changed = true
					break
				}
			}
		}
	}

	sets, err := filepath.Glob(filepath.Join(dir, "content/criteria/*.toml"))
	if err != nil {
		return nil, err
	}
	for _, f := range sets {
		var c criteriaSet
		if _, err := toml.DecodeFile(f, &c); err != nil {
			return nil, err
		}
		if c.EndYear <= 2025 {
			s.sets = append(s.sets, c)
		}
	}
	sort.Slice(s.sets, func(i, j int) bool { return s.sets[i].StartYear < s.sets[j].StartYear })
	if len(s.sets) == 0 {
		return nil, fmt.Errorf("%s: no criteria set ending by 2025", dir)
	}
	return s, nil
}

func hasFormerKey(m map[string]*entry, code string) bool {
	for key := range m {
		if strings.HasPrefix(key, code) {
			return true
		}
	}
	return false
}

func readEntries(dir, sub string, f func(*entry)) error {
	files, err := filepath.Glob(filepath.Join(dir, sub, "*.toml"))
	if err != nil {
		return err
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		e := &entry{file: filepath.Join(sub, filepath.Base(name)), data: data}
		if _, err := toml.Decode(string(data), &e.unitFile); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		f(e)
	}
	return nil
}

// recognitions returns TOML for one or two seeded recognitions of e and their number: a
// standard one in a random set, and for about one in three an advanced one later.
func recognitions(rng *rand.Rand, sets []criteriaSet, e *entry) ([]byte, int) {
	var b bytes.Buffer
	i := rng.IntN(len(sets))
	set := sets[i]
	year := set.StartYear + 1 + rng.IntN(set.EndYear-set.StartYear)
	fmt.Fprintf(&b, "\n[[recognitions]]\ncriteria_set = %q\nlevel = \"standard\"\nyear = %d\nsource_url = \"https://example.org/bench/%s/%d\"\n",
		set.ID, year, e.Code, year)
	n := 1
	if rng.IntN(3) == 0 && i+1 < len(sets) {
		next := sets[i+1]
		if hasLevel(next, "advanced") {
			y := next.StartYear + 1 + rng.IntN(next.EndYear-next.StartYear)
			fmt.Fprintf(&b, "\n[[recognitions]]\ncriteria_set = %q\nlevel = \"advanced\"\nyear = %d\nsource_url = \"https://example.org/bench/%s/%d\"\n",
				next.ID, y, e.Code, y)
			n++
		}
	}
	return b.Bytes(), n
}

func hasLevel(c criteriaSet, id string) bool {
	for _, l := range c.Levels {
		if l.ID == id && l.Recognized {
			return true
		}
	}
	return false
}

type story struct {
	slug, title, summary string
	date                 time.Time
	province             string
	units, former        []string
	paragraphs           []string
}

func (st story) markdown() []byte {
	var b bytes.Buffer
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %q\ndate = %s\nlanguage = \"vi\"\nsummary = %q\n", st.title, st.date.Format("2006-01-02"), st.summary)
	fmt.Fprintf(&b, "provinces = [%q]\n", st.province)
	if len(st.units) > 0 {
		fmt.Fprintf(&b, "units = %s\n", tomlList(st.units))
	}
	if len(st.former) > 0 {
		fmt.Fprintf(&b, "former_units = %s\n", tomlList(st.former))
	}
	b.WriteString("+++\n\n")
	for _, p := range st.paragraphs {
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

func tomlList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// Words for the generated stories: plain Vietnamese about the programme, shuffled.
var words = strings.Fields("xã nông thôn mới đạt chuẩn tiêu chí giao thông thủy lợi điện trường học " +
	"cơ sở vật chất văn hóa chợ thông tin truyền thông nhà ở dân cư thu nhập hộ nghèo lao động " +
	"tổ chức sản xuất giáo dục y tế môi trường an toàn thực phẩm hệ thống chính trị quốc phòng " +
	"an ninh người dân cùng chung tay xây dựng đường làng ngõ xóm sạch đẹp hợp tác xã sản phẩm OCOP")

func sentence(rng *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[rng.IntN(len(words))]
	}
	s := strings.Join(w, " ")
	r, size := utf8.DecodeRuneInString(s) // the first letter, not its first byte: "đạt" → "Đạt"
	return string(unicode.ToUpper(r)) + s[size:] + "."
}

func makeStories(rng *rand.Rand, s *site, n int, until time.Time) []story {
	byProvince := map[string][]string{}
	for _, code := range sortedKeys(s.units) {
		p := s.units[code].Province
		byProvince[p] = append(byProvince[p], code)
	}
	formerBy := map[string][]string{}
	for _, key := range sortedKeys(s.former) {
		e := s.former[key]
		if len(key) == len(e.Code) { // a unit that ended on 2025-07-01: its key is its code
			formerBy[e.Province] = append(formerBy[e.Province], key)
		}
	}
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(until.Sub(start).Hours() / 24)
	out := make([]story, 0, n)
	for i := range n {
		p := s.provinces[rng.IntN(len(s.provinces))]
		st := story{
			slug:     fmt.Sprintf("tin-%04d", i+1),
			date:     start.AddDate(0, 0, rng.IntN(days+1)),
			province: p,
		}
		st.title = fmt.Sprintf("%s: %s", s.names[p], strings.TrimSuffix(sentence(rng, 6), "."))
		st.summary = sentence(rng, 18)
		st.units = pick(rng, byProvince[p], 1+rng.IntN(3))
		st.former = pick(rng, formerBy[p], rng.IntN(4))
		for range 4 + rng.IntN(4) {
			var para []string
			for range 3 + rng.IntN(3) {
				para = append(para, sentence(rng, 10+rng.IntN(12)))
			}
			st.paragraphs = append(st.paragraphs, strings.Join(para, " "))
		}
		out = append(out, st)
	}
	return out
}

// pick returns up to k distinct elements of xs, sorted.
func pick(rng *rand.Rand, xs []string, k int) []string {
	if k > len(xs) {
		k = len(xs)
	}
	seen := map[int]bool{}
	var out []string
	for len(out) < k {
		i := rng.IntN(len(xs))
		if !seen[i] {
			seen[i] = true
			out = append(out, xs[i])
		}
	}
	sort.Strings(out)
	return out
}

// copyGeo copies the boundary files named in atlas.toml; when filter is set, only the features
// of kept units are written.
func copyGeo(from, out string, units map[string]*entry, filter bool) error {
	var conf struct {
		Boundaries []struct {
			File         string `toml:"file"`
			CodeProperty string `toml:"code_property"`
		} `toml:"boundaries"`
	}
	if _, err := toml.DecodeFile(filepath.Join(from, "atlas.toml"), &conf); err != nil {
		return err
	}
	for _, bf := range conf.Boundaries {
		src, dst := filepath.Join(from, bf.File), filepath.Join(out, bf.File)
		if !filter {
			if err := copyFile(src, dst); err != nil {
				return err
			}
			continue
		}
		prop := bf.CodeProperty
		if prop == "" {
			prop = "code"
		}
		if err := filterGeo(src, dst, prop, units); err != nil {
			return err
		}
	}
	return nil
}

func filterGeo(src, dst, prop string, units map[string]*entry) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReader(f)
	gz := strings.HasSuffix(src, ".gz")
	if gz {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		r = zr
	}
	var fc struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if err := json.NewDecoder(r).Decode(&fc); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	n := 0
	for _, raw := range fc.Features {
		var feat struct {
			Properties map[string]any `json:"properties"`
		}
		if err := json.Unmarshal(raw, &feat); err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		code := fmt.Sprint(feat.Properties[prop])
		if units[code] == nil {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		b.Write(raw)
		n++
	}
	b.WriteString("]}\n")
	data := b.Bytes()
	if gz {
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestSpeed)
		zw.Write(data)
		if err := zw.Close(); err != nil {
			return err
		}
		data = z.Bytes()
	}
	return writeFile(dst, data)
}

func emptyDir(dir string) error {
	ents, err := os.ReadDir(dir)
	if err == nil && len(ents) > 0 {
		return fmt.Errorf("%s: not empty", dir)
	}
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return os.MkdirAll(dir, 0o755)
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return writeFile(dst, data)
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if os.IsNotExist(err) && path == src {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		return copyFile(path, filepath.Join(dst, rel))
	})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// writeHugo writes a Hugo site with one page per unit, former unit and story of s, each
// carrying the same facts in its front matter, and minimal layouts that print them. It
// returns the number of content pages.
func writeHugo(dir string, s *site, stories []story) (int, error) {
	if err := emptyDir(dir); err != nil {
		return 0, err
	}
	files := map[string]string{
		"hugo.toml": "baseURL = \"https://example.org/\"\nlanguageCode = \"vi\"\ntitle = \"NTM Atlas (Hugo equivalent)\"\n" +
			"disableKinds = [\"taxonomy\", \"term\"]\n",
		"layouts/baseof.html": "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">" +
			"<meta name=\"viewport\" content=\"width=device-width\"><title>{{ .Title }} · {{ site.Title }}</title></head>\n" +
			"<body><header><a href=\"/\">{{ site.Title }}</a></header><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
		"layouts/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n" +
			"<dl>{{ with .Params.code }}<dt>Mã</dt><dd>{{ . }}</dd>{{ end }}{{ with .Params.province }}<dt>Tỉnh</dt><dd>{{ . }}</dd>{{ end }}</dl>\n" +
			"{{ with .Params.recognitions }}<ul>{{ range . }}<li>{{ .level }} {{ .year }} ({{ .criteria_set }}) <a href=\"{{ .source_url }}\">nguồn</a></li>{{ end }}</ul>{{ end }}\n" +
			"{{ with .Params.successors }}<ul>{{ range . }}<li><a href=\"/" + model.UnitsDir + "{{ .code }}/\">{{ .code }}</a> {{ .merge }}</li>{{ end }}</ul>{{ end }}\n" +
			"{{ with .Params.units }}<ul>{{ range . }}<li><a href=\"/" + model.UnitsDir + "{{ . }}/\">{{ . }}</a></li>{{ end }}</ul>{{ end }}\n" +
			"{{ .Content }}{{ end }}\n",
		"layouts/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
	}
	for name, text := range files {
		if err := writeFile(filepath.Join(dir, name), []byte(text)); err != nil {
			return 0, err
		}
	}
	n := 0
	for _, code := range sortedKeys(s.units) {
		e := s.units[code]
		fm := fmt.Sprintf("+++\ntitle = %q\ncode = %q\nprovince = %q\n+++\n", strings.TrimSpace(e.Type+" "+e.Name), e.Code, e.Province)
		if err := writeFile(filepath.Join(dir, "content", model.UnitsDir, code+".md"), []byte(fm)); err != nil {
			return 0, err
		}
		n++
	}
	for _, key := range sortedKeys(s.former) {
		e := s.former[key]
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = %q\ncode = %q\nprovince = %q\n", strings.TrimSpace(e.Type+" "+e.Name), e.Code, e.Province)
		// The former file's arrays of tables (successors, recognitions) carry over as they are.
		if i := bytes.Index(e.data, []byte("\n[[")); i >= 0 {
			b.Write(e.data[i+1:])
		}
		b.WriteString("+++\n")
		if err := writeFile(filepath.Join(dir, "content", model.FormerDir, key+".md"), []byte(b.String())); err != nil {
			return 0, err
		}
		n++
	}
	for _, st := range stories {
		if err := writeFile(filepath.Join(dir, "content", model.StoriesDir, st.slug+".md"), st.markdown()); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}
