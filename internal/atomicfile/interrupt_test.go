//go:build unix

package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// interruptTarget names the environment variable that turns the test
// binary into the process TestInterrupt interrupts: it writes to the file
// named there and stops before the rename.
const interruptTarget = "ATOMICFILE_INTERRUPT_TARGET"

// TestInterrupt interrupts a write in progress, in a child process, with
// SIGINT and SIGTERM: the child must die of the signal (as it would
// without Write), remove its temporary file and leave the target as it
// was.
func TestInterrupt(t *testing.T) {
	if target := os.Getenv(interruptTarget); target != "" {
		testHookBeforeRename = func(tmp string) {
			fmt.Println("temporary file:", tmp)
			time.Sleep(time.Minute)
		}
		err := Write(target, []byte("new\n"), Options{})
		fmt.Println("not interrupted:", err)
		os.Exit(3)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			if signal.Ignored(sig) {
				// The child inherits the ignored signal (a shell's
				// background job ignores SIGINT), and Write leaves an
				// ignored signal ignored by design: the child would sleep
				// its minute and the test would fail for its
				// environment.
				t.Skipf("%v is ignored in this process, and so in the child", sig)
			}
			dir := t.TempDir()
			target := filepath.Join(dir, "template.yaml")
			writeFile(t, target, "old\n", 0o644)
			cmd := exec.Command(os.Args[0], "-test.run=^TestInterrupt$")
			cmd.Env = append(os.Environ(), interruptTarget+"="+target)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			tmp := ""
			for sc := bufio.NewScanner(stdout); tmp == "" && sc.Scan(); {
				tmp, _ = strings.CutPrefix(sc.Text(), "temporary file: ")
			}
			if _, err := os.Stat(tmp); tmp == "" || err != nil {
				t.Fatalf("the child made no temporary file (%q, %v)", tmp, err)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("child: %v, want death by %v", err, sig)
			}
			if ws := ee.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("child ended with %v, want death by %v", ws, sig)
			}
			noTemporaryFiles(t, dir)
			wantContent(t, target, "old\n", 0o644)
		})
	}
}
