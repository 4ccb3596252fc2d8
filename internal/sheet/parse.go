package sheet

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/csvcell"
	"github.com/ntm-atlas/atlas/internal/vi"
	"github.com/xuri/excelize/v2"
)

// Record is one data row of a statuses sheet, its cells read but not yet checked against a
// site.
type Record struct {
	Row   int
	Cells [numColumns]string // each cell in NFC with spaces trimmed; "" when blank or absent
	AsOf  time.Time          // the as_of date; zero when blank
	Year  int                // 0 when blank
	// CriteriaMet lists the criterion ids of the criteria_met cell; All is set when the cell
	// says "all" ("tất cả") instead.
	CriteriaMet []string
	All         bool
	pos         [numColumns]Pos
	row         Pos
}

// Assessed reports whether the row states an assessment: a row with only the unit's code,
// name, province and group (as Export writes for a unit without one) states none.
func (r *Record) Assessed() bool {
	for c := CriteriaSet; c < numColumns; c++ {
		if r.Cells[c] != "" {
			return true
		}
	}
	return false
}

// At returns the position of column c in the record's row; the row alone when the sheet has
// no such column.
func (r *Record) At(c Column) Pos {
	if r.pos[c].Col == 0 {
		return r.row
	}
	return r.pos[c]
}

// Parse reads the header row of t, the first row that holds a cell, and each row below it.
// It returns the data rows and every problem with the cells themselves: unknown or repeated
// headers, cells outside the named columns, and dates, years and criteria lists that do not
// parse. What the cells name (units, sets, levels) is checked against the site by Import.
func Parse(t *Table) ([]*Record, ErrorList) {
	var errs ErrorList
	if len(t.Rows) == 0 {
		errs.Add(Pos{File: t.File, Sheet: t.Sheet}, "the sheet is empty: its first row must name the columns, among %s", knownHeaders())
		return nil, errs
	}
	head := t.Rows[0]
	colOf := make([]Column, len(head.Cells)) // by cell index; -1 for a cell without a header
	where := [numColumns]int{}               // by column: cell index + 1; 0 when absent
	names := make([]string, len(head.Cells))
	for i, h := range head.Cells {
		h = strings.TrimSpace(vi.NFC(h))
		names[i] = h
		colOf[i] = -1
		if h == "" {
			continue
		}
		c, ok := byHeader[headerKey(h)]
		switch {
		case !ok:
			errs.Add(t.pos(head.N, i+1), "unknown column %q: the columns are %s", h, knownHeaders())
		case where[c] != 0:
			errs.Add(t.pos(head.N, i+1), "column %q repeats column %s (%s)", h, ColumnName(where[c]), names[where[c]-1])
		default:
			colOf[i] = c
			where[c] = i + 1
		}
	}
	if where[Code] == 0 && where[Name] == 0 {
		errs.Add(t.pos(head.N, 0), "no %q (%s) or %q (%s) column: each row must name its unit", headers[Code][0], headers[Code][1], headers[Name][0], headers[Name][1])
	}
	if where[Level] == 0 {
		errs.Add(t.pos(head.N, 0), "no %q (%s) column", headers[Level][0], headers[Level][1])
	}
	var out []*Record
	for _, row := range t.Rows[1:] {
		r := &Record{Row: row.N, row: t.pos(row.N, 0)}
		for c := range r.pos {
			if i := where[c]; i != 0 {
				r.pos[c] = t.pos(row.N, i)
				r.pos[c].Header = names[i-1]
			}
		}
		for i, cell := range row.Cells {
			// A cell that Export wrote with an apostrophe before a formula's first
			// character (csvcell.Neutralize) reads as it was.
			cell = csvcell.Restore(strings.TrimSpace(vi.NFC(cell)))
			if cell == "" {
				continue
			}
			if i >= len(colOf) || colOf[i] < 0 {
				errs.Add(t.pos(row.N, i+1), "cell %q stands in a column without a header", clip(cell))
				continue
			}
			r.Cells[colOf[i]] = cell
		}
		r.parseValues(t, &errs)
		out = append(out, r)
	}
	return out, errs
}

// parseValues reads the cells that are not plain text.
func (r *Record) parseValues(t *Table, errs *ErrorList) {
	if s := r.Cells[AsOf]; s != "" {
		d, err := parseDate(s, t.Serial, t.Date1904)
		if err != nil {
			errs.Add(r.At(AsOf), "%v", err)
		}
		r.AsOf = d
	}
	if s := r.Cells[Year]; s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1900 || y > 2100 {
			errs.Add(r.At(Year), "year %q is not a year like 2026", clip(s))
		} else if r.Year = y; !r.AsOf.IsZero() && r.AsOf.Year() != y {
			errs.Add(r.At(Year), "year %d differs from the year of as_of %s", y, r.AsOf.Format(time.DateOnly))
		}
	}
	if s := r.Cells[CriteriaMet]; s != "" {
		if k := vi.Fold(s); k == "all" || k == "tat ca" {
			r.All = true
		} else {
			r.CriteriaMet = strings.FieldsFunc(s, func(c rune) bool {
				return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
			})
		}
	}
}

var (
	isoDate = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$`)
	dmyDate = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
	serial  = regexp.MustCompile(`^\d+(?:\.\d+)?$`)
)

// parseDate reads a date written 2026-12-31 or, day first as in Vietnam, 31/12/2026; with
// serials, also a spreadsheet's date serial number. A time of day is dropped.
func parseDate(s string, serials, date1904 bool) (time.Time, error) {
	var y, m, d string
	switch {
	case isoDate.MatchString(s):
		p := isoDate.FindStringSubmatch(s)
		y, m, d = p[1], p[2], p[3]
	case dmyDate.MatchString(s):
		p := dmyDate.FindStringSubmatch(s)
		d, m, y = p[1], p[2], p[3]
	case serials && serial.MatchString(s):
		f, err := strconv.ParseFloat(s, 64)
		if err == nil && f >= 1 && f < 2958466 { // up to 9999-12-31
			t, err := excelize.ExcelDateToTime(math.Floor(f), date1904)
			if err == nil {
				y, mo, dd := t.Date()
				return time.Date(y, mo, dd, 0, 0, 0, 0, time.UTC), nil
			}
		}
		return time.Time{}, fmt.Errorf("as_of %q is not a date serial the workbook can hold", clip(s))
	default:
		return time.Time{}, fmt.Errorf("as_of %q is not a date: write 2026-12-31 or 31/12/2026", clip(s))
	}
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if t.Year() != yy || int(t.Month()) != mm || t.Day() != dd {
		return time.Time{}, fmt.Errorf("as_of %q is not a day of the calendar", clip(s))
	}
	return t, nil
}

// clip shortens a cell quoted in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}
