package pipeline

import (
	"fmt"
	"io"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/geometry"
	"github.com/ntm-atlas/atlas/internal/model"
)

// mapWarnings turns the defects the geometry engine found in the source into warnings at
// each unit's boundary.
func mapWarnings(site *model.Site, maps *geometry.Maps) diag.List {
	at := map[string]diag.Pos{}
	for _, b := range site.Boundaries {
		at[b.Code] = b.Pos
	}
	var out diag.List
	for _, m := range maps.Provinces {
		for _, w := range m.Main.Warnings {
			out.Warnf(at[w.Code], "boundary %s: %s", w.Code, w.Msg)
		}
	}
	out.Sort()
	return out
}

// maxPerFile is how many warnings of one file a build prints one by one; a file with more
// (the shipped national boundaries, whose source defects the maps mend) gets one line that
// counts them, and Options.Verbose lists them all.
const maxPerFile = 3

// LogWarnings prints the warnings, each file's on its own lines or, past maxPerFile, in one
// line that counts them and quotes the first; verbose prints every one on its own line.
func LogWarnings(w io.Writer, ws diag.List, verbose bool) {
	if verbose {
		for _, d := range ws {
			fmt.Fprintln(w, d.Error())
		}
		return
	}
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && ws[j].Pos.File == ws[i].Pos.File {
			j++
		}
		if n := j - i; n > maxPerFile && ws[i].Pos.File != "" {
			fmt.Fprintf(w, "%s: %d warnings, the first: %s (-v lists them all)\n", ws[i].Pos.File, n, ws[i].Msg)
		} else {
			for _, d := range ws[i:j] {
				fmt.Fprintln(w, d.Error())
			}
		}
		i = j
	}
}
