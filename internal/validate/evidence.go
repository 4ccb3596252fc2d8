package validate

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// councilWords are what, folded, marks a council's resolution, a vote or a submission, which
// recognise nothing: "Nghị quyết số 45/NQ-HĐND", "Tờ trình số 12/TTr-UBND", "biểu quyết".
var councilWords = []string{"nghi quyet", "nq-", "/nq", "hdnd", "to trinh", "ttr-", "/ttr", "bieu quyet", "bo phieu", "hoi dong tham dinh", "de nghi cong nhan"}

// notADecision says why decision, the text of a record's decision key, is not a recognising
// decision, or "" when nothing in it says so.
func notADecision(decision string) string {
	f := vi.Fold(decision)
	for _, w := range councilWords {
		if strings.Contains(f, w) {
			return fmt.Sprintf("decision %q is a council's resolution, a vote or a submission, not a recognising decision: write kind = %q (or %q for a list of candidates), which recognises nothing", decision, model.KindVote, model.KindCandidates)
		}
	}
	return ""
}

// kind checks a record's kind key and, when the record is a decision, its decision text; path
// is the record's key path. Revocations take only the kinds that recognise (or withdraw).
func (v *checker) kind(file, path, kind, decision string, recognisingOnly bool) {
	allowed := model.Kinds
	if recognisingOnly {
		allowed = []string{model.KindDecision, model.KindReport}
	}
	if kind != "" && !slices.Contains(allowed, kind) {
		v.errs.Errorf(v.at(file, path+".kind"), "kind %q is not one of %s", kind, quoteAll(allowed))
		return
	}
	if model.KindOf(kind, decision) == model.KindDecision {
		if why := notADecision(decision); why != "" {
			v.errs.Errorf(v.at(file, path+".decision"), "%s", why)
		}
	}
}

// month checks a month key: 0 (not given) or 1–12.
func (v *checker) month(file, path string, m int) {
	if m < 0 || m > 12 {
		v.errs.Errorf(v.at(file, path+".month"), "month %d is not 1–12", m)
	}
}

// level checks a level named by a record that may name its criteria set.
func (v *checker) levelIn(file, path, set, level, what string) {
	switch s := v.ix.Sets[set]; {
	case set != "" && s == nil:
		v.errs.Errorf(v.at(file, path+".criteria_set"), "criteria_set %q: no such set in content/criteria", set)
	case set != "" && v.opts.Failed(s.File):
	case set != "" && level == "":
		v.errs.Errorf(v.at(file, path+".level"), "%s has no level (%s)", what, setLevels(s))
	case set != "" && s.Level(level) == nil:
		v.errs.Errorf(v.at(file, path+".level"), "level %q is not a level of criteria set %s (%s)", level, s.ID, levelIDs(s))
	case set != "":
	case level == "":
		v.errs.Errorf(v.at(file, path+".level"), "%s has no level", what)
	case !v.anyLevel(level) && !v.anyFailed():
		v.errs.Errorf(v.at(file, path+".level"), "level %q is not a level of any criteria set", level)
	}
}

// areas checks a province's area recognitions.
func (v *checker) areas(p *model.Province) {
	for _, a := range p.Areas {
		at := func(key string) string { return a.Path + "." + key }
		if p == v.s.Nation {
			v.errs.Errorf(v.at(p.File, a.Path+".scope"), "the national file holds no area recognitions: file each under its province")
			continue
		}
		switch a.Scope {
		case model.ScopeDistrict:
			v.areaDistrict(p, a)
		case model.ScopeProvince:
			if a.District != "" || a.DistrictCode != "" {
				v.errs.Errorf(v.at(p.File, at("district")), "a province-wide recognition names no district: write scope = %q for a district's", model.ScopeDistrict)
			}
			switch {
			case len(p.Parts) > 0 && a.Area == "":
				v.errs.Errorf(v.at(p.File, at("scope")), "province %s was formed on 2025-07-01 from %s: name the former province the recognition covers (area)", p.Code, strings.Join(p.Parts, ", "))
			case len(p.Parts) > 0 && !slices.Contains(p.Parts, a.Area):
				v.errs.Errorf(v.at(p.File, at("area")), "area %q is not one of the province's parts %q", a.Area, p.Parts)
			case len(p.Parts) == 0 && a.Area != "" && !vi.SamePlace(a.Area, p.Name):
				v.errs.Errorf(v.at(p.File, at("area")), "area %q: province %s (%s) was formed from no other province; leave area out", a.Area, p.Code, p.Name)
			}
		default:
			v.errs.Errorf(v.at(p.File, at("scope")), "scope %q must be %q or %q", a.Scope, model.ScopeDistrict, model.ScopeProvince)
		}
		v.levelIn(p.File, a.Path, a.CriteriaSet, a.Level, "area recognition")
		switch {
		case a.Year == 0:
			v.errs.Errorf(v.at(p.File, at("year")), "area recognition has no year: a district's or province's recognition attributes its communes only from a date")
		case a.Year < FirstYear || a.Year > LastYear:
			v.errs.Errorf(v.at(p.File, at("year")), "year %d is outside the programme (%d–%d)", a.Year, FirstYear, LastYear)
		case v.yearAfterRef(a.Year):
			v.afterRef(v.at(p.File, at("year")), yearStart(a.Year), "area recognition year %d is after %s", a.Year, v.ref)
		}
		v.month(p.File, a.Path, a.Month)
		v.kind(p.File, a.Path, a.Kind, a.Decision, false)
		v.sourceURL(p.File, at("source_url"), a.SourceURL, false)
		v.sourceURL(p.File, at("archive_url"), a.ArchiveURL, true)
	}
}

