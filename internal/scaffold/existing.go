package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/ntm-atlas/atlas/internal/contentfile"
	"github.com/ntm-atlas/atlas/internal/read"
)

// siteConfig is the part of atlas.toml the templates need.
type siteConfig struct {
	Province   string `toml:"province"`
	Boundaries []struct {
		File             string `toml:"file"`
		CodeProperty     string `toml:"code_property"`
		NameProperty     string `toml:"name_property"`
		TypeProperty     string `toml:"type_property"`
		ProvinceProperty string `toml:"province_property"`
	} `toml:"boundaries"`
}

func readConfig(site string) (*siteConfig, error) {
	var c siteConfig
	name := filepath.Join(site, "atlas.toml")
	if _, err := toml.DecodeFile(name, &c); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no atlas.toml: not a site folder (give it with -s, or start one with atlas new site)", site)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &c, nil
}

// NewUnit writes content/units/<code>.toml in site: the status file of the unit whose
// boundary has that code, named, typed and placed in its province as the boundary file
// says, with a commented template of an assessment. It returns the path written, and
// refuses to overwrite a file.
func NewUnit(site, code string) (string, error) {
	c, err := readConfig(site)
	if err != nil {
		return "", err
	}
	want, ok := codeOf(code, 5)
	if !ok {
		return "", fmt.Errorf("%q: a unit code is digits only", code)
	}
	dst := filepath.Join(site, "content", "units", want+".toml")
	if _, err := os.Stat(dst); err == nil {
		return "", fmt.Errorf("%s: exists; edit it instead", dst)
	}
	for _, bd := range c.Boundaries {
		p := Properties{Code: or(bd.CodeProperty, "code"), Name: or(bd.NameProperty, "name"), Type: or(bd.TypeProperty, "type"), Province: or(bd.ProvinceProperty, "province_code")}
		b, err := ReadBoundaries(filepath.Join(site, filepath.FromSlash(bd.File)), p)
		if err != nil {
			return "", err
		}
		for _, u := range b.Units {
			if u.Code != want {
				continue
			}
			prov := u.Province
			if prov == "" {
				prov = c.Province
			}
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return "", err
			}
			data, err := unitFile(b, u, prov)
			if err != nil {
				return "", err
			}
			if err := checkSize(site, dst, data); err != nil {
				return "", err
			}
			return dst, os.WriteFile(dst, data, 0o644)
		}
	}
	return "", fmt.Errorf("no boundary has code %s: a unit needs one (atlas.toml [[boundaries]])", want)
}

// NewStory writes content/stories/<date>-<slug>.md in site: a story titled title, dated
// date, with its front matter to fill in. It returns the path written, and refuses to
// overwrite a file.
func NewStory(site, title string, date time.Time) (string, error) {
	c, err := readConfig(site)
	if err != nil {
		return "", err
	}
	if title == "" {
		return "", errors.New("a story needs a title")
	}
	dst := filepath.Join(site, "content", "stories", StoryName(title, date))
	if _, err := os.Stat(dst); err == nil {
		return "", fmt.Errorf("%s: exists; edit it instead", dst)
	}
	var provs []string
	if c.Province != "" {
		provs = []string{c.Province}
	}
	data, err := StoryFile(title, date, provs, false)
	if err != nil {
		return "", err
	}
	if err := checkSize(site, dst, data); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	return dst, os.WriteFile(dst, data, 0o644)
}

// checkSize returns an error when data, the file dst about to be written into site, is larger
// than the site's [limits] let the build read.
func checkSize(site, dst string, data []byte) error {
	lim, err := read.Limits(site)
	if err != nil {
		return err
	}
	return contentfile.CheckSize(dst, data, lim.FileBytes())
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
