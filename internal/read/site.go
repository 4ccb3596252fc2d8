// Package read reads a site folder into the content model, reporting every problem it finds
// with its file and position.
package read

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read/tomlkey"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// The folders of a site, relative to its root.
const (
	ConfigFile   = "atlas.toml"
	CriteriaDir  = "content/criteria"
	ProvincesDir = "content/provinces"
	NationFile   = "content/nation.toml" // the national totals; optional
	UnitsDir     = "content/units"
	FormerDir    = "content/former"
	StoriesDir   = "content/stories"
	ContentDir   = "content" // every folder of content above lies in it
	GeoDir       = "geo"     // the boundary files, by custom
	LayoutsDir   = "layouts" // layouts that replace the built-in ones; optional
	I18nDir      = "i18n"    // interface strings that replace the built-in ones; optional
	defaultLang  = "vi"
)

// Inputs returns what a build of the site in dir reads, as paths in dir: atlas.toml, the
// folders content/, geo/, layouts/ and i18n/, and the boundary files of config (which may be
// nil) wherever in the site they lie. A build's output may be none of them, hold none and lie
// in none (see write.CheckOut).
func Inputs(dir string, config *model.Config) []string {
	var in []string
	for _, p := range []string{ConfigFile, ContentDir, GeoDir, LayoutsDir, I18nDir} {
		in = append(in, filepath.Join(dir, p))
	}
	if config != nil {
		for _, b := range config.Boundaries {
			if p := path.Clean(filepath.ToSlash(b.File)); fs.ValidPath(p) {
				in = append(in, filepath.Join(dir, filepath.FromSlash(p)))
			}
		}
	}
	return in
}

// Site reads the site in dir: the whole content model, stories with their English
// translations attached (a story's <name>.en.md gives its English title, summary and body).
// It returns what it could read and every problem found, in a stable order. File names in
// diagnostics are relative to dir, with forward slashes.
func Site(dir string) (*model.Site, *Files, diag.List) {
	return SiteWith(dir, Options{})
}

// BoundaryReader turns the bytes of a boundary file into boundaries. A build passes its own to
// reuse boundaries decoded by an earlier build (Boundaries is the default). SiteWith calls it
// on a goroutine of its own while it reads the content files.
type BoundaryReader func(file string, data []byte, src model.Source) ([]*model.Boundary, diag.List)

// Options change how a site is read.
type Options struct {
	Boundaries BoundaryReader // nil means Boundaries
	// Contents, when set, keeps the files read, so that a site read again takes those that did
	// not change since from memory instead of the folder.
	Contents Contents
}

// Contents keeps what a site's files held when they were read: atlas serve's, whose watcher
// knows which files changed since (and drops them).
type Contents interface {
	// Get returns the bytes of the file with the slash-separated name, if kept.
	Get(name string) ([]byte, bool)
	// Put keeps data as the bytes of the file name, read from the folder.
	Put(name string, data []byte)
}

// SiteWith is Site with options.
func SiteWith(dir string, opts Options) (*model.Site, *Files, diag.List) {
	decode := opts.Boundaries
	if decode == nil {
		decode = Boundaries
	}
	r := &reader{files: &Files{keys: map[string]*fileKeys{}, failed: map[string]bool{}}, seen: map[string]bool{}, contents: opts.Contents, kept: map[string]bool{}}
	s := &model.Site{}
	root, err := os.OpenRoot(dir)
	if err != nil {
		r.errs.Wrap(diag.Pos{File: dir}, err, "cannot open the site folder")
		return s, r.files, r.errs
	}
	defer root.Close()
	// A root refuses paths, symbolic links included, that lead outside the site folder.
	r.fsys = root.FS()
	r.limits = &s.Config.Limits
	r.config(&s.Config)
	// The boundary files, the largest by far, are decoded while the content files are read:
	// decode touches nothing of r.
	type boundaryFile struct {
		data []byte
		ok   bool
		bs   []*model.Boundary
		errs diag.List
	}
	bfs := make([]boundaryFile, len(s.Config.Boundaries))
	for i, src := range s.Config.Boundaries {
		bfs[i].data, bfs[i].ok = r.fileMax(src.File, s.Config.Limits.BoundaryBytes())
	}
	decoded := make(chan struct{})
	go func() {
		defer close(decoded)
		for i, src := range s.Config.Boundaries {
			if bfs[i].ok {
				bfs[i].bs, bfs[i].errs = decode(src.File, bfs[i].data, src)
			}
		}
	}()
	s.CriteriaSets = readAll(r, CriteriaDir, ".toml", (*reader).criteriaSet)
	s.Provinces = readAll(r, ProvincesDir, ".toml", (*reader).province)
	s.Nation = r.nation()
	s.Units = readAll(r, UnitsDir, ".toml", (*reader).unit)
	s.Former = readAll(r, FormerDir, ".toml", (*reader).former)
	r.districts(s)
	s.Stories = readAll(r, StoriesDir, ".md", (*reader).story)
	r.errs = append(r.errs, attachTranslations(s, r.files.Failed)...)
	<-decoded
	for _, bf := range bfs {
		if !bf.ok {
			r.files.partialBoundaries = true
			continue
		}
		for _, d := range bf.errs {
			if errors.Is(d, ErrPartial) {
				r.files.partialBoundaries = true
			}
		}
		r.errs.Append(bf.errs)
		s.Boundaries = append(s.Boundaries, bf.bs...)
	}
	s.Units = append(s.Units, boundaryUnits(s)...)
	r.unread()
	sortSite(s)
	joinDistricts(s)
	r.errs.Sort()
	return s, r.files, r.errs
}

