package scaffold

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ntm-atlas/atlas/internal/contentfile"
	"github.com/ntm-atlas/atlas/internal/serve"
	"github.com/ntm-atlas/atlas/internal/vi"
)

// StoryFile is a story with its front matter filled in and a body that says how to write
// one. A sample says so in its title, summary and first line. A title or province code that
// is not UTF-8 is an error.
func StoryFile(title string, date time.Time, provinces []string, sample bool) ([]byte, error) {
	var b bytes.Buffer
	var q contentfile.Quoter
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", q.Quote(title))
	fmt.Fprintf(&b, "date = %s\n", date.Format("2006-01-02"))
	b.WriteString("author = \"\"                 # the byline\n")
	if sample {
		b.WriteString("summary = \"Bài mẫu do atlas new site viết: hãy sửa thành tin thật hoặc xoá tệp này.\"\n")
	} else {
		b.WriteString("summary = \"\"                # one or two sentences: the page's description\n")
	}
	b.WriteString("source_url = \"\"             # the original report, if the story retells one\n")
	if len(provinces) > 0 && len(provinces) <= 3 {
		var ps []string
		for _, p := range provinces {
			ps = append(ps, q.Quote(p))
		}
		fmt.Fprintf(&b, "provinces = [%s]\n", strings.Join(ps, ", "))
	} else {
		b.WriteString("provinces = []              # province codes the story concerns\n")
	}
	b.WriteString("units = []                  # codes of today's units it concerns: [\"03664\"]\n")
	b.WriteString("former_units = []           # keys of former units: [\"03661\"]\n")
	b.WriteString("+++\n\n")
	if sample {
		b.WriteString("**Đây là bài mẫu**, không phải tin thật. Atlas đăng nó để bạn thấy một tin trông thế nào trên trang.\n\n")
	}
	b.WriteString("Viết nội dung bằng Markdown ở đây. Mỗi đoạn cách nhau một dòng trống. Nêu nguồn của mỗi con số,\n")
	b.WriteString("ví dụ [quyết định công nhận](https://example.org/) của tỉnh.\n\n")
	b.WriteString("Các xã ghi trong `units` và `former_units` sẽ hiện tin này trên trang của mình\n(docs/content.md, mục 3.6).\n")
	if err := q.Err(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// StoryName is the file name of a story titled title on date: "2026-12-07-chieng-co-dat-chuan.md".
func StoryName(title string, date time.Time) string {
	s := vi.Slug(title)
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	if s == "" {
		s = "tin"
	}
	return date.Format("2006-01-02") + "-" + s + ".md"
}

// atlasTOML is the site's configuration. Text that is not UTF-8 is an error.
func atlasTOML(b *Boundaries, opts Options, province, label, geoFile string, reform bool) ([]byte, error) {
	var w bytes.Buffer
	var q contentfile.Quoter
	title := opts.Title
	if title == "" {
		title = "Atlas Nông thôn mới " + label
	}
	base := opts.BaseURL
	if base == "" {
		base = "http://127.0.0.1:1313/"
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	en := label
	if label == "Việt Nam" {
		en = "Vietnam"
	}
	w.WriteString("# NTM Atlas site configuration. Every key is documented in docs/content.md, section 3.1.\n")
	fmt.Fprintf(&w, "title = %s\n", q.Quote(title))
	fmt.Fprintf(&w, "description = %s\n", q.Quote("Các xã, phường của "+label+" và tiến độ xây dựng nông thôn mới, theo nguồn công khai."))
	if opts.Title == "" {
		fmt.Fprintf(&w, "title_en = %s\n", q.Quote("New Rural Development Atlas of "+en))
	}
	fmt.Fprintf(&w, "description_en = %s\n", q.Quote("The communes and wards of "+en+" and their progress in New Rural Development, from public sources."))
	if opts.BaseURL == "" {
		w.WriteString("# The address the site is published at: set it before publishing (canonical links, feeds and\n# the sitemap use it).\n")
	}
	fmt.Fprintf(&w, "base_url = %s\n", q.Quote(base))
	w.WriteString("language = \"vi\"\n")
	fmt.Fprintf(&w, "criteria_set = %s   # the set in force for new assessments (content/criteria/)\n", q.Quote(CriteriaSet))
	if province != "" {
		fmt.Fprintf(&w, "province = %s\n", q.Quote(province))
	}
	w.WriteString("\n# Written by atlas new site from " + contentfile.InComment(b.File) + ", whose properties were read as:\n")
	for _, f := range b.Properties.Fields() {
		v := f[1]
		if v == "" {
			v = "(none)"
		} else {
			v = q.Quote(v)
		}
		fmt.Fprintf(&w, "#   %s ← %s\n", f[0], v)
	}
	fmt.Fprintf(&w, "[[boundaries]]\nfile = %s\ncode_property = \"code\"\nname_property = \"name\"\ntype_property = \"type\"\nprovince_property = \"province_code\"\n", q.Quote(geoFile))
	name, nameEn := opts.SourceName, ""
	if name == "" {
		name, nameEn = "Tệp ranh giới "+baseName(b.File), "Boundary file "+baseName(b.File)
	}
	fmt.Fprintf(&w, "\n[[credits]]\nname = %s\n", q.Quote(name))
	if nameEn != "" {
		fmt.Fprintf(&w, "name_en = %s\n", q.Quote(nameEn))
	}
	fmt.Fprintf(&w, "url = %s\nlicense = %s\n", q.Quote(opts.SourceURL), q.Quote(opts.SourceLicense))
	if opts.SourceLicense == "" {
		w.WriteString("# Name the boundary file's source, address and licence above: readers and publishers need them.\n")
	}
	// Notes are Vietnamese, with their English version in note_en (docs/content.md, section 6).
	w.WriteString("note = \"Ranh giới cấp xã từ ngày 01/07/2025.\"\nnote_en = \"Commune-level boundaries since 2025-07-01.\"\n")
	if reform {
		fmt.Fprintf(&w, "\n[[credits]]\nname = \"dvhcvn/20250701\"\nurl = \"https://github.com/dvhcvn/20250701\"\nlicense = \"MIT\"\nnote = %s\nnote_en = %s\n",
			q.Quote("Bảng đối chiếu các xã, phường, thị trấn cũ với các đơn vị hình thành ngày 01/07/2025 (phiên bản dd94887), do nhóm tác giả trích xuất từ các nghị quyết 1654–1687/NQ-UBTVQH15."),
			q.Quote("Mapping of the former communes to the units formed on 2025-07-01 (commit dd94887), extracted by its authors from resolutions 1654–1687/NQ-UBTVQH15."))
	}
	if err := q.Err(); err != nil {
		return nil, err
	}
	return w.Bytes(), nil
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// install is how CI and Netlify get the atlas command of a release.
func install(version string) string {
	return "go install github.com/ntm-atlas/atlas/cmd/atlas@" + version
}

func workflow(version string) []byte {
	return []byte(`# Checks and builds the atlas on every push and pull request (written by atlas new site).
# "atlas check -format=github" prints each data problem as an annotation on the changed line;
# on a pull request, "atlas diff" writes what the change does to the atlas to the run's summary.
name: atlas

on:
  push:
  pull_request:

permissions:
  contents: read

concurrency:
  group: atlas-${{ github.ref }}
  cancel-in-progress: true

jobs:
  check-and-build:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4

      - uses: actions/setup-go@v5
        with:
          go-version: "1.26"
          cache: false

      - name: Install atlas
        run: ` + install(version) + `

      # Derived geometry is cached by content hash in .cache/.
      - uses: actions/cache@v4
        with:
          path: .cache
          key: atlas-cache-${{ hashFiles('geo/**') }}
          restore-keys: atlas-cache-

      - name: Check the data
        run: atlas check -format=github

      # On a pull request: what it changes in the atlas, on the run's summary page.
      - name: What the pull request changes in the atlas
        if: github.event_name == 'pull_request'
        run: |
          git fetch --no-tags --depth=1 origin "+refs/heads/$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF"
          atlas diff -base "origin/$GITHUB_BASE_REF" -format=markdown >> "$GITHUB_STEP_SUMMARY"

      - name: Build the atlas
        run: atlas build

      - uses: actions/upload-artifact@v4
        with:
          name: public
          path: public
          retention-days: 7
`)
}

// netlifyTOML is the Netlify configuration for the atlas of release version, a module
// version (ASCII, as every string it quotes).
func netlifyTOML(version string) []byte {
	var b bytes.Buffer
	b.WriteString("# Netlify builds the atlas on every commit and publishes public/ (written by atlas new site).\n")
	fmt.Fprintf(&b, "[build]\n  command = %s\n  publish = \"public\"\n\n", contentfile.MustQuote(install(version)+" && atlas build"))
	b.WriteString("[build.environment]\n  GO_VERSION = \"1.26.8\"\n\n")
	fmt.Fprintf(&b, "# Keep derived geometry between deploys (the plugin is declared in package.json).\n[[plugins]]\n  package = %q\n  [plugins.inputs]\n    paths = [\".cache\"]\n\n", cachePlugin)
	b.WriteString("# Security headers: the same as atlas serve sends (docs/security.md of NTM Atlas).\n")
	for _, r := range serve.Headers {
		fmt.Fprintf(&b, "[[headers]]\n  for = %s\n  [headers.values]\n", contentfile.MustQuote(r.For))
		keys := make([]string, 0, len(r.Values))
		for k := range r.Values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "    %s = %s\n", k, contentfile.MustQuote(r.Values[k]))
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

const gitignore = `# Build output and caches of atlas: never committed.
public/
.public.new-*
.public.lock
.public.standby
.cache/
node_modules/
`

// cachePlugin and cachePluginVersion are the Netlify build plugin that keeps .cache/ between
// deploys, at the version the project's own package.json pins (a test holds them equal).
const (
	cachePlugin        = "netlify-plugin-cache"
	cachePluginVersion = "1.0.3"
)

// packageJSON declares the build plugin netlify.toml names: Netlify installs a plugin named
// in the file from package.json, and netlify dev refuses to start without it.
func packageJSON() []byte {
	return []byte(fmt.Sprintf(`{
  "private": true,
  "description": "The Netlify build plugin netlify.toml names (written by atlas new site).",
  "devDependencies": {
    %q: %q
  }
}
`, cachePlugin, cachePluginVersion))
}

func siteReadme(label, geoFile, version string) []byte {
	return []byte(`# Atlas Nông thôn mới ` + label + `

Written by ` + "`atlas new site`" + ` (NTM Atlas). To work on it:

    ` + install(version) + `
    atlas serve          # http://127.0.0.1:1313/, reloads on every save
    atlas check          # every data problem, with file:line:col
    atlas build          # the site, in public/

- ` + "`content/units/<code>.toml`" + `: one status file per unit; add ` + "`[[assessments]]`" + ` as the template in each says,
  or fill a spreadsheet and run ` + "`atlas import statuses FILE.xlsx`" + ` (` + "`atlas export statuses`" + ` writes one to start from).
- ` + "`content/stories/`" + `: news stories; ` + "`atlas new story \"Tiêu đề\"`" + ` writes one. Delete the sample story.
- ` + "`content/former/`" + `: the former communes from the 2025 reform mapping; add their recognitions.
- ` + "`" + geoFile + "`" + `: the boundaries. ` + "`atlas.toml`" + `: title, address, credits.

The content reference is docs/content.md of NTM Atlas (https://github.com/ntm-atlas/atlas).
`)
}
