package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ntm-atlas/atlas/internal/csvcell"
	"github.com/ntm-atlas/atlas/internal/xlsx"
)

// csvBOM starts every CSV download: a UTF-8 byte order mark, so that spreadsheets read
// Vietnamese correctly.
const csvBOM = "\uFEFF"

// A row is one row of a table: its cells in the order of the table's columns.
type row interface{ cells() []string }

// putTable writes rows as a table download in two files: CSV at path("csv") and XLSX at
// path("xlsx"), with the same header (the fields' names) and cells. Every table download is
// written by it.
func putTable[R row](x *exporter, path func(ext string) string, fields []field, rows []R) {
	cells := make([][]string, len(rows))
	for i, r := range rows {
		cells[i] = r.cells()
	}
	x.put(path("csv"), csvTable(names(fields), cells))
	key := x.workbookKey(fields, cells)
	if x.recallWorkbook(path("xlsx"), key) {
		return
	}
	b, err := x.workbook(fields, cells)
	x.fail(err)
	x.keepWorkbook(path("xlsx"), key, b)
	x.put(path("xlsx"), b)
}

// workbookKey is the memo key of the workbook of fields and rows: its columns, its cells and
// its date. How a workbook is laid out beyond them is the program's, which the memo is
// keyed by too (cache.Memo).
func (x *exporter) workbookKey(fields []field, rows [][]string) [32]byte {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	str := func(s string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	str("export-xlsx-1")
	str(x.asOfTime.UTC().Format(time.RFC3339Nano))
	for _, f := range fields {
		str(f.name)
		str(f.typ)
	}
	for _, r := range rows {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(r)))])
		for _, c := range r {
			str(c)
		}
	}
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// recallWorkbook puts the workbook at p from the memo when it was written from key before,
// and reports whether it did.
func (x *exporter) recallWorkbook(p string, key [32]byte) bool {
	m := x.opts.Memo
	if m == nil {
		return false
	}
	if sum, n, ok := m.Known(p, key); ok && x.putKnown(p, sum, n) {
		return true
	}
	if b, ok := m.Recall(p, key); ok {
		x.put(p, b)
		return true
	}
	return false
}

// keepWorkbook records in the memo that the workbook at p, written from key, is b.
func (x *exporter) keepWorkbook(p string, key [32]byte, b []byte) {
	if x.opts.Memo != nil && b != nil {
		x.opts.Memo.Keep(p, key, b)
	}
}

// csvTable writes a header and rows as RFC 4180 CSV (CRLF line ends), UTF-8 with a byte order
// mark, each cell neutralized (csvcell.Neutralize: the data page says so). rows are left as
// they are.
func csvTable(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(csvBOM)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(header)
	out := make([]string, 0, len(header))
	for _, r := range rows {
		out = out[:0]
		for _, c := range r {
			out = append(out, csvcell.Neutralize(c))
		}
		w.Write(out)
	}
	w.Flush()
	return b.Bytes()
}

// workbook writes a header and rows as an XLSX workbook (internal/xlsx), dated by the data's
// date: a field of JSON type "integer" is a number column, every other field (codes, dates,
// names, lists) text, which a spreadsheet keeps as written, leading zeros and all. No cell is
// neutralized: a text cell is never read as a formula.
func (x *exporter) workbook(fields []field, rows [][]string) ([]byte, error) {
	cols := make([]xlsx.Column, len(fields))
	for i, f := range fields {
		cols[i] = xlsx.Column{Name: f.name, Width: columnWidths[f.name]}
		if f.typ == "integer" {
			cols[i].Kind = xlsx.Number
		}
	}
	var b bytes.Buffer
	err := xlsx.Write(&b, cols, rows, xlsx.Options{Time: x.asOfTime})
	return b.Bytes(), err
}

// each calls fn(i) for every i in [0, n), spread over GOMAXPROCS goroutines, and returns
// when all have returned.
func each(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// columnWidths are the widths, in characters, of the workbooks' wider columns; the others
// keep the spreadsheet's default.
var columnWidths = map[string]float64{
	"name": 20, "province_name": 16, "district": 16, "level_name": 20, "status_text": 36,
	"area": 20, "text": 40, "decision": 30, "source": 30, "assessments": 40, "formers": 60,
}
