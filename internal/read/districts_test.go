package read

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ntm-atlas/atlas/internal/model"
)

const districtsHeader = "code,name,type,district_code,district_name,district_type,province_code,province_name\n"

// TestDistrictRows: the former districts table reads into rows with each cell's place, and
// every problem is reported at its line and column (columns count bytes, as everywhere).
func TestDistrictRows(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		rows       int
		want       []string
	}{
		{"good, CRLF, a byte order mark, spaces", "\uFEFF" + strings.ReplaceAll(districtsHeader, "\n", "\r\n") +
			"03664,Xã  Chiềng Xôm ,Xã,116,Thành phố Sơn La,Thành phố,14,Tỉnh Sơn La\r\n", 1, nil},
		{"columns in another order", "name,code,type,district_code,district_name,district_type,province_code,province_name\nXã A,00001,Xã,001,Quận B,Quận,01,Thành phố Hà Nội\n", 1, nil},
		{"empty", "", 0, []string{"t.csv:1:1: error: the table is empty: its first line names the columns code,name,type,district_code,district_name,district_type,province_code,province_name"}},
		{"unknown and missing column", "code,name,type,district_code,district_name,district_typ,province_code,province_name\n", 0, []string{
			`t.csv:1:1: error: no "district_type" column`,
			`t.csv:1:44: error: unknown column "district_typ" (the columns are code, name, type, district_code, district_name, district_type, province_code, province_name)`,
		}},
		{"bad rows", districtsHeader +
			"03664,Xã A,Xã,116,Thành phố Sơn La,Thành phố,14,Tỉnh Sơn La\n" +
			"03664,Xã B,Xã,116,Thành phố Sơn La,Thành phố,14,Tỉnh Sơn La\n" +
			"3664a,Xã C,Xã,116,Thành phố Sơn La,Thành phố,14,Tỉnh Sơn La\n" +
			"03667,Xã D,Xã,116,Huyện Sơn La,Huyện,14,Tỉnh Sơn La\n" +
			"03670,Xã E,Xã,11x,Thành phố Sơn La,Thành phố,14,Tỉnh Sơn La\n" +
			"03673,Xã F,Xã,116\n" +
			"03676,Xã G,Xã,116,Thành phố Sơn La,Thành phố,14,Tỉnh Sơn La\n", 4, []string{
			"t.csv:3:1: error: code 03664 is also on line 2",
			"t.csv:4:1: error: code \"3664a\" must be digits only",
			"t.csv:5:21: error: district 116 is Huyện Sơn La (Huyện, province 14 Tỉnh Sơn La) here but Thành phố Sơn La (Thành phố, province 14 Tỉnh Sơn La) on line 2",
			"t.csv:6:17: error: district_code \"11x\" must be digits",
			"t.csv:7:1: error: wrong number of fields",
		}},
		{"a quote left open", districtsHeader + "03664,\"Xã A,Xã,116\n", 0, []string{`t.csv:2:22: error: extraneous or missing " in quoted-field`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, errs := DistrictRows("t.csv", []byte(tc.data))
			var got []string
			errs.Sort()
			for _, d := range errs {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(rows) != tc.rows {
				t.Errorf("%d rows, want %d", len(rows), tc.rows)
			}
		})
	}
	rows, _ := DistrictRows("t.csv", []byte("\uFEFF"+districtsHeader+"03664,Xã  Chiềng Xôm ,Xã,116,Thành phố Sơn La,Thành phố,14,Tỉnh Sơn La\n"))
	if r := rows[0]; r.Cells[model.DName] != "Xã Chiềng Xôm" || r.Pos(model.DDistrictName).String() != "t.csv:2:35" {
		t.Errorf("row %q, its district at %s", r.Cells, r.Pos(model.DDistrictName))
	}
}

// FuzzDistrictRows: whatever the bytes, DistrictRows returns, every row it gives has a code of
// digits and cells of valid UTF-8, and every problem has a line.
func FuzzDistrictRows(f *testing.F) {
	f.Add([]byte(districtsHeader + "03664,Xã Chiềng Xôm,Xã,116,Thành phố Sơn La,Thành phố,14,Tỉnh Sơn La\n"))
	f.Add([]byte("\uFEFF" + districtsHeader + "03664,\"Xã \"\"A\"\"\",Xã,116,B,Huyện,14,C\r\n"))
	f.Add([]byte(districtsHeader + "1,2,3\n"))
	f.Add([]byte("code\n\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, errs := DistrictRows("f.csv", data)
		for _, r := range rows {
			if !digits(r.Cells[model.DCode]) {
				t.Errorf("row %d: code %q", r.Line, r.Cells[model.DCode])
			}
			for i, c := range r.Cells {
				if !utf8.ValidString(c) && utf8.Valid(data) {
					t.Errorf("row %d cell %d: %q is not UTF-8", r.Line, i, c)
				}
			}
		}
		for _, d := range errs {
			if d.Pos.File != "f.csv" || d.Pos.Line < 1 {
				t.Errorf("%v: no line", fmt.Sprint(d))
			}
		}
	})
}
