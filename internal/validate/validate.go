// Package validate checks a site's content as a whole: references between files, values
// against the criteria sets, and the boundaries against the status files.
package validate

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
)

// Locator places a dotted key of a file; read.Files.Locate is one.
type Locator func(file, key string) diag.Pos

// Programme years: recognitions outside them are errors.
const (
	FirstYear = 2010
	LastYear  = 2030
)

// Options tell SiteWith what the reading of the site found, so that it reports causes, not
// what follows from them.
type Options struct {
	// Reference, unless zero, is the day no date in the site may be after: assessments,
	// recognitions, milestones, district completions and stories cannot be dated in the
	// future of the data.
	Reference model.Reference
	// Failed reports whether a file could not be decoded (read.Files.Failed): what it
	// defines is a stand-in, and a value checked against it (a level of a criteria set that
	// did not decode) is not reported.
	Failed func(file string) bool
	// PartialBoundaries says that a boundary file could not be read whole
	// (read.Files.PartialBoundaries): a unit without a boundary is then not reported, as it
	// may be one of those the file would have given.
	PartialBoundaries bool
}

// Site checks s and returns every problem found, sorted. No date is checked against a
// reference date; see SiteWith.
func Site(s *model.Site, locate Locator) diag.List { return SiteWith(s, locate, Options{}) }

// SiteWith checks s as Site does, with options.
func SiteWith(s *model.Site, locate Locator, opts Options) diag.List {
	if locate == nil {
		locate = func(file, _ string) diag.Pos { return diag.Pos{File: file} }
	}
	if opts.Failed == nil {
		opts.Failed = func(string) bool { return false }
	}
	v := &checker{s: s, ix: model.NewIndex(s), at: locate, ref: opts.Reference, opts: opts}
	v.config()
	v.criteria()
	v.provinces()
	v.units()
	v.former()
	v.districtRows()
	v.stories()
	v.aliasCollisions()
	v.errs.Sort()
	return v.errs
}

type checker struct {
	s    *model.Site
	ix   *model.Index
	at   Locator
	ref  model.Reference
	opts Options
	errs diag.List

	districts    map[string]*model.District // by code; see district
	districtProv map[string]string          // see districtProvince
}

// dayAfterRef reports whether the day of t, in t's own location (a TOML local date has no
// zone), is after the reference day.
func (v *checker) dayAfterRef(t time.Time) bool {
	if v.ref.Date.IsZero() {
		return false
	}
	return civil(t).After(civil(v.ref.Date))
}

// yearAfterRef reports whether the year y is after the reference day's.
func (v *checker) yearAfterRef(y int) bool {
	return !v.ref.Date.IsZero() && y > v.ref.Date.Year()
}

// AfterReference is the cause of an error about a date of the data after the build's
// reference date: the earliest day the date can be (the first of its year, for a year), as
// a UTC midnight. Whoever knows where the reference came from can tell whether the date or
// the reference is wrong.
type AfterReference struct{ Day time.Time }

func (e *AfterReference) Error() string {
	return "after the reference date: " + e.Day.Format(time.DateOnly)
}

// afterRef adds an error at pos about a date whose earliest day is day, after the reference.
func (v *checker) afterRef(pos diag.Pos, day time.Time, format string, args ...any) {
	v.errs = append(v.errs, &diag.Diagnostic{Pos: pos, Severity: diag.Error, Msg: fmt.Sprintf(format, args...), Err: &AfterReference{Day: day}})
}

// yearStart is the first day of the year y.
func yearStart(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }

