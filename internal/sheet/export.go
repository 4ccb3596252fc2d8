package sheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/csvcell"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/xlsx"
)

// ExportOptions say what to export.
type ExportOptions struct {
	Site     string // the site folder
	Province string // only this province's units (its code or name); all when empty
}

// Export returns the sheet of the site's current units: a header row of English headers,
// then one row an assessment, and one row with only the code, name and province for a unit
// without any, so that the sheet can be filled in. Rows are ordered by province, code,
// criteria set and as_of.
func Export(opts ExportOptions) ([][]string, error) {
	site, err := loadSite(opts.Site)
	if err != nil {
		return nil, err
	}
	var prov *model.Province
	if opts.Province != "" {
		p, msg := newMatcher(site).province(opts.Province)
		if p == nil {
			return nil, fmt.Errorf("-province: %s", msg)
		}
		prov = p
	}
	sets := map[string]*model.CriteriaSet{}
	for _, s := range site.CriteriaSets {
		sets[s.ID] = s
	}
	units := append([]*model.Unit(nil), site.Units...)
	sort.SliceStable(units, func(i, j int) bool {
		if units[i].Province != units[j].Province {
			return units[i].Province < units[j].Province
		}
		return units[i].Code < units[j].Code
	})
	head := make([]string, numColumns)
	for c := range numColumns {
		head[c] = c.Header()
	}
	rows := [][]string{head}
	for _, u := range units {
		if prov != nil && u.Province != prov.Code {
			continue
		}
		as := append([]*model.Assessment(nil), u.Assessments...)
		sort.SliceStable(as, func(i, j int) bool {
			if as[i].CriteriaSet != as[j].CriteriaSet {
				return as[i].CriteriaSet < as[j].CriteriaSet
			}
			return as[i].AsOf.Before(as[j].AsOf)
		})
		if len(as) == 0 {
			row := make([]string, numColumns)
			row[Code], row[Name], row[Province], row[Group] = u.Code, u.Name, u.Province, u.Group
			rows = append(rows, row)
		}
		for _, a := range as {
			a = canonical(a, sets[a.CriteriaSet])
			row := make([]string, numColumns)
			row[Code], row[Name], row[Province], row[Group] = u.Code, u.Name, u.Province, u.Group
			row[CriteriaSet], row[Level] = a.CriteriaSet, a.Level
			if !a.AsOf.IsZero() {
				row[Year] = strconv.Itoa(a.AsOf.Year())
				row[AsOf] = a.AsOf.Format(time.DateOnly)
			}
			row[CriteriaMet] = strings.Join(a.CriteriaMet, ", ")
			row[SourceURL], row[Note] = a.SourceURL, a.Note
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// WriteCSV writes rows as CSV: UTF-8 with a byte order mark, which spreadsheet programs need
// to read Vietnamese text right, comma separated, lines ending in LF. No cell is written as a
// spreadsheet would read a formula: csvcell.Neutralize puts an apostrophe before it, as in
// the site's CSV downloads, and Parse takes it away again.
func WriteCSV(w io.Writer, rows [][]string) error {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	cw := csv.NewWriter(&b)
	cells := make([]string, 0, numColumns)
	for _, row := range rows {
		cells = cells[:0]
		for _, c := range row {
			cells = append(cells, csvcell.Neutralize(c))
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// xlsxSheet is the name of the worksheet WriteXLSX writes.
const xlsxSheet = xlsx.Sheet

// WriteXLSX writes rows, the first the header, as an XLSX workbook of one sheet
// (internal/xlsx): the header bold and frozen, every cell text except the year, a number.
// The same rows give the same bytes.
func WriteXLSX(w io.Writer, rows [][]string) error {
	if len(rows) == 0 {
		return xlsx.Write(w, nil, nil, xlsx.Options{})
	}
	widths := [numColumns]float64{Name: 22, CriteriaSet: 12, Level: 12, CriteriaMet: 24, SourceURL: 40, AsOf: 12, Note: 40}
	cols := make([]xlsx.Column, len(rows[0]))
	for c, name := range rows[0] {
		cols[c].Name = name
		if c < int(numColumns) {
			cols[c].Width = widths[c]
		}
		if Column(c) == Year {
			cols[c].Kind = xlsx.Number
		}
	}
	return xlsx.Write(w, cols, rows[1:], xlsx.Options{})
}
