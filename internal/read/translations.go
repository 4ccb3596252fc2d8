package read

import (
	"strings"

	"github.com/ntm-atlas/atlas/internal/diag"
	"github.com/ntm-atlas/atlas/internal/model"
)

// translationSuffix ends the file name of a story's English translation: content/stories/
// muoi-nam.en.md translates muoi-nam.md.
const translationSuffix = ".en.md"

// attachTranslations takes the English translations of stories out of the story list and
// gives their title, summary, credit and body to the Vietnamese story they translate. Every other
// field (date, units, source) is the Vietnamese story's. A translation without its story is
// an error, unless the story is there but could not be read (failed, as Files.Failed says):
// its own error is the one to fix.
func attachTranslations(s *model.Site, failed func(file string) bool) diag.List {
	var errs diag.List
	byFile := map[string]*model.Story{}
	for _, st := range s.Stories {
		byFile[st.File] = st
	}
	kept := s.Stories[:0]
	for _, st := range s.Stories {
		vi, ok := strings.CutSuffix(st.File, translationSuffix)
		if !ok {
			kept = append(kept, st)
			continue
		}
		orig := byFile[vi+".md"]
		if orig == nil {
			if failed != nil && failed(vi+".md") {
				continue
			}
			errs.Errorf(diag.Pos{File: st.File, Line: 1, Col: 1}, "English translation of %s.md, which does not exist", vi)
			continue
		}
		if orig.TitleEn == "" {
			orig.TitleEn = st.Title
		}
		if orig.SummaryEn == "" {
			orig.SummaryEn = st.Summary
		}
		if orig.CreditEn == "" {
			orig.CreditEn = st.Credit
		}
		orig.BodyEn = st.Body
	}
	s.Stories = kept
	return errs
}
