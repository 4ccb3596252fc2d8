package pipeline

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

var updateURLs = flag.Bool("update-urls", false, "add the URLs of new pages to testdata/urls.txt")

// urlsFile lists every URL path the atlas has published, one a line, sorted. Lines are only
// ever added: a published link must keep working (docs/urls.md).
const urlsFile = "../../testdata/urls.txt"

const urlsHeader = `# Every URL path the atlas has published, sorted. Add lines, never remove one: a page that
# moves keeps its old path as an alias (docs/urls.md). TestURLs checks that each still
# resolves; ` + "`go test ./internal/pipeline -run URLs -update-urls`" + ` adds new pages.
`

// published reports whether the output file at p has a URL that others may link to or
// quote: pages, feeds, the sitemap and downloads, but not fingerprinted assets.
func published(p string) bool {
	switch {
	case strings.HasPrefix(p, model.AssetsDir), p == model.RedirectsFile:
		return false
	case strings.HasSuffix(p, ".html"), strings.HasSuffix(p, ".xml"), p == model.RobotsFile:
		return true
	}
	return strings.HasPrefix(p, model.DataDir)
}

// urlOf is the URL path of an output file: its folder for an index.html.
func urlOf(file string) string {
	if file == "index.html" {
		return "/"
	}
	if d, ok := strings.CutSuffix(file, "/index.html"); ok {
		return "/" + d + "/"
	}
	return "/" + file
}

// fileOf is the output file a URL path is served from.
func fileOf(u string) string {
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

var reRule = regexp.MustCompile(`^(/\S*)\s+(/\S*|https?://\S+)\s+(200|301|302|303|307|308|404|410)!?$`)

// parseRedirects reads Netlify's _redirects format: "from to status" per line, status with
// an optional "!" to force the rule, blank lines and # comments allowed.
func parseRedirects(t *testing.T, b []byte) map[string]string {
	t.Helper()
	rules := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := reRule.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("_redirects:%d: %q is not a Netlify rule (from to status[!])", n, line)
			continue
		}
		if _, dup := rules[m[1]]; dup {
			t.Errorf("_redirects:%d: a second rule for %s", n, m[1])
		}
		rules[m[1]] = m[2]
	}
	return rules
}

// placeholders applies a rule with Netlify placeholders (/en/xa/:code/card.png) to u: the
// target with the placeholders filled in, if u matches.
func placeholders(from, to, u string) (string, bool) {
	fs, us := strings.Split(from, "/"), strings.Split(u, "/")
	if len(fs) != len(us) {
		return "", false
	}
	for i, f := range fs {
		if strings.HasPrefix(f, ":") {
			to = strings.ReplaceAll(to, f, us[i])
		} else if f != us[i] {
			return "", false
		}
	}
	return to, true
}

// resolves reports whether the URL path u leads to a page: a file of the build, or a
// redirect to one.
func resolves(files map[string][]byte, rules map[string]string, u string) bool {
	for from, to := range rules {
		if strings.Contains(from, "/:") {
			if got, ok := placeholders(from, to, u); ok {
				return resolves(files, nil, got)
			}
		}
	}
	if to, ok := rules[u]; ok {
		_, ok := files[fileOf(to)]
		return ok
	}
	_, ok := files[fileOf(u)]
	return ok
}

func readURLs(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(urlsFile)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			urls = append(urls, l)
		}
	}
	return urls
}

