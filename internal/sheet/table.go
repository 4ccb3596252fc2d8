package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ntm-atlas/atlas/internal/model"
)

// Table is the cells of one sheet as read, before their meaning is known.
type Table struct {
	File  string // the file as named to the reader
	Sheet string // the worksheet of an XLSX file; empty for CSV
	Rows  []Row  // the rows that hold at least one cell, in file order
	// Serial says that a number in a date column is a spreadsheet date serial (XLSX), and
	// Date1904 that serials count from 1904 rather than 1900.
	Serial, Date1904 bool
	// Formulas are the cells of an XLSX sheet that hold a formula, in file order.
	Formulas []Formula
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
// shows them once it opens the file; a cell that spans lines is one row. A file with more rows
// or cells than lim allows is an error at the row that goes over, and reading stops there.
func ReadCSV(name string, data []byte, lim model.Limits) (*Table, error) {
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	t := &Table{File: name}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return nil, ErrorList{{File: name, Msg: fmt.Sprintf("line %d is not UTF-8: save the file as \"CSV UTF-8\"", line)}}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	maxRows, maxCells := lim.SheetRows(), lim.SheetCells()
	var rows, cells int64
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
		if blank(rec) {
			continue
		}
		if rows++; rows > maxRows {
			return nil, ErrorList{{File: name, Row: n, Msg: fmt.Sprintf("the sheet has more than %d rows, the limit ([limits] max_sheet_rows in atlas.toml)", maxRows)}}
		}
		if cells += int64(len(rec)); cells > maxCells {
			return nil, ErrorList{{File: name, Row: n, Msg: fmt.Sprintf("the sheet has more than %d cells, the limit ([limits] max_sheet_cells in atlas.toml; blank cells left of a filled one count)", maxCells)}}
		}
		t.Rows = append(t.Rows, Row{N: n, Cells: rec})
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

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
