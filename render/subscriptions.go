package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/sns"

	"samgen.dev/samgen/schema"
)

func (b *builder) subscriptions() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Subscriptions)) {
		s := b.app.Subscriptions[name]
		path := "subscriptions." + name
		topic := b.resolve(path+".topic", s.Topic, schema.AttrArn)
		sub := &sns.Subscription{
			Protocol: "sqs",
			TopicArn: str(topic),
			Endpoint: strp(b.resolve(path+".queue", s.Queue, schema.AttrArn)),
		}
		if s.Raw {
			sub.RawMessageDelivery = ptr(true)
		}
		if s.FilterPolicy != nil {
			sub.FilterPolicy = b.document(path+".filterPolicy", s.FilterPolicy, false)
		}
		if s.FilterPolicyScope != "" {
			sub.FilterPolicyScope = ptr(s.FilterPolicyScope)
		}
		b.allowDelivery(path+".queue", s.Queue, "sns.amazonaws.com", topic)
		if s.DeadLetter != nil {
			sub.RedrivePolicy = map[string]any{"deadLetterTargetArn": b.resolve(path+".deadLetter", *s.DeadLetter, schema.AttrArn)}
			b.allowDelivery(path+".deadLetter", *s.DeadLetter, "sns.amazonaws.com", topic)
		}
		res := fromStruct(sub, nil)
		b.attributes(res, path, s.Attributes)
		b.add(b.app.SubscriptionID(name), path, "", res)
	}
}
