package render

import (
	"strings"

	"github.com/ntm-atlas/atlas/internal/model"
)

// The tests of this package name the pages and files of a built site by asking internal/model
// for its URL scheme, which model's TestURLs pins, rather than spell its folders again.

// pageFile is the output file of the page at site path p in language lang: "xa/03664/index.html"
// for "vi", "en/xa/03664/index.html" for "en".
func pageFile(lang, p string) string { return model.LanguageDir(lang) + model.PageFile(p) }

// upFrom is the relative path from the folder of the output file f up to the folder f's path is
// relative to, as the links of a page begin: "../../" from "xa/03664/index.html", "./" from
// "index.html".
func upFrom(f string) string {
	if n := strings.Count(f, "/"); n > 0 {
		return strings.Repeat("../", n)
	}
	return "./"
}
