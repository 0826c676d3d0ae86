package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"samgen.dev/samgen/internal/cfn"
)

// Verify re-parses a template's YAML, turning the short-form tags back
// into intrinsics, and compares it with the same template written as
// JSON: the two writers must agree on every value (rain's parse.Verify).
func Verify(t *Template, out []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(out, &doc); err != nil {
		return fmt.Errorf("output does not parse: %w", err)
	}
	if len(doc.Content) != 1 {
		return fmt.Errorf("output has %d documents", len(doc.Content))
	}
	got, err := fromNode(doc.Content[0])
	if err != nil {
		return err
	}
	js, err := JSON(t)
	if err != nil {
		return err
	}
	var want any
	if err := json.Unmarshal(js, &want); err != nil {
		return fmt.Errorf("JSON output does not parse: %w", err)
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		return fmt.Errorf("YAML and JSON differ:\nYAML: %s\nJSON: %s", g, js)
	}
	return nil
}

// fromNode converts a YAML node to JSON-form values, as CloudFormation
// reads it.
func fromNode(n *yaml.Node) (any, error) {
	var v any
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i < len(n.Content); i += 2 {
			val, err := fromNode(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = val
		}
		v = m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			val, err := fromNode(c)
			if err != nil {
				return nil, err
			}
			l = append(l, val)
		}
		v = l
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int", "!!float":
			f, err := strconv.ParseFloat(n.Value, 64)
			if err != nil {
				return nil, err
			}
			return f, nil
		case "!!bool":
			return n.Value == "true", nil
		case "!!null":
			// Only an explicit null survives the writer (ASL's
			// `ResultPath: null`); the JSON writer has it too.
			return nil, nil
		}
		v = n.Value
	default:
		return nil, fmt.Errorf("line %d: unexpected node kind %v", n.Line, n.Kind)
	}
	switch tag := n.Tag; {
	case !strings.HasPrefix(tag, "!") || strings.HasPrefix(tag, "!!"):
		return v, nil
	case tag == "!Ref" || tag == "!Condition":
		return map[string]any{tag[1:]: v}, nil
	case tag == "!GetAtt":
		if s, ok := v.(string); ok {
			id, attr, _ := strings.Cut(s, ".")
			v = []any{id, attr}
		}
		return map[string]any{"Fn::GetAtt": v}, nil
	default:
		return map[string]any{"Fn::" + tag[1:]: v}, nil
	}
}

func oneResource(props map[string]any) *Template {
	return &Template{Resources: map[string]*Resource{"A": {Type: "AWS::SQS::Queue", Properties: props}}}
}

func TestYAMLOrder(t *testing.T) {
	tp := &Template{
		Header:      "generated",
		Description: "d",
		Outputs:     map[string]any{"Url": map[string]any{"Value": "v", "Description": "x", "Export": map[string]any{"Name": "e"}}},
		Parameters:  map[string]any{"Stage": map[string]any{"Default": "dev", "Type": "String", "AllowedValues": []any{"dev", "prod"}}},
		Globals:     map[string]any{"Function": map[string]any{"Timeout": 3}},
		Conditions:  map[string]any{"IsProd": map[string]any{"Fn::Equals": []any{cfn.Ref("Stage"), "prod"}}},
		Resources: map[string]*Resource{
			"B": {Type: "T", Properties: map[string]any{"Z": 1, "A": 2}, Metadata: map[string]any{"BuildMethod": "go1.x"},
				DependsOn: []string{"A"}, Condition: "IsProd", DeletionPolicy: "Retain"},
			"A": {Type: "T", Properties: map[string]any{"PolicyDocument": map[string]any{
				"Statement": []any{map[string]any{"Resource": "*", "Action": "s3:GetObject", "Effect": "Allow", "Sid": "s"}},
				"Version":   "2012-10-17",
			}}},
		},
	}
	out, err := YAML(tp)
	if err != nil {
		t.Fatal(err)
	}
	want := `# generated
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: d
Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues:
      - dev
      - prod
Conditions:
  IsProd: !Equals
    - !Ref Stage
    - prod
Globals:
  Function:
    Timeout: 3
Resources:
  A:
    Type: T
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: s
            Effect: Allow
            Action: s3:GetObject
            Resource: '*'
  B:
    Type: T
    Condition: IsProd
    DependsOn:
      - A
    Metadata:
      BuildMethod: go1.x
    DeletionPolicy: Retain
    Properties:
      A: 2
      Z: 1
Outputs:
  Url:
    Description: x
    Value: v
    Export:
      Name: e
`
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	if err := Verify(tp, out); err != nil {
		t.Error(err)
	}
}

