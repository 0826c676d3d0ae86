package render_test

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/samdata"
)

// TestSAMSchema validates every example's template, and every template a
// CLI scenario pins, against SAM's published JSON schema (vendored in
// internal/samdata at SAM v1.110.0, see its SOURCE.md): what editors and
// `sam validate --lint` check, which is stricter than the translator in
// places (the translator takes an SNS event's RedrivePolicy, the schema
// does not).
func TestSAMSchema(t *testing.T) {
	t.Parallel()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(samdata.Schema())))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(samRegexp)
	if err := c.AddResource("sam.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sam.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	// The schema rejects what the translator alone would take: the shapes
	// samgen no longer renders.
	for name, b := range map[string]string{
		"SNS event RedrivePolicy": `Transform: AWS::Serverless-2016-10-31
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src
      Events:
        E:
          Type: SNS
          Properties:
            Topic: arn:aws:sns:eu-west-1:123456789012:t
            RedrivePolicy: {deadLetterTargetArn: arn:aws:sqs:eu-west-1:123456789012:q}
`,
	} {
		inst, err := samDocument([]byte(b))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("%s: valid for SAM's schema, want invalid", name)
		}
	}
	templates := map[string][]byte{}
	for _, dir := range examples(t) {
		b, err := os.ReadFile(filepath.Join(dir, "template.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		templates["example/"+filepath.Base(dir)] = b
	}
	for name, b := range scriptTemplates(t) {
		templates["scenario/"+name] = b
	}
	for _, name := range slices.Sorted(maps.Keys(templates)) {
		t.Run(name, func(t *testing.T) {
			inst, err := samDocument(templates[name])
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				// The schema's anyOf of every resource type makes long
				// messages: the first lines name the resource.
				lines := strings.Split(err.Error(), "\n")
				t.Errorf("not valid for SAM's schema:\n%s", strings.Join(lines[:min(len(lines), 12)], "\n"))
			}
		})
	}
}

// samDocument reads a template into the JSON form the schema describes:
// its Globals and its Resources, intrinsics in their JSON form.
func samDocument(b []byte) (any, error) {
	tpl, err := cfn.Parse(b)
	if err != nil {
		return nil, err
	}
	res := map[string]any{}
	for id, r := range tpl.Resources {
		m := map[string]any{"Type": r.Type, "Properties": r.Properties}
		if r.Condition != "" {
			m["Condition"] = r.Condition
		}
		if len(r.DependsOn) > 0 {
			m["DependsOn"] = r.DependsOn
		}
		if r.Metadata != nil {
			m["Metadata"] = r.Metadata
		}
		for k, v := range map[string]string{"DeletionPolicy": r.DeletionPolicy, "UpdateReplacePolicy": r.UpdateReplacePolicy} {
			if v != "" {
				m[k] = v
			}
		}
		res[id] = m
	}
	top := map[string]any{"Resources": res}
	if tpl.Globals != nil {
		top["Globals"] = tpl.Globals
	}
	// Round-trip through JSON: the validator takes JSON's types (float64
	// numbers).
	j, err := json.Marshal(top)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(strings.NewReader(string(j)))
}

// samRegexp compiles the schema's patterns with Go's regexp, which has no
// lookahead: the one pattern that uses it, `^(?!PREFIX).+$` (the type of a
// resource that is not SAM's), is matched as what it says.
func samRegexp(pattern string) (jsonschema.Regexp, error) {
	if rest, ok := strings.CutPrefix(pattern, "^(?!"); ok {
		if prefix, ok := strings.CutSuffix(rest, ").+$"); ok {
			return notPrefix(prefix), nil
		}
	}
	return regexp.Compile(pattern)
}

// notPrefix matches a non-empty string that does not start with it.
type notPrefix string

func (p notPrefix) MatchString(s string) bool { return s != "" && !strings.HasPrefix(s, string(p)) }
func (p notPrefix) String() string            { return "^(?!" + string(p) + ").+$" }
