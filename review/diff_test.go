package review_test

import (
	"testing"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/review"
)

func parse(t *testing.T, text string) *cfn.Template {
	t.Helper()
	tpl, err := cfn.Parse([]byte("Transform: AWS::Serverless-2016-10-31\n" + text))
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// TestCompare pins the judgements of a diff that the testscripts do not:
// Globals applied before comparing, retain policies, layers, create-only
// properties of SAM types, and widening.
func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		name, base, head   string
		change, dataLoss   bool
		replaced, widening bool
		changes, generated int
	}{
		{name: "globals apply to each function",
			base:   "Globals: {Function: {MemorySize: 512}}\nResources: {Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: src}}}",
			head:   "Globals: {Function: {MemorySize: 1024}}\nResources: {Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: src}}}",
			change: true, changes: 1},
		{name: "the same function, written with and without globals",
			base: "Globals: {Function: {MemorySize: 512}}\nResources: {Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: src}}}",
			head: "Resources: {Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: src, MemorySize: 512}}}"},
		{name: "a retained table is removed without loss",
			base:   "Resources: {T: {Type: AWS::DynamoDB::Table, DeletionPolicy: Retain, Properties: {}}}",
			head:   "Resources: {}",
			change: true, changes: 1},
		{name: "a table is removed with its items",
			base:   "Resources: {T: {Type: AWS::DynamoDB::Table, Properties: {}}}",
			head:   "Resources: {}",
			change: true, dataLoss: true, changes: 1},
		{name: "a queue renamed with FIFO on is replaced, its messages lost",
			base:   "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {VisibilityTimeout: 30}}}",
			head:   "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {VisibilityTimeout: 30, FifoQueue: true}}}",
			change: true, replaced: true, dataLoss: true, changes: 1},
		{name: "UpdateReplacePolicy keeps a replaced queue's messages",
			base:   "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {QueueName: a}}}",
			head:   "Resources: {Q: {Type: AWS::SQS::Queue, UpdateReplacePolicy: Retain, Properties: {QueueName: b}}}",
			change: true, replaced: true, changes: 1},
		{name: "a state machine's new Name replaces it (SAM's name for StateMachineName)",
			base:   "Resources: {M: {Type: AWS::Serverless::StateMachine, Properties: {Name: a, Definition: {}}}}",
			head:   "Resources: {M: {Type: AWS::Serverless::StateMachine, Properties: {Name: b, Definition: {}}}}",
			change: true, replaced: true, changes: 1},
		{name: "SAM retains a changed layer's old version",
			base:   "Resources: {L: {Type: AWS::Serverless::LayerVersion, Properties: {ContentUri: a}}}",
			head:   "Resources: {L: {Type: AWS::Serverless::LayerVersion, Properties: {ContentUri: b}}}",
			change: true, replaced: true, changes: 1},
		{name: "a layer with RetentionPolicy Delete loses its old version",
			base:   "Resources: {L: {Type: AWS::Serverless::LayerVersion, Properties: {ContentUri: a, RetentionPolicy: delete}}}",
			head:   "Resources: {L: {Type: AWS::Serverless::LayerVersion, Properties: {ContentUri: b, RetentionPolicy: delete}}}",
			change: true, replaced: true, dataLoss: true, changes: 1},
		{name: "a new SQS queue for an existing event replaces the mapping",
			base:   "Resources: {Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: src, Events: {Jobs: {Type: SQS, Properties: {Queue: arn:aws:sqs:eu-west-1:123456789012:a}}}}}}",
			head:   "Resources: {Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: src, Events: {Jobs: {Type: SQS, Properties: {Queue: arn:aws:sqs:eu-west-1:123456789012:b}}}}}}",
			change: true, replaced: true, changes: 1, generated: 1},
		{name: "a wildcard statement widens the role",
			base:   "Resources: {Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: src, Policies: [{Statement: [{Effect: Allow, Action: [s3:GetObject], Resource: arn:aws:s3:::b/*}]}]}}}",
			head:   "Resources: {Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: src, Policies: [{Statement: [{Effect: Allow, Action: [s3:GetObject, s3:Get*], Resource: arn:aws:s3:::b/*}]}]}}}",
			change: true, widening: true, changes: 1},
		{name: "an object ARN of a named bucket does not widen",
			base:   "Resources: {Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: src, Policies: [{Statement: [{Effect: Allow, Action: [s3:GetObject], Resource: arn:aws:s3:::b/*}]}]}}}",
			head:   "Resources: {Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: src, Policies: [{Statement: [{Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: arn:aws:s3:::b/*}]}]}}}",
			change: true, changes: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := review.Compare(parse(t, tc.base), parse(t, tc.head), review.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				what      string
				got, want bool
			}{
				{"a change", !r.Empty(), tc.change},
				{"data loss", r.Has(review.FailDataLoss), tc.dataLoss},
				{"a replacement", r.Has(review.FailReplace), tc.replaced},
				{"widening", r.Has(review.FailIAMWiden), tc.widening},
			} {
				if c.got != c.want {
					t.Errorf("%s: %v, want %v: %+v", c.what, c.got, c.want, r)
				}
			}
			if len(r.Changes) != tc.changes || len(r.Generated) != tc.generated {
				t.Errorf("%d changes and %d generated, want %d and %d: %+v", len(r.Changes), len(r.Generated), tc.changes, tc.generated, r)
			}
		})
	}
}
