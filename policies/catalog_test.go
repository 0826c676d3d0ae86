package policies

import (
	"bytes"
	"errors"
	"io/fs"
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
)

// sourceJSON is SAM's policy_templates.json, relative to this package.
var sourceJSON = filepath.Join("..", "..", "shared", "reference", "sam", "policy_templates.json")

// generated are the files gencatalog writes, relative to this package.
var generated = map[string]string{
	"go":  "catalog_gen.go",
	"cue": filepath.Join("..", "schema", "policy_templates_gen.cue"),
}

// runGenerator runs gencatalog on SAM's JSON into a temporary directory and
// returns what it wrote, by kind ("go", "cue"). Without the JSON it skips
// the test, except in CI, where the JSON must be present.
func runGenerator(t *testing.T) map[string][]byte {
	t.Helper()
	if _, err := os.Stat(sourceJSON); errors.Is(err, fs.ErrNotExist) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing; CI needs it to check the generated catalogue", sourceJSON)
		}
		t.Skipf("%s is missing", sourceJSON)
	}
	dir := t.TempDir()
	out := map[string]string{"go": filepath.Join(dir, "gen.go"), "cue": filepath.Join(dir, "gen.cue")}
	cmd := exec.Command("go", "run", "./internal/gencatalog",
		"-in", sourceJSON, "-go", out["go"], "-cue", out["cue"])
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
	a, b := runGenerator(t), runGenerator(t)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs of gencatalog differ (-first +second):\n%s", diff)
	}
}

func TestCatalogue(t *testing.T) {
	names := Names()
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
		{`DynamoDBReadPolicy: {}`, false},                                   // missing parameter
		{`DynamoDBReadPolicy: {TableName: "t", Table: "t"}`, false},         // unknown parameter
		{`DynamoDBReadPolicy: TableName: 3`, false},                         // not a string
		{`DynamoDBReadPolicy: TableName: {kind: "nope", name: "x"}`, false}, // not a #Ref
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
