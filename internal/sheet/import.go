package sheet

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/contentfile"
	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/read"
	"github.com/ntm-atlas/atlas/internal/validate"
	"github.com/ntm-atlas/atlas/internal/write"
)

// Options say what to import.
type Options struct {
	Site  string // the site folder
	File  string // the sheet: a .csv or .xlsx file
	Sheet string // the worksheet of an XLSX file; the first when empty
	// Reference, unless zero, is the day no as_of may be after, as atlas check has it
	// (model.Reference). The command passes today, or SOURCE_DATE_EPOCH's day: not the
	// last commit's, since the import leaves the data uncommitted.
	Reference model.Reference
}

// Plan is what an import would change: one Change a unit file, and what it found.
type Plan struct {
	Changes     []*Change // by path
	Rows        int       // data rows read
	Assessments int       // rows that state an assessment
	Same        int       // assessments the files already hold as the sheet gives them
	// Warnings are what the keeper should know of the sheet though it imports: the cells
	// that hold formulas, whose values as last computed are what is imported.
	Warnings []*Error
}

// formulaWarnings returns a warning for each cell of t that holds a formula: Import reads the
// value the spreadsheet last computed, which may not be what the keeper sees once the
// workbook recomputes, and a formula without one reads as blank.
func formulaWarnings(t *Table) []*Error {
	var out []*Error
	for _, f := range t.Formulas {
		e := &Error{File: t.File, Sheet: t.Sheet, Row: f.Row, Col: f.Col}
		if len(t.Rows) > 0 && f.Row > t.Rows[0].N && f.Col <= len(t.Rows[0].Cells) {
			e.Header = strings.TrimSpace(t.Rows[0].Cells[f.Col-1])
		}
		if f.Value != "" {
			e.Msg = fmt.Sprintf("the cell holds a formula, =%s: its value as the spreadsheet last computed it, %q, is imported", clip(f.Text), clip(f.Value))
		} else {
			e.Msg = fmt.Sprintf("the cell holds a formula, =%s, with no computed value: it reads as blank. Open and save the workbook in a spreadsheet program, or paste the values", clip(f.Text))
		}
		out = append(out, e)
	}
	return out
}

// Change is one unit file an import writes.
type Change struct {
	Path     string // relative to the site, with forward slashes
	Unit     *model.Unit
	Old, New []byte // Old is nil for a new file
	Added    []*model.Assessment
	Replaced [][2]*model.Assessment // the old and the new assessment
	// Group is the unit's commune group as the sheet sets it, and OldGroup the file's, when
	// they differ; both "" otherwise.
	Group, OldGroup string
}

// ReadTable reads the sheet file, CSV or XLSX by its extension, within the limits lim: a file
// larger than lim.SheetBytes is refused before it is read, and ReadCSV and ReadXLSX bound the
// rest.
func ReadTable(file, sheet string, lim model.Limits) (*Table, error) {
	ext := strings.ToLower(filepath.Ext(file))
	switch {
	case ext != ".csv" && ext != ".xlsx":
		return nil, fmt.Errorf("%s: want a .csv or .xlsx file", file)
	case ext == ".csv" && sheet != "":
		return nil, fmt.Errorf("%s: a CSV file has no sheets to choose with -sheet", file)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", file)
	}
	if st.Size() > lim.SheetBytes() {
		return nil, ErrorList{{File: file, Msg: fmt.Sprintf("the file is %s, over the limit of %s for a sheet to import ([limits] max_sheet_bytes in atlas.toml)",
			bytesText(uint64(st.Size())), bytesText(uint64(lim.SheetBytes())))}}
	}
	if ext == ".xlsx" {
		return ReadXLSX(file, f, st.Size(), sheet, lim)
	}
	data, err := io.ReadAll(io.LimitReader(f, lim.SheetBytes()))
	if err != nil {
		return nil, err
	}
	return ReadCSV(file, data, lim)
}

