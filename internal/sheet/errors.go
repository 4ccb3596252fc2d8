package sheet

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem with a sheet: the cell, row or file it is in, and what is wrong.
//
// It prints as
//
//	FILE: sheet "Sheet1" row N, column C (header): message   (XLSX)
//	FILE: row N, column C (header): message                  (CSV)
//
// with rows numbered as a spreadsheet program shows them (the header row is row 1 when it
// is the first line) and columns as letters. What is not known is left out: an error about a
// whole row has no column, one about the whole file has no row.
type Error struct {
	File   string
	Sheet  string // the worksheet of an XLSX file; empty for CSV
	Row    int    // from 1; 0 for the file as a whole
	Col    int    // from 1; 0 for the row as a whole
	Header string // the column's header as written, when it has one
	Msg    string
	// more, in the last entry of an ErrorList that reached MaxErrors, counts the errors
	// left out; such an entry holds no error of its own.
	more int
}

func (e *Error) Error() string {
	if e.more > 0 {
		return fmt.Sprintf("%s: and %d more errors, not listed", e.File, e.more)
	}
	var where []string
	if e.Sheet != "" {
		where = append(where, fmt.Sprintf("sheet %q", e.Sheet))
	}
	if e.Row > 0 {
		where = append(where, fmt.Sprintf("row %d", e.Row))
	}
	at := strings.Join(where, " ")
	if e.Row > 0 && e.Col > 0 {
		at += ", column " + ColumnName(e.Col)
		if e.Header != "" {
			at += fmt.Sprintf(" (%s)", e.Header)
		}
	}
	s := e.File
	if at != "" {
		s += ": " + at
	}
	return s + ": " + e.Msg
}

// MaxErrors is the most errors an ErrorList holds: past it, Add only counts them, so that a
// sheet of a million bad rows costs neither the memory of a million errors nor a million
// lines on the terminal.
const MaxErrors = 100

// ErrorList collects errors. Its zero value is ready to use. It lists at most MaxErrors; the
// errors added after them are counted in one last entry, which prints as "FILE: and N more
// errors, not listed" (Count tells them all).
type ErrorList []*Error

// Add adds an error at pos, or counts it once the list holds MaxErrors.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	if n := len(*l); n >= MaxErrors {
		if last := (*l)[n-1]; last.more > 0 {
			last.more++
		} else {
			*l = append(*l, &Error{File: pos.File, more: 1})
		}
		return
	}
	*l = append(*l, &Error{File: pos.File, Sheet: pos.Sheet, Row: pos.Row, Col: pos.Col, Header: pos.Header, Msg: fmt.Sprintf(format, args...)})
}

// Count returns how many errors were added: those listed and those only counted.
func (l ErrorList) Count() int {
	n := len(l)
	if n > 0 && l[n-1].more > 0 {
		n += l[n-1].more - 1
	}
	return n
}

// Sort orders the list as the file reads: by file, sheet, row, column, then message. The
// count of the errors not listed stays last.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		switch {
		case a.more > 0 || b.more > 0:
			return b.more > 0 && a.more == 0
		case a.File != b.File:
			return a.File < b.File
		case a.Sheet != b.Sheet:
			return a.Sheet < b.Sheet
		case a.Row != b.Row:
			return a.Row < b.Row
		case a.Col != b.Col:
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
}

// Error prints one error a line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns the list, sorted, as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Pos is where a cell stands: the file, the worksheet (XLSX), the row and column from 1, and
// the column's header.
type Pos struct {
	File, Sheet string
	Row, Col    int
	Header      string
}

// ColumnName returns a spreadsheet column's letters: 1 → A, 26 → Z, 27 → AA.
func ColumnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}
