package write_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/ntm-atlas/atlas/internal/write"
)

func ExampleFile() {
	site, err := os.MkdirTemp("", "site")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(site)

	name := filepath.Join(site, "content", "units", "03664.toml")
	if err := write.File(name, []byte("code = \"03664\"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(b))
	// Output: code = "03664"
}

func ExampleFileFunc() {
	dir, err := os.MkdirTemp("", "cache")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	name := filepath.Join(dir, "weights")
	if err := write.File(name, []byte("old weights\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	// A write that fails half way leaves the old file as it was.
	err = write.FileFunc(name, 0o644, func(w io.Writer) error {
		fmt.Fprintln(w, "new wei")
		return errors.New("out of memory")
	})
	fmt.Println(err)
	b, _ := os.ReadFile(name)
	fmt.Print(string(b))
	// Output:
	// out of memory
	// old weights
}
