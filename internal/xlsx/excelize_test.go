package xlsx

// The writer this package had before its own SpreadsheetML (through excelize), kept as the
// reference BenchmarkWrite compares with.

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

func writeExcelize(w io.Writer, cols []Column, rows [][]string, opts Options) error {
	f := excelize.NewFile()
	defer f.Close()
	t := opts.Time.UTC()
	if opts.Time.IsZero() {
		t = dosEpoch
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &excelizeZip{zip.NewWriter(w), t} })
	stamp := t.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Created: stamp, Modified: stamp}); err != nil {
		return err
	}
	if err := setCellsExcelize(f, cols, rows); err != nil {
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
func setCellsExcelize(f *excelize.File, cols []Column, rows [][]string) error {
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

// excelizeZip is the archive excelize writes into, with every entry dated t: archive/zip's
// Create leaves an entry's date zero, which is no valid date (month 0) to some unzip tools.
type excelizeZip struct {
	w *zip.Writer
	t time.Time
}

var _ excelize.ZipWriter = (*excelizeZip)(nil)

func (z *excelizeZip) Create(name string) (io.Writer, error) {
	return z.w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.t})
}

func (z *excelizeZip) AddFS(fsys fs.FS) error { return z.w.AddFS(fsys) }

func (z *excelizeZip) Close() error { return z.w.Close() }
