package render

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/i18n"
)

// funcs are the functions layouts call, in the locale's language:
//
//	T "key" args…       the interface string of key, formatted like fmt.Sprintf
//	TL "key" args…      the same, split at "[…]" into text and link texts (see locale.TL)
//	date t              a date: "28/11/2026", "28 November 2026"
//	isoDate t           a date as <time datetime> takes it: "2026-11-28"
//	monthYear y m       a month: "12/2017", "December 2017"
//	num x               a number: "1.234,5", "1,234.5"
//	local en vi         the page's version of a content text, as a Text (see locale.Local)
//	other en vi         the other language's version, to show beside it
//	unitType "Xã"       a unit type in the page's language, as a i18n.Text
//	needPattern cs "x"  whether the classes cs (space-separated; nil for all) need pattern x
//	needPatterns cs     whether they need any pattern
func funcs(l *i18n.Locale) template.FuncMap {
	return template.FuncMap{
		"T":           l.T,
		"TL":          l.TL,
		"date":        l.Date,
		"isoDate":     isoDate,
		"monthYear":   l.MonthYear,
		"num":         l.Number,
		"local":       l.Local,
		"other":       l.Other,
		"unitType":    l.UnitType,
		"host":        host,
		"needPattern": needPattern,
		"needPatterns": func(classes any) bool {
			for _, p := range patternClasses {
				if needPattern(classes, p) {
					return true
				}
			}
			return false
		},
		"textarea": textarea,
		"add":      func(a, b int) int { return a + b },
		"pct": func(n, d int) string {
			if d == 0 {
				return "0"
			}
			return strconv.Itoa((n*100 + d/2) / d)
		},
	}
}

// textareaEscaper escapes what the text of a <textarea> must: an ampersand, and a "<" (which
// could end it); and ">", which html-validate asks for (no-raw-characters). Quotes need
// nothing there, where html/template writes each as 5 bytes: the embed code in the bar is a
// tag full of quotes.
var textareaEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// textarea is a read-only <textarea> of the given id holding s. html/template escapes every
// value inside a <textarea>, so the element is written whole here.
func textarea(id, s string) template.HTML {
	return template.HTML(`<textarea id="` + template.HTMLEscapeString(id) + `" readonly>` + textareaEscaper.Replace(s) + `</textarea>`)
}

// isoDate is t's date as YYYY-MM-DD, "" for the zero time.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// host returns the host of a URL without "www.", to name a source briefly.
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// patternClasses are the classes atlas.css fills with an SVG pattern (partials.html,
// "patterns"), each with the pattern pat-<class>.
var patternClasses = []string{"former-all", "former-some", "area-all", "area-some", "no-data", "count-only", "parts", "complete", "older"}

// needPattern reports whether the classes a page's shapes use need the pattern of class:
// classes is nil (every pattern: a map or legend that may show any class) or a string of
// space-separated classes.
func needPattern(classes any, class string) bool {
	s, ok := classes.(string)
	if !ok {
		return classes == nil
	}
	for _, c := range strings.Fields(s) {
		if c == class {
			return true
		}
	}
	return false
}