// civil is the day of t as a UTC midnight, to compare days whatever their location.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func (v *checker) config() {
	c := v.s.Config
	f := c.File
	if f == "" {
		return // reading already reported the missing file
	}
	if c.Title == "" {
		v.errs.Errorf(diag.Pos{File: f, Line: 1, Col: 1}, "title is missing")
	}
	if u, err := url.Parse(c.BaseURL); c.BaseURL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		v.errs.Errorf(v.at(f, "base_url"), "base_url %q must be an absolute http(s) URL", c.BaseURL)
	}
	if c.CriteriaSet != "" && v.ix.Sets[c.CriteriaSet] == nil {
		v.errs.Errorf(v.at(f, "criteria_set"), "criteria_set %q: no such set in content/criteria", c.CriteriaSet)
	}
	if c.Province != "" && v.ix.Provinces[c.Province] == nil {
		v.errs.Errorf(v.at(f, "province"), "province %q: no such file content/provinces/%s.toml", c.Province, c.Province)
	}
	if len(c.Boundaries) == 0 {
		v.errs.Errorf(diag.Pos{File: f, Line: 1, Col: 1}, "no [[boundaries]] file is configured")
	}
	for i, cr := range c.Credits {
		v.sourceURL(f, fmt.Sprintf("credits[%d].url", i), cr.URL, true)
	}
	if c.Limits.MaxFileBytes < 0 {
		v.errs.Errorf(v.at(f, "limits.max_file_bytes"), "max_file_bytes must be positive (0 means the default, %d)", model.DefaultMaxFileBytes)
	}
	if c.Limits.MaxBoundaryBytes < 0 {
		v.errs.Errorf(v.at(f, "limits.max_boundary_bytes"), "max_boundary_bytes must be positive (0 means the default, %d)", model.DefaultMaxBoundaryBytes)
	}
	for _, l := range []struct {
		key    string
		v, def int64
	}{
		{"max_sheet_bytes", c.Limits.MaxSheetBytes, model.DefaultMaxSheetBytes},
		{"max_sheet_part_bytes", c.Limits.MaxSheetPartBytes, model.DefaultMaxSheetPartBytes},
		{"max_sheet_rows", c.Limits.MaxSheetRows, model.DefaultMaxSheetRows},
		{"max_sheet_cells", c.Limits.MaxSheetCells, model.DefaultMaxSheetCells},
	} {
		if l.v < 0 {
			v.errs.Errorf(v.at(f, "limits."+l.key), "%s must be positive (0 means the default, %d)", l.key, l.def)
		}
	}
}

func (v *checker) criteria() {
	seen := map[string]string{}
	for _, s := range v.s.CriteriaSets {
		if prev, ok := seen[s.ID]; ok {
			v.errs.Errorf(v.at(s.File, "id"), "criteria set %q is also defined in %s", s.ID, prev)
		}
		seen[s.ID] = s.File
		if s.Name == "" {
			v.errs.Errorf(v.at(s.File, "id"), "criteria set %q has no name", s.ID)
		}
		if s.StartYear > s.EndYear {
			v.errs.Errorf(v.at(s.File, "start_year"), "start_year %d is after end_year %d", s.StartYear, s.EndYear)
		}
		if len(s.Levels) == 0 {
			v.errs.Errorf(v.at(s.File, "id"), "criteria set %q has no [[levels]]", s.ID)
		}
		if len(s.Criteria) == 0 {
			v.errs.Errorf(v.at(s.File, "id"), "criteria set %q has no [[criteria]]", s.ID)
		}
		ids := map[string]bool{}
		for _, l := range s.Levels {
			if l.ID == "" || ids["level:"+l.ID] {
				v.errs.Errorf(v.at(s.File, l.Path+".id"), "level id %q is empty or repeated", l.ID)
			}
			ids["level:"+l.ID] = true
		}
		for _, c := range s.Criteria {
			if c.ID == "" || ids[c.ID] {
				v.errs.Errorf(v.at(s.File, c.Path+".id"), "criterion id %q is empty or repeated", c.ID)
			}
			ids[c.ID] = true
			for _, in := range c.Indicators {
				if in.ID == "" || ids["ind:"+in.ID] {
					v.errs.Errorf(v.at(s.File, in.Path+".id"), "indicator id %q is empty or repeated", in.ID)
				}
				ids["ind:"+in.ID] = true
			}
		}
		v.sourceURL(s.File, "decision_url", s.DecisionURL, true)
	}
}

