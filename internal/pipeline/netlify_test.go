package pipeline

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/ntm-atlas/atlas/internal/model"
	"github.com/ntm-atlas/atlas/internal/serve"
)

// TestNetlify checks the repository's Netlify configuration (netlify.toml, package.json,
// package-lock.json) and the _redirects of the fixture build against the built tree: see
// netlifyProblems.
func TestNetlify(t *testing.T) {
	out, _ := buildDefault(t)
	for _, p := range netlifyProblems(t, repoRoot, out) {
		t.Error(p)
	}
}

// TestNetlifyBuilt checks the same on a site built beforehand, the national default site in
// CI (ATLAS_BUILT_SITE).
func TestNetlifyBuilt(t *testing.T) {
	for _, p := range netlifyProblems(t, repoRoot, builtSite(t)) {
		t.Error(p)
	}
}

// immutableCache is what a file that never changes under its name is served with, and
// what nothing else may be.
const immutableCache = "public, max-age=31536000, immutable"

// netlifyProblems lists what is wrong, file:line first, with the Netlify configuration of the
// repository at repo for the site built in out:
//   - every [[plugins]] package of netlify.toml is in package.json's dependencies at an exact
//     version, and package-lock.json locks that version (netlify dev refuses to start without
//     it, and npm ci installs it);
//   - _redirects sends a missing path below each language's folder to that language's 404
//     page, which exists, by a rule that no later rule for a path below the folder follows
//     (Netlify takes the first rule that matches);
//   - every target of _redirects is a file of the build or an external URL; a rule with
//     placeholders is tried on every folder of the build it matches, and must match one;
//   - every file whose name carries the hash of its content (a fingerprinted asset) is served
//     with immutableCache by netlify.toml's [[headers]], no other file is, and every HTML page
//     gets a Cache-Control of max-age=0; no header is set by two rules on one path.
func netlifyProblems(t *testing.T, repo, out string) []string {
	t.Helper()
	var probs []string
	add := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }

	tomlName := filepath.Join(repo, "netlify.toml")
	src, err := os.ReadFile(tomlName)
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Plugins []struct {
			Package string `toml:"package"`
		} `toml:"plugins"`
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	if _, err := toml.Decode(string(src), &cfg); err != nil {
		t.Fatalf("%s: %v", tomlName, err)
	}
	at := func(needle string) string { return tomlName + ":" + strconv.Itoa(lineOf(src, needle)) }

	// Build plugins.
	pkg := readJSON(t, filepath.Join(repo, "package.json"))
	lockName := filepath.Join(repo, "package-lock.json")
	lock := readJSON(t, lockName)
	lockRoot, _ := lock["packages"].(map[string]any)[""].(map[string]any)
	for _, p := range cfg.Plugins {
		where := at(strconv.Quote(p.Package))
		version, ok := dependency(pkg, p.Package)
		if !ok {
			add("%s: build plugin %s is not in package.json: npm install --save-dev --save-exact %s", where, p.Package, p.Package)
			continue
		}
		if !reExactVersion.MatchString(version) {
			add("%s: package.json asks for %s %q, not one exact version", where, p.Package, version)
		}
		if v, _ := dependency(lockRoot, p.Package); v != version {
			add("%s: package-lock.json asks for %s %q, package.json %q: run npm install", lockName, p.Package, v, version)
		}
		locked, _ := lock["packages"].(map[string]any)["node_modules/"+p.Package].(map[string]any)
		if locked["version"] != version {
			add("%s: package-lock.json locks %s at %v, package.json asks for %s: run npm install", lockName, p.Package, locked["version"], version)
		}
	}

	// The built tree: every file, every folder, and the hash of each file named like a
	// fingerprinted one.
	files, dirs, hashed := map[string]bool{}, map[string]bool{"": true}, map[string]bool{}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." {
				dirs[rel+"/"] = true
			}
			return nil
		}
		files[rel] = true
		if m := reHashedName.FindStringSubmatch(d.Name()); m != nil {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			hashed[rel] = hex.EncodeToString(sum[:])[:len(m[1])] == m[1]
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	exists := func(u string) bool { return files[fileOf(u)] }

	// _redirects.
	redirName := filepath.Join(out, model.RedirectsFile)
	rules := readRules(t, redirName)
	for _, lang := range model.Languages[1:] {
		from, to := "/"+model.LanguageDir(lang)+"*", "/"+model.NotFoundPath(lang)
		i := slices.IndexFunc(rules, func(r redirectRule) bool { return r.from == from })
		if i < 0 {
			add("%s: no rule %s  %s  404: a missing %s page gets the 404 page of %s", redirName, from, to, lang, model.Languages[0])
			continue
		}
		r := rules[i]
		if r.to != to || r.status != "404" {
			add("%s:%d: %s  %s  %s, want %s  %s  404", redirName, r.line, r.from, r.to, r.status, from, to)
		}
		for _, later := range rules[i+1:] {
			if strings.HasPrefix(later.from, strings.TrimSuffix(from, "*")) {
				add("%s:%d: the rule for %s comes after %s (line %d), which Netlify takes first", redirName, later.line, later.from, from, r.line)
			}
		}
	}
	for _, r := range rules {
		switch {
		case strings.HasPrefix(r.to, "https://"), strings.HasPrefix(r.to, "http://"):
		case strings.Contains(r.from, "/:"):
			n := 0
			for dir := range dirs {
				target, ok := placeholders(placeholderDir(r.from), r.to, "/"+dir)
				if !ok {
					continue
				}
				n++
				if !exists(target) {
					add("%s:%d: %s sends /%s… to %s, which is not in the build", redirName, r.line, r.from, dir, target)
				}
			}
			if n == 0 {
				add("%s:%d: %s matches no folder of the build", redirName, r.line, r.from)
			}
		case strings.Contains(r.to, ":"):
			add("%s:%d: %s names a placeholder its source lacks", redirName, r.line, r.to)
		default:
			if !exists(r.to) {
				add("%s:%d: %s sends to %s, which is not in the build", redirName, r.line, r.from, r.to)
			}
		}
	}

	// Headers.
	var headers []serve.HeaderRule
	for _, h := range cfg.Headers {
		if !strings.HasPrefix(h.For, "/") || strings.Contains(strings.TrimSuffix(h.For, "/*"), "*") || strings.Contains(h.For, ":") {
			add("%s: for = %q: only a path, or a folder ending in /*, means the same to every host and to atlas serve", at(strconv.Quote(h.For)), h.For)
		}
		headers = append(headers, serve.HeaderRule{For: h.For, Values: h.Values})
	}
	// What the URL path u is served with, and by which rule each header.
	overlaps := map[string]bool{}
	served := func(u string) (got map[string]string, by map[string]string) {
		got, by = map[string]string{}, map[string]string{}
		for _, r := range headers {
			if !r.Matches(u) {
				continue
			}
			for k, v := range r.Values {
				if prev, dup := by[k]; dup && !overlaps[prev+" "+r.For+" "+k] {
					overlaps[prev+" "+r.For+" "+k] = true
					add("%s: %s sets %s on %s, as %s does: hosts differ on which wins, or join them", at(strconv.Quote(r.For)), r.For, k, u, prev)
				}
				got[k], by[k] = v, r.For
			}
		}
		return got, by
	}
	var immutable, pages int
	var uncached []string // pages without a short Cache-Control
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		urls := []string{"/" + f}
		if path.Base(f) == model.IndexFile {
			urls = append(urls, "/"+strings.TrimSuffix(f, model.IndexFile))
		}
		for _, u := range urls {
			h, by := served(u)
			cc := h["Cache-Control"]
			switch {
			case hashed[f]:
				immutable++
				if cc != immutableCache {
					add("%s: Cache-Control of %s is %q, want %q: its name carries its content's hash", tomlName, u, cc, immutableCache)
				}
			case strings.Contains(cc, "immutable"):
				add("%s: %s sets Cache-Control %q on %s, whose name does not carry its content's hash", at(strconv.Quote(by["Cache-Control"])), by["Cache-Control"], cc, u)
			case strings.HasSuffix(f, ".html"):
				pages++
				if !strings.Contains(cc, "max-age=0") {
					uncached = append(uncached, u)
				}
			}
		}
	}
	if len(uncached) > 0 {
		add("%s: %d of %d page URLs (%s first) get no Cache-Control of max-age=0", tomlName, len(uncached), pages, uncached[0])
	}
	if immutable == 0 || pages == 0 {
		add("%s: %d fingerprinted files and %d pages: not a built site", out, immutable, pages)
	}
	return probs
}

