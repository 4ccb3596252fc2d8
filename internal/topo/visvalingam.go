package topo

import "math"

// vis runs Visvalingam-Whyatt on one arc at a time, reusing its buffers.
//
// Doubled triangle areas of integer points are integers, and a vertex's
// effective area never falls below that of the last vertex removed, so when
// the limit is small the queue is an array of buckets, one per integer area
// below the limit, walked upwards once: constant time a vertex. Otherwise it
// is a 4-ary heap.
type vis struct {
	_          [64]byte // keeps workers' hot fields off each other's cache lines
	prev, next []int32
	heap       []item  // interior vertices, a 4-ary min-heap on area
	at         []int32 // each vertex's place in heap
	keep       []bool
	bucket     buckets
	_          [64]byte
}

// maxBuckets is the largest doubled area limit run uses buckets for.
const maxBuckets = 1 << 16

// item is a vertex in the heap with twice its effective area.
type item struct {
	a float64
	i int32
}

// run removes, smallest first, the interior vertices of p whose effective
// area, doubled, is below limit; the end points stay. A vertex's effective
// area is the area of the triangle it makes with its neighbours, raised to the
// effective area of the last vertex removed so that areas only grow. If order
// is not nil the removed vertices are appended to it, in order, and their
// effective areas (doubled) to thr. The returned flags are valid until the
// next call.
func (v *vis) run(p []Point, limit float64, order *[]int32, thr *[]float64) []bool {
	n := len(p)
	v.keep = grow(v.keep, n)
	for i := range v.keep {
		v.keep[i] = true
	}
	if n < 3 || !(limit > 0) {
		return v.keep
	}
	v.prev, v.next = grow(v.prev, n), grow(v.next, n)
	if limit <= maxBuckets {
		v.runBuckets(p, int(math.Ceil(limit)), order, thr)
		return v.keep
	}
	v.at = grow(v.at, n)
	v.heap = v.heap[:0]
	for i := 1; i < n-1; i++ {
		v.prev[i], v.next[i] = int32(i-1), int32(i+1)
		v.at[i] = int32(len(v.heap))
		v.heap = append(v.heap, item{tri2(p[i-1], p[i], p[i+1]), int32(i)})
	}
	for i := (len(v.heap) - 2) / 4; i >= 0; i-- {
		v.down(i)
	}
	for len(v.heap) > 0 && v.heap[0].a < limit {
		top := v.heap[0]
		i, a := top.i, top.a
		last := len(v.heap) - 1
		v.heap[0] = v.heap[last]
		v.heap = v.heap[:last]
		if last > 0 {
			v.down(0)
		}
		v.keep[i] = false
		if order != nil {
			*order = append(*order, i)
			*thr = append(*thr, a)
		}
		pi, ni := v.prev[i], v.next[i]
		v.next[pi], v.prev[ni] = ni, pi
		if pi > 0 {
			v.update(pi, max(tri2(p[v.prev[pi]], p[pi], p[ni]), a))
		}
		if int(ni) < n-1 {
			v.update(ni, max(tri2(p[pi], p[ni], p[v.next[ni]]), a))
		}
	}
	return v.keep
}

// runBuckets is run with a bucket queue, for limit (now an integer) at most
// maxBuckets.
func (v *vis) runBuckets(p []Point, limit int, order *[]int32, thr *[]float64) {
	n := len(p)
	q := &v.bucket
	q.reset(n, limit)
	lim := int64(limit)
	for i := 1; i < n-1; i++ {
		v.prev[i], v.next[i] = int32(i-1), int32(i+1)
		if k := tri2i(p[i-1], p[i], p[i+1]); k < lim {
			q.set(int32(i), int(k))
		}
	}
	for cur := 0; q.size > 0; {
		for q.head[cur] < 0 {
			cur++
		}
		i := q.head[cur]
		q.pop(i)
		v.keep[i] = false
		if order != nil {
			*order = append(*order, i)
			*thr = append(*thr, float64(cur))
		}
		pi, ni := v.prev[i], v.next[i]
		v.next[pi], v.prev[ni] = ni, pi
		c := int64(cur)
		if pi > 0 {
			q.set(pi, int(min(max(tri2i(p[v.prev[pi]], p[pi], p[ni]), c), lim)))
		}
		if int(ni) < n-1 {
			q.set(ni, int(min(max(tri2i(p[pi], p[ni], p[v.next[ni]]), c), lim)))
		}
	}
}

// grow returns s resliced or reallocated to length n.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// gather returns the points of p that keep flags, in a new slice.
func gather(p []Point, keep []bool) []Point {
	n := 0
	for _, k := range keep {
		if k {
			n++
		}
	}
	out := make([]Point, 0, n)
	for i, k := range keep {
		if k {
			out = append(out, p[i])
		}
	}
	return out
}
