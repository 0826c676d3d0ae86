package checks_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"samgen.dev/samgen/checks"
	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/engine"
	"samgen.dev/samgen/internal/exampletest"
	"samgen.dev/samgen/internal/specfixture"
)

// run checks the spec of a rule case through the whole pipeline, as
// `samgen vet` does: rules that render reports (logical IDs, overrides)
// take part.
func run(t *testing.T, tc checks.RuleCase, body string) diag.List {
	t.Helper()
	ds, _ := runIn(t, tc, body)
	return ds
}

// runIn is run, also returning the spec's directory.
func runIn(t *testing.T, tc checks.RuleCase, body string) (diag.List, string) {
	t.Helper()
	src := checks.CaseSpec(body)
	dir := exampletest.SpecDir(t)
	specfixture.Sources(t, dir, src)
	if tc.Setup != nil {
		tc.Setup(t, dir)
	}
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := engine.Check(dir, engine.Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Loader: exampletest.Loader(t)})
	if err != nil {
		t.Fatalf("%v for:\n%s", err, src)
	}
	if res.Inst == nil {
		t.Fatalf("the schema rejects the case:\n%s\n%v", src, res.Diags)
	}
	return res.Diags, dir
}

// TestRuleCases checks, for every rule, that each triggering spec is
// reported once, positioned in the spec, and each passing spec is not
// reported at all.
func TestRuleCases(t *testing.T) {
	n := map[string]int{}
	for _, tc := range checks.RuleCases {
		for _, body := range tc.Trigger {
			n[tc.Rule]++
			t.Run(fmt.Sprintf("%s/trigger%d", tc.Rule, n[tc.Rule]), func(t *testing.T) {
				t.Parallel()
				found := 0
				ds, dir := runIn(t, tc, body)
				for _, d := range ds {
					if d.Rule != tc.Rule {
						continue
					}
					found++
					// In the spec, or in a file it names (a definition file).
					if rel, err := filepath.Rel(dir, d.Pos.File); err != nil || strings.HasPrefix(rel, "..") || !d.Pos.IsValid() {
						t.Errorf("%s at %s is not positioned in the spec: %v", d.Rule, d.Path, d.Pos)
					}
				}
				if want := max(tc.Reports, 1); found != want {
					t.Errorf("%s reported %d times, want %d, for:\n%s", tc.Rule, found, want, body)
				}
			})
		}
		for _, body := range tc.Pass {
			n[tc.Rule+"/pass"]++
			t.Run(fmt.Sprintf("%s/pass%d", tc.Rule, n[tc.Rule+"/pass"]), func(t *testing.T) {
				t.Parallel()
				for _, d := range run(t, tc, body) {
					if d.Rule == tc.Rule {
						t.Errorf("unexpected %s at %s: %s, for:\n%s", d.Rule, d.Path, d.Msg, body)
					}
				}
			})
		}
	}
}

// TestEveryRuleHasCases: a rule without a triggering case could have its
// check removed with no test failing; one without a passing case could
// fire on everything.
func TestEveryRuleHasCases(t *testing.T) {
	trigger, pass := map[string]bool{}, map[string]bool{}
	for _, tc := range checks.RuleCases {
		if _, ok := checks.Lookup(tc.Rule); !ok {
			t.Errorf("cases for unknown rule %s", tc.Rule)
		}
		trigger[tc.Rule] = trigger[tc.Rule] || len(tc.Trigger) > 0
		pass[tc.Rule] = pass[tc.Rule] || len(tc.Pass) > 0
	}
	var missing []string
	for _, r := range checks.Rules() {
		if !trigger[r.ID] || !pass[r.ID] {
			missing = append(missing, r.ID)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d rules lack a triggering or a passing case in checks/cases_test.go: %v", len(missing), missing)
	}
}