// Files keeps the text of the files a site was read from, to place later diagnostics.
type Files struct {
	keys   map[string]*fileKeys
	failed map[string]bool
	// partialBoundaries: a boundary file could not be read, or was read only in part.
	partialBoundaries bool
}

// fileKeys places the keys of one file's TOML, which starts after line offset (front matter
// starts on line 2 of a story).
type fileKeys struct {
	ix     *tomlkey.Index
	offset int
}

// Failed reports whether file could not be decoded whole: its syntax or a value's type is
// wrong. The site still holds a stand-in for what the file defines (a unit with the code its
// name gives, for example), so that references to it from other files resolve; checks of the
// stand-in itself only repeat the decoding error and should be dropped.
func (f *Files) Failed(file string) bool { return f != nil && f.failed[file] }

// PartialBoundaries reports whether a configured boundary file could not be read, or was read
// only in part (ErrPartial): a unit without a boundary may then be one of those the file
// would have given, and is not to be reported for it.
func (f *Files) PartialBoundaries() bool { return f != nil && f.partialBoundaries }

// Locate returns the position of the key path in file: where its value starts. The path may
// carry array indices ("assessments[1].level", as model entries' Path fields give them); a key
// the file does not set is placed at the nearest entry that encloses it. Unknown files and
// keys give a position with the file alone.
func (f *Files) Locate(file, key string) diag.Pos {
	pos := diag.Pos{File: file}
	if f == nil || f.keys[file] == nil {
		return pos
	}
	k := f.keys[file]
	pos.Line, pos.Col = locate(k.ix, key)
	if pos.Line > 0 {
		pos.Line += k.offset
	}
	return pos
}

type reader struct {
	fsys   fs.FS
	errs   diag.List
	files  *Files
	limits *model.Limits   // the site's, once atlas.toml is read
	seen   map[string]bool // the files read, or tried
	// configRead: atlas.toml was decoded whole, so that its [[boundaries]] name every
	// boundary file the site has.
	configRead bool
	contents   Contents        // or nil
	kept       map[string]bool // the files given by contents: none is a symbolic link
	// puts are a fork's files to keep in contents, which join puts there: a Contents is
	// not for concurrent use.
	puts map[string][]byte
}

// file reads the TOML or Markdown file name.
func (r *reader) file(name string) ([]byte, bool) {
	return r.fileMax(name, r.limits.FileBytes())
}

