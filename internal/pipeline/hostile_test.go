package pipeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// payloads are script injections a contributor might try in any text field. Each must reach
// the output escaped, never as written.
var payloads = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`</title><script>alert(2)</script>`,
	`]]><svg onload=alert(3)>`,
}

// quotePayload breaks out only of a value delimited by single quotes: a single-quoted
// attribute or a JavaScript string. In text, in double-quoted attributes and in JSON strings
// it is harmless, and goldmark and encoding/json leave it as it is there. So the test checks
// that html/template escaped it and that no page has a single-quoted attribute or a script.
const quotePayload = `'-alert(4)-'`

// templateLiteral must come out as written: data is text, never a template.
const templateLiteral = `{{.}}`

// hostile is the text injected into every field: all payloads at once.
var hostile = "X " + strings.Join(payloads, " ") + " " + quotePayload + " " + templateLiteral

// copyDefault copies what a build reads of the default site into a fresh folder.
func copyDefault(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	for _, d := range []string{"content", "geo", "layouts"} {
		if _, err := os.Stat(filepath.Join(defaultSite, d)); os.IsNotExist(err) {
			continue // the fixture has no layouts of its own
		}
		if err := os.CopyFS(filepath.Join(site, d), os.DirFS(filepath.Join(defaultSite, d))); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(defaultSite, "atlas.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "atlas.toml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

// edit replaces the first old with new in a site's file, and fails if old is not there.
func edit(t *testing.T, site, file, old, new string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(file))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TestHostileContent injects script payloads into every kind of text a contributor writes –
// site title and credits, province, unit and former-unit names, notes, milestone sources,
// story front matter and body – builds, and checks every output file: no payload appears as
// written, every HTML page still passes the Content-Security-Policy checks, and no link or
// image has a script or data scheme.
func TestHostileContent(t *testing.T) {
	site := copyDefault(t)
	h := tomlString(hostile)
	edit(t, site, "atlas.toml", `title = "Atlas Nông thôn mới Sơn La"`, "title = "+h)
	edit(t, site, "atlas.toml", `description = "Các xã`, "description = "+h[:len(h)-1]+` Các xã`)
	edit(t, site, "atlas.toml", `name = "Vietnamese Provinces Database`, "name = "+h[:len(h)-1]+` Vietnamese Provinces Database`)
	edit(t, site, "atlas.toml", `license = "MIT"`, "license = "+h)
	edit(t, site, "content/provinces/14.toml", `name = "Sơn La"`, "name = "+h)
	edit(t, site, "content/provinces/14.toml", `source = "Báo Sơn La"`, "source = "+h)
	edit(t, site, "content/provinces/14.toml", `text = "16 xã`, "text = "+h[:len(h)-1]+` 16 xã`)
	edit(t, site, "content/criteria/2026-2030.toml", `name = "Đạt chuẩn nông thôn mới"`, "name = "+h)
	edit(t, site, "content/units/03664.toml", `name = "Chiềng An"`, "name = "+h)
	edit(t, site, "content/former/03664.toml", `name = "Chiềng Xôm"`, "name = "+h)
	edit(t, site, "content/former/03664.toml", `district = "Thành phố Sơn La"`, "district = "+h)
	edit(t, site, "content/former/03664.toml", "until = 2025-07-01\n", "until = 2025-07-01\nnote = "+h+"\n")
	// The former districts table names the unit and its district as its file does (a district
	// of its own, as no other unit shares the name).
	edit(t, site, "content/former/03664.toml", `district_code = "116"`, `district_code = "999"`)
	var row bytes.Buffer
	w := csv.NewWriter(&row)
	w.UseCRLF = true // as the table's lines end
	w.Write([]string{"03664", "Xã " + hostile, "Xã", "999", hostile, "Thành phố", "14", "Tỉnh Sơn La"})
	w.Flush()
	edit(t, site, model.DistrictsFile, "03664,Xã Chiềng Xôm,Xã,116,Thành phố Sơn La,Thành phố,14,Tỉnh Sơn La\r\n", row.String())
	edit(t, site, "content/former/03664.toml", "level = \"advanced\"\n", "level = \"advanced\"\nnote = "+h+"\ndecision = "+h+"\n")
	story := "content/stories/son-la-muoi-nam-nong-thon-moi.md"
	edit(t, site, story, `title = "Sơn La nhìn lại`, "title = "+h[:len(h)-1]+` Sơn La nhìn lại`)
	edit(t, site, story, `author = "NTM Atlas"`, "author = "+h+"\nsource_url = \"https://example.org/?q=%22%3E%3Cscript%3E\"\nsource_title = "+h)
	edit(t, site, story, `summary = "`, "summary = "+h[:len(h)-1]+` `)
	edit(t, site, story, `credit = "`, "credit = "+h[:len(h)-1]+` `)
	edit(t, site, story, "+++\n\n", "+++\n\n"+strings.Join([]string{
		"# " + hostile,
		"Raw: " + strings.Join(payloads, " ") + " " + quotePayload,
		`<div onclick="alert(5)">raw block</div>`,
		"[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java&#x09;script:alert(1)) [d]( javascript:alert(1))",
		"[e](&#106;avascript:alert(1)) [f](vbscript:msgbox(1)) [g](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"![h](javascript:alert(1)) ![i](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) <javascript:alert(1)> [j][r]",
		`[k](https://example.org/ "` + strings.ReplaceAll(hostile, `"`, `\"`) + `")`,
		"[r]: vbscript:msgbox(1)",
	}, "\n\n")+"\n\n")

	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Site: site, Out: out, Cache: testCache}); err != nil {
		t.Fatalf("build of the hostile site failed:\n%v", err)
	}
	files := readTree(t, out)
	escaped := map[string]bool{} // payloads seen in their escaped form
	literal, quoteEscaped := false, false
	for name, body := range files {
		s := string(body)
		if path.Ext(name) == ".csv" {
			continue // data, not markup: values as they are (checked below), served as text/csv
		}
		for _, p := range payloads {
			if strings.Contains(s, p) {
				t.Errorf("%s: payload %s appears unescaped", name, p)
			}
			if strings.Contains(s, template.HTMLEscapeString(p)) {
				escaped[p] = true
			}
		}
		literal = literal || strings.Contains(s, templateLiteral)
		quoteEscaped = quoteEscaped || strings.Contains(s, template.HTMLEscapeString(quotePayload))
		switch path.Ext(name) {
		case ".html", ".svg", ".xml":
			for _, msg := range pageProblems(s) {
				t.Errorf("%s: %s", name, msg)
			}
			for _, tg := range tags(s) {
				for _, a := range tg.attrs {
					if a.quote == '\'' {
						t.Errorf("%s: <%s %s='%s'> is single-quoted", name, tg.name, a.name, a.value)
					}
				}
			}
		case ".json", ".geojson":
			if !json.Valid(body) {
				t.Errorf("%s: not valid JSON", name)
			}
		}
	}
	for _, p := range payloads {
		if !escaped[p] {
			t.Errorf("payload %s never reached a page, even escaped: the test injects nothing", p)
		}
	}
	if !quoteEscaped {
		t.Errorf("payload %s never reached a page escaped", quotePayload)
	}
	if !literal {
		t.Errorf("%s was not written as text anywhere", templateLiteral)
	}
	// The download carries the name exactly: JSON escaping, not mangling.
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	geo, table := model.DataPath("14", "geojson"), model.DataPath("14", "csv")
	if err := json.Unmarshal(files[geo], &fc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range fc.Features {
		found = found || f.Properties["name"] == hostile
	}
	if !found {
		t.Errorf("%s has no feature named %q", geo, hostile)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files[table], []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found = false
	for _, r := range recs {
		found = found || r[1] == hostile
	}
	if !found {
		t.Errorf("%s has no row named %q", table, hostile)
	}
}

// TestHostileSourceURL checks that a source URL with a script or data scheme is refused by
// validation, at the file and line that set it, so the build writes nothing.
func TestHostileSourceURL(t *testing.T) {
	tests := []struct {
		file, old, url string
	}{
		{"content/former/03664.toml", `source_url = "https://danviet.vn/`, "javascript:alert(1)"},
		{"content/former/03664.toml", `source_url = "https://danviet.vn/`, "JaVaScRiPt:alert(1)"},
		{"content/former/03664.toml", `source_url = "https://danviet.vn/`, " javascript:alert(1)"},
		{"content/provinces/14.toml", `source_url = "https://demo.baosonla`, "vbscript:msgbox(1)"},
		{"content/provinces/14.toml", `source_url = "https://demo.baosonla`, "data:text/html,<script>alert(1)</script>"},
		{"atlas.toml", `url = "https://github.com/thanglequoc`, "javascript:alert(1)"},
		{"content/stories/son-la-muoi-nam-nong-thon-moi.md", "author = ", "javascript:alert(1)"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			site := copyDefault(t)
			p := filepath.Join(site, filepath.FromSlash(tt.file))
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			i := strings.Index(string(b), tt.old)
			if i < 0 {
				t.Fatalf("%s does not contain %q", tt.file, tt.old)
			}
			line := strings.Count(string(b[:i]), "\n") + 1
			key, _, _ := strings.Cut(tt.old, " =")
			// Replace the whole line that starts at old with key = url.
			rest := string(b[i:])
			if j := strings.IndexByte(rest, '\n'); j >= 0 {
				rest = rest[j:]
			}
			if key == "author" {
				key, rest = "source_url", "\n"+string(b[i:]) // a story's source_url, added before author
			}
			src := string(b[:i]) + key + " = " + tomlString(tt.url) + rest
			if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, err = Load(site)
			if err == nil {
				t.Fatalf("a %s source URL was accepted", tt.url)
			}
			// The position is the value's opening quote, after "key = ".
			col := len(key) + 4
			want := fmt.Sprintf("%s:%d:%d: error: %s %q must be an absolute http(s) URL", tt.file, line, col, key, tt.url)
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error = %v\nwant it to contain %s", err, want)
			}
		})
	}
}
