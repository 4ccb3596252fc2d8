//go:build unix

package write

import (
	"os"
	"syscall"
)

// fileID returns the device and inode numbers of the file fi describes, or false.
func fileID(fi os.FileInfo) (id [2]uint64, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return id, false
	}
	return [2]uint64{uint64(st.Dev), uint64(st.Ino)}, true
}
