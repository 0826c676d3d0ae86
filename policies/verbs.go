package policies

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// grant maps a verb on a resource kind to the narrowest IAM that allows it.
type grant func(a *schema.App, r schema.Ref) ([]Policy, error)

// verbs is the access verb table: for each verb of #Access, what it grants
// on each kind it applies to. A SAM policy template is used where one
// grants exactly what was declared; an inline statement where every
// template would grant more (the comment says why).
var verbs = map[string]map[string]grant{
	"read": {
		"table":  sealed(template("DynamoDBReadPolicy", "TableName", schema.AttrName), tableKey),
		"secret": readSecret,
		// SSMParameterReadPolicy also grants ssm:DescribeParameters on "*".
		"param":  inline([]string{"ssm:GetParameter", "ssm:GetParameters"}),
		"bucket": sealed(template("S3ReadPolicy", "BucketName", schema.AttrName), keyRead),
		"stream": sealed(template("KinesisStreamReadPolicy", "StreamName", schema.AttrName), keyRead),
	},
	"write": {
		"table": sealed(template("DynamoDBWritePolicy", "TableName", schema.AttrName), tableKey),
		// S3WritePolicy also grants s3:PutObjectAcl and
		// s3:PutLifecycleConfiguration: a function that writes objects could
		// then make them public or set an expiry that deletes them all.
		// Writing objects is s3:PutObject on the bucket's objects; a spec
		// that needs more names it (a statement, or the template).
		"bucket": sealed(objects([]string{"s3:PutObject"}), keyReadWrite),
		// KinesisCrudPolicy would also grant creating, resharding and
		// deleting the stream: writing records is these two actions.
		"stream": sealed(inline([]string{"kinesis:PutRecord", "kinesis:PutRecords"}), keyWrite),
	},
	"crud": {
		"table":  sealed(template("DynamoDBCrudPolicy", "TableName", schema.AttrName), tableKey),
		"bucket": sealed(template("S3CrudPolicy", "BucketName", schema.AttrName), keyReadWrite),
	},
	"send": {
		// SQSSendMessagePolicy grants the wildcard action sqs:SendMessage*.
		"queue": sealed(inline([]string{"sqs:SendMessage"}), keyReadWrite),
	},
	"poll": {
		"queue": sealed(template("SQSPollerPolicy", "QueueName", schema.AttrName), keyRead),
	},
	"publish": {
		"topic": sealed(template("SNSPublishMessagePolicy", "TopicName", schema.AttrName), keyReadWrite),
	},
	"put": {
		"bus": template("EventBridgePutEventsPolicy", "EventBusName", schema.AttrName),
	},
	"invoke": {
		// LambdaInvokePolicy grants function:NAME*, which also matches every
		// function whose name starts with NAME.
		"function": inline([]string{"lambda:InvokeFunction"}, ":*"),
	},
	"streamRead": {
		// DynamoDBStreamReadPolicy needs the stream's label (the timestamp
		// ending its ARN), which is only known after deploy; the same
		// actions on the table's StreamArn need nothing more.
		"table": sealed(streamRead, tableKey),
	},
	"start": {
		"stateMachine": template("StepFunctionsExecutionPolicy", "StateMachineName", schema.AttrName),
	},
	"callback": {
		"stateMachine": template("StepFunctionsCallbackPolicy", "StateMachineName", schema.AttrName),
	},
	"rotate": {
		// AWSSecretsManagerRotationPolicy grants on every secret of the
		// account (secret:*, conditioned on the rotation function); the
		// same actions on the one secret are narrower.
		"secret": rotate,
	},
	"encrypt": {
		"key": template("KMSEncryptPolicy", "KeyId", schema.AttrName),
	},
	"decrypt": {
		"key": template("KMSDecryptPolicy", "KeyId", schema.AttrName),
	},
	"connect": {
		"proxy": connectProxy,
	},
	"manage": {
		"webSocketApi": manageConnections,
	},
}

