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
			cmd, tmp := interruptible(t, "TestInterrupt", interruptTarget+"="+target)
			if _, err := os.Stat(tmp); tmp == "" || err != nil {
				t.Fatalf("the child made no temporary file (%q, %v)", tmp, err)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
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

// interruptFiles names the environment variable that turns the test
// binary into the process TestInterruptWriteFiles interrupts: it writes
// two files into the directory named there and stops before the second
// one's rename.
const interruptFiles = "ATOMICFILE_INTERRUPT_FILES"

// TestInterruptWriteFiles interrupts WriteFiles between its files: the
// first file and the directories made for both are removed, what was
// there before stays.
func TestInterruptWriteFiles(t *testing.T) {
	if dir := os.Getenv(interruptFiles); dir != "" {
		testHookBeforeRename = func(tmp string) {
			if filepath.Base(filepath.Dir(tmp)) == "pkg" {
				fmt.Println("temporary file:", tmp)
				time.Sleep(time.Minute)
			}
		}
		err := WriteFiles(dir, map[string][]byte{"cue.mod/module.cue": []byte("a\n"), "cue.mod/pkg/x.cue": []byte("b\n")}, Options{})
		fmt.Println("not interrupted:", err)
		os.Exit(3)
	}
	if signal.Ignored(syscall.SIGINT) {
		t.Skip("SIGINT is ignored in this process, and so in the child")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "samgen.cue"), "spec\n", 0o644)
	cmd, _ := interruptible(t, "TestInterruptWriteFiles", interruptFiles+"="+dir)
	if _, err := os.Stat(filepath.Join(dir, "cue.mod", "module.cue")); err != nil {
		t.Fatalf("the child did not write the first file: %v", err)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || !ee.Sys().(syscall.WaitStatus).Signaled() {
		t.Fatalf("child: %v, want death by SIGINT", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "samgen.cue" {
		t.Errorf("after the interrupt the directory holds %v; want samgen.cue alone", entries)
	}
	wantContent(t, filepath.Join(dir, "samgen.cue"), "spec\n", 0o644)
}

// interruptible starts the test binary as the child the test named runs
// (env selects its part), and returns once the child has printed the
// temporary file it stopped at, with that file's name. The child is
// killed when the test ends.
func interruptible(t *testing.T, test, env string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	tmp := ""
	for sc := bufio.NewScanner(stdout); tmp == "" && sc.Scan(); {
		tmp, _ = strings.CutPrefix(sc.Text(), "temporary file: ")
	}
	return cmd, tmp
}
