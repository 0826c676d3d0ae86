package lint

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// goodDefaults satisfy every function-level best practice.
var goodDefaults = map[string]string{
	"runtime": `runtime: "python3.13"`,
	"handler": `handler: "app.handler"`,
	"memory":  `memory: 256`,
	"timeout": `timeout: 10`,
	"tracing": `tracing: "Active"`,
	"logging": `logging: retention: 7`,
}

// defaultsWithout renders `defaults.function` without the given fields.
func defaultsWithout(fields ...string) string {
	var lines []string
	for _, k := range []string{"runtime", "handler", "memory", "timeout", "tracing", "logging"} {
		if !slices.Contains(fields, k) {
			lines = append(lines, "\t\t"+goodDefaults[k])
		}
	}
	return "\tdefaults: function: {\n" + strings.Join(lines, "\n") + "\n\t}\n"
}

// checkSpec loads a spec whose `app` holds body (and, unless body sets
// them, the good defaults and a function f) and returns its findings.
func checkSpec(t *testing.T, body string) []Diagnostic {
	t.Helper()
	if !strings.Contains(body, "defaults:") {
		body = defaultsWithout() + body
	}
	src := "package app\n\nimport \"samgen.dev/schema\"\n\napp: schema.#App & {\n\tname: \"t\"\n\tfunctions: f: source: \"src\"\n" + body + "}\n"
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inst, err := schema.Load(dir, schema.Options{})
	if err != nil {
		t.Fatalf("load:\n%s\n%v", src, err)
	}
	return Check(inst, Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
}

// ruleCases are, per rule, specs that trigger it and specs that do not.
var ruleCases = []struct {
	rule    string
	trigger []string
	pass    []string
}{
	{"SG211",
		[]string{
			"\ttables: t: key: name: \"id\"\n\tfunctions: f: async: onFailure: app.tables.t.ref\n",
			"\tfunctions: f: async: onSuccess: {kind: \"bucket\", name: \"archive\"}\n",
		},
		[]string{
			"\tbuses: b: {}\n\tfunctions: f: async: onSuccess: app.buses.b.ref\n",
			"\tfunctions: f: async: onFailure: {kind: \"bucket\", name: \"archive\"}\n",
			"\tfunctions: {g: source: \"src\", f: async: onFailure: app.functions.g.ref}\n",
		}},
	{"SG212",
		[]string{
			"\tqueues: q: fifo: true\n\tfunctions: f: async: onFailure: app.queues.q.ref\n",
			"\ttopics: t: arn: \"arn:aws:sns:eu-west-1:123456789012:t.fifo\"\n\tfunctions: f: async: onSuccess: app.topics.t.ref\n",
			"\tqueues: q: fifo: true\n\tfunctions: f: deadLetter: app.queues.q.ref\n",
		},
		[]string{"\tqueues: q: {}\n\tfunctions: f: {async: onFailure: app.queues.q.ref, deadLetter: app.queues.q.ref}\n"}},
	{"SG213",
		[]string{"\tfunctions: {g: source: \"src\", f: deadLetter: app.functions.g.ref}\n"},
		[]string{"\ttopics: t: {}\n\tfunctions: f: deadLetter: app.topics.t.ref\n"}},
	{"SG800",
		[]string{
			"\tfunctions: f: lint: ignore: SG899: \"no such rule\"\n",
			"\tfunctions: f: lint: ignore: SG103: \"an error\"\n",
			// Any resource with a lint field is checked, not a fixed list.
			"\tstateMachines: m: {type: \"STANDARD\", tracing: true, startAt: \"Done\", states: Done: type: \"Succeed\", lint: ignore: SG899: \"no such rule\"}\n",
		},
		[]string{"\tfunctions: f: lint: ignore: SG801: \"traced by the caller\"\n"}},
	{"SG801",
		[]string{defaultsWithout("tracing"), "\tfunctions: f: tracing: \"PassThrough\"\n"},
		[]string{"", defaultsWithout("tracing") + "\tfunctions: f: tracing: \"Active\"\n"}},
	{"SG802",
		[]string{"\tqueues: q: {}\n\tfunctions: f: access: [{publish: app.queues.q.ref}]\n"},
		[]string{
			"\tqueues: q: {}\n\tfunctions: f: access: [{send: app.queues.q.ref}]\n",
			// An existing function's ARN with ":*" beside it: its versions.
			"\tfunctions: old: arn: \"arn:aws:lambda:eu-west-1:123456789012:function:old\"\n\tfunctions: f: access: [{invoke: app.functions.old.ref}]\n",
		}},
	{"SG803",
		[]string{defaultsWithout("memory")},
		[]string{"", defaultsWithout("memory") + "\tfunctions: f: memory: 1024\n"}},
	{"SG804",
		[]string{defaultsWithout("timeout")},
		[]string{"", defaultsWithout("timeout") + "\tfunctions: f: timeout: 30\n"}},
	{"SG805",
		[]string{defaultsWithout("logging"), defaultsWithout("logging") + "\tfunctions: f: logging: format: \"JSON\"\n"},
		[]string{"", defaultsWithout("logging") + "\tfunctions: f: logging: retention: 14\n"}},
	{"SG806",
		[]string{
			"\tfunctions: f: events: k: kinesis: {stream: \"arn:aws:kinesis:eu-west-1:123456789012:stream/s\", startingPosition: \"LATEST\"}\n",
			"\ttables: t: {key: name: \"id\", stream: \"NEW_IMAGE\"}\n\tfunctions: f: events: d: dynamodb: {table: app.tables.t.ref, startingPosition: \"LATEST\"}\n",
		},
		[]string{
			"\ttopics: t: {}\n\tfunctions: f: events: k: kinesis: {stream: \"arn:aws:kinesis:eu-west-1:123456789012:stream/s\", startingPosition: \"LATEST\", onFailure: app.topics.t.ref}\n",
			"\tqueues: {q: redrive: deadLetter: app.queues.dlq.ref, dlq: {}}\n\tfunctions: f: events: s: sqs: queue: app.queues.q.ref\n",
		}},
	{"SG807",
		[]string{
			"\tfunctions: f: events: tick: schedule: expression: \"rate(5 minutes)\"\n",
			"\ttopics: t: {}\n\tqueues: dlq: {}\n\tfunctions: f: events: n: sns: {topic: app.topics.t.ref, deadLetter: app.queues.dlq.ref}\n",
			"\tfunctions: f: async: retries: 0\n",
			"\tbuses: b: {}\n\tfunctions: f: async: onSuccess: app.buses.b.ref\n",
		},
		[]string{
			"",
			"\tqueues: dlq: {}\n\tfunctions: f: {deadLetter: app.queues.dlq.ref, events: tick: schedule: expression: \"rate(5 minutes)\"}\n",
			"\tqueues: q: {}\n\tfunctions: f: {async: onFailure: app.queues.q.ref, events: tick: schedule: expression: \"rate(5 minutes)\"}\n",
		}},
	{"SG808",
		[]string{"\tqueues: q: {}\n"},
		[]string{
			"\tqueues: {q: redrive: deadLetter: app.queues.dlq.ref, dlq: {}}\n",
			"\tqueues: q: arn: \"arn:aws:sqs:eu-west-1:123456789012:q\"\n",
			"\tqueues: q: {}\n\tfunctions: f: async: onFailure: app.queues.q.ref\n",
			"\tqueues: q: {}\n\ttopics: t: {}\n\tfunctions: f: events: n: sns: {topic: app.topics.t.ref, deadLetter: app.queues.q.ref}\n",
		}},
	{"SG809",
		[]string{"\ttopics: t: {}\n\tfunctions: f: events: n: sns: topic: app.topics.t.ref\n"},
		[]string{"\ttopics: t: {}\n\tqueues: dlq: {}\n\tfunctions: f: events: n: sns: {topic: app.topics.t.ref, deadLetter: app.queues.dlq.ref}\n"}},
	{"SG810",
		[]string{"\tfunctions: f: events: e: eventBridge: pattern: source: [\"shop\"]\n"},
		[]string{"\tqueues: dlq: {}\n\tfunctions: f: events: e: eventBridge: {pattern: source: [\"shop\"], deadLetter: app.queues.dlq.ref}\n"}},
	{"SG110",
		[]string{"\tfunctions: old: {arn: \"arn:aws:lambda:eu-west-1:123456789012:function:old\", memory: 512}\n"},
		[]string{"\tfunctions: old: arn: \"arn:aws:lambda:eu-west-1:123456789012:function:old\"\n"}},
	{"SG811",
		[]string{"\tstateMachines: m: {type: \"STANDARD\", startAt: \"Done\", states: Done: type: \"Succeed\"}\n"},
		[]string{"\tstateMachines: m: {type: \"STANDARD\", tracing: true, startAt: \"Done\", states: Done: type: \"Succeed\"}\n"}},
	{"SG812",
		[]string{"\thttpApis: h: stage: \"v1\"\n", "\tapis: r: {stage: \"v1\", tracing: true}\n", "\tapis: r: {stage: \"v1\", accessLog: retention: 7}\n"},
		[]string{"\thttpApis: h: {stage: \"v1\", accessLog: retention: 7}\n", "\tapis: r: {stage: \"v1\", tracing: true, accessLog: retention: 7}\n", ""}},
}

// TestRules checks, for every rule of this file's areas (async
// destinations SG21x, best practices and silencing SG8xx), that each
// triggering spec is reported, positioned in the spec, and each passing
// spec is not.
func TestRules(t *testing.T) {
	// SG802 needs a grant with a wildcard, which no access verb derives:
	// map publish-on-a-queue to SQSSendMessagePolicy (sqs:SendMessage*).
	policies.Verbs["publish"]["queue"] = func(a *schema.App, r schema.Ref) ([]policies.Policy, error) {
		name, err := a.Resolve(r, schema.AttrName)
		return []policies.Policy{{Template: "SQSSendMessagePolicy", Params: map[string]any{"QueueName": name}}}, err
	}
	t.Cleanup(func() { delete(policies.Verbs["publish"], "queue") })

	covered := map[string]bool{}
	for _, tc := range ruleCases {
		covered[tc.rule] = true
		for i, body := range tc.trigger {
			t.Run(tc.rule+"/trigger"+itoa(i), func(t *testing.T) {
				found := 0
				for _, d := range checkSpec(t, body) {
					if d.Rule != tc.rule {
						continue
					}
					found++
					if !d.Pos.IsValid() || filepath.Base(d.Pos.Filename()) != "samgen.cue" {
						t.Errorf("%s at %s is not positioned in the spec: %v", d.Rule, d.Path, d.Pos)
					}
				}
				if found != 1 {
					t.Errorf("%s reported %d times, want once, for:\n%s", tc.rule, found, body)
				}
			})
		}
		for i, body := range tc.pass {
			t.Run(tc.rule+"/pass"+itoa(i), func(t *testing.T) {
				for _, d := range checkSpec(t, body) {
					if d.Rule == tc.rule {
						t.Errorf("unexpected %s at %s: %s, for:\n%s", d.Rule, d.Path, d.Msg, body)
					}
				}
			})
		}
	}
	sortRules()
	for _, r := range Rules {
		if (strings.HasPrefix(r.ID, "SG8") || strings.HasPrefix(r.ID, "SG21")) && !covered[r.ID] {
			t.Errorf("rule %s has no test cases", r.ID)
		}
	}
}

// TestSilence checks a silenced warning carries its reason, does not fail
// the check, and that defaults.function silences apply to every function.
func TestSilence(t *testing.T) {
	const silenced = "lint: ignore: SG801: \"sampled upstream\""
	for _, tc := range []struct {
		body string
		want int // silenced SG801 findings
	}{
		{defaultsWithout("tracing") + "\tfunctions: f: " + silenced + "\n", 1},
		{"\tdefaults: function: {\n\t\t" + goodDefaults["runtime"] + "\n\t\t" + goodDefaults["handler"] + "\n\t\t" + goodDefaults["memory"] +
			"\n\t\t" + goodDefaults["timeout"] + "\n\t\t" + goodDefaults["logging"] + "\n\t\t" + silenced + "\n\t}\n", 1},
		// A name that is not a CUE identifier.
		{defaultsWithout("tracing") + "\tfunctions: \"get-item\": {source: \"src\", " + silenced + "}\n\tfunctions: f: " + silenced + "\n", 2},
	} {
		ds := checkSpec(t, tc.body)
		n := 0
		for _, d := range ds {
			if d.Rule == "SG801" {
				n++
				if d.Silenced != "sampled upstream" {
					t.Errorf("SG801 not silenced: %+v", d)
				}
			}
		}
		if n != tc.want || HasErrors(ds, true) {
			t.Errorf("want %d silenced SG801 and no failure, got %+v", tc.want, ds)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