// Import reads the sheet and the site and plans the import: every row is checked before
// anything is planned, and any bad row makes the import fail with an ErrorList holding every
// problem, in file order. A site that does not read cleanly fails with its diag.List.
func Import(opts Options) (*Plan, error) {
	site, err := loadSite(opts.Site)
	if err != nil {
		return nil, err
	}
	t, err := ReadTable(opts.File, opts.Sheet, site.Config.Limits)
	if err != nil {
		return nil, err
	}
	recs, errs := Parse(t)
	im := &importer{dir: opts.Site, ref: opts.Reference, site: site, match: newMatcher(site), sets: map[string]*model.CriteriaSet{}, errs: errs}
	for _, s := range site.CriteriaSets {
		im.sets[s.ID] = s
	}
	plan := &Plan{Rows: len(recs), Warnings: formulaWarnings(t)}
	for _, r := range recs {
		if im.row(r) {
			plan.Assessments++
		}
	}
	im.validate()
	if err := im.errs.Err(); err != nil {
		return nil, err
	}
	if err := im.plan(plan); err != nil {
		return nil, err
	}
	return plan, nil
}

// loadSite reads the site, which must read without errors: a unit file that does not decode
// cannot be rewritten.
func loadSite(dir string) (*model.Site, error) {
	site, _, diags := read.Site(dir)
	if errs := diags.Errors(); len(errs) > 0 {
		errs.Sort()
		return nil, &SiteError{Dir: dir, List: errs}
	}
	return site, nil
}

// SiteError is a site that does not read without errors.
type SiteError struct {
	Dir  string
	List diag.List
}

func (e *SiteError) Error() string {
	return fmt.Sprintf("the site %s has errors; fix them first (atlas check):\n%s", e.Dir, e.List.Error())
}

// Unwrap returns the site's problems.
func (e *SiteError) Unwrap() error { return e.List }

// imported is one row's assessment of a unit.
type imported struct {
	rec *Record
	a   *model.Assessment
}

type importer struct {
	dir   string
	ref   model.Reference
	site  *model.Site
	match *matcher
	sets  map[string]*model.CriteriaSet
	units []*model.Unit              // in the order first named
	rows  map[*model.Unit][]imported // by unit
	// groups are the commune groups the sheet gives, by unit, with the first row giving each.
	groups map[*model.Unit]*Record
	errs   ErrorList
}

// group is the commune group of u: the sheet's, else its file's.
func (im *importer) group(u *model.Unit) string {
	if r := im.groups[u]; r != nil {
		return r.Cells[Group]
	}
	return u.Group
}

// name adds u to the units the import changes, once.
func (im *importer) name(u *model.Unit) {
	if im.rows == nil {
		im.rows = map[*model.Unit][]imported{}
	}
	if !slices.Contains(im.units, u) {
		im.units = append(im.units, u)
	}
}

// row resolves one record's unit and assessment, reporting what is wrong with it, and
// reports whether it states an assessment.
func (im *importer) row(r *Record) bool {
	u := im.unit(r)
	if g := r.Cells[Group]; g != "" && u != nil {
		switch prev := im.groups[u]; {
		case prev == nil:
			if im.groups == nil {
				im.groups = map[*model.Unit]*Record{}
			}
			im.groups[u] = r
			im.name(u)
		case prev.Cells[Group] != g:
			im.errs.Add(r.At(Group), "group %q: row %d gives %s the group %q", g, prev.Row, u.Code, prev.Cells[Group])
		}
	}
	if !r.Assessed() {
		return false
	}
	if u == nil {
		return true
	}
	a := &model.Assessment{
		CriteriaSet: r.Cells[CriteriaSet],
		AsOf:        r.AsOf,
		Level:       r.Cells[Level],
		CriteriaMet: r.CriteriaMet,
		SourceURL:   r.Cells[SourceURL],
		Note:        r.Cells[Note],
	}
	if a.CriteriaSet == "" {
		if a.CriteriaSet = im.site.Config.CriteriaSet; a.CriteriaSet == "" {
			im.errs.Add(r.At(CriteriaSet), "criteria_set is blank, and atlas.toml names no criteria_set in force")
			return true
		}
	}
	set := im.sets[a.CriteriaSet]
	if r.All && set != nil {
		for _, c := range set.Criteria {
			a.CriteriaMet = append(a.CriteriaMet, c.ID)
		}
	}
	a.CriteriaMet = canonicalCriteria(a.CriteriaMet, set)
	if a.Level == "" {
		im.errs.Add(r.At(Level), "level is blank%s", levelList(set))
		return true
	}
	if a.AsOf.IsZero() && r.Cells[AsOf] != "" {
		return true // a date that does not parse, reported by Parse
	}
	if a.AsOf.IsZero() && !im.fillDate(r, u, a) {
		return true
	}
	im.name(u)
	for _, prev := range im.rows[u] {
		if prev.a.CriteriaSet == a.CriteriaSet && prev.a.AsOf.Equal(a.AsOf) {
			im.errs.Add(r.At(AsOf), "row %d already gives %s's assessment against %s as of %s", prev.rec.Row, u.Code, a.CriteriaSet, a.AsOf.Format(time.DateOnly))
			return true
		}
	}
	im.rows[u] = append(im.rows[u], imported{r, a})
	return true
}

