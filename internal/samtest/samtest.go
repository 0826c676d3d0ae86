// Package samtest runs AWS SAM's own translator (aws-sam-translator, in
// python3) for tests: the oracle samgen's predictions of the transform are
// checked against. Only tests import it.
package samtest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
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

// Run runs a Python script that starts with Prelude with args and stdin,
// and returns its output. Without python3, aws-sam-translator or PyYAML it
// skips the test, except in CI, where they are required.
func Run(t *testing.T, script string, stdin []byte, args ...string) []byte {
	t.Helper()
	missing := func(why string) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with aws-sam-translator and PyYAML is required in CI: %s", why)
		}
		t.Skipf("python3 with aws-sam-translator and PyYAML not available: %s", why)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		missing(err.Error())
	}
	cmd := exec.Command(py, append([]string{"-c", script}, args...)...)
	cmd.Env = append(os.Environ(), "AWS_DEFAULT_REGION=eu-west-1")
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee) && ee.ExitCode() == Missing:
		missing(strings.TrimSpace(stderr.String()))
	case err != nil:
		t.Fatalf("SAM translator: %v\n%s", err, stderr.String())
	}
	return out
}
