package browser

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ntm-atlas/atlas/internal/model"
)

// contentHeightJS is the height of a page's content, however tall its window.
const contentHeightJS = `Math.ceil(document.body.getBoundingClientRect().bottom + parseFloat(getComputedStyle(document.body).marginBottom))`

// TestEmbedHeight checks the embed code that needs no script: a frame as wide as a 360 px
// phone shows the embed whole with little blank under it (at most 40 px), and a wider frame
// (640 px) cuts nothing off either.
func TestEmbedHeight(t *testing.T) {
	style := regexp.MustCompile(`aspect-ratio:(\d+)/(\d+);min-height:(\d+)px`)
	for _, page := range []string{model.ProvincePath("14"), model.UnitPath("03670"), enDir + model.ProvincePath("14")} {
		t.Run(strings.TrimSuffix(page, "/"), func(t *testing.T) {
			p := open(t, page, desktop)
			code := eval[string](p, query("#embed-code-responsive")+".value")
			m := style.FindStringSubmatch(code)
			src := regexp.MustCompile(`src="([^"]+)"`).FindStringSubmatch(code)
			if m == nil || src == nil {
				t.Fatalf("the embed code %q has no frame of the expected form", code)
			}
			w, _ := strconv.ParseFloat(m[1], 64)
			h, _ := strconv.ParseFloat(m[2], 64)
			least, _ := strconv.ParseFloat(m[3], 64)
			path := src[1][strings.Index(src[1], model.EmbedDir):]
			for _, width := range []int64{360, 640} {
				e := open(t, path, viewport{name: fmt.Sprint(width), width: width, height: 200})
				content := eval[float64](e, contentHeightJS)
				frame := math.Max(float64(width)*h/w, least)
				t.Logf("%s in a %d px frame: content %.0f px, frame %.0f px", path, width, content, frame)
				if content > frame+1 {
					t.Errorf("a %d px frame is %.0f px tall and cuts off %.0f px of its %.0f px content", width, frame, content-frame, content)
				}
				if width == 360 && frame-content > 40 {
					t.Errorf("a 360 px frame is %.0f px tall and leaves %.0f px blank under its %.0f px content", frame, frame-content, content)
				}
			}
		})
	}
}
