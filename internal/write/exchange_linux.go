package write

import (
	"os"
	"syscall"
	"unsafe"
)

// renameExchange is RENAME_EXCHANGE of renameat2(2): swap two paths atomically.
const renameExchange = 1 << 1

// atFDCWD is AT_FDCWD: paths relative to the working folder.
const atFDCWD = -0x64

// exchange swaps the folders a and b in one step with renameat2(2). It fails on kernels before
// 3.15 and on file systems without support; the caller then falls back to two renames.
func exchange(a, b string) error {
	if sysRenameat2 == 0 {
		return syscall.ENOSYS
	}
	pa, err := syscall.BytePtrFromString(a)
	if err != nil {
		return err
	}
	pb, err := syscall.BytePtrFromString(b)
	if err != nil {
		return err
	}
	fd := atFDCWD
	_, _, errno := syscall.Syscall6(sysRenameat2, uintptr(fd), uintptr(unsafe.Pointer(pa)), uintptr(fd), uintptr(unsafe.Pointer(pb)), renameExchange, 0)
	if errno != 0 {
		return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: errno}
	}
	return nil
}
