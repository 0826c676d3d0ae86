package layers

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"samgen.dev/samgen/schema"
)

func TestParseARN(t *testing.T) {
	for _, tc := range []struct {
		name, arn, layer string
		ok               bool
	}{
		{"literal", "arn:aws:lambda:eu-west-1:123456789012:layer:foo:3", "arn:aws:lambda:eu-west-1:123456789012:layer:foo", true},
		{"template", "arn:aws:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-arm64:18",
			"arn:aws:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-arm64", true},
		{"china", "arn:aws-cn:lambda:cn-north-1:123456789012:layer:foo:1", "arn:aws-cn:lambda:cn-north-1:123456789012:layer:foo", true},
		{"no version", "arn:aws:lambda:eu-west-1:123456789012:layer:foo", "", false},
		{"version not a number", "arn:aws:lambda:eu-west-1:123456789012:layer:foo:latest", "", false},
		{"empty version", "arn:aws:lambda:eu-west-1:123456789012:layer:foo:", "", false},
		{"function ARN", "arn:aws:lambda:eu-west-1:123456789012:function:foo:3", "", false},
		{"too many fields", "arn:aws:lambda:eu-west-1:123456789012:layer:foo:3:4", "", false},
		{"not an ARN", "foo", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ParseARN(tc.arn)
			if (err == nil) != tc.ok {
				t.Fatalf("ParseARN(%q) error = %v, want ok=%v", tc.arn, err, tc.ok)
			}
			if tc.ok && (a.Layer() != tc.layer || a.String() != tc.arn) {
				t.Errorf("ParseARN(%q) = layer %q, string %q; want %q", tc.arn, a.Layer(), a.String(), tc.layer)
			}
		})
	}
}

func TestIdentity(t *testing.T) {
	v3 := schema.Layer{Resource: schema.Resource{Ref: schema.Ref{Kind: "layer", Name: "a"}}, Arn: schema.V("arn:aws:lambda:eu-west-1:123456789012:layer:foo:3")}
	v4 := schema.Layer{Resource: schema.Resource{Ref: schema.Ref{Kind: "layer", Name: "b"}}, Arn: schema.V("arn:aws:lambda:eu-west-1:123456789012:layer:foo:4")}
	own := schema.Layer{Resource: schema.Resource{Ref: schema.Ref{Kind: "layer", Name: "foo"}}, Source: "layers/foo"}
	ssm := schema.Layer{Resource: schema.Resource{Ref: schema.Ref{Kind: "layer", Name: "c"}}, SSM: "/layers/foo"}
	if Identity(v3) != Identity(v4) {
		t.Errorf("two versions of one layer differ: %q, %q", Identity(v3), Identity(v4))
	}
	ids := []string{Identity(v3), Identity(own), Identity(ssm)}
	if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != 3 {
		t.Errorf("distinct layers share an identity: %q", ids)
	}
}

func TestOf(t *testing.T) {
	ref := func(n string) schema.Ref { return schema.Ref{Kind: "layer", Name: n} }
	app := &schema.App{
		Defaults:  schema.Defaults{Function: schema.FunctionSettings{Layers: []schema.Ref{ref("pt")}}},
		Functions: map[string]schema.Function{"api": {FunctionSettings: schema.FunctionSettings{Layers: []schema.Ref{ref("a"), ref("b")}}}, "bare": {}},
	}
	got := Of(app, "api")
	want := []Use{
		{ref("pt"), "defaults.function.layers[0]", true},
		{ref("a"), "functions.api.layers[0]", false},
		{ref("b"), "functions.api.layers[1]", false},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Of(api) = %v, want %v", got, want)
	}
	if got := Names(Of(app, "bare")); !slices.Equal(got, []string{"pt"}) {
		t.Errorf("Of(bare) = %v, want [pt]", got)
	}
	if got := Users(app, "pt"); !slices.Equal(got, []string{"api", "bare"}) {
		t.Errorf("Users(pt) = %v", got)
	}
	if got := Users(app, "a"); !slices.Equal(got, []string{"api"}) {
		t.Errorf("Users(a) = %v", got)
	}
}

func TestCompatible(t *testing.T) {
	l := schema.Layer{Runtimes: []string{"python3.13"}, Architectures: []string{"arm64"}}
	for _, tc := range []struct {
		rt, arch string
		rtOK     bool
		archOK   bool
	}{
		{"python3.13", "arm64", true, true},
		{"python3.12", "x86_64", false, false},
		{"python3.13", "", true, false}, // Lambda's default is x86_64
	} {
		if got := SupportsRuntime(l, tc.rt); got != tc.rtOK {
			t.Errorf("SupportsRuntime(%s) = %v", tc.rt, got)
		}
		if got := SupportsArchitecture(l, tc.arch); got != tc.archOK {
			t.Errorf("SupportsArchitecture(%q) = %v", tc.arch, got)
		}
	}
	if !SupportsRuntime(schema.Layer{}, "nodejs22.x") || !SupportsArchitecture(schema.Layer{}, "") {
		t.Error("a layer declaring nothing must be compatible with everything")
	}
}

func TestDirSize(t *testing.T) {
	dir := t.TempDir()
	for name, n := range map[string]int{"a": 100, "sub/b": 50} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if size, found, err := DirSize(dir, 1000); err != nil || !found || size != 150 {
		t.Errorf("DirSize = %d, %v, %v; want 150, true, nil", size, found, err)
	}
	if size, _, err := DirSize(dir, 120); err != nil || size <= 120 {
		t.Errorf("DirSize over the limit = %d, %v; want > 120 and no error", size, err)
	}
	if _, found, err := DirSize(filepath.Join(dir, "missing"), 10); found || err != nil {
		t.Errorf("missing dir: found %v, err %v", found, err)
	}
}
