package checks

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// rulesDoc renders docs/rules.md from the rule table.
func rulesDoc() []byte {
	var b bytes.Buffer
	b.WriteString("<!-- Code generated from the rule table in checks/rules.go by `SAMGEN_UPDATE=1 go test ./checks`. DO NOT EDIT. -->\n\n")
	b.WriteString("# samgen lint rules\n\n")
	b.WriteString("`samgen vet` and `samgen build` run these rules after the CUE schema accepts a spec, and report each\n")
	b.WriteString("finding at the spec's `file:line:col` with the rule's ID. Errors fail both commands; warnings fail\n")
	b.WriteString("them only with `--strict`. A warning can be silenced for one resource (any resource the spec\n")
	b.WriteString("declares; or every function, from `defaults.function`) with a written reason:\n\n")
	b.WriteString("```cue\nfunctions: report: lint: ignore: SG801: \"sampled by the caller's trace\"\n```\n\n")
	b.WriteString("`samgen vet` then lists the finding as `silenced: ... (reason: ...)`; it never fails the command.\n")
	b.WriteString("Errors cannot be silenced, except those marked *acknowledgeable*: findings samgen can only\n")
	b.WriteString("guess at (SG150, a literal that looks like a secret).\n\n")
	b.WriteString("Rule IDs never change meaning. They are grouped by range: SG0xx the spec's structure and logical IDs,\n")
	b.WriteString("SG1xx functions, SG2xx access verbs and asynchronous destinations, SG3xx event sources, SG4xx layers,\n")
	b.WriteString("SG5xx state machines, SG6xx IAM, SG7xx the other resources and the escape hatches, SG8xx serverless\n")
	b.WriteString("best practices (warnings) and their silencing.\n\n")
	b.WriteString("| ID | Severity | Rule |\n|---|---|---|\n")
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Severity, escapeCell(r.Summary))
	}
	for _, r := range Rules() {
		ack := ""
		if r.Acknowledged {
			ack = " (acknowledgeable)"
		}
		fmt.Fprintf(&b, "\n## %s\n\n**%s**%s — %s.\n\n%s\n", r.ID, r.Severity, ack, r.Summary, r.Doc)
	}
	return b.Bytes()
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// TestRulesDoc keeps docs/rules.md in step with the rule table;
// SAMGEN_UPDATE=1 rewrites it.
func TestRulesDoc(t *testing.T) {
	const path = "../docs/rules.md"
	got := rulesDoc()
	if os.Getenv("SAMGEN_UPDATE") != "" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s is stale; run SAMGEN_UPDATE=1 go test ./checks", path)
	}
}

// TestRuleTable checks every rule is documented and IDs are unique.
func TestRuleTable(t *testing.T) {
	rules := Rules()
	for i, r := range rules {
		if r.Summary == "" || r.Doc == "" || (r.Severity != Error && r.Severity != Warning && r.Severity != Note) {
			t.Errorf("rule %s is incomplete", r.ID)
		}
		if i > 0 && rules[i-1].ID >= r.ID {
			t.Errorf("rule %s is out of order or used twice", r.ID)
		}
	}
}
