package status

import "testing"

// TestShareClass: the classes of the share bins; 100 % only when every commune has.
func TestShareClass(t *testing.T) {
	for _, tc := range []struct {
		met, total int
		class      Class
	}{
		{0, 10, "share-1"}, {4, 10, "share-1"}, {5, 10, "share-2"}, {7, 10, "share-3"},
		{85, 100, "share-4"}, {199, 200, "share-4"}, {10, 10, "share-5"},
	} {
		if c := ShareClass(Share{Met: tc.met, Total: tc.total}); c != tc.class {
			t.Errorf("%d/%d is class %s, want %s", tc.met, tc.total, c, tc.class)
		}
	}
}
