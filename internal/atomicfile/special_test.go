//go:build unix

package atomicfile

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteRefusesSpecialFiles checks that devices, named pipes and
// sockets are refused and left in place (a rename would replace them with
// a regular file), directly and through a link.
func TestWriteRefusesSpecialFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	link := filepath.Join(dir, "null-link")
	if err := os.Symlink(os.DevNull, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, why string }{
		{os.DevNull, "/dev/null is a character device, not a regular file"},
		{link, "DIR/null-link (a link to /dev/null) is a character device, not a regular file"},
		{fifo, "DIR/fifo is a named pipe, not a regular file"},
		{sock, "DIR/sock is a socket, not a regular file"},
	}
	for _, tc := range tests {
		before, err := os.Lstat(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		want := "write " + strings.ReplaceAll(tc.path, dir, "DIR") + ": " + tc.why
		if got := errString(Write(tc.path, []byte("new\n"), Options{}), dir); got != want {
			t.Errorf("error\n got: %s\nwant: %s", got, want)
		}
		// Check refuses them too, so a reader never opens a pipe or a
		// device.
		if got := errString(Check(tc.path, Options{}), dir); got != tc.why {
			t.Errorf("Check error\n got: %s\nwant: %s", got, tc.why)
		}
		after, err := os.Lstat(tc.path)
		if err != nil || after.Mode() != before.Mode() {
			t.Errorf("%s changed: mode %v, now %v (%v)", tc.path, before.Mode(), after.Mode(), err)
		}
	}
	noTemporaryFiles(t, dir)
	noTemporaryFiles(t, filepath.Dir(os.DevNull))
}