func (v *checker) provinces() {
	all := v.s.Provinces
	if v.s.Nation != nil {
		all = append(all[:len(all):len(all)], v.s.Nation)
	}
	for _, p := range all {
		if p.Name == "" && p != v.s.Nation {
			v.errs.Errorf(v.at(p.File, "name"), "province %q has no name", p.Code)
		}
		for _, m := range p.Milestones {
			if m.Total < 0 || m.Count < 0 {
				v.errs.Errorf(v.at(p.File, m.Path+".count"), "count %d and total %d may not be negative", m.Count, m.Total)
			} else if m.Total > 0 && m.Count > m.Total {
				v.errs.Errorf(v.at(p.File, m.Path+".total"), "count %d is more than the total of %d communes", m.Count, m.Total)
			}
			if m.Area != "" && !slices.Contains(p.Parts, m.Area) {
				v.errs.Errorf(v.at(p.File, m.Path+".area"), "area %q is not one of the province's parts %q", m.Area, p.Parts)
			}
			if m.Month < 0 || m.Month > 12 {
				v.errs.Errorf(v.at(p.File, m.Path+".month"), "month %d is not 1–12", m.Month)
			}
			if m.Year < FirstYear || m.Year > LastYear {
				v.errs.Errorf(v.at(p.File, m.Path+".year"), "milestone year %d is outside the programme (%d–%d)", m.Year, FirstYear, LastYear)
			} else if v.yearAfterRef(m.Year) {
				v.afterRef(v.at(p.File, m.Path+".year"), yearStart(m.Year), "milestone year %d is after %s", m.Year, v.ref)
			}
			if !v.anyLevel(m.Level) && !v.anyFailed() {
				v.errs.Errorf(v.at(p.File, m.Path+".level"), "milestone level %q is not a level of any criteria set", m.Level)
			}
			v.sourceURL(p.File, m.Path+".source_url", m.SourceURL, true)
		}
		v.areas(p)
	}
}

func (v *checker) units() {
	seen := map[string]string{}
	for _, u := range v.s.Units {
		if u.File == "" {
			v.boundaryUnit(u)
			continue
		}
		if prev, ok := seen[u.Code]; ok {
			v.errs.Errorf(v.at(u.File, "code"), "unit code %s is also used by %s", u.Code, prev)
		}
		seen[u.Code] = u.File
		if !validCode(u.Code) {
			v.errs.Errorf(v.at(u.File, "code"), "code %q must be digits only", u.Code)
		}
		if u.Name == "" {
			v.errs.Errorf(v.at(u.File, "name"), "unit %s has no name", u.Code)
		}
		if v.ix.Provinces[u.Province] == nil {
			v.errs.Errorf(v.at(u.File, "province"), "province %q: no such file content/provinces/%s.toml", u.Province, u.Province)
		}
		if v.ix.Boundaries[u.Code] == nil && len(v.s.Boundaries) > 0 && !v.opts.PartialBoundaries {
			v.errs.Errorf(v.at(u.File, "code"), "unit %s has no boundary in the configured boundary files", u.Code)
		}
		for _, a := range u.Assessments {
			v.assessment(u, a)
		}
		v.group(u)
		v.aliases(u.File, u.Aliases)
	}
}

// boundaryUnit checks a unit known only from its boundary, at the boundary's position.
func (v *checker) boundaryUnit(u *model.Unit) {
	if !validCode(u.Code) {
		v.errs.Errorf(u.Origin, "boundary code %q must be digits only", u.Code)
	}
	if u.Name == "" {
		v.errs.Errorf(u.Origin, "boundary %s has no name and no status file content/units/%s.toml to give one", u.Code, u.Code)
	}
	switch {
	case u.Province == "":
		v.errs.Errorf(u.Origin, "boundary %s names no province: set province_property in atlas.toml's [[boundaries]], or write content/units/%s.toml", u.Code, u.Code)
	case v.ix.Provinces[u.Province] == nil:
		v.errs.Errorf(u.Origin, "boundary %s is in province %q: no such file content/provinces/%s.toml", u.Code, u.Province, u.Province)
	}
}

