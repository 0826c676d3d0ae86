// Package samtest runs AWS SAM's own translator (aws-sam-translator, in
// python3) for tests: the oracle samgen's predictions of the transform are
// checked against. Only tests import it.
package samtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"samgen.dev/samgen/internal/toolcache"
)

// Prelude starts every Python script the tests run with SAM's translator:
// it exits with [Missing] when aws-sam-translator or PyYAML is not
// installed, so one process both checks for them and does the work.
const Prelude = `
import sys
try:
    import samtranslator, yaml
except ImportError as e:
    print(e, file=sys.stderr)
    sys.exit(75)
`

// Loader is Prelude and what a script needs to read a template written
// with YAML short-form intrinsics (!Ref, !GetAtt X.Arn) into the JSON form
// the translator takes: yaml.safe_load does it after Loader.
const Loader = Prelude + `
import json, yaml
from samtranslator.translator.transform import transform

class Policies:
    def load(self):
        return {}

def construct(loader, suffix, node):
    tag = node.tag[1:]
    name = tag if tag in ("Ref", "Condition") else "Fn::" + tag
    if isinstance(node, yaml.ScalarNode):
        v = loader.construct_scalar(node)
        return {name: v.split(".", 1) if tag == "GetAtt" else v}
    if isinstance(node, yaml.SequenceNode):
        return {name: loader.construct_sequence(node, deep=True)}
    return {name: loader.construct_mapping(node, deep=True)}
yaml.SafeLoader.add_multi_constructor("!", construct)

def load(x):
    """A template from its text (YAML or JSON) or its JSON value, with its
    code paths made S3 URIs, as sam package rewrites them."""
    t = yaml.safe_load(x) if isinstance(x, str) else x
    for r in t["Resources"].values():
        p = r.get("Properties", {})
        for k in ("CodeUri", "ContentUri", "DefinitionUri"):
            if isinstance(p.get(k), str):
                p[k] = "s3://bucket/" + p[k]
    return t
`

// RolesScript prints, per template of a JSON list on stdin (texts, or
// JSON values), every IAM role SAM's transform leaves in it: the sorted
// (action, resource) pairs of its inline policies ("action json") and its
// managed policy ARNs, as a JSON list in the order of the input.
const RolesScript = Loader + `
def roles(x):
    out = transform(load(x), {}, Policies())
    found = {}
    for rid, r in out["Resources"].items():
        if r["Type"] != "AWS::IAM::Role":
            continue
        pairs = set()
        for p in r["Properties"].get("Policies", []):
            for s in p["PolicyDocument"]["Statement"]:
                acts = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
                res = s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]]
                for a in acts:
                    for x in res:
                        pairs.add(a + " " + json.dumps(x, sort_keys=True))
        managed = sorted(json.dumps(m, sort_keys=True) for m in r["Properties"].get("ManagedPolicyArns", []))
        found[rid] = {"pairs": sorted(pairs), "managed": managed}
    return found

json.dump([roles(t) for t in json.load(sys.stdin)], sys.stdout, indent=1, sort_keys=True)
`

// Missing is Prelude's exit status (EX_TEMPFAIL: not the script's fault).
const Missing = 75

// workerScript runs, one after the other, the scripts a test binary asks
// for, each as `python3 -c script args...` would: a JSON request per line
// on stdin ({"script", "stdin", "args"}), a JSON reply per line on stdout
// ({"stdout", "stderr", "status"}), a fresh namespace per script and its
// exit status from SystemExit. Importing SAM's translator costs about a
// second of CPU, far more than a transform, so a test binary imports it
// once rather than once per test.
const workerScript = `
import io, json, sys, traceback
requests, replies = sys.stdin, sys.stdout
for line in requests:
    req = json.loads(line)
    out, err = io.StringIO(), io.StringIO()
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(req["stdin"]), out, err
    sys.argv = ["-c"] + (req["args"] or [])
    status = 0
    try:
        exec(compile(req["script"], "<string>", "exec"), {"__name__": "__main__"})
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            status = e.code or 0
        else:
            print(e.code, file=err)
            status = 1
    except BaseException:
        traceback.print_exc()
        status = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = sys.__stdin__, sys.__stdout__, sys.__stderr__
    replies.write(json.dumps({"stdout": out.getvalue(), "stderr": err.getvalue(), "status": status}) + "\n")
    replies.flush()
`

// request and reply are workerScript's protocol.
type request struct {
	Script string   `json:"script"`
	Stdin  string   `json:"stdin"`
	Args   []string `json:"args"`
}

type reply struct {
	Stdout string `json:"stdout"`
	Stderr string `json:"stderr"`
	Status int    `json:"status"`
}

