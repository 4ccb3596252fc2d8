package read

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// districts reads the former districts table, model.DistrictsFile, when the site has one.
func (r *reader) districts(s *model.Site) {
	if _, err := fs.Stat(r.fsys, model.DistrictsFile); errors.Is(err, fs.ErrNotExist) {
		return
	}
	data, ok := r.fileMax(model.DistrictsFile, r.limits.TableBytes())
	if !ok {
		r.files.failed[model.DistrictsFile] = true
		return
	}
	rows, errs := DistrictRows(model.DistrictsFile, data)
	r.errs.Append(errs)
	if len(errs.Errors()) > 0 {
		r.files.failed[model.DistrictsFile] = true
	}
	s.DistrictRows = rows
	s.Districts = districtsOf(rows)
}

// DistrictRows parses a former districts table: UTF-8 CSV (a byte order mark is skipped), a
// header naming the columns of model.DistrictColumns in any order, then one row a former unit.
// Cells are trimmed, their runs of spaces made one ("Xã  Tư", as the source writes a few names,
// is "Xã Tư") and put in NFC. It returns the rows it could read and every problem, each
// at its line and column: a row with the wrong number of cells, an empty or repeated code, a
// code that is not digits, a district code given two names.
func DistrictRows(file string, data []byte) ([]*model.DistrictRow, diag.List) {
	var errs diag.List
	bom := 0
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		data, bom = data[3:], 3
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			errs.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "the table is empty: its first line names the columns %s", strings.Join(model.DistrictColumns, ","))
		} else {
			errs.Append(csvError(file, err, bom))
		}
		return nil, errs
	}
	col := make([]int, len(header)) // the DistrictColumns index of each column of the file
	have := map[int]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		line, c := cr.FieldPos(i)
		j := indexOf(model.DistrictColumns, name)
		switch {
		case j < 0:
			errs.Errorf(diag.Pos{File: file, Line: line, Col: c + colShift(line, bom)}, "unknown column %q (the columns are %s)", h, strings.Join(model.DistrictColumns, ", "))
		case have[j] != 0:
			errs.Errorf(diag.Pos{File: file, Line: line, Col: c + colShift(line, bom)}, "column %q is repeated", h)
		}
		col[i] = j
		have[j] = i + 1
	}
	for j, name := range model.DistrictColumns {
		if have[j] == 0 {
			errs.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "no %q column", name)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var rows []*model.DistrictRow
	codes := map[string]int{}
	type named struct {
		d    *model.District
		line int
	}
	districts := map[string]named{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs.Append(csvError(file, err, bom))
			if _, ok := err.(*csv.ParseError); ok && errors.Is(err, csv.ErrFieldCount) {
				continue // the next row may still be read
			}
			break
		}
		line, _ := cr.FieldPos(0)
		row := &model.DistrictRow{File: file, Line: line}
		for i, cell := range rec {
			_, c := cr.FieldPos(i)
			row.Cells[col[i]] = vi.NFC(strings.Join(strings.Fields(cell), " "))
			row.Cols[col[i]] = c + colShift(line, bom)
		}
		code := row.Cells[model.DCode]
		switch {
		case code == "":
			errs.Errorf(row.Pos(model.DCode), "the row has no code")
			continue
		case !digits(code):
			errs.Errorf(row.Pos(model.DCode), "code %q must be digits only", code)
			continue
		case codes[code] != 0:
			errs.Errorf(row.Pos(model.DCode), "code %s is also on line %d", code, codes[code])
			continue
		}
		codes[code] = line
		if dc := row.Cells[model.DDistrictCode]; dc == "" || !digits(dc) {
			errs.Errorf(row.Pos(model.DDistrictCode), "district_code %q must be digits", dc)
		} else if prev, ok := districts[dc]; ok {
			if d := row.District(); *d != *prev.d {
				errs.Errorf(row.Pos(model.DDistrictName), "district %s is %s (%s, province %s %s) here but %s (%s, province %s %s) on line %d",
					dc, d.Name, d.Type, d.OldProvince, d.OldProvinceName, prev.d.Name, prev.d.Type, prev.d.OldProvince, prev.d.OldProvinceName, prev.line)
			}
		} else {
			districts[dc] = named{row.District(), line}
		}
		rows = append(rows, row)
	}
	return rows, errs
}

// colShift is what a column of line must be shifted by for a byte order mark the reader did
// not see.
func colShift(line, bom int) int {
	if line == 1 {
		return bom
	}
	return 0
}

// csvError places a CSV syntax error.
func csvError(file string, err error, bom int) diag.List {
	var l diag.List
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		l.Errorf(diag.Pos{File: file, Line: pe.Line, Col: pe.Column + colShift(pe.Line, bom)}, "%v", pe.Err)
		return l
	}
	l.Wrap(diag.Pos{File: file}, err, "cannot read the table")
	return l
}

// districtsOf returns the districts the rows name, by code.
func districtsOf(rows []*model.DistrictRow) []*model.District {
	seen := map[string]bool{}
	var out []*model.District
	for _, r := range rows {
		if dc := r.Cells[model.DDistrictCode]; dc != "" && !seen[dc] {
			seen[dc] = true
			out = append(out, r.District())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// districtsOfFiles adds to s.Districts every district a former unit's file names by its code
// (district_code, district) that the table does not, so that a site without a table, or a
// unit that ended before the table was drawn up, still names its districts.
func districtsOfFiles(s *model.Site) {
	known := map[string]bool{}
	for _, d := range s.Districts {
		known[d.Code] = true
	}
	added := false
	for _, f := range s.Former {
		if f.DistrictCode != "" && f.District != "" && !known[f.DistrictCode] {
			known[f.DistrictCode] = true
			s.Districts = append(s.Districts, &model.District{Code: f.DistrictCode, Name: f.District, OldProvince: f.OldProvinceCode})
			added = true
		}
	}
	if added {
		sort.Slice(s.Districts, func(i, j int) bool { return s.Districts[i].Code < s.Districts[j].Code })
	}
}

// joinDistricts gives each former unit that the table lists (by its code, as a unit that ended
// with the reform) its row, its old province's code and, where its file names none, its
// district. A district its file names is kept: validation compares it with the table's.
func joinDistricts(s *model.Site) {
	defer districtsOfFiles(s)
	if len(s.DistrictRows) == 0 {
		return
	}
	byKey := make(map[string]*model.FormerUnit, len(s.Former))
	for _, f := range s.Former {
		if _, ok := byKey[f.Key()]; !ok {
			byKey[f.Key()] = f
		}
	}
	for _, row := range s.DistrictRows {
		f := byKey[row.Cells[model.DCode]]
		if f == nil || f.DistrictFrom != nil {
			continue
		}
		f.DistrictFrom = row
		f.OldProvinceCode = row.Cells[model.DProvinceCode]
		if f.District == "" && f.DistrictCode == "" {
			f.District, f.DistrictCode = row.Cells[model.DDistrictName], row.Cells[model.DDistrictCode]
		}
	}
	// A unit that ended earlier, whose file names its district's code, lay in that district's
	// province.
	byCode := map[string]*model.District{}
	for _, d := range s.Districts {
		byCode[d.Code] = d
	}
	for _, f := range s.Former {
		if f.OldProvinceCode == "" {
			if d := byCode[f.DistrictCode]; d != nil {
				f.OldProvinceCode = d.OldProvince
			}
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
