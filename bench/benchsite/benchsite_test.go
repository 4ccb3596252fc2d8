package benchsite

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ntm-atlas/atlas/internal/pipeline"
)

// generate writes a site from the Sơn La fixture with opts into a new folder.
func generate(t *testing.T, opts Options) (string, Summary) {
	t.Helper()
	opts.From = filepath.Join("..", "..", "testdata", "son-la")
	opts.Out = filepath.Join(t.TempDir(), "site")
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	sum, err := Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	return opts.Out, sum
}

// TestGenerateLoads checks that the generated site is a valid atlas with what the summary says.
func TestGenerateLoads(t *testing.T) {
	dir, sum := generate(t, Options{Share: 0.6, Stories: 40, Hugo: filepath.Join(t.TempDir(), "hugo")})
	site, diags, err := pipeline.Load(dir)
	if err != nil {
		t.Fatalf("generated site does not load: %v\n%s", err, diags)
	}
	if sum.Units != len(site.Units) || sum.Units != 75 {
		t.Errorf("units: summary %d, site %d, want 75", sum.Units, len(site.Units))
	}
	if sum.Former != len(site.Former) {
		t.Errorf("former units: summary %d, site %d", sum.Former, len(site.Former))
	}
	recs, with := 0, 0
	for _, f := range site.Former {
		recs += len(f.Recognitions)
		if len(f.Recognitions) > 0 {
			with++
		}
	}
	if recs != sum.Recognitions {
		t.Errorf("recognitions: summary %d, site %d", sum.Recognitions, recs)
	}
	// At least the share asked for hold a recognition (the fixture's own sourced ones add to it).
	if share := float64(with) / float64(len(site.Former)); share < 0.55 || share > 0.9 {
		t.Errorf("share of former units with recognitions = %.2f, want about 0.6 or more", share)
	}
	stories := 0
	for _, s := range site.Stories {
		if strings.HasPrefix(filepath.Base(s.File), "tin-") {
			stories++
		}
	}
	if stories != 40 || sum.Stories != 40 {
		t.Errorf("stories: summary %d, generated in site %d, want 40", sum.Stories, stories)
	}
	// One Hugo page per unit, former unit and story.
	if want := sum.Units + sum.Former + sum.Stories; sum.HugoPages != want {
		t.Errorf("Hugo pages = %d, want %d", sum.HugoPages, want)
	}
}

// TestGenerateDeterministic checks that one seed gives the same bytes and another does not.
func TestGenerateDeterministic(t *testing.T) {
	a, _ := generate(t, Options{Share: 0.6, Stories: 20, Seed: 7})
	b, _ := generate(t, Options{Share: 0.6, Stories: 20, Seed: 7})
	c, _ := generate(t, Options{Share: 0.6, Stories: 20, Seed: 8})
	ha, hb, hc := digest(t, a), digest(t, b), digest(t, c)
	if ha != hb {
		t.Error("two runs with one seed wrote different sites")
	}
	if ha == hc {
		t.Error("two seeds wrote the same site")
	}
}

// digest is every file's path and bytes under dir, in walk order.
func digest(t *testing.T, dir string) string {
	t.Helper()
	var b bytes.Buffer
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + "\n")
		b.Write(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSentence checks that a generated sentence is valid UTF-8 starting with a capital, for
// every word it can start with (the first letter of "đạt" is two bytes).
func TestSentence(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		s := sentence(rng, 3)
		if r, _ := utf8.DecodeRuneInString(s); !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) || !unicode.IsUpper(r) {
			t.Fatalf("sentence %q: not valid UTF-8, a replacement character, or not capitalised", s)
		}
	}
}
