package pipeline

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkLoad measures reading and validating the default site.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, _, err := Load(defaultSite); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender measures deriving, drawing the maps and rendering every page, in memory.
func BenchmarkRender(b *testing.B) {
	site, _, err := Load(defaultSite)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Render(site, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun measures a whole build of the default site, written to disk.
func BenchmarkRun(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if _, err := Run(Options{Site: defaultSite, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWarmBuild measures a build of the Sơn La fixture with nothing changed since the
// last one (the cache and the output of a first build kept): what every edit of a site costs
// at least. It reports the CPU time per page, to compare with BenchmarkCalibrate in the same
// run (bench/warm.sh): the ratio, not the time, is checked against bench/warm-baseline.txt.
func BenchmarkWarmBuild(b *testing.B) {
	site, cache := b.TempDir(), b.TempDir()
	if err := os.CopyFS(site, os.DirFS(defaultSite)); err != nil {
		b.Fatal(err)
	}
	opts := Options{Site: site, Out: filepath.Join(site, "public"), CacheDir: cache}
	var res *Result
	var err error
	for range 2 { // the second leaves the standby tree the next builds start from
		if res, err = Run(opts); err != nil {
			b.Fatal(err)
		}
	}
	pages := res.Files
	b.ResetTimer()
	for b.Loop() {
		if res, err = Run(opts); err != nil {
			b.Fatal(err)
		}
		if res.Recalled == 0 {
			b.Fatal("a warm build recalled no page")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(pages), "µs/file")
}

// BenchmarkColdBuild measures a first build of the Sơn La fixture: an empty cache folder, no
// previous output, so every map, share card and page is drawn or rendered. Like BenchmarkWarmBuild it
// is compared with BenchmarkCalibrate in the same run (bench/cold.sh), as a ratio.
//
// It also reports the CPU time of a build (cpu-ns/op: every core's, the garbage collector's
// included), which bench/cold.sh compares: a build spreads over the cores and the calibration
// does not, so on a loaded machine their wall times move apart where CPU times do not.
func BenchmarkColdBuild(b *testing.B) {
	root := b.TempDir()
	i := 0
	var cpu time.Duration
	for b.Loop() {
		before, ok := cpuTime()
		i++
		dir := filepath.Join(root, fmt.Sprint(i))
		res, err := Run(Options{Site: defaultSite, Out: filepath.Join(dir, "public"), CacheDir: filepath.Join(dir, "cache")})
		if err != nil {
			b.Fatal(err)
		}
		if after, ok2 := cpuTime(); ok && ok2 {
			cpu += after - before
		}
		if res.GeometryRuns == 0 || res.CardsDrawn == 0 {
			b.Fatal("a cold build drew no map or no card")
		}
		b.StopTimer()
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkCalibrate is a fixed piece of work of the kind a build does — executing a small
// HTML template and hashing its output, page after page — so that the cost of a warm build
// can be stated as a ratio to it, which stays the same from machine to machine where times
// do not.
func BenchmarkCalibrate(b *testing.B) {
	t := template.Must(template.New("p").Parse(`<!doctype html><title>{{.Title}}</title><ul>{{range .Items}}<li><a href="{{.Href}}">{{.Name}}</a> {{.Status}}</li>{{end}}</ul>`))
	type item struct{ Href, Name, Status string }
	data := struct {
		Title string
		Items []item
	}{Title: "Xã Chiềng Xôm"}
	for i := range 40 {
		data.Items = append(data.Items, item{Href: fmt.Sprintf("../units/%05d/", i), Name: fmt.Sprintf("Xã Mường %d", i), Status: "Đạt chuẩn nông thôn mới"})
	}
	var buf bytes.Buffer
	for b.Loop() {
		for range 100 {
			buf.Reset()
			if err := t.Execute(&buf, data); err != nil {
				b.Fatal(err)
			}
			sha256.Sum256(buf.Bytes())
		}
	}
}

// BenchmarkSessionPrepare measures what atlas serve does on a save before the open pages
// reload: the site read, validated and derived again, its maps taken from the session, its
// pages prepared to be rendered on demand. $ATLAS_BENCH_SITE names another site than the
// Sơn La fixture (the national default content: the repository's root).
func BenchmarkSessionPrepare(b *testing.B) {
	site := defaultSite
	if s := os.Getenv("ATLAS_BENCH_SITE"); s != "" {
		site = s
	}
	sess := NewSession(Options{Site: site, CacheDir: b.TempDir()})
	if _, err := sess.Prepare(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		sess.Changed(filepath.Join(site, "content", "stories")) // as after a story's save
		if _, err := sess.Prepare(); err != nil {
			b.Fatal(err)
		}
	}
}