// TestURLs checks that every URL the atlas has published still resolves, that every page
// of today's build is listed, that every current and former unit has its own URL in both
// languages, and that _redirects is in Netlify's format.
func TestURLs(t *testing.T) {
	out, site := buildDefault(t)
	files := readTree(t, out)
	rules := parseRedirects(t, files[model.RedirectsFile])
	for from, to := range rules {
		if strings.Contains(from, "/:") {
			// A rule for a family of URLs: check it on every file it would serve.
			continue
		}
		if !resolves(files, nil, to) {
			t.Errorf("_redirects: %s leads to %s, which is no page", from, to)
		}
	}

	t.Run("published", func(t *testing.T) {
		listed := readURLs(t)
		if !sort.StringsAreSorted(listed) {
			t.Errorf("%s is not sorted", urlsFile)
		}
		for _, u := range listed {
			if !resolves(files, rules, u) {
				t.Errorf("%s was published and no longer resolves: give its page an alias (docs/urls.md)", u)
			}
		}
		var added []string
		for f := range files {
			if u := urlOf(f); published(f) && !slices.Contains(listed, u) {
				added = append(added, u)
			}
		}
		sort.Strings(added)
		if len(added) > 0 && *updateURLs {
			all := append(listed, added...)
			sort.Strings(all)
			if err := os.WriteFile(urlsFile, []byte(urlsHeader+strings.Join(all, "\n")+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		} else if len(added) > 0 {
			t.Errorf("%d new URL(s) not in %s; run `go test ./internal/pipeline -run URLs -update-urls` to add them:\n%s",
				len(added), urlsFile, strings.Join(added, "\n"))
		}
		// Only ever grows: nothing committed may be taken out.
		if head, err := exec.Command("git", "show", "HEAD:testdata/urls.txt").Output(); err == nil {
			for _, l := range strings.Split(string(head), "\n") {
				if l != "" && !strings.HasPrefix(l, "#") && !slices.Contains(listed, l) {
					t.Errorf("%s was removed from %s; lines may only be added", l, urlsFile)
				}
			}
		}
	})

	t.Run("cards", func(t *testing.T) {
		// The English cards published until one card served both languages still resolve.
		for _, u := range site.Units {
			if old := "/" + enDir + model.CardPath(model.UnitPath(u.Code)); !resolves(files, rules, old) {
				t.Errorf("%s does not resolve", old)
			}
		}
		for _, p := range site.Provinces {
			if old := "/" + enDir + model.CardPath(model.ProvincePath(p.Code)); !resolves(files, rules, old) {
				t.Errorf("%s does not resolve", old)
			}
		}
		if resolves(files, rules, "/"+enDir+model.CardPath(model.UnitPath("99999"))) {
			t.Error("the card of a unit that does not exist resolves")
		}
	})

	t.Run("units", func(t *testing.T) {
		owner := map[string]string{}
		claim := func(u, who string) {
			if prev, ok := owner[u]; ok {
				t.Errorf("%s and %s share the URL %s", prev, who, u)
			}
			owner[u] = who
			if !resolves(files, rules, u) {
				t.Errorf("%s: %s does not resolve", who, u)
			}
		}
		for _, lang := range model.Languages {
			prefix := "/" + model.LanguageDir(lang)
			for _, u := range site.Units {
				claim(prefix+model.UnitPath(u.Code), lang+" unit "+u.Code)
			}
			for _, f := range site.Former {
				claim(prefix+model.FormerPath(f.Key()), lang+" former unit "+f.Key())
			}
		}
		if len(owner) != 2*(len(site.Units)+len(site.Former)) {
			t.Errorf("%d unit URLs for %d units", len(owner), len(site.Units)+len(site.Former))
		}
	})

	t.Run("redirects", func(t *testing.T) {
		// The rules of the default site's aliases each have their fallback page. Rules with
		// placeholders (the cards) and splats (each language's 404 page) name no page.
		for from := range rules {
			if strings.Contains(from, "/:") || strings.HasSuffix(from, "*") {
				continue
			}
			if _, ok := files[fileOf(from)]; !ok {
				t.Errorf("%s has a rule but no fallback page", from)
			}
		}
	})
}

func TestParseRedirects(t *testing.T) {
	old, unit := "/"+model.UnitPath("old"), "/"+model.UnitPath("03664")
	enOld, enUnit := "/"+enDir+model.UnitPath("old"), "/"+enDir+model.UnitPath("03664")
	rules := parseRedirects(t, []byte("# c\n\n"+old+"  "+unit+"  301!\n"+enOld+" "+enUnit+" 301\n"))
	if len(rules) != 2 || rules[old] != unit {
		t.Errorf("rules = %v", rules)
	}
	for _, bad := range []string{old[1:] + " " + unit + " 301!", old + " " + unit + " 999", old + " " + unit, "/a /b 301 !"} {
		if reRule.MatchString(bad) {
			t.Errorf("%q parses as a rule", bad)
		}
	}
}