// worker is the test binary's one workerScript process, started on first
// use and run by one test at a time. It ends at [Stop], or when the test
// binary does (its stdin closes).
var worker struct {
	sync.Mutex
	started bool
	err     error // python3 not found, or the process failed
	cmd     *exec.Cmd
	in      io.WriteCloser
	out     *bufio.Reader
	stderr  bytes.Buffer
}

// Main runs the tests of m and then stops the Python process [Run]
// started, if any, waiting for it (so that its CPU time is the test
// binary's, as with a process per script). A package whose tests call Run
// calls it from TestMain: os.Exit(samtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	worker.Lock()
	defer worker.Unlock()
	if worker.cmd != nil {
		worker.in.Close()
		if err := worker.cmd.Wait(); err != nil {
			fmt.Fprintf(os.Stderr, "samtest: the Python worker: %v\n%s", err, worker.stderr.String())
			code = max(code, 1)
		}
		worker.cmd = nil
	}
	return code
}

// errNoPython is worker.err when there is no python3 to run.
type errNoPython struct{ error }

// run sends req to the worker, starting it if need be.
func run(req request) (reply, error) {
	worker.Lock()
	defer worker.Unlock()
	if !worker.started {
		worker.started = true
		worker.err = startWorker()
	}
	if worker.err != nil {
		return reply{}, worker.err
	}
	line, err := json.Marshal(req)
	if err == nil {
		_, err = worker.in.Write(append(line, '\n'))
	}
	var rep reply
	if err == nil {
		line, err = worker.out.ReadBytes('\n')
	}
	if err == nil {
		err = json.Unmarshal(line, &rep)
	}
	if err != nil {
		worker.in.Close()
		if werr := worker.cmd.Wait(); werr != nil { // and its stderr is complete
			err = fmt.Errorf("%v (%v)", err, werr)
		}
		worker.cmd = nil
		worker.err = fmt.Errorf("the Python worker failed: %v\n%s", err, worker.stderr.String())
		return reply{}, worker.err
	}
	return rep, nil
}

func startWorker() error {
	py, err := exec.LookPath("python3")
	if err != nil {
		return errNoPython{err}
	}
	cmd := exec.Command(py, "-c", workerScript)
	cmd.Env = append(os.Environ(), "AWS_DEFAULT_REGION=eu-west-1")
	cmd.Stderr = &worker.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	worker.cmd, worker.in, worker.out = cmd, in, bufio.NewReader(out)
	return nil
}

// Run runs a Python script that starts with Prelude with args and stdin,
// and returns its output. Without python3, aws-sam-translator or PyYAML it
// skips the test, except in CI, where they are required. Every script of
// a test binary runs in one Python process (workerScript).
func Run(t *testing.T, script string, stdin []byte, args ...string) []byte {
	t.Helper()
	missing := func(why string) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with aws-sam-translator and PyYAML is required in CI: %s", why)
		}
		t.Skipf("python3 with aws-sam-translator and PyYAML not available: %s", why)
	}
	key, cacheable := answerKey(answers(), script, stdin, args)
	if out, ok := answers().Get(key); cacheable && ok {
		return out
	}
	rep, err := run(request{Script: script, Stdin: string(stdin), Args: args})
	var noPython errNoPython
	switch {
	case errors.As(err, &noPython):
		missing(err.Error())
	case err != nil:
		t.Fatalf("SAM translator: %v", err)
	case rep.Status == Missing:
		missing(strings.TrimSpace(rep.Stderr))
	case rep.Status != 0:
		t.Fatalf("SAM translator: exit status %d\n%s", rep.Status, rep.Stderr)
	}
	if cacheable {
		answers().Put(key, []byte(rep.Stdout))
	}
	return []byte(rep.Stdout)
}

// answers keeps the scripts' output between runs (package toolcache),
// for the installation of python3 with SAM's translator and PyYAML.
var answers = sync.OnceValue(func() *toolcache.Cache {
	py, err := exec.LookPath("python3")
	if err != nil {
		return nil
	}
	return toolcache.Open("sam-translator", py, []string{"aws_sam_translator-*.dist-info", "pyyaml-*.dist-info"}, os.Getenv)
})

// answerKey is the cache key of a script's run: the script, its stdin and
// its args, an arg that names a file by the file's content (the scripts
// read the templates they are given). It is not cacheable when an arg
// names a directory, whose files the key would not cover.
func answerKey(c *toolcache.Cache, script string, stdin []byte, args []string) (string, bool) {
	if c == nil {
		return "", false
	}
	parts := []string{script, string(stdin)}
	for _, a := range args {
		st, err := os.Stat(a)
		switch {
		case err != nil:
			parts = append(parts, "arg "+a)
		case st.IsDir():
			return "", false
		default:
			b, err := os.ReadFile(a)
			if err != nil {
				return "", false
			}
			parts = append(parts, "file "+a, string(b))
		}
	}
	return c.Key(parts...), true
}
