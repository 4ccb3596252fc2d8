package render

// Layouts: the built-in ones are embedded (layouts/), a site's own layouts/ replaces any of
// them file by file; assets are written under names that carry their content's hash.

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"

	"github.com/ntm-atlas/atlas/internal/model"
)

// builtin holds the built-in layouts, their assets among them.
//
//go:embed layouts
var builtin embed.FS

// layout returns the named layout file: the site's, if it has one, else the built-in one.
func (r *renderer) layout(name string) ([]byte, error) {
	if r.opts.Layouts != nil {
		if b, err := fs.ReadFile(r.opts.Layouts, name); err == nil {
			return b, nil
		}
	}
	b, err := fs.ReadFile(builtin, "layouts/"+name)
	if err != nil {
		return nil, fmt.Errorf("layout %s: %w", name, err)
	}
	return b, nil
}

// assets writes every file of the assets layout folder (built-in, or the site's file of the
// same name) under a name that carries its content hash, so it can be cached forever:
// assets/atlas.css becomes assets/immutable/atlas.1a2b3c4d5e.css (model.AssetPath). Templates name them with the asset
// function: {{.Root}}{{asset "atlas.css"}}.
func (r *renderer) assets() error {
	entries, err := fs.ReadDir(builtin, path.Join("layouts", model.AssetsDir))
	if err != nil {
		return err
	}
	r.assetPaths = map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := r.layout(model.AssetsDir + e.Name())
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		p := model.AssetPath(e.Name(), hex.EncodeToString(sum[:])[:10])
		r.assetPaths[e.Name()] = p
		r.out.put(p, b)
	}
	r.css = r.assetPaths["atlas.css"]
	return nil
}

// asset returns the output path of the named asset, for templates.
func (r *renderer) asset(name string) (string, error) {
	p, ok := r.assetPaths[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in layouts/assets", name)
	}
	return p, nil
}

// template returns the page template name, parsed over the base layout and partials.
func (r *renderer) template(name string) (*template.Template, error) {
	if t, ok := r.cache[name]; ok {
		return t, nil
	}
	if r.base == nil {
		base := template.New("baseof.html").Funcs(funcs(r.loc)).Funcs(template.FuncMap{"asset": r.asset})
		for _, f := range []string{"baseof.html", "partials.html", "embed-snippet.html", "bar.html"} {
			src, err := r.layout(f)
			if err != nil {
				return nil, err
			}
			t := base
			if f != base.Name() {
				t = base.New(f)
			}
			if _, err := t.Parse(string(src)); err != nil {
				return nil, fmt.Errorf("layout %s: %w", f, err)
			}
		}
		r.base = base
		r.cache = map[string]*template.Template{}
	}
	src, err := r.layout(name)
	if err != nil {
		return nil, err
	}
	t, err := template.Must(r.base.Clone()).New(name).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("layout %s: %w", name, err)
	}
	r.cache[name] = t
	return t, nil
}
