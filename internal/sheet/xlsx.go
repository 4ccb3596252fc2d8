package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
)

// An XLSX workbook is a zip archive of XML parts. ReadXLSX reads only the parts it needs (the
// workbook, its relationships, the shared strings and the one worksheet), each as a stream
// through a counting reader, so that what it costs is bounded by the limits whatever the
// archive claims: a part is refused for the size its header declares before it is inflated,
// and archive/zip fails a part that inflates to more than that. An XML part that declares a
// document type is refused: a workbook needs none, and entity expansion (billion laughs) and
// external entities (XXE) need one.

// Formula is a cell of a worksheet that holds a formula: what Import reads of it is the value
// the spreadsheet last computed, which the workbook stores beside it, if any.
type Formula struct {
	Row, Col int    // from 1
	Text     string // the formula, without its "="
	Value    string // the value last computed; "" when the workbook has none
}

// ReadXLSX reads one worksheet of the XLSX workbook in r (size bytes long): the named one, or
// the first when sheet is empty, within the limits lim. Cells are read as stored, not as
// displayed: a date is its serial number, which the date columns convert. The table's
// Formulas list the cells that hold formulas.
func ReadXLSX(name string, r io.ReaderAt, size int64, sheet string, lim model.Limits) (*Table, error) {
	fail := func(format string, args ...any) error {
		return ErrorList{{File: name, Sheet: sheet, Msg: fmt.Sprintf(format, args...)}}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fail("cannot read the workbook: %v (an XLSX file is a zip archive)", err)
	}
	wb := &workbook{name: name, parts: map[string]*zip.File{}, limit: lim.SheetPartBytes()}
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(wb.limit) {
			return nil, fail("%s inflates to %s, over the limit of %s for one part of a workbook ([limits] max_sheet_part_bytes in atlas.toml)",
				f.Name, bytesText(f.UncompressedSize64), bytesText(uint64(wb.limit)))
		}
		wb.parts[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))] = f
	}
	if err := wb.readWorkbook(); err != nil {
		return nil, fail("%v", err)
	}
	if len(wb.sheets) == 0 {
		return nil, fail("the workbook has no sheet")
	}
	var ws *sheetRef
	if sheet == "" {
		ws = &wb.sheets[0]
		sheet = ws.name
	} else {
		var names []string
		for i := range wb.sheets {
			names = append(names, wb.sheets[i].name)
			if wb.sheets[i].name == sheet {
				ws = &wb.sheets[i]
			}
		}
		if ws == nil {
			return nil, ErrorList{{File: name, Msg: fmt.Sprintf("no sheet %q (sheets: %s)", sheet, quoteAll(names))}}
		}
	}
	if err := wb.readSharedStrings(); err != nil {
		return nil, fail("%v", err)
	}
	t := &Table{File: name, Sheet: sheet, Serial: true, Date1904: wb.date1904}
	if err := wb.readSheet(ws.part, t, lim); err != nil {
		var list ErrorList
		if errors.As(err, &list) {
			return nil, list
		}
		return nil, fail("%v", err)
	}
	return t, nil
}

