package model

import (
	"strings"

	"github.com/ntm-atlas/atlas/internal/diag"
)

// What a source is. Only a decision and a report recognise a unit; a council's vote and a list
// of candidates are kept as they were published, but they recognise nothing.
const (
	KindDecision   = "decision"   // the recognising decision, or a page that reports it
	KindReport     = "report"     // an official report, or the press citing one, that the level was met
	KindVote       = "vote"       // a council's vote or resolution (nghị quyết HĐND, hội đồng thẩm định)
	KindCandidates = "candidates" // a list of communes proposed, planned or under appraisal
)

// Kinds lists every kind, those that recognise first.
var Kinds = []string{KindDecision, KindReport, KindVote, KindCandidates}

// KindOf is the kind of a record whose kind key is kind and decision key is decision: the kind
// written, else "decision" when a decision is named, else "report".
func KindOf(kind, decision string) string {
	switch {
	case kind != "":
		return kind
	case strings.TrimSpace(decision) != "":
		return KindDecision
	}
	return KindReport
}

// Recognises reports whether a record of the given kind recognises what it names.
func Recognises(kind string) bool { return kind == KindDecision || kind == KindReport }

// The scopes of an area recognition.
const (
	ScopeDistrict = "district" // a former district (huyện, thị xã, thành phố thuộc tỉnh)
	ScopeProvince = "province" // a whole former province
)

// AreaRecognition records that every commune (xã) of an area met a level by a date: a
// district's or province's recognition (its completion of the programme, "đạt chuẩn / hoàn
// thành nhiệm vụ xây dựng nông thôn mới"), or a sourced report that all the communes of the area
// had met the level. It gives each former xã of the area that existed then the status "met
// through the district's (province's) recognition", never a recognition of its own, and never
// to a ward (phường) or township (thị trấn).
type AreaRecognition struct {
	// Path is where the entry stands in its file, as a key path such as
	// "area_recognitions[1]", so that diagnostics can point at it after sorting. Set by read.
	Path  string `toml:"-"`
	Scope string `toml:"scope"` // ScopeDistrict or ScopeProvince
	// District is the district as the source names it ("huyện Mộc Châu"), checked against the
	// district DistrictCode names; DistrictCode is its code in the former districts table.
	District     string `toml:"district"`
	DistrictCode string `toml:"district_code"`
	// Area is, for a province-wide recognition in a province merged from Parts, the former
	// province it covers (one of Parts).
	Area        string `toml:"area"`
	CriteriaSet string `toml:"criteria_set"` // empty when the source does not say
	Level       string `toml:"level"`
	Year        int    `toml:"year"`
	Month       int    `toml:"month"` // 0 when the source gives only the year
	Kind        string `toml:"kind"`  // see KindOf
	Decision    string `toml:"decision"`
	Source      string `toml:"source"`    // the publisher's name
	SourceEn    string `toml:"source_en"` // the same in English, where the name has words beyond a publisher's
	SourceURL   string `toml:"source_url"`
	ArchiveURL  string `toml:"archive_url"` // an archived copy of the source, when there is one
	Note        string `toml:"note"`
	NoteEn      string `toml:"note_en"`
}

// KindOf is the record's kind: see the function KindOf.
func (a *AreaRecognition) KindOf() string { return KindOf(a.Kind, a.Decision) }

// Revocation records that a former unit lost a level it had been recognised at: the
// recognition was withdrawn (thu hồi), or an official report found that it no longer met the
// level. Every recognition of that level or above, its own or its area's, dated no later than
// the revocation stops counting from then; a recognition dated after it counts again.
type Revocation struct {
	// Path is where the entry stands in its file, as a key path such as "revocations[1]", so
	// that diagnostics can point at it after sorting. Set by read.
	Path        string `toml:"-"`
	CriteriaSet string `toml:"criteria_set"`
	Level       string `toml:"level"` // the level lost
	Year        int    `toml:"year"`
	Month       int    `toml:"month"`
	Kind        string `toml:"kind"` // decision or report; see KindOf
	Decision    string `toml:"decision"`
	SourceURL   string `toml:"source_url"`
	ArchiveURL  string `toml:"archive_url"`
	Note        string `toml:"note"`
	NoteEn      string `toml:"note_en"`
}

// KindOf is the revocation's kind: see the function KindOf.
func (r *Revocation) KindOf() string { return KindOf(r.Kind, r.Decision) }

// District is a district-level unit (huyện, quận, thị xã, thành phố thuộc tỉnh) as it stood
// before districts were abolished on 2025-07-01, from the former districts table.
type District struct {
	Code            string // its code, "116"
	Name            string // with its type: "Thành phố Sơn La"
	Type            string // "Huyện", "Quận", "Thị xã", "Thành phố"
	OldProvince     string // the code of its province before the 2025 merger of provinces, "14"
	OldProvinceName string // that province's name with its type, "Tỉnh Sơn La"
}

// DistrictsFile is the former districts table of a site: each former unit, by the code it held
// on the day the table was drawn up, with its district and its province before 2025-07-01.
const DistrictsFile = "content/former-districts.csv"

// DistrictColumns are the table's columns, in the order the rows' Cells hold them.
var DistrictColumns = []string{"code", "name", "type", "district_code", "district_name", "district_type", "province_code", "province_name"}

// The index of each column in a DistrictRow's Cells.
const (
	DCode = iota
	DName
	DType
	DDistrictCode
	DDistrictName
	DDistrictType
	DProvinceCode
	DProvinceName
)

// DistrictRow is one row of the former districts table, with where each cell stands.
type DistrictRow struct {
	File  string
	Line  int
	Cells [8]string // by DistrictColumns
	Cols  [8]int    // the column of each cell, 1-based
}

// Pos is where the row's cell i stands.
func (r *DistrictRow) Pos(i int) diag.Pos {
	return diag.Pos{File: r.File, Line: r.Line, Col: r.Cols[i]}
}

// District is the district the row names.
func (r *DistrictRow) District() *District {
	return &District{Code: r.Cells[DDistrictCode], Name: r.Cells[DDistrictName], Type: r.Cells[DDistrictType],
		OldProvince: r.Cells[DProvinceCode], OldProvinceName: r.Cells[DProvinceName]}
}