// areaDistrict checks a district's recognition: its code names a district of the former
// districts table that lies in the province, under the name the source gives.
func (v *checker) areaDistrict(p *model.Province, a *model.AreaRecognition) {
	at := func(key string) string { return a.Path + "." + key }
	if a.Area != "" {
		v.errs.Errorf(v.at(p.File, at("area")), "a district's recognition names its district (district_code), not an area")
	}
	if a.DistrictCode == "" {
		v.errs.Errorf(v.at(p.File, at("scope")), "a district's recognition needs district_code, its code in %s", model.DistrictsFile)
		return
	}
	d := v.district(a.DistrictCode)
	switch {
	case d == nil && len(v.s.DistrictRows) == 0 && !v.opts.Failed(model.DistrictsFile):
		// Nothing to check it against: a site without the table, and no former unit file
		// names the district. It gives no commune a status; say so.
		v.errs.Warnf(v.at(p.File, at("district_code")), "district_code %q: no former unit lies in it (no %s, and no former unit file names it): the recognition gives no commune a status", a.DistrictCode, model.DistrictsFile)
		return
	case d == nil:
		if !v.opts.Failed(model.DistrictsFile) {
			v.errs.Errorf(v.at(p.File, at("district_code")), "district_code %q: no district of that code in %s", a.DistrictCode, model.DistrictsFile)
		}
		return
	}
	if a.District != "" && !vi.SamePlace(a.District, d.Name) {
		v.errs.Errorf(v.at(p.File, at("district")), "district %q is not %s, the district of code %s: the source may name another district", a.District, d.Name, d.Code)
	}
	if where := v.districtProvince(d.Code); where != "" && where != p.Code {
		v.errs.Errorf(v.at(p.File, at("district_code")), "district %s (%s) lies in province %s, not %s: file the recognition in content/provinces/%s.toml", d.Code, d.Name, where, p.Code, where)
	}
}

// district is the district of the given code, or nil.
func (v *checker) district(code string) *model.District {
	if v.districts == nil {
		v.districts = map[string]*model.District{}
		for _, d := range v.s.Districts {
			v.districts[d.Code] = d
		}
	}
	return v.districts[code]
}

// districtProvince is the province of today that a district's former units lie in, or "".
func (v *checker) districtProvince(code string) string {
	if v.districtProv == nil {
		v.districtProv = map[string]string{}
		for _, f := range v.s.Former {
			if f.DistrictCode != "" && v.districtProv[f.DistrictCode] == "" {
				v.districtProv[f.DistrictCode] = f.Province
			}
		}
	}
	return v.districtProv[code]
}

// districtRows checks the former districts table against the former units: each row names a
// former unit that ended with the reform, under its name and type, and a district that its
// file, when it names one, names too.
//
// A row whose code no former unit of the site holds is not an error (a site of one province may
// keep the whole country's table), but one warning counts them and places the first, as a
// mistyped code would be among them.
func (v *checker) districtRows() {
	var unmatched []*model.DistrictRow
	defer func() {
		if len(unmatched) > 0 {
			r := unmatched[0]
			v.errs.Warnf(r.Pos(model.DCode), "%d row(s) name no former unit of this site, the first code %s: their districts are not used", len(unmatched), r.Cells[model.DCode])
		}
	}()
	for _, row := range v.s.DistrictRows {
		code := row.Cells[model.DCode]
		f := v.ix.Former[code]
		if f == nil {
			unmatched = append(unmatched, row)
			continue
		}
		if f.DistrictFrom != row || v.opts.Failed(f.File) {
			continue
		}
		if name := row.Cells[model.DName]; !vi.SameName(name, f.FullName()) && !vi.SameName(name, f.Name) {
			v.errs.Errorf(row.Pos(model.DName), "code %s is %s in content/former/%s.toml, not %s", code, f.FullName(), code, name)
		}
		if typ := row.Cells[model.DType]; f.Type != "" && !vi.SameName(typ, f.Type) {
			v.errs.Errorf(row.Pos(model.DType), "code %s is a %s in content/former/%s.toml, not a %s", code, f.Type, code, typ)
		}
		if f.DistrictCode != "" && f.DistrictCode != row.Cells[model.DDistrictCode] {
			v.errs.Errorf(v.at(f.File, "district_code"), "district_code %q differs from %s's %s (line %d)", f.DistrictCode, model.DistrictsFile, row.Cells[model.DDistrictCode], row.Line)
		}
		if f.District != "" && !vi.SamePlace(f.District, row.Cells[model.DDistrictName]) {
			v.errs.Errorf(v.at(f.File, "district"), "district %q differs from %s's %s (line %d)", f.District, model.DistrictsFile, row.Cells[model.DDistrictName], row.Line)
		}
	}
}