// fileMax reads name, which must lie inside the site folder and hold at most limit bytes,
// reporting a missing, unreadable, escaping or oversized file.
func (r *reader) fileMax(name string, limit int64) ([]byte, bool) {
	name = path.Clean(filepath.ToSlash(name))
	r.seen[name] = true
	if !fs.ValidPath(name) {
		r.errs.Errorf(diag.Pos{File: name}, "path leaves the site folder")
		return nil, false
	}
	if r.contents != nil {
		if data, ok := r.contents.Get(name); ok && int64(len(data)) <= limit {
			r.kept[name] = true
			return data, true
		}
	}
	f, err := r.fsys.Open(name)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			r.errs.Errorf(diag.Pos{File: name}, "cannot read file: no such file")
		case strings.Contains(err.Error(), "escapes"):
			r.errs.Errorf(diag.Pos{File: name}, "cannot read file: a symbolic link leads outside the site folder")
		default:
			r.errs.Wrap(diag.Pos{File: name}, err, "cannot read file")
		}
		return nil, false
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		r.errs.Errorf(diag.Pos{File: name}, "cannot read file: not a regular file")
		return nil, false
	}
	// Read one byte past the limit to tell a file at the limit from a larger one, without
	// reading a huge file whole.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		r.errs.Wrap(diag.Pos{File: name}, err, "cannot read file")
		return nil, false
	}
	if int64(len(data)) > limit {
		r.errs.Errorf(diag.Pos{File: name}, "file is larger than the limit of %d bytes (see [limits] in atlas.toml)", limit)
		return nil, false
	}
	if r.contents != nil {
		// A file read through a symbolic link is not kept: a change to it is seen at
		// its target's name.
		if _, err := fs.ReadLink(r.fsys, name); err != nil {
			if r.puts != nil {
				r.puts[name] = data // a fork's: join puts it
			} else {
				r.contents.Put(name, data)
			}
		}
	}
	return data, true
}

// readAll reads every file with the given extension in dir, in name order, with parse.
// A missing folder is no error: a site may have no stories, for example. The files are
// read and parsed on every core, each goroutine with a reader of its own (fork), whose
// findings are added to r's in the files' order (join): the same as one after the other.
func readAll[T any](r *reader, dir, ext string, parse func(r *reader, name string, data []byte) (T, bool)) []T {
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		if !os.IsNotExist(err) && !strings.Contains(err.Error(), "no such file") {
			r.errs.Wrap(diag.Pos{File: dir}, err, "cannot read folder")
		}
		return nil
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ext) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		names = append(names, dir+"/"+e.Name())
	}
	type parsed struct {
		v  T
		ok bool
	}
	results := make([]parsed, len(names))
	read := func(r *reader, lo, hi int) {
		for i := lo; i < hi; i++ {
			data, ok := r.file(names[i])
			if !ok {
				r.files.failed[names[i]] = true
				continue
			}
			results[i].v, results[i].ok = parse(r, names[i], data)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(names)/64+1)
	forks := make([]*reader, workers)
	var wg sync.WaitGroup
	for w := range workers {
		forks[w] = r.fork()
		wg.Go(func() { read(forks[w], w*len(names)/workers, (w+1)*len(names)/workers) })
	}
	wg.Wait()
	for _, f := range forks {
		r.join(f)
	}
	var out []T
	for _, p := range results {
		if p.ok {
			out = append(out, p.v)
		}
	}
	return out
}

// fork returns a reader of r's folder, with r's limits and contents, for reading files on
// another goroutine: what it finds (diagnostics, files seen, keys, failures) it keeps for
// join.
func (r *reader) fork() *reader {
	return &reader{fsys: r.fsys, limits: r.limits, configRead: r.configRead, contents: r.contents,
		files: &Files{keys: map[string]*fileKeys{}, failed: map[string]bool{}},
		seen:  map[string]bool{}, kept: map[string]bool{}, puts: map[string][]byte{}}
}

// join adds what the fork f found to r.
func (r *reader) join(f *reader) {
	r.errs = append(r.errs, f.errs...)
	maps.Copy(r.files.keys, f.files.keys)
	maps.Copy(r.files.failed, f.files.failed)
	maps.Copy(r.seen, f.seen)
	maps.Copy(r.kept, f.kept)
	names := slices.Sorted(maps.Keys(f.puts))
	for _, name := range names {
		r.contents.Put(name, f.puts[name])
	}
}

// contentExt is the extension of the files read in each folder of content/.
var contentExt = map[string]string{CriteriaDir: ".toml", ProvincesDir: ".toml", UnitsDir: ".toml", FormerDir: ".toml", StoriesDir: ".md"}

