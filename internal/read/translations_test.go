package read

import (
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

func TestAttachTranslations(t *testing.T) {
	vi := &model.Story{File: "content/stories/a.md", Slug: "a", Title: "Tin", Body: []byte("Bài")}
	en := &model.Story{File: "content/stories/a.en.md", Slug: "a-en", Title: "News", Summary: "In short", Body: []byte("Story")}
	orphan := &model.Story{File: "content/stories/b.en.md", Slug: "b-en", Title: "Alone"}
	s := &model.Site{Stories: []*model.Story{vi, en, orphan}}
	errs := attachTranslations(s, nil)
	if len(s.Stories) != 1 || s.Stories[0] != vi {
		t.Fatalf("stories = %v, want only a.md", s.Stories)
	}
	if vi.TitleEn != "News" || vi.SummaryEn != "In short" || string(vi.BodyEn) != "Story" || vi.Title != "Tin" {
		t.Errorf("a.md after attaching = %+v", vi)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "content/stories/b.en.md:1:1") || !strings.Contains(errs[0].Error(), "b.md") {
		t.Errorf("errs = %v, want one at b.en.md", errs)
	}
}

// TestSiteTranslations: Site returns the whole model, a story's English translation given to
// the story, not listed as a story of its own (sheet and every other reader of Site rely on it).
func TestSiteTranslations(t *testing.T) {
	files := goodSite()
	files["content/stories/muoi-nam.en.md"] = "+++\ntitle = \"Ten years\"\ndate = 2026-11-28\n+++\n\nThe story in English.\n"
	files["content/stories/khong-co.en.md"] = "+++\ntitle = \"Orphan\"\ndate = 2026-11-28\n+++\n\nNo Vietnamese story.\n"
	s, _, errs := Site(writeSite(t, files))
	if len(s.Stories) != 1 {
		t.Fatalf("%d stories, want muoi-nam.md alone", len(s.Stories))
	}
	if st := s.Stories[0]; st.TitleEn != "Ten years" || !strings.Contains(string(st.BodyEn), "The story in English.") {
		t.Errorf("muoi-nam.md: English title %q, body %q", st.TitleEn, st.BodyEn)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "content/stories/khong-co.en.md:1:1") {
		t.Errorf("diagnostics %v, want one at the orphan translation", errs)
	}
}