// fillDate gives an assessment without as_of the date of the unit's one existing assessment
// at the same level of the same set (and year, when the row gives one), which it then
// replaces. Without exactly one, the row is an error.
func (im *importer) fillDate(r *Record, u *model.Unit, a *model.Assessment) bool {
	var same []*model.Assessment
	for _, e := range u.Assessments {
		if e.CriteriaSet == a.CriteriaSet && e.Level == a.Level && (r.Year == 0 || e.AsOf.Year() == r.Year) {
			same = append(same, e)
		}
	}
	switch len(same) {
	case 1:
		a.AsOf = same[0].AsOf
		return true
	case 0:
		im.errs.Add(r.At(AsOf), "as_of is blank, and %s has no assessment at level %q of set %s to update: give the date", u.Code, a.Level, a.CriteriaSet)
	default:
		var dates []string
		for _, e := range same {
			dates = append(dates, e.AsOf.Format(time.DateOnly))
		}
		im.errs.Add(r.At(AsOf), "as_of is blank, and %s has %d assessments at level %q of set %s (as of %s): give the date", u.Code, len(same), a.Level, a.CriteriaSet, strings.Join(dates, ", "))
	}
	return false
}

// unit finds the row's unit by its code, or by its name and province.
func (im *importer) unit(r *Record) *model.Unit {
	var prov *model.Province
	if s := r.Cells[Province]; s != "" {
		p, msg := im.match.province(s)
		if p == nil {
			im.errs.Add(r.At(Province), "%s", msg)
			return nil
		}
		prov = p
	}
	code, name := r.Cells[Code], r.Cells[Name]
	var u *model.Unit
	switch {
	case code != "":
		if u = im.match.byCode(code); u == nil {
			im.errs.Add(r.At(Code), "no current unit with code %q", clip(code))
			return nil
		}
		if name != "" && !named(name, u) {
			im.errs.Add(r.At(Name), "unit %s is %s, not %q", u.Code, u.FullName(), clip(name))
			return nil
		}
		if prov != nil && u.Province != prov.Code {
			im.errs.Add(r.At(Province), "unit %s (%s) is in province %s, not %s (%s)", u.Code, u.FullName(), u.Province, prov.Code, prov.Name)
			return nil
		}
	case name != "":
		var msg string
		if u, msg = im.match.byName(name, prov); u == nil {
			im.errs.Add(r.At(Name), "%s", msg)
			return nil
		}
	default:
		im.errs.Add(r.At(Code), "no code or name: the row names no unit")
		return nil
	}
	return u
}

// validate checks the assessments with the checks atlas check runs, on a site of the criteria
// sets, the provinces and one unit for each unit named, whose assessments are the rows': each
// problem is placed at the cell it is about.
func (im *importer) validate() {
	var cells []Pos
	var units []*model.Unit
	files := map[string][]imported{}
	for _, u := range im.units {
		file := "\x00" + u.Code
		v := &model.Unit{File: file, Code: u.Code, Name: u.Name, Type: u.Type, Province: u.Province, Group: im.group(u)}
		for i, x := range im.rows[u] {
			a := *x.a
			a.Path = fmt.Sprintf("assessments[%d]", i)
			v.Assessments = append(v.Assessments, &a)
		}
		files[file] = im.rows[u]
		units = append(units, v)
	}
	fields := map[string]Column{"criteria_set": CriteriaSet, "as_of": AsOf, "level": Level, "criteria_met": CriteriaMet, "source_url": SourceURL, "note": Note}
	locate := func(file, key string) diag.Pos {
		rows := files[file]
		if key == "group" {
			if r := im.groups[im.unitOf(file)]; r != nil {
				cells = append(cells, r.At(Group))
				return diag.Pos{File: file, Line: len(cells)}
			}
		}
		var i int
		var field string
		if _, err := fmt.Sscanf(key, "assessments[%d]", &i); err != nil || i >= len(rows) {
			if len(rows) == 0 {
				return diag.Pos{File: file}
			}
			cells = append(cells, rows[0].rec.At(Code))
			return diag.Pos{File: file, Line: len(cells)}
		}
		rest := key[strings.IndexByte(key, ']')+1:]
		field, _, _ = strings.Cut(strings.TrimPrefix(rest, "."), "[")
		c, ok := fields[field]
		if !ok {
			c = Code
		}
		cells = append(cells, rows[i].rec.At(c))
		return diag.Pos{File: file, Line: len(cells)}
	}
	s := &model.Site{CriteriaSets: im.site.CriteriaSets, Provinces: im.site.Provinces, Units: units}
	for _, d := range validate.SiteWith(s, locate, validate.Options{Reference: im.ref}) {
		if _, ok := files[d.Pos.File]; !ok || d.Severity != diag.Error {
			continue
		}
		if d.Pos.Line == 0 {
			continue // a unit-wide problem of the site, not of the sheet
		}
		im.errs.Add(cells[d.Pos.Line-1], "%s", d.Msg)
	}
}

