//go:build !unix

package write

import (
	"fmt"
	"io"
	"os"
)

// canLock says that lockOutput does not lock.
const canLock = false

// lockOutput opens the lock file but takes no lock: this system has no flock(2). Two builds
// into the same output folder at once are not guarded against here (see Writer).
// A lock file that is not a regular file, a symbolic link among others, is refused.
func lockOutput(name string, log io.Writer, waiting string) (*os.File, error) {
	if st, err := os.Lstat(name); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("write: lock the output: %s is not a regular file (a symbolic link, a folder or a device): remove it, and build again", name)
	}
	return os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
}
