package policies

import (
	"encoding/json"
	"slices"
	"testing"

	"samgen.dev/samgen/schema"
)

// sfnApp declares one resource of each kind the integrations refer to,
// owned and existing.
var sfnApp = &schema.App{
	Tables: map[string]schema.Table{
		"orders": {Resource: schema.Resource{Ref: schema.Ref{Kind: "table", Name: "orders"}}},
		"legacy": {Resource: schema.Resource{Ref: schema.Ref{Kind: "table", Name: "legacy"}}, Existing: schema.Existing{Arn: schema.V("arn:aws:dynamodb:eu-west-1:123456789012:table/legacy")}},
		"sealed": {Resource: schema.Resource{Ref: schema.Ref{Kind: "table", Name: "sealed"}}, EncryptionKey: sfnRef("key", "messages")},
	},
	Queues: map[string]schema.Queue{"jobs": {Resource: schema.Resource{Ref: schema.Ref{Kind: "queue", Name: "jobs"}}},
		"sealed": {Resource: schema.Resource{Ref: schema.Ref{Kind: "queue", Name: "sealed"}}, Key: sfnRef("key", "messages")}},
	Topics: map[string]schema.Topic{"events": {Resource: schema.Resource{Ref: schema.Ref{Kind: "topic", Name: "events"}}},
		"sealed": {Resource: schema.Resource{Ref: schema.Ref{Kind: "topic", Name: "sealed"}}, Key: sfnRef("key", "messages")}},
	Keys: map[string]schema.Key{"messages": {}},
	Buses: map[string]schema.Bus{
		"shop":     {Resource: schema.Resource{Ref: schema.Ref{Kind: "bus", Name: "shop"}}},
		"platform": {Resource: schema.Resource{Ref: schema.Ref{Kind: "bus", Name: "platform"}}, Existing: schema.Existing{Arn: schema.V("arn:aws:events:eu-west-1:123456789012:event-bus/platform")}},
	},
	Functions:     map[string]schema.Function{"charge": {Resource: schema.Resource{Ref: schema.Ref{Kind: "function", Name: "charge"}}}},
	StateMachines: map[string]schema.StateMachine{"child": {Resource: schema.Resource{Ref: schema.Ref{Kind: "stateMachine", Name: "child"}}}},
}

func sfnRef(kind, name string) *schema.Ref { return &schema.Ref{Kind: kind, Name: name} }

