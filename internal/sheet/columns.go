package sheet

import (
	"strings"

	"github.com/ntm-atlas/atlas/internal/vi"
)

// Column is one of the columns a statuses sheet can have.
type Column int

// The columns, in the order Export writes them.
const (
	Code Column = iota
	Name
	Province
	Group
	CriteriaSet
	Level
	Year
	CriteriaMet
	SourceURL
	AsOf
	Note
	numColumns
)

// headers are each column's English header (the key of the TOML field it fills, where it has
// one) and its Vietnamese one.
var headers = [numColumns][2]string{
	Code:        {"code", "mã"},
	Name:        {"name", "tên"},
	Province:    {"province", "tỉnh"},
	Group:       {"group", "nhóm"},
	CriteriaSet: {"criteria_set", "bộ tiêu chí"},
	Level:       {"level", "mức"},
	Year:        {"year", "năm"},
	CriteriaMet: {"criteria_met", "số tiêu chí đạt"},
	SourceURL:   {"source_url", "nguồn"},
	AsOf:        {"as_of", "ngày số liệu"},
	Note:        {"note", "ghi chú"},
}

// Header returns the column's English header, as Export writes it.
func (c Column) Header() string { return headers[c][0] }

// headerKey folds a header for matching: case and diacritics do not count, nor do spaces,
// underscores and hyphens, so "Bộ tiêu chí", "bo_tieu_chi" and "criteria set" all match.
func headerKey(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '_', '-':
			return ' '
		}
		return r
	}, s)
	return strings.ReplaceAll(vi.Fold(s), " ", "")
}

var byHeader = func() map[string]Column {
	m := map[string]Column{}
	for c, h := range headers {
		m[headerKey(h[0])] = Column(c)
		m[headerKey(h[1])] = Column(c)
	}
	return m
}()

// knownHeaders lists the headers a sheet may use, for error messages.
func knownHeaders() string {
	var s []string
	for _, h := range headers {
		s = append(s, h[0]+" ("+h[1]+")")
	}
	return strings.Join(s, ", ")
}
