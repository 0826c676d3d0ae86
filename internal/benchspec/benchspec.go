// Package benchspec generates large specs for benchmarks. [Spec] is the
// benchmark spec: n functions in the shapes most specs have (defaults,
// references, access, API, queue and schedule events), with the tables,
// queues and topics they use. [Rich] is a spec of everything the examples
// exercise: every kind, event type, Step Functions integration and EventBridge
// rule, repeated to n functions.
package benchspec

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"samgen.dev/samgen/internal/specfixture"
)

// Spec returns a spec (package bench) of n functions, one table, queue and
// topic per ten functions.
func Spec(n int) []byte {
	var b strings.Builder
	b.WriteString(`package bench

import "samgen.dev/schema"

stage: *"dev" | "prod" @tag(stage)

app: schema.#App & {
	name: "bench"

	defaults: function: {
		runtime:      "python3.13"
		architecture: "arm64"
		handler:      "app.handler"
		memory:       512
		timeout:      10
		tracing:      "Active"
		logging: {format: "JSON", retention: 30}
		env: STAGE: stage
	}

`)
	groups := (n + 9) / 10
	for g := range groups {
		fmt.Fprintf(&b, "\ttables: t%d: key: {name: \"id\", type: \"S\"}\n", g)
		fmt.Fprintf(&b, "\tqueues: q%d: {visibilityTimeout: 60, redrive: deadLetter: app.queues.dlq%d.ref}\n", g, g)
		fmt.Fprintf(&b, "\tqueues: dlq%d: {}\n", g)
		fmt.Fprintf(&b, "\ttopics: n%d: {}\n", g)
	}
	b.WriteString("\n")
	for i := range n {
		g := i / 10
		fmt.Fprintf(&b, "\tfunctions: f%d: {\n", i)
		fmt.Fprintf(&b, "\t\tsource: \"src/f%d\"\n", i)
		fmt.Fprintf(&b, "\t\tenv: {TABLE: app.tables.t%d.ref, TOPIC: app.topics.n%d.ref}\n", g, g)
		fmt.Fprintf(&b, "\t\taccess: [{read: app.tables.t%d.ref}, {publish: app.topics.n%d.ref}]\n", g, g)
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "\t\tevents: get: api: {method: \"GET\", path: \"/f%d/{id}\"}\n", i)
		case 1:
			fmt.Fprintf(&b, "\t\tevents: work: sqs: {queue: app.queues.q%d.ref, batchSize: 10, reportBatchItemFailures: true}\n", g)
		default:
			fmt.Fprintf(&b, "\t\tmemory: 1024\n")
			fmt.Fprintf(&b, "\t\tasync: {retries: 1, onFailure: app.queues.dlq%d.ref}\n", g)
			fmt.Fprintf(&b, "\t\tevents: tick: schedule: expression: \"rate(5 minutes)\"\n")
		}
		b.WriteString("\t}\n")
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// richBlock is one block of [Rich]: the examples' apps, renamed with the
// block's suffix.
//
//go:embed rich.cue.tmpl
var richBlock string

var richTemplate = template.Must(template.New("rich").Funcs(template.FuncMap{"lower": strings.ToLower, "param": richShared}).Parse(richBlock))

// richSharedBlocks is how many blocks declare parameters and outputs of
// their own; later blocks share the first ones' (declared again, the same
// value, which CUE unifies), so that 5,000 functions stay within
// CloudFormation's 200 parameters and outputs (SG054) and build renders
// everything at every size.
const richSharedBlocks = 25

// richShared returns the suffix of the block whose parameters and outputs
// the block suffix (B7) uses.
func richShared(suffix string) string {
	var i int
	if _, err := fmt.Sscanf(suffix, "B%d", &i); err != nil {
		panic(err) // Rich names its blocks
	}
	return fmt.Sprintf("B%d", (i-1)%richSharedBlocks+1)
}

// RichFiles are the files beside the spec [Rich] names (a state
// machine's definition file), by path relative to the spec's directory.
var RichFiles = map[string]string{
	"statemachine/ship.asl.json": `{"StartAt": "Enqueue", "States": {"Enqueue": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "${Queue}", "MessageBody.$": "$"}, "End": true}}}
`,
	"api/openapi.json": `{"openapi": "3.0.1", "info": {"title": "shop", "version": "1.0"}, "paths": {
  "/orders": {"post": {"x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST", "payloadFormatVersion": "2.0",
    "uri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Orders}/invocations"}}},
  "/quotes": {"post": {"x-amazon-apigateway-integration": {"type": "aws_proxy", "integrationSubtype": "StepFunctions-StartSyncExecution",
    "credentials": "${IntegrationsRole}", "requestParameters": {"StateMachineArn": "${Quote}", "Input": "$request.body"}, "payloadFormatVersion": "1.0"}}}}}
`,
}

// WriteFiles writes into dir, beside spec (one of [Spec] and [Rich]), the
// files it names: [RichFiles], and an empty directory for every source
// (vet reports a missing one, SG124 and SG411).
func WriteFiles(dir string, spec []byte) error {
	if err := specfixture.MakeSources(dir, string(spec)); err != nil {
		return err
	}
	for name, src := range RichFiles {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// RichBlockFunctions is the number of functions in one block of [Rich].
const RichBlockFunctions = 50

// Rich returns a spec (package rich) of n functions: as many blocks of
// every example's app as fit (each block's names suffixed B1, B2, ...),
// then plain functions up to n. It is the benchmark of what users write:
// every kind, event type, integration and rule the examples use, with the
// checks and renderers each one runs.
func Rich(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`package rich

import "samgen.dev/schema"

stage: *"dev" | "prod" @tag(stage)

perStage: {
	dev: {
		memory:   256
		reserved: 5
		logLevel: "DEBUG"
	}
	prod: {
		memory:      1024
		reserved:    100
		provisioned: 10
		logLevel:    "INFO"
	}
}[stage]

app: schema.#App & {
	name:        "rich"
	description: "Every example's app, repeated"

	defaults: function: {
		runtime:      "python3.13"
		handler:      "app.handler"
		architecture: "arm64"
		memory:       512
		timeout:      10
		tracing:      "Active"
		env: STAGE: stage
		logging: {format: "JSON", applicationLevel: perStage.logLevel, retention: 30}
		layers: [app.layers.powertools.ref]
		rolePath:            "/rich/"
		permissionsBoundary: "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/RichBoundary"
		propagateTags:       true
		tags: team:          "rich"
	}

	layers: powertools: {
		arn: "arn:aws:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-arm64:18"
		runtimes: ["python3.13", "nodejs22.x"]
		architectures: ["arm64"]
	}
`)
	blocks := n / RichBlockFunctions
	for i := 1; i <= blocks; i++ {
		if err := richTemplate.Execute(&b, fmt.Sprintf("B%d", i)); err != nil {
			panic(err) // the template is samgen's own and takes a string
		}
	}
	for i := range n - blocks*RichBlockFunctions {
		fmt.Fprintf(&b, "\n\tfunctions: plain%d: {source: \"src/plain\", events: get: api: {method: \"GET\", path: \"/plain%d\"}}\n", i, i)
	}
	b.WriteString("}\n")
	return b.Bytes()
}
