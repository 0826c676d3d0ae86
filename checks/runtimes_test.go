package checks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"samgen.dev/samgen/schema"
)

// TestRuntimeTable checks every lifecycle date parses (on panics on a bad
// one), the dates are in order, and every successor is a known runtime.
func TestRuntimeTable(t *testing.T) {
	for rt, l := range Runtimes {
		var prev time.Time
		for _, d := range []string{l.Deprecated, l.CreateBlock, l.UpdateBlock} {
			if d == "" {
				continue
			}
			p, err := time.Parse(time.DateOnly, d)
			if err != nil {
				t.Errorf("%s: %v", rt, err)
				continue
			}
			if p.Before(prev) {
				t.Errorf("%s: dates out of order: %s, %s, %s", rt, l.Deprecated, l.CreateBlock, l.UpdateBlock)
			}
			prev = p
		}
		if l.Blocked && l.Deprecated != "" {
			t.Errorf("%s: retired runtimes carry no dates", rt)
		}
		if l.Successor != "" {
			if _, ok := Runtimes[l.Successor]; !ok {
				t.Errorf("%s: successor %s is not in the table", rt, l.Successor)
			}
		}
	}
}

// TestRuntimeVerdicts pins the verdict of the lifecycle rules for runtimes
// at given dates, including the boundary days.
func TestRuntimeVerdicts(t *testing.T) {
	for _, tc := range []struct {
		runtime, date string
		want          string // rule IDs reported on the runtime, "" for none
		msg           string // a part of the message
	}{
		{"python3.13", "2026-11-26", "", ""},
		{"python3.9", "2025-12-14", "", ""},
		{"python3.9", "2025-12-15", "SG102", "deprecated since 2025-12-15"},
		{"python3.9", "2026-11-26", "SG102", "move to python3.14"},
		{"python3.9", "2027-01-31", "SG102", ""},
		{"python3.9", "2027-02-01", "SG103", "cannot be used to create functions since 2027-02-01"},
		{"nodejs20.x", "2026-11-26", "SG102", ""},
		{"nodejs22.x", "2026-11-26", "", ""},
		{"nodejs22.x", "2027-06-01", "SG103", "move to nodejs24.x"},
		{"nodejs14.x", "2026-11-26", "SG103", "updates blocked from 2027-03-03"},
		{"python2.7", "2020-01-01", "SG103", "is retired"},
		{"nodejs26.x", "2030-01-01", "", ""},
		{"provided.al2023", "2026-11-26", "", ""},
		{"pyhton3.13", "2026-11-26", "SG104", `did you mean "python3.13"?`},
		{"ruby9", "2026-11-26", "SG104", `unknown runtime "ruby9"`},
	} {
		t.Run(tc.runtime+"@"+tc.date, func(t *testing.T) {
			now, err := time.Parse(time.DateOnly, tc.date)
			if err != nil {
				t.Fatal(err)
			}
			inst := loadRuntime(t, tc.runtime)
			var got []string
			var msgs []string
			for _, d := range Run(inst, Options{Now: now}) {
				if d.Path == "app.functions.hi.runtime" {
					got = append(got, d.Rule)
					msgs = append(msgs, d.Msg)
				}
			}
			if strings.Join(got, ",") != tc.want {
				t.Errorf("rules %q, want %q (%q)", got, tc.want, msgs)
			}
			if tc.msg != "" && (len(msgs) == 0 || !strings.Contains(msgs[0], tc.msg)) {
				t.Errorf("message %q does not contain %q", msgs, tc.msg)
			}
		})
	}
}

func loadRuntime(t *testing.T, runtime string) *schema.Instance {
	t.Helper()
	dir := t.TempDir()
	src := `package app

import "samgen.dev/schema"

app: schema.#App & {
	name: "hi"
	functions: hi: {
		handler: "app.handler"
		runtime: "` + runtime + `"
		source:  "src"
	}
}
`
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	inst, ds, err := schema.Load(dir, schema.Options{})
	if err != nil || inst == nil {
		t.Fatal(err, ds)
	}
	return inst
}
