package sheet

import (
	"testing"

	"github.com/ntm-atlas/atlas/internal/build"
)

// checkSite runs atlas check's checks on the site and returns its errors.
func checkSite(t *testing.T, dir string) string {
	t.Helper()
	all, _ := build.Check(build.Options{Site: dir})
	return all.Errors().Error()
}
