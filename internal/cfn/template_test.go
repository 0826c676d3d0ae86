package cfn

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	yamlText := `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    DeletionPolicy: Retain
    DependsOn: Table
    Properties:
      MemorySize: 512
      Ratio: 0.5
      Env: !Ref Table
      Arn: !GetAtt Table.StreamArn
      Name: !Sub ${AWS::StackName}-x
      Pick: !Select [0, !GetAZs ""]
      Flag: "true"
`
	jsonText := `{"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Fn": {"Type": "AWS::Serverless::Function", "DeletionPolicy": "Retain", "DependsOn": ["Table"],
	  "Properties": {"MemorySize": 512, "Ratio": 0.5, "Env": {"Ref": "Table"}, "Arn": {"Fn::GetAtt": ["Table", "StreamArn"]}, "Name": {"Fn::Sub": "${AWS::StackName}-x"},
	  "Pick": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}, "Flag": "true"}}}}`
	want := map[string]any{
		"MemorySize": 512, "Ratio": 0.5, "Env": Ref("Table"), "Arn": GetAtt("Table", "StreamArn"),
		"Name": Sub("${AWS::StackName}-x"), "Pick": map[string]any{"Fn::Select": []any{0, map[string]any{"Fn::GetAZs": ""}}}, "Flag": "true",
	}
	for name, text := range map[string]string{"yaml": yamlText, "json": jsonText} {
		t.Run(name, func(t *testing.T) {
			tpl, err := Parse([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if !tpl.Serverless() {
				t.Error("not read as a SAM template")
			}
			fn := tpl.Resources["Fn"]
			if fn.Type != "AWS::Serverless::Function" || fn.DeletionPolicy != "Retain" || !reflect.DeepEqual(fn.DependsOn, []string{"Table"}) {
				t.Errorf("attributes: %+v", fn)
			}
			if !reflect.DeepEqual(fn.Properties, want) {
				t.Errorf("properties:\n got %#v\nwant %#v", fn.Properties, want)
			}
			if tpl.Size != len(text) {
				t.Errorf("size %d, want %d", tpl.Size, len(text))
			}
		})
	}
	for _, bad := range []string{"", "[1, 2]", "Resources: {X: {Properties: {}}}", "Resources: {X: 1}", "a: [b"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

// TestParseAliases: aliases and merge keys read as `sam deploy` reads
// them, a key set twice is a problem at the second, and aliases that
// expand past maxValues are refused at once instead of read for hours.
func TestParseAliases(t *testing.T) {
	tpl, err := Parse([]byte(`
Transform: AWS::Serverless-2016-10-31
Resources:
  A: &queue
    Type: AWS::SQS::Queue
    Properties: {VisibilityTimeout: 60, DelaySeconds: 5}
  B: *queue
  C:
    <<: *queue
    Properties: {VisibilityTimeout: 30}
`))
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]map[string]any{
		"A": {"VisibilityTimeout": 60, "DelaySeconds": 5},
		"B": {"VisibilityTimeout": 60, "DelaySeconds": 5},
		"C": {"VisibilityTimeout": 30},
	} {
		if r := tpl.Resources[id]; r.Type != "AWS::SQS::Queue" || !reflect.DeepEqual(r.Properties, want) {
			t.Errorf("resource %s: %+v; want an AWS::SQS::Queue with %v", id, r, want)
		}
	}

	_, err = Parse([]byte(`{"Transform": "AWS::Serverless-2016-10-31",
 "Resources": {"Q": {"Type": "AWS::SQS::Queue"}, "Q": {"Type": "AWS::SNS::Topic"}}}`))
	if want := "2:50: Q is set twice in one mapping (first at 2:16)"; err == nil || err.Error() != want {
		t.Errorf("a resource set twice: %v; want %s", err, want)
	}

	laughs := "Transform: AWS::Serverless-2016-10-31\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'i'; c++ {
		laughs += fmt.Sprintf("%c: &%c [%s]\n", c, c, strings.Repeat(fmt.Sprintf("*%c, ", c-1), 9)+fmt.Sprintf("*%c", c-1))
	}
	done := make(chan error, 1)
	go func() { _, err := Parse([]byte(laughs)); done <- err }()
	select {
	case err := <-done:
		if want := "1:1: not a template: its aliases expand to more than 1000000 values"; err == nil || err.Error() != want {
			t.Errorf("aliases of 10^9 values: %v; want %s", err, want)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("aliases of 10^9 values: Parse still reading after 20s")
	}
}

// TestParseUnknownTag: a YAML tag that is no intrinsic function (a typo)
// is a problem at its value, not a function CloudFormation rejects later.
func TestParseUnknownTag(t *testing.T) {
	_, err := Parse([]byte("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Subb x-${AWS::Region}\n"))
	if want := "5:18: !Subb is not a CloudFormation intrinsic function; did you mean !Sub?"; err == nil || err.Error() != want {
		t.Errorf("!Subb: %v; want %s", err, want)
	}
}
