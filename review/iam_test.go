package review_test

import (
	"encoding/json"
	"maps"
	"path"
	"slices"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/internal/samtest"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/review"
	"samgen.dev/samgen/schema"
)

// granted splits a role's grants into "action on resource" pairs and the
// names of the managed policies it attaches.
func granted(r *review.Role) (pairs, managed map[string]bool) {
	pairs, managed = map[string]bool{}, map[string]bool{}
	for _, g := range r.Grants {
		switch {
		case g.Managed != "":
			managed[g.Managed] = true
		case g.Action == review.ManagedPolicy:
			managed[path.Base(g.Resource)] = true
		default:
			pairs[g.Action+" on "+g.Resource] = true
		}
	}
	return pairs, managed
}

func sameSets(t *testing.T, what string, got, want map[string]bool) {
	t.Helper()
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if !want[k] {
			t.Errorf("%s: samgen reads %s, which the other does not", what, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if !got[k] {
			t.Errorf("%s: samgen misses %s", what, k)
		}
	}
}

// TestRolesMatchTranslator: for every example and extra template, the
// roles samgen reads from the template (policy templates expanded, SAM's
// additions included) are exactly the roles SAM's translator generates,
// action × resource, and attach the same managed policies.
func TestRolesMatchTranslator(t *testing.T) {
	t.Parallel()
	names, templates := exampleTemplates(t)
	for _, name := range slices.Sorted(maps.Keys(extraTemplates)) {
		names = append(names, name)
		templates = append(templates, []byte(extraTemplates[name]))
	}
	in := make([]string, len(templates))
	for i, b := range templates {
		in[i] = string(b)
	}
	stdin, _ := json.Marshal(in)
	var got []map[string]struct {
		Pairs   []string `json:"pairs"`
		Managed []string `json:"managed"`
	}
	if out := samtest.Run(t, samtest.RolesScript, stdin); json.Unmarshal(out, &got) != nil || len(got) != len(names) {
		t.Fatalf("SAM translator: want %d role sets, got:\n%s", len(names), out)
	}
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			tpl, err := cfn.Parse(templates[i])
			if err != nil {
				t.Fatal(err)
			}
			roles, err := review.Roles(tpl)
			if err != nil {
				t.Fatal(err)
			}
			sameSets(t, "roles", setOf(slices.Collect(maps.Keys(roles))), setOf(slices.Collect(maps.Keys(got[i]))))
			for id, want := range got[i] {
				r := roles[id]
				if r == nil {
					continue
				}
				pairs, managed := granted(r)
				wantPairs, wantManaged := map[string]bool{}, map[string]bool{}
				for _, p := range want.Pairs {
					action, resource, _ := strings.Cut(p, " ")
					var v any
					if err := json.Unmarshal([]byte(resource), &v); err != nil {
						t.Fatal(err)
					}
					wantPairs[action+" on "+policies.Format(v)] = true
				}
				for _, m := range want.Managed {
					var v any
					if err := json.Unmarshal([]byte(m), &v); err != nil {
						t.Fatal(err)
					}
					wantManaged[path.Base(policies.Format(v))] = true
				}
				sameSets(t, id+" grants", pairs, wantPairs)
				sameSets(t, id+" attaches", managed, wantManaged)
			}
		})
	}
}

// TestRolesMatchExplain: what `samgen diff` reads from a template is what
// `samgen explain` says of the spec, for every function and state machine
// of every example.
func TestRolesMatchExplain(t *testing.T) {
	t.Parallel()
	for _, dir := range exampletest.Dirs(t) {
		t.Run(path.Base(dir), func(t *testing.T) {
			t.Parallel()
			res := exampletest.Check(t, dir)
			body, err := render.Encode(res.Template, "yaml")
			if err != nil {
				t.Fatal(err)
			}
			tpl, err := cfn.Parse(body)
			if err != nil {
				t.Fatal(err)
			}
			roles, err := review.Roles(tpl)
			if err != nil {
				t.Fatal(err)
			}
			app := &res.Inst.App
			compare := func(roleID string, rows []policies.Row) {
				r := roles[roleID]
				if r == nil {
					t.Errorf("no role %s read from the template", roleID)
					return
				}
				want := map[string]bool{}
				for _, row := range rows {
					want[row.Action+" on "+row.Resource] = true
				}
				got := map[string]bool{}
				for _, g := range r.Grants {
					got[g.Action+" on "+g.Resource] = true
				}
				sameSets(t, roleID, got, want)
			}
			for _, name := range app.OwnedFunctions() {
				rows, err := render.Explain(res.Inst, name)
				if err != nil {
					t.Fatal(err)
				}
				compare(schema.LogicalID(app.Functions[name].Ref)+"Role", rows)
			}
			for _, name := range slices.Sorted(maps.Keys(app.StateMachines)) {
				rows, err := policies.ExplainStateMachine(app, name)
				if err != nil {
					t.Fatal(err)
				}
				compare(schema.LogicalID(app.StateMachines[name].Ref)+"Role", rows)
			}
		})
	}
}

func setOf(keys []string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}