// What reading and writing data encrypted under a customer managed key
// needs of the key (schema.Decl.Key): decrypting what is read, a data key
// for what is written. s3:PutObject also allows multipart uploads, whose
// parts S3 decrypts to complete the object with the caller's kms:Decrypt;
// SQS and SNS producers need both too.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
// https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html
//
// DynamoDB is different: it calls KMS itself, with GenerateDataKey once
// as its own service account when it creates the table's table key, and
// with Decrypt on behalf of the principal that reads or writes the table
// or its stream (the Decrypt event's user is that principal, invoked by
// dynamodb.amazonaws.com), to decrypt the table key it then caches. Items
// are encrypted with data keys DynamoDB makes outside KMS, so a writer
// needs kms:Decrypt too, and nothing more. CreateGrant and DescribeKey
// are the table creator's (CloudFormation's, with the deployer's
// credentials), not a function's.
// https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html
var (
	keyRead      = []string{"kms:Decrypt"}
	keyWrite     = []string{"kms:GenerateDataKey"}
	keyReadWrite = []string{"kms:Decrypt", "kms:GenerateDataKey"}
	tableKey     = []string{"kms:Decrypt"}
)

// templateKeyUse is what each SAM policy template that reads or writes a
// bucket's objects, a stream's records or a table's items leaves out: the use of the key
// the data is under (Actions), for the resource its parameter Param names.
// Verb is the access that grants both.
var templateKeyUse = map[string]KeyUse{
	"S3ReadPolicy":             {"BucketName", keyRead, "read"},
	"S3WritePolicy":            {"BucketName", keyReadWrite, "write"},
	"S3CrudPolicy":             {"BucketName", keyReadWrite, "crud"},
	"S3FullAccessPolicy":       {"BucketName", keyReadWrite, "crud"},
	"KinesisStreamReadPolicy":  {"StreamName", keyRead, "read"},
	"KinesisCrudPolicy":        {"StreamName", keyReadWrite, "read and write"},
	"SQSPollerPolicy":          {"QueueName", keyRead, "poll"},
	"SQSSendMessagePolicy":     {"QueueName", keyReadWrite, "send"},
	"SNSPublishMessagePolicy":  {"TopicName", keyReadWrite, "publish"},
	"SNSCrudPolicy":            {"TopicName", keyReadWrite, "publish"},
	"DynamoDBReadPolicy":       {"TableName", tableKey, "read"},
	"DynamoDBWritePolicy":      {"TableName", tableKey, "write"},
	"DynamoDBCrudPolicy":       {"TableName", tableKey, "crud"},
	"DynamoDBStreamReadPolicy": {"TableName", tableKey, "streamRead"},
}

// KeyUse is what a policy template needs of the key its data is under.
type KeyUse struct {
	Param   string
	Actions []string
	Verb    string
}

// TemplateKeyUse returns what template name needs of the key its data is
// under; ok is false for a template that names no such data.
func TemplateKeyUse(name string) (u KeyUse, ok bool) {
	u, ok = templateKeyUse[name]
	u.Actions = slices.Clone(u.Actions)
	return u, ok
}

// sealed adds to g the use of the customer managed key the resource's
// data is encrypted with, if it has one: without it S3 and Kinesis refuse
// the calls g allows.
func sealed(g grant, actions []string) grant {
	return func(a *schema.App, r schema.Ref) ([]Policy, error) {
		pols, err := g(a, r)
		if err != nil {
			return nil, err
		}
		st, err := DataKey(a, r, actions)
		if err != nil || st == nil {
			return pols, err
		}
		return append(pols, Policy{Statement: st}), nil
	}
}

// DataKey grants actions on the customer managed key r's data is
// encrypted with (schema.Decl.Key); nil when it has none.
func DataKey(a *schema.App, r schema.Ref, actions []string) (*Statement, error) {
	d, _ := a.Decl(r)
	if d.Key == nil || len(actions) == 0 {
		return nil, nil
	}
	arn, err := a.Resolve(*d.Key, schema.AttrArn)
	if err != nil {
		return nil, fmt.Errorf("%s %s's key: %w", r.Kind, r.Name, err)
	}
	return Allow(slices.Clone(actions), arn), nil
}

