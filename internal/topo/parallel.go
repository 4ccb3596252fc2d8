package topo

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallel calls fn(w, i) for every i in [0, n), spreading the calls over
// GOMAXPROCS workers, w being the worker's number, in chunks of chunk.
func parallel(n, chunk int, fn func(w, i int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	if workers <= 1 {
		for i := range n {
			fn(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					fn(w, i)
				}
			}
		}()
	}
	wg.Wait()
}

// workers returns the number of workers parallel uses at most.
func workers() int { return runtime.GOMAXPROCS(0) }
