package render_test

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/samdata"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/schema"
)

// Native coverage targets, counted against SAM 1.110's schema: the
// properties of AWS::Serverless::Function samgen renders from typed fields,
// and its event types.
const (
	minFunctionProperties = 45
	minEventTypes         = 19
)

// TestNativeCoverage counts the properties of AWS::Serverless::Function
// (and the event types of its Events) that samgen's examples render from
// typed fields, against the lists of SAM 1.110's published schema
// (vendored in internal/samdata). A property an example sets through
// `overrides` does not count. scripts/coverage.sh prints the figures.
func TestNativeCoverage(t *testing.T) {
	props, events := samFunctionSurface(t)
	gotProps, gotEvents := map[string][]string{}, map[string][]string{}
	for _, dir := range examples(t) {
		name := filepath.Base(dir)
		res := checked(t, dir, render.Options{})
		b, err := os.ReadFile(filepath.Join(dir, "template.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		tpl, err := cfn.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		overridden := func(id, prop string) bool {
			for path := range res.Inst.App.Overrides[id] {
				if top, _, _ := strings.Cut(path, "."); top == prop {
					return true
				}
			}
			return false
		}
		if g, ok := tpl.Globals["Function"].(map[string]any); ok {
			for p := range g {
				gotProps[p] = append(gotProps[p], name)
			}
		}
		for id, r := range tpl.Resources {
			if r.Type != "AWS::Serverless::Function" {
				continue
			}
			for p := range r.Properties {
				if !overridden(id, p) {
					gotProps[p] = append(gotProps[p], name)
				}
			}
			if overridden(id, "Events") {
				continue
			}
			evs, _ := r.Properties["Events"].(map[string]any)
			for _, e := range evs {
				if typ, ok := e.(map[string]any)["Type"].(string); ok {
					gotEvents[typ] = append(gotEvents[typ], name)
				}
			}
		}
	}
	// An older name of a type samgen renders is covered by it: SAM renders
	// a CloudWatchEvent as an EventBridgeRule.
	for _, et := range schema.EventTypes {
		for _, alias := range et.SAMAliases {
			if ex, ok := gotEvents[et.SAMType]; ok {
				gotEvents[alias] = ex
			}
		}
	}
	covered := func(all []string, got map[string][]string) (in, out []string) {
		for _, p := range all {
			if _, ok := got[p]; ok {
				in = append(in, p)
			} else {
				out = append(out, p)
			}
		}
		return in, out
	}
	pin, pout := covered(props, gotProps)
	ein, eout := covered(events, gotEvents)
	t.Logf("AWS::Serverless::Function properties rendered natively: %d of %d%s", len(pin), len(props), notCovered(pout))
	t.Logf("event types rendered natively: %d of %d%s", len(ein), len(events), notCovered(eout))
	if len(pin) < minFunctionProperties {
		t.Errorf("%d of %d function properties rendered natively, want at least %d; missing: %v", len(pin), len(props), minFunctionProperties, pout)
	}
	if len(ein) < minEventTypes {
		t.Errorf("%d of %d event types rendered natively, want at least %d; missing: %v", len(ein), len(events), minEventTypes, eout)
	}
	// Every rendered property is one of the schema's: an unknown one
	// would be a typo the schema test also reports.
	for _, p := range slices.Sorted(maps.Keys(gotProps)) {
		if !slices.Contains(props, p) {
			t.Errorf("examples %v render %s, which SAM's schema does not list", gotProps[p], p)
		}
	}
}

// samFunctionSurface returns, from SAM's schema, the properties of
// AWS::Serverless::Function and the event types of its Events, sorted.
func samFunctionSurface(t *testing.T) (props, events []string) {
	t.Helper()
	var doc struct {
		Definitions map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal(samdata.Schema(), &doc); err != nil {
		t.Fatal(err)
	}
	const fn = "samtranslator__internal__schema_source__aws_serverless_function__Properties"
	fp, ok := doc.Definitions[fn]
	if !ok {
		t.Fatalf("SAM's schema has no %s", fn)
	}
	props = slices.Sorted(maps.Keys(fp.Properties))
	var ev struct {
		AdditionalProperties struct {
			AnyOf []struct {
				Ref string `json:"$ref"`
			} `json:"anyOf"`
		} `json:"additionalProperties"`
	}
	if err := json.Unmarshal(fp.Properties["Events"], &ev); err != nil {
		t.Fatal(err)
	}
	for _, a := range ev.AdditionalProperties.AnyOf {
		def := doc.Definitions[strings.TrimPrefix(a.Ref, "#/definitions/")]
		var typ struct {
			Enum []string `json:"enum"`
		}
		if err := json.Unmarshal(def.Properties["Type"], &typ); err != nil || len(typ.Enum) != 1 {
			t.Fatalf("event definition %s: no single Type: %v", a.Ref, err)
		}
		events = append(events, typ.Enum[0])
	}
	slices.Sort(events)
	return props, events
}

// notCovered describes what is not covered, for the log.
func notCovered(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return " (not: " + strings.Join(names, ", ") + ")"
}
