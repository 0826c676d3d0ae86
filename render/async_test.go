package render_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// samPrelude starts every Python script the tests run with SAM's
// translator: it exits with samMissing when aws-sam-translator or PyYAML
// is not installed, so one process both checks for them and does the work.
const samPrelude = `
import sys
try:
    import samtranslator, yaml
except ImportError as e:
    print(e, file=sys.stderr)
    sys.exit(75)
`

// samMissing is samPrelude's exit status (EX_TEMPFAIL: not the script's
// fault).
const samMissing = 75

// runSAM runs a Python script that starts with samPrelude with args and
// stdin, and returns its output. Without python3, aws-sam-translator or
// PyYAML it skips the test, except in CI, where they are required.
func runSAM(t *testing.T, script string, stdin []byte, args ...string) []byte {
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
	case errors.As(err, &ee) && ee.ExitCode() == samMissing:
		missing(strings.TrimSpace(stderr.String()))
	case err != nil:
		t.Fatalf("SAM translator: %v\n%s", err, stderr.String())
	}
	return out
}

// samLoader is the start of a Python script that runs SAM's transform: it
// reads the short-form intrinsics of a samgen template.
const samLoader = samPrelude + `
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
`

// transformScript runs SAM's transform (aws-sam-translator, which cfn-lint
// also runs) on a template and reports, per function, the destinations and
// dead-letter targets samgen rendered that no statement of the function's
// generated role grants the delivery action on, and the Qualifier of each generated
// EventInvokeConfig.
const transformScript = samLoader + `
t = yaml.safe_load(open(sys.argv[1]))
wanted = {}
for lid, r in t["Resources"].items():
    p = r.get("Properties", {})
    for k in ("CodeUri", "ContentUri", "DefinitionUri"):
        if isinstance(p.get(k), str):
            p[k] = "s3://bucket/" + p[k]  # as sam package rewrites it
    if r["Type"] != "AWS::Serverless::Function":
        continue
    dests = [(d["Type"], d["Destination"]) for d in p.get("EventInvokeConfig", {}).get("DestinationConfig", {}).values()]
    if "DeadLetterQueue" in p:
        dests.append((p["DeadLetterQueue"]["Type"], p["DeadLetterQueue"]["TargetArn"]))
    for e in p.get("Events", {}).values():
        f = e.get("Properties", {}).get("DestinationConfig", {}).get("OnFailure")
        if f:
            dests.append((f["Type"], f["Destination"]))
    wanted[lid] = dests

# The action each destination type needs on the destination's ARN.
action = {"SQS": "sqs:sendmessage", "SNS": "sns:publish", "Lambda": "lambda:invokefunction",
          "EventBridge": "events:putevents", "S3Bucket": "s3:listbucket", "S3": "s3:listbucket"}
# The destination type a resource of the template calls for, whatever
# Type samgen rendered.
by_resource = {"AWS::SQS::Queue": "SQS", "AWS::SNS::Topic": "SNS", "AWS::Events::EventBus": "EventBridge",
               "AWS::Serverless::Function": "Lambda", "AWS::S3::Bucket": "S3Bucket"}
def expected(typ, d):
    if isinstance(d, dict):
        ref = d.get("Ref") or (d.get("Fn::GetAtt") or [None])[0]
        if ref in t["Resources"]:
            return by_resource.get(t["Resources"][ref]["Type"], typ)
    return typ

out = transform(t, {"AWS::Region": "eu-west-1"}, Policies())
res = out["Resources"]
report = {"missing": {}, "qualifiers": {}}
for lid, dests in sorted(wanted.items()):
    role = res[lid + "Role"]["Properties"]
    granted = set()
    for p in role.get("Policies", []):
        for s in p["PolicyDocument"]["Statement"]:
            acts = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
            for a in acts:
                granted.add((a.lower(), json.dumps(s["Resource"], sort_keys=True)))
    missing = [[typ, d] for typ, d in dests if (action[expected(typ, d)], json.dumps(d, sort_keys=True)) not in granted]
    if missing:
        report["missing"][lid] = missing
for lid, r in sorted(res.items()):
    if r["Type"] == "AWS::Lambda::EventInvokeConfig":
        report["qualifiers"][lid] = r["Properties"]["Qualifier"]
print(json.dumps(report, sort_keys=True))
`

// TestDestinationIAM runs SAM's transform on the async-orders example and
// checks that SAM grants the function's role access to every async
// destination, dead-letter target and stream on-failure destination samgen
// rendered, and that the event invoke configuration follows the alias.
func TestDestinationIAM(t *testing.T) {
	t.Parallel()
	out := runSAM(t, transformScript, nil, filepath.Join("..", "examples", "async-orders", "template.yaml"))
	var report struct {
		Missing    map[string][]any  `json:"missing"`
		Qualifiers map[string]string `json:"qualifiers"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for fn, dests := range report.Missing {
		t.Errorf("the role of %s grants no delivery to %v", fn, dests)
	}
	if q := report.Qualifiers["PlaceOrderFunctionEventInvokeConfig"]; q != "live" {
		t.Errorf("EventInvokeConfig Qualifier = %q, want the alias \"live\" (all: %v)", q, report.Qualifiers)
	}
}
