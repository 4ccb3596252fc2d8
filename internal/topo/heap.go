package topo

// The 4-ary heap vis uses when the area limit is too large for buckets.

// update sets vertex i's area and restores the heap.
func (v *vis) update(i int32, a float64) {
	h := int(v.at[i])
	old := v.heap[h].a
	v.heap[h].a = a
	if a < old {
		v.up(h)
	} else {
		v.down(h)
	}
}

func (v *vis) up(h int) {
	it := v.heap[h]
	for h > 0 {
		parent := (h - 1) / 4
		if v.heap[parent].a <= it.a {
			break
		}
		v.heap[h] = v.heap[parent]
		v.at[v.heap[h].i] = int32(h)
		h = parent
	}
	v.heap[h] = it
	v.at[it.i] = int32(h)
}

func (v *vis) down(h int) {
	n := len(v.heap)
	it := v.heap[h]
	for {
		c := 4*h + 1
		if c >= n {
			break
		}
		m, ma := c, v.heap[c].a
		for k := c + 1; k < min(c+4, n); k++ {
			if a := v.heap[k].a; a < ma {
				m, ma = k, a
			}
		}
		if ma >= it.a {
			break
		}
		v.heap[h] = v.heap[m]
		v.at[v.heap[h].i] = int32(h)
		h = m
	}
	v.heap[h] = it
	v.at[it.i] = int32(h)
}
