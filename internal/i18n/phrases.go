package i18n

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// The atlas's own phrases: what pages and downloads say of its content, in the locale's
// language.

// StatusText says in words where a unit stands: its own assessment's level, set and date;
// how many of its former communes met the standard; or that nothing is known.
func (l *Locale) StatusText(st *status.Status) string {
	switch {
	case st.OwnLevel != nil:
		return l.Phrase("status.own", l.LevelName(st.OwnLevel).Value, st.Own.CriteriaSet, l.Date(st.Own.AsOf))
	case st.Class == status.NoData:
		return l.Phrase("status.no_data")
	case st.Class == status.NotCovered:
		return l.Phrase("status.not_covered")
	case st.ByArea > 0:
		return l.Phrase("status.derived_area", st.Recognized, st.Eligible, st.ByArea)
	default:
		return l.Phrase("status.derived", st.Recognized, st.Eligible)
	}
}

// LevelName is a level's name.
func (l *Locale) LevelName(lv *model.Level) Text { return l.Local(lv.NameEn, lv.Name) }

// ProvinceName is a province's type and name: "Tỉnh Sơn La", "Sơn La Province".
func (l *Locale) ProvinceName(p *model.Province) string {
	return l.Phrase("name.province", l.UnitType(p.Type).Value, p.Name)
}

// ProvinceInSentence is ProvinceName as it reads inside a sentence: "tỉnh Sơn La" in
// Vietnamese, where the type is not capitalised there; "Sơn La Province" in English.
func (l *Locale) ProvinceInSentence(p *model.Province) string {
	return l.InSentence(l.ProvinceName(p))
}

// InSentence is a name that begins with its type ("Thành phố Hà Nội") as it reads inside a
// sentence: in Vietnamese the type is not capitalised there ("thành phố Hà Nội").
func (l *Locale) InSentence(name string) string {
	if l.lang != "vi" {
		return name
	}
	first, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToLower(first)) + name[size:]
}

// AreaName names the area an area recognition of province p covers: its district's name in
// the former districts table (district, nil when the table does not list it), else as the
// record writes it; "Hà Nam cũ" for a part of a merged province (as its figures are named,
// whatever its type: "tỉnh Hồ Chí Minh" was wrong); "toàn tỉnh Sơn La" for a whole province.
func (l *Locale) AreaName(p *model.Province, ar *model.AreaRecognition, district *model.District) string {
	switch ar.Scope {
	case model.ScopeDistrict:
		if district != nil {
			return district.Name
		}
		return ar.District
	case model.ScopeProvince:
		if ar.Area != "" {
			return l.Phrase("area.province_part", ar.Area)
		}
		return l.Phrase("area.province_whole", l.ProvinceInSentence(p))
	}
	return ""
}

// FormerStatus is a former unit's status in a list, in words: the level of its standing, and
// its basis when that is its district's or province's recognition; that it lost it; the level
// of its own best recognition that does not count; or that it has none.
func (l *Locale) FormerStatus(a *status.Atlas, f *model.FormerUnit) Text {
	if c := a.Standing(f); c != nil {
		t := l.LevelName(c.Level)
		if c.Basis != status.BasisOwn {
			t.Value = l.Phrase("status.via_area", t.Value, l.AreaName(c.AreaOf, c.Area, a.District(c.Area.DistrictCode)))
		}
		return t
	}
	if v := a.Lost(f); v != nil {
		return Text{Value: l.Phrase("status.lost", l.MonthYear(v.Year, v.Month))}
	}
	if _, lv := a.Best(f); lv != nil && !lv.Recognized {
		return l.LevelName(lv)
	}
	return Text{Value: l.Phrase("status.no_recognition")}
}

// CompletionWords is the phrase key said of a province-wide recognition a: its kind (a
// decision, a report) and its date, as the key's last two arguments after args.
func (l *Locale) CompletionWords(key string, a *model.AreaRecognition, args ...any) string {
	kind := l.Phrase("nation.kind_report")
	if a.KindOf() == model.KindDecision {
		kind = l.Phrase("nation.kind_decision")
	}
	return l.Phrase(key, append(args, kind, l.MonthYear(a.Year, a.Month))...)
}

// FigureWords says a figure briefly, with its date: "97/97 xã (100%), 10/2025", each part's
// for parts, or that there is none.
func (l *Locale) FigureWords(f status.Figure) string {
	part := func(m *model.Milestone) string {
		when := l.MonthYear(m.Year, m.Month)
		if m.Total > 0 {
			return l.Phrase("nation.part_share", l.Number(m.Count), l.Number(m.Total), l.Phrase("nation.percent", m.Count*100/m.Total), when)
		}
		return l.Phrase("nation.part_count", l.Number(m.Count), when)
	}
	switch f.Kind {
	case status.ShareFigure:
		sh := f.Share
		return l.Phrase("nation.part_share", l.Number(sh.Met), l.Number(sh.Total), l.Phrase("nation.percent", sh.Percent()), l.MonthYear(sh.Year, sh.Month))
	case status.CountFigure:
		return part(f.Share.Sources[0])
	case status.CompleteFigure:
		return l.CompletionWords("nation.part_complete", f.Completion)
	case status.PartsFigure:
		var texts []string
		for _, p := range f.Parts {
			t := l.Phrase("nation.part_none")
			if p.Milestone != nil {
				t = part(p.Milestone)
			} else if p.Completion != nil {
				t = l.CompletionWords("nation.part_complete", p.Completion)
			}
			texts = append(texts, l.Phrase("nation.part_name", p.Area)+": "+t)
		}
		return strings.Join(texts, "; ")
	}
	return l.Phrase("nation.part_none")
}
