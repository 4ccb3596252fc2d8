package read

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"

	"github.com/ntm-atlas/atlas/internal/model"
)

// Limits returns the [limits] of the site in dir, for a command that writes into the site
// and must write nothing the build would refuse: zero (the defaults) when the site has no
// atlas.toml yet. A configuration that does not decode is an error.
func Limits(dir string) (model.Limits, error) {
	var c struct {
		Limits model.Limits `toml:"limits"`
	}
	name := filepath.Join(dir, ConfigFile)
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return c.Limits, nil
	}
	if err == nil {
		_, err = toml.Decode(string(data), &c)
	}
	if err != nil {
		return c.Limits, fmt.Errorf("%s: %w", name, err)
	}
	return c.Limits, nil
}
