package diff

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// units compares the current units: each whose state changes, or that appears or goes.
func (c *comparison) units() []UnitChange {
	oldMet, newMet := c.old.MetSince(), c.new.MetSince()
	out := []UnitChange{}
	for _, code := range unionKeys(c.old.Statuses, c.new.Statuses) {
		o, n := c.old.Statuses[code], c.new.Statuses[code]
		ch := UnitChange{Code: code, Page: model.UnitPath(code)}
		if o != nil {
			ch.Old = c.unitState(c.old, o, oldMet)
			ch.Name, ch.Province = o.Unit.FullName(), o.Unit.Province
		}
		if n != nil {
			ch.New = c.unitState(c.new, n, newMet)
			ch.Name, ch.Province = n.Unit.FullName(), n.Unit.Province
		}
		if o != nil && n != nil && ch.Old.same(ch.New) {
			continue
		}
		ch.ProvinceName = c.provinceName(ch.Province)
		ch.SourcesAdded, ch.SourcesRemoved = sourcesDiff(ch.Old.sourceList(), ch.New.sourceList())
		out = append(out, ch)
	}
	return out
}

// unitState is where st, a status of a, stands.
func (c *comparison) unitState(a *status.Atlas, st *status.Status, met map[*model.FormerUnit]status.Met) *UnitState {
	s := &UnitState{Class: string(st.Class), Status: c.loc.StatusText(st)}
	switch {
	case st.OwnLevel != nil:
		s.Level, s.CriteriaSet = st.OwnLevel.ID, st.Own.CriteriaSet
		if since := a.OwnSince(st.Unit); !since.IsZero() {
			s.Since = since.Format(time.DateOnly)
		}
		s.sources = appendSource(s.sources, st.Own.SourceURL)
	case st.Recognized > 0:
		var sets []string
		for _, f := range st.Formers {
			if f.Credit == nil {
				continue
			}
			if set := f.Credit.CriteriaSet(); set != "" && !slices.Contains(sets, set) {
				sets = append(sets, set)
			}
			s.sources = appendSource(s.sources, f.Credit.SourceURL())
		}
		sort.Strings(sets)
		s.CriteriaSet = strings.Join(sets, ", ")
		if st.Recognized >= st.Eligible {
			s.Since = "?"
			if year, known := status.FormersSince(st, met); known && year > 0 {
				s.Since = strconv.Itoa(year)
			}
		}
	}
	return s
}

// same reports whether s and t say the same of a unit.
func (s *UnitState) same(t *UnitState) bool {
	return s.Class == t.Class && s.Status == t.Status && s.Level == t.Level && s.CriteriaSet == t.CriteriaSet && s.Since == t.Since
}

func (s *UnitState) sourceList() []string {
	if s == nil {
		return nil
	}
	return s.sources
}

// formers compares the former units: each whose state changes, or that appears or goes.
func (c *comparison) formers() []FormerChange {
	oldMet, newMet := c.old.MetSince(), c.new.MetSince()
	out := []FormerChange{}
	for _, key := range unionKeys(c.old.Index.Former, c.new.Index.Former) {
		o, n := c.old.Index.Former[key], c.new.Index.Former[key]
		ch := FormerChange{Key: key, Page: model.FormerPath(key)}
		if o != nil {
			ch.Old = c.formerState(c.old, o, oldMet)
			ch.Name, ch.Province = o.FullName(), o.Province
		}
		if n != nil {
			ch.New = c.formerState(c.new, n, newMet)
			ch.Name, ch.Province = n.FullName(), n.Province
		}
		if o != nil && n != nil && ch.Old.same(ch.New) {
			continue
		}
		ch.ProvinceName = c.provinceName(ch.Province)
		ch.SourcesAdded, ch.SourcesRemoved = sourcesDiff(ch.Old.sourceList(), ch.New.sourceList())
		out = append(out, ch)
	}
	return out
}

// formerState is where f, a former unit of a, stands.
func (c *comparison) formerState(a *status.Atlas, f *model.FormerUnit, met map[*model.FormerUnit]status.Met) *FormerState {
	s := &FormerState{Status: c.loc.FormerStatus(a, f).Value}
	if d := a.Standing(f); d != nil {
		s.Level, s.Basis, s.CriteriaSet = d.Level.ID, string(d.Basis), d.CriteriaSet()
		s.Since = "?"
		if m := met[f]; m.Year != 0 {
			s.Since = strconv.Itoa(m.Year)
		}
		s.sources = appendSource(s.sources, d.SourceURL())
	}
	if v := a.Lost(f); v != nil {
		s.Lost = v.Level + " " + yearMonth(v.Year, v.Month)
		s.sources = appendSource(s.sources, v.SourceURL)
	}
	return s
}

// same reports whether s and t say the same of a former unit.
func (s *FormerState) same(t *FormerState) bool {
	return s.Status == t.Status && s.Level == t.Level && s.Basis == t.Basis && s.Since == t.Since &&
		s.CriteriaSet == t.CriteriaSet && s.Lost == t.Lost
}

func (s *FormerState) sourceList() []string {
	if s == nil {
		return nil
	}
	return s.sources
}

// yearMonth is "2021-04", or "2021" without a month.
func yearMonth(year, month int) string {
	if month == 0 {
		return strconv.Itoa(year)
	}
	return strconv.Itoa(year) + "-" + twoDigits(month)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func appendSource(s []string, url string) []string {
	if url == "" || slices.Contains(s, url) {
		return s
	}
	return append(s, url)
}

// sourcesDiff returns the sources of new that old lacks and those of old that new lacks,
// sorted.
func sourcesDiff(old, new []string) (added, removed []string) {
	added, removed = []string{}, []string{}
	for _, s := range new {
		if !slices.Contains(old, s) {
			added = append(added, s)
		}
	}
	for _, s := range old {
		if !slices.Contains(new, s) {
			removed = append(removed, s)
		}
	}
	sort.Strings(added)
	sort.Strings(removed)
	return added, removed
}

// unionKeys returns the keys of a and b, sorted.
func unionKeys[V any](a, b map[string]V) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}
