// Command generate writes a seeded, fully populated site for benchmarks (and, with -hugo, an
// equivalent Hugo site). bench/national.sh runs it; see docs/performance.md.
//
//	go run ./bench/benchsite/generate -from . -out /tmp/bench/site -hugo /tmp/bench/hugo
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/ntm-atlas/atlas/bench/benchsite"
)

func main() {
	var o benchsite.Options
	flag.StringVar(&o.From, "from", ".", "source site `folder` (the default national content)")
	flag.StringVar(&o.Out, "out", "", "`folder` to write the site to (must be empty or absent)")
	flag.Uint64Var(&o.Seed, "seed", 1, "random seed")
	flag.Float64Var(&o.Share, "share", 0.6, "share of former units given recognitions")
	flag.IntVar(&o.Stories, "stories", 2000, "number of stories")
	flag.IntVar(&o.Provinces, "provinces", 0, "keep only the first `N` provinces by code (0: all)")
	flag.StringVar(&o.Hugo, "hugo", "", "`folder` to write an equivalent Hugo site to")
	flag.Parse()
	if o.Out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	sum, err := benchsite.Generate(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
	fmt.Println(sum)
	if o.Hugo != "" {
		fmt.Printf("hugo: %d content pages\n", sum.HugoPages)
	}
}
