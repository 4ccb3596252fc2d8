package diff

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
)

// writeMarkdown writes r as GitHub-flavoured Markdown for a pull request's job summary: the
// broken links first, a table of the country and the provinces, then the units, former
// units, records, year pages, pages and stories that change, each page linked on the deploy
// preview when there is one.
func writeMarkdown(w io.Writer, r *Report, o WriteOptions) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	m := mdWriter{o: o}
	p("## What this change does to the atlas")
	p("")
	p("%s → %s", code(r.Old), code(r.New))
	p("")
	if r.Empty() {
		p("Nothing changes for readers: no status, count, figure, page or story.")
		return b.Flush()
	}
	if broken := r.Broken(); len(broken) > 0 {
		p("> [!CAUTION]")
		p("> **%s removed with no redirect.** Readers, journalists and other sites that link %s will find nothing:", plural(len(broken), "address", "addresses"), map[bool]string{true: "it", false: "them"}[len(broken) == 1])
		p(">")
		for i, rp := range r.Pages.Removed {
			if rp.RedirectTo == "" && i < o.MaxItems {
				p("> - %s: %s", code("/"+rp.Path), text(rp.What))
			}
		}
		p(">")
		p("> Keep each with an alias in the file of the page that replaces it (%s, docs/urls.md), or restore what was removed.", code(`aliases = ["/`+broken[0]+`"]`))
		p("")
	}
	if len(r.Summary) > 0 {
		p("| | Units | Former units | Records | What changes on its pages |")
		p("|---|--:|--:|--:|---|")
		for _, s := range r.Summary {
			name := m.link(s.Name, s.Page)
			if s.Province == "" {
				name = "**" + name + "**"
			}
			var parts []string
			for _, c := range s.Counts {
				parts = append(parts, fmt.Sprintf("%s %d → %d", text(countLabel(c.What)), c.Old, c.New))
			}
			if s.Figure != nil {
				parts = append(parts, "figure "+text(orNone(s.Figure.Old))+" → "+text(orNone(s.Figure.New)))
			}
			p("| %s | %d | %d | %d | %s |", name, s.Units, s.Former, s.Records, orNone(strings.Join(parts, "<br>")))
		}
		p("")
	}
	if len(r.Units) > 0 {
		p("### Units (%d)", len(r.Units))
		p("")
		for i, u := range r.Units {
			if m.cut(p, i, len(r.Units)) {
				break
			}
			p("- %s, %s%s", m.unitRef(u.Name, u.Code, u.Page, u.New != nil), text(u.ProvinceName), presenceWords(presence(u.Old != nil, u.New != nil)))
			m.fields(p, unitFields(u), presence(u.Old != nil, u.New != nil))
			m.sources(p, u.SourcesAdded, u.SourcesRemoved)
		}
		p("")
	}
	if len(r.Former) > 0 {
		p("### Former units (%d)", len(r.Former))
		p("")
		for i, f := range r.Former {
			if m.cut(p, i, len(r.Former)) {
				break
			}
			p("- %s, %s%s", m.unitRef(f.Name, f.Key, f.Page, f.New != nil), text(f.ProvinceName), presenceWords(presence(f.Old != nil, f.New != nil)))
			m.fields(p, formerFields(f), presence(f.Old != nil, f.New != nil))
			m.sources(p, f.SourcesAdded, f.SourcesRemoved)
		}
		p("")
	}
	if len(r.Records) > 0 {
		p("### Records (%d)", len(r.Records))
		p("")
		for i, rc := range r.Records {
			if m.cut(p, i, len(r.Records)) {
				break
			}
			of := text(rc.OfName) + " " + code(rc.Of) // gone with the change
			if rc.Of == "" || rc.Page != "" {
				of = m.link(rc.OfName, rc.Page)
			}
			p("- **%s** %s of %s: %s %s", rc.Change, strings.ReplaceAll(rc.Kind, "_", " "), of, code(rc.File), code(rc.Key))
			for _, f := range rc.Fields {
				switch rc.Change {
				case Added:
					p("  - %s: %s", code(f.Key), m.value(f.New))
				case Removed:
					p("  - %s: ~~%s~~", code(f.Key), m.value(f.Old))
				default:
					p("  - %s: %s → %s", code(f.Key), m.value(orNone(f.Old)), m.value(orNone(f.New)))
				}
			}
		}
		p("")
	}
	if len(r.Years) > 0 {
		// Folded: a change of one year's data moves every later year's page.
		p("<details><summary><h3>Year pages (%d)</h3></summary>", len(r.Years))
		p("")
		p("| Page | What changes |")
		p("|---|---|")
		for i, y := range r.Years {
			if i == o.MaxItems {
				p("| … | and %d more |", len(r.Years)-i)
				break
			}
			var parts []string
			for _, c := range y.Counts {
				parts = append(parts, fmt.Sprintf("%s %d → %d", text(countLabel(c.What)), c.Old, c.New))
			}
			if y.Figure != nil {
				parts = append(parts, "figure "+text(orNone(y.Figure.Old))+" → "+text(orNone(y.Figure.New)))
			}
			p("| %s | %s |", m.link(fmt.Sprintf("%s, %d", y.Name, y.Year), y.Page), strings.Join(parts, "<br>"))
		}
		p("")
		p("</details>")
		p("")
	}
	if len(r.Pages.Added)+len(r.Pages.Removed) > 0 {
		p("### Pages (%d added, %d removed)", len(r.Pages.Added), len(r.Pages.Removed))
		p("")
		for i, rp := range r.Pages.Removed {
			if m.cut(p, i, len(r.Pages.Removed)) {
				break
			}
			if rp.RedirectTo != "" {
				p("- removed %s (%s), redirected to %s", code("/"+rp.Path), text(rp.What), m.link("/"+rp.RedirectTo, rp.RedirectTo))
			} else {
				p("- removed %s (%s): **broken link, no redirect**", code("/"+rp.Path), text(rp.What))
			}
		}
		for i, a := range r.Pages.Added {
			if m.cut(p, i, len(r.Pages.Added)) {
				break
			}
			p("- added %s", m.link("/"+a, a))
		}
		p("")
	}
	if len(r.Stories) > 0 {
		p("### Stories (%d)", len(r.Stories))
		p("")
		for _, s := range r.Stories {
			switch s.Change {
			case Added:
				p("- added %s", m.link(s.Title.New, s.Page))
			case Removed:
				p("- removed %s (%s)", code("/"+s.Page), text(s.Title.Old))
			default:
				line := "- retitled " + m.link("/"+s.Page, s.Page) + ":"
				if s.Title.Old != s.Title.New {
					line += " " + text(s.Title.Old) + " → " + text(s.Title.New)
				}
				if s.TitleEn != nil {
					line += " (English: " + text(orNone(s.TitleEn.Old)) + " → " + text(orNone(s.TitleEn.New)) + ")"
				}
				p("%s", line)
			}
		}
		p("")
	}
	var mirrors []string
	for _, l := range r.Languages[1:] {
		mirrors = append(mirrors, code("/"+model.LanguageDir(l)))
	}
	p("<sub>Every page above also has its version under %s. %s</sub>", strings.Join(mirrors, ", "), "`atlas diff -format=json` lists everything above as data.")
	return b.Flush()
}

