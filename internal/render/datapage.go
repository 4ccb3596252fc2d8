package render

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
	Cite              string // an example citation
	// Sourced names the provinces with a sourced share of communes meeting the standard, of
	// Provinces in all; the others show "no data" on the national map.
	Sourced   []Link
	Provinces int
}

// Download is one file of the data page's table.
type Download struct {
	Scope  string // "Toàn atlas", or the province's name
	Format string // "CSV", "JSON", "GeoJSON"
	Href   string // relative to the page
	Name   string // the file's name
	Size   string // in kB, in the page's language
}

// Field is one field of the downloads and what it means.
type Field struct {
	Name    string
	Meaning string
}

// dataPage writes du-lieu/: what each download holds, its licences, and how to cite it. The
// downloads are rendered first, so the page can give their sizes.
func (r *renderer) dataPage() error {
	pg := r.page("data", dataPageDir, r.loc.Phrase("data.title"))
	pg.Description = r.loc.Phrase("data.description")
	d := &DataPageData{AsOf: r.loc.Date(dataAsOf(r.a.Site)), Schema: pg.Root + SchemaPath}
	add := func(scope, province string) {
		for _, f := range []struct{ format, ext string }{{"CSV", "csv"}, {"JSON", "json"}, {"GeoJSON", "geojson"}} {
			p := DataPath(province, f.ext)
			size, ok := r.out.size(p)
			if !ok {
				continue
			}
			d.Downloads = append(d.Downloads, Download{Scope: scope, Format: f.format, Href: pg.Root + p,
				Name: p[len(dataDir):], Size: r.loc.Number(float64(size)/1000) + " kB"})
		}
	}
	add(r.loc.Phrase("data.whole"), "")
	for _, f := range []struct{ format, ext string }{{"CSV", "csv"}, {"JSON", "json"}} {
		p := RecognitionsPath(f.ext)
		if size, ok := r.out.size(p); ok {
			d.Downloads = append(d.Downloads, Download{Scope: r.loc.Phrase("data.recognitions_scope"), Format: f.format, Href: pg.Root + p,
				Name: p[len(dataDir):], Size: r.loc.Number(float64(size)/1000) + " kB"})
		}
	}
	for _, p := range r.a.Site.Provinces {
		add(r.loc.ProvinceName(p), p.Code)
	}
	for _, f := range schemaFields {
		d.Fields = append(d.Fields, Field{Name: f.name, Meaning: r.loc.Phrase("data.field." + f.name)})
	}
	for _, f := range recognitionFields {
		d.RecognitionFields = append(d.RecognitionFields, Field{Name: f.name, Meaning: r.loc.Phrase("data.recognition_field." + f.name)})
	}
	d.RecognitionSchema = pg.Root + RecognitionsSchemaPath
	title := r.loc.Local(r.a.Site.Config.TitleEn, r.a.Site.Config.Title).Value
	d.Cite = r.loc.Phrase("data.cite_example", title, d.AsOf, r.abs(r.loc.Dir()+dataPageDir))
	d.Provinces = len(r.a.Site.Provinces)
	for _, row := range r.nation(pg.Home, 0).Rows {
		if row.Share != nil {
			d.Sourced = append(d.Sourced, Link{Href: row.Href, Title: row.Name})
		}
	}
	pg.Data = d
	return r.write("data.html", pg)
}
