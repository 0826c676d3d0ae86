package policies

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"
	"github.com/google/go-cmp/cmp"

	"samgen.dev/samgen/internal/samdata"
)

// generated are the files gencatalog writes, relative to this package.
var generated = map[string]string{
	"go":  "catalog_gen.go",
	"cue": filepath.Join("..", "schema", "policy_templates_gen.cue"),
}

// runGenerator runs gencatalog on SAM's JSON (its default input, the copy
// in internal/samdata) into a temporary directory and returns what it
// wrote, by kind ("go", "cue").
func runGenerator(t *testing.T) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{"go": filepath.Join(dir, "gen.go"), "cue": filepath.Join(dir, "gen.cue")}
	cmd := exec.Command("go", "run", "./internal/gencatalog", "-go", out["go"], "-cue", out["cue"])
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencatalog: %v\n%s", err, msg)
	}
	got := map[string][]byte{}
	for kind, path := range out {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got[kind] = b
	}
	return got
}

func TestGeneratedFilesAreFresh(t *testing.T) {
	t.Parallel()
	fresh := runGenerator(t)
	for _, kind := range slices.Sorted(maps.Keys(generated)) {
		committed, err := os.ReadFile(generated[kind])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(committed, fresh[kind]) {
			t.Errorf("%s is stale; run `go generate ./policies` (-committed +fresh):\n%s",
				generated[kind], cmp.Diff(strings.Split(string(committed), "\n"), strings.Split(string(fresh[kind]), "\n")))
		}
	}
}

func TestGeneratorIsDeterministic(t *testing.T) {
	t.Parallel()
	a, b := runGenerator(t), runGenerator(t)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs of gencatalog differ (-first +second):\n%s", diff)
	}
}

func TestCatalogue(t *testing.T) {
	names := Names()
	var src struct{ Templates map[string]json.RawMessage }
	if err := json.Unmarshal(samdata.PolicyTemplates(), &src); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(slices.Sorted(maps.Keys(src.Templates)), names); diff != "" {
		t.Errorf("Names() differ from SAM's policy_templates.json (-sam +catalogue):\n%s", diff)
	}
	if len(names) != 81 {
		t.Errorf("%d templates, want SAM's 81", len(names))
	}
	if !slices.IsSorted(names) {
		t.Errorf("Names() is not sorted: %v", names)
	}
	for _, n := range names {
		tmpl, ok := Lookup(n)
		if !ok || tmpl.Name != n {
			t.Errorf("Lookup(%q) = %q, %v", n, tmpl.Name, ok)
		}
		// Every parameter is used, and every Ref the statements make is to
		// a parameter, so Expand leaves no hole.
		refs := map[string]bool{}
		collectRefs(tmpl.Statements, refs)
		var params []string
		for _, p := range tmpl.Params {
			params = append(params, p.Name)
			if p.Doc == "" || (p.Form != FormName && p.Form != FormARN && p.Form != FormID) {
				t.Errorf("%s.%s: doc %q, form %q", n, p.Name, p.Doc, p.Form)
			}
		}
		if diff := cmp.Diff(params, slices.Sorted(maps.Keys(refs))); diff != "" {
			t.Errorf("%s: parameters differ from the Refs in its statements (-params +refs):\n%s", n, diff)
		}
	}
	if _, ok := Lookup("Nope"); ok {
		t.Error(`Lookup("Nope") found a template`)
	}
}

// collectRefs adds the names of the Refs in v to refs.
func collectRefs(v any, refs map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		if name, ok := v["Ref"].(string); ok && len(v) == 1 {
			refs[name] = true
		}
		for _, x := range v {
			collectRefs(x, refs)
		}
	case []any:
		for _, x := range v {
			collectRefs(x, refs)
		}
	}
}

func TestLookupReturnsACopy(t *testing.T) {
	a, _ := Lookup("DynamoDBReadPolicy")
	a.Params[0].Name = "Changed"
	a.Statements[0].(map[string]any)["Effect"] = "Deny"
	b, _ := Lookup("DynamoDBReadPolicy")
	if b.Params[0].Name != "TableName" || b.Statements[0].(map[string]any)["Effect"] != "Allow" {
		t.Errorf("changing a looked-up template changed the catalogue: %+v", b)
	}
}

