package samtest

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestWorker checks that the one Python process runs each script as
// `python3 -c script args...` would: its args, stdin and stdout, its exit
// status (SystemExit, an uncaught exception), and a namespace of its own.
func TestWorker(t *testing.T) {
	cases := []struct {
		script, stdin string
		args          []string
		stdout        string
		stderr        string // contained in the reply's
		status        int
	}{
		{script: "import sys\nprint(sys.argv[1:], sys.stdin.read())", stdin: "in", args: []string{"a", "b"}, stdout: "['a', 'b'] in\n"},
		{script: "leftover = 1"},
		{script: "print('leftover' in globals(), __name__)", stdout: "False __main__\n"},
		{script: "import sys\nprint('partial')\nsys.exit(3)", stdout: "partial\n", status: 3},
		{script: "import sys\nsys.exit()"},
		{script: "import sys\nsys.exit('why')", stderr: "why", status: 1},
		{script: "raise ValueError('boom')", stderr: "ValueError: boom", status: 1},
		{script: "import sys\nprint('err', file=sys.stderr)\nprint('out')", stdout: "out\n", stderr: "err"},
	}
	for _, c := range cases {
		rep, err := run(request{Script: c.script, Stdin: c.stdin, Args: c.args})
		if errors.As(err, new(errNoPython)) {
			if os.Getenv("CI") == "true" {
				t.Fatal(err)
			}
			t.Skip(err)
		}
		if err != nil {
			t.Fatalf("%q: %v", c.script, err)
		}
		if rep.Stdout != c.stdout || rep.Status != c.status || !strings.Contains(rep.Stderr, c.stderr) {
			t.Errorf("%q: got stdout %q, status %d, stderr %q; want %q, %d, %q", c.script, rep.Stdout, rep.Status, rep.Stderr, c.stdout, c.status, c.stderr)
		}
	}
}

func TestMain(m *testing.M) {
	os.Exit(Main(m))
}
