//go:build !unix

package write

import (
	"io"
	"os"
)

// canLock says that lockOutput does not lock.
const canLock = false

// lockOutput opens the lock file but takes no lock: this system has no flock(2). Two builds
// into the same output folder at once are not guarded against here (see Writer).
func lockOutput(name string, log io.Writer, waiting string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
}