// reExactVersion is a version npm installs as it is: no range, no tag.
var reExactVersion = regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

// reHashedName is the name of a file that may carry its content's hash (model.AssetPath):
// name.<hex>.ext.
var reHashedName = regexp.MustCompile(`^[^.]+\.([0-9a-f]{8,64})\.[a-z0-9]+$`)

// dependency is the version a package.json (or package-lock.json's root package) asks for of
// the package name, in its dependencies or devDependencies.
func dependency(pkg map[string]any, name string) (string, bool) {
	for _, k := range []string{"dependencies", "devDependencies"} {
		if deps, ok := pkg[k].(map[string]any); ok {
			if v, ok := deps[name].(string); ok {
				return v, true
			}
		}
	}
	return "", false
}

func readJSON(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// lineOf is the line of the first occurrence of needle in src, 0 when it has none.
func lineOf(src []byte, needle string) int {
	i := bytes.Index(src, []byte(needle))
	if i < 0 {
		return 0
	}
	return bytes.Count(src[:i], []byte("\n")) + 1
}

// redirectRule is a rule of _redirects, in the order of the file.
type redirectRule struct {
	line             int
	from, to, status string
}

// readRules reads the rules of the _redirects file name, in their order.
func readRules(t *testing.T, name string) []redirectRule {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var rules []redirectRule
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := reRule.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("%s:%d: %q is not a Netlify rule (from to status[!])", name, n, line)
			continue
		}
		rules = append(rules, redirectRule{line: n, from: m[1], to: m[2], status: m[3]})
	}
	return rules
}