// namedAs checks that the commune and district a recognition's source names are the unit's:
// sources misattribute, and a page headlined about one province may list another's communes.
func (v *checker) namedAs(f *model.FormerUnit, r *model.Recognition) {
	if r.Commune != "" && !vi.SamePlace(r.Commune, f.Name) {
		v.errs.Errorf(v.at(f.File, r.Path+".commune"), "the source names commune %q, but this file is %s: file the recognition under the unit the source means", r.Commune, f.FullName())
	}
	if r.District == "" {
		return
	}
	switch {
	case f.District == "":
		v.errs.Errorf(v.at(f.File, r.Path+".district"), "the source names district %q, but the unit's district is not known: set district, or give the former districts table", r.District)
	case !vi.SamePlace(r.District, f.District):
		v.errs.Errorf(v.at(f.File, r.Path+".district"), "the source names district %q, but %s lay in %s: the source may list another district's communes", r.District, f.FullName(), f.District)
	}
}

// revocation checks a former unit's revocation.
func (v *checker) revocation(f *model.FormerUnit, r *model.Revocation) {
	at := func(key string) string { return r.Path + "." + key }
	v.levelIn(f.File, r.Path, r.CriteriaSet, r.Level, "revocation")
	switch {
	case r.Year == 0:
		v.errs.Errorf(v.at(f.File, at("year")), "revocation has no year")
	case r.Year < FirstYear || r.Year > LastYear:
		v.errs.Errorf(v.at(f.File, at("year")), "year %d is outside the programme (%d–%d)", r.Year, FirstYear, LastYear)
	case r.Year > f.Until.Year():
		v.errs.Errorf(v.at(f.File, at("year")), "revoked in %d, after the unit ended on %s", r.Year, f.Until.Format("2006-01-02"))
	case v.yearAfterRef(r.Year):
		v.afterRef(v.at(f.File, at("year")), yearStart(r.Year), "revoked in %d, after %s", r.Year, v.ref)
	}
	v.month(f.File, r.Path, r.Month)
	v.kind(f.File, r.Path, r.Kind, r.Decision, true)
	v.sourceURL(f.File, at("source_url"), r.SourceURL, false)
	v.sourceURL(f.File, at("archive_url"), r.ArchiveURL, true)
}

// group checks a unit's commune group, and that every assessment against a set that judges
// groups differently knows the unit's group.
func (v *checker) group(u *model.Unit) {
	var ids []string
	for _, s := range v.s.CriteriaSets {
		for _, g := range s.Groups {
			if !slices.Contains(ids, g.ID) {
				ids = append(ids, g.ID)
			}
		}
	}
	if u.Group != "" && !slices.Contains(ids, u.Group) && !v.anyFailed() {
		if len(ids) == 0 {
			v.errs.Errorf(v.at(u.File, "group"), "group %q: no criteria set defines [[groups]]", u.Group)
		} else {
			v.errs.Errorf(v.at(u.File, "group"), "group %q is not a commune group (groups: %s)", u.Group, strings.Join(ids, ", "))
		}
	}
	if u.Group != "" {
		return
	}
	for _, a := range u.Assessments {
		if s := v.ix.Sets[a.CriteriaSet]; s != nil && len(s.Groups) > 0 {
			var gs []string
			for _, g := range s.Groups {
				gs = append(gs, fmt.Sprintf("%q", g.ID))
			}
			v.errs.Errorf(v.at(u.File, a.Path+".criteria_set"), "an assessment against %s needs the unit's commune group, as the set judges each group by its own targets: set group = %s in %s", s.ID, orList(gs), path.Join("content/units", u.Code+".toml"))
		}
	}
}

func quoteAll(xs []string) string {
	var q []string
	for _, x := range xs {
		q = append(q, fmt.Sprintf("%q", x))
	}
	return strings.Join(q, ", ")
}

// orList joins xs as "a, b or c".
func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}
