package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Table is the cells of one sheet as read, before their meaning is known.
type Table struct {
	File  string // the file as named to the reader
	Sheet string // the worksheet of an XLSX file; empty for CSV
	Rows  []Row  // the rows that hold at least one cell, in file order
	// Serial says that a number in a date column is a spreadsheet date serial (XLSX), and
	// Date1904 that serials count from 1904 rather than 1900.
	Serial, Date1904 bool
}

// Row is one row of cells, numbered as a spreadsheet shows it.
type Row struct {
	N     int
	Cells []string
}

// pos returns the position of column col (from 1) of row n.
func (t *Table) pos(n, col int) Pos { return Pos{File: t.File, Sheet: t.Sheet, Row: n, Col: col} }

// utf8BOM starts many CSV files saved by spreadsheet programs.
const utf8BOM = "\xef\xbb\xbf"

// ReadCSV reads a CSV file: UTF-8, with or without a byte order mark, its cells separated by
// commas, semicolons (as spreadsheet programs in many locales save) or tabs, whichever the
// first line holds most of outside quotes. Row numbers count records, as a spreadsheet program
// shows them once it opens the file; a cell that spans lines is one row.
func ReadCSV(name string, data []byte) (*Table, error) {
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	t := &Table{File: name}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return nil, ErrorList{{File: name, Msg: fmt.Sprintf("line %d is not UTF-8: save the file as \"CSV UTF-8\"", line)}}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	for n := 1; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			msg := err.Error()
			if errors.As(err, &pe) {
				msg = fmt.Sprintf("invalid CSV: %v (line %d, column %d)", pe.Err, pe.Line, pe.Column)
			}
			return nil, ErrorList{{File: name, Row: n, Msg: msg}}
		}
		if !blank(rec) {
			t.Rows = append(t.Rows, Row{N: n, Cells: rec})
		}
	}
	return t, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// separator picks the cell separator of the first line: the most frequent of comma,
// semicolon and tab outside quotes; comma on a tie.
func separator(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(data) {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if !quoted && (c == '\n' || c == '\r') {
			break
		}
		if !quoted {
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// ReadXLSX reads one worksheet of an XLSX file: the named one, or the first when sheet is
// empty. Cells are read as stored, not as displayed: a date is its serial number, which the
// date columns convert.
func ReadXLSX(name string, data []byte, sheet string) (*Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, ErrorList{{File: name, Msg: fmt.Sprintf("cannot read the workbook: %v", err)}}
	}
	defer f.Close()
	list := f.GetSheetList()
	if sheet == "" {
		if len(list) == 0 {
			return nil, ErrorList{{File: name, Msg: "the workbook has no sheet"}}
		}
		sheet = list[0]
	} else if !slices.Contains(list, sheet) {
		return nil, ErrorList{{File: name, Msg: fmt.Sprintf("no sheet %q (sheets: %s)", sheet, quoteAll(list))}}
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, ErrorList{{File: name, Sheet: sheet, Msg: fmt.Sprintf("cannot read the sheet: %v", err)}}
	}
	t := &Table{File: name, Sheet: sheet, Serial: true}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		t.Date1904 = *p.Date1904
	}
	for i, cells := range rows {
		if !blank(cells) {
			t.Rows = append(t.Rows, Row{N: i + 1, Cells: cells})
		}
	}
	return t, nil
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
