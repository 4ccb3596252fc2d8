package diff

import (
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

// The kinds of record, in the order a file lists them.
const (
	KindAssessment      = "assessment"       // [[assessments]] of a current unit
	KindRecognition     = "recognition"      // [[recognitions]] of a former unit
	KindRevocation      = "revocation"       // [[revocations]] of a former unit
	KindMilestone       = "milestone"        // [[milestones]] of a province or of the nation
	KindAreaRecognition = "area_recognition" // [[area_recognitions]] of a province
)

// The changes of a record, unit, page or story.
const (
	Added    = "added"
	Removed  = "removed"
	Edited   = "edited"
	Retitled = "retitled"
)

// identities are, for each kind of record, the keys that say that a record before the change
// and one after it are the same record edited, strongest first: records that no identity
// pairs are removed and added. A record whose every key is the same is unchanged. The first
// key of an identity must be set for it to pair records.
var identities = map[string][][]string{
	KindAssessment:      {{"as_of", "criteria_set"}, {"as_of"}, {"source_url", "criteria_set"}},
	KindRecognition:     {{"source_url", "level", "criteria_set"}, {"source_url", "level"}, {"source_url"}, {"decision", "level"}, {"year", "level"}},
	KindRevocation:      {{"source_url", "level"}, {"source_url"}, {"year", "level"}},
	KindMilestone:       {{"source_url", "year", "month", "level", "area"}, {"source_url", "level", "area"}, {"year", "month", "level", "area"}},
	KindAreaRecognition: {{"district_code", "area", "source_url", "level"}, {"source_url"}, {"district_code", "area", "level"}},
}

var kindOrder = map[string]int{KindAssessment: 0, KindRecognition: 1, KindRevocation: 2, KindMilestone: 3, KindAreaRecognition: 4}

// record is one record of a site, its keys as they read in its file.
type record struct {
	path   string // "recognitions[1]"
	fields []Field
}

// recordGroup is the records of one kind that one unit, former unit, province or the nation
// holds.
type recordGroup struct {
	kind, file       string
	of, ofName, page string
	province         string
	records          []record
}

// records compares every record of the two atlases' sites.
func (c *comparison) records() []RecordChange {
	old, new := recordGroups(c.old.Site), recordGroups(c.new.Site)
	out := []RecordChange{}
	for _, id := range unionKeys(old, new) {
		out = append(out, compareGroup(old[id], new[id])...)
	}
	for i, rc := range out {
		if _, ok := c.newAddr.pages[rc.Page]; !ok {
			out[i].Page = "" // what held it is gone
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return index(a.Key) < index(b.Key)
	})
	return out
}

// index is the number in a key path such as "recognitions[12]".
func index(key string) int {
	_, n, _ := strings.Cut(key, "[")
	i, _ := strconv.Atoi(strings.TrimSuffix(n, "]"))
	return i
}

// recordGroups returns every record group of s, by an identity that stays the same across
// versions of the site: the kind and the code or key of what holds it.
func recordGroups(s *model.Site) map[string]*recordGroup {
	out := map[string]*recordGroup{}
	add := func(kind, file, of, ofName, page, province string, path func(i int) string, n int, item func(i int) any) {
		if n == 0 {
			return
		}
		g := &recordGroup{kind: kind, file: file, of: of, ofName: ofName, page: page, province: province}
		for i := 0; i < n; i++ {
			g.records = append(g.records, record{path: path(i), fields: fieldsOf(item(i))})
		}
		out[kind+" "+of] = g
	}
	for _, u := range s.Units {
		add(KindAssessment, u.File, u.Code, u.FullName(), model.UnitPath(u.Code), u.Province,
			func(i int) string { return u.Assessments[i].Path }, len(u.Assessments), func(i int) any { return u.Assessments[i] })
	}
	for _, f := range s.Former {
		add(KindRecognition, f.File, f.Key(), f.FullName(), model.FormerPath(f.Key()), f.Province,
			func(i int) string { return f.Recognitions[i].Path }, len(f.Recognitions), func(i int) any { return f.Recognitions[i] })
		add(KindRevocation, f.File, f.Key(), f.FullName(), model.FormerPath(f.Key()), f.Province,
			func(i int) string { return f.Revocations[i].Path }, len(f.Revocations), func(i int) any { return f.Revocations[i] })
	}
	for _, p := range s.Provinces {
		add(KindMilestone, p.File, p.Code, p.Name, model.ProvincePath(p.Code), p.Code,
			func(i int) string { return p.Milestones[i].Path }, len(p.Milestones), func(i int) any { return p.Milestones[i] })
		add(KindAreaRecognition, p.File, p.Code, p.Name, model.ProvincePath(p.Code), p.Code,
			func(i int) string { return p.Areas[i].Path }, len(p.Areas), func(i int) any { return p.Areas[i] })
	}
	if n := s.Nation; n != nil {
		add(KindMilestone, n.File, "", n.Name, "", "",
			func(i int) string { return n.Milestones[i].Path }, len(n.Milestones), func(i int) any { return n.Milestones[i] })
	}
	return out
}

// compareGroup pairs the records of a group before and after the change: the same in every
// key (unchanged), the same by an identity (edited), or neither (removed, added).
func compareGroup(old, new *recordGroup) []RecordChange {
	g := new
	if g == nil {
		g = old
	}
	var olds, news []record
	if old != nil {
		olds = old.records
	}
	if new != nil {
		news = new.records
	}
	usedOld, usedNew := make([]bool, len(olds)), make([]bool, len(news))
	pair := func(same func(a, b record) bool, then func(a, b record)) {
		for i, a := range olds {
			if usedOld[i] {
				continue
			}
			for j, b := range news {
				if !usedNew[j] && same(a, b) {
					usedOld[i], usedNew[j] = true, true
					if then != nil {
						then(a, b)
					}
					break
				}
			}
		}
	}
	change := func(kind string, r record, file string, fields []Field) RecordChange {
		return RecordChange{Kind: g.kind, Change: kind, File: file, Key: r.path, Of: g.of, OfName: g.ofName, Page: g.page, Fields: fields, province: g.province}
	}
	var out []RecordChange
	pair(func(a, b record) bool { return sameFields(a.fields, b.fields) }, nil)
	for _, id := range identities[g.kind] {
		pair(func(a, b record) bool { return sameIdentity(a.fields, b.fields, id) }, func(a, b record) {
			out = append(out, change(Edited, b, new.file, changedFields(a.fields, b.fields)))
		})
	}
	for i, r := range olds {
		if !usedOld[i] {
			out = append(out, change(Removed, r, old.file, setFields(r.fields, false)))
		}
	}
	for j, r := range news {
		if !usedNew[j] {
			out = append(out, change(Added, r, new.file, setFields(r.fields, true)))
		}
	}
	return out
}

func value(fields []Field, key string) string {
	for _, f := range fields {
		if f.Key == key {
			return f.New
		}
	}
	return ""
}

func sameFields(a, b []Field) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sameIdentity(a, b []Field, keys []string) bool {
	if value(a, keys[0]) == "" {
		return false
	}
	for _, k := range keys {
		if value(a, k) != value(b, k) {
			return false
		}
	}
	return true
}

// changedFields returns the keys whose values differ, each with its old and new value.
func changedFields(a, b []Field) []Field {
	out := []Field{}
	for i := range a {
		if a[i].New != b[i].New {
			out = append(out, Field{Key: a[i].Key, Old: a[i].New, New: b[i].New})
		}
	}
	return out
}

// setFields returns the keys that are set, their values as new (added) or old (removed).
func setFields(fields []Field, added bool) []Field {
	out := []Field{}
	for _, f := range fields {
		if f.New == "" {
			continue
		}
		if added {
			out = append(out, f)
		} else {
			out = append(out, Field{Key: f.Key, Old: f.New})
		}
	}
	return out
}

// fieldsOf returns every key of a record as its file writes it (its toml tag), in the order
// of the type's fields, each value in New: text as written, numbers, dates as 2006-01-02,
// lists joined by ", "; "" for a key not set.
func fieldsOf(rec any) []Field {
	v := reflect.Indirect(reflect.ValueOf(rec))
	t := v.Type()
	var out []Field
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		out = append(out, Field{Key: tag, New: format(v.Field(i))})
	}
	return out
}

func format(v reflect.Value) string {
	switch x := v.Interface().(type) {
	case string:
		return x
	case int:
		if x == 0 {
			return ""
		}
		return strconv.Itoa(x)
	case bool:
		if x {
			return "true"
		}
		return ""
	case time.Time:
		if x.IsZero() {
			return ""
		}
		return x.Format(time.DateOnly)
	case []string:
		return strings.Join(x, ", ")
	}
	return ""
}