func (v *checker) assessment(u *model.Unit, a *model.Assessment) {
	set := v.ix.Sets[a.CriteriaSet]
	if set == nil {
		v.errs.Errorf(v.at(u.File, a.Path+".criteria_set"), "criteria_set %q: no such set in content/criteria", a.CriteriaSet)
		return
	}
	if v.opts.Failed(set.File) {
		return // the set's own error says why
	}
	switch {
	case a.AsOf.IsZero():
		v.errs.Errorf(v.at(u.File, a.Path+".as_of"), "assessment against %s has no as_of date", set.ID)
	case v.dayAfterRef(a.AsOf):
		v.afterRef(v.at(u.File, a.Path+".as_of"), civil(a.AsOf), "as_of %s is after %s", a.AsOf.Format("2006-01-02"), v.ref)
	case hasYears(set) && (a.AsOf.Year() < set.StartYear || a.AsOf.Year() > set.EndYear):
		v.errs.Errorf(v.at(u.File, a.Path+".as_of"), "as_of %s is outside criteria set %s (%d–%d)", a.AsOf.Format("2006-01-02"), set.ID, set.StartYear, set.EndYear)
	}
	lvl := set.Level(a.Level)
	switch {
	case a.Level == "":
		// A misspelt key ("levle") leaves the level empty: say so, not that "" is no level.
		v.errs.Errorf(v.at(u.File, a.Path+".level"), "assessment has no level (%s)", setLevels(set))
	case lvl == nil:
		v.errs.Errorf(v.at(u.File, a.Path+".level"), "level %q is not a level of criteria set %s (%s)", a.Level, set.ID, levelIDs(set))
	}
	met := map[string]bool{}
	for i, id := range a.CriteriaMet {
		if set.Criterion(id) == nil {
			v.errs.Errorf(v.at(u.File, fmt.Sprintf("%s.criteria_met[%d]", a.Path, i)), "criterion %q is not in criteria set %s", id, set.ID)
		}
		met[id] = true
	}
	if lvl != nil && lvl.RequiresAllCriteria && len(a.CriteriaMet) > 0 && len(met) < len(set.Criteria) {
		v.errs.Errorf(v.at(u.File, a.Path+".level"), "level %q needs all %d criteria of set %s, but criteria_met lists %d", a.Level, len(set.Criteria), set.ID, len(met))
	}
	v.sourceURL(u.File, a.Path+".source_url", a.SourceURL, true)
}

func (v *checker) former() {
	seen := map[string]string{}
	for _, f := range v.s.Former {
		if prev, ok := seen[f.Key()]; ok {
			v.errs.Errorf(v.at(f.File, "code"), "former unit %s is also defined in %s", f.Key(), prev)
		}
		seen[f.Key()] = f.File
		if !validCode(f.Code) {
			v.errs.Errorf(v.at(f.File, "code"), "code %q must be digits only", f.Code)
		}
		if f.Name == "" {
			v.errs.Errorf(v.at(f.File, "name"), "former unit %s has no name", f.Code)
		}
		if f.Until.After(model.ReformDate) {
			v.errs.Errorf(v.at(f.File, "until"), "until %s is after the reform of %s: a former unit ended by then", f.Until.Format("2006-01-02"), model.ReformDate.Format("2006-01-02"))
		}
		if len(f.Successors) == 0 {
			v.errs.Errorf(v.at(f.File, "code"), "former unit %s names no [[successors]]", f.Key())
		}
		for _, s := range f.Successors {
			switch {
			case !s.Former && v.ix.Units[s.Code] == nil:
				v.errs.Errorf(v.at(f.File, s.Path+".code"), "successor %s: no current unit content/units/%s.toml", s.Code, s.Code)
			case s.Former && v.ix.Former[s.Key()] == nil:
				v.errs.Errorf(v.at(f.File, s.Path+".code"), "successor %s: no former unit content/former/%s.toml", s.Key(), s.Key())
			case s.Former && !s.Until.After(f.Until):
				v.errs.Errorf(v.at(f.File, s.Path+".until"), "successor %s ended before this unit did", s.Key())
			}
			if s.Merge != "full" && s.Merge != "partial" {
				v.errs.Errorf(v.at(f.File, s.Path+".merge"), "merge %q must be \"full\" or \"partial\"", s.Merge)
			}
		}
		for _, r := range f.Recognitions {
			v.recognition(f, r)
		}
		for _, r := range f.Revocations {
			v.revocation(f, r)
		}
		v.aliases(f.File, f.Aliases)
	}
}

