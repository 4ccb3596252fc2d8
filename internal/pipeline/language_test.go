package pipeline

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/ntm-atlas/atlas/internal/model"
)

// A visible text of a page: the text between tags, or an alt, title or aria-label attribute,
// with the language in effect where it stands (the nearest lang attribute around it).
type visibleText struct {
	Text string
	Lang string
}

var (
	reMarkup = regexp.MustCompile(`(?s)<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>`)
	reAttr   = regexp.MustCompile(`([a-zA-Z-:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	// Elements whose content is no prose of the page: scripts and styles no reader sees, and
	// code (field names, the embed snippet), which is the same in every language.
	hiddenElements = map[string]bool{"script": true, "style": true, "template": true, "code": true, "pre": true, "textarea": true}
	voidElements   = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
		"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}
	// Attributes a reader sees or hears.
	visibleAttributes = map[string]bool{"alt": true, "title": true, "aria-label": true, "placeholder": true}
)

// pageTexts returns the visible texts of an HTML page, each with its language.
func pageTexts(page string) []visibleText {
	type open struct{ name, lang string }
	stack := []open{{name: "#document"}}
	var out []visibleText
	add := func(s, lang string) {
		s = strings.Join(strings.Fields(html.UnescapeString(s)), " ")
		if s != "" {
			out = append(out, visibleText{Text: s, Lang: lang})
		}
	}
	hidden := ""
	last := 0
	for _, m := range reMarkup.FindAllStringSubmatchIndex(page, -1) {
		lang := stack[len(stack)-1].lang
		if hidden == "" {
			add(page[last:m[0]], lang)
		}
		last = m[1]
		if m[4] < 0 { // a comment
			continue
		}
		closing := page[m[2]:m[3]] == "/"
		name := strings.ToLower(page[m[4]:m[5]])
		if hidden != "" {
			if closing && name == hidden {
				hidden = ""
			}
			continue
		}
		if closing {
			for i := len(stack) - 1; i > 0; i-- {
				if stack[i].name == name {
					stack = stack[:i]
					break
				}
			}
			continue
		}
		attrs := page[m[6]:m[7]]
		elemLang := lang
		var shown []string
		for _, a := range reAttr.FindAllStringSubmatch(attrs, -1) {
			key, val := strings.ToLower(a[1]), a[2]+a[3]
			switch {
			case key == "lang":
				elemLang = val
			case visibleAttributes[key]:
				shown = append(shown, val)
			}
		}
		if name == "meta" || name == "link" {
			shown = nil // a meta's content is for machines; its name attribute is no title
		}
		for _, s := range shown {
			add(s, elemLang)
		}
		if hiddenElements[name] {
			hidden = name
			continue
		}
		if !voidElements[name] && !strings.HasSuffix(attrs, "/") {
			stack = append(stack, open{name: name, lang: elemLang})
		}
	}
	if hidden == "" {
		add(page[last:], stack[len(stack)-1].lang)
	}
	return out
}

// englishFunctionWords are English words that hold a sentence together; no Vietnamese word
// is spelt like them but "an", "to" and "in", which stand beside marked syllables.
var englishFunctionWords = setOf(`the of and is are was were to in for not with from by this that has have had
	which on at be it its as or an a but no all any each than into over under between after before about
	during without within since until up out our we you your who what when where how why can could will
	would should may must do does did been being their they them there these those then only also per`)

// englishWords are common English words of this site's subject.
var englishWords = setOf(`commune communes ward wards province provinces year years source sources
	recognition recognized recognised standard met criteria criterion set sets level levels former unit units
	map maps status started new rural development licence license boundaries mapping data page list listed
	dissolved joined same code name named rest part partial report reports facts more most one two`)

func setOf(words string) map[string]bool {
	s := map[string]bool{}
	for _, w := range strings.Fields(words) {
		s[w] = true
	}
	return s
}

// englishAllowed are names that stay English on a Vietnamese page, each for its reason.
var englishAllowed = []string{
	// The title of a source, cited as its publishers name it.
	"Vietnamese Provinces Database",
	// Licence names are names: a reader looks them up as written.
	"Open Database License", "Creative Commons", "Attribution",
	// "English" in the language switch is the name of the other version, in its own language.
	"English",
}

var reWord = regexp.MustCompile(`[\p{L}\p{N}'’._$-]+`)

// englishRun returns the first run of ASCII words of s (numbers and codes between them do
// not break it) that reads as English, or "": three words or more of which two are English
// function words ("listed on 2025-06-30 under"), or two or more that all are common English
// words ("Not started").
func englishRun(s string) string {
	for _, name := range englishAllowed {
		s = strings.ReplaceAll(s, name, "·")
	}
	// A clause ends at punctuation: "Chưa triển khai (Not started)" holds the clause "Not
	// started", which an unmarked Vietnamese syllable ("khai") before it does not dilute.
	for _, clause := range reClauseEnd.Split(s, -1) {
		if run := englishClause(clause); run != "" {
			return run
		}
	}
	return ""
}

var reClauseEnd = regexp.MustCompile(`[(){}\[\];:,!?“”"–—·]`)

// englishClause is englishRun for text without clause punctuation.
func englishClause(s string) string {
	var run []string
	function, common := 0, 0
	flush := func() string {
		n := len(run)
		english := n >= 3 && function >= 2 || n >= 2 && common == n
		text := strings.Join(run, " ")
		run, function, common = run[:0], 0, 0
		if english {
			return text
		}
		return ""
	}
	for _, w := range reWord.FindAllString(s, -1) {
		switch {
		case strings.IndexFunc(w, unicode.IsLetter) < 0:
			continue // a number or a date reads the same in either language
		case strings.IndexFunc(w, func(r rune) bool { return r > unicode.MaxASCII }) >= 0:
			if found := flush(); found != "" {
				return found
			}
		default:
			run = append(run, w)
			lw := strings.ToLower(strings.Trim(w, ".'’-"))
			if englishFunctionWords[lw] {
				function++
				common++
			} else if englishWords[lw] {
				common++
			}
		}
	}
	return flush()
}

// vietnameseWords are frequent Vietnamese words that are not names; a text holding three of
// them is Vietnamese prose.
var vietnameseWords = setOf(`của và các là được có không những này cho với trong theo đã đạt chuẩn năm xã
	nông thôn mới tiêu chí công nhận nguồn mức chưa bộ từ đến số liệu về một người khi hoặc tại trên`)

// vietnameseRun returns s when at least three of its words are frequent Vietnamese words in
// lower case (names such as Xã Tân Công Chí are capitalised), or "".
func vietnameseRun(s string) string {
	n := 0
	for _, w := range reWord.FindAllString(s, -1) {
		if vietnameseWords[w] {
			n++
		}
	}
	if n >= 3 {
		return s
	}
	return ""
}

// languageProblems lists, for every page of the built site in out, the visible texts that
// are not in the page's language: English sentences on Vietnamese pages, and Vietnamese
// sentences on English pages outside an element marked lang="vi".
func languageProblems(t *testing.T, out string) []string {
	t.Helper()
	var problems []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		english := strings.HasPrefix(rel, enDir) || strings.HasPrefix(rel, model.EmbedDir+enDir)
		if m := reLang.FindString(string(b)); m != "" {
			english = strings.HasPrefix(m, `<html lang="en`)
		}
		for _, tx := range pageTexts(string(b)) {
			switch {
			case !english: // a Vietnamese page shows no English, even marked lang="en"
				if run := englishRun(tx.Text); run != "" {
					problems = append(problems, fmt.Sprintf("%s: English on a Vietnamese page: %q in %q", rel, run, tx.Text))
				}
			case english && !strings.HasPrefix(tx.Lang, "vi"):
				if run := vietnameseRun(tx.Text); run != "" {
					problems = append(problems, fmt.Sprintf("%s: Vietnamese on an English page, not marked lang=\"vi\": %q", rel, run))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(problems)
	return problems
}

// TestOneLanguagePerPage builds the Sơn La fixture under the default site's atlas.toml (its
// credits are those of the data page, du-lieu/, and the sources page) and fails on every
// English sentence in a Vietnamese page and every Vietnamese sentence in an English page that
// is not marked lang="vi": recognition and former-unit notes, criteria set notes, level names
// in parentheses, credits.
func TestOneLanguagePerPage(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		t.Fatal(err)
	}
	config, err := os.ReadFile(filepath.Join(repoRoot, "atlas.toml"))
	if err != nil {
		t.Fatal(err)
	}
	national := regexp.MustCompile(`(?m)^file = ".*"$`)
	if n := len(national.FindAll(config, -1)); n != 1 {
		t.Fatalf("atlas.toml names %d boundary files, want 1", n)
	}
	config = national.ReplaceAll(config, []byte(`file = "geo/son-la-communes-2025.geojson"`))
	if err := os.WriteFile(filepath.Join(site, "atlas.toml"), config, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Site: site, Out: out, Cache: testCache}); err != nil {
		t.Fatal(err)
	}
	for _, p := range languageProblems(t, out) {
		t.Error(p)
	}
	// The checker itself: it must see what it is meant to see.
	for _, c := range []struct {
		text    string
		english bool
	}{
		{"Chưa triển khai (Not started)", true},
		{"listed on 2025-06-30 under Thị xã Mộc Châu", true},
		{"Giấy phép: MIT. Ranh giới cấp xã năm 2025", false},
		{"Vietnamese Provinces Database (thanglequoc/vietnamese-provinces-database), GIS dataset v4.0.0", false},
		{"Xã Chiềng Xôm (Thành phố Sơn La)", false},
	} {
		if got := englishRun(c.text) != ""; got != c.english {
			t.Errorf("englishRun(%q) found English: %v, want %v", c.text, got, c.english)
		}
	}
}

// TestLanguageOfBuiltSite checks a site built beforehand, such as the whole country, the same
// way: ATLAS_BUILT_SITE=/tmp/public go test ./internal/pipeline -run TestLanguageOfBuiltSite.
// Without the variable it is skipped (building the country takes a minute), and fails with
// CI=true: .ci/run builds the default atlas and sets it.
func TestLanguageOfBuiltSite(t *testing.T) {
	dir := builtSite(t)
	if _, err := os.Stat(filepath.Join(dir, model.IndexFile)); err != nil {
		t.Fatalf("ATLAS_BUILT_SITE=%s is not a built site: %v", dir, err)
	}
	for _, p := range languageProblems(t, dir) {
		t.Error(p)
	}
}
