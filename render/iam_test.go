package render_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// rolesScript runs SAM's own translator on a template (JSON on stdin) and
// prints, per IAM role it generates, the sorted set of (action, resource)
// pairs of the role's inline policies and its managed policy ARNs.
const rolesScript = `
import json, os, sys
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
from samtranslator.translator.transform import transform

class Loader:
    def load(self):
        return {}

t = json.load(sys.stdin)
for r in t["Resources"].values():
    if r["Type"] == "AWS::Serverless::Function" and "CodeUri" in r.get("Properties", {}):
        r["Properties"]["CodeUri"] = "s3://bucket/key"
out = transform(t, {}, Loader())
roles = {}
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
    roles[rid] = {"pairs": sorted(pairs), "managed": managed}
json.dump(roles, sys.stdout, indent=1, sort_keys=True)
`

// requireSAMTranslator skips the test when python3 or aws-sam-translator
// is missing, except in CI (CI=true), where it fails.
func requireSAMTranslator(t *testing.T) {
	t.Helper()
	err := exec.Command("python3", "-c", "import samtranslator").Run()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("python3 with aws-sam-translator is required in CI: %v", err)
	}
	t.Skipf("python3 with aws-sam-translator not found: %v", err)
}

// TestPolicyModesGrantTheSame transforms the least-privilege example,
// rendered with SAM policy templates and with inline statements, with
// SAM's translator, and requires every function's role to grant the same
// actions on the same resources in both.
func TestPolicyModesGrantTheSame(t *testing.T) {
	requireSAMTranslator(t)
	dir := "../examples/least-privilege"
	inst, err := schema.Load(dir, schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, mode := range []string{render.PoliciesSAM, render.PoliciesInline} {
		tmpl, err := render.Bytes(inst, "json", render.Options{Policies: mode})
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		cmd := exec.Command("python3", "-c", rolesScript)
		cmd.Stdin = bytes.NewReader(tmpl)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: SAM translator: %v\n%s", mode, err, stderr.String())
		}
		roles[mode] = string(out)
	}
	sam, inline := roles[render.PoliciesSAM], roles[render.PoliciesInline]
	if !strings.Contains(sam, "dynamodb:GetItem") || !strings.Contains(sam, "WorkerFunctionRole") {
		t.Fatalf("the SAM render grants less than expected:\n%s", sam)
	}
	if sam != inline {
		t.Errorf("the two renders grant different permissions:\n%s", diffLines([]byte(sam), []byte(inline)))
	}
}

// TestInlinePoliciesCfnLint renders every example with --policies inline
// and requires cfn-lint to find no error in it.
func TestInlinePoliciesCfnLint(t *testing.T) {
	bin := cfnLint(t)
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			inst, err := schema.Load(dir, schema.Options{Tags: exampleTags(dir)})
			if err != nil {
				t.Fatal(err)
			}
			out, err := render.Bytes(inst, "yaml", render.Options{Policies: render.PoliciesInline})
			if err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(t.TempDir(), "template.yaml")
			if err := os.WriteFile(f, out, 0o644); err != nil {
				t.Fatal(err)
			}
			runCfnLint(t, bin, f)
		})
	}
}
