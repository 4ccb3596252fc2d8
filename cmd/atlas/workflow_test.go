package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow file the test reads.
type workflow struct {
	Name        string               `yaml:"name"`
	On          map[string]yaml.Node `yaml:"on"`
	Permissions map[string]string    `yaml:"permissions"`
	Concurrency yaml.Node            `yaml:"concurrency"`
	Jobs        map[string]struct {
		RunsOn         string `yaml:"runs-on"`
		TimeoutMinutes int    `yaml:"timeout-minutes"`
		Steps          []struct {
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestWorkflow checks that the CI workflow for data commits is valid YAML, runs on every push
// and pull request, and runs the atlas commands the README names, with flags atlas accepts.
func TestWorkflow(t *testing.T) {
	const path = "../../.github/workflows/atlas.yml"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&w); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, ev := range []string{"push", "pull_request"} {
		if _, ok := w.On[ev]; !ok {
			t.Errorf("%s: does not run on %s", path, ev)
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	netlify, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var runs []string
	for name, job := range w.Jobs {
		if job.RunsOn == "" {
			t.Errorf("%s: job %s has no runs-on", path, name)
		}
		for _, s := range job.Steps {
			if s.Run == "" {
				continue
			}
			for _, line := range strings.Split(strings.TrimSpace(s.Run), "\n") {
				runs = append(runs, strings.TrimSpace(line))
			}
		}
	}
	want := map[string]bool{"check -format=github": false, "build": false}
	site := "../../testdata/son-la"
	for _, line := range runs {
		args, ok := strings.CutPrefix(line, "go run ./cmd/atlas ")
		if !ok {
			t.Errorf("%s: step runs %q, not an atlas command", path, line)
			continue
		}
		if !bytes.Contains(readme, []byte(line)) {
			t.Errorf("%s: runs %q, which README.md does not name", path, line)
		}
		if _, ok := want[args]; ok {
			want[args] = true
		}
		// The command and its flags must be ones atlas accepts: run it on the small fixture.
		argv := strings.Fields(args)
		argv = append(argv, "-s", site)
		if argv[0] == "build" {
			argv = append(argv, "-o", filepath.Join(t.TempDir(), "public"))
			if !bytes.Contains(netlify, []byte(`command = "`+line+`"`)) {
				t.Errorf("%s: builds with %q, netlify.toml with another command", path, line)
			}
		}
		var stdout, stderr bytes.Buffer
		if code := run(argv, &stdout, &stderr); code != exitOK {
			t.Errorf("atlas %s: exit %d\n%s", strings.Join(argv, " "), code, stderr.String())
		}
		if argv[0] == "check" && !strings.Contains(stdout.String(), "::warning file=") {
			t.Errorf("atlas %s printed no annotations:\n%s", strings.Join(argv, " "), stdout.String())
		}
	}
	for cmd, seen := range want {
		if !seen {
			t.Errorf("%s: no step runs go run ./cmd/atlas %s", path, cmd)
		}
	}
}
