package sheet

import (
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSetCells: every cell written reads back, the year as a number; and a cell that cannot
// be written fails the export, whether it is text or a year. Excelize fails a cell write at a
// valid address only when the worksheet is missing (it cuts text over 32,767 characters
// without an error), so the failing workbooks here have none.
func TestSetCells(t *testing.T) {
	head := make([]string, numColumns)
	for c := range numColumns {
		head[c] = c.Header()
	}
	row := func(year, note string) []string {
		r := make([]string, numColumns)
		r[Year], r[Note] = year, note
		return r
	}
	for _, tc := range []struct {
		name    string
		rows    [][]string
		noSheet bool
		fails   bool
	}{
		{name: "header and a row", rows: [][]string{head, row("2026", "ghi chú")}},
		{name: "no rows", rows: nil},
		{name: "no worksheet, no cell to write", rows: [][]string{row("", ""), row("", "")}, noSheet: true},
		{name: "no worksheet, a text cell", rows: [][]string{head}, noSheet: true, fails: true},
		{name: "no worksheet, a year", rows: [][]string{row("", ""), row("2026", "")}, noSheet: true, fails: true},
		{name: "no worksheet, a note", rows: [][]string{row("", ""), row("", "ghi chú")}, noSheet: true, fails: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			if tc.noSheet {
				if err := f.SetSheetName(xlsxSheet, "Other"); err != nil {
					t.Fatal(err)
				}
			}
			err := setCells(f, tc.rows)
			var missing excelize.ErrSheetNotExist
			switch {
			case tc.fails && !errors.As(err, &missing):
				t.Fatalf("setCells = %v, want the error of the missing worksheet", err)
			case !tc.fails && err != nil:
				t.Fatal(err)
			case tc.fails || tc.noSheet:
				return
			}
			got, err := f.GetRows(xlsxSheet)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range tc.rows {
				for j, v := range r {
					if j < len(got[i]) && got[i][j] != v || j >= len(got[i]) && v != "" {
						t.Errorf("cell %d,%d reads %q, want %q", i+1, j+1, got[i], v)
					}
				}
			}
			if len(tc.rows) > 1 {
				cell, _ := excelize.CoordinatesToCellName(int(Year)+1, 2)
				if typ, err := f.GetCellType(xlsxSheet, cell); err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Errorf("year cell %s has type %v, %v; want a number", cell, typ, err)
				}
			}
		})
	}
}
