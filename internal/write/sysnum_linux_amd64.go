package write

// sysRenameat2 is renameat2's system call number; the syscall package names it on most
// architectures but not on amd64.
const sysRenameat2 = 316
