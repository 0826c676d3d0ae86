package render

import (
	"samgen.dev/samgen/schema"
)

// asyncProps renders a function's asynchronous invocation settings as SAM
// properties: EventInvokeConfig (retries, event age, destinations) and
// DeadLetterQueue. Each destination carries its SAM `Type`, so SAM adds
// exactly the IAM the role needs to deliver to it (sqs:SendMessage,
// sns:Publish, lambda:InvokeFunction, events:PutEvents, or s3:PutObject and
// s3:ListBucket) and sets the Qualifier to the function's alias when it
// publishes one. The values are the effective ones: the function's own or
// else `defaults.function`'s; they are rendered per function rather than in
// Globals, where SAM would merge the two destination maps key by key.
func (b *builder) asyncProps(name string) map[string]any {
	out := map[string]any{}
	if a, path := b.app.AsyncOf(name); a != nil {
		cfg := map[string]any{}
		setValue(cfg, "MaximumRetryAttempts", b.optional(path+".retries", a.Retries, ""))
		setValue(cfg, "MaximumEventAgeInSeconds", b.optional(path+".maxEventAge", a.MaxEventAge, ""))
		dests := map[string]any{}
		for _, d := range []struct {
			key, field string
			ref        *schema.Ref
		}{{"OnSuccess", "onSuccess", a.OnSuccess}, {"OnFailure", "onFailure", a.OnFailure}} {
			if d.ref != nil {
				dests[d.key] = b.destination(path+"."+d.field, *d.ref, "Destination", func(k schema.Kind) *schema.Delivery { return k.Destination })
			}
		}
		if len(dests) > 0 {
			cfg["DestinationConfig"] = dests
		}
		if len(cfg) > 0 {
			out["EventInvokeConfig"] = cfg
		}
	}
	if dl, path := b.app.DeadLetterOf(name); dl != nil {
		out["DeadLetterQueue"] = b.destination(path, *dl, "TargetArn", func(k schema.Kind) *schema.Delivery { return k.DeadLetter })
	}
	return out
}

// destination renders {Type, <arnKey>: ARN} for a destination or
// dead-letter target.
// The kind's delivery of that sort gives the SAM type.
func (b *builder) destination(path string, r schema.Ref, arnKey string, delivery func(schema.Kind) *schema.Delivery) map[string]any {
	k, _ := schema.KindOf(r.Kind)
	d := delivery(k)
	if d == nil {
		b.errf(path, "a %s cannot receive invocation records", r.Kind)
		return nil
	}
	return map[string]any{"Type": d.Type, arnKey: b.resolve(path, r, schema.AttrArn)}
}
