package policies

import (
	"encoding/json"
	"testing"

	"samgen.dev/samgen/schema"
)

// accessApp declares one owned and one existing resource of each kind the
// access verbs apply to.
var accessApp = &schema.App{
	Proxies: map[string]schema.Proxy{
		"iam":    {Arn: schema.V("arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0abc123"), User: "app"},
		"pass":   {Arn: schema.V("arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0abc123"), User: "app", Secret: &schema.Ref{Kind: "secret", Name: "db"}},
		"shared": {Arn: schema.V(map[string]any{"Fn::ImportValue": "db-ProxyArn"}), User: "app", Secret: &schema.Ref{Kind: "secret", Name: "imported"}},
		"sub":    {Arn: schema.V(map[string]any{"Fn::Sub": "arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:db-proxy:${ProxyId}"}), User: "app"},
	},
	Tables: map[string]schema.Table{
		"orders": {Resource: schema.Resource{Ref: schema.Ref{Kind: "table", Name: "orders"}}, Stream: "NEW_IMAGE"},
		"shared": {Resource: schema.Resource{Ref: schema.Ref{Kind: "table", Name: "shared"}}, Existing: schema.Existing{Arn: schema.V(map[string]any{"Fn::ImportValue": "data-TableArn"})}},
		"legacy": {Resource: schema.Resource{Ref: schema.Ref{Kind: "table", Name: "legacy"}}, Existing: schema.Existing{Arn: schema.V("arn:aws:dynamodb:eu-west-1:123456789012:table/legacy")},
			StreamArn: schema.V("arn:aws:dynamodb:eu-west-1:123456789012:table/legacy/stream/2026-01-01T00:00:00.000")},
		// Under the app's customer managed key, and another account's
		// table under that account's key.
		"sealed": {Resource: schema.Resource{Ref: schema.Ref{Kind: "table", Name: "sealed"}}, Stream: "NEW_IMAGE", EncryptionKey: &schema.Ref{Kind: "key", Name: "data"}},
		"partner": {Resource: schema.Resource{Ref: schema.Ref{Kind: "table", Name: "partner"}}, Existing: schema.Existing{Arn: schema.V("arn:aws:dynamodb:eu-west-1:123456789012:table/partner")},
			StreamArn: schema.V("arn:aws:dynamodb:eu-west-1:123456789012:table/partner/stream/2026-01-01T00:00:00.000"), EncryptionKey: &schema.Ref{Kind: "key", Name: "ext"}},
	},
	Queues: map[string]schema.Queue{
		"jobs":   {Resource: schema.Resource{Ref: schema.Ref{Kind: "queue", Name: "jobs"}}},
		"ext":    {Resource: schema.Resource{Ref: schema.Ref{Kind: "queue", Name: "ext"}}, Existing: schema.Existing{Arn: schema.V("arn:aws:sqs:eu-west-1:123456789012:ext")}},
		"sealed": {Resource: schema.Resource{Ref: schema.Ref{Kind: "queue", Name: "sealed"}}, Key: &schema.Ref{Kind: "key", Name: "data"}},
	},
	Topics: map[string]schema.Topic{
		"news":     {Resource: schema.Resource{Ref: schema.Ref{Kind: "topic", Name: "news"}}},
		"audit":    {Resource: schema.Resource{Ref: schema.Ref{Kind: "topic", Name: "audit"}}, Existing: schema.Existing{Arn: schema.V("arn:aws:sns:eu-west-1:111122223333:audit")}},
		"regional": {Resource: schema.Resource{Ref: schema.Ref{Kind: "topic", Name: "regional"}}, Existing: schema.Existing{Arn: schema.V("arn:${AWS::Partition}:sns:${AWS::Region}:111122223333:audit")}},
		"sealed":   {Resource: schema.Resource{Ref: schema.Ref{Kind: "topic", Name: "sealed"}}, Key: &schema.Ref{Kind: "key", Name: "data"}},
	},
	Parameters: map[string]schema.Parameter{"platformBusArn": {Ref: schema.Ref{Kind: "parameter", Name: "platformBusArn"}, Type: "String"}},
	Buses: map[string]schema.Bus{"default": {Resource: schema.Resource{Ref: schema.Ref{Kind: "bus", Name: "default"}}, Name: schema.V("default")}, "orders": {Resource: schema.Resource{Ref: schema.Ref{Kind: "bus", Name: "orders"}}},
		"platform": {Resource: schema.Resource{Ref: schema.Ref{Kind: "bus", Name: "platform"}}, Existing: schema.Existing{Arn: schema.V(map[string]any{"kind": "parameter", "name": "platformBusArn"})}}},
	Params: map[string]schema.SSMParam{"key": {Ref: schema.Ref{Kind: "param", Name: "key"}, Name: "/shop/key"}},
	Secrets: map[string]schema.Secret{
		"db":       {Ref: schema.Ref{Kind: "secret", Name: "db"}, Arn: schema.V("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf")},
		"imported": {Ref: schema.Ref{Kind: "secret", Name: "imported"}, Arn: schema.V(map[string]any{"Fn::ImportValue": "db-SecretArn"})},
	},
	Functions:     map[string]schema.Function{"worker": {Resource: schema.Resource{Ref: schema.Ref{Kind: "function", Name: "worker"}}}},
	WebSocketApis: map[string]schema.WebSocketApi{"chat": {Resource: schema.Resource{Ref: schema.Ref{Kind: "webSocketApi", Name: "chat"}}, Stage: "live"}},
	Buckets: map[string]schema.Bucket{"up": {}, "old": {Existing: schema.Existing{Arn: schema.V("arn:aws:s3:::old-bucket")}},
		// Under a customer managed key, the AWS managed key, and another
		// account's bucket under that account's key.
		"sealed":  {Encryption: "KMS", Key: &schema.Ref{Kind: "key", Name: "data"}},
		"managed": {Encryption: "KMS"},
		"partner": {Existing: schema.Existing{Arn: schema.V("arn:aws:s3:::partner-drop")}, Encryption: "KMS", Key: &schema.Ref{Kind: "key", Name: "ext"}}},
	Streams: map[string]schema.Stream{"clicks": {}, "ext": {Existing: schema.Existing{Arn: schema.V("arn:aws:kinesis:eu-west-1:123456789012:stream/ext")}},
		"sealed": {Encryption: true, Key: &schema.Ref{Kind: "key", Name: "data"}}},
	Keys: map[string]schema.Key{"data": {}, "ext": {Existing: schema.Existing{Arn: schema.V("arn:aws:kms:eu-west-1:123456789012:key/1234abcd")}}},

	StateMachines: map[string]schema.StateMachine{"flow": {Resource: schema.Resource{Ref: schema.Ref{Kind: "stateMachine", Name: "flow"}}}},
}