// unread warns of every file in content/ and geo/ that the site was not read from, saying
// why: a unit file named 03664.TOML (as a keeper on Windows or macOS may save it) is not
// read, and its unit would otherwise fall back to "no data" without a word. Hidden files and
// folders (.gitkeep, an editor's swap file) are left unsaid.
func (r *reader) unread() {
	// A file read through a symbolic link inside the site is read.
	for p := range r.seen {
		if r.kept[p] {
			continue
		}
		if target, err := fs.ReadLink(r.fsys, p); err == nil && !path.IsAbs(target) {
			r.seen[path.Join(path.Dir(p), target)] = true
		}
	}
	for _, top := range []string{ContentDir, GeoDir} {
		if top == GeoDir && !r.configRead {
			continue // atlas.toml's own error says why no boundary file was read
		}
		fs.WalkDir(r.fsys, top, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil // a missing or unreadable folder: reading it said so, if it had to
			case p != top && strings.HasPrefix(d.Name(), "."):
				if d.IsDir() {
					return fs.SkipDir
				}
			case !d.IsDir() && !r.seen[p]:
				r.errs.Warnf(diag.Pos{File: p}, "not read: %s", whyUnread(top, p))
			}
			return nil
		})
	}
}

// whyUnread says why the file p, under the folder top, is not read.
func whyUnread(top, p string) string {
	dir, base := path.Split(p)
	dir = path.Clean(dir)
	if ext, ok := contentExt[dir]; ok {
		if strings.EqualFold(path.Ext(base), ext) {
			return "write the extension " + ext + ", in lower case"
		}
		return "the files of " + dir + " end in " + ext
	}
	for d := range contentExt {
		if strings.HasPrefix(dir, d+"/") {
			return "the atlas reads no folder inside " + d
		}
	}
	switch {
	case top == GeoDir:
		return "no [[boundaries]] entry of atlas.toml names it"
	case p != NationFile && strings.EqualFold(p, NationFile):
		return "write the extension .toml, in lower case"
	case p != model.DistrictsFile && strings.EqualFold(p, model.DistrictsFile):
		return "write the name " + path.Base(model.DistrictsFile) + ", in lower case"
	}
	return "content/ holds the folders criteria, provinces, units, former and stories, nation.toml and " + path.Base(model.DistrictsFile)
}

// decode decodes the TOML file name into v and reports its problems. It returns false when v
// could not be decoded whole; the file is then marked as failed (see Files.Failed).
func (r *reader) decode(name string, data []byte, v any) bool {
	if msg := noKeys(data); msg != "" {
		// Reported once: every check of the empty stand-in (no name, no code) would only
		// repeat it.
		r.errs.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "%s", msg)
		r.files.failed[name] = true
		return false
	}
	ix, errs, fatal := decodeTOML(name, data, v)
	r.files.keys[name] = &fileKeys{ix: ix}
	r.errs.Append(errs)
	if fatal {
		r.files.failed[name] = true
	}
	return !fatal
}

// noKeys says why a TOML file with nothing but white space, or nothing but comments, defines
// nothing; it returns "" for any other file.
func noKeys(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return "file is empty"
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if line = bytes.TrimSpace(line); len(line) > 0 && line[0] != '#' {
			return ""
		}
	}
	return "file holds only comments, no keys"
}

func (r *reader) config(c *model.Config) {
	data, ok := r.file(ConfigFile)
	if !ok {
		return
	}
	r.configRead = r.decode(ConfigFile, data, c)
	c.File = ConfigFile
	if c.Language == "" {
		c.Language = defaultLang
	}
	c.Title = vi.NFC(c.Title)
	c.Description = vi.NFC(c.Description)
}

func (r *reader) criteriaSet(name string, data []byte) (*model.CriteriaSet, bool) {
	s := &model.CriteriaSet{}
	s.File = name
	if !r.decode(name, data, s) {
		s.ID = strings.TrimSuffix(path.Base(name), ".toml")
		return s, true
	}
	if want := strings.TrimSuffix(path.Base(name), ".toml"); s.ID != want {
		r.errs.Errorf(r.files.Locate(name, "id"), "id %q differs from the file name %q", s.ID, want)
	}
	for i, l := range s.Levels {
		l.Path = fmt.Sprintf("levels[%d]", i)
	}
	for i, g := range s.Groups {
		g.Path = fmt.Sprintf("groups[%d]", i)
	}
	for i, c := range s.Criteria {
		c.Path = fmt.Sprintf("criteria[%d]", i)
		for j, in := range c.Indicators {
			in.Path = fmt.Sprintf("%s.indicators[%d]", c.Path, j)
		}
	}
	sort.SliceStable(s.Levels, func(i, j int) bool { return s.Levels[i].Rank < s.Levels[j].Rank })
	return s, true
}