// unitOf is the unit whose stand-in file validate names file.
func (im *importer) unitOf(file string) *model.Unit {
	for _, u := range im.units {
		if "\x00"+u.Code == file {
			return u
		}
	}
	return nil
}

// plan merges each unit's rows into its assessments and records the files that change.
func (im *importer) plan(p *Plan) error {
	for _, u := range im.units {
		c := &Change{Unit: u}
		var prefix []byte
		if u.File == "" {
			c.Path = path.Join(read.UnitsDir, u.Code+".toml")
			var err error
			prefix, err = contentfile.UnitHead(contentfile.Unit{Code: u.Code, Name: u.Name, Type: u.Type, Province: u.Province, Group: im.group(u)})
			if err != nil {
				return fmt.Errorf("%s: %w", c.Path, err)
			}
		} else {
			c.Path = u.File
			old, err := os.ReadFile(filepath.Join(im.dir, filepath.FromSlash(u.File)))
			if err != nil {
				return err
			}
			c.Old = old
			if prefix, err = splitAssessments(old); err != nil {
				return fmt.Errorf("%s: %w", u.File, err)
			}
			if g := im.group(u); g != u.Group {
				if prefix, err = contentfile.SetGroup(prefix, g); err != nil {
					return fmt.Errorf("%s: %w", u.File, err)
				}
			}
		}
		if g := im.group(u); g != u.Group {
			c.Group, c.OldGroup = g, u.Group
		}
		merged := make([]*model.Assessment, 0, len(u.Assessments))
		for _, e := range u.Assessments {
			merged = append(merged, canonical(e, im.sets[e.CriteriaSet]))
		}
		for _, x := range im.rows[u] {
			i := slices.IndexFunc(merged, func(e *model.Assessment) bool {
				return e.CriteriaSet == x.a.CriteriaSet && e.AsOf.Equal(x.a.AsOf)
			})
			if i >= 0 && merged[i].Note == x.a.Note {
				x.a.NoteEn = merged[i].NoteEn // the sheet has no English note; keep the file's with its note
			}
			switch {
			case i < 0:
				merged = append(merged, x.a)
				c.Added = append(c.Added, x.a)
			case sameAssessment(merged[i], x.a):
				p.Same++
			default:
				c.Replaced = append(c.Replaced, [2]*model.Assessment{merged[i], x.a})
				merged[i] = x.a
			}
		}
		if len(c.Added) == 0 && len(c.Replaced) == 0 && c.Group == "" {
			continue
		}
		sortAssessments(merged)
		var err error
		if c.New, err = contentfile.WithAssessments(prefix, merged); err != nil {
			return fmt.Errorf("%s: %w", c.Path, err)
		}
		if err := contentfile.CheckSize(c.Path, c.New, im.site.Config.Limits.FileBytes()); err != nil {
			// The build would refuse the file: say so at the rows that filled it.
			for _, x := range im.rows[u] {
				im.errs.Add(x.rec.row, "%v", err)
			}
			if r := im.groups[u]; r != nil && len(im.rows[u]) == 0 {
				im.errs.Add(r.row, "%v", err)
			}
			continue
		}
		p.Changes = append(p.Changes, c)
	}
	if err := im.errs.Err(); err != nil {
		return err
	}
	sort.Slice(p.Changes, func(i, j int) bool { return p.Changes[i].Path < p.Changes[j].Path })
	return nil
}

