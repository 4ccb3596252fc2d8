package diag_test

import (
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/ntm-atlas/atlas/internal/diag"
)

// A List collects every problem found, in any order; sorted, it prints gcc style, one per
// line, and Err is non-nil only when at least one is an error.
func ExampleList() {
	var l diag.List // the zero value is ready to use
	l.Warnf(diag.Pos{File: "content/units/03670.toml", Line: 2, Col: 8}, "no assessment yet")
	l.Errorf(diag.Pos{File: "content/former/03658.toml", Line: 17, Col: 14}, "source_url: not https")
	l.Errorf(diag.Pos{File: "content/former/03658.toml", Line: 16, Col: 8}, "year %d is before the programme began", 2009)
	l.Errorf(diag.Pos{File: "atlas.toml"}, "no boundary file") // no line: none is printed

	l.Sort()
	diag.Write(os.Stdout, l, diag.Text)
	fmt.Println(len(l.Errors()), "errors,", len(l.Warnings()), "warning; fails:", l.Err() != nil)
	// Output:
	// atlas.toml: error: no boundary file
	// content/former/03658.toml:16:8: error: year 2009 is before the programme began
	// content/former/03658.toml:17:14: error: source_url: not https
	// content/units/03670.toml:2:8: warning: no assessment yet
	// 3 errors, 1 warning; fails: true
}

// In CI, the GitHub format annotates the changed lines of a pull request.
func ExampleWrite_gitHub() {
	var l diag.List
	l.Errorf(diag.Pos{File: "content/former/03658.toml", Line: 16, Col: 8}, "year %d is before the programme began", 2009)
	l.Warnf(diag.Pos{File: "geo/units.geojson"}, "ring of 03670 mended: 2 duplicate points")
	diag.Write(os.Stdout, l, diag.GitHub)
	// Output:
	// ::error file=content/former/03658.toml,line=16,col=8::year 2009 is before the programme began
	// ::warning file=geo/units.geojson::ring of 03670 mended: 2 duplicate points
}

// A List returned as an error is found again with AsList, through any wrapping, and a
// wrapped cause with errors.As.
func ExampleAsList() {
	var l diag.List
	_, cause := strconv.Atoi("2O16")
	l.Wrap(diag.Pos{File: "content/former/03658.toml", Line: 16, Col: 8}, cause, "year")
	err := fmt.Errorf("check: %w", l.Err())

	got, ok := diag.AsList(err)
	fmt.Println(ok, len(got), got[0].Pos)
	var numErr *strconv.NumError
	fmt.Println(errors.As(got[0], &numErr), numErr.Num)
	// Output:
	// true 1 content/former/03658.toml:16:8
	// true 2O16
}

// LineCol turns a byte offset, as a decoder reports it, into the line and column a Pos holds.
func ExampleLineCol() {
	src := []byte("code = \"03658\"\nyear = 2O16\n")
	line, col := diag.LineCol(src, 23) // the 'O' of "2O16"
	var l diag.List
	l.Errorf(diag.Pos{File: "content/former/03658.toml", Line: line, Col: col}, "year: not a number")
	fmt.Println(l.Err())
	// Output:
	// content/former/03658.toml:2:9: error: year: not a number
}
