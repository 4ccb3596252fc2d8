package pipeline

import (
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/status"
)

// TestSitePages: model.SitePages, the pages atlas diff compares, are exactly the pages a
// build writes in the first language (fallback pages at aliases aside), and each has its
// mirror in every other language.
func TestSitePages(t *testing.T) {
	for _, site := range []string{defaultSite, areasSite} {
		t.Run(filepath.Base(site), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Run(Options{Site: site, Out: out, Cache: testCache}); err != nil {
				t.Fatal(err)
			}
			s, _, err := Load(site)
			if err != nil {
				t.Fatal(err)
			}
			want := model.SitePages(s, status.FirstYear, status.Derive(s).LastYear())
			fallbacks := map[string]bool{}
			for _, rd := range model.Redirects(s) {
				fallbacks[model.PageFile(rd.From)] = true
			}
			built := map[string]bool{}
			err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(out, p)
				file := filepath.ToSlash(rel)
				if !strings.HasSuffix(file, ".html") || fallbacks[file] {
					return nil
				}
				built[file] = true
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var missing []string
			for p := range want {
				file := model.PageFile(p)
				if !built[file] {
					missing = append(missing, file)
				}
				mirror := model.LanguageDir("en") + file
				if strings.HasPrefix(file, model.EmbedDir) {
					mirror = model.EmbedDir + model.LanguageDir("en") + strings.TrimPrefix(file, model.EmbedDir)
				}
				if !built[mirror] {
					missing = append(missing, mirror)
				}
				delete(built, file)
				delete(built, mirror)
			}
			var extra []string
			for file := range built {
				if path.Ext(file) == ".html" {
					extra = append(extra, file)
				}
			}
			slices.Sort(missing)
			slices.Sort(extra)
			if len(missing) > 0 {
				t.Errorf("SitePages lists %d pages the build did not write: %v", len(missing), missing)
			}
			if len(extra) > 0 {
				t.Errorf("the build wrote %d pages SitePages does not list: %v", len(extra), extra)
			}
		})
	}
}