// TestForTask asserts the exact statements of every integration and
// pattern.
func TestForTask(t *testing.T) {
	const (
		rule = `{"Effect":"Allow","Action":["events:DescribeRule","events:PutRule","events:PutTargets"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/`
	)
	tests := []struct {
		name  string
		state schema.State
		want  string
	}{
		{"dynamodb getItem", schema.State{Integration: "dynamodb:getItem", Table: sfnRef("table", "orders")},
			`[{"Effect":"Allow","Action":["dynamodb:GetItem"],"Resource":{"Fn::GetAtt":["OrdersTable","Arn"]}}]`},
		{"dynamodb putItem", schema.State{Integration: "dynamodb:putItem", Table: sfnRef("table", "orders")},
			`[{"Effect":"Allow","Action":["dynamodb:PutItem"],"Resource":{"Fn::GetAtt":["OrdersTable","Arn"]}}]`},
		{"dynamodb updateItem", schema.State{Integration: "dynamodb:updateItem", Table: sfnRef("table", "orders")},
			`[{"Effect":"Allow","Action":["dynamodb:UpdateItem"],"Resource":{"Fn::GetAtt":["OrdersTable","Arn"]}}]`},
		{"dynamodb deleteItem existing table", schema.State{Integration: "dynamodb:deleteItem", Table: sfnRef("table", "legacy")},
			`[{"Effect":"Allow","Action":["dynamodb:DeleteItem"],"Resource":"arn:aws:dynamodb:eu-west-1:123456789012:table/legacy"}]`},
		// Under a customer managed key, DynamoDB decrypts the table key on
		// behalf of the state machine's role.
		{"dynamodb putItem sealed table", schema.State{Integration: "dynamodb:putItem", Table: sfnRef("table", "sealed")},
			`[{"Effect":"Allow","Action":["dynamodb:PutItem"],"Resource":{"Fn::GetAtt":["SealedTable","Arn"]}},{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":{"Fn::GetAtt":["MessagesKey","Arn"]}}]`},
		{"dynamodb getItem sealed table", schema.State{Integration: "dynamodb:getItem", Table: sfnRef("table", "sealed")},
			`[{"Effect":"Allow","Action":["dynamodb:GetItem"],"Resource":{"Fn::GetAtt":["SealedTable","Arn"]}},{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":{"Fn::GetAtt":["MessagesKey","Arn"]}}]`},
		{"sqs sendMessage", schema.State{Integration: "sqs:sendMessage", Table: nil, Queue: sfnRef("queue", "jobs")},
			`[{"Effect":"Allow","Action":["sqs:SendMessage"],"Resource":{"Fn::GetAtt":["JobsQueue","Arn"]}}]`},
		{"sqs sendMessage waitForTaskToken", schema.State{Integration: "sqs:sendMessage", Pattern: "waitForTaskToken", Queue: sfnRef("queue", "jobs")},
			`[{"Effect":"Allow","Action":["sqs:SendMessage"],"Resource":{"Fn::GetAtt":["JobsQueue","Arn"]}}]`},
		// Under a customer managed key, sending takes a data key.
		{"sqs sendMessage sealed queue", schema.State{Integration: "sqs:sendMessage", Queue: sfnRef("queue", "sealed")},
			`[{"Effect":"Allow","Action":["sqs:SendMessage"],"Resource":{"Fn::GetAtt":["SealedQueue","Arn"]}},{"Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":{"Fn::GetAtt":["MessagesKey","Arn"]}}]`},
		{"sns publish sealed topic", schema.State{Integration: "sns:publish", Topic: sfnRef("topic", "sealed")},
			`[{"Effect":"Allow","Action":["sns:Publish"],"Resource":{"Ref":"SealedTopic"}},{"Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":{"Fn::GetAtt":["MessagesKey","Arn"]}}]`},
		{"sns publish", schema.State{Integration: "sns:publish", Topic: sfnRef("topic", "events")},
			`[{"Effect":"Allow","Action":["sns:Publish"],"Resource":{"Ref":"EventsTopic"}}]`},
		{"sns publish waitForTaskToken", schema.State{Integration: "sns:publish", Pattern: "waitForTaskToken", Topic: sfnRef("topic", "events")},
			`[{"Effect":"Allow","Action":["sns:Publish"],"Resource":{"Ref":"EventsTopic"}}]`},
		{"events putEvents default bus", schema.State{Integration: "events:putEvents", Entries: []schema.EventEntry{{Source: "s"}}},
			`[{"Effect":"Allow","Action":["events:PutEvents"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"}}]`},
		{"events putEvents buses", schema.State{Integration: "events:putEvents", Pattern: "waitForTaskToken", Entries: []schema.EventEntry{
			{Bus: sfnRef("bus", "shop")}, {Bus: sfnRef("bus", "platform")}, {Bus: sfnRef("bus", "shop")}}},
			`[{"Effect":"Allow","Action":["events:PutEvents"],"Resource":[{"Fn::GetAtt":["ShopBus","Arn"]},"arn:aws:events:eu-west-1:123456789012:event-bus/platform"]}]`},
		{"lambda invoke", schema.State{Integration: "lambda:invoke", Function: &schema.RefOrArn{Ref: sfnRef("function", "charge")}},
			`[{"Effect":"Allow","Action":["lambda:InvokeFunction"],"Resource":[{"Fn::GetAtt":["ChargeFunction","Arn"]},{"Fn::Join":["",[{"Fn::GetAtt":["ChargeFunction","Arn"]},":*"]]}]}]`},
		{"lambda invoke waitForTaskToken by ARN", schema.State{Integration: "lambda:invoke", Pattern: "waitForTaskToken", Function: &schema.RefOrArn{Arn: "arn:aws:lambda:eu-west-1:123456789012:function:approve"}},
			`[{"Effect":"Allow","Action":["lambda:InvokeFunction"],"Resource":["arn:aws:lambda:eu-west-1:123456789012:function:approve","arn:aws:lambda:eu-west-1:123456789012:function:approve:*"]}]`},
		{"states startExecution", schema.State{Integration: "states:startExecution", StateMachine: &schema.RefOrArn{Ref: sfnRef("stateMachine", "child")}},
			`[{"Effect":"Allow","Action":["states:StartExecution"],"Resource":{"Ref":"ChildStateMachine"}}]`},
		{"states startExecution waitForTaskToken", schema.State{Integration: "states:startExecution", Pattern: "waitForTaskToken", StateMachine: &schema.RefOrArn{Ref: sfnRef("stateMachine", "child")}},
			`[{"Effect":"Allow","Action":["states:StartExecution"],"Resource":{"Ref":"ChildStateMachine"}}]`},
		{"states startExecution sync", schema.State{Integration: "states:startExecution", Pattern: "sync", StateMachine: &schema.RefOrArn{Ref: sfnRef("stateMachine", "child")}},
			`[{"Effect":"Allow","Action":["states:StartExecution"],"Resource":{"Ref":"ChildStateMachine"}},` +
				`{"Effect":"Allow","Action":["states:DescribeExecution","states:StopExecution"],"Resource":{"Fn::Sub":["arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Name}:*",{"Name":{"Fn::GetAtt":["ChildStateMachine","Name"]}}]}},` +
				rule + `StepFunctionsGetEventsForStepFunctionsExecutionRule"}}]`},
		{"states startExecution sync:2 by ARN", schema.State{Integration: "states:startExecution", Pattern: "sync:2", StateMachine: &schema.RefOrArn{Arn: "arn:aws:states:eu-west-1:123456789012:stateMachine:billing"}},
			`[{"Effect":"Allow","Action":["states:StartExecution"],"Resource":"arn:aws:states:eu-west-1:123456789012:stateMachine:billing"},` +
				`{"Effect":"Allow","Action":["states:DescribeExecution","states:StopExecution"],"Resource":"arn:aws:states:eu-west-1:123456789012:execution:billing:*"},` +
				rule + `StepFunctionsGetEventsForStepFunctionsExecutionRule"}}]`},
		{"glue startJobRun", schema.State{Integration: "glue:startJobRun", Job: schema.V("export")},
			`[{"Effect":"Allow","Action":["glue:StartJobRun"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:job/export"}}]`},
		{"glue startJobRun sync", schema.State{Integration: "glue:startJobRun", Pattern: "sync", Job: schema.V("export")},
			`[{"Effect":"Allow","Action":["glue:BatchStopJobRun","glue:GetJobRun","glue:GetJobRuns","glue:StartJobRun"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:job/export"}}]`},
		{"batch submitJob", schema.State{Integration: "batch:submitJob", JobDefinition: schema.V("render"), JobQueue: schema.V("arn:aws:batch:eu-west-1:123456789012:job-queue/main")},
			`[{"Effect":"Allow","Action":["batch:SubmitJob"],"Resource":[{"Fn::Sub":"arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job-definition/render:*"},"arn:aws:batch:eu-west-1:123456789012:job-queue/main"]}]`},
		{"batch submitJob sync", schema.State{Integration: "batch:submitJob", Pattern: "sync", JobDefinition: schema.V("arn:aws:batch:eu-west-1:123456789012:job-definition/render:3"), JobQueue: schema.V("arn:aws:batch:eu-west-1:123456789012:job-queue/main")},
			`[{"Effect":"Allow","Action":["batch:SubmitJob"],"Resource":["arn:aws:batch:eu-west-1:123456789012:job-definition/render:3","arn:aws:batch:eu-west-1:123456789012:job-queue/main"]},` +
				`{"Effect":"Allow","Action":["batch:TerminateJob"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job/*"}},` +
				`{"Sid":"BatchDescribeJobsHasNoResourceLevelPermission","Effect":"Allow","Action":["batch:DescribeJobs"],"Resource":"*"},` +
				rule + `StepFunctionsGetEventsForBatchJobsRule"}}]`},
		{"ecs runTask", schema.State{Integration: "ecs:runTask", Cluster: schema.V("arn:aws:ecs:eu-west-1:123456789012:cluster/main"), TaskDefinition: schema.V("arn:aws:ecs:eu-west-1:123456789012:task-definition/resize:7")},
			`[{"Effect":"Allow","Action":["ecs:RunTask"],"Resource":"arn:aws:ecs:eu-west-1:123456789012:task-definition/resize:7"}]`},
		{"ecs runTask waitForTaskToken", schema.State{Integration: "ecs:runTask", Pattern: "waitForTaskToken", Cluster: schema.V("arn:aws:ecs:eu-west-1:123456789012:cluster/main"), TaskDefinition: schema.V("arn:aws:ecs:eu-west-1:123456789012:task-definition/resize"),
			PassRoles: []schema.Value{schema.V("arn:aws:iam::123456789012:role/resize-task")}},
			`[{"Effect":"Allow","Action":["ecs:RunTask"],"Resource":"arn:aws:ecs:eu-west-1:123456789012:task-definition/resize:*"},` +
				`{"Effect":"Allow","Action":["iam:PassRole"],"Resource":"arn:aws:iam::123456789012:role/resize-task","Condition":{"StringEquals":{"iam:PassedToService":"ecs-tasks.amazonaws.com"}}}]`},
		{"ecs runTask sync", schema.State{Integration: "ecs:runTask", Pattern: "sync", Cluster: schema.V("arn:aws:ecs:eu-west-1:123456789012:cluster/main"), TaskDefinition: schema.V("arn:aws:ecs:eu-west-1:123456789012:task-definition/resize:7")},
			`[{"Effect":"Allow","Action":["ecs:RunTask"],"Resource":"arn:aws:ecs:eu-west-1:123456789012:task-definition/resize:7"},` +
				`{"Effect":"Allow","Action":["ecs:DescribeTasks","ecs:StopTask"],"Resource":"arn:aws:ecs:eu-west-1:123456789012:task/main/*"},` +
				rule + `StepFunctionsGetEventsForECSTaskRule"}}]`},
		{"sagemaker createTrainingJob", schema.State{Integration: "sagemaker:createTrainingJob", TrainingJobName: "churn", Role: schema.V("arn:aws:iam::123456789012:role/sm")},
			`[{"Effect":"Allow","Action":["sagemaker:CreateTrainingJob","sagemaker:ListTags"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:training-job/churn*"}},` +
				`{"Effect":"Allow","Action":["iam:PassRole"],"Resource":"arn:aws:iam::123456789012:role/sm","Condition":{"StringEquals":{"iam:PassedToService":"sagemaker.amazonaws.com"}}}]`},
		{"sagemaker createTrainingJob sync", schema.State{Integration: "sagemaker:createTrainingJob", Pattern: "sync", TrainingJobName: "churn", Role: schema.V("arn:aws:iam::123456789012:role/sm")},
			`[{"Effect":"Allow","Action":["sagemaker:CreateTrainingJob","sagemaker:DescribeTrainingJob","sagemaker:ListTags","sagemaker:StopTrainingJob"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:training-job/churn*"}},` +
				`{"Effect":"Allow","Action":["iam:PassRole"],"Resource":"arn:aws:iam::123456789012:role/sm","Condition":{"StringEquals":{"iam:PassedToService":"sagemaker.amazonaws.com"}}},` +
				rule + `StepFunctionsGetEventsForSageMakerTrainingJobsRule"}}]`},
		{"athena startQueryExecution", schema.State{Integration: "athena:startQueryExecution", WorkGroup: "primary", Database: "sales", OutputLocation: "s3://results/athena/"}, athena(false)},
		{"athena startQueryExecution sync", schema.State{Integration: "athena:startQueryExecution", Pattern: "sync", WorkGroup: "primary", Database: "sales", OutputLocation: "s3://results/athena/"}, athena(true)},
		{"bedrock invokeModel", schema.State{Integration: "bedrock:invokeModel", Model: "anthropic.claude-3-haiku-20240307-v1:0"},
			`[{"Effect":"Allow","Action":["bedrock:InvokeModel"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"}}]`},
		{"bedrock invokeModel by ARN", schema.State{Integration: "bedrock:invokeModel", Model: "arn:aws:bedrock:eu-west-1:123456789012:provisioned-model/abc"},
			`[{"Effect":"Allow","Action":["bedrock:InvokeModel"],"Resource":"arn:aws:bedrock:eu-west-1:123456789012:provisioned-model/abc"}]`},
		{"http invoke", schema.State{Integration: "http:invoke", Endpoint: "https://api.example.com/orders", Method: "POST", Connection: schema.V("arn:aws:events:eu-west-1:123456789012:connection/example/0a1b")},
			`[{"Effect":"Allow","Action":["events:RetrieveConnectionCredentials"],"Resource":"arn:aws:events:eu-west-1:123456789012:connection/example/0a1b"},` +
				`{"Effect":"Allow","Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"],"Resource":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:events!connection/example/*"},` +
				`{"Sid":"ScopedByEndpointConditionOwnArnWouldBeCircular","Effect":"Allow","Action":["states:InvokeHTTPEndpoint"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*"},"Condition":{"StringEquals":{"states:HTTPMethod":"POST"},"StringLike":{"states:HTTPEndpoint":"https://api.example.com/orders"}}}]`},
		{"apigateway invoke", schema.State{Integration: "apigateway:invoke", Api: schema.V("a1b2c3d4e5"), Stage: "prod", Method: "GET", Path: "/orders"},
			`[{"Effect":"Allow","Action":["execute-api:Invoke"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:a1b2c3d4e5/prod/GET/orders"}}]`},
		{"apigateway invoke waitForTaskToken", schema.State{Integration: "apigateway:invoke", Pattern: "waitForTaskToken", Api: schema.V("a1b2c3d4e5"), Stage: "prod", Method: "POST", Path: "/approvals"},
			`[{"Effect":"Allow","Action":["execute-api:Invoke"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:a1b2c3d4e5/prod/POST/approvals"}}]`},
		{"codebuild startBuild", schema.State{Integration: "codebuild:startBuild", Project: schema.V("site")},
			`[{"Effect":"Allow","Action":["codebuild:StartBuild"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/site"}}]`},
		{"codebuild startBuild sync", schema.State{Integration: "codebuild:startBuild", Pattern: "sync", Project: schema.V("site")},
			`[{"Effect":"Allow","Action":["codebuild:BatchGetBuilds","codebuild:StartBuild","codebuild:StopBuild"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/site"}},` +
				rule + `StepFunctionsGetEventForCodeBuildStartBuildRule"}}]`},
		{"aws-sdk", schema.State{Integration: "aws-sdk", Service: "s3", Action: "listObjectsV2", IAM: []schema.SDKStatement{{Actions: []string{"s3:ListBucket"}, Resources: []string{"arn:aws:s3:::reports"}}}},
			`[{"Effect":"Allow","Action":["s3:ListBucket"],"Resource":"arn:aws:s3:::reports"}]`},
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			covered[tc.state.Integration] = true
			got, err := ForTask(sfnApp, tc.state)
			if err != nil {
				t.Fatal(err)
			}
			if g, w := statementsJSON(t, got), canonical(t, tc.want); g != w {
				t.Errorf("statements:\n got %s\nwant %s", g, w)
			}
			starExplained(t, got)
		})
	}
	for _, name := range Integrations() {
		if !covered[name] {
			t.Errorf("integration %s has no test case", name)
		}
	}
}

