package pipeline

import (
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// viLabels are Vietnamese interface strings that must not appear in an English page once the
// text marked lang="vi" (names and content without a translation) is taken out.
var viLabels = []string{
	"Tình trạng", "Tiêu chí", "Chú giải", "Tin bài", "Nguồn dữ liệu", "Chưa có dữ liệu",
	"đạt chuẩn", "Xã cũ", "Mã đơn vị", "Bỏ qua, đến nội dung chính", "Lịch sử", "Trở thành",
	"Công nhận", "Không tìm thấy", "Giấy phép", "Bản đồ", "tồn tại đến", "hợp thành", "Dữ liệu",
	"Đạt chuẩn nông thôn mới", "Chưa rõ", "năm ",
}

var (
	reLangVi   = regexp.MustCompile(`(?s)<(span|h1|article|p|a)( [^>]*)? lang="vi"[^>]*>.*?</(span|h1|article|p|a)>`)
	reAltVi    = regexp.MustCompile(`<link rel="alternate" hreflang="vi" href="([^"]+)">`)
	reAltEn    = regexp.MustCompile(`<link rel="alternate" hreflang="en" href="([^"]+)">`)
	reAltDef   = regexp.MustCompile(`<link rel="alternate" hreflang="x-default" href="([^"]+)">`)
	reAnchor   = regexp.MustCompile(`<a href="([^"]+)"([^>]*)>`)
	reSwitchTo = regexp.MustCompile(`<a href="([^"]+)" hreflang="(vi|en)" lang="(vi|en)">`)
)

// TestEnglishPages checks the English mirror of the default site: every page has its English
// twin with lang="en", the two point at each other with hreflang (no x-default, which only repeated
// the Vietnamese one), and no Vietnamese interface string shows outside text marked lang="vi".
func TestEnglishPages(t *testing.T) {
	out, site := buildDefault(t)
	files := readTree(t, out)
	base := site.Config.BaseURL
	var checked int
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, enDir) {
			continue
		}
		if strings.HasPrefix(name, model.EmbedDir) {
			continue // English embeds are under embed/en/, the only framable folder (TestEmbedPages)
		}
		en, ok := files[enDir+name]
		if !ok {
			t.Errorf("%s has no English twin %s", name, enDir+name)
			continue
		}
		checked++
		for _, b := range [][]byte{body, en} {
			if i := strings.Index(string(b), "%!"); i >= 0 {
				t.Errorf("%s: a translation's arguments do not match: …%s…", name, b[i:min(len(b), i+60)])
			}
		}
		page := strings.TrimSuffix(name, "index.html")
		if !strings.Contains(string(body), `<html lang="vi">`) {
			t.Errorf("%s: not lang=\"vi\"", name)
		}
		if !strings.Contains(string(en), `<html lang="en">`) {
			t.Errorf("%s: not lang=\"en\"", enDir+name)
		}
		for _, p := range []struct {
			name string
			body []byte
		}{{name, body}, {enDir + name, en}} {
			if m := reAltVi.FindSubmatch(p.body); m == nil || string(m[1]) != base+page {
				t.Errorf("%s: hreflang vi = %q, want %q", p.name, m, base+page)
			}
			if m := reAltEn.FindSubmatch(p.body); m == nil || string(m[1]) != base+enDir+page {
				t.Errorf("%s: hreflang en = %q, want %q", p.name, m, base+enDir+page)
			}
			if m := reAltDef.FindSubmatch(p.body); m != nil {
				t.Errorf("%s: hreflang x-default = %q: it only repeated vi, and the vi and en links suffice", p.name, m)
			}
			if !reSwitchTo.Match(p.body) {
				t.Errorf("%s: no language switch", p.name)
			}
		}
		// Links stay in English, but for the switch and the shared downloads.
		for _, m := range reAnchor.FindAllStringSubmatch(string(en), -1) {
			href, attrs := m[1], m[2]
			if strings.Contains(href, "://") || strings.Contains(attrs, `hreflang="vi"`) {
				continue
			}
			to := strings.TrimPrefix(href, "/")
			if !strings.HasPrefix(href, "/") {
				to = path.Join(path.Dir(enDir+name), href)
			}
			// The downloads are shared: data/, and the map pictures (card.png, map.svg) beside
			// the Vietnamese pages.
			english := to == strings.TrimSuffix(enDir, "/") || strings.HasPrefix(to, enDir)
			if !english && !strings.HasPrefix(to, model.DataDir) && path.Ext(to) != ".png" && path.Ext(to) != ".svg" {
				t.Errorf("%s links to %s, a page that is not English", enDir+name, href)
			}
		}
		text := reLangVi.ReplaceAllString(string(en), "")
		for _, l := range viLabels {
			if i := strings.Index(text, l); i >= 0 {
				t.Errorf("%s holds the Vietnamese label %q: …%s…", enDir+name, l, text[max(0, i-80):min(len(text), i+80)])
			}
		}
	}
	if checked < 75+200 {
		t.Errorf("only %d pages checked", checked)
	}
	// The switch of an English unit page leads to the Vietnamese one, and back.
	unit := model.PageFile(model.UnitPath(site.Units[0].Code))
	if m := reSwitchTo.FindSubmatch(files[enDir+unit]); m == nil || string(m[2]) != "vi" || !strings.HasSuffix(string(m[1]), "/"+model.UnitPath(site.Units[0].Code)) || strings.Contains(string(m[1]), enDir) {
		t.Errorf("%s: switch = %q", enDir+unit, m)
	}
}