func (v *checker) recognition(f *model.FormerUnit, r *model.Recognition) {
	if r.CriteriaSet != "" {
		switch set := v.ix.Sets[r.CriteriaSet]; {
		case set == nil:
			v.errs.Errorf(v.at(f.File, r.Path+".criteria_set"), "criteria_set %q: no such set in content/criteria", r.CriteriaSet)
		case v.opts.Failed(set.File):
			// the set's own error says why its levels are not known
		case r.Level == "":
			// A misspelt key ("levle") leaves the level empty: say so, not that "" is no level.
			v.errs.Errorf(v.at(f.File, r.Path+".level"), "recognition has no level (%s)", setLevels(set))
		case set.Level(r.Level) == nil:
			v.errs.Errorf(v.at(f.File, r.Path+".level"), "level %q is not a level of criteria set %s (%s)", r.Level, set.ID, levelIDs(set))
		}
	} else if r.Level == "" {
		v.errs.Errorf(v.at(f.File, r.Path+".level"), "recognition has no level")
	} else if !v.anyLevel(r.Level) && !v.anyFailed() {
		v.errs.Errorf(v.at(f.File, r.Path+".level"), "level %q is not a level of any criteria set", r.Level)
	}
	if r.Year != 0 && (r.Year < FirstYear || r.Year > LastYear) {
		v.errs.Errorf(v.at(f.File, r.Path+".year"), "year %d is outside the programme (%d–%d)", r.Year, FirstYear, LastYear)
	}
	if r.Year != 0 && r.CriteriaSet != "" {
		if set := v.ix.Sets[r.CriteriaSet]; set != nil && hasYears(set) && (r.Year < set.StartYear || r.Year > set.EndYear+1) {
			v.errs.Errorf(v.at(f.File, r.Path+".year"), "year %d is outside criteria set %s (%d–%d)", r.Year, set.ID, set.StartYear, set.EndYear)
		}
	}
	if r.Year > f.Until.Year() {
		v.errs.Errorf(v.at(f.File, r.Path+".year"), "recognised in %d, after the unit ended on %s", r.Year, f.Until.Format("2006-01-02"))
	} else if v.yearAfterRef(r.Year) {
		v.afterRef(v.at(f.File, r.Path+".year"), yearStart(r.Year), "recognised in %d, after %s", r.Year, v.ref)
	}
	v.month(f.File, r.Path, r.Month)
	v.kind(f.File, r.Path, r.Kind, r.Decision, false)
	v.namedAs(f, r)
	v.sourceURL(f.File, r.Path+".source_url", r.SourceURL, false)
	v.sourceURL(f.File, r.Path+".archive_url", r.ArchiveURL, true)
}

