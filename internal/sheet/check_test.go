package sheet

import (
	"testing"

	"github.com/ntm-atlas/atlas/internal/pipeline"
)

// checkSite runs atlas check's checks on the site and returns its errors.
func checkSite(t *testing.T, dir string) string {
	t.Helper()
	all, _ := pipeline.Check(pipeline.Options{Site: dir})
	return all.Errors().Error()
}