// placeholderDir is the part of a rule's path up to its last placeholder segment, and the
// slash after it: "/en/xa/:code/" of "/en/xa/:code/card.png".
func placeholderDir(p string) string {
	i := strings.LastIndex(p, "/:")
	if i < 0 {
		return p
	}
	if j := strings.IndexByte(p[i+1:], '/'); j >= 0 {
		return p[:i+1+j+1]
	}
	return p
}

// netlifyFixture is a repository's Netlify configuration and a built tree, for
// TestNetlifyProblems.
type netlifyFixture struct {
	plugins   []string
	headers   []serve.HeaderRule
	pkg, lock string            // package.json and package-lock.json
	files     map[string]string // the built tree, _redirects included
}

// goodNetlify is a fixture with nothing wrong: the site's own header rules, and the tree a
// build writes for one unit in two languages.
func goodNetlify() *netlifyFixture {
	css := "body{color:red}"
	sum := sha256.Sum256([]byte(css))
	en, unit := model.LanguageDir("en"), model.UnitPath("1")
	card := model.CardPath(model.UnitPath(":code"))
	return &netlifyFixture{
		plugins: []string{"netlify-plugin-cache"},
		headers: slices.Clone(serve.Headers),
		pkg:     `{"devDependencies": {"netlify-plugin-cache": "1.0.3"}}`,
		lock:    `{"packages": {"": {"devDependencies": {"netlify-plugin-cache": "1.0.3"}}, "node_modules/netlify-plugin-cache": {"version": "1.0.3"}}}`,
		files: map[string]string{
			model.IndexFile:           "home",
			model.NotFoundPath("vi"):  "không thấy",
			en + model.IndexFile:      "home",
			model.NotFoundPath("en"):  "not found",
			model.PageFile(unit):      "unit",
			model.CardPath(unit):      "card",
			model.PageFile(en + unit): "unit",
			model.EmbedScriptPath:     "embed()",
			model.AssetPath("atlas.css", hex.EncodeToString(sum[:])[:10]): css,
			model.RedirectsFile: "/" + en + card + "  /" + card + "  301\n" +
				"/" + en + "*  /" + model.NotFoundPath("en") + "  404\n",
		},
	}
}

