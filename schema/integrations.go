package schema

import "strings"

// TaskParam is an API parameter of a Step Functions integration that a
// field of its typed definition stands for: what a task written in an ASL
// file must give, and samgen binds to the typed field, so that the role
// is derived from it exactly as for a typed state.
type TaskParam struct {
	// Param is the parameter's name in Parameters (JSONPath) or Arguments
	// (JSONata); a dot nests it ("QueryExecutionContext.Database").
	Param string
	// Field is the typed field it binds to ("table").
	Field string
	// Kind is the kind of the declared resource the parameter names, ""
	// for a value (a name or an ARN, a literal or an expression).
	Kind string
	// Attr is the attribute of the resource the parameter takes (a
	// table's name for TableName); a substitution bound to a reference
	// without an attribute renders it.
	Attr string
	// Arn marks a field that takes the ARN of an existing resource as
	// well as a reference (#FunctionRef | #Arn).
	Arn bool
	// Optional marks a parameter the call can do without.
	Optional bool
	// Text marks a field that takes a literal only (a method, a name
	// that decides no grant).
	Text bool
}

// TaskParams lists, per integration (the name #DynamoDBPutItem sets), the
// parameters that decide what the task may touch. policies/integrations.go
// derives the IAM from the fields they bind to; TestTaskParams holds the
// two tables to the same integrations.
var TaskParams = map[string][]TaskParam{
	"dynamodb:getItem":      {{Param: "TableName", Field: "table", Kind: "table", Attr: AttrName}},
	"dynamodb:putItem":      {{Param: "TableName", Field: "table", Kind: "table", Attr: AttrName}},
	"dynamodb:updateItem":   {{Param: "TableName", Field: "table", Kind: "table", Attr: AttrName}},
	"dynamodb:deleteItem":   {{Param: "TableName", Field: "table", Kind: "table", Attr: AttrName}},
	"sqs:sendMessage":       {{Param: "QueueUrl", Field: "queue", Kind: "queue", Attr: AttrURL}},
	"sns:publish":           {{Param: "TopicArn", Field: "topic", Kind: "topic", Attr: AttrArn}},
	"events:putEvents":      {}, // Entries[].EventBusName, bound entry by entry
	"lambda:invoke":         {{Param: "FunctionName", Field: "function", Kind: "function", Attr: AttrArn, Arn: true}},
	"states:startExecution": {{Param: "StateMachineArn", Field: "stateMachine", Kind: "stateMachine", Attr: AttrArn, Arn: true}},
	"glue:startJobRun":      {{Param: "JobName", Field: "job"}},
	"batch:submitJob": {
		{Param: "JobName", Field: "jobName", Text: true},
		{Param: "JobDefinition", Field: "jobDefinition"},
		{Param: "JobQueue", Field: "jobQueue"},
	},
	"ecs:runTask": {
		{Param: "Cluster", Field: "cluster"},
		{Param: "TaskDefinition", Field: "taskDefinition"},
		{Param: "LaunchType", Field: "launchType", Optional: true, Text: true},
	},
	"sagemaker:createTrainingJob": {
		{Param: "TrainingJobName", Field: "trainingJobName", Text: true},
		{Param: "RoleArn", Field: "role"},
	},
	"athena:startQueryExecution": {
		{Param: "QueryString", Field: "queryString", Text: true},
		{Param: "WorkGroup", Field: "workGroup", Optional: true, Text: true},
		{Param: "QueryExecutionContext.Database", Field: "database", Text: true},
		{Param: "ResultConfiguration.OutputLocation", Field: "outputLocation", Text: true},
	},
	"bedrock:invokeModel": {{Param: "ModelId", Field: "model", Text: true}},
	"http:invoke": {
		{Param: "ApiEndpoint", Field: "endpoint", Text: true},
		{Param: "Method", Field: "method", Text: true},
		{Param: "Authentication.ConnectionArn", Field: "connection"},
	},
	"apigateway:invoke": {
		{Param: "ApiEndpoint", Field: "api"},
		{Param: "Method", Field: "method", Text: true},
		{Param: "Stage", Field: "stage", Text: true},
		{Param: "Path", Field: "path", Text: true},
	},
	"codebuild:startBuild": {{Param: "ProjectName", Field: "project"}},
	"aws-sdk":              {},
}

// TaskPatterns maps the suffix of a task's Resource ARN to its
// integration pattern.
var TaskPatterns = map[string]string{
	"":                  "",
	".sync":             "sync",
	".sync:2":           "sync:2",
	".waitForTaskToken": "waitForTaskToken",
}

// ParseTaskResource splits a task's Resource,
// "arn:aws:states:::dynamodb:putItem.sync", into its integration and
// pattern; ok is false for anything else (an activity, a function ARN).
func ParseTaskResource(res string) (integration, pattern string, ok bool) {
	p := ArnParts(res)
	if len(p) < 6 || p[0] != "arn" || !partition(p[1]) || p[2] != "states" || p[3] != "" || p[4] != "" {
		return "", "", false
	}
	api := strings.Join(p[5:], ":")
	for _, suffix := range []string{".waitForTaskToken", ".sync:2", ".sync"} {
		if strings.HasSuffix(api, suffix) {
			return apiIntegration(strings.TrimSuffix(api, suffix)), TaskPatterns[suffix], true
		}
	}
	return apiIntegration(api), "", true
}

func apiIntegration(api string) string {
	if strings.HasPrefix(api, "aws-sdk:") {
		return "aws-sdk"
	}
	return api
}

// partition reports whether p is an ARN's partition: aws, aws-cn,
// aws-us-gov, ... or ${AWS::Partition}.
func partition(p string) bool {
	return p == "aws" || strings.HasPrefix(p, "aws-") || p == "${AWS::Partition}"
}