// manageConnections lets a function post to, read and close the
// connections of a WebSocket API's stage: execute-api:ManageConnections on
// API/STAGE/METHOD/@connections/ID, every method and connection.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html
func manageConnections(a *schema.App, r schema.Ref) ([]Policy, error) {
	id, err := a.Resolve(r, schema.AttrName)
	if err != nil {
		return nil, err
	}
	res := cfn.SubVars("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/"+a.Stage(r.Kind, &r)+"/*/@connections/*", map[string]any{"Api": id})
	return []Policy{{Statement: Allow([]string{"execute-api:ManageConnections"}, res)}}, nil
}

// Verbs returns the access verbs, sorted.
func Verbs() []string { return slices.Sorted(maps.Keys(verbs)) }

// VerbKinds returns the resource kinds verb applies to, sorted.
func VerbKinds(verb string) []string {
	return slices.Sorted(maps.Keys(verbs[verb]))
}

// Applies reports whether verb applies to a resource of kind.
func Applies(verb, kind string) bool {
	_, ok := verbs[verb][kind]
	return ok
}

// ForGrant returns the policies that allow g.
func ForGrant(a *schema.App, g schema.Grant) ([]Policy, error) {
	byKind, ok := verbs[g.Verb]
	if !ok {
		return nil, fmt.Errorf("unknown access verb %q", g.Verb)
	}
	f, ok := byKind[g.Target.Kind]
	if !ok {
		return nil, fmt.Errorf("access %s does not apply to a %s; %s applies to: %s", g.Verb, g.Target.Kind, g.Verb, strings.Join(VerbKinds(g.Verb), ", "))
	}
	return f(a, *g.Target)
}

// readSecret is `read` on a secret; connecting to a proxy with its
// user's password needs it too.
var readSecret = template("AWSSecretsManagerGetSecretValuePolicy", "SecretArn", schema.AttrArn)

// template grants a SAM policy template whose one parameter takes the
// resource's attribute attr. For a resource declared by ARN and a
// template that builds the ARN from a name, the template's statements are
// granted inline on that ARN instead (see [onDeclaredArn]).
func template(name, param, attr string) grant {
	return func(a *schema.App, r schema.Ref) ([]Policy, error) {
		if d, _ := a.Decl(r); !d.Arn.IsZero() && attr != schema.AttrArn {
			return onDeclaredArn(a, r, name, param)
		}
		v, err := a.Resolve(r, attr)
		if err != nil {
			return nil, err
		}
		return []Policy{{Template: name, Params: map[string]any{param: v}}}, nil
	}
}

// onDeclaredArn grants what template name grants on a resource declared
// by ARN, on exactly that ARN. SAM's templates build an ARN from a name
// with ${AWS::Region} and ${AWS::AccountId}: given the name of a topic of
// another account, they would grant on a topic of that name in the
// deploying account. So the template's statements are expanded, and each
// resource built from the name ("arn:...:table/${tableName}/index/*")
// becomes the declared ARN with the same suffix; the template's other
// resources (KinesisStreamReadPolicy's stream/*) stay as SAM writes them.
func onDeclaredArn(a *schema.App, r schema.Ref, name, param string) ([]Policy, error) {
	t, ok := Lookup(name)
	if !ok {
		return nil, fmt.Errorf("unknown policy template %s", name)
	}
	arn, err := a.Resolve(r, schema.AttrArn)
	if err != nil {
		return nil, err
	}
	stmts, err := t.Expand(map[string]any{param: nameHole})
	if err != nil {
		return nil, err
	}
	var out []Policy
	for _, s := range stmts {
		for i, res := range s.Resource {
			s.Resource[i] = onArn(res, arn)
		}
		out = append(out, Policy{Statement: s})
	}
	return out, nil
}

// nameHole stands for the name a template builds an ARN from, so
// [onArn] finds where it went.
const nameHole = "\x00name\x00"

