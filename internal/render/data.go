package render

import (
	"github.com/ntm-atlas/atlas/internal/export"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// DataPageData is the data page's data: the downloads, their fields, the sources' licences
// and how to cite.
type DataPageData struct {
	AsOf      string     // the data's date, in the page's language
	Downloads []Download // whole atlas first, then each province
	Schema    string     // the JSON Schema, relative to the page
	Fields    []Field
	// RecognitionFields are the columns of the recognitions download, one row per
	// recognition, which the year pages count.
	RecognitionFields []Field
	RecognitionSchema string // its JSON Schema, relative to the page
	// FigureFields are the columns of the figures download, one row per sourced figure of
	// a province or the nation, which the national map is drawn from.
	FigureFields []Field
	FigureSchema string // its JSON Schema, relative to the page
	Cite         string // an example citation
	// Sourced names the provinces with a sourced share of communes meeting the standard, of
	// Provinces in all; the others show "no data" on the national map.
	Sourced   []Link
	Provinces int
}

// Download is one file of the data page's table.
type Download struct {
	Scope  string // "Toàn atlas", or the province's name
	Format string // "CSV", "XLSX", "JSON", "GeoJSON"
	Href   string // relative to the page
	Name   string // the file's name
	Size   string // in kB, in the page's language
}

// Field is one field of the downloads and what it means.
type Field struct {
	Name    string
	Meaning string
}

// dataPage writes the data page: what each download holds (internal/export), with its size
// (Options.Downloads), its licences, and how to cite it.
func (r *renderer) dataPage() error {
	r.downloadsWritten()
	pg := r.page("data", model.DataPageDir, r.loc.Phrase("data.title"))
	pg.Description = r.loc.Phrase("data.description")
	d := &DataPageData{AsOf: r.loc.Date(status.DataAsOf(r.a.Site)), Schema: pg.Root + model.SchemaPath}
	add := func(scope, province string) {
		for _, f := range []struct{ format, ext string }{{"CSV", "csv"}, {"XLSX", "xlsx"}, {"JSON", "json"}, {"GeoJSON", "geojson"}} {
			p := model.DataPath(province, f.ext)
			size, ok := r.out.size(p)
			if !ok {
				continue
			}
			d.Downloads = append(d.Downloads, Download{Scope: scope, Format: f.format, Href: pg.Root + p,
				Name: p[len(model.DataDir):], Size: r.loc.Number(float64(size)/1000) + " kB"})
		}
	}
	add(r.loc.Phrase("data.whole"), "")
	for _, f := range []struct{ format, ext string }{{"CSV", "csv"}, {"XLSX", "xlsx"}, {"JSON", "json"}} {
		for _, x := range []struct{ scope, path string }{
			{r.loc.Phrase("data.recognitions_scope"), model.RecognitionsPath(f.ext)},
			{r.loc.Phrase("data.figures_scope"), model.FiguresPath(f.ext)},
		} {
			if size, ok := r.out.size(x.path); ok {
				d.Downloads = append(d.Downloads, Download{Scope: x.scope, Format: f.format, Href: pg.Root + x.path,
					Name: x.path[len(model.DataDir):], Size: r.loc.Number(float64(size)/1000) + " kB"})
			}
		}
	}
	for _, p := range r.a.Site.Provinces {
		add(r.loc.ProvinceName(p), p.Code)
	}
	for _, name := range export.UnitColumns {
		d.Fields = append(d.Fields, Field{Name: name, Meaning: r.loc.Phrase("data.field." + name)})
	}
	for _, name := range export.RecognitionColumns {
		d.RecognitionFields = append(d.RecognitionFields, Field{Name: name, Meaning: r.loc.Phrase("data.recognition_field." + name)})
	}
	d.RecognitionSchema = pg.Root + model.RecognitionsSchemaPath
	for _, name := range export.FigureColumns {
		d.FigureFields = append(d.FigureFields, Field{Name: name, Meaning: r.loc.Phrase("data.figure_field." + name)})
	}
	d.FigureSchema = pg.Root + model.FiguresSchemaPath
	title := r.loc.Local(r.a.Site.Config.TitleEn, r.a.Site.Config.Title).Value
	d.Cite = r.loc.Phrase("data.cite_example", title, d.AsOf, r.abs(r.loc.Dir()+model.DataPageDir))
	d.Provinces = len(r.a.Site.Provinces)
	for _, row := range r.nation(pg.Home, 0).Rows {
		if row.Kind != "none" {
			d.Sourced = append(d.Sourced, Link{Href: row.Href, Title: row.Name})
		}
	}
	pg.Data = d
	return r.write("data.html", pg)
}
