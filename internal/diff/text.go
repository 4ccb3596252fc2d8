package diff

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// writeText writes r for a terminal: one section a part, each line prefixed by + (added),
// - (removed) or ~ (changed).
func writeText(w io.Writer, r *Report, o WriteOptions) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	p("atlas diff: %s → %s", r.Old, r.New)
	if r.Empty() {
		p("Nothing changes for readers.")
		return b.Flush()
	}
	if broken := r.Broken(); len(broken) > 0 {
		p("")
		p("BROKEN LINKS (%d): addresses removed with no redirect", len(broken))
		for _, rp := range r.Pages.Removed {
			if rp.RedirectTo == "" {
				p("  %s  %s", o.url(rp.Path), rp.What)
			}
		}
	}
	if len(r.Summary) > 0 {
		p("")
		p("Summary")
		for _, s := range r.Summary {
			name := s.Name
			if s.Province != "" {
				name += " (" + s.Province + ")"
			}
			p("  %s: %d unit(s), %d former unit(s), %d record(s) changed", name, s.Units, s.Former, s.Records)
			for _, c := range s.Counts {
				p("      %s: %d → %d", countLabel(c.What), c.Old, c.New)
			}
			if s.Figure != nil {
				p("      figure: %s → %s", orNone(s.Figure.Old), orNone(s.Figure.New))
			}
		}
	}
	if len(r.Units) > 0 {
		p("")
		p("Units (%d)", len(r.Units))
		for _, u := range r.Units {
			p("  %s %s  %s, %s", mark(presence(u.Old != nil, u.New != nil)), o.url(u.Page), u.Name, u.ProvinceName)
			textFields(p, unitFields(u), presence(u.Old != nil, u.New != nil))
			sources(p, u.SourcesAdded, u.SourcesRemoved)
		}
	}
	if len(r.Former) > 0 {
		p("")
		p("Former units (%d)", len(r.Former))
		for _, f := range r.Former {
			p("  %s %s  %s, %s", mark(presence(f.Old != nil, f.New != nil)), o.url(f.Page), f.Name, f.ProvinceName)
			textFields(p, formerFields(f), presence(f.Old != nil, f.New != nil))
			sources(p, f.SourcesAdded, f.SourcesRemoved)
		}
	}
	if len(r.Records) > 0 {
		p("")
		p("Records (%d)", len(r.Records))
		for _, rc := range r.Records {
			p("  %s %s %s  %s %s", mark(rc.Change), rc.Kind, rc.Change, rc.File, rc.Key)
			var parts []string
			for _, f := range rc.Fields {
				switch rc.Change {
				case Added:
					parts = append(parts, f.Key+" = "+f.New)
				case Removed:
					parts = append(parts, f.Key+" = "+f.Old)
				default:
					parts = append(parts, f.Key+": "+orNone(f.Old)+" → "+orNone(f.New))
				}
			}
			p("      %s", strings.Join(parts, "; "))
		}
	}
	if len(r.Years) > 0 {
		p("")
		p("Year pages (%d)", len(r.Years))
		for _, y := range r.Years {
			var parts []string
			for _, c := range y.Counts {
				parts = append(parts, fmt.Sprintf("%s %d → %d", countLabel(c.What), c.Old, c.New))
			}
			if y.Figure != nil {
				parts = append(parts, "figure "+orNone(y.Figure.Old)+" → "+orNone(y.Figure.New))
			}
			p("  ~ %s  %s", o.url(y.Page), strings.Join(parts, "; "))
		}
	}
	if len(r.Pages.Added)+len(r.Pages.Removed) > 0 {
		p("")
		p("Pages (%d added, %d removed)", len(r.Pages.Added), len(r.Pages.Removed))
		for _, a := range r.Pages.Added {
			p("  + %s", o.url(a))
		}
		for _, rp := range r.Pages.Removed {
			if rp.RedirectTo != "" {
				p("  - %s  %s, redirected to %s", o.url(rp.Path), rp.What, o.url(rp.RedirectTo))
			} else {
				p("  - %s  %s: BROKEN, no redirect", o.url(rp.Path), rp.What)
			}
		}
	}
	if len(r.Stories) > 0 {
		p("")
		p("Stories (%d)", len(r.Stories))
		for _, s := range r.Stories {
			p("  %s %s  %s", mark(s.Change), o.url(s.Page), storyWords(s))
		}
	}
	return b.Flush()
}

// textFields writes the fields of a unit's state: as they are when it is added or removed,
// before and after when it changes.
func textFields(p func(string, ...any), fs []Field, change string) {
	for _, f := range fs {
		switch change {
		case Added:
			p("      %s: %s", f.Key, f.New)
		case Removed:
			p("      %s: %s", f.Key, f.Old)
		default:
			p("      %s: %s → %s", f.Key, orNone(f.Old), orNone(f.New))
		}
	}
}

// mark is the sign of a change at the start of its line.
func mark(change string) string {
	switch change {
	case Added:
		return "+"
	case Removed:
		return "-"
	}
	return "~"
}

func sources(p func(string, ...any), added, removed []string) {
	for _, s := range added {
		p("      + source %s", s)
	}
	for _, s := range removed {
		p("      - source %s", s)
	}
}

// storyWords says what changes of a story.
func storyWords(s StoryChange) string {
	switch s.Change {
	case Added:
		return fmt.Sprintf("added: %q", s.Title.New)
	case Removed:
		return fmt.Sprintf("removed: %q", s.Title.Old)
	}
	t := fmt.Sprintf("retitled: %q → %q", s.Title.Old, s.Title.New)
	if s.TitleEn != nil {
		t += fmt.Sprintf("; English: %q → %q", s.TitleEn.Old, s.TitleEn.New)
	}
	return t
}
