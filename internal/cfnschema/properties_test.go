package cfnschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestCheckProperty(t *testing.T) {
	tests := []struct {
		name, typ, path string
		value           string // JSON
		want            []string
	}{
		{"a SAM property", "AWS::Serverless::Function", "Timeout", `5`, nil},
		{"a numeric string where an integer goes", "AWS::Serverless::Function", "Timeout", `"5"`, nil},
		{"a pass-through property, nested", "AWS::Serverless::Function", "SnapStart.ApplyOn", `"PublishedVersions"`, nil},
		{"a pass-through property's object", "AWS::Serverless::Function", "VpcConfig", `{"SubnetIds": ["subnet-1"], "SecurityGroupIds": [{"Ref": "Sg"}]}`, nil},
		{"an intrinsic anywhere", "AWS::Serverless::Function", "MemorySize", `{"Fn::If": ["IsProd", 1024, 512]}`, nil},
		{"a dynamic reference", "AWS::SQS::Queue", "VisibilityTimeout", `"{{resolve:ssm:/shop/timeout:1}}"`, nil},
		{"a map's values", "AWS::Serverless::Function", "Environment.Variables.STAGE", `"prod"`, nil},
		{"a CloudFormation type", "AWS::SQS::Queue", "RedrivePolicy", `{"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:123456789012:dlq", "maxReceiveCount": 3}`, nil},
		{"a log group", "AWS::Logs::LogGroup", "KmsKeyId", `"arn:aws:kms:eu-west-1:123456789012:key/x"`, nil},
		{"an open object", "AWS::Serverless::Function", "Role.Anything", `"x"`, nil},

		{"an unknown property", "AWS::Serverless::Function", "Timeuot", `5`,
			[]string{": AWS::Serverless::Function has no property Timeuot; did you mean Timeout?"}},
		{"an unknown nested property", "AWS::Serverless::Function", "SnapStart.Apply", `"PublishedVersions"`,
			[]string{": SnapStart of AWS::Serverless::Function has no property Apply; did you mean ApplyOn?"}},
		{"a path through a list", "AWS::Serverless::Function", "Layers.First", `"arn"`,
			[]string{": Layers of AWS::Serverless::Function is a list: override Layers whole"}},
		{"a wrong type", "AWS::SQS::Queue", "VisibilityTimeout", `[30]`,
			[]string{": VisibilityTimeout of AWS::SQS::Queue takes an integer, not a list"}},
		{"a non-numeric string", "AWS::SQS::Queue", "VisibilityTimeout", `"thirty"`,
			[]string{": VisibilityTimeout of AWS::SQS::Queue takes an integer, not a string"}},
		{"an unknown key in a value", "AWS::Serverless::Function", "VpcConfig", `{"SubnetId": ["subnet-1"]}`,
			[]string{"SubnetId: VpcConfig of AWS::Serverless::Function has no property SubnetId; did you mean SubnetIds?"}},
		{"a wrong type in a list", "AWS::Serverless::Function", "VpcConfig", `{"SubnetIds": [["subnet-1"]]}`,
			[]string{"SubnetIds.[0]: VpcConfig.SubnetIds.[0] of AWS::Serverless::Function takes a string, not a list"}},
		{"a bool where a bool goes, spelled as a string", "AWS::SQS::Queue", "FifoQueue", `"TRUE"`, nil},
		{"a string that is no bool", "AWS::SQS::Queue", "FifoQueue", `"yes"`,
			[]string{": FifoQueue of AWS::SQS::Queue takes a boolean, not a string"}},
		{"a type without data", "AWS::EC2::VPC", "Nope", `1`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(tc.value), &v); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range CheckProperty(tc.typ, strings.Split(tc.path, "."), v) {
				got = append(got, strings.Join(p.At, ".")+": "+p.Message)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("CheckProperty(%s, %s, %s):\n got %q\nwant %q", tc.typ, tc.path, tc.value, got, tc.want)
			}
		})
	}
}

// TestVendoredFresh: the vendored files are what scripts/cfnschemas.py
// makes of the cfn-lint the tests run and of SAM's schema in
// internal/samdata (which a SAM upgrade changes).
func TestVendoredFresh(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err == nil {
		cmd := exec.Command(py, "../../scripts/cfnschemas.py", "--check")
		var out []byte
		out, err = cmd.CombinedOutput()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee) && ee.ExitCode() == 75:
			err = fmt.Errorf("%s", bytes.TrimSpace(out))
		case err != nil:
			t.Fatalf("%v\n%s", err, out)
		default:
			return
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("python3 with cfn-lint is required in CI: %v", err)
	}
	t.Skipf("python3 with cfn-lint not available: %v", err)
}

// TestPropertyData: every reference of the data resolves, and every type
// has properties.
func TestPropertyData(t *testing.T) {
	d := propertySchemas()
	if len(d.Types) == 0 || d.Version == "" {
		t.Fatalf("no types or version: %+v", d)
	}
	var walk func(where string, n *node)
	walk = func(where string, n *node) {
		if n == nil {
			return
		}
		if _, ok := lookup(n.Ref); n.Ref != "" && !ok {
			t.Errorf("%s: reference %s names nothing", where, n.Ref)
		}
		for k, c := range n.Properties {
			walk(where+"/"+k, c)
		}
		walk(where+"/values", n.Values)
		walk(where+"/items", n.Items)
		for _, a := range n.AnyOf {
			walk(where+"/anyOf", a)
		}
	}
	for name, typ := range d.Types {
		if len(typ.Properties) == 0 {
			t.Errorf("%s has no properties", name)
		}
		for k, n := range typ.Properties {
			walk(name+"/properties/"+k, n)
		}
		for k, n := range typ.Definitions {
			walk(name+"/definitions/"+k, n)
		}
	}
}
