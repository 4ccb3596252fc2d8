package render

import (
	"strconv"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// AnswerView is what a unit page says first: whether the unit met the New Rural Development
// standard, since when, by which criteria set, and what it still lacks. The history and the
// sources follow it.
type AnswerView struct {
	// Verdict is "yes" (its own assessment, or every former commune, met the standard),
	// "partly" (some former communes did), "no" (its own assessment is below the standard),
	// "outside" (formed from wards and townships only, which the programme does not cover) or
	// "unknown" (no data).
	Verdict  string
	Known    bool   // Verdict is yes, partly or no: Sets says by which sets
	Headline string // the answer in a few words
	Detail   string // a sentence that explains it, or ""
	Since    string // "12/03/2025", "2019 (the year …)", "year not known: …"; "" when it has not met it
	// SinceStandard says that Since is since when it met the standard, under a Headline that
	// names a higher level (an advanced commune since 2020 met the standard in 2015).
	SinceStandard bool
	Short         string // Since in a table cell: "12/03/2025", "2019", "?"
	Sets          []Link // the criteria sets of the assessment or the recognitions; none when unknown
	Basis         string // what the answer rests on, in words
	// Province is, when nothing is on record for the unit, what its province's sourced
	// figure says (its date and source), and ProvinceHref its page.
	Province     *Finding
	ProvinceHref string
}

// provinceFigure sets on v, an answer that knows nothing of its unit, what the sourced
// figure of the province code says.
func (r *renderer) provinceFigure(v *AnswerView, code, home string) {
	p := r.a.Index.Provinces[code]
	if p == nil {
		return
	}
	f := r.figureFinding(r.loc.ProvinceName(p), status.FigureOf(p, 0))
	v.Province, v.ProvinceHref = &f, home+model.ProvincePath(p.Code)
}

// standardRank is the rank of the standard (đạt chuẩn) in every criteria set: a level of a
// higher rank is above it (docs/content.md, 3.2).
const standardRank = 2

// formerAnswer is the answer a former unit's page gives first: whether it met the standard
// and since when — by its own recognitions, or only through its district's or province's
// recognition, which the answer says; that it lost the standard; that the programme did not
// cover it; or that nothing is on record, with its province's figure.
func (r *renderer) formerAnswer(f *model.FormerUnit, home string) AnswerView {
	var v AnswerView
	c := r.a.Standing(f)
	_, own := r.a.Best(f)
	switch {
	case c != nil:
		v.Verdict, v.Headline = "yes", r.loc.Phrase("answer.yes", r.loc.LevelName(c.Level).Value)
		if set := c.CriteriaSet(); set != "" {
			v.Sets = []Link{{Href: home + model.CriteriaPath(set), Title: set}}
		}
		switch m := r.index().metSince[f]; {
		case c.Basis != status.BasisOwn:
			v.Since = r.loc.MonthYear(c.Year, c.Month)
		case m.Year != 0 && m.From != status.YearStated:
			v.Since = r.loc.Phrase("answer.since_year_inferred", m.Year, r.yearFrom(f, m.From))
		case m.Year != 0:
			v.Since = strconv.Itoa(m.Year)
		default:
			v.Since = r.loc.Phrase("answer.since_unstated")
		}
		v.SinceStandard = c.Level.Rank > standardRank
		v.Basis = r.loc.Phrase("answer.basis_recognitions")
		if c.Basis != status.BasisOwn {
			// Since the first area recognition at that level that stands: several sources may
			// speak for the same area, the earliest says since when.
			first := *c
			for _, d := range r.a.Credits(f) {
				if d.Basis != status.BasisOwn && d.CountsNow() && d.Level.Rank >= c.Level.Rank && d.When().Before(first.When()) {
					first = d
				}
			}
			name := r.areaName(first.AreaOf, first.Area)
			v.Since = r.loc.MonthYear(first.Year, first.Month)
			v.Headline = r.loc.Phrase("answer.yes_area", r.loc.LevelName(c.Level).Value, name)
			v.Detail = r.loc.Phrase("answer.area_detail", name, v.Since)
			v.Basis = r.loc.Phrase("answer.basis_area", name)
		}
	case r.a.Lost(f) != nil:
		lost := r.a.Lost(f)
		level := lost.Level
		if l := r.a.Level(lost.CriteriaSet, lost.Level); l != nil {
			level = r.loc.LevelName(l).Value
		}
		v.Verdict, v.Headline = "no", r.loc.Phrase("answer.lost", level, r.loc.MonthYear(lost.Year, lost.Month))
		v.Detail = r.loc.Phrase("answer.lost_detail")
		v.Basis = r.loc.Phrase("answer.basis_recognitions")
	case own != nil && own.Recognized:
		// Its recognitions are all of a kind that recognises nothing (a vote, a list).
		v.Verdict, v.Headline, v.Detail = "unknown", r.loc.Phrase("answer.unknown"), r.loc.Phrase("answer.not_recognised")
		r.provinceFigure(&v, f.Province, home)
	case own != nil:
		v.Verdict, v.Headline = "no", r.loc.Phrase("answer.no", r.loc.LevelName(own).Value)
		v.Basis = r.loc.Phrase("answer.basis_recognitions")
	case !status.Eligible(f):
		v.Verdict, v.Headline, v.Detail = "outside", r.loc.Phrase("answer.outside"), r.loc.Phrase("answer.outside_former")
	default:
		v.Verdict, v.Headline, v.Detail = "unknown", r.loc.Phrase("answer.unknown"), r.loc.Phrase("answer.unknown_former")
		r.provinceFigure(&v, f.Province, home)
	}
	v.Known = v.Verdict == "yes" || v.Verdict == "no"
	return v
}

// answer is the answer a unit page gives first, linked below home.
func (r *renderer) answer(u *model.Unit, st *status.Status, home string) AnswerView {
	var v AnswerView
	addSet := func(id string) {
		if id != "" {
			v.Sets = appendLink(v.Sets, Link{Href: home + model.CriteriaPath(id), Title: id})
		}
	}
	switch {
	case st.OwnLevel != nil:
		level := r.loc.LevelName(st.OwnLevel).Value
		addSet(st.Own.CriteriaSet)
		v.Basis = r.loc.Phrase("answer.basis_own", r.loc.Date(st.Own.AsOf))
		if !st.OwnLevel.Recognized {
			v.Verdict, v.Headline = "no", r.loc.Phrase("answer.no", level)
			break
		}
		v.Verdict, v.Headline = "yes", r.loc.Phrase("answer.yes", level)
		// Since the first of the latest run of assessments at a level that counts.
		since := r.a.OwnSince(u)
		v.Since, v.Short = r.loc.Phrase("answer.since_date", r.loc.Date(since)), r.loc.Date(since)
		v.SinceStandard = st.OwnLevel.Rank > standardRank
	case st.Eligible == 0 && len(st.Formers) > 0:
		v.Verdict, v.Headline, v.Detail = "outside", r.loc.Phrase("answer.outside"), r.loc.Phrase("answer.outside_detail")
		v.Basis = r.loc.Phrase("answer.basis_outside")
	case st.Recognized == 0:
		v.Verdict, v.Headline, v.Detail = "unknown", r.loc.Phrase("answer.unknown"), r.loc.Phrase("answer.unknown_detail")
		r.provinceFigure(&v, u.Province, home)
	default:
		v.Basis = r.loc.Phrase("answer.basis_formers")
		if st.ByArea > 0 {
			v.Basis = r.loc.Phrase("answer.basis_formers_area", st.ByArea)
		}
		met := r.index().metSince
		last, known := status.FormersSince(st, met)
		lastFrom := ""
		for _, f := range st.Formers {
			if f.Credit == nil {
				continue
			}
			addSet(f.Credit.CriteriaSet())
			// How the latest year is known: the first commune of that year whose year is
			// inferred says.
			if m := met[f.Unit]; known && m.Year == last && lastFrom == "" {
				lastFrom = r.yearFrom(f.Unit, m.From)
			}
		}
		if st.Recognized < st.Eligible {
			v.Verdict, v.Headline, v.Detail = "partly", r.loc.Phrase("answer.partly"), r.loc.Phrase("answer.partly_detail", st.Recognized, st.Eligible)
			break
		}
		v.Verdict, v.Headline, v.Detail = "yes", r.loc.Phrase("answer.formers_all"), r.loc.Phrase("answer.formers_all_detail", st.Eligible)
		if known && last > 0 && lastFrom != "" {
			v.Since, v.Short = r.loc.Phrase("answer.since_year_inferred", last, lastFrom), strconv.Itoa(last)
		} else if known && last > 0 {
			v.Since, v.Short = r.loc.Phrase("answer.since_year", last), strconv.Itoa(last)
		} else {
			v.Since, v.Short = r.loc.Phrase("answer.since_unknown"), "?"
		}
	}
	v.Known = v.Verdict == "yes" || v.Verdict == "partly" || v.Verdict == "no"
	return v
}
