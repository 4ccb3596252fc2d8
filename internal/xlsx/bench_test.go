package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"testing"
)

// benchColumns are the columns of the units' downloads (internal/export): 25, of which 5
// are numbers, with the widths the export gives the wider ones.
var benchColumns = func() []Column {
	names := []string{"code", "name", "type", "province", "province_name", "district", "period", "since",
		"until", "level", "level_name", "criteria_met", "criteria_total", "criteria_set", "as_of",
		"as_of_from", "basis", "revoked_year", "source_url", "status", "status_text",
		"formers_eligible", "formers_recognized", "url", "data_as_of"}
	widths := map[string]float64{"name": 20, "province_name": 16, "district": 16, "level_name": 20, "status_text": 36}
	cols := make([]Column, len(names))
	for i, n := range names {
		cols[i] = Column{Name: n, Width: widths[n]}
		switch n {
		case "criteria_met", "criteria_total", "revoked_year", "formers_eligible", "formers_recognized":
			cols[i].Kind = Number
		}
	}
	return cols
}()

// benchRows are n rows like the units' downloads: codes with leading zeros, Vietnamese names,
// dates, counts, addresses, a few cells empty.
func benchRows(n int) [][]string {
	provinces := []string{"Sơn La", "Hà Nội", "Thanh Hóa", "Nghệ An", "Đắk Lắk", "Cà Mau", "Lào Cai"}
	names := []string{"Tân Phú", "Mường Bú", "Phước Hòa", "Đông Thạnh", "Nghĩa Đàn", "Quỳnh Lưu", "Ea Kar"}
	rows := make([][]string, n)
	for i := range rows {
		code := fmt.Sprintf("%05d", 1000+i*3)
		p := i % len(provinces)
		r := []string{code, "Xã " + names[i%len(names)] + " " + strconv.Itoa(i%97), "xa", fmt.Sprintf("%02d", p*4+1),
			provinces[p], "", "current", "2025-07-01", "", "ntm", "Nông thôn mới",
			strconv.Itoa(10 + i%10), "19", "2021-2025", fmt.Sprintf("%d-%02d-%02d", 2015+i%10, 1+i%12, 1+i%28),
			"stated", "", "", "https://sonla.gov.vn/van-ban/" + strconv.Itoa(4000+i), "ntm",
			"Đạt chuẩn nông thôn mới (" + strconv.Itoa(2015+i%10) + ")", strconv.Itoa(i % 4), strconv.Itoa(i % 3),
			"https://ntm.example.vn/" + code + "/", "2026-11-28"}
		if i%5 == 0 {
			r[5], r[6], r[7], r[8] = "Huyện "+names[(i+3)%len(names)], "former", "", "2025-06-30"
			r[17] = strconv.Itoa(2020 + i%5)
		}
		rows[i] = r
	}
	return rows
}

// BenchmarkWrite writes a unit's download (one row) and a national one (10,000 rows) of the
// units' columns, with Write and with the excelize writer it replaced (writeExcelize), and
// reports each workbook's size ("B/book").
func BenchmarkWrite(b *testing.B) {
	for _, tc := range []struct {
		name string
		rows [][]string
	}{
		{"unit", benchRows(1)},
		{"national", benchRows(10000)},
	} {
		for _, w := range []struct {
			name  string
			write func(io.Writer, []Column, [][]string, Options) error
		}{{"xlsx", Write}, {"excelize", writeExcelize}} {
			b.Run(tc.name+"/"+w.name, func(b *testing.B) {
				var buf bytes.Buffer
				b.ReportAllocs()
				for b.Loop() {
					buf.Reset()
					if err := w.write(&buf, benchColumns, tc.rows, Options{}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(buf.Len()), "B/book")
			})
		}
	}
}

// BenchmarkLevel compresses the worksheet of a national table (10,000 rows) at flate's
// levels, for the choice of level: each's time and size ("B/part").
func BenchmarkLevel(b *testing.B) {
	sheet, err := appendSheet(nil, benchColumns, benchRows(10000))
	if err != nil {
		b.Fatal(err)
	}
	for _, lv := range []int{1, 2, 4, 5, 6, 9} {
		b.Run("level="+strconv.Itoa(lv), func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if _, err := deflate(&buf, sheet, lv); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "B/part")
		})
	}
}