// canonical returns a copy of a with its criteria in canonical order.
func canonical(a *model.Assessment, set *model.CriteriaSet) *model.Assessment {
	c := *a
	c.Path = ""
	c.CriteriaMet = canonicalCriteria(a.CriteriaMet, set)
	return &c
}

// canonicalCriteria returns ids without repeats, in the order of the set's criteria; ids the
// set lacks (which validation reports) keep their place after them.
func canonicalCriteria(ids []string, set *model.CriteriaSet) []string {
	if len(ids) == 0 {
		return nil
	}
	rank := map[string]int{}
	if set != nil {
		for i, c := range set.Criteria {
			rank[c.ID] = i
		}
	}
	var out []string
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, oki := rank[out[i]]
		rj, okj := rank[out[j]]
		if oki != okj {
			return oki
		}
		return oki && ri < rj
	})
	return out
}

func sameAssessment(a, b *model.Assessment) bool {
	return a.CriteriaSet == b.CriteriaSet && a.AsOf.Equal(b.AsOf) && a.Level == b.Level &&
		slices.Equal(a.CriteriaMet, b.CriteriaMet) && a.SourceURL == b.SourceURL && a.Note == b.Note
}

// sortAssessments puts assessments in the order Import writes them: by as_of, then set and
// level.
func sortAssessments(as []*model.Assessment) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if !a.AsOf.Equal(b.AsOf) {
			return a.AsOf.Before(b.AsOf)
		}
		if a.CriteriaSet != b.CriteriaSet {
			return a.CriteriaSet < b.CriteriaSet
		}
		return a.Level < b.Level
	})
}

func levelList(set *model.CriteriaSet) string {
	if set == nil {
		return ""
	}
	var ids []string
	for _, l := range set.Levels {
		ids = append(ids, l.ID)
	}
	return fmt.Sprintf(" (levels of set %s: %s)", set.ID, strings.Join(ids, ", "))
}

// Apply writes the planned files in site, each through a temporary file in its folder and a
// rename, so that a file is never seen half written.
func (p *Plan) Apply(site string) error {
	for _, c := range p.Changes {
		if err := write.File(filepath.Join(site, filepath.FromSlash(c.Path)), c.New, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Describe writes what the plan changes, one line a file and one an assessment.
func (p *Plan) Describe(w io.Writer) error {
	var errs []error
	pr := func(format string, args ...any) {
		_, err := fmt.Fprintf(w, format+"\n", args...)
		errs = append(errs, err)
	}
	for _, c := range p.Changes {
		verb := "update"
		if c.Old == nil {
			verb = "create"
		}
		pr("%s %s (%s)", verb, c.Path, c.Unit.FullName())
		if c.Group != "" {
			if c.OldGroup == "" {
				pr("  + group %s", c.Group)
			} else {
				pr("  ~ group %s (was %s)", c.Group, c.OldGroup)
			}
		}
		for _, a := range c.Added {
			pr("  + %s", describe(a))
		}
		for _, r := range c.Replaced {
			pr("  ~ %s (%s)", describe(r[1]), differences(r[0], r[1]))
		}
	}
	return errors.Join(errs...)
}

// Summary says in one line what the plan does.
func (p *Plan) Summary() string {
	added, replaced := 0, 0
	for _, c := range p.Changes {
		added += len(c.Added)
		replaced += len(c.Replaced)
	}
	return fmt.Sprintf("%d row(s), %d assessment(s): %d added, %d replaced, %d unchanged; %d unit file(s) to write", p.Rows, p.Assessments, added, replaced, p.Same, len(p.Changes))
}

func describe(a *model.Assessment) string {
	return fmt.Sprintf("%s as of %s: %s", a.CriteriaSet, a.AsOf.Format(time.DateOnly), a.Level)
}

func differences(old, new *model.Assessment) string {
	var d []string
	if old.Level != new.Level {
		d = append(d, fmt.Sprintf("level was %s", old.Level))
	}
	if !slices.Equal(old.CriteriaMet, new.CriteriaMet) {
		d = append(d, fmt.Sprintf("criteria_met was %d criteria, now %d", len(old.CriteriaMet), len(new.CriteriaMet)))
	}
	if old.SourceURL != new.SourceURL {
		d = append(d, "source_url changed")
	}
	if old.Note != new.Note {
		d = append(d, "note changed")
	}
	return strings.Join(d, "; ")
}
