package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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
		Steps          []step `yaml:"steps"`
	} `yaml:"jobs"`
}

// step is a step of a job.
type step struct {
	Name string            `yaml:"name"`
	If   string            `yaml:"if"`
	Env  map[string]string `yaml:"env"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
}

// readWorkflow reads the repository's workflow, refusing keys the test does not know.
func readWorkflow(t *testing.T) (workflow, []byte) {
	t.Helper()
	b, err := os.ReadFile(workflowFile)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&w); err != nil {
		t.Fatalf("%s: %v", workflowFile, err)
	}
	return w, b
}

const workflowFile = "../../.github/workflows/atlas.yml"

// TestWorkflow checks that the CI workflow for data commits is valid YAML, runs on every push
// and pull request, and runs the atlas commands the README names, with flags atlas accepts.
func TestWorkflow(t *testing.T) {
	const path = workflowFile
	w, _ := readWorkflow(t)
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
			if s.Run == "" || s.If != "" {
				continue // the steps of some events only: see TestWorkflowDiff
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

// TestWorkflowDiff checks that on every pull request the workflow fetches the base branch and
// runs atlas diff against it into the job's summary, with flags atlas accepts and no token:
// the command, run as the step runs it (the base a revision of this repository), writes the
// summary's Markdown. docs/publishing.md shows the same command.
func TestWorkflowDiff(t *testing.T) {
	w, b := readWorkflow(t)
	if bytes.Contains(b, []byte("secrets.")) || len(w.Permissions) != 1 || w.Permissions["contents"] != "read" {
		t.Errorf("%s: the workflow asks for more than reading the repository: permissions %v", workflowFile, w.Permissions)
	}
	var diffStep *step
	for _, job := range w.Jobs {
		for i, s := range job.Steps {
			if strings.Contains(s.Run, "atlas diff") {
				diffStep = &job.Steps[i]
			}
		}
	}
	if diffStep == nil {
		t.Fatalf("%s: no step runs atlas diff", workflowFile)
	}
	if diffStep.If != "github.event_name == 'pull_request'" {
		t.Errorf("the atlas diff step runs if %q, want on pull requests", diffStep.If)
	}
	publishing, err := os.ReadFile("../../docs/publishing.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(diffStep.Run), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "git fetch ") || !strings.Contains(lines[0], "$GITHUB_BASE_REF:refs/remotes/origin/$GITHUB_BASE_REF") {
		t.Fatalf("the atlas diff step runs %q: want the base branch fetched, then atlas diff", lines)
	}
	line := strings.TrimSpace(lines[1])
	if !bytes.Contains(publishing, []byte(line)) {
		t.Errorf("docs/publishing.md does not show the command CI runs: %s", line)
	}
	cmd, summary, ok := strings.Cut(line, " >> ")
	if !ok || summary != `"$GITHUB_STEP_SUMMARY"` {
		t.Fatalf("%q does not append to the job's summary", line)
	}
	// Run it as the step does, on the fixture, against this repository's HEAD.
	env := map[string]string{"GITHUB_BASE_REF": "main", "PREVIEW_URL": "https://deploy-preview-1--example.netlify.app/"}
	for k := range diffStep.Env {
		if _, ok := env[k]; !ok {
			t.Errorf("the step sets %s, which the test does not give a value", k)
		}
	}
	argv := shellWords(t, cmd, env)
	if strings.Join(argv[:3], " ") != "go run ./cmd/atlas" || argv[3] != "diff" {
		t.Fatalf("%q: not atlas diff", line)
	}
	args := argv[4:]
	for i, a := range args {
		switch {
		case a == "-base" && i+1 < len(args) && args[i+1] == "origin/main":
			args[i+1] = "HEAD" // what the fetch makes origin/main here
		case a == "-maps" && i+1 < len(args):
			args[i+1] = filepath.Join(t.TempDir(), "maps")
		}
	}
	if !slices.Contains(args, "-format=markdown") {
		t.Errorf("%q: not Markdown", line)
	}
	if _, err := exec.LookPath("git"); err != nil && os.Getenv("CI") == "" {
		t.Skip("git is not installed")
	}
	var stdout, stderr bytes.Buffer
	if code := run(append(append([]string{"diff"}, args...), "-s", "../../testdata/son-la"), &stdout, &stderr); code != exitOK {
		t.Fatalf("atlas diff %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "## What this change does to the atlas\n") {
		t.Errorf("atlas diff wrote no summary:\n%s", stdout.String())
	}
}

// shellWords splits a command line as a POSIX shell does the simple lines of a workflow:
// words apart by spaces, double quotes kept together, $NAME expanded from env.
func shellWords(t *testing.T, line string, env map[string]string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"':
			quoted, inWord = !quoted, true
		case c == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '$':
			j := i + 1
			for j < len(line) && (line[j] == '_' || line[j] >= 'A' && line[j] <= 'Z' || line[j] >= '0' && line[j] <= '9') {
				j++
			}
			v, ok := env[line[i+1:j]]
			if !ok {
				t.Fatalf("%q: $%s has no value in the test", line, line[i+1:j])
			}
			cur.WriteString(v)
			i, inWord = j-1, true
		case c == '\'' || c == '\\' || c == '`':
			t.Fatalf("%q: the test reads no %c", line, c)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("%q: unclosed quote", line)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
