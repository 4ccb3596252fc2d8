// Package sheet moves tables of unit statuses in and out of a site: it reads a CSV or XLSX
// sheet of assessments into the units' status files, and writes the units' assessments out
// as such a sheet (docs/content.md, section 3.4a).
package sheet
