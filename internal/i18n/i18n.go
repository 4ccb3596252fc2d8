// Package i18n holds the interface strings of each language and writes the atlas's words in
// them: dates, numbers, unit types, a province's name, a unit's status. The strings are
// embedded (strings/<lang>.toml); a site's own i18n/<lang>.toml overrides them key by key.
// Pages (internal/render) and downloads (internal/export) take their words from here.
package i18n

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/ntm-atlas/atlas/internal/model"
)

// The interface strings of each language, embedded. A site's own i18n/<lang>.toml overrides
// them key by key.
//
//go:embed strings/*.toml
var builtin embed.FS

// A Locale is one language's strings and formats.
type Locale struct {
	lang    string
	dir     string // the folder of its pages: "" for the first language, "en/" for English
	strings map[string]string
}

// Load reads the built-in strings of lang, one of model.Languages, then the site's own file
// over them from site (its i18n folder; nil for none).
func Load(lang string, site fs.FS) (*Locale, error) {
	l := &Locale{lang: lang, dir: model.LanguageDir(lang), strings: map[string]string{}}
	b, err := builtin.ReadFile("strings/" + lang + ".toml")
	if err != nil {
		return nil, fmt.Errorf("i18n: no built-in strings for %q", lang)
	}
	if err := decodeStrings(b, l.strings); err != nil {
		return nil, fmt.Errorf("i18n/%s.toml (built in): %w", lang, err)
	}
	if site != nil {
		if b, err := fs.ReadFile(site, lang+".toml"); err == nil {
			if err := decodeStrings(b, l.strings); err != nil {
				return nil, fmt.Errorf("i18n/%s.toml: %w", lang, err)
			}
		}
	}
	return l, nil
}

// decodeStrings reads a translation file into into, keyed "table.key".
func decodeStrings(b []byte, into map[string]string) error {
	var raw map[string]any
	if _, err := toml.NewDecoder(bytes.NewReader(b)).Decode(&raw); err != nil {
		return err
	}
	return flatten("", raw, into)
}

func flatten(prefix string, m map[string]any, into map[string]string) error {
	for k, v := range m {
		key := prefix + k
		switch v := v.(type) {
		case string:
			into[key] = v
		case map[string]any:
			if err := flatten(key+".", v, into); err != nil {
				return err
			}
		default:
			return fmt.Errorf("key %s: want a string, found %T", key, v)
		}
	}
	return nil
}

// Lang is the locale's language: "vi", "en".
func (l *Locale) Lang() string { return l.lang }

// Dir is the folder of the locale's pages: "" for the first language, "en/" for English
// (model.LanguageDir).
func (l *Locale) Dir() string { return l.dir }

// Source returns the string of key as the translation file gives it, unformatted; "" when
// there is none.
func (l *Locale) Source(key string) string { return l.strings[key] }

