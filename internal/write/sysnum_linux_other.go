//go:build linux && !amd64 && !arm64

package write

// sysRenameat2 is 0 where this package does not know renameat2's number: Tree then swaps
// with two renames.
const sysRenameat2 = 0