func (r *reader) province(name string, data []byte) (*model.Province, bool) {
	p := &model.Province{}
	p.File = name
	if !r.decode(name, data, p) {
		p.Code = strings.TrimSuffix(path.Base(name), ".toml")
		return p, true
	}
	r.checkFileCode(name, data, p.Code)
	finishProvince(p)
	return p, true
}

// nation reads the national totals, content/nation.toml, when the site has them: a file in
// the form of a province's, without a code.
func (r *reader) nation() *model.Province {
	if _, err := fs.Stat(r.fsys, NationFile); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	data, ok := r.file(NationFile)
	if !ok {
		return nil
	}
	p := &model.Province{File: NationFile}
	if !r.decode(NationFile, data, p) {
		return p
	}
	finishProvince(p)
	return p
}

// finishProvince normalises a decoded province's text, places its entries and sorts its
// milestones by date.
func finishProvince(p *model.Province) {
	p.Name = vi.NFC(p.Name)
	for i := range p.Parts {
		p.Parts[i] = vi.NFC(p.Parts[i])
	}
	for i, m := range p.Milestones {
		m.Area = vi.NFC(m.Area)
		m.Path = fmt.Sprintf("milestones[%d]", i)
	}
	for i, a := range p.Areas {
		a.Path = fmt.Sprintf("area_recognitions[%d]", i)
		a.District = vi.NFC(a.District)
		a.Area = vi.NFC(a.Area)
	}
	sort.SliceStable(p.Milestones, func(i, j int) bool {
		a, b := p.Milestones[i], p.Milestones[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Month < b.Month
	})
}

func (r *reader) unit(name string, data []byte) (*model.Unit, bool) {
	u := &model.Unit{}
	u.File = name
	if !r.decode(name, data, u) {
		*u = model.Unit{File: name, Code: strings.TrimSuffix(path.Base(name), ".toml")}
		return u, true
	}
	u.Name = vi.NFC(u.Name)
	u.Type = vi.NFC(u.Type)
	u.Group = strings.TrimSpace(u.Group)
	r.checkFileCode(name, data, u.Code)
	for i, a := range u.Assessments {
		a.AsOf = day(a.AsOf)
		a.Path = fmt.Sprintf("assessments[%d]", i)
	}
	sort.SliceStable(u.Assessments, func(i, j int) bool { return u.Assessments[i].AsOf.Before(u.Assessments[j].AsOf) })
	return u, true
}

func (r *reader) former(name string, data []byte) (*model.FormerUnit, bool) {
	f := &model.FormerUnit{}
	if !r.decode(name, data, f) {
		return formerStandIn(name), true
	}
	f.File = name
	f.Name = vi.NFC(f.Name)
	f.Type = vi.NFC(f.Type)
	f.District = vi.NFC(f.District)
	f.OldProvince = vi.NFC(f.OldProvince)
	f.Until = day(f.Until)
	if f.Until.IsZero() {
		f.Until = model.ReformDate
	}
	for i, r := range f.Recognitions {
		r.Path = fmt.Sprintf("recognitions[%d]", i)
		r.Commune = vi.NFC(r.Commune)
		r.District = vi.NFC(r.District)
	}
	for i, v := range f.Revocations {
		v.Path = fmt.Sprintf("revocations[%d]", i)
	}
	sort.SliceStable(f.Revocations, func(i, j int) bool {
		a, b := f.Revocations[i], f.Revocations[j]
		return a.Year < b.Year || a.Year == b.Year && a.Month < b.Month
	})
	for i, s := range f.Successors {
		s.Path = fmt.Sprintf("successors[%d]", i)
		s.Until = day(s.Until)
		if s.Former && s.Until.IsZero() {
			s.Until = model.ReformDate
		}
	}
	if want := strings.TrimSuffix(path.Base(name), ".toml"); f.Key() != want {
		r.errs.Errorf(r.files.Locate(name, "code"), "file name %q does not match the unit's key %q (code, and end date when it ended before %s)", path.Base(name), f.Key(), model.ReformDate.Format("2006-01-02"))
	}
	return f, true
}

func (r *reader) story(name string, data []byte) (*model.Story, bool) {
	front, body, bodyLine, err := SplitFrontMatter(data)
	if err != nil {
		// The story is left out; its translation is not to be reported as orphaned for it.
		r.files.failed[name] = true
		pos := diag.Pos{File: name}
		if fe, ok := err.(*FrontMatterError); ok {
			pos.Line = fe.Line
			pos.Col = 1
			r.errs.Errorf(pos, "%s", fe.Msg)
		} else {
			r.errs.Wrap(pos, err, "")
		}
		return nil, false
	}
	st := &model.Story{}
	// Front matter starts on line 2: shift positions by one line.
	ix, errs, fatal := decodeTOML(name, front, st)
	r.files.keys[name] = &fileKeys{ix: ix, offset: 1}
	for _, e := range errs {
		if e.Pos.Line > 0 {
			e.Pos.Line++
		}
	}
	r.errs.Append(errs)
	if fatal {
		r.files.failed[name] = true
		*st = model.Story{}
	}
	st.File = name
	if e := CheckMarkdownShape(body); e != nil {
		r.errs.Errorf(diag.Pos{File: name, Line: bodyLine + e.Line - 1, Col: e.Col}, "%s", e.Msg)
		r.files.failed[name] = true
	}
	st.Title = vi.NFC(st.Title)
	st.Body = []byte(vi.NFC(string(body)))
	st.BodyLine = bodyLine
	st.Date = day(st.Date)
	if st.Language == "" {
		st.Language = defaultLang
	}
	if st.Slug == "" {
		st.Slug = vi.Slug(strings.TrimSuffix(path.Base(name), ".md"))
	} else {
		st.Slug = vi.Slug(st.Slug)
	}
	return st, true
}

// formerStandIn returns a former unit with the key that the file name gives ("04075" or
// "04075-2025-02-01"), for a file that could not be decoded.
func formerStandIn(name string) *model.FormerUnit {
	key := strings.TrimSuffix(path.Base(name), ".toml")
	f := &model.FormerUnit{File: name, Code: key, Until: model.ReformDate}
	if code, date, ok := strings.Cut(key, "-"); ok {
		if t, err := time.Parse("2006-01-02", date); err == nil {
			f.Code, f.Until = code, t
		}
	}
	return f
}

// checkFileCode reports a file whose name is not the code it holds.
func (r *reader) checkFileCode(name string, data []byte, code string) {
	if want := strings.TrimSuffix(path.Base(name), ".toml"); code != want {
		r.errs.Errorf(r.files.Locate(name, "code"), "code %q differs from the file name %q", code, path.Base(name))
	}
}

// day drops the time and zone of a TOML local date, keeping the calendar day in UTC.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// boundaryUnits returns a unit for every boundary that has no status file, named and typed
// as the boundary is, in the boundary's province or, when it names none, the site's only
// province. Such a unit has no assessments: its page and the maps show it as "no data".
func boundaryUnits(s *model.Site) []*model.Unit {
	have := make(map[string]bool, len(s.Units))
	for _, u := range s.Units {
		have[u.Code] = true
	}
	only := ""
	if len(s.Provinces) == 1 {
		only = s.Provinces[0].Code
	}
	var out []*model.Unit
	for _, b := range s.Boundaries {
		if have[b.Code] {
			continue
		}
		have[b.Code] = true
		prov := b.Province
		if prov == "" {
			prov = only
		}
		out = append(out, &model.Unit{Origin: b.Pos, Code: b.Code, Name: b.Name, Type: b.Type, Province: prov})
	}
	return out
}

func sortSite(s *model.Site) {
	sort.SliceStable(s.CriteriaSets, func(i, j int) bool { return s.CriteriaSets[i].StartYear < s.CriteriaSets[j].StartYear })
	sort.SliceStable(s.Provinces, func(i, j int) bool { return s.Provinces[i].Code < s.Provinces[j].Code })
	sort.SliceStable(s.Units, func(i, j int) bool { return s.Units[i].Code < s.Units[j].Code })
	sort.SliceStable(s.Former, func(i, j int) bool {
		a, b := s.Former[i], s.Former[j]
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Until.Before(b.Until)
	})
	sort.SliceStable(s.Stories, func(i, j int) bool {
		a, b := s.Stories[i], s.Stories[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.Slug < b.Slug
	})
}