func (v *checker) stories() {
	seen := map[string]string{}
	for _, st := range v.s.Stories {
		if prev, ok := seen[st.Slug]; ok {
			v.errs.Errorf(diag.Pos{File: st.File, Line: 1, Col: 1}, "story slug %q is also used by %s", st.Slug, prev)
		}
		seen[st.Slug] = st.File
		if st.Slug == "" {
			v.errs.Errorf(diag.Pos{File: st.File, Line: 1, Col: 1}, "story has an empty slug")
		}
		if st.Title == "" {
			v.errs.Errorf(diag.Pos{File: st.File, Line: 1, Col: 1}, "story has no title")
		}
		if st.Date.IsZero() {
			v.errs.Errorf(diag.Pos{File: st.File, Line: 1, Col: 1}, "story has no date")
		} else if v.dayAfterRef(st.Date) {
			v.afterRef(v.at(st.File, "date"), civil(st.Date), "date %s is after %s", st.Date.Format("2006-01-02"), v.ref)
		}
		for i, c := range st.Units {
			if v.ix.Units[c] == nil {
				v.errs.Errorf(v.at(st.File, fmt.Sprintf("units[%d]", i)), "units: no current unit %q", c)
			}
		}
		for i, k := range st.FormerUnits {
			if v.ix.Former[k] == nil {
				v.errs.Errorf(v.at(st.File, fmt.Sprintf("former_units[%d]", i)), "former_units: no former unit %q", k)
			}
		}
		for i, p := range st.Provinces {
			if v.ix.Provinces[p] == nil {
				v.errs.Errorf(v.at(st.File, fmt.Sprintf("provinces[%d]", i)), "provinces: no province %q", p)
			}
		}
		v.sourceURL(st.File, "source_url", st.SourceURL, true)
	}
}

// sourceURL checks that a source URL is an absolute http(s) URL; empty is allowed when optional.
// The key is a path such as "recognitions[1].source_url"; messages name its last part.
func (v *checker) sourceURL(file, key, raw string, optional bool) {
	name := key[strings.LastIndexAny(key, ".]")+1:]
	if raw == "" {
		if !optional {
			v.errs.Errorf(v.at(file, key), "%s is missing", name)
		}
		return
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.errs.Errorf(v.at(file, key), "%s %q must be an absolute http(s) URL", name, raw)
	}
}

// aliases checks old addresses of a page: each must be a path inside the site, such as
// "/xa/03664/" or "xa-cu/chieng-xom/", so that no redirect or fallback page can be written or
// point outside the output folder.
func (v *checker) aliases(file string, aliases []string) {
	for i, a := range aliases {
		if msg := aliasProblem(a); msg != "" {
			v.errs.Errorf(v.at(file, fmt.Sprintf("aliases[%d]", i)), "alias %q %s", a, msg)
		}
	}
}

// aliasProblem says why a is not a safe site path, or "".
func aliasProblem(a string) string {
	p := strings.TrimPrefix(a, "/")
	switch {
	case p == "":
		return "is empty: give the old path of the page, like /" + model.UnitPath("03664")
	case strings.HasPrefix(p, "/") || strings.Contains(a, "://") || strings.Contains(a, "\\"):
		return "must be a path on this site, not a URL or another host"
	}
	for _, seg := range strings.Split(strings.TrimSuffix(p, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "must not have empty, \".\" or \"..\" parts"
		}
		for _, r := range seg {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
				return "may hold only lower-case letters a–z, digits, '-', '_', '.' and '/'"
			}
		}
	}
	return ""
}

// anyFailed reports whether a criteria set could not be decoded: a level of no set may be one
// of its.
func (v *checker) anyFailed() bool {
	for _, s := range v.s.CriteriaSets {
		if v.opts.Failed(s.File) {
			return true
		}
	}
	return false
}

func (v *checker) anyLevel(id string) bool {
	for _, s := range v.s.CriteriaSets {
		if s.Level(id) != nil {
			return true
		}
	}
	return false
}

// setLevels names the set and its levels: "levels of criteria set 2026-2030: …".
func setLevels(s *model.CriteriaSet) string {
	return "levels of criteria set " + s.ID + ": " + strings.TrimPrefix(levelIDs(s), "levels: ")
}

func levelIDs(s *model.CriteriaSet) string {
	var ids []string
	for _, l := range s.Levels {
		ids = append(ids, l.ID)
	}
	return "levels: " + strings.Join(ids, ", ")
}

func validCode(c string) bool {
	if c == "" || len(c) > 16 {
		return false
	}
	for _, r := range c {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// hasYears reports whether a criteria set gives its period: start_year and end_year are
// optional, and dates are checked against them only when given.
func hasYears(s *model.CriteriaSet) bool { return s.StartYear != 0 || s.EndYear != 0 }
