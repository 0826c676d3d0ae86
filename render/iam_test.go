package render_test

import (
	"encoding/json"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/internal/samtest"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// rolesScript prints the roles SAM's translator generates (see samtest).
const rolesScript = samtest.RolesScript

// policyModes are the IAM render modes, in the order rolesByMode returns
// their roles.
var policyModes = []string{render.PoliciesSAM, render.PoliciesInline}

// rolesByMode renders the spec in dir in each of policyModes and returns,
// per mode, the roles SAM's translator generates from it (rolesScript's
// output): both renders in one translator process, as its start-up costs
// more than a transform.
func rolesByMode(t *testing.T, dir string) []json.RawMessage {
	t.Helper()
	var templates []json.RawMessage
	for _, mode := range policyModes {
		templates = append(templates, build(t, dir, "json", render.Options{Policies: mode}))
	}
	in, err := json.Marshal(templates)
	if err != nil {
		t.Fatal(err)
	}
	var roles []json.RawMessage
	if out := runSAM(t, rolesScript, in); json.Unmarshal(out, &roles) != nil || len(roles) != len(policyModes) {
		t.Fatalf("SAM translator: want a list of %d role sets, got:\n%s", len(policyModes), out)
	}
	return roles
}

// TestPolicyModesGrantTheSame transforms the least-privilege example,
// rendered with SAM policy templates and with inline statements, with
// SAM's translator, and requires every function's role to grant the same
// actions on the same resources in both.
func TestPolicyModesGrantTheSame(t *testing.T) {
	t.Parallel()
	roles := rolesByMode(t, "../examples/least-privilege")
	sam, inline := string(roles[0]), string(roles[1])
	if !strings.Contains(sam, "dynamodb:GetItem") || !strings.Contains(sam, "WorkerFunctionRole") {
		t.Fatalf("the SAM render grants less than expected:\n%s", sam)
	}
	if sam != inline {
		t.Errorf("the two renders grant different permissions:\n%s", diffLines([]byte(sam), []byte(inline)))
	}
}

// TestInlinePoliciesCfnLint renders every example with --policies inline
// and requires cfn-lint to find no error in it (in the package's one
// cfn-lint run, lintAll).
func TestInlinePoliciesCfnLint(t *testing.T) {
	t.Parallel()
	run := lintAll(t)
	for i, dir := range run.examples {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if run.inlineErr[i] != nil {
				t.Fatal(run.inlineErr[i])
			}
			run.requireNoErrors(t, run.inline[i])
		})
	}
}

// TestExplainMatchesTranslator is the differential test of `samgen
// explain`: for every function and state machine of every example, the
// role SAM's translator generates from the rendered template grants
// exactly the actions on the resources explain lists (action × resource),
// and attaches exactly the managed policies explain names.
func TestExplainMatchesTranslator(t *testing.T) {
	t.Parallel()
	dirs := examples(t)
	var templates []json.RawMessage
	results := make([]*engine.Result, len(dirs))
	for i, dir := range dirs {
		results[i] = check(t, dir, render.Options{})
		out, err := render.Encode(results[i].Template, "json")
		if err != nil {
			t.Fatal(err)
		}
		templates = append(templates, out)
	}
	in, err := json.Marshal(templates)
	if err != nil {
		t.Fatal(err)
	}
	var roles []map[string]struct {
		Pairs   []string `json:"pairs"`
		Managed []string `json:"managed"`
	}
	if out := runSAM(t, rolesScript, in); json.Unmarshal(out, &roles) != nil || len(roles) != len(dirs) {
		t.Fatalf("SAM translator: want %d role sets, got:\n%s", len(dirs), out)
	}
	for i, dir := range dirs {
		res := results[i]
		compare := func(name, roleID string, rows []policies.Row) {
			t.Run(filepath.Base(dir)+"/"+name, func(t *testing.T) {
				role, ok := roles[i][roleID]
				if !ok {
					t.Fatalf("the translator made no role %s", roleID)
				}
				want, wantManaged := explained(rows)
				got := map[string]bool{}
				for _, p := range role.Pairs {
					action, resource, _ := strings.Cut(p, " ")
					var v any
					if err := json.Unmarshal([]byte(resource), &v); err != nil {
						t.Fatal(err)
					}
					got[action+" on "+policies.Format(v)] = true
				}
				gotManaged := map[string]bool{}
				for _, m := range role.Managed {
					var v any
					if err := json.Unmarshal([]byte(m), &v); err != nil {
						t.Fatal(err)
					}
					gotManaged[path.Base(policies.Format(v))] = true
				}
				for _, d := range []struct {
					what      string
					got, want map[string]bool
				}{{"grants", got, want}, {"attaches", gotManaged, wantManaged}} {
					for _, k := range slices.Sorted(maps.Keys(d.got)) {
						if !d.want[k] {
							t.Errorf("the role %s %s, which explain does not list", d.what, k)
						}
					}
					for _, k := range slices.Sorted(maps.Keys(d.want)) {
						if !d.got[k] {
							t.Errorf("explain lists %s, which the role does not %s", k, strings.TrimSuffix(d.what, "s"))
						}
					}
				}
			})
		}
		for _, name := range res.Inst.App.OwnedFunctions() {
			rows, err := render.Explain(res.Inst, name)
			if err != nil {
				t.Fatal(err)
			}
			compare("functions."+name, schema.LogicalID(res.Inst.App.Functions[name].Ref)+"Role", rows)
		}
		for _, name := range slices.Sorted(maps.Keys(res.Inst.App.StateMachines)) {
			rows, err := policies.ExplainStateMachine(&res.Inst.App, name)
			if err != nil {
				t.Fatal(err)
			}
			compare("stateMachines."+name, schema.LogicalID(res.Inst.App.StateMachines[name].Ref)+"Role", rows)
		}
	}
}

