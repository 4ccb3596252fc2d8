// Package xlsx writes a table as an XLSX workbook of one worksheet, with each column's cells
// typed: text stays text in a spreadsheet (a code keeps its leading zeros, a date its form),
// numbers are numbers. It is the one XLSX writer of the atlas: the downloads and atlas export
// statuses both write through it.
//
// The workbook is SpreadsheetML written here, with only the parts a spreadsheet needs: the
// package's content types and relationships, the document's dates (docProps/core.xml), the
// workbook, a style sheet of two fonts (regular and bold) and the worksheet, each with the
// elements Excel requires of it. The tests read it back with excelize, the atlas's own reader
// (internal/sheet) and, where it is installed, LibreOffice; Excel itself is not at hand.
package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// Kind is how a column's cells are stored.
type Kind uint8

const (
	// Text cells are strings (inline strings), which a spreadsheet shows as written: never
	// read as a number, a date or a formula, so "01392" keeps its zero and "=1+2" is text.
	Text Kind = iota
	// Number cells hold a decimal integer of at most 15 digits (what a spreadsheet's number
	// holds exactly) as a number; any other text in the column (an empty cell aside, which is
	// left out) is stored as Text.
	Number
)

// Column is one column of a table: its header and how its cells are stored.
type Column struct {
	Name  string
	Kind  Kind
	Width float64 // in characters, at most 255; 0 leaves the spreadsheet's default
}

// Options say how the workbook is written beyond its cells.
type Options struct {
	// Time is the time every part of the archive and the document's created and modified
	// properties carry. The zero Time stands for 1980-01-01T00:00:00Z, the earliest a zip
	// entry can hold. The properties carry it in UTC to the second; a zip entry holds it to
	// the even second, within 1980–2107 (a time outside is dated at the nearer end). The
	// clock is never read: the same table gives the same bytes.
	Time time.Time
}

// Sheet is the name of the one worksheet Write writes.
const Sheet = "Sheet1"

// MaxText is the most characters (UTF-16 code units, as a spreadsheet counts them) a cell
// holds: Write keeps the longest start of a longer text that fits, without an error, and
// never cuts a character in two.
const MaxText = 32767

// dosEpoch is the earliest time a zip entry can hold: what the zero Options.Time stands for.
var dosEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// level is the compression of the worksheet: flate's default (whose constant is -1, no
// index of writers). A national table of 10,000 rows is then 7 % larger than excelize made
// it, in a seventh of the time; the faster levels (1–4), which skip lazy matching, make it
// 17–37 % larger again in a third to a half of the time, and level 9 8 % smaller in eight
// times as long (BenchmarkLevel, docs/performance.md).
const level = 6

// Write writes a workbook of one worksheet to w: a header row of the columns' names, bold
// and frozen, then rows, each cell stored as its column's Kind says (cells beyond the
// columns as Text). An empty cell is left out. A text longer than MaxText is cut to it; a
// control character other than tab, line feed and carriage return, and U+FFFE and U+FFFF,
// which XML cannot hold, are written as the escape _xHHHH_ that spreadsheets read back as
// the character (a text's own "_xHHHH_" is escaped in turn, so it reads back as written);
// bytes that are not UTF-8 are written as U+FFFD. A table with a cell beyond MaxRows or
// MaxColumns fails, and nothing is written.
func Write(w io.Writer, cols []Column, rows [][]string, opts Options) error {
	t := opts.Time.UTC()
	if opts.Time.IsZero() {
		t = dosEpoch
	}
	buf := buffers.Get().(*buffer)
	defer buffers.Put(buf)
	var err error
	if buf.xml, err = appendSheet(buf.xml[:0], cols, rows); err != nil {
		return err
	}
	buf.deflated.Reset()
	sheet, err := deflate(&buf.deflated, buf.xml, level)
	if err != nil {
		return err
	}
	core := corePart(t)
	zw := zip.NewWriter(w)
	for _, p := range fixedParts() {
		if err := p.write(zw, t); err != nil {
			return err
		}
	}
	if err := core.write(zw, t); err != nil {
		return err
	}
	sheet.name = "xl/worksheets/sheet1.xml"
	if err := sheet.write(zw, t); err != nil {
		return err
	}
	return zw.Close()
}

