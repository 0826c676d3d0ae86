package importer

import (
	"fmt"
	"testing"

	"samgen.dev/samgen/internal/cfn"
)

// TestCompareEquivalences checks equivalences of Compare that only a
// template of its own shows: each pair of properties is equal or not, as
// CloudFormation reads them.
func TestCompareEquivalences(t *testing.T) {
	for _, c := range []struct {
		name       string
		typ        string
		want, got  string
		equivalent bool
	}{
		{"sub variables of refs inlined", "AWS::Lambda::Permission",
			`SourceArn: !Sub "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/x"`,
			`SourceArn: !Sub ["arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${A}/*/GET/x", {A: !Ref Api}]`, true},
		{"sub variable of an attribute inlined", "AWS::Lambda::Permission",
			`FunctionName: !Sub "${Fn.Arn}:live"`,
			`FunctionName: !Sub ["${F}:live", {F: !GetAtt Fn.Arn}]`, true},
		{"sub variable of another attribute", "AWS::Lambda::Permission",
			`FunctionName: !Sub "${Fn.Arn}:live"`,
			`FunctionName: !Sub ["${F}:live", {F: !GetAtt Fn.Name}]`, false},
		{"sub variable of an intrinsic kept", "AWS::Lambda::Permission",
			`FunctionName: !Sub "${Fn}:live"`,
			`FunctionName: !Sub ["${F}:live", {F: !Select [0, [!Ref Fn]]}]`, false},
		{"deployment description's hash", "AWS::ApiGateway::Deployment",
			`Description: "RestApi deployment id: 7d3131b72182c92a3987caf531095c5f53f9e547"`,
			`Description: "RestApi deployment id: fb9c620bc824c6bcdface7698cfac2cd5706befb"`, true},
		{"deployment description of its own", "AWS::ApiGateway::Deployment",
			`Description: "first"`,
			`Description: "second"`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			parse := func(props string) *cfn.Template {
				tpl, err := cfn.Parse([]byte("Resources:\n  R:\n    Type: " + c.typ + "\n    Properties:\n      " + props + "\n"))
				if err != nil {
					t.Fatal(err)
				}
				return tpl
			}
			diffs := Compare(parse(c.want), parse(c.got))
			if got := len(diffs) == 0; got != c.equivalent {
				t.Errorf("equivalent = %v, want %v: %v", got, c.equivalent, diffs)
			}
		})
	}
}

// TestCompareImplicitAPIGlobals checks that Globals.Api, which SAM folds
// into the implicit API an event makes, is compared: no resource of the
// template holds it, and losing it would lose the API's settings.
func TestCompareImplicitAPIGlobals(t *testing.T) {
	const function = `
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties: {Path: /hello, Method: get%s}
`
	for _, c := range []struct {
		name       string
		want, got  string
		equivalent bool
	}{
		{"lost with an implicit API",
			"Globals:\n  Api:\n    TracingEnabled: true\nResources:" + fmt.Sprintf(function, ""),
			"Resources:" + fmt.Sprintf(function, ""), false},
		{"kept with an implicit API",
			"Globals:\n  Api:\n    TracingEnabled: true\nResources:" + fmt.Sprintf(function, ""),
			"Globals:\n  Api:\n    TracingEnabled: true\nResources:" + fmt.Sprintf(function, ""), true},
		{"folded into the explicit API",
			"Globals:\n  Api:\n    TracingEnabled: true\nResources:" + fmt.Sprintf(function, ", RestApiId: !Ref Shop") + "  Shop:\n    Type: AWS::Serverless::Api\n    Properties: {StageName: prod}\n",
			"Resources:" + fmt.Sprintf(function, ", RestApiId: !Ref Shop") + "  Shop:\n    Type: AWS::Serverless::Api\n    Properties: {StageName: prod, TracingEnabled: true}\n", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			want, err := cfn.Parse([]byte(c.want))
			if err != nil {
				t.Fatal(err)
			}
			got, err := cfn.Parse([]byte(c.got))
			if err != nil {
				t.Fatal(err)
			}
			diffs := Compare(want, got)
			if eq := len(diffs) == 0; eq != c.equivalent {
				t.Errorf("equivalent = %v, want %v: %v", eq, c.equivalent, diffs)
			}
		})
	}
}
