package render

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

var funcs = template.FuncMap{
	"date":      formatDate,
	"monthYear": monthYear,
	"host":      host,
	"add":       func(a, b int) int { return a + b },
	"pct": func(n, d int) string {
		if d == 0 {
			return "0"
		}
		return strconv.Itoa((n*100 + d/2) / d)
	},
}

// formatDate writes a date the Vietnamese way, dd/mm/yyyy.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// monthYear writes "12/2017", or "2017" when the month is unknown.
func monthYear(year, month int) string {
	if month == 0 {
		return strconv.Itoa(year)
	}
	return strconv.Itoa(month) + "/" + strconv.Itoa(year)
}

// host returns the host of a URL without "www.", to name a source briefly.
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// dataAsOf returns the latest date the content speaks for, dd/mm/yyyy: the newest assessment,
// milestone or change of units. Stories do not count: they report, they are not data.
func dataAsOf(s *model.Site) string {
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
	return formatDate(last)
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
