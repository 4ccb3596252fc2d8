package topo

// Point is a vertex on the integer plane of the map. Areas are exact for
// coordinates within ±2^29; beyond, they may overflow.
type Point struct{ X, Y int32 }

// Ring is a closed ring: its first point equals its last.
type Ring []Point

// Polygon is an outer ring followed by its holes, in any winding.
type Polygon []Ring

// Shape is one unit: a multipolygon with a caller's identifier.
type Shape struct {
	ID       int
	Polygons []Polygon
}

// Topology is the shared-border structure of a set of shapes.
//
// Its rings are wound as Build leaves them: an outer ring's shoelace area is
// positive, a hole's negative; Simplify keeps those signs. Methods other than
// Repair do not change a Topology.
type Topology struct {
	// Arcs are the arcs' vertices, each from one node to the next, or a closed
	// ring (first point equals last) where a ring has no node. A border two
	// shapes share is one arc, walked forward by one and reversed by the other.
	Arcs [][]Point
	// Shapes are the shapes as arc references, in the order given to Build.
	Shapes []TShape
}

// TShape is a shape whose rings are sequences of arc references.
type TShape struct {
	ID int
	// Polygons holds each polygon's rings, outer ring first: a ring is the
	// concatenation of its arcs, each arc's first point equal to the
	// previous arc's last.
	Polygons [][][]ArcRef
}

// ArcRef refers to an arc, walked from its last point to its first if Reverse.
type ArcRef struct {
	Arc     int
	Reverse bool
}

// cloneShapes returns a deep copy of shapes.
func cloneShapes(shapes []TShape) []TShape {
	out := make([]TShape, len(shapes))
	for i, s := range shapes {
		out[i] = TShape{ID: s.ID, Polygons: make([][][]ArcRef, len(s.Polygons))}
		for j, p := range s.Polygons {
			q := make([][]ArcRef, len(p))
			for k, r := range p {
				q[k] = append([]ArcRef(nil), r...)
			}
			out[i].Polygons[j] = q
		}
	}
	return out
}
