package export

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// csvBOM starts every CSV download: a UTF-8 byte order mark, so that spreadsheets read
// Vietnamese correctly.
const csvBOM = "\uFEFF"

// A row is one row of a table: its cells in the order of the table's columns.
type row interface{ cells() []string }

// table writes a header and rows as RFC 4180 CSV (CRLF line ends), UTF-8 with a byte order
// mark, each cell neutralized. Every CSV download is written by it.
func table[R row](header []string, rows []R) []byte {
	var b bytes.Buffer
	b.WriteString(csvBOM)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(header)
	for _, r := range rows {
		cells := r.cells()
		for i := range cells {
			cells[i] = neutralize(cells[i])
		}
		w.Write(cells)
	}
	w.Flush()
	return b.Bytes()
}

// neutralize keeps a spreadsheet from reading a cell as a formula: a cell that begins with
// =, +, -, @, a tab or a carriage return gets a leading apostrophe (OWASP's advice on CSV
// injection). The data page says so.
func neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
