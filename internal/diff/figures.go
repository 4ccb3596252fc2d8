package diff

import (
	"sort"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// counts are the counts one atlas shows of a place, by Count.What.
type counts map[string]int

// placeCounts are the counts of the pages of province code ("" for the whole country): its
// units and former units, its units by class (the legend), its former communes that meet a
// level that counts by basis and by level (the province page, the home page), and for the
// country the provinces with a sourced figure.
func placeCounts(a *status.Atlas, code string) counts {
	n := counts{}
	for _, st := range a.Statuses {
		if code == "" || st.Unit.Province == code {
			n["units"]++
			n["class:"+string(st.Class)]++
		}
	}
	for _, f := range a.Site.Former {
		if code != "" && f.Province != code {
			continue
		}
		n["former_units"]++
		if d := a.Standing(f); d != nil {
			n["met:"+string(d.Basis)]++
			n["level:"+d.Level.ID]++
		}
	}
	if code == "" {
		for _, p := range a.Site.Provinces {
			if status.FigureOf(p, 0).Kind != status.NoFigure {
				n["sourced"]++
			}
		}
	}
	return n
}

// yearCounts are the counts of the year page of province code ("" for the country) at the end
// of y's year: its units by class, its former communes at each level that counts or above, by
// their own recognitions and through their areas', and for the country the provinces with a
// sourced figure by then.
func yearCounts(a *status.Atlas, y *status.Year, code string, levels map[int]string) counts {
	n := counts{}
	for _, st := range y.Statuses {
		if code == "" || st.Unit.Province == code {
			n["class:"+string(st.Class)]++
		}
	}
	own, area := y.AtLeast, y.AreaAtLeast
	if code != "" {
		own, area = y.InProvince[code], y.AreaInProvince[code]
	} else {
		for _, p := range a.Site.Provinces {
			if status.FigureOf(p, y.Year).Kind != status.NoFigure {
				n["sourced"]++
			}
		}
	}
	for rank, id := range levels {
		if own[rank] > 0 {
			n["own_at_least:"+id] = own[rank]
		}
		if area[rank] > 0 {
			n["area_at_least:"+id] = area[rank]
		}
	}
	return n
}

// changedCounts returns the counts that differ between old and new, in a stable order.
func changedCounts(old, new counts) []Count {
	out := []Count{}
	for _, what := range unionKeys(old, new) {
		if old[what] != new[what] {
			out = append(out, Count{What: what, Old: old[what], New: new[what]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return countOrder(out[i].What) < countOrder(out[j].What) })
	return out
}

// countOrder orders counts as pages show them: totals, then the legend's classes, highest
// first, then the communes that met a level.
func countOrder(what string) int {
	kind, arg, _ := strings.Cut(what, ":")
	base := map[string]int{"units": 0, "former_units": 1, "sourced": 2, "class": 10, "met": 40, "level": 50, "own_at_least": 60, "area_at_least": 70}[kind]
	switch kind {
	case "class":
		if rank, ok := strings.CutPrefix(arg, "rank-"); ok && len(rank) == 1 {
			return base + 9 - int(rank[0]-'0')
		}
		return base + 10 + map[status.Class]int{status.FormerAll: 0, status.AreaAll: 1, status.FormerSome: 2, status.AreaSome: 3, status.NotCovered: 4, status.NoData: 5}[status.Class(arg)]
	case "met":
		return base + map[status.Basis]int{status.BasisOwn: 0, status.BasisDistrict: 1, status.BasisProvince: 2}[status.Basis(arg)]
	}
	return base
}

// figureText is a place's sourced figure as of the end of year (0: today) in words, with the
// sources it comes from; "" when it has none.
func (c *comparison) figureText(p *model.Province, year int) string {
	f := status.FigureOf(p, year)
	if f.Kind == status.NoFigure {
		return ""
	}
	var sources []string
	for _, m := range f.Milestones() {
		if s := m.Source; s != "" && !contains(sources, s) {
			sources = append(sources, s)
		}
	}
	for _, a := range f.Completions() {
		if s := a.Source; s != "" && !contains(sources, s) {
			sources = append(sources, s)
		}
	}
	t := c.loc.FigureWords(f)
	if len(sources) > 0 {
		t += " — " + strings.Join(sources, "; ")
	}
	return t
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// textChange is the change from old to new, or nil when there is none.
func textChange(old, new string) *Change {
	if old == new {
		return nil
	}
	return &Change{Old: old, New: new}
}

// summary is the report's first table: the country, and each province with a change.
func (c *comparison) summary(r *Report) []Summary {
	byProvince := map[string]*Summary{}
	row := func(code string) *Summary {
		if s := byProvince[code]; s != nil {
			return s
		}
		s := &Summary{Province: code, Counts: []Count{}}
		byProvince[code] = s
		return s
	}
	for _, u := range r.Units {
		if u.Province != "" {
			row(u.Province).Units++
		}
	}
	for _, f := range r.Former {
		if f.Province != "" {
			row(f.Province).Former++
		}
	}
	for _, rc := range r.Records {
		if rc.province != "" {
			row(rc.province).Records++
		}
	}
	oldProv, newProv := provinces(c.old.Site), provinces(c.new.Site)
	for _, code := range unionKeys(oldProv, newProv) {
		s := row(code)
		s.Counts = changedCounts(placeCounts(c.old, code), placeCounts(c.new, code))
		s.Figure = textChange(c.figureText(oldProv[code], 0), c.figureText(newProv[code], 0))
		p := newProv[code]
		if p == nil {
			p = oldProv[code]
		}
		s.Name, s.Page = p.Name, model.ProvincePath(code)
	}
	// The whole country: every change, its own counts and figure.
	nation := row("")
	nation.Units, nation.Former, nation.Records = len(r.Units), len(r.Former), len(r.Records)
	nation.Counts = changedCounts(placeCounts(c.old, ""), placeCounts(c.new, ""))
	nation.Figure = textChange(c.figureText(c.old.Site.Nation, 0), c.figureText(c.new.Site.Nation, 0))
	nation.Name = c.loc.Phrase("nation.whole_country")
	out := []Summary{}
	for _, code := range sortedKeys(byProvince) {
		s := byProvince[code]
		if code == "" || s.Units > 0 || s.Former > 0 || s.Records > 0 || len(s.Counts) > 0 || s.Figure != nil {
			if s.Name == "" {
				s.Name = code // a unit's province that has no file
			}
			out = append(out, *s)
		}
	}
	if len(out) == 1 && out[0].Units == 0 && out[0].Former == 0 && out[0].Records == 0 && len(out[0].Counts) == 0 && out[0].Figure == nil {
		return []Summary{} // nothing changes anywhere
	}
	return out
}

func provinces(s *model.Site) map[string]*model.Province {
	m := map[string]*model.Province{}
	for _, p := range s.Provinces {
		m[p.Code] = p
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// levelsIn maps each rank of a level that counts to its id in the criteria set in force in
// year (the newest that started by then), as the year pages' charts name them; a rank that set
// lacks takes the id of the newest set that has it.
func levelsIn(a *status.Atlas, year int) map[int]string {
	m := map[int]string{}
	sets := a.Site.CriteriaSets // sorted by start year
	for i := len(sets) - 1; i >= 0; i-- {
		if sets[i].StartYear <= year {
			addLevels(m, sets[i])
			break
		}
	}
	for i := len(sets) - 1; i >= 0; i-- {
		addLevels(m, sets[i])
	}
	return m
}

func addLevels(m map[int]string, cs *model.CriteriaSet) {
	for _, l := range cs.Levels {
		if _, ok := m[l.Rank]; l.Recognized && !ok {
			m[l.Rank] = l.ID
		}
	}
}

// years compares the year pages both atlases have: the nation's and each province's, for
// every year from status.FirstYear to the earlier of their last years.
func (c *comparison) years() []YearChange {
	last := min(c.old.LastYear(), c.new.LastYear())
	oldProv, newProv := provinces(c.old.Site), provinces(c.new.Site)
	var both []string
	for _, code := range sortedKeys(newProv) {
		if oldProv[code] != nil {
			both = append(both, code)
		}
	}
	var nation, byProvince []YearChange
	for year := status.FirstYear; year <= last; year++ {
		oy, ny := c.old.AsOf(year), c.new.AsOf(year)
		levels := levelsIn(c.new, year)
		ch := YearChange{Year: year, Name: c.loc.Phrase("nation.whole_country"), Page: model.YearPath(year),
			Counts: changedCounts(yearCounts(c.old, oy, "", levels), yearCounts(c.new, ny, "", levels)),
			Figure: textChange(c.figureText(c.old.Site.Nation, year), c.figureText(c.new.Site.Nation, year))}
		if len(ch.Counts) > 0 || ch.Figure != nil {
			nation = append(nation, ch)
		}
		for _, code := range both {
			ch := YearChange{Province: code, Name: newProv[code].Name, Year: year, Page: model.ProvincePath(code) + model.YearPath(year),
				Counts: changedCounts(yearCounts(c.old, oy, code, levels), yearCounts(c.new, ny, code, levels)),
				Figure: textChange(c.figureText(oldProv[code], year), c.figureText(newProv[code], year))}
			if len(ch.Counts) > 0 || ch.Figure != nil {
				byProvince = append(byProvince, ch)
			}
		}
	}
	sort.SliceStable(byProvince, func(i, j int) bool { return byProvince[i].Province < byProvince[j].Province })
	return append(append([]YearChange{}, nation...), byProvince...)
}
