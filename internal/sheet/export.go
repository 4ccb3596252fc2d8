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
	"github.com/xuri/excelize/v2"
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
const xlsxSheet = "Sheet1"

// WriteXLSX writes rows as an XLSX workbook of one sheet: the first row bold and frozen, every
// cell text except the year, a number. The same rows give the same bytes.
func WriteXLSX(w io.Writer, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := setCells(f, rows); err != nil {
		return err
	}
	if len(rows) > 0 && len(rows[0]) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(rows[0]), 1)
		if err := f.SetCellStyle(xlsxSheet, "A1", last, bold); err != nil {
			return err
		}
		if err := f.SetPanes(xlsxSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		widths := [numColumns]float64{Name: 22, CriteriaSet: 12, Level: 12, CriteriaMet: 24, SourceURL: 40, AsOf: 12, Note: 40}
		for c, wd := range widths {
			if wd > 0 && c < len(rows[0]) {
				col := ColumnName(c + 1)
				if err := f.SetColWidth(xlsxSheet, col, col, wd); err != nil {
					return err
				}
			}
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// setCells writes rows into the worksheet xlsxSheet of f: every cell text, but the year of a
// row after the first, a number.
func setCells(f *excelize.File, rows [][]string) error {
	for i, row := range rows {
		for j, v := range row {
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			if v == "" {
				continue
			}
			if y, yerr := strconv.Atoi(v); yerr == nil && i > 0 && Column(j) == Year {
				err = f.SetCellInt(xlsxSheet, cell, int64(y))
			} else {
				err = f.SetCellStr(xlsxSheet, cell, v)
			}
			if err != nil {
				return fmt.Errorf("cell %s: %w", cell, err)
			}
		}
	}
	return nil
}
