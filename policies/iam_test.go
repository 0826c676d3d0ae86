package policies

import (
	"encoding/json"
	"samgen.dev/samgen/schema"
	"testing"
)

// TestArgs pins how a parameter value renders in the form its template
// takes, and why one does not fit.
func TestArgs(t *testing.T) {
	ref := func(kind, name string) map[string]any { return map[string]any{"kind": kind, "name": name} }
	tests := []struct {
		template, param string
		value           any
		want, problem   string
	}{
		{"DynamoDBCrudPolicy", "TableName", ref("table", "orders"), `{"Ref":"OrdersTable"}`, ""},
		{"DynamoDBCrudPolicy", "TableName", ref("table", "legacy"), "",
			"TableName builds the ARN from the name of the DynamoDB table in the deploying account and region, and table legacy is declared by ARN: grant it with access, which names exactly that ARN"},
		{"SQSPollerPolicy", "QueueName", ref("queue", "jobs"), `{"Fn::GetAtt":["JobsQueue","QueueName"]}`, ""},
		{"SNSPublishMessagePolicy", "TopicName", ref("topic", "news"), `{"Fn::GetAtt":["NewsTopic","TopicName"]}`, ""},
		{"LambdaInvokePolicy", "FunctionName", ref("function", "worker"), `{"Ref":"WorkerFunction"}`, ""},
		{"EventBridgePutEventsPolicy", "EventBusName", ref("bus", "orders"), `{"Ref":"OrdersBus"}`, ""},
		{"StepFunctionsExecutionPolicy", "StateMachineName", ref("stateMachine", "flow"), `{"Fn::GetAtt":["FlowStateMachine","Name"]}`, ""},
		{"AWSSecretsManagerGetSecretValuePolicy", "SecretArn", ref("secret", "db"), `"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"`, ""},
		{"SSMParameterReadPolicy", "ParameterName", ref("param", "key"), `"shop/key"`, ""},
		{"SSMParameterWithSlashPrefixReadPolicy", "ParameterName", ref("param", "key"), `"/shop/key"`, ""},
		{"S3ReadPolicy", "BucketName", "assets", `"assets"`, ""},
		{"AWSSecretsManagerGetSecretValuePolicy", "SecretArn", "shop/db", "",
			"SecretArn takes the ARN of the Secrets Manager secret, not a name: give an ARN (arn:...) or a ref"},
		{"SQSPollerPolicy", "QueueName", "arn:aws:sqs:eu-west-1:123456789012:jobs", "",
			"QueueName takes the name of the SQS queue, not an ARN"},
		{"SQSPollerPolicy", "QueueName", ref("table", "orders"), "",
			"QueueName takes the name of the SQS queue, not a table: give a queue ref"},
		{"DynamoDBStreamReadPolicy", "StreamName", ref("table", "orders"), "",
			"StreamName takes the label of the DynamoDB stream of the table (the timestamp that ends the stream ARN) as a string, not a ref"},
		{"CodeCommitReadPolicy", "RepositoryName", ref("table", "orders"), "",
			"RepositoryName takes the name of the CodeCommit repository as a string, not a ref"},
		{"SQSPollerPolicy", "Queue", "jobs", "", "SQSPollerPolicy takes no parameter Queue (it takes QueueName)"},
	}
	for _, tc := range tests {
		t.Run(tc.template+"/"+tc.param, func(t *testing.T) {
			tmpl, ok := Lookup(tc.template)
			if !ok {
				t.Fatalf("no template %s", tc.template)
			}
			args, problems := Args(accessApp, tmpl, map[string]schema.Value{tc.param: schema.V(tc.value)})
			if problems[tc.param] != tc.problem {
				t.Fatalf("problem %q, want %q", problems[tc.param], tc.problem)
			}
			if tc.problem != "" {
				return
			}
			got, _ := json.Marshal(args[tc.param])
			if string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestFullAccess pins which managed policies need an acknowledgement.
func TestFullAccess(t *testing.T) {
	for name, want := range map[string]bool{
		"AdministratorAccess": true, "PowerUserAccess": true, "IAMFullAccess": true,
		"AmazonS3FullAccess": true, "arn:aws:iam::aws:policy/AWSLambda_FullAccess": true,
		"arn:aws:iam::aws:policy/AdministratorAccess": true,
		"AWSXRayDaemonWriteAccess":                    false, "AmazonS3ReadOnlyAccess": false,
	} {
		if got := FullAccess(name); got != want {
			t.Errorf("FullAccess(%s) = %v, want %v", name, got, want)
		}
	}
}

// TestFormat pins how explain writes CloudFormation values.
func TestFormat(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{"*", "*"},
		{map[string]any{"Ref": "OrdersTable"}, "${OrdersTable}"},
		{map[string]any{"Fn::GetAtt": []any{"JobsQueue", "Arn"}}, "${JobsQueue.Arn}"},
		{map[string]any{"Fn::Sub": []any{"arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}",
			map[string]any{"queueName": map[string]any{"Fn::GetAtt": []any{"JobsQueue", "QueueName"}}}}},
			"arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${JobsQueue.QueueName}"},
		{map[string]any{"Fn::Join": []any{"", []any{map[string]any{"Fn::GetAtt": []any{"WorkerFunction", "Arn"}}, ":*"}}}, "${WorkerFunction.Arn}:*"},
	}
	for _, tc := range tests {
		if got := Format(tc.v); got != tc.want {
			t.Errorf("Format(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