// onArn returns a template's resource with the ARN built around nameHole
// replaced by arn, keeping what follows the name ("/index/*").
func onArn(res, arn any) any {
	sub, ok := res.(map[string]any)
	if !ok {
		return res
	}
	str, vars, ok := splitSub(sub["Fn::Sub"])
	if !ok {
		return res
	}
	for k, v := range vars {
		if v != nameHole {
			continue
		}
		_, suffix, found := strings.Cut(str, "${"+k+"}")
		if !found || strings.Contains(suffix, "${") || len(vars) != 1 {
			return res
		}
		return appendArn(arn, suffix)
	}
	return res
}

// inline grants actions on the resource's ARN (and on sub-resources given
// as ARN suffixes, such as ":*" for a function's versions and aliases).
func inline(actions []string, suffixes ...string) grant {
	return func(a *schema.App, r schema.Ref) ([]Policy, error) {
		arn, err := a.Resolve(r, schema.AttrArn)
		if err != nil {
			return nil, err
		}
		res := []any{arn}
		for _, s := range suffixes {
			res = append(res, appendArn(arn, s))
		}
		return []Policy{{Statement: Allow(actions, res...)}}, nil
	}
}

// objects grants actions on the objects of a bucket (its ARN and "/*"),
// not on the bucket itself.
func objects(actions []string) grant {
	return func(a *schema.App, r schema.Ref) ([]Policy, error) {
		arn, err := a.Resolve(r, schema.AttrArn)
		if err != nil {
			return nil, err
		}
		return []Policy{{Statement: Allow(actions, appendArn(arn, "/*"))}}, nil
	}
}

// appendArn appends suffix to an ARN value: a literal, a !Sub of a
// template (whose template is extended) or any other intrinsic (joined).
func appendArn(arn any, suffix string) any {
	if suffix == "" {
		return arn
	}
	if s, ok := arn.(string); ok {
		return s + suffix
	}
	if m, ok := arn.(map[string]any); ok && len(m) == 1 {
		if s, ok := m["Fn::Sub"].(string); ok {
			return cfn.Sub(s + suffix)
		}
	}
	return cfn.Join("", arn, suffix)
}

// streamRead grants reading a table's stream. ListStreams takes the
// table's streams (table/NAME/stream/*), as in SAM's template.
func streamRead(a *schema.App, r schema.Ref) ([]Policy, error) {
	stream, err := a.Resolve(r, schema.AttrStreamArn)
	if err != nil {
		return nil, err
	}
	table, err := a.Resolve(r, schema.AttrArn)
	if err != nil {
		return nil, err
	}
	return []Policy{
		{Statement: Allow([]string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"}, stream)},
		{Statement: Allow([]string{"dynamodb:ListStreams"}, appendArn(table, "/stream/*"))},
	}, nil
}

// rotate grants what a rotation function does to its one secret.
// GetRandomPassword has no resource-level permissions, so it is granted
// on "*".
func rotate(a *schema.App, r schema.Ref) ([]Policy, error) {
	arn, err := a.Resolve(r, schema.AttrArn)
	if err != nil {
		return nil, err
	}
	return []Policy{
		{Statement: Allow([]string{"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"}, arn)},
		{Statement: Allow([]string{"secretsmanager:GetRandomPassword"}, "*")},
	}, nil
}

// connectProxy grants rds-db:connect as the proxy's one database user (no
// SAM template covers it), and reading the user's secret when the function
// authenticates with the password.
func connectProxy(a *schema.App, r schema.Ref) ([]Policy, error) {
	p := a.Proxies[r.Name]
	arn, err := a.ConnectArn(p)
	if err != nil {
		return nil, err
	}
	out := []Policy{{Statement: Allow([]string{"rds-db:connect"}, arn)}}
	if p.Secret != nil {
		read, err := readSecret(a, *p.Secret)
		if err != nil {
			return nil, err
		}
		out = append(out, read...)
	}
	return out, nil
}
