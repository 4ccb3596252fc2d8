package render

import (
	"encoding/xml"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

// parsedFeed is the part of an Atom feed the tests read.
type parsedFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

// checkFeed parses an Atom feed and reports what RFC 4287 requires of it that it lacks.
func checkFeed(t *testing.T, name string, b []byte) parsedFeed {
	t.Helper()
	var f parsedFeed
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if f.ID == "" || f.Title == "" || f.Author.Name == "" {
		t.Errorf("%s: feed lacks id, title or author", name)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		t.Errorf("%s: updated: %v", name, err)
	}
	for i, e := range f.Entries {
		if e.ID == "" || e.Title == "" || e.Link.Href == "" {
			t.Errorf("%s: entry %d lacks id, title or link", name, i)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("%s: entry %d: updated: %v", name, i, err)
		}
	}
	return f
}

func TestFeeds(t *testing.T) {
	a := site()
	a.Site.Stories = append(a.Site.Stories, &model.Story{Slug: "b", Title: "Tin cũ", TitleEn: "Old news", Summary: "Tóm tắt",
		Date: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC), Provinces: []string{"14"}})
	files, err := Site(a, Options{Maps: maps(t)})
	if err != nil {
		t.Fatal(err)
	}
	feed := func(p string) parsedFeed {
		t.Helper()
		return checkFeed(t, p, files[p])
	}
	english := model.LanguageDir("en")
	vi := feed(model.StoriesFeedPath())
	en := feed(english + model.StoriesFeedPath())
	prov := feed(model.ProvinceFeedPath("14"))
	feed(english + model.ProvinceFeedPath("14"))
	if len(vi.Entries) != 2 || len(prov.Entries) != 2 {
		t.Fatalf("feeds have %d and %d entries, want 2", len(vi.Entries), len(prov.Entries))
	}
	if vi.Updated != "2026-01-02T00:00:00Z" {
		t.Errorf("feed updated %s, want the newest story's date", vi.Updated)
	}
	if e := vi.Entries[1]; e.ID != "https://example.org/atlas/"+model.StoryPath("b") || e.Title != "Tin cũ" || e.Summary != "Tóm tắt" || e.Updated != "2025-03-04T00:00:00Z" {
		t.Errorf("entry = %+v", e)
	}
	if e := en.Entries[1]; e.Title != "Old news" || e.Link.Href != "https://example.org/atlas/"+english+model.StoryPath("b") {
		t.Errorf("English entry = %+v", e)
	}
	if en.Lang != "en" || vi.Lang != "vi" {
		t.Errorf("feed languages %q, %q", vi.Lang, en.Lang)
	}
}
