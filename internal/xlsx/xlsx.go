// Package xlsx writes a table as an XLSX workbook of one worksheet, with each column's cells
// typed: text stays text in a spreadsheet (a code keeps its leading zeros, a date its form),
// numbers are numbers. It is the one XLSX writer of the atlas: the downloads and atlas export
// statuses both write through it.
package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// Kind is how a column's cells are stored.
type Kind uint8

const (
	// Text cells are strings (shared strings), which a spreadsheet shows as written: never
	// read as a number, a date or a formula, so "01392" keeps its zero and "=1+2" is text.
	Text Kind = iota
	// Number cells hold a decimal integer as a number; any other text in the column (an
	// empty cell aside, which is left out) is stored as Text.
	Number
)

// Column is one column of a table: its header and how its cells are stored.
type Column struct {
	Name  string
	Kind  Kind
	Width float64 // in characters; 0 leaves the spreadsheet's default
}

// Options say how the workbook is written beyond its cells.
type Options struct {
	// Time is the time every part of the archive and the document's created and modified
	// properties carry. The zero Time stands for 1980-01-01T00:00:00Z, the earliest a zip
	// entry can hold. The clock is never read: the same table gives the same bytes.
	Time time.Time
}

// Sheet is the name of the one worksheet Write writes.
const Sheet = "Sheet1"

// dosEpoch is the earliest time a zip entry can hold: what the zero Options.Time stands for.
var dosEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes a workbook of one worksheet to w: a header row of the columns' names, bold
// and frozen, then rows, each cell stored as its column's Kind says (cells beyond the
// columns as Text). An empty cell is left out. Excelize cuts a text over 32,767 characters,
// the most a cell holds, without an error.
func Write(w io.Writer, cols []Column, rows [][]string, opts Options) error {
	f := excelize.NewFile()
	defer f.Close()
	t := opts.Time.UTC()
	if opts.Time.IsZero() {
		t = dosEpoch
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &zipWriter{zip.NewWriter(w), t} })
	stamp := t.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Created: stamp, Modified: stamp}); err != nil {
		return err
	}
	if err := setCells(f, cols, rows); err != nil {
		return err
	}
	if len(cols) > 0 {
		bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		if err != nil {
			return err
		}
		last, _ := excelize.CoordinatesToCellName(len(cols), 1)
		if err := f.SetCellStyle(Sheet, "A1", last, bold); err != nil {
			return err
		}
		if err := f.SetPanes(Sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for i, c := range cols {
			if c.Width > 0 {
				name, _ := excelize.ColumnNumberToName(i + 1)
				if err := f.SetColWidth(Sheet, name, name, c.Width); err != nil {
					return err
				}
			}
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// setCells writes the header of cols and rows into the worksheet Sheet of f.
func setCells(f *excelize.File, cols []Column, rows [][]string) error {
	set := func(col, row int, v string, kind Kind) error {
		if v == "" {
			return nil
		}
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if n, nerr := strconv.ParseInt(v, 10, 64); nerr == nil && kind == Number && strconv.FormatInt(n, 10) == v {
			err = f.SetCellInt(Sheet, cell, n)
		} else {
			err = f.SetCellStr(Sheet, cell, v)
		}
		if err != nil {
			return fmt.Errorf("cell %s: %w", cell, err)
		}
		return nil
	}
	for i, c := range cols {
		if err := set(i+1, 1, c.Name, Text); err != nil {
			return err
		}
	}
	for i, row := range rows {
		for j, v := range row {
			kind := Text
			if j < len(cols) {
				kind = cols[j].Kind
			}
			if err := set(j+1, i+2, v, kind); err != nil {
				return err
			}
		}
	}
	return nil
}

// zipWriter is the archive excelize writes into, with every entry dated t: archive/zip's
// Create leaves an entry's date zero, which is no valid date (month 0) to some unzip tools.
type zipWriter struct {
	w *zip.Writer
	t time.Time
}

var _ excelize.ZipWriter = (*zipWriter)(nil)

func (z *zipWriter) Create(name string) (io.Writer, error) {
	return z.w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.t})
}

func (z *zipWriter) AddFS(fsys fs.FS) error { return z.w.AddFS(fsys) }

func (z *zipWriter) Close() error { return z.w.Close() }
