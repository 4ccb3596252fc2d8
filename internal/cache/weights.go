package cache

import (
	"bufio"
	"io"
	"os"
	"path/filepath"

	"github.com/ntm-atlas/atlas/internal/budget"
)

// weightsFile is the cache file of the gzipped sizes the weight budget measured.
const weightsFile = "gzip-sizes"

// Weights returns the gzipped sizes of pages measured by earlier builds (budget.Cache), to
// be given back to SaveWeights after the build; an empty set when there are none.
func (c *Cache) Weights() *budget.Cache {
	switch {
	case c == nil || (c.mem == nil && c.dir == ""):
		return budget.NewCache()
	case c.mem != nil:
		return c.mem.weights
	}
	f, err := os.Open(filepath.Join(c.dir, weightsFile))
	if err != nil {
		return budget.NewCache()
	}
	defer f.Close()
	return budget.ReadCache(bufio.NewReader(f))
}

// SaveWeights keeps the sizes w holds for the next build.
func (c *Cache) SaveWeights(w *budget.Cache) {
	if c == nil || c.mem != nil {
		return // in memory, Weights gave w itself, which holds them already
	}
	c.saveFile(weightsFile, func(out io.Writer) error {
		_, err := w.WriteTo(out)
		return err
	})
}
