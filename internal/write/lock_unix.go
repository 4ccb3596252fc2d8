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
func lockOutput(name string, log io.Writer, waiting string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("write: lock the output: %w", err)
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

// flock is flock(2) on f, tried again when a signal interrupts it.
func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			return err
		}
	}
}
