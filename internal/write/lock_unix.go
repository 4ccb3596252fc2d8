//go:build unix

package write

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// canLock says that lockOutput locks.
const canLock = true

// lockOutput takes an exclusive lock on the file name, which it creates if need be, and
// returns it open: closing it releases the lock, and so does the end of the process, however
// it ends, so a killed build never leaves the output locked. When another build holds the
// lock, it writes waiting to log once and waits for it.
//
// The file is opened without following a symbolic link, and refused unless it is a regular
// file: a link planted in its place cannot make a build create or write a file elsewhere.
func lockOutput(name string, log io.Writer, waiting string) (*os.File, error) {
	f, err := openLock(name)
	if err != nil {
		return nil, err
	}
	err = flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		if log != nil {
			fmt.Fprintln(log, waiting)
		}
		err = flock(f, syscall.LOCK_EX)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("write: lock the output: %s: %w", name, err)
	}
	return f, nil
}

// openLock opens the lock file name for reading and writing, creating it if need be, without
// following a symbolic link (O_NOFOLLOW), and checks that what it opened is a regular file.
func openLock(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0o644)
	if errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EISDIR) {
		return nil, notRegular(name)
	}
	if err != nil {
		return nil, fmt.Errorf("write: lock the output: %w", err)
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(name)
	}
	return f, nil
}

// notRegular is the error of a lock file that is not a regular file.
func notRegular(name string) error {
	return fmt.Errorf("write: lock the output: %s is not a regular file (a symbolic link, a folder or a device): remove it, and build again", name)
}

// flock is flock(2) on f, tried again when a signal interrupts it.
func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			return err
		}
	}
}