func TestYAMLShortTags(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"ref", cfn.Ref("Q"), "!Ref Q"},
		{"pseudo", cfn.Ref("AWS::Region"), "!Ref AWS::Region"},
		{"getatt", cfn.GetAtt("Q", "Arn"), "!GetAtt Q.Arn"},
		{"getatt nested attribute", cfn.GetAtt("T", "StreamArn"), "!GetAtt T.StreamArn"},
		{"getatt computed", map[string]any{"Fn::GetAtt": []any{"Q", cfn.Ref("Attr")}}, "!GetAtt\n        - Q\n        - !Ref Attr"},
		{"sub", cfn.Sub("arn:${AWS::Partition}:sqs:${AWS::Region}"), "!Sub arn:${AWS::Partition}:sqs:${AWS::Region}"},
		{"sub vars", cfn.SubVars("${X}", map[string]any{"X": cfn.Ref("Y")}), "!Sub\n        - ${X}\n        - X: !Ref Y"},
		{"join", cfn.Join("", cfn.GetAtt("F", "Arn"), ":*"), "!Join\n        - \"\"\n        - - !GetAtt F.Arn\n          - :*"},
		{"if novalue", cfn.If("IsProd", "yes", cfn.NoValue()), "!If\n        - IsProd\n        - \"yes\"\n        - !Ref AWS::NoValue"},
		{"sub of a YAML 1.1 word", cfn.Sub("on"), "!Sub on"},
		{"importvalue of a sub", map[string]any{"Fn::ImportValue": cfn.Sub("${Network}-VpcId")}, "!ImportValue\n        Fn::Sub: ${Network}-VpcId"},
		{"select of a getazs", cfn.Select(0, map[string]any{"Fn::GetAZs": ""}), "!Select\n        - 0\n        - !GetAZs ''"},
		{"two keys is not an intrinsic", map[string]any{"Ref": "A", "Other": "B"}, "\n        Other: B\n        Ref: A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tp := oneResource(map[string]any{"V": tc.v})
			out, err := YAML(tp)
			if err != nil {
				t.Fatal(err)
			}
			line := "      V: " + tc.want + "\n"
			if strings.HasPrefix(tc.want, "\n") {
				line = "      V:" + tc.want + "\n"
			}
			if !bytes.HasSuffix(out, []byte(line)) {
				t.Errorf("got:\n%s\nwant it to end with:\n%s", out, line)
			}
			if err := Verify(tp, out); err != nil {
				t.Error(err)
			}
		})
	}
}

// yaml11Words are plain scalars a YAML 1.1 reader (CloudFormation, SAM,
// cfn-lint's PyYAML) would not read as the string they are.
var yaml11Words = []string{"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
	"y", "Y", "n", "N", "true", "True", "false", "FALSE", "null", "Null", "~", "",
	"12:30", "-1:30", "190:20:30.15", "0b101", "+0b1", "1_000", "0x1F", "012", "+1", ".5", "1e3", ".inf", "-.Inf", ".NaN",
	"2026-01-01", "2001-12-14t21:59:43.10-05:00", "=", "<<", "a: b", "- x", "#c", "x #y", " x", "x ", "*x", "&x", "!x", "|", ">", "%x", "@x", "`x", "? x"}

func TestYAMLQuotesAmbiguousStrings(t *testing.T) {
	list := make([]any, len(yaml11Words))
	for i, w := range yaml11Words {
		list[i] = w
	}
	tp := oneResource(map[string]any{"Words": list})
	out, err := YAML(tp)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"yes", "on", "off", "no", "y", "N", "12:30", "0b101", "="} {
		if !bytes.Contains(out, []byte("- \""+w+"\"\n")) {
			t.Errorf("%q is not double-quoted:\n%s", w, out)
		}
	}
	if err := Verify(tp, out); err != nil {
		t.Error(err)
	}
	// The readers that matter are YAML 1.1: check with PyYAML (which
	// cfn-lint uses) when it is installed.
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3 is required in CI: it checks the YAML with PyYAML")
		}
		t.Skip("python3 not found")
	}
	const script = `
import json, sys, yaml
class L(yaml.SafeLoader): pass
L.add_multi_constructor("!", lambda l, s, n: None)
words = yaml.load(sys.stdin, Loader=L)["Resources"]["A"]["Properties"]["Words"]
print(json.dumps(words))
`
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = bytes.NewReader(out)
	res, err := cmd.Output()
	if err != nil {
		t.Skipf("PyYAML not usable: %v", err)
	}
	var got []any
	if err := json.Unmarshal(res, &got); err != nil {
		t.Fatal(err)
	}
	for i, w := range yaml11Words {
		if s, ok := got[i].(string); !ok || s != w {
			t.Errorf("PyYAML reads %q as %#v", w, got[i])
		}
	}
}

func TestYAMLNoNulls(t *testing.T) {
	tp := oneResource(map[string]any{
		"Nil":     nil,
		"Nested":  map[string]any{"Nil": nil, "Keep": "k"},
		"Section": map[string]any(nil),
	})
	tp.Outputs = map[string]any{}
	tp.Globals = nil
	out, err := YAML(tp)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"null", "~", "Nil", "Section", "Globals", "Outputs: {}"} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("output contains %q:\n%s", bad, out)
		}
	}
	if !bytes.Contains(out, []byte("Keep: k")) {
		t.Errorf("lost a value:\n%s", out)
	}
}

func TestYAMLNumbersAndBools(t *testing.T) {
	tp := oneResource(map[string]any{"I": 5, "F": 2.5, "W": float64(300), "B": true, "N": json.Number("7"), "L": int64(1 << 40)})
	out, err := YAML(tp)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"B: true\n", "F: 2.5\n", "I: 5\n", "L: 1099511627776\n", "\"N\": 7\n", "W: 300\n"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("missing %q:\n%s", want, out)
		}
	}
	if err := Verify(tp, out); err != nil {
		t.Error(err)
	}
}

func TestYAMLUnwritable(t *testing.T) {
	if _, err := YAML(oneResource(map[string]any{"C": make(chan int)})); err == nil {
		t.Error("no error for a value the writer does not know")
	}
}
