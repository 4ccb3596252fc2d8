// Package review is atlas diff: it derives a site before and after a change — two folders,
// or a folder and a git revision of it — and writes what the change does to the atlas
// (internal/diff), with a before-and-after map of each province where a unit changes class
// (internal/diffmap).
package review

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/diff"
	"github.com/ntm-atlas/atlas/internal/diffmap"
	"github.com/ntm-atlas/atlas/internal/gitrev"
	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/pipeline"
	"github.com/ntm-atlas/atlas/internal/status"
)

// Options say what to compare and how to write it.
type Options struct {
	Old, New string // the site folders before and after the change
	// Base, when set, is a git revision: the site before the change is New as it stands
	// there (Old is not read).
	Base string
	// OldLabel and NewLabel say what each site is, for the reader; by default the folders,
	// or with Base the revision and what the folder holds (gitrev.Describe).
	OldLabel, NewLabel string
	Format             diff.Format
	Write              diff.WriteOptions
	Lang               string // the language of the atlas's words (statuses, levels); "" for the first
	// Maps, when set, is a folder to write a before-and-after map of each province where a
	// unit changes class into, as <province code>.svg.
	Maps string
	// CacheDir holds what builds derive (the decoded boundaries, the maps); "" means
	// New/.cache/atlas. Both sites use it: their boundaries are most often the same.
	CacheDir string
}

// SiteError is a site that has data errors: it cannot be compared.
type SiteError struct {
	Side   string // "old" or "new"
	Dir    string
	Errors diag.List
}

func (e *SiteError) Error() string {
	return fmt.Sprintf("the %s site (%s) has %d error(s): run atlas check on it", e.Side, e.Dir, len(e.Errors.Errors()))
}

// Result is what a comparison found and wrote.
type Result struct {
	Report *diff.Report
	Maps   []string // the map files written
}

// Run compares the two sites and writes the report to w.
func Run(o Options, w io.Writer) (*Result, error) {
	oldDir, oldLabel, newLabel := o.Old, o.Old, o.New
	if o.Base != "" {
		t, err := gitrev.Checkout(o.New, o.Base)
		if err != nil {
			return nil, err
		}
		defer t.Remove()
		oldDir, oldLabel, newLabel = t.Dir, t.Label, gitrev.Describe(o.New)
	}
	if o.OldLabel != "" {
		oldLabel = o.OldLabel
	}
	if o.NewLabel != "" {
		newLabel = o.NewLabel
	}
	if o.CacheDir == "" {
		o.CacheDir = filepath.Join(o.New, ".cache", "atlas")
	}
	old, err := derive("old", oldDir, o)
	if err != nil {
		if o.Base != "" {
			var se *SiteError
			if errors.As(err, &se) {
				se.Dir = oldLabel
			}
		}
		return nil, err
	}
	new, err := derive("new", o.New, o)
	if err != nil {
		return nil, err
	}
	lang := o.Lang
	if lang == "" {
		lang = model.Languages[0]
	}
	loc, err := i18n.Load(lang, nil)
	if err != nil {
		return nil, err
	}
	rep, err := diff.Compare(old.Atlas, new.Atlas, diff.Options{Old: oldLabel, New: newLabel, Locale: loc})
	if err != nil {
		return nil, err
	}
	res := &Result{Report: rep}
	if o.Maps != "" {
		if res.Maps, err = writeMaps(o.Maps, old.Atlas, new, rep, loc); err != nil {
			return res, err
		}
	}
	return res, diff.Write(w, rep, o.Format, o.Write)
}

// derive reads, validates and derives the site in dir.
func derive(side, dir string, o Options) (*pipeline.Derived, error) {
	d, err := pipeline.Derive(pipeline.Options{Site: dir, CacheDir: o.CacheDir})
	if l, ok := diag.AsList(err); ok {
		return nil, &SiteError{Side: side, Dir: dir, Errors: l}
	}
	return d, err
}

// writeMaps writes into dir a before-and-after map of each province where a unit changes
// class, and returns the files written.
func writeMaps(dir string, old *status.Atlas, new *pipeline.Derived, rep *diff.Report, loc *i18n.Locale) ([]string, error) {
	byProvince := map[string][]string{}
	for _, u := range rep.Units {
		if u.Old == nil || u.New == nil || u.Old.Class != u.New.Class {
			byProvince[u.Province] = append(byProvince[u.Province], u.Code)
		}
	}
	if len(byProvince) == 0 {
		return nil, nil
	}
	maps, err := new.Maps()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	a := new.Atlas
	var written []string
	codes := make([]string, 0, len(byProvince))
	for code := range byProvince {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		pm := maps.Provinces[code]
		if pm == nil {
			continue // a province without boundaries has no map
		}
		m := diffmap.Map{Title: code, Old: rep.Old, New: rep.New, Shapes: pm.Main, Changed: byProvince[code],
			OldClass: classes(old), NewClass: classes(a), Names: map[string]string{}, Words: classWords([]*status.Atlas{a, old}, loc)}
		if p := a.Index.Provinces[code]; p != nil {
			m.Title = loc.ProvinceName(p)
		}
		for _, s := range pm.Main.Shapes {
			if u := a.Index.Units[s.Code]; u != nil {
				m.Names[s.Code] = u.FullName()
			}
		}
		file := filepath.Join(dir, code+".svg")
		if err := os.WriteFile(file, diffmap.SVG(m), 0o644); err != nil {
			return written, err
		}
		written = append(written, file)
	}
	return written, nil
}

func classes(a *status.Atlas) map[string]status.Class {
	m := map[string]status.Class{}
	for code, st := range a.Statuses {
		m[code] = st.Class
	}
	return m
}

// classWords says a class as the site's legend does: a rank by the name of the level the
// units of that class are assessed at (else the newest set's level of that rank), the other
// classes in the legend's words.
func classWords(atlases []*status.Atlas, loc *i18n.Locale) func(status.Class) string {
	assessed := map[status.Class]string{}
	for _, a := range atlases {
		for _, u := range a.Site.Units { // by code: the first unit of a class names it
			if st := a.Statuses[u.Code]; st != nil && st.OwnLevel != nil && assessed[st.Class] == "" {
				assessed[st.Class] = loc.LevelName(st.OwnLevel).Value
			}
		}
	}
	return func(c status.Class) string {
		if s := assessed[c]; s != "" {
			return s
		}
		a := atlases[0]
		for i := len(a.Site.CriteriaSets) - 1; i >= 0; i-- {
			for _, l := range a.Site.CriteriaSets[i].Levels {
				if status.RankClass(l.Rank) == c {
					return loc.LevelName(l).Value
				}
			}
		}
		if s, err := loc.T("legend." + strings.ReplaceAll(string(c), "-", "_")); err == nil {
			return s
		}
		return string(c)
	}
}
