package render

import (
	"cmp"
	"maps"
	"reflect"
	"slices"

	"samgen.dev/samgen/schema"
)

// allowDelivery lets service deliver messages to a queue, scoped to the
// sending resource with aws:SourceArn, the confused-deputy guard.
func (b *builder) allowDelivery(path string, queue schema.Ref, service string, source any) {
	if !b.app.Owned(queue) {
		// The queue belongs to another stack, whose policy it is.
		return
	}
	queue.ID = ""
	b.queuePolicies[queue] = appendNew(b.queuePolicies[queue], map[string]any{
		"Effect":    "Allow",
		"Principal": map[string]any{"Service": service},
		"Action":    "sqs:SendMessage",
		"Resource":  b.resolve(path, queue, schema.AttrArn),
		"Condition": map[string]any{"ArnEquals": map[string]any{"aws:SourceArn": source}},
	})
	b.allowKeyUse(path, queue, service)
}

// finishQueuePolicies renders one policy per queue that AWS services
// deliver to, with every statement its deliveries need.
func (b *builder) finishQueuePolicies() {
	for _, q := range sortedRefs(b.queuePolicies) {
		path := "queues." + q.Name
		res := &Resource{
			Type: "AWS::SQS::QueuePolicy",
			Properties: map[string]any{
				"Queues":         []any{b.resolve(path, q, schema.AttrURL)},
				"PolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": b.queuePolicies[q]},
			},
		}
		policy := b.app.Queues[q.Name].Policy
		if policy != nil {
			b.attributes(res, path+".policy", *policy)
		}
		b.add(schema.QueuePolicyID(b.declared(q), policy), path, "the queue policy", res)
	}
}

// allowPublish lets service publish to a topic, scoped to the sending
// resource with aws:SourceArn; the statements of a topic are merged into
// one policy, as a topic has one.
func (b *builder) allowPublish(path string, topic schema.Ref, service string, source any) {
	if !b.app.Owned(topic) {
		// The topic belongs to another stack, whose policy it is.
		return
	}
	topic.ID = ""
	b.topicPolicies[topic] = appendNew(b.topicPolicies[topic], map[string]any{
		"Effect":    "Allow",
		"Principal": map[string]any{"Service": service},
		"Action":    "sns:Publish",
		"Resource":  b.resolve(path, topic, schema.AttrArn),
		"Condition": map[string]any{"ArnEquals": map[string]any{"aws:SourceArn": source}},
	})
	b.allowKeyUse(path, topic, service)
}

// finishTopicPolicies renders one policy per topic that AWS services
// publish to.
func (b *builder) finishTopicPolicies() {
	for _, t := range sortedRefs(b.topicPolicies) {
		path := "topics." + t.Name
		res := &Resource{
			Type: "AWS::SNS::TopicPolicy",
			Properties: map[string]any{
				"Topics":         []any{b.resolve(path, t, schema.AttrArn)},
				"PolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": b.topicPolicies[t]},
			},
		}
		policy := b.app.Topics[t.Name].Policy
		if policy != nil {
			b.attributes(res, path+".policy", *policy)
		}
		b.add(schema.TopicPolicyID(b.declared(t), policy), path, "the topic policy", res)
	}
}

// allowKeyUse lets service use the customer managed key target (a queue
// or topic) is encrypted with, for the delivery at path: the service
// encrypts what it delivers under the key's policy, not its own IAM. An
// existing key's policy is its owner's to change: SG745 says what it needs.
func (b *builder) allowKeyUse(path string, target schema.Ref, service string) {
	d, _ := b.app.Decl(target)
	if d.Key == nil {
		return
	}
	k := *d.Key
	k.ID = ""
	if !b.app.Owned(k) {
		b.report("SG745", path, "%s %s is encrypted with key %s, which samgen does not own: its key policy must let %s use it (kms:Decrypt, kms:GenerateDataKey), or every delivery fails", target.Kind, target.Name, k.Name, service)
		return
	}
	if !slices.Contains(b.keyServices[k], service) {
		b.keyServices[k] = append(b.keyServices[k], service)
	}
}

// finishKeyPolicies gives each owned key the policy that lets the
// services delivering to what it encrypts use it (KeyPolicy).
func (b *builder) finishKeyPolicies() {
	for _, k := range sortedRefs(b.keyServices) {
		if res := b.t.Resources[schema.LogicalID(b.declared(k))]; res != nil {
			res.Properties["KeyPolicy"] = KeyPolicy(b.keyServices[k])
		}
	}
}

// declared returns r with the logical ID its declaration keeps.
func (b *builder) declared(r schema.Ref) schema.Ref {
	d, _ := b.app.Decl(r)
	return d.Ref
}

// sortedRefs returns the keys of m sorted by kind and name.
func sortedRefs[V any](m map[schema.Ref]V) []schema.Ref {
	return slices.SortedFunc(maps.Keys(m), func(x, y schema.Ref) int {
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Name, y.Name))
	})
}

// appendNew appends a policy statement unless an equal one is there: two
// deliveries from the same source need one statement.
func appendNew(stmts []any, stmt any) []any {
	for _, s := range stmts {
		if reflect.DeepEqual(s, stmt) {
			return stmts
		}
	}
	return append(stmts, stmt)
}
