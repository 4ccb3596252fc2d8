package sheet

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/xlsx"
)

// TestReadXLSXReadsWriter: what internal/xlsx writes (atlas export statuses, the downloads),
// the atlas's own reader reads back cell for cell, however hostile the text: leading zeros,
// formulas, XML's special characters, Vietnamese, emoji, white space at the ends, control
// characters, a text's own _xHHHH_, and texts longer than a cell holds (cut to it).
func TestReadXLSXReadsWriter(t *testing.T) {
	cols := []xlsx.Column{{Name: "code"}, {Name: "year", Kind: xlsx.Number}, {Name: "note"}}
	rows := [][]string{
		{"01392", "2026", "Thành phố Hồ Chí Minh — Nguyễn Thị Ánh"},
		{"=1+2", "007", `<&>"'`},
		{"🌾👩‍🌾", "-3", " lead and trail "},
		{"a\x01b\x1fc\x00", "", "tab\tline\nCR\r"},
		{"_x0041_ _x005F_", "1e5", strings.Repeat("ắ", xlsx.MaxText+5)},
	}
	var b bytes.Buffer
	if err := xlsx.Write(&b, cols, rows, xlsx.Options{}); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadXLSX("t.xlsx", bytes.NewReader(b.Bytes()), int64(b.Len()), "", model.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := append([][]string{{"code", "year", "note"}}, rows...)
	want[len(want)-1][2] = strings.Repeat("ắ", xlsx.MaxText)
	if len(tab.Rows) != len(want) || len(tab.Formulas) > 0 {
		t.Fatalf("%d rows, formulas %v; want %d rows, no formula", len(tab.Rows), tab.Formulas, len(want))
	}
	for i, r := range tab.Rows {
		if !slices.Equal(r.Cells, want[i]) {
			t.Errorf("row %d = %.80q, want %.80q", r.N, r.Cells, want[i])
		}
	}
}
