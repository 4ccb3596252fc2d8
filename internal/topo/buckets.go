package topo

// buckets is a bucket queue of vertices by integer key below a limit.
type buckets struct {
	head       []int32 // first vertex of each key, -1 if none
	next, prev []int32 // each vertex's neighbours in its bucket
	key        []int   // each vertex's key; the limit if not queued
	limit      int
	size       int
}

// reset empties the queue for n vertices and keys below limit.
func (q *buckets) reset(n, limit int) {
	if cap(q.head) < limit {
		q.head = make([]int32, limit)
		for i := range q.head {
			q.head[i] = -1
		}
	}
	q.head = q.head[:limit] // all -1: every run empties the queue
	q.next, q.prev, q.key = grow(q.next, n), grow(q.prev, n), grow(q.key, n)
	for i := range q.key {
		q.key[i] = limit
	}
	q.limit, q.size = limit, 0
}

// pop takes vertex i, first in its bucket, out of the queue.
func (q *buckets) pop(i int32) {
	nx := q.next[i]
	q.head[q.key[i]] = nx
	if nx >= 0 {
		q.prev[nx] = -1
	}
	q.key[i] = q.limit
	q.size--
}

// set moves vertex i to key k, out of the queue if k is at the limit or over.
func (q *buckets) set(i int32, k int) {
	k = min(k, q.limit)
	old := q.key[i]
	if k == old {
		return
	}
	if old < q.limit {
		if p := q.prev[i]; p >= 0 {
			q.next[p] = q.next[i]
		} else {
			q.head[old] = q.next[i]
		}
		if nx := q.next[i]; nx >= 0 {
			q.prev[nx] = q.prev[i]
		}
		q.size--
	}
	if k >= q.limit {
		q.key[i] = q.limit
		return
	}
	q.key[i] = k
	q.prev[i], q.next[i] = -1, q.head[k]
	if h := q.head[k]; h >= 0 {
		q.prev[h] = i
	}
	q.head[k] = i
	q.size++
}
