package render

import "github.com/ntm-atlas/atlas/internal/model"

// HomeData is the home page's data.
type HomeData struct {
	Nation  *NationData
	Stories []StoryLink
}

// home writes the home page in the language being rendered (home.html): the national map
// and its table, the national total, the latest stories.
func (r *renderer) home() error {
	s := r.a.Site
	title := r.loc.Local(s.Config.TitleEn, s.Config.Title)
	pg := r.page("home", "", title.Value)
	pg.H1Lang, pg.Title = title.Lang, title.Value
	pg.Description = r.loc.Local(s.Config.DescriptionEn, s.Config.Description).Value
	d := &HomeData{Stories: r.storyLinks(pg.Home, nil)}
	if len(d.Stories) > 5 {
		d.Stories = d.Stories[:5]
	}
	d.Nation = r.nation(pg.Home, 0)
	d.Nation.CSV, d.Nation.DataPage, d.Nation.Figures = pg.Root+model.DataPath("", "csv"), pg.Home+model.DataPageDir, pg.Root+model.FiguresPath("csv")
	if d.Nation.Map != nil {
		d.Nation.Script = r.mapScriptPath(pg.Root)
	}
	pg.Data = d
	var svg string
	if d.Nation.Map != nil {
		var err error
		if svg, err = r.writeMapSVG("", d.Nation.Map); err != nil {
			return err
		}
	}
	r.bar(pg, barOptions{mapSVG: svg})
	d.Nation.Bar = pg.Bar
	return r.write("home.html", pg)
}
