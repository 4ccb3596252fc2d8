// Package csvcell keeps a spreadsheet from reading a cell of a CSV file as a formula, and
// undoes it when the atlas reads such a file back: one rule for every CSV the atlas writes.
package csvcell

import "strings"

// triggers are the first characters that make a spreadsheet read a cell as a formula, or as
// the start of one (OWASP's list for CSV injection).
const triggers = "=+-@\t\r"

// Neutralize returns s as a CSV cell that no spreadsheet reads as a formula: a text that
// begins with =, +, -, @, a tab or a carriage return gets a leading apostrophe, which
// spreadsheets take as "this is text". So does a text that begins with apostrophes followed
// by one of those, so that Restore can tell the two apart and give back s exactly. Any other
// text is returned as it is.
func Neutralize(s string) string {
	if formulaLike(s) || (strings.HasPrefix(s, "'") && formulaLike(strings.TrimLeft(s, "'"))) {
		return "'" + s
	}
	return s
}

// Restore undoes Neutralize: Restore(Neutralize(s)) == s for every s. A text that Neutralize
// would not have written (it does not begin with an apostrophe that stands before a
// formula's first character) is returned as it is.
func Restore(s string) string {
	if strings.HasPrefix(s, "'") && formulaLike(strings.TrimLeft(s, "'")) {
		return s[1:]
	}
	return s
}

// formulaLike reports whether s begins with a character that starts a formula.
func formulaLike(s string) bool {
	return s != "" && strings.IndexByte(triggers, s[0]) >= 0
}