// buffer holds what one Write needs beyond its output: the worksheet's XML and its
// compressed form, kept between writes.
type buffer struct {
	xml      []byte
	deflated bytes.Buffer
}

var buffers = sync.Pool{New: func() any { return new(buffer) }}

// part is one compressed part of the package.
type part struct {
	name     string
	data     []byte // deflated
	crc      uint32
	rawBytes int
}

// write adds p to zw as an entry dated t. The entry has no data descriptor and no extra
// field, whose 16 and 18 bytes each would be 8 % of a unit's workbook.
func (p part) write(zw *zip.Writer, t time.Time) error {
	date, clock := dosTime(t)
	fw, err := zw.CreateRaw(&zip.FileHeader{
		Name:               p.name,
		CreatorVersion:     20,
		ReaderVersion:      20,
		Method:             zip.Deflate,
		ModifiedDate:       date,
		ModifiedTime:       clock,
		CRC32:              p.crc,
		CompressedSize64:   uint64(len(p.data)),
		UncompressedSize64: uint64(p.rawBytes),
	})
	if err != nil {
		return err
	}
	_, err = fw.Write(p.data)
	return err
}

// dosTime is t as a zip entry's MS-DOS date and time: to the even second, 1980 to 2107.
func dosTime(t time.Time) (date, clock uint16) {
	switch {
	case t.Year() < 1980:
		t = dosEpoch
	case t.Year() > 2107:
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// writers are flate writers by level, reset for each part: a new one costs more than a small
// part's compression.
var writers [flate.BestCompression + 1]sync.Pool

// deflate compresses raw into dst at level and returns it as a part (without its name); the
// part's data is dst's bytes.
func deflate(dst *bytes.Buffer, raw []byte, level int) (part, error) {
	fw, _ := writers[level].Get().(*flate.Writer)
	if fw == nil {
		var err error
		if fw, err = flate.NewWriter(dst, level); err != nil {
			return part{}, err
		}
	} else {
		fw.Reset(dst)
	}
	defer writers[level].Put(fw)
	if _, err := fw.Write(raw); err != nil {
		return part{}, err
	}
	if err := fw.Close(); err != nil {
		return part{}, err
	}
	return part{data: dst.Bytes(), crc: crc32.ChecksumIEEE(raw), rawBytes: len(raw)}, nil
}

// fixed compresses a part whose bytes are the same in every workbook.
func fixed(name, xml string) part {
	var b bytes.Buffer
	p, err := deflate(&b, []byte(xml), flate.BestCompression)
	if err != nil {
		panic(err) // a bytes.Buffer does not fail
	}
	p.name = name
	return p
}

// xmlDecl begins every part.
const xmlDecl = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// fixedParts are the parts every workbook has as they are, compressed once, in the order
// they are written.
var fixedParts = sync.OnceValue(func() []part {
	return []part{
		fixed("[Content_Types].xml", xmlDecl+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
			`<Default Extension="xml" ContentType="application/xml"/>`+
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`+
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`+
			`</Types>`),
		fixed("_rels/.rels", xmlDecl+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>`+
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`+
			`</Relationships>`),
		fixed("xl/workbook.xml", xmlDecl+`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
			`<bookViews><workbookView/></bookViews>`+
			`<sheets><sheet name="`+Sheet+`" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		fixed("xl/_rels/workbook.xml.rels", xmlDecl+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`+
			`</Relationships>`),
		// The style sheet: font 0 the default, font 1 its bold; cell format 0 the default
		// and 1 the header's. The two fills, the border, the cell style format and the
		// Normal style are those Excel requires of every style sheet.
		fixed("xl/styles.xml", xmlDecl+`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+
			`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>`+
			`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>`+
			`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`+
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`+
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`+
			`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`+
			`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>`+
			`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`+
			`</styleSheet>`),
	}
})

// lastCore is the document's properties part of the last time written: the workbooks of a
// build share their date.
var lastCore struct {
	sync.Mutex
	t time.Time
	p part
}

// corePart is the document's properties part: created and modified at t.
func corePart(t time.Time) part {
	lastCore.Lock()
	defer lastCore.Unlock()
	if lastCore.p.data == nil || !lastCore.t.Equal(t) {
		stamp := t.Format(time.RFC3339)
		lastCore.t = t
		lastCore.p = fixed("docProps/core.xml", xmlDecl+`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`+
			`<dcterms:created xsi:type="dcterms:W3CDTF">`+stamp+`</dcterms:created>`+
			`<dcterms:modified xsi:type="dcterms:W3CDTF">`+stamp+`</dcterms:modified>`+
			`</cp:coreProperties>`)
	}
	return lastCore.p
}

// MaxRows and MaxColumns are the most rows and columns a worksheet has: a table with a cell
// beyond them is refused.
const (
	MaxRows    = 1048576
	MaxColumns = 16384
)

// appendSheet appends the worksheet of cols and rows to b.
func appendSheet(b []byte, cols []Column, rows [][]string) ([]byte, error) {
	// The used range: the last row and column with a cell.
	lastRow, lastCol := 0, 0
	for j, c := range cols {
		if c.Name != "" {
			lastRow, lastCol = 1, max(lastCol, j+1)
		}
	}
	for i, r := range rows {
		for j := len(r) - 1; j >= 0; j-- {
			if r[j] != "" {
				lastRow, lastCol = i+2, max(lastCol, j+1)
				break
			}
		}
	}
	if lastRow > MaxRows || lastCol > MaxColumns {
		return b, fmt.Errorf("xlsx: the table reaches row %d and column %d; a worksheet has at most %d rows and %d columns", lastRow, lastCol, MaxRows, MaxColumns)
	}
	names := columnNames(lastCol)

	b = append(b, xmlDecl+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`...)
	if lastRow > 0 {
		b = append(b, `<dimension ref="A1`...)
		if lastRow > 1 || lastCol > 1 {
			b = append(b, ':')
			b = append(b, names[lastCol-1]...)
			b = strconv.AppendInt(b, int64(lastRow), 10)
		}
		b = append(b, `"/>`...)
	}
	if len(cols) > 0 {
		b = append(b, `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`+
			`</sheetView></sheetViews>`...)
		b = appendWidths(b, cols)
	}
	b = append(b, `<sheetData>`...)
	b = appendRow(b, names, 1, len(cols), func(j int) (string, Kind) { return cols[j].Name, Text }, 1)
	for i, r := range rows {
		b = appendRow(b, names, i+2, len(r), func(j int) (string, Kind) {
			if j < len(cols) {
				return r[j], cols[j].Kind
			}
			return r[j], Text
		}, 0)
	}
	return append(b, `</sheetData></worksheet>`...), nil
}

// appendWidths appends the cols element of the columns' widths, a run of columns of the same
// width as one range, or nothing when none has a width.
func appendWidths(b []byte, cols []Column) []byte {
	width := func(j int) float64 {
		if w := cols[j].Width; w > 0 && !math.IsInf(w, 1) {
			return min(w, 255)
		}
		return 0
	}
	open := false
	for j := 0; j < len(cols); j++ {
		w := width(j)
		if w == 0 {
			continue
		}
		k := j
		for k+1 < len(cols) && width(k+1) == w {
			k++
		}
		if !open {
			b = append(b, `<cols>`...)
			open = true
		}
		b = append(b, `<col min="`...)
		b = strconv.AppendInt(b, int64(j+1), 10)
		b = append(b, `" max="`...)
		b = strconv.AppendInt(b, int64(k+1), 10)
		b = append(b, `" width="`...)
		b = strconv.AppendFloat(b, w, 'f', -1, 64)
		b = append(b, `" customWidth="1"/>`...)
		j = k
	}
	if open {
		b = append(b, `</cols>`...)
	}
	return b
}

// appendRow appends row n of n cells, cell(j) giving the text and kind of the j-th, each of
// style s; a row without a cell is left out.
func appendRow(b []byte, names []string, n, cells int, cell func(j int) (string, Kind), s int) []byte {
	open := false
	for j := range cells {
		v, kind := cell(j)
		if v == "" {
			continue
		}
		if !open {
			b = append(b, `<row r="`...)
			b = strconv.AppendInt(b, int64(n), 10)
			b = append(b, `">`...)
			open = true
		}
		b = append(b, `<c r="`...)
		b = append(b, names[j]...)
		b = strconv.AppendInt(b, int64(n), 10)
		if s != 0 {
			b = append(b, `" s="`...)
			b = strconv.AppendInt(b, int64(s), 10)
		}
		if kind == Number && isInteger(v) {
			b = append(b, `"><v>`...)
			b = append(b, v...)
			b = append(b, `</v></c>`...)
			continue
		}
		b = append(b, `" t="inlineStr"><is><t`...)
		if preserve(v) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = appendText(b, v)
		b = append(b, `</t></is></c>`...)
	}
	if open {
		b = append(b, `</row>`...)
	}
	return b
}

// columnNames are the names of the first n columns: A, B, …, Z, AA, ….
func columnNames(n int) []string {
	names := make([]string, n)
	for j := range names {
		var s []byte
		for k := j + 1; k > 0; k = (k - 1) / 26 {
			s = append([]byte{byte('A' + (k-1)%26)}, s...)
		}
		names[j] = string(s)
	}
	return names
}

// isInteger reports whether v is a decimal integer as strconv.Itoa writes it, of at most 15
// digits: a number a spreadsheet holds and shows exactly.
func isInteger(v string) bool {
	d := v
	if len(d) > 0 && d[0] == '-' {
		d = d[1:]
	}
	if len(d) == 0 || len(d) > 15 || d[0] == '0' && (len(d) > 1 || len(v) > 1) {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

// preserve reports whether v begins or ends with white space, which a reader keeps only
// when told to.
func preserve(v string) bool {
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	return space(v[0]) || space(v[len(v)-1])
}

// appendText appends v as the text of an XML element: cut to MaxText, escaped as Write says.
func appendText(b []byte, v string) []byte {
	if len(v) > MaxText {
		v = cut(v)
	}
	start := 0 // v[start:i] is still to append as it is
	for i := 0; i < len(v); {
		c := v[i]
		var esc string
		size := 1
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\r':
			esc = "&#xD;" // a reader would take a bare CR for a line feed
		case c == '_' && isEscape(v[i:]):
			esc = "_x005F_"
		case c < 0x20 && c != '\t' && c != '\n':
			esc = "_x00" + hex2(c) + "_"
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(v[i:])
			size = n
			switch {
			case r == utf8.RuneError && n == 1:
				esc = "\uFFFD"
			case r == 0xFFFE:
				esc = "_xFFFE_"
			case r == 0xFFFF:
				esc = "_xFFFF_"
			}
		}
		if esc == "" {
			i += size
			continue
		}
		b = append(b, v[start:i]...)
		b = append(b, esc...)
		i += size
		start = i
	}
	return append(b, v[start:]...)
}

// hex2 is c in two upper-case hexadecimal digits.
func hex2(c byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// isEscape reports whether s begins with an escape _xHHHH_, which a reader would read as
// the character U+HHHH.
func isEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for i := 2; i < 6; i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
		default:
			return false
		}
	}
	return true
}

// cut is the longest start of v of at most MaxText UTF-16 code units that ends at a
// character's end; a byte that is not UTF-8 counts as one unit (it is written as U+FFFD).
func cut(v string) string {
	units := 0
	for i := 0; i < len(v); {
		r, n := utf8.DecodeRuneInString(v[i:])
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > MaxText {
			return v[:i]
		}
		units += u
		i += n
	}
	return v
}
