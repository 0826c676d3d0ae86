package cfn

import (
	"reflect"
	"testing"
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
