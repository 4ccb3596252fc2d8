package render

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/i18n"
	"github.com/ntm-atlas/atlas/internal/model"
)

// funcs are the functions layouts call, in the locale's language:
//
//	T "key" args…       the interface string of key, formatted like fmt.Sprintf
//	TL "key" args…      the same, split at "[…]" into text and link texts (see locale.TL)
//	date t              a date: "28/11/2026", "28 November 2026"
//	monthYear y m       a month: "12/2017", "December 2017"
//	num x               a number: "1.234,5", "1,234.5"
//	local en vi         the page's version of a content text, as a Text (see locale.Local)
//	other en vi         the other language's version, to show beside it
//	unitType "Xã"       a unit type in the page's language, as a i18n.Text
func funcs(l *i18n.Locale) template.FuncMap {
	return template.FuncMap{
		"T":         l.T,
		"TL":        l.TL,
		"date":      l.Date,
		"monthYear": l.MonthYear,
		"num":       l.Number,
		"local":     l.Local,
		"other":     l.Other,
		"unitType":  l.UnitType,
		"host":      host,
		"add":       func(a, b int) int { return a + b },
		"pct": func(n, d int) string {
			if d == 0 {
				return "0"
			}
			return strconv.Itoa((n*100 + d/2) / d)
		},
	}
}

// host returns the host of a URL without "www.", to name a source briefly.
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// dataAsOf returns the latest date the content speaks for: the newest assessment, milestone
// or change of units. Stories do not count: they report, they are not data.
func dataAsOf(s *model.Site) time.Time {
	var last time.Time
	see := func(t time.Time) {
		if t.After(last) {
			last = t
		}
	}
	for _, u := range s.Units {
		for _, a := range u.Assessments {
			see(a.AsOf)
		}
	}
	for _, f := range s.Former {
		see(f.Until)
	}
	for _, p := range s.Provinces {
		for _, m := range p.Milestones {
			mo := m.Month
			if mo == 0 {
				mo = 12
			}
			// the last day of the milestone's month
			see(time.Date(m.Year, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC))
		}
	}
	return last
}

// BasePath returns the path of the base URL, ending in "/".
func BasePath(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Path == "" {
		return "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		return u.Path + "/"
	}
	return u.Path
}
