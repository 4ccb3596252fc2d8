package model

import "strings"

// AliasPath returns the site path an alias names, in the form page paths take: without a
// leading slash, and ending in "/" unless it names an .html file. "/xa/chieng-an" and
// "xa/chieng-an/" both give "xa/chieng-an/". The alias must already be a safe site path (see
// internal/validate).
func AliasPath(alias string) string {
	p := strings.TrimPrefix(alias, "/")
	if p != "" && !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, ".html") {
		p += "/"
	}
	return p
}
