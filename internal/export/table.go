package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"runtime"
	"strconv"
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
	x.putBook(x.book(path("xlsx"), fields, cells))
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

// A made is a workbook ready to hand on: known by the memo (sum and size), or its bytes.
type made struct {
	path  string
	key   [32]byte
	known bool
	sum   [32]byte
	size  int
	b     []byte
	err   error
	make  func() ([]byte, error) // writes it, when the sink will not take it known
}

// book makes the workbook of fields and rows for path p: known by the memo when it was made
// from the same columns, cells and date before, else recalled or written. It may run on
// several goroutines at once.
func (x *exporter) book(p string, fields []field, rows [][]string) made {
	m := made{path: p, make: func() ([]byte, error) { return x.workbook(fields, rows) }}
	if x.opts.Memo == nil {
		m.b, m.err = m.make()
		return m
	}
	m.key = x.bookKey(fields, rows)
	if m.sum, m.size, m.known = x.opts.Memo.Known(p, m.key); m.known && x.opts.Known != nil {
		return m
	}
	m.known = false
	if b, ok := x.opts.Memo.Recall(p, m.key); ok {
		m.b = b
		return m
	}
	if m.b, m.err = m.make(); m.err == nil {
		x.opts.Memo.Keep(p, m.key, m.b)
	}
	return m
}

// putBook hands a made workbook on, by its hash when the sink takes it so.
func (x *exporter) putBook(m made) {
	if x.err != nil {
		return
	}
	if m.known {
		if _, dup := x.sizes[m.path]; !dup && x.opts.Known(m.path, m.sum, m.size) {
			x.sizes[m.path] = m.size
			return
		}
		if m.b, m.err = m.make(); m.err == nil {
			x.opts.Memo.Keep(m.path, m.key, m.b)
		}
	}
	x.fail(m.err)
	x.put(m.path, m.b)
}

// bookKey is the memo key of a workbook: its columns (name, kind, width), its cells and its
// date. What writes it is keyed by the memo itself (a new program starts with an empty one).
func (x *exporter) bookKey(fields []field, rows [][]string) [32]byte {
	h := sha256.New()
	var n [8]byte
	str := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	str("export-workbook-1")
	str(x.asOfTime.UTC().Format(time.RFC3339))
	for _, f := range fields {
		str(f.name)
		str(f.typ)
		str(strconv.FormatFloat(columnWidths[f.name], 'g', -1, 64))
	}
	for _, r := range rows {
		binary.LittleEndian.PutUint64(n[:], uint64(len(r)))
		h.Write(n[:])
		for _, c := range r {
			str(c)
		}
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
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