// Keys returns the locale's keys in sorted order.
func (l *Locale) Keys() []string {
	ks := make([]string, 0, len(l.strings))
	for k := range l.strings {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// T returns the string of key, formatted with args like fmt.Sprintf. A missing key is an
// error, so that a build with an untranslated layout fails rather than print the key.
func (l *Locale) T(key string, args ...any) (string, error) {
	s, ok := l.strings[key]
	if !ok {
		return "", fmt.Errorf("i18n: no string %q in %s", key, l.lang)
	}
	if len(args) == 0 {
		return s, nil
	}
	return fmt.Sprintf(s, args...), nil
}

// Phrase is T for the strings Go code writes, whose keys the tests check exist: a missing
// key gives the key itself.
func (l *Locale) Phrase(key string, args ...any) string {
	s, err := l.T(key, args...)
	if err != nil {
		return key
	}
	return s
}

// TL is T for a sentence with links: it splits the string at "[" and "]", so the result holds
// text, link text, text, …, always an odd number of parts. A layout writes the even parts as
// text and the odd ones as the text of its links, so the words stay in the translator's order.
func (l *Locale) TL(key string, args ...any) ([]string, error) {
	s, err := l.T(key, args...)
	if err != nil {
		return nil, err
	}
	return splitLinks(s), nil
}

// splitLinks splits s at each "[link text]". A "[" right after "%" is fmt's argument index
// ("%[2]s"), not a link; by the time TL splits, Sprintf has replaced those anyway.
func splitLinks(s string) []string {
	var parts []string
	from := 0
	for {
		i := strings.IndexByte(s[from:], '[')
		if i < 0 {
			return append(parts, s)
		}
		i += from
		if i > 0 && s[i-1] == '%' {
			from = i + 1
			continue
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return append(parts, s)
		}
		j += i
		parts = append(parts, s[:i], s[i+1:j])
		s, from = s[j+1:], 0
	}
}

var monthsEn = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// Date writes a date in the locale's way: "28/11/2026" in Vietnamese, "28 November 2026" in
// English. The zero time is "".
func (l *Locale) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l.lang == "en" {
		return strconv.Itoa(t.Day()) + " " + monthsEn[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return t.Format("02/01/2006")
}

// MonthYear writes a month: "12/2017" or "December 2017"; just the year when month is 0.
func (l *Locale) MonthYear(year, month int) string {
	if month < 1 || month > 12 {
		return strconv.Itoa(year)
	}
	if l.lang == "en" {
		return monthsEn[month-1] + " " + strconv.Itoa(year)
	}
	return strconv.Itoa(month) + "/" + strconv.Itoa(year)
}

// Number writes an int or a float in the locale's way, with at most one decimal: "1.234,5"
// in Vietnamese, "1,234.5" in English.
func (l *Locale) Number(v any) string {
	var x float64
	switch v := v.(type) {
	case int:
		x = float64(v)
	case int64:
		x = float64(v)
	case float64:
		x = v
	default:
		return fmt.Sprint(v)
	}
	group, point := ".", ","
	if l.lang == "en" {
		group, point = ",", "."
	}
	neg := x < 0
	tenths := int64(math.Round(math.Abs(x) * 10))
	whole, frac := tenths/10, tenths%10
	digits := strconv.FormatInt(whole, 10)
	var b strings.Builder
	if neg && tenths != 0 {
		b.WriteByte('-')
	}
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(d)
	}
	if frac != 0 {
		b.WriteString(point + strconv.FormatInt(frac, 10))
	}
	return b.String()
}

// Text is a piece of content with the language it is written in when that is not the page's,
// so a layout can mark it: a Vietnamese name shown on an English page for want of a
// translation.
type Text struct {
	Value string
	Lang  string // "" when the text is in the page's language
}

// Local picks the page's language version of a content text: translated when the page is
// not Vietnamese and there is a translation, else the Vietnamese one, marked as such.
func (l *Locale) Local(translated, vi string) Text {
	if l.lang == "vi" {
		return Text{Value: vi}
	}
	if translated != "" {
		return Text{Value: translated}
	}
	if vi == "" {
		return Text{}
	}
	return Text{Value: vi, Lang: "vi"}
}

// Other is the Vietnamese original of a content text, to show beside its translation on a
// page that is not Vietnamese, or an empty Text when there is none. A Vietnamese page shows
// no other language, so there it is always empty.
func (l *Locale) Other(translated, vi string) Text {
	if l.lang == "vi" || translated == "" || vi == "" {
		return Text{}
	}
	return Text{Value: vi, Lang: "vi"}
}

// unitTypeKeys maps the Vietnamese unit types content uses to their interface keys.
var unitTypeKeys = map[string]string{
	"Xã":        "unit_type.commune",
	"Phường":    "unit_type.ward",
	"Thị trấn":  "unit_type.township",
	"Đặc khu":   "unit_type.special_zone",
	"Tỉnh":      "unit_type.province",
	"Thành phố": "unit_type.city",
}

// UnitType names a unit type ("Xã") in the locale's language.
func (l *Locale) UnitType(typ string) Text {
	if k, ok := unitTypeKeys[typ]; ok {
		return Text{Value: l.Phrase(k)}
	}
	return l.Local("", typ)
}
