//go:build !linux

package write

import "errors"

// exchange reports that this system cannot swap two folders atomically.
func exchange(a, b string) error { return errors.ErrUnsupported }
