// Package vi handles Vietnamese text: normalisation, slugs, diacritic-free folding and collation.
package vi

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C, the form all content is kept in.
func NFC(s string) string { return norm.NFC.String(s) }

// stripMarks removes combining marks after canonical decomposition.
var stripMarks = runes.Remove(runes.In(unicode.Mn))

// Fold returns s lower-cased and without diacritics, with đ mapped to d: the key that search
// and name comparison use, so "Chiềng Cọ", "chieng co" and "CHIENG CO" fold alike, and so do
// "Hoà" and "Hòa".
func Fold(s string) string {
	if out, ok := foldLatin(s); ok {
		return out
	}
	return foldSlow(s)
}

// foldSlow is Fold for any text: decomposed, its marks removed, composed again.
func foldSlow(s string) string {
	t := transform.Chain(norm.NFD, stripMarks, norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.Map(func(r rune) rune {
		switch r {
		case 'đ', 'Đ':
			return 'd'
		}
		return unicode.ToLower(r)
	}, out)
	return strings.Join(strings.Fields(out), " ")
}

// foldLatin is Fold for text of Latin letters, with or without their diacritics (Vietnamese
// names, and most others), one rune at a time from a table: Fold of every Vietnamese name
// of the site is part of every build's search index. It is false for any other text.
func foldLatin(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	space := true // at the start: leading spaces are dropped
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case 0x300 <= r && r <= 0x36f:
			continue // a combining diacritic: removed
		case r <= 0x24f || 0x1e00 <= r && r <= 0x1eff:
			f := latinFold[r]
			if f == 0 {
				return "", false
			}
			b.WriteRune(f)
		default:
			return "", false
		}
		space = false
	}
	out := b.String()
	if space && len(out) > 0 {
		out = out[:len(out)-1] // a trailing space
	}
	return out, true
}

// latinFold maps each precomposed Latin letter of U+0080–U+024F and U+1E00–U+1EFF to its
// fold, as foldSlow gives it: 0 for those foldLatin leaves to foldSlow (a letter whose fold
// is more than one rune, or not a letter).
var latinFold = func() map[rune]rune {
	m := map[rune]rune{}
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			if !unicode.IsLetter(r) {
				continue
			}
			f := []rune(foldSlow(string(r)))
			if len(f) == 1 && f[0] >= utf8.RuneSelf || len(f) == 1 && f[0] != ' ' {
				m[r] = f[0]
			}
		}
	}
	add(0x80, 0x24f)
	add(0x1e00, 0x1eff)
	return m
}()

// SameName reports whether a and b name the same thing, whatever their normalisation form,
// tone-mark placement ("Hoà" and "Hòa") or runs of spaces. Letters other than the tone marks still count:
// it compares the decomposed forms with the old and new tone placement unified.
func SameName(a, b string) bool {
	return a == b || toneKey(a) == toneKey(b) // equal strings need no key: the common case
}

// toneKey puts a string in NFD and moves each tone mark to the end of its syllable, so that
// the old ("hoà") and new ("hòa") placement rules give the same key.
func toneKey(s string) string {
	d := []rune(norm.NFD.String(strings.ToLower(NFC(strings.Join(strings.Fields(s), " ")))))
	var out []rune
	var tones []rune
	flush := func() {
		out = append(out, tones...)
		tones = tones[:0]
	}
	for _, r := range d {
		switch r {
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323': // huyền, sắc, ngã, hỏi, nặng
			tones = append(tones, r)
			continue
		}
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			flush()
		}
		out = append(out, r)
	}
	flush()
	return string(out)
}

// Slug returns an ASCII slug for s: marks stripped, đ→d, lower case, runs of anything other
// than letters and digits turned into one hyphen, no leading or trailing hyphen.
func Slug(s string) string {
	f := Fold(s)
	var b strings.Builder
	hyphen := false
	for _, r := range f {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}

// Collator sorts strings in Vietnamese alphabetical order. It is not safe for concurrent use.
type Collator struct{ c *collate.Collator }

// NewCollator returns a Vietnamese collator.
func NewCollator() *Collator {
	return &Collator{c: collate.New(language.Vietnamese)}
}

// Compare returns -1, 0 or 1 as a sorts before, with, or after b.
func (c *Collator) Compare(a, b string) int { return c.c.CompareString(NFC(a), NFC(b)) }

// SortFunc sorts xs by the string key gives, in Vietnamese order; ties keep their order. Each
// element's collation key is computed once (Compare would normalise and collate both strings
// on every comparison).
func SortFunc[T any](xs []T, key func(T) string) {
	if len(xs) < 2 {
		return
	}
	c := NewCollator()
	var buf collate.Buffer
	type keyed struct {
		k []byte
		x T
	}
	ks := make([]keyed, len(xs))
	for i, x := range xs {
		ks[i] = keyed{append([]byte(nil), c.c.KeyFromString(&buf, NFC(key(x)))...), x}
		buf.Reset()
	}
	sort.SliceStable(ks, func(i, j int) bool { return bytes.Compare(ks[i].k, ks[j].k) < 0 })
	for i := range ks {
		xs[i] = ks[i].x
	}
}