func athena(sync bool) string {
	acts := `"athena:GetQueryExecution","athena:StartQueryExecution"`
	if sync {
		acts += `,"athena:StopQueryExecution"`
	}
	return `[{"Effect":"Allow","Action":[` + acts + `],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:athena:${AWS::Region}:${AWS::AccountId}:workgroup/primary"}},` +
		`{"Effect":"Allow","Action":["s3:GetBucketLocation","s3:ListBucket","s3:ListBucketMultipartUploads"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:s3:::results"}},` +
		`{"Effect":"Allow","Action":["s3:AbortMultipartUpload","s3:GetObject","s3:ListMultipartUploadParts","s3:PutObject"],"Resource":{"Fn::Sub":"arn:${AWS::Partition}:s3:::results/athena/*"}},` +
		`{"Effect":"Allow","Action":["glue:GetDatabase","glue:GetPartition","glue:GetPartitions","glue:GetTable"],"Resource":[` +
		`{"Fn::Sub":"arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:catalog"},` +
		`{"Fn::Sub":"arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:database/sales"},` +
		`{"Fn::Sub":"arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:table/sales/*"}]},` +
		`{"Sid":"LakeFormationGetDataAccessHasNoResourceLevelPermission","Effect":"Allow","Action":["lakeformation:GetDataAccess"],"Resource":"*"}]`
}