// TestAccessVerbs pins the exact policies every access verb grants on
// every kind it applies to, as rendered into a SAM Policies list.
func TestAccessVerbs(t *testing.T) {
	tests := []struct {
		verb, kind, name string
		want             string
	}{
		{"read", "table", "orders", `[{"DynamoDBReadPolicy":{"TableName":{"Ref":"OrdersTable"}}}]`},
		// An existing resource's grant names exactly its declared ARN, never
		// one a SAM template rebuilds from its name in the deploying account.
		{"read", "table", "legacy", `[{"Statement":[{"Action":["dynamodb:GetItem","dynamodb:Scan","dynamodb:Query","dynamodb:BatchGetItem","dynamodb:DescribeTable"],"Effect":"Allow","Resource":["arn:aws:dynamodb:eu-west-1:123456789012:table/legacy","arn:aws:dynamodb:eu-west-1:123456789012:table/legacy/index/*"]}],"Version":"2012-10-17"}]`},
		{"read", "table", "shared", `[{"Statement":[{"Action":["dynamodb:GetItem","dynamodb:Scan","dynamodb:Query","dynamodb:BatchGetItem","dynamodb:DescribeTable"],"Effect":"Allow","Resource":[{"Fn::ImportValue":"data-TableArn"},{"Fn::Join":["",[{"Fn::ImportValue":"data-TableArn"},"/index/*"]]}]}],"Version":"2012-10-17"}]`},
		{"read", "secret", "db", `[{"AWSSecretsManagerGetSecretValuePolicy":{"SecretArn":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}}]`},
		{"read", "param", "key", `[{"Statement":[{"Action":["ssm:GetParameter","ssm:GetParameters"],"Effect":"Allow","Resource":{"Fn::Sub":"arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/shop/key"}}],"Version":"2012-10-17"}]`},
		{"write", "table", "orders", `[{"DynamoDBWritePolicy":{"TableName":{"Ref":"OrdersTable"}}}]`},
		{"crud", "table", "orders", `[{"DynamoDBCrudPolicy":{"TableName":{"Ref":"OrdersTable"}}}]`},
		{"streamRead", "table", "orders", `[{"Statement":[{"Action":["dynamodb:DescribeStream","dynamodb:GetRecords","dynamodb:GetShardIterator"],"Effect":"Allow","Resource":{"Fn::GetAtt":["OrdersTable","StreamArn"]}}],"Version":"2012-10-17"},{"Statement":[{"Action":["dynamodb:ListStreams"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["OrdersTable","Arn"]},"/stream/*"]]}}],"Version":"2012-10-17"}]`},
		{"streamRead", "table", "legacy", `[{"Statement":[{"Action":["dynamodb:DescribeStream","dynamodb:GetRecords","dynamodb:GetShardIterator"],"Effect":"Allow","Resource":"arn:aws:dynamodb:eu-west-1:123456789012:table/legacy/stream/2026-01-01T00:00:00.000"}],"Version":"2012-10-17"},{"Statement":[{"Action":["dynamodb:ListStreams"],"Effect":"Allow","Resource":"arn:aws:dynamodb:eu-west-1:123456789012:table/legacy/stream/*"}],"Version":"2012-10-17"}]`},
		{"send", "queue", "jobs", `[{"Statement":[{"Action":["sqs:SendMessage"],"Effect":"Allow","Resource":{"Fn::GetAtt":["JobsQueue","Arn"]}}],"Version":"2012-10-17"}]`},
		{"send", "queue", "ext", `[{"Statement":[{"Action":["sqs:SendMessage"],"Effect":"Allow","Resource":"arn:aws:sqs:eu-west-1:123456789012:ext"}],"Version":"2012-10-17"}]`},
		{"poll", "queue", "jobs", `[{"SQSPollerPolicy":{"QueueName":{"Fn::GetAtt":["JobsQueue","QueueName"]}}}]`},
		{"poll", "queue", "ext", `[{"Statement":[{"Action":["sqs:ChangeMessageVisibility","sqs:ChangeMessageVisibilityBatch","sqs:DeleteMessage","sqs:DeleteMessageBatch","sqs:GetQueueAttributes","sqs:ReceiveMessage"],"Effect":"Allow","Resource":"arn:aws:sqs:eu-west-1:123456789012:ext"}],"Version":"2012-10-17"}]`},
		{"publish", "topic", "news", `[{"SNSPublishMessagePolicy":{"TopicName":{"Fn::GetAtt":["NewsTopic","TopicName"]}}}]`},
		{"publish", "topic", "audit", `[{"Statement":[{"Action":["sns:Publish"],"Effect":"Allow","Resource":"arn:aws:sns:eu-west-1:111122223333:audit"}],"Version":"2012-10-17"}]`},
		{"publish", "topic", "regional", `[{"Statement":[{"Action":["sns:Publish"],"Effect":"Allow","Resource":{"Fn::Sub":"arn:${AWS::Partition}:sns:${AWS::Region}:111122223333:audit"}}],"Version":"2012-10-17"}]`},
		{"put", "bus", "orders", `[{"EventBridgePutEventsPolicy":{"EventBusName":{"Ref":"OrdersBus"}}}]`},
		{"put", "bus", "default", `[{"EventBridgePutEventsPolicy":{"EventBusName":"default"}}]`},
		{"put", "bus", "platform", `[{"Statement":[{"Action":["events:PutEvents"],"Effect":"Allow","Resource":{"Ref":"PlatformBusArn"}}],"Version":"2012-10-17"}]`},
		{"invoke", "function", "worker", `[{"Statement":[{"Action":["lambda:InvokeFunction"],"Effect":"Allow","Resource":[{"Fn::GetAtt":["WorkerFunction","Arn"]},{"Fn::Join":["",[{"Fn::GetAtt":["WorkerFunction","Arn"]},":*"]]}]}],"Version":"2012-10-17"}]`},
		{"start", "stateMachine", "flow", `[{"StepFunctionsExecutionPolicy":{"StateMachineName":{"Fn::GetAtt":["FlowStateMachine","Name"]}}}]`},
		{"callback", "stateMachine", "flow", `[{"StepFunctionsCallbackPolicy":{"StateMachineName":{"Fn::GetAtt":["FlowStateMachine","Name"]}}}]`},
		{"connect", "proxy", "iam", `[{"Statement":[{"Action":["rds-db:connect"],"Effect":"Allow","Resource":"arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0abc123/app"}],"Version":"2012-10-17"}]`},
		{"connect", "proxy", "pass", `[{"Statement":[{"Action":["rds-db:connect"],"Effect":"Allow","Resource":"arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0abc123/app"}],"Version":"2012-10-17"},{"AWSSecretsManagerGetSecretValuePolicy":{"SecretArn":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}}]`},
		{"connect", "proxy", "shared", `[{"Statement":[{"Action":["rds-db:connect"],"Effect":"Allow","Resource":{"Fn::Sub":["arn:${Partition}:rds-db:${Region}:${Account}:dbuser:${Proxy}/app",{"Account":{"Fn::Select":[4,{"Fn::Split":[":",{"Fn::ImportValue":"db-ProxyArn"}]}]},"Partition":{"Fn::Select":[1,{"Fn::Split":[":",{"Fn::ImportValue":"db-ProxyArn"}]}]},"Proxy":{"Fn::Select":[6,{"Fn::Split":[":",{"Fn::ImportValue":"db-ProxyArn"}]}]},"Region":{"Fn::Select":[3,{"Fn::Split":[":",{"Fn::ImportValue":"db-ProxyArn"}]}]}}]}}],"Version":"2012-10-17"},{"AWSSecretsManagerGetSecretValuePolicy":{"SecretArn":{"Fn::ImportValue":"db-SecretArn"}}}]`},
		{"connect", "proxy", "sub", `[{"Statement":[{"Action":["rds-db:connect"],"Effect":"Allow","Resource":{"Fn::Sub":"arn:${AWS::Partition}:rds-db:${AWS::Region}:${AWS::AccountId}:dbuser:${ProxyId}/app"}}],"Version":"2012-10-17"}]`},
		{"manage", "webSocketApi", "chat", `[{"Statement":[{"Action":["execute-api:ManageConnections"],"Effect":"Allow","Resource":{"Fn::Sub":["arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/live/*/@connections/*",{"Api":{"Ref":"ChatWebSocketApi"}}]}}],"Version":"2012-10-17"}]`},
		{"rotate", "secret", "db", `[{"Statement":[{"Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue","secretsmanager:PutSecretValue","secretsmanager:UpdateSecretVersionStage"],"Effect":"Allow","Resource":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}],"Version":"2012-10-17"},{"Statement":[{"Action":["secretsmanager:GetRandomPassword"],"Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}]`},
		{"read", "bucket", "up", `[{"S3ReadPolicy":{"BucketName":{"Ref":"UpBucket"}}}]`},
		{"read", "bucket", "old", `[{"Statement":[{"Action":["s3:GetObject","s3:ListBucket","s3:GetBucketLocation","s3:GetObjectVersion","s3:GetLifecycleConfiguration"],"Effect":"Allow","Resource":["arn:aws:s3:::old-bucket","arn:aws:s3:::old-bucket/*"]}],"Version":"2012-10-17"}]`},
		{"write", "bucket", "up", `[{"Statement":[{"Action":["s3:PutObject"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["UpBucket","Arn"]},"/*"]]}}],"Version":"2012-10-17"}]`},
		{"crud", "bucket", "up", `[{"S3CrudPolicy":{"BucketName":{"Ref":"UpBucket"}}}]`},
		{"read", "stream", "clicks", `[{"KinesisStreamReadPolicy":{"StreamName":{"Ref":"ClicksStream"}}}]`},
		{"read", "stream", "ext", `[{"Statement":[{"Action":["kinesis:ListStreams","kinesis:DescribeLimits"],"Effect":"Allow","Resource":{"Fn::Sub":"arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/*"}}],"Version":"2012-10-17"},{"Statement":[{"Action":["kinesis:DescribeStream","kinesis:DescribeStreamSummary","kinesis:GetRecords","kinesis:GetShardIterator"],"Effect":"Allow","Resource":"arn:aws:kinesis:eu-west-1:123456789012:stream/ext"}],"Version":"2012-10-17"}]`},
		{"write", "stream", "clicks", `[{"Statement":[{"Action":["kinesis:PutRecord","kinesis:PutRecords"],"Effect":"Allow","Resource":{"Fn::GetAtt":["ClicksStream","Arn"]}}],"Version":"2012-10-17"}]`},
		{"write", "stream", "ext", `[{"Statement":[{"Action":["kinesis:PutRecord","kinesis:PutRecords"],"Effect":"Allow","Resource":"arn:aws:kinesis:eu-west-1:123456789012:stream/ext"}],"Version":"2012-10-17"}]`},
		// Data under a customer managed key needs the key too: decrypting
		// what is read, a data key for what is written (and decrypting the
		// parts of a multipart upload, which s3:PutObject allows).
		{"read", "bucket", "sealed", `[{"S3ReadPolicy":{"BucketName":{"Ref":"SealedBucket"}}},{"Statement":[{"Action":["kms:Decrypt"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"read", "bucket", "managed", `[{"S3ReadPolicy":{"BucketName":{"Ref":"ManagedBucket"}}}]`},
		{"read", "bucket", "partner", `[{"Statement":[{"Action":["s3:GetObject","s3:ListBucket","s3:GetBucketLocation","s3:GetObjectVersion","s3:GetLifecycleConfiguration"],"Effect":"Allow","Resource":["arn:aws:s3:::partner-drop","arn:aws:s3:::partner-drop/*"]}],"Version":"2012-10-17"},{"Statement":[{"Action":["kms:Decrypt"],"Effect":"Allow","Resource":"arn:aws:kms:eu-west-1:123456789012:key/1234abcd"}],"Version":"2012-10-17"}]`},
		{"write", "bucket", "sealed", `[{"Statement":[{"Action":["s3:PutObject"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["SealedBucket","Arn"]},"/*"]]}}],"Version":"2012-10-17"},{"Statement":[{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"crud", "bucket", "sealed", `[{"S3CrudPolicy":{"BucketName":{"Ref":"SealedBucket"}}},{"Statement":[{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"read", "stream", "sealed", `[{"KinesisStreamReadPolicy":{"StreamName":{"Ref":"SealedStream"}}},{"Statement":[{"Action":["kms:Decrypt"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"write", "stream", "sealed", `[{"Statement":[{"Action":["kinesis:PutRecord","kinesis:PutRecords"],"Effect":"Allow","Resource":{"Fn::GetAtt":["SealedStream","Arn"]}}],"Version":"2012-10-17"},{"Statement":[{"Action":["kms:GenerateDataKey"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"send", "queue", "sealed", `[{"Statement":[{"Action":["sqs:SendMessage"],"Effect":"Allow","Resource":{"Fn::GetAtt":["SealedQueue","Arn"]}}],"Version":"2012-10-17"},{"Statement":[{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"poll", "queue", "sealed", `[{"SQSPollerPolicy":{"QueueName":{"Fn::GetAtt":["SealedQueue","QueueName"]}}},{"Statement":[{"Action":["kms:Decrypt"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"publish", "topic", "sealed", `[{"SNSPublishMessagePolicy":{"TopicName":{"Fn::GetAtt":["SealedTopic","TopicName"]}}},{"Statement":[{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		// A table under a customer managed key: DynamoDB decrypts its table
		// key on behalf of whoever reads or writes it or its stream.
		{"read", "table", "sealed", `[{"DynamoDBReadPolicy":{"TableName":{"Ref":"SealedTable"}}},{"Statement":[{"Action":["kms:Decrypt"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"write", "table", "sealed", `[{"DynamoDBWritePolicy":{"TableName":{"Ref":"SealedTable"}}},{"Statement":[{"Action":["kms:Decrypt"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"crud", "table", "sealed", `[{"DynamoDBCrudPolicy":{"TableName":{"Ref":"SealedTable"}}},{"Statement":[{"Action":["kms:Decrypt"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"streamRead", "table", "sealed", `[{"Statement":[{"Action":["dynamodb:DescribeStream","dynamodb:GetRecords","dynamodb:GetShardIterator"],"Effect":"Allow","Resource":{"Fn::GetAtt":["SealedTable","StreamArn"]}}],"Version":"2012-10-17"},{"Statement":[{"Action":["dynamodb:ListStreams"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["SealedTable","Arn"]},"/stream/*"]]}}],"Version":"2012-10-17"},{"Statement":[{"Action":["kms:Decrypt"],"Effect":"Allow","Resource":{"Fn::GetAtt":["DataKey","Arn"]}}],"Version":"2012-10-17"}]`},
		{"crud", "table", "partner", `[{"Statement":[{"Action":["dynamodb:GetItem","dynamodb:DeleteItem","dynamodb:PutItem","dynamodb:Scan","dynamodb:Query","dynamodb:UpdateItem","dynamodb:BatchWriteItem","dynamodb:BatchGetItem","dynamodb:DescribeTable","dynamodb:ConditionCheckItem"],"Effect":"Allow","Resource":["arn:aws:dynamodb:eu-west-1:123456789012:table/partner","arn:aws:dynamodb:eu-west-1:123456789012:table/partner/index/*"]}],"Version":"2012-10-17"},{"Statement":[{"Action":["kms:Decrypt"],"Effect":"Allow","Resource":"arn:aws:kms:eu-west-1:123456789012:key/1234abcd"}],"Version":"2012-10-17"}]`},
		{"encrypt", "key", "data", `[{"KMSEncryptPolicy":{"KeyId":{"Ref":"DataKey"}}}]`},
		{"decrypt", "key", "data", `[{"KMSDecryptPolicy":{"KeyId":{"Ref":"DataKey"}}}]`},
		{"decrypt", "key", "ext", `[{"Statement":[{"Action":["kms:Decrypt"],"Effect":"Allow","Resource":"arn:aws:kms:eu-west-1:123456789012:key/1234abcd"}],"Version":"2012-10-17"}]`},
		{"encrypt", "key", "ext", `[{"Statement":[{"Action":["kms:Encrypt"],"Effect":"Allow","Resource":"arn:aws:kms:eu-west-1:123456789012:key/1234abcd"}],"Version":"2012-10-17"}]`},
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		covered[tc.verb+" "+tc.kind] = true
		t.Run(tc.verb+"/"+tc.kind+"/"+tc.name, func(t *testing.T) {
			pols, err := ForGrant(accessApp, schema.Grant{Verb: tc.verb, Target: &schema.Ref{Kind: tc.kind, Name: tc.name}})
			if err != nil {
				t.Fatal(err)
			}
			var sam []any
			for _, p := range pols {
				sam = append(sam, p.SAM())
			}
			got, err := json.Marshal(sam)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	// Every verb on every kind it applies to has a row above.
	for _, verb := range Verbs() {
		for _, kind := range VerbKinds(verb) {
			if !covered[verb+" "+kind] {
				t.Errorf("access %s on a %s has no row in TestAccessVerbs", verb, kind)
			}
		}
	}
}