// write writes the fixture: the repository and the built tree.
func (f *netlifyFixture) write(t *testing.T) (repo, out string) {
	t.Helper()
	repo, out = t.TempDir(), t.TempDir()
	var cfg struct {
		Plugins []struct {
			Package string `toml:"package"`
		} `toml:"plugins"`
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	for _, p := range f.plugins {
		cfg.Plugins = append(cfg.Plugins, struct {
			Package string `toml:"package"`
		}{p})
	}
	for _, h := range f.headers {
		cfg.Headers = append(cfg.Headers, struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		}{h.For, h.Values})
	}
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(cfg); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"netlify.toml": b.String(), "package.json": f.pkg, "package-lock.json": f.lock}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(repo, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for p, body := range f.files {
		name := outFile(out, p)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return repo, out
}

// TestNetlifyProblems checks that each rule of netlifyProblems finds what it is for.
func TestNetlifyProblems(t *testing.T) {
	en := model.LanguageDir("en")
	// rule returns the index of the header rule for p in the fixture's rules.
	rule := func(f *netlifyFixture, p string) int {
		i := slices.IndexFunc(f.headers, func(r serve.HeaderRule) bool { return r.For == p })
		if i < 0 {
			t.Fatalf("no header rule for %s", p)
		}
		return i
	}
	// set returns the rule at i with header k set to v ("" deletes it), leaving the others'
	// maps alone.
	set := func(f *netlifyFixture, i int, k, v string) {
		m := map[string]string{}
		for kk, vv := range f.headers[i].Values {
			m[kk] = vv
		}
		if v == "" {
			delete(m, k)
		} else {
			m[k] = v
		}
		f.headers[i].Values = m
	}
	notFound := "/" + en + "*  /" + model.NotFoundPath("en") + "  404\n"
	tests := []struct {
		name   string
		change func(f *netlifyFixture)
		want   string // in one of the problems; "" for none
	}{
		{"good", func(f *netlifyFixture) {}, ""},
		{"plugin not declared", func(f *netlifyFixture) { f.pkg = `{"devDependencies": {}}` }, "build plugin netlify-plugin-cache is not in package.json"},
		{"plugin at a range", func(f *netlifyFixture) { f.pkg = `{"devDependencies": {"netlify-plugin-cache": "^1.0.3"}}` }, "not one exact version"},
		{"lock behind", func(f *netlifyFixture) {
			f.lock = strings.Replace(f.lock, `"version": "1.0.3"`, `"version": "1.0.2"`, 1)
		}, "package-lock.json locks netlify-plugin-cache at 1.0.2"},
		{"no English 404 rule", func(f *netlifyFixture) {
			f.files[model.RedirectsFile] = strings.Replace(f.files[model.RedirectsFile], notFound, "", 1)
		}, "no rule /" + en + "*"},
		{"English 404 rule shadows the cards", func(f *netlifyFixture) {
			f.files[model.RedirectsFile] = notFound + strings.Replace(f.files[model.RedirectsFile], notFound, "", 1)
		}, "which Netlify takes first"},
		{"English 404 page missing", func(f *netlifyFixture) { delete(f.files, model.NotFoundPath("en")) }, "/" + model.NotFoundPath("en") + ", which is not in the build"},
		{"target missing", func(f *netlifyFixture) {
			f.files[model.RedirectsFile] = "/old/  /" + model.UnitPath("2") + "  301!\n" + f.files[model.RedirectsFile]
		}, "/" + model.UnitPath("2") + ", which is not in the build"},
		{"placeholder target missing", func(f *netlifyFixture) { delete(f.files, model.CardPath(model.UnitPath("1"))) }, "which is not in the build"},
		{"placeholder matches nothing", func(f *netlifyFixture) {
			c := model.CardPath(model.ProvincePath(":code"))
			f.files[model.RedirectsFile] = "/" + en + c + "  /" + c + "  301\n" + f.files[model.RedirectsFile]
		}, "matches no folder of the build"},
		{"fingerprinted assets revalidated", func(f *netlifyFixture) {
			set(f, rule(f, "/"+model.ImmutableDir+"*"), "Cache-Control", serve.CacheRevalidate)
		}, "want \"public, max-age=31536000, immutable\""},
		{"embed script immutable", func(f *netlifyFixture) {
			set(f, rule(f, "/"+model.EmbedScriptPath), "Cache-Control", immutableCache)
		}, "/" + model.EmbedScriptPath + ", whose name does not carry its content's hash"},
		{"pages uncached", func(f *netlifyFixture) { set(f, rule(f, "/"+model.UnitsDir+"*"), "Cache-Control", "") }, "2 of 10 page URLs"},
		{"pages immutable", func(f *netlifyFixture) { set(f, rule(f, "/"), "Cache-Control", immutableCache) }, "on /, whose name does not carry"},
		{"overlapping rules", func(f *netlifyFixture) { set(f, 0, "Cache-Control", serve.CacheRevalidate) }, "hosts differ"},
		{"a pattern hosts read differently", func(f *netlifyFixture) {
			f.headers = append(f.headers, serve.HeaderRule{For: "/" + model.AssetsDir + "*.css", Values: map[string]string{"X-A": "b"}})
		}, "only a path, or a folder ending in /*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := goodNetlify()
			tt.change(f)
			repo, out := f.write(t)
			probs := netlifyProblems(t, repo, out)
			if tt.want == "" {
				if len(probs) > 0 {
					t.Errorf("problems in a good fixture:\n%s", strings.Join(probs, "\n"))
				}
				return
			}
			if !slices.ContainsFunc(probs, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("no problem says %q; got:\n%s", tt.want, strings.Join(probs, "\n"))
			}
		})
	}
}
