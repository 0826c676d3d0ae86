package render_test

import (
	"encoding/json"
	"github.com/google/go-cmp/cmp"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"samgen.dev/samgen/internal/specfixture"
	"samgen.dev/samgen/render"
)

// deliveries declares every delivery for which samgen generates a resource
// policy or a role.
const deliveries = `package app

import "samgen.dev/schema"

app: schema.#App & {
	name: "deliveries"
	defaults: function: {runtime: "python3.13", handler: "app.handler", timeout: 10}
	queues: {audit: {}, dlq: {}, billing: {}, shared: {}}
	queues: external: arn: "arn:aws:sqs:eu-west-1:123456789012:external"
	topics: {orders: {}, alerts: {}}
	functions: worker: {
		source: "src"
		events: {
			notify: sns: {topic: app.topics.orders.ref, deadLetter: app.queues.dlq.ref}
			bridged: eventBridge: {pattern: {source: ["x"]}, deadLetter: app.queues.dlq.ref}
		}
	}
	resources: flow: {
		type: "AWS::Serverless::StateMachine"
		properties: Definition: {StartAt: "A", States: A: {Type: "Pass", End: true}}
	}
	rules: placed: {
		pattern: source: ["shop"]
		targets: {
			audit: {queue: app.queues.audit.ref, deadLetter: app.queues.dlq.ref}
			alert: topic: app.topics.alerts.ref
			work: function: app.functions.worker.ref
			flow: stateMachine: app.resources.flow.ref
			both: queue: app.queues.shared.ref
		}
	}
	rules: other: {
		pattern: source: ["elsewhere"]
		targets: away: queue: app.queues.external.ref
	}
	subscriptions: {
		invoices: {topic: app.topics.orders.ref, queue: app.queues.billing.ref, deadLetter: app.queues.dlq.ref}
		shared: {topic: app.topics.orders.ref, queue: app.queues.shared.ref}
	}
}
`

func TestResourcePolicies(t *testing.T) {
	dir := t.TempDir()
	specfixture.Sources(t, dir, deliveries)
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), []byte(deliveries), 0o644); err != nil {
		t.Fatal(err)
	}
	tpl := checked(t, dir, render.Options{}).Template
	allow := func(service, action string, resource, source any) map[string]any {
		return map[string]any{
			"Effect": "Allow", "Principal": map[string]any{"Service": service}, "Action": action, "Resource": resource,
			"Condition": map[string]any{"ArnEquals": map[string]any{"aws:SourceArn": source}},
		}
	}
	getAtt := func(id, a string) any { return map[string]any{"Fn::GetAtt": []any{id, a}} }
	ref := func(id string) any { return map[string]any{"Ref": id} }
	queuePolicy := func(id string, stmts ...any) map[string]any {
		return map[string]any{
			"Queues":         []any{ref(id)},
			"PolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": stmts},
		}
	}
	sendFromRule := func(q string) any {
		return allow("events.amazonaws.com", "sqs:SendMessage", getAtt(q, "Arn"), getAtt("PlacedRule", "Arn"))
	}
	sendFromTopic := func(q string) any {
		return allow("sns.amazonaws.com", "sqs:SendMessage", getAtt(q, "Arn"), ref("OrdersTopic"))
	}
	tests := []struct {
		name, id, typ string
		want          map[string]any
	}{
		{"rule queue target", "AuditQueuePolicy", "AWS::SQS::QueuePolicy", queuePolicy("AuditQueue", sendFromRule("AuditQueue"))},
		{"rule and subscription share a queue's one policy", "SharedQueuePolicy", "AWS::SQS::QueuePolicy",
			queuePolicy("SharedQueue", sendFromRule("SharedQueue"), sendFromTopic("SharedQueue"))},
		{"subscription queue", "BillingQueuePolicy", "AWS::SQS::QueuePolicy", queuePolicy("BillingQueue", sendFromTopic("BillingQueue"))},
		{"dead-letter queue of a function's SNS and EventBridge events, a rule target and a subscription", "DlqQueuePolicy", "AWS::SQS::QueuePolicy",
			queuePolicy("DlqQueue",
				allow("events.amazonaws.com", "sqs:SendMessage", getAtt("DlqQueue", "Arn"), getAtt("WorkerFunctionBridged", "Arn")),
				sendFromTopic("DlqQueue"), // once for both topic deliveries
				sendFromRule("DlqQueue"))},
		{"rule topic target", "AlertsTopicPolicy", "AWS::SNS::TopicPolicy", map[string]any{
			"Topics": []any{ref("AlertsTopic")},
			"PolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": []any{
				allow("events.amazonaws.com", "sns:Publish", ref("AlertsTopic"), getAtt("PlacedRule", "Arn"))}},
		}},
		// SAM's schema takes no RedrivePolicy on an SNS event: samgen
		// renders the subscription and this permission as SAM would.
		{"SNS event with a dead-letter queue", "WorkerFunctionNotifyPermission", "AWS::Lambda::Permission", map[string]any{
			"Action": "lambda:InvokeFunction", "FunctionName": ref("WorkerFunction"),
			"Principal": "sns.amazonaws.com", "SourceArn": ref("OrdersTopic"),
		}},
		{"rule function target", "PlacedRuleWorkPermission", "AWS::Lambda::Permission", map[string]any{
			"Action": "lambda:InvokeFunction", "FunctionName": getAtt("WorkerFunction", "Arn"),
			"Principal": "events.amazonaws.com", "SourceArn": getAtt("PlacedRule", "Arn"),
		}},
		{"rule state machine target", "PlacedRuleRole", "AWS::IAM::Role", map[string]any{
			"AssumeRolePolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
				"Effect": "Allow", "Principal": map[string]any{"Service": "events.amazonaws.com"}, "Action": "sts:AssumeRole",
				"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": ref("AWS::AccountId")}},
			}}},
			"Policies": []any{map[string]any{"PolicyName": "Targets", "PolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": []any{
				map[string]any{"Effect": "Allow", "Action": "states:StartExecution", "Resource": ref("Flow")}}}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ok := tpl.Resources[tt.id]
			if !ok {
				t.Fatalf("no resource %s", tt.id)
			}
			if res.Type != tt.typ {
				t.Errorf("type = %s, want %s", res.Type, tt.typ)
			}
			if d := cmp.Diff(normalize(t, tt.want), normalize(t, res.Properties)); d != "" {
				t.Errorf("properties (-want +got):\n%s", d)
			}
		})
	}

	// Every generated policy is listed above, and a queue of another stack
	// gets none: its policy belongs to that stack.
	var generated []string
	for id, r := range tpl.Resources {
		switch r.Type {
		case "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::Lambda::Permission", "AWS::IAM::Role":
			generated = append(generated, id)
		}
	}
	var listed []string
	for _, tt := range tests {
		listed = append(listed, tt.id)
	}
	slices.Sort(generated)
	slices.Sort(listed)
	if d := cmp.Diff(listed, generated); d != "" {
		t.Errorf("generated policies (-tested +generated):\n%s", d)
	}
}

// normalize round-trips v through JSON, so ints and typed slices compare
// equal to their decoded forms.
func normalize(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
