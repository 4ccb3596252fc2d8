package status

import (
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

func TestFigureOf(t *testing.T) {
	ms := func(m ...*model.Milestone) []*model.Milestone { return m }
	std := func(y, mo, count, total int, area string) *model.Milestone {
		return &model.Milestone{Year: y, Month: mo, Level: "standard", Count: count, Total: total, Area: area}
	}
	adv := &model.Milestone{Year: 2025, Month: 6, Level: "advanced", Count: 8, Total: 100}
	// done is a province-wide recognition at the standard level: area "" for the whole.
	done := func(y, mo int, kind, area string) []*model.AreaRecognition {
		return []*model.AreaRecognition{{Scope: model.ScopeProvince, Level: "standard", Year: y, Month: mo, Kind: kind, Area: area}}
	}
	tests := []struct {
		name  string
		p     *model.Province
		year  int
		kind  FigureKind
		class Class
		met   int
		total int
		date  Moment
		parts int // parts with a figure
	}{
		{"nothing", &model.Province{}, 0, NoFigure, NoData, 0, 0, Moment{}, 0},
		{"another level only", &model.Province{Milestones: ms(adv)}, 0, NoFigure, NoData, 0, 0, Moment{}, 0},
		{"share", &model.Province{Milestones: ms(std(2023, 7, 382, 382, ""))}, 0, ShareFigure, "share-5", 382, 382, Moment{2023, 7}, 0},
		{"count without a total", &model.Province{Milestones: ms(std(2022, 9, 299, 0, ""))}, 0, CountFigure, CountOnly, 299, 0, Moment{2022, 9}, 0},
		{"the latest whole figure", &model.Province{Milestones: ms(std(2017, 12, 16, 0, ""), std(2024, 6, 65, 0, ""), adv)}, 0, CountFigure, CountOnly, 65, 0, Moment{2024, 6}, 0},
		{"as of a year", &model.Province{Milestones: ms(std(2017, 12, 16, 0, ""), std(2024, 6, 65, 0, ""))}, 2020, CountFigure, CountOnly, 16, 0, Moment{2017, 12}, 0},
		{"before any figure", &model.Province{Milestones: ms(std(2017, 12, 16, 0, ""))}, 2016, NoFigure, NoData, 0, 0, Moment{}, 0},
		{"parts of different dates, never summed",
			&model.Province{Parts: []string{"A", "B"}, Milestones: ms(std(2021, 8, 97, 115, "A"), std(2023, 6, 137, 142, "B"))},
			0, PartsFigure, Parts, 0, 0, Moment{2021, 8}, 2},
		{"a part without a figure",
			&model.Province{Parts: []string{"A", "B", "C"}, Milestones: ms(std(2024, 3, 136, 196, "B"))},
			0, PartsFigure, Parts, 0, 0, Moment{2024, 3}, 1},
		{"parts of one moment, summed",
			&model.Province{Parts: []string{"A", "B"}, Milestones: ms(std(2022, 6, 50, 100, "A"), std(2022, 6, 30, 50, "B"))},
			0, ShareFigure, "share-2", 80, 150, Moment{2022, 6}, 0},
		{"parts of one moment, one without a total",
			&model.Province{Parts: []string{"A", "B"}, Milestones: ms(std(2022, 6, 50, 100, "A"), std(2022, 6, 30, 0, "B"))},
			0, PartsFigure, Parts, 0, 0, Moment{2022, 6}, 2},
		{"the whole province newer than its parts",
			&model.Province{Parts: []string{"A", "B"}, Milestones: ms(std(2018, 12, 90, 0, "A"), std(2024, 9, 83, 83, "B"), std(2025, 10, 97, 97, ""))},
			0, ShareFigure, "share-5", 97, 97, Moment{2025, 10}, 0},
		{"a part newer than the whole province",
			&model.Province{Parts: []string{"A", "B"}, Milestones: ms(std(2019, 6, 141, 145, ""), std(2021, 1, 10, 20, "A"))},
			0, PartsFigure, Parts, 0, 0, Moment{2021, 1}, 1},
		{"a completion newer than the count",
			&model.Province{Milestones: ms(std(2023, 7, 382, 382, "")), Areas: done(2025, 6, "decision", "")},
			0, CompleteFigure, Complete, 0, 0, Moment{2025, 6}, 0},
		{"a count as new as the completion: the count",
			&model.Province{Milestones: ms(std(2024, 1, 181, 181, "")), Areas: done(2024, 1, "decision", "")},
			0, ShareFigure, "share-5", 181, 181, Moment{2024, 1}, 0},
		{"a completion alone", &model.Province{Areas: done(2022, 6, "report", "")}, 0, CompleteFigure, Complete, 0, 0, Moment{2022, 6}, 0},
		{"a completion not yet", &model.Province{Areas: done(2022, 6, "report", "")}, 2021, NoFigure, NoData, 0, 0, Moment{}, 0},
		{"a vote is not a completion", &model.Province{Areas: done(2022, 6, "vote", "")}, 0, NoFigure, NoData, 0, 0, Moment{}, 0},
		{"a district's recognition is not the province's",
			&model.Province{Areas: []*model.AreaRecognition{{Scope: model.ScopeDistrict, Level: "standard", Year: 2022, Kind: "decision"}}},
			0, NoFigure, NoData, 0, 0, Moment{}, 0},
		{"parts: a completion where a part has no count",
			&model.Province{Parts: []string{"A", "B"}, Milestones: ms(std(2022, 12, 66, 86, "A")), Areas: done(2022, 6, "report", "B")},
			0, PartsFigure, Parts, 0, 0, Moment{2022, 6}, 2},
		{"parts: a part's completion newer than its count",
			&model.Province{Parts: []string{"A", "B"}, Milestones: ms(std(2022, 5, 82, 85, "A"), std(2022, 5, 10, 20, "B")), Areas: done(2025, 3, "decision", "A")},
			0, PartsFigure, Parts, 0, 0, Moment{2022, 5}, 2},
		{"a part's completion newer than the whole province's count",
			&model.Province{Parts: []string{"A", "B"}, Milestones: ms(std(2020, 1, 94, 94, "")), Areas: done(2022, 6, "report", "A")},
			0, PartsFigure, Parts, 0, 0, Moment{2022, 6}, 1},
	}
	for _, tt := range tests {
		f := FigureOf(tt.p, tt.year)
		if f.Kind != tt.kind || f.Class() != tt.class || f.Date() != tt.date {
			t.Errorf("%s: kind %v, class %s, date %v; want %v, %s, %v", tt.name, f.Kind, f.Class(), f.Date(), tt.kind, tt.class, tt.date)
		}
		if tt.kind == ShareFigure || tt.kind == CountFigure {
			if f.Share.Met != tt.met || f.Share.Total != tt.total {
				t.Errorf("%s: %d/%d, want %d/%d", tt.name, f.Share.Met, f.Share.Total, tt.met, tt.total)
			}
		}
		if tt.kind == PartsFigure {
			n := 0
			for _, p := range f.Parts {
				if p.Milestone != nil || p.Completion != nil {
					n++
				}
				if p.Milestone != nil && p.Completion != nil {
					t.Errorf("%s: part %s has both a count and a completion", tt.name, p.Area)
				}
			}
			if len(f.Parts) != len(tt.p.Parts) || n != tt.parts {
				t.Errorf("%s: %d parts, %d with a figure; want %d, %d", tt.name, len(f.Parts), n, len(tt.p.Parts), tt.parts)
			}
		}
	}
}

func TestOlder(t *testing.T) {
	figs := []Figure{
		FigureOf(&model.Province{Milestones: []*model.Milestone{{Year: 2025, Month: 10, Level: "standard", Count: 97, Total: 97}}}, 0),
		FigureOf(&model.Province{Milestones: []*model.Milestone{{Year: 2019, Month: 11, Level: "standard", Count: 49, Total: 143}}}, 0),
		FigureOf(&model.Province{Milestones: []*model.Milestone{{Year: 2023, Month: 10, Level: "standard", Count: 5}}}, 0),
		FigureOf(&model.Province{Milestones: []*model.Milestone{{Year: 2023, Month: 9, Level: "standard", Count: 5}}}, 0),
		{},
		FigureOf(&model.Province{Areas: []*model.AreaRecognition{{Scope: model.ScopeProvince, Level: "standard", Year: 2022, Month: 6, Kind: "report"}}}, 0),
	}
	newest := Newest(figs)
	if newest != (Moment{2025, 10}) {
		t.Fatalf("Newest = %v, want 2025-10", newest)
	}
	limit := OlderThan(newest)
	for i, want := range []bool{false, true, false, true, false, true} {
		if got := figs[i].Older(limit); got != want {
			t.Errorf("figure %d (%v): older than %v = %v, want %v", i, figs[i].Date(), limit, got, want)
		}
	}
	if (Moment{2020, 0}).Before(Moment{2020, 12}) || !(Moment{2020, 11}).Before(Moment{2020, 0}) {
		t.Error("a year without a month is not its end")
	}
}