// TestStateMachineLogging asserts the statement logging adds: actions
// without resource-level permission, on "*", with a Sid saying so.
func TestStateMachineLogging(t *testing.T) {
	got := statementsJSON(t, []*Statement{StateMachineLogging()})
	want := canonical(t, `[{"Sid":"LogDeliveryActionsHaveNoResourceLevelPermission","Effect":"Allow","Action":["logs:CreateLogDelivery","logs:DeleteLogDelivery","logs:DescribeLogGroups","logs:DescribeResourcePolicies","logs:GetLogDelivery","logs:ListLogDeliveries","logs:PutResourcePolicy","logs:UpdateLogDelivery"],"Resource":"*"}]`)
	if got != want {
		t.Errorf("statements:\n got %s\nwant %s", got, want)
	}
	starExplained(t, []*Statement{StateMachineLogging()})
}

// starExplained fails on a statement granting Resource "*" without a Sid
// saying why.
func starExplained(t *testing.T, ss []*Statement) {
	t.Helper()
	for _, s := range ss {
		if slices.Contains(s.Resource, any("*")) && s.Sid == "" {
			t.Errorf("%v on * without a Sid", s.Action)
		}
	}
}

func statementsJSON(t *testing.T, ss []*Statement) string {
	t.Helper()
	var list []any
	for _, s := range ss {
		list = append(list, s.JSON())
	}
	b, err := json.Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func canonical(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad want JSON: %v\n%s", err, s)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestForTaskIncomplete checks that a task missing its fields gives an
// error or statements, never a panic, for every integration and pattern.
func TestForTaskIncomplete(t *testing.T) {
	for _, name := range Integrations() {
		for _, pattern := range []string{"", "sync", "sync:2", "waitForTaskToken"} {
			_, _ = ForTask(sfnApp, schema.State{Integration: name, Pattern: pattern})
		}
	}
}
