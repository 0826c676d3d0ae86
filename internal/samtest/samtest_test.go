package samtest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/toolcache"
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

// TestAnswerKey checks what a kept answer is keyed by: the script, its
// stdin, and its args, a file arg by its content; a directory arg is not
// cached, nor anything without a cache.
func TestAnswerKey(t *testing.T) {
	t.Parallel()
	c := toolcache.New(t.TempDir(), "fake python")
	file := filepath.Join(t.TempDir(), "template.yaml")
	write := func(body string) {
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a")
	key := func(script, stdin string, args ...string) string {
		t.Helper()
		k, ok := answerKey(c, script, []byte(stdin), args)
		if !ok {
			t.Fatalf("answerKey(%q, %q, %q): not cacheable", script, stdin, args)
		}
		return k
	}
	base := key("s", "in", file, "literal")
	if key("s", "in", file, "literal") != base {
		t.Error("one question, two keys")
	}
	for name, other := range map[string]string{
		"another script": key("t", "in", file, "literal"),
		"another stdin":  key("s", "out", file, "literal"),
		"another arg":    key("s", "in", file, "other"),
		"the args split": key("s", "in", file+"literal"),
	} {
		if other == base {
			t.Errorf("%s: the same key", name)
		}
	}
	write("b")
	if key("s", "in", file, "literal") == base {
		t.Error("a file arg's content changed: the same key")
	}
	if _, ok := answerKey(c, "s", nil, []string{filepath.Dir(file)}); ok {
		t.Error("a directory arg: cacheable")
	}
	if _, ok := answerKey(nil, "s", nil, nil); ok {
		t.Error("no cache: cacheable")
	}
}