// explained splits explain's rows into the pairs a role's inline policies
// grant and the managed policies it attaches (rows whose source names
// one in parentheses, or a managed policy of the spec).
func explained(rows []policies.Row) (pairs, managed map[string]bool) {
	pairs, managed = map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		switch {
		case r.Action == "(managed policy)":
			managed[path.Base(r.Resource)] = true
		case strings.HasSuffix(r.Source, ")"):
			managed[r.Source[strings.LastIndex(r.Source, "(")+1:len(r.Source)-1]] = true
		default:
			pairs[r.Action+" on "+r.Resource] = true
		}
	}
	return pairs, managed
}

// generatedScript prints, per template of a JSON list, the logical IDs
// SAM's transform adds.
const generatedScript = samPrelude + `
import json
from samtranslator.translator.transform import transform

class Loader:
    def load(self):
        return {}

def added(t):
    before = set(t["Resources"])
    for r in t["Resources"].values():
        p = r.get("Properties", {})
        for k in ("CodeUri", "ContentUri", "DefinitionUri"):
            if isinstance(p.get(k), str):
                p[k] = "s3://bucket/" + p[k]
    return sorted(set(transform(t, {}, Loader())["Resources"]) - before)

json.dump([added(t) for t in json.load(sys.stdin)], sys.stdout)
`

// TestSAMGeneratedMatchesTransform: every logical ID samgen predicts SAM
// will add (and so checks for collisions) is one SAM's translator adds.
func TestSAMGeneratedMatchesTransform(t *testing.T) {
	t.Parallel()
	dirs := examples(t)
	var templates []json.RawMessage
	var predicted [][]schema.Generated
	for _, dir := range dirs {
		res := check(t, dir, render.Options{})
		out, err := render.Encode(res.Template, "json")
		if err != nil {
			t.Fatal(err)
		}
		templates = append(templates, out)
		predicted = append(predicted, schema.SAMGenerated(&res.Inst.App))
	}
	in, err := json.Marshal(templates)
	if err != nil {
		t.Fatal(err)
	}
	var added [][]string
	if out := runSAM(t, generatedScript, in); json.Unmarshal(out, &added) != nil || len(added) != len(dirs) {
		t.Fatalf("SAM translator: want %d ID lists, got:\n%s", len(dirs), out)
	}
	for i, dir := range dirs {
		for _, g := range predicted[i] {
			if g.Hashed {
				// SAM appends a hash of the content: the prefix and the length
				// are what samgen predicts.
				if !slices.ContainsFunc(added[i], func(id string) bool {
					return strings.HasPrefix(id, g.ID) && len(id) == len(g.ID)+schema.HashLength
				}) {
					t.Errorf("%s: samgen predicts SAM adds %s<%d-character hash> (%s of %s); SAM adds %v", filepath.Base(dir), g.ID, schema.HashLength, g.What, g.Path, added[i])
				}
				continue
			}
			if !slices.Contains(added[i], g.ID) {
				t.Errorf("%s: samgen predicts SAM adds %s (%s of %s); SAM adds %v", filepath.Base(dir), g.ID, g.What, g.Path, added[i])
			}
		}
	}
}
