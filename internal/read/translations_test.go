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
