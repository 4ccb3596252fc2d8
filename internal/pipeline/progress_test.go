package pipeline

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgress checks that a build shows its phases on the progress writer, ends by clearing
// the line, and that without one nothing of it reaches the log.
func TestProgress(t *testing.T) {
	site := filepath.Join("..", "..", "testdata", "son-la")
	var prog, log bytes.Buffer
	if _, err := Run(Options{Site: site, Out: filepath.Join(t.TempDir(), "public"), NoCache: true, Log: &log, Progress: &prog}); err != nil {
		t.Fatal(err)
	}
	p := prog.String()
	for _, want := range []string{"atlas: reading the site", "atlas: decoding ", "atlas: drawing maps 1/1 provinces", "atlas: rendering "} {
		if !strings.Contains(p, want) {
			t.Errorf("progress lacks %q:\n%q", want, p)
		}
	}
	if !strings.HasSuffix(p, "\r\033[K") {
		t.Errorf("progress does not end by clearing its line: %q", p[max(0, len(p)-40):])
	}
	if strings.Contains(log.String(), "\r") {
		t.Errorf("the log holds progress: %q", log.String())
	}
	log.Reset()
	if _, err := Run(Options{Site: site, Out: filepath.Join(t.TempDir(), "public"), NoCache: true, Log: &log}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(log.String(), "\r") || strings.Contains(log.String(), "atlas: rendering") {
		t.Errorf("without Progress the log holds progress: %q", log.String())
	}
}