// bytesText writes n bytes as people read them: "2.0 GiB".
func bytesText(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// workbook is what ReadXLSX knows of an archive.
type workbook struct {
	name     string
	parts    map[string]*zip.File // by lower-case name, without a leading slash
	limit    int64                // the most bytes a part may inflate to
	date1904 bool
	sheets   []sheetRef
	// The shared strings, one after another in shared, the ith ending at ends[i]: one
	// buffer, not a string each, so that a table of millions of tiny strings costs little
	// more than its text.
	shared  []byte
	ends    []int
	strings string // the shared strings' part, if any
}

// sheetRef is one worksheet of a workbook: its name and its part.
type sheetRef struct{ name, part string }

// errDoctype is the error of a part that declares a document type.
const errDoctype = "the XML declares a document type (<!DOCTYPE …>), which no workbook needs and entity attacks (XXE, billion laughs) use: refused"

// open returns the part p (a clean path in the archive) as a stream of at most the limit, or
// nil when the archive has no such part.
func (wb *workbook) open(p string) (io.ReadCloser, error) {
	f := wb.parts[strings.ToLower(p)]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", p, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, wb.limit), rc}, nil
}

// walk decodes the XML part p token by token, calling fn for each, and reports a part that
// declares a document type, that does not parse, or that inflates to more than its header
// said. A missing part is walked as empty when optional, else it is an error.
func (wb *workbook) walk(p string, optional bool, fn func(xml.Token) error) error {
	rc, err := wb.open(p)
	if err != nil {
		return err
	}
	if rc == nil {
		if optional {
			return nil
		}
		return fmt.Errorf("the workbook has no part %s: it is not an XLSX workbook, or it is damaged", p)
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
			return fmt.Errorf("%s: the part inflates to more than its header says: the workbook is damaged", p)
		}
		if err != nil {
			return fmt.Errorf("%s: the XML does not parse: %v", p, err)
		}
		if dir, ok := tok.(xml.Directive); ok {
			if bytes.HasPrefix(bytes.TrimSpace(dir), []byte("DOCTYPE")) || bytes.Contains(dir, []byte("ENTITY")) {
				return fmt.Errorf("%s: %s", p, errDoctype)
			}
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

// attr returns the value of the attribute local of e, in any namespace.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// relationships returns the targets of the relationships part of the part p, by id, and the
// type of each, each target resolved to a path in the archive.
func (wb *workbook) relationships(p string) (map[string]string, map[string]string, error) {
	dir, base := path.Split(p)
	rels := path.Join(dir, "_rels", base+".rels")
	targets, types := map[string]string{}, map[string]string{}
	err := wb.walk(rels, true, func(tok xml.Token) error {
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "Relationship" {
			target := attr(e, "Target")
			if strings.HasPrefix(target, "/") {
				target = path.Clean(target[1:])
			} else {
				target = path.Join(dir, target)
			}
			targets[attr(e, "Id")] = target
			types[attr(e, "Id")] = attr(e, "Type")
		}
		return nil
	})
	return targets, types, err
}

// readWorkbook finds the workbook part, its sheets in order, their parts, the shared strings'
// part and whether dates count from 1904.
func (wb *workbook) readWorkbook() error {
	main := "xl/workbook.xml"
	targets, types, err := wb.relationships("")
	if err != nil {
		return err
	}
	for id, typ := range types {
		if strings.HasSuffix(typ, "/officeDocument") {
			main = targets[id]
		}
	}
	type sheet struct{ name, id string }
	var sheets []sheet
	err = wb.walk(main, false, func(tok xml.Token) error {
		e, ok := tok.(xml.StartElement)
		switch {
		case !ok:
		case e.Name.Local == "workbookPr":
			v := attr(e, "date1904")
			wb.date1904 = v == "1" || v == "true"
		case e.Name.Local == "sheet":
			sheets = append(sheets, sheet{attr(e, "name"), attr(e, "id")})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if targets, types, err = wb.relationships(main); err != nil {
		return err
	}
	for _, s := range sheets {
		part, ok := targets[s.id]
		if !ok {
			return fmt.Errorf("%s: sheet %q has no part in %s's relationships: the workbook is damaged", main, s.name, main)
		}
		wb.sheets = append(wb.sheets, sheetRef{name: s.name, part: part})
	}
	wb.strings = path.Join(path.Dir(main), "sharedStrings.xml")
	for id, typ := range types {
		if strings.HasSuffix(typ, "/sharedStrings") {
			wb.strings = targets[id]
		}
	}
	return nil
}

// readSharedStrings reads the table of shared strings: each <si>, its text the text of its
// <t> elements, those of phonetic runs (<rPh>) left out, as a spreadsheet shows it.
func (wb *workbook) readSharedStrings() error {
	var text strings.Builder
	in, phonetic, inT := false, 0, false
	return wb.walk(wb.strings, true, func(tok xml.Token) error {
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "si":
				in = true
				text.Reset()
			case "rPh":
				phonetic++
			case "t":
				inT = in && phonetic == 0
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "si":
				wb.shared = append(wb.shared, unescapeText(text.String())...)
				wb.ends = append(wb.ends, len(wb.shared))
				in = false
			case "rPh":
				phonetic--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				text.Write(e)
			}
		}
		return nil
	})
}

// readSheet reads the worksheet part p into t: the rows that hold a cell, and the formulas.
// A sheet over the limits of rows or cells is an error at the row that goes over.
func (wb *workbook) readSheet(p string, t *Table, lim model.Limits) error {
	maxRows, maxCells := lim.SheetRows(), lim.SheetCells()
	var (
		row            Row
		cells, rows    int64
		lastRow        int
		col            int
		typ            string
		value, formula strings.Builder
		inV, inF, inIS bool
		inT, hasF      bool
		phonetic       int
	)
	over := func(format string, args ...any) error {
		return ErrorList{{File: t.File, Sheet: t.Sheet, Row: row.N, Msg: fmt.Sprintf(format, args...)}}
	}
	return wb.walk(p, false, func(tok xml.Token) error {
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "row":
				row = Row{N: lastRow + 1}
				if n, err := strconv.Atoi(attr(e, "r")); err == nil && n > 0 {
					row.N = n
				}
				lastRow, col = row.N, 0
			case "c":
				col++
				if ref := attr(e, "r"); ref != "" {
					c, ok := columnOf(ref)
					if !ok {
						return over("cell %q: not a cell reference of a worksheet", clip(ref))
					}
					col = c
				}
				typ = attr(e, "t")
				value.Reset()
				formula.Reset()
				hasF, inIS = false, false
			case "v":
				inV = true
			case "f":
				inF, hasF = true, true
			case "is":
				inIS = true
			case "rPh":
				phonetic++
			case "t":
				inT = inIS && phonetic == 0
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "v":
				inV = false
			case "f":
				inF = false
			case "is":
				inIS = false
			case "rPh":
				phonetic--
			case "t":
				inT = false
			case "c":
				v, err := wb.cellValue(typ, value.String())
				if err != nil {
					return ErrorList{{File: t.File, Sheet: t.Sheet, Row: row.N, Col: col, Msg: err.Error()}}
				}
				if hasF {
					t.Formulas = append(t.Formulas, Formula{Row: row.N, Col: col, Text: formula.String(), Value: v})
				}
				if v == "" {
					return nil
				}
				if col > len(row.Cells) {
					cells += int64(col - len(row.Cells))
					if cells > maxCells {
						return over("the sheet has more than %d cells, the limit ([limits] max_sheet_cells in atlas.toml; blank cells left of a filled one count)", maxCells)
					}
					row.Cells = append(row.Cells, make([]string, col-len(row.Cells))...)
				}
				row.Cells[col-1] = v
			case "row":
				if blank(row.Cells) {
					return nil
				}
				if rows++; rows > maxRows {
					return over("the sheet has more than %d rows, the limit ([limits] max_sheet_rows in atlas.toml)", maxRows)
				}
				t.Rows = append(t.Rows, row)
			}
		case xml.CharData:
			switch {
			case inV:
				value.Write(e)
			case inF:
				formula.Write(e)
			case inT:
				value.Write(e)
			}
		}
		return nil
	})
}

// cellValue is the text of a cell of type typ whose <v> (or inline <t>) text is v: a shared
// string's text for "s", the text as stored for any other type.
func (wb *workbook) cellValue(typ, v string) (string, error) {
	switch typ {
	case "s":
		if v == "" {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(wb.ends) {
			return "", fmt.Errorf("the cell refers to shared string %q, which the workbook lacks: it is damaged", clip(v))
		}
		start := 0
		if i > 0 {
			start = wb.ends[i-1]
		}
		return string(wb.shared[start:wb.ends[i]]), nil
	case "inlineStr":
		return unescapeText(v), nil
	}
	return v, nil
}

// columnOf returns the column, from 1, of a cell reference such as "AB12".
func columnOf(ref string) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
		if col > maxColumns {
			return 0, false
		}
	}
	if i == 0 {
		return 0, false
	}
	if _, err := strconv.Atoi(ref[i:]); err != nil {
		return 0, false
	}
	return col, true
}

// maxColumns is the most columns a worksheet has (XFD).
const maxColumns = 16384

// unescapeText undoes the escapes of OOXML text: _xHHHH_ stands for the character U+HHHH
// (a control character, which XML cannot hold), and _x005F_ for an underscore that would
// otherwise start one.
func unescapeText(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if j := i + 7; j <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[j-1] == '_' {
			if n, err := strconv.ParseUint(s[i+2:j-1], 16, 16); err == nil {
				b.WriteRune(rune(n))
				i = j
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
