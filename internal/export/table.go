package export

import (
	"bytes"
	"encoding/csv"

	"github.com/ntm-atlas/atlas/internal/csvcell"
)

// csvBOM starts every CSV download: a UTF-8 byte order mark, so that spreadsheets read
// Vietnamese correctly.
const csvBOM = "\uFEFF"

// A row is one row of a table: its cells in the order of the table's columns.
type row interface{ cells() []string }

// table writes a header and rows as RFC 4180 CSV (CRLF line ends), UTF-8 with a byte order
// mark, each cell neutralized (csvcell.Neutralize: the data page says so). Every CSV download is written by it.
func table[R row](header []string, rows []R) []byte {
	var b bytes.Buffer
	b.WriteString(csvBOM)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(header)
	for _, r := range rows {
		cells := r.cells()
		for i := range cells {
			cells[i] = csvcell.Neutralize(cells[i])
		}
		w.Write(cells)
	}
	w.Flush()
	return b.Bytes()
}