// mdWriter writes the parts of the Markdown that link pages.
type mdWriter struct{ o WriteOptions }

// link is s linked to the page at site path p on the preview, or s with the path when there
// is no preview.
func (m mdWriter) link(s, p string) string {
	if m.o.BaseURL == "" {
		if s == "/"+p {
			return code(s)
		}
		return text(s) + " (" + code("/"+p) + ")"
	}
	return "[" + text(s) + "](" + linkURL(m.o.url(p)) + ")"
}

// unitRef names a unit or former unit: its name linked to its page with its code, or its
// name and the page's path (which holds the code).
func (m mdWriter) unitRef(name, key, p string, exists bool) string {
	if exists && m.o.BaseURL != "" {
		return m.link(name, p) + " " + code(key)
	}
	return text(name) + " " + code("/"+p)
}

// cut writes, at item i of n, that the rest are left out, once the list is as long as the
// options allow; it reports whether it did.
func (m mdWriter) cut(p func(string, ...any), i, n int) bool {
	if i < m.o.MaxItems {
		return false
	}
	p("- … and %d more (the JSON output lists every one)", n-i)
	return true
}

// fields writes the fields of a unit's state: as they are when it is added, struck out when
// it is removed, before and after when it changes.
func (m mdWriter) fields(p func(string, ...any), fs []Field, change string) {
	for _, f := range fs {
		switch change {
		case Added:
			p("  - %s: %s", f.Key, m.value(f.New))
		case Removed:
			p("  - %s: ~~%s~~", f.Key, m.value(f.Old))
		default:
			p("  - %s: %s → %s", f.Key, m.value(orNone(f.Old)), m.value(orNone(f.New)))
		}
	}
}

func (m mdWriter) sources(p func(string, ...any), added, removed []string) {
	for _, s := range added {
		p("  - source added: %s", m.value(s))
	}
	for _, s := range removed {
		p("  - source removed: ~~%s~~", m.value(s))
	}
}

// value is a value of the data: a web address as a link, a class or level as code, other
// text as text.
func (m mdWriter) value(s string) string {
	if strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") {
		return "<" + linkURL(s) + ">"
	}
	return text(s)
}

func presenceWords(p string) string {
	switch p {
	case Added:
		return ": **new**"
	case Removed:
		return ": **removed**"
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// text escapes s for Markdown text: nothing in it can open a link, an emphasis, a code span,
// an HTML tag or a table cell, and it stays on one line.
func text(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '~', '&':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// code is s as a code span on one line: its backticks, which a code span cannot hold, become
// quotes, and a pipe is escaped for table cells.
func code(s string) string {
	s = strings.NewReplacer("`", "'", "\n", " ", "\r", " ", "|", `\|`).Replace(s)
	return "`" + s + "`"
}

// linkURL makes a web address safe inside a link's parentheses or angle brackets.
func linkURL(u string) string {
	return strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E", "(", "%28", ")", "%29", "\n", "", "|", "%7C").Replace(u)
}