func TestParams(t *testing.T) {
	tests := []struct {
		template string
		want     []Param
	}{
		{"AMIDescribePolicy", nil},
		{"DynamoDBReadPolicy", []Param{{"TableName", "name of the DynamoDB table", FormName}}},
		{"AWSSecretsManagerGetSecretValuePolicy", []Param{{"SecretArn", "ARN of the Secrets Manager secret", FormARN}}},
		{"KMSDecryptPolicy", []Param{{"KeyId", "ID of the KMS key (a key ID, not an alias or an ARN)", FormID}}},
		{"Route53ChangeResourceRecordSetsPolicy", []Param{{"HostedZoneId", "ID of the Route 53 hosted zone", FormID}}},
		{"EFSWriteAccessPolicy", []Param{
			{"AccessPoint", "ID of the EFS access point (fsap-...)", FormID},
			{"FileSystem", "ID of the EFS file system (fs-...)", FormID},
		}},
		{"SSMParameterReadPolicy", []Param{
			{"ParameterName", "name of the SSM parameter without its leading slash (app/key for /app/key)", FormName},
		}},
		{"SSMParameterWithSlashPrefixReadPolicy", []Param{
			{"ParameterName", "name of the SSM parameter with its leading slash (/app/key)", FormName},
		}},
		{"DynamoDBStreamReadPolicy", []Param{
			{"StreamName", "label of the DynamoDB stream of the table (the timestamp that ends the stream ARN)", FormName},
			{"TableName", "name of the DynamoDB table", FormName},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.template, func(t *testing.T) {
			tmpl, ok := Lookup(tc.template)
			if !ok {
				t.Fatal("not found")
			}
			if diff := cmp.Diff(tc.want, tmpl.Params); diff != "" {
				t.Errorf("Params (-want +got):\n%s", diff)
			}
		})
	}
}

// arn is the start of a regional ARN in a SAM Fn::Sub string.
const arn = "arn:${AWS::Partition}:"

// region is the region and account part of a regional ARN.
const region = ":${AWS::Region}:${AWS::AccountId}:"

// sub is `{"Fn::Sub": [s, vars]}`.
func sub(s string, vars map[string]any) map[string]any {
	return map[string]any{"Fn::Sub": []any{s, vars}}
}

// ref is `{"Ref": id}`.
func ref(id string) map[string]any { return map[string]any{"Ref": id} }

func TestExpand(t *testing.T) {
	table := ref("ProductsTable")
	tests := []struct {
		name     string
		template string
		// tmpl is used when template is "".
		tmpl Template
		args map[string]any
		want []*Statement
	}{{
		name:     "no parameters",
		template: "AMIDescribePolicy",
		want:     []*Statement{{Effect: "Allow", Action: []string{"ec2:DescribeImages"}, Resource: []any{"*"}}},
	}, {
		name:     "table and its indexes",
		template: "DynamoDBReadPolicy",
		args:     map[string]any{"TableName": table},
		want: []*Statement{{
			Effect: "Allow",
			Action: []string{"dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"},
			Resource: []any{
				sub(arn+"dynamodb"+region+"table/${tableName}", map[string]any{"tableName": table}),
				sub(arn+"dynamodb"+region+"table/${tableName}/index/*", map[string]any{"tableName": table}),
			},
		}},
	}, {
		name:     "GetAtt value",
		template: "SQSPollerPolicy",
		args:     map[string]any{"QueueName": map[string]any{"Fn::GetAtt": []any{"IncomingQueue", "QueueName"}}},
		want: []*Statement{{
			Effect: "Allow",
			Action: []string{"sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage",
				"sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"},
			Resource: []any{sub(arn+"sqs"+region+"${queueName}",
				map[string]any{"queueName": map[string]any{"Fn::GetAtt": []any{"IncomingQueue", "QueueName"}}})},
		}},
	}, {
		name:     "two parameters in one Sub",
		template: "DynamoDBStreamReadPolicy",
		args:     map[string]any{"TableName": "orders", "StreamName": "2026-01-01T00:00:00.000"},
		want: []*Statement{{
			Effect:   "Allow",
			Action:   []string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"},
			Resource: []any{sub(arn+"dynamodb"+region+"table/${tableName}/stream/${streamName}", map[string]any{"tableName": "orders", "streamName": "2026-01-01T00:00:00.000"})},
		}, {
			Effect:   "Allow",
			Action:   []string{"dynamodb:ListStreams"},
			Resource: []any{sub(arn+"dynamodb"+region+"table/${tableName}/stream/*", map[string]any{"tableName": "orders"})},
		}},
	}, {
		name:     "parameter in a condition",
		template: "EFSWriteAccessPolicy",
		args:     map[string]any{"AccessPoint": "fsap-1", "FileSystem": ref("Files")},
		want: []*Statement{{
			Effect:   "Allow",
			Action:   []string{"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"},
			Resource: []any{sub(arn+"elasticfilesystem"+region+"file-system/${FileSystem}", map[string]any{"FileSystem": ref("Files")})},
			Condition: map[string]any{"StringEquals": map[string]any{
				"elasticfilesystem:AccessPointArn": sub(arn+"elasticfilesystem"+region+"access-point/${AccessPoint}", map[string]any{"AccessPoint": "fsap-1"}),
			}},
		}},
	}, {
		name:     "Resource star beside a scoped statement",
		template: "SSMParameterReadPolicy",
		args:     map[string]any{"ParameterName": "shop/dev/api-key"},
		want: []*Statement{{
			Effect: "Allow", Action: []string{"ssm:DescribeParameters"}, Resource: []any{"*"},
		}, {
			Effect:   "Allow",
			Action:   []string{"ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"},
			Resource: []any{sub(arn+"ssm"+region+"parameter/${parameterName}", map[string]any{"parameterName": "shop/dev/api-key"})},
		}},
	}, {
		name:     "string action",
		template: "KMSDecryptPolicy",
		args:     map[string]any{"KeyId": ref("AppKey")},
		want: []*Statement{{
			Effect:   "Allow",
			Action:   []string{"kms:Decrypt"},
			Resource: []any{sub(arn+"kms"+region+"key/${keyId}", map[string]any{"keyId": ref("AppKey")})},
		}},
	}, {
		name:     "bucket and its objects",
		template: "S3ReadPolicy",
		args:     map[string]any{"BucketName": "assets"},
		want: []*Statement{{
			Effect: "Allow",
			Action: []string{"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion", "s3:GetLifecycleConfiguration"},
			Resource: []any{
				sub(arn+"s3:::${bucketName}", map[string]any{"bucketName": "assets"}),
				sub(arn+"s3:::${bucketName}/*", map[string]any{"bucketName": "assets"}),
			},
		}},
	}, {
		// No SAM template names a parameter directly in a Sub string; this
		// one does, and others keep their variables.
		name: "parameter named in a Sub string",
		tmpl: Template{
			Name:   "Custom",
			Params: []Param{{Name: "Queue"}, {Name: "Topic"}},
			Statements: []any{map[string]any{
				"Effect": "Allow",
				"Action": "sns:Publish",
				"Resource": []any{
					map[string]any{"Fn::Sub": arn + "sns" + region + "${Topic}"},
					map[string]any{"Fn::Sub": []any{arn + "sqs" + region + "${Queue}-${suffix}", map[string]any{"suffix": "dlq"}}},
					map[string]any{"Fn::Sub": arn + "sns" + region + "${!Topic}"},
				},
			}},
		},
		args: map[string]any{"Topic": ref("OrdersTopic"), "Queue": "orders"},
		want: []*Statement{{
			Effect: "Allow",
			Action: []string{"sns:Publish"},
			Resource: []any{
				sub(arn+"sns"+region+"${Topic}", map[string]any{"Topic": ref("OrdersTopic")}),
				sub(arn+"sqs"+region+"${Queue}-${suffix}", map[string]any{"Queue": "orders", "suffix": "dlq"}),
				map[string]any{"Fn::Sub": arn + "sns" + region + "${!Topic}"},
			},
		}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := tc.tmpl
			if tc.template != "" {
				var ok bool
				if tmpl, ok = Lookup(tc.template); !ok {
					t.Fatalf("template %s not found", tc.template)
				}
			}
			got, err := tmpl.Expand(tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Expand (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExpandDoesNotShareValues(t *testing.T) {
	tmpl, _ := Lookup("DynamoDBReadPolicy")
	arg := ref("ProductsTable")
	got, err := tmpl.Expand(map[string]any{"TableName": arg})
	if err != nil {
		t.Fatal(err)
	}
	arg["Ref"] = "Changed"
	vars := got[0].Resource[0].(map[string]any)["Fn::Sub"].([]any)[1].(map[string]any)
	if diff := cmp.Diff(ref("ProductsTable"), vars["tableName"]); diff != "" {
		t.Errorf("the expanded statement shares the argument (-want +got):\n%s", diff)
	}
}

func TestExpandErrors(t *testing.T) {
	tests := []struct {
		template string
		args     map[string]any
		want     string
	}{
		{"DynamoDBReadPolicy", nil, "policy template DynamoDBReadPolicy: missing parameter TableName"},
		{"DynamoDBReadPolicy", map[string]any{"TableName": nil}, "policy template DynamoDBReadPolicy: missing parameter TableName"},
		{"DynamoDBStreamReadPolicy", map[string]any{}, "policy template DynamoDBStreamReadPolicy: missing parameters StreamName, TableName"},
		{"DynamoDBReadPolicy", map[string]any{"TableName": "t", "Table": "t"},
			"policy template DynamoDBReadPolicy: unknown parameter Table (takes TableName)"},
		{"AMIDescribePolicy", map[string]any{"ImageId": "ami-1"},
			"policy template AMIDescribePolicy: unknown parameter ImageId (takes no parameters)"},
		{"SQSPollerPolicy", map[string]any{"Queue": "q", "Name": "n"},
			"policy template SQSPollerPolicy: missing parameter QueueName; unknown parameters Name, Queue (takes QueueName)"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			tmpl, _ := Lookup(tc.template)
			_, err := tmpl.Expand(tc.args)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Expand(%v) error = %v, want %q", tc.args, err, tc.want)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct{ in, want string }{
		{"DynamoDBReadPolicyy", "DynamoDBReadPolicy"},
		{"dynamodbreadpolicy", "DynamoDBReadPolicy"},
		{"DynamoDBReadPolicy", "DynamoDBReadPolicy"},
		{"SQSPolerPolicy", "SQSPollerPolicy"},
		{"S3ReedPolicy", "S3ReadPolicy"},
		{"KMSEncryptPolicy_v3", "KMSEncryptPolicy_v2"},
		{"DynamoDBPolicy", ""},
		{"Nope", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Suggest(tc.in); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestResourceStarTemplates(t *testing.T) {
	var got []string
	for _, n := range Names() {
		tmpl, _ := Lookup(n)
		if slices.Contains(tmpl.Wildcards(), `Resource "*"`) {
			got = append(got, n)
		}
	}
	want := []string{
		"AMIDescribePolicy",
		"AWSSecretsManagerRotationPolicy",
		"AthenaQueryPolicy",
		"CloudWatchDashboardPolicy",
		"CloudWatchDescribeAlarmHistoryPolicy",
		"CloudWatchPutMetricPolicy",
		"CodePipelineLambdaExecutionPolicy",
		"ComprehendBasicAccessPolicy",
		"CostExplorerReadOnlyPolicy",
		"EC2DescribePolicy",
		"EKSDescribePolicy",
		"MobileAnalyticsWriteOnlyAccessPolicy",
		"OrganizationsListAccountsPolicy",
		"RekognitionDetectOnlyPolicy",
		"RekognitionFacesPolicy",
		"RekognitionLabelsPolicy",
		"SESBulkTemplatedCrudPolicy_v2",
		"SESEmailTemplateCrudPolicy",
		"SSMParameterReadPolicy",
		"SSMParameterWithSlashPrefixReadPolicy",
		"TextractDetectAnalyzePolicy",
		"TextractGetResultPolicy",
		"TextractPolicy",
		"VPCAccessPolicy",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("templates with Resource \"*\" (-want +got):\n%s", diff)
	}
	if len(got) != 24 {
		t.Errorf("%d templates with Resource \"*\", aws-facts.md §6 counts 24", len(got))
	}
}

func TestWildcards(t *testing.T) {
	// Every template with a finding other than Resource "*", with all its
	// findings; the rest of the 81 are fully scoped or Resource "*" only.
	want := map[string][]string{
		"AWSSecretsManagerRotationPolicy": {
			"resource " + arn + "secretsmanager" + region + "secret:*",
			`Resource "*"`,
		},
		"CloudFormationDescribeStacksPolicy": {"resource " + arn + "cloudformation" + region + "stack/*"},
		"KinesisStreamReadPolicy":            {"resource " + arn + "kinesis" + region + "stream/*"},
		"LambdaInvokePolicy":                 {"resource " + arn + "lambda" + region + "function:${FunctionName}*"},
		"PollyFullAccessPolicy":              {"resource " + arn + "polly" + region + "lexicon/*"},
		"SNSCrudPolicy":                      {"resource " + arn + "sns" + region + "${TopicName}*"},
		"SQSSendMessagePolicy":               {"action sqs:SendMessage*"},
		"ServerlessRepoReadWriteAccessPolicy": {
			"resource " + arn + "serverlessrepo" + region + "applications/*",
		},
		"TextractPolicy": {"action textract:*", `Resource "*"`},
	}
	got := map[string][]string{}
	scoped := 0
	for _, n := range Names() {
		tmpl, _ := Lookup(n)
		w := tmpl.Wildcards()
		if len(w) == 0 {
			scoped++
		}
		if len(w) > 0 && !slices.Equal(w, []string{`Resource "*"`}) {
			got[n] = w
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Wildcards (-want +got):\n%s", diff)
	}
	if scoped != 50 {
		t.Errorf("%d fully scoped templates, want 50 (aws-facts.md §6's 37 plus 13 whose ARN * selects sub-resources only)", scoped)
	}
}

// TestPolicyTemplateSchema checks the generated #PolicyTemplate against the
// schema it joins: parameters are closed, required, and take a string or
// a #Ref.
func TestPolicyTemplateSchema(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "schema", "*.cue"))
	if err != nil {
		t.Fatal(err)
	}
	insts := load.Instances(files, nil)
	if err := insts[0].Err; err != nil {
		t.Fatal(err)
	}
	v := cuecontext.New().BuildInstance(insts[0])
	if err := v.Err(); err != nil {
		t.Fatal(err)
	}
	def := v.LookupPath(cue.ParsePath("#PolicyTemplate"))
	fields, err := def.Fields(cue.Optional(true))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for fields.Next() {
		names = append(names, fields.Selector().Unquoted())
	}
	if diff := cmp.Diff(Names(), names); diff != "" {
		t.Errorf("#PolicyTemplate fields (-catalogue +schema):\n%s", diff)
	}
	tests := []struct {
		spec string
		ok   bool
	}{
		{`AMIDescribePolicy: {}`, true},
		{`DynamoDBReadPolicy: TableName: "orders"`, true},
		{`DynamoDBReadPolicy: TableName: {kind: "table", name: "orders"}`, true},
		{`DynamoDBStreamReadPolicy: {TableName: "t", StreamName: "s"}`, true},
		{`DynamoDBReadPolicy: {}`, false},                           // missing parameter
		{`DynamoDBReadPolicy: {TableName: "t", Table: "t"}`, false}, // unknown parameter
		{`DynamoDBReadPolicy: TableName: 3`, false},                 // not a string
		{`DynamoDBReadPolicy: TableName: {kind: "table"}`, false},   // not a whole #Ref
		{`AMIDescribePolicy: {ImageId: "ami-1"}`, false},
		{`DynamoDBReadPolicyy: {}`, false},
	}
	ctx := v.Context()
	for _, tc := range tests {
		got := def.Unify(ctx.CompileString(tc.spec)).Validate(cue.Concrete(true))
		if (got == nil) != tc.ok {
			t.Errorf("#PolicyTemplate & {%s}: error %v, want ok=%v", tc.spec, got, tc.ok)
		}
	}
}
