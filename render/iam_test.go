package render_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/cfnlint"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// rolesScript runs SAM's own translator on templates (a JSON list of
// templates on stdin) and prints, for each, per IAM role it generates, the
// sorted set of (action, resource) pairs of the role's inline policies and
// its managed policy ARNs: a JSON list in the order of the input.
const rolesScript = samPrelude + `
import json, os
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
from samtranslator.translator.transform import transform

class Loader:
    def load(self):
        return {}

def roles(t):
    for r in t["Resources"].values():
        if r["Type"] == "AWS::Serverless::Function" and "CodeUri" in r.get("Properties", {}):
            r["Properties"]["CodeUri"] = "s3://bucket/key"
    out = transform(t, {}, Loader())
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

// TestPolicyModesGrantTheSame transforms the least-privilege example,
// rendered with SAM policy templates and with inline statements, with
// SAM's translator, and requires every function's role to grant the same
// actions on the same resources in both.
func TestPolicyModesGrantTheSame(t *testing.T) {
	t.Parallel()
	dir := "../examples/least-privilege"
	inst, err := schema.Load(dir, schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	modes := []string{render.PoliciesSAM, render.PoliciesInline}
	var templates []json.RawMessage
	for _, mode := range modes {
		tmpl, err := render.Bytes(inst, "json", render.Options{Policies: mode})
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		templates = append(templates, tmpl)
	}
	in, err := json.Marshal(templates)
	if err != nil {
		t.Fatal(err)
	}
	// Both renders in one translator process: its start-up costs more
	// than a transform.
	var roles []json.RawMessage
	if out := runSAM(t, rolesScript, in); json.Unmarshal(out, &roles) != nil || len(roles) != len(modes) {
		t.Fatalf("SAM translator: want a list of %d role sets, got:\n%s", len(modes), out)
	}
	sam, inline := string(roles[0]), string(roles[1])
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
	t.Parallel()
	bin := cfnlint.Bin(t)
	tmp := t.TempDir()
	dirs := examples(t)
	files := make([]string, len(dirs))
	renderErrs := make([]error, len(dirs)) // reported by the example's subtest
	var rendered []string
	for i, dir := range dirs {
		files[i] = filepath.Join(tmp, filepath.Base(dir)+"-inline.yaml")
		inst, err := schema.Load(dir, schema.Options{Tags: exampleTags(dir)})
		var out []byte
		if err == nil {
			out, err = render.Bytes(inst, "yaml", render.Options{Policies: render.PoliciesInline})
		}
		if err == nil {
			err = os.WriteFile(files[i], out, 0o644)
		}
		if renderErrs[i] = err; err == nil {
			rendered = append(rendered, files[i])
		}
	}
	found := lintTemplates(t, bin, rendered)
	for i, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if renderErrs[i] != nil {
				t.Fatal(renderErrs[i])
			}
			requireNoLintErrors(t, found, files[i])
		})
	}
}
