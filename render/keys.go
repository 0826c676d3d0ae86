package render

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

func (b *builder) keys() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Keys)) {
		k := b.app.Keys[name]
		if !b.app.Owned(k.Ref) {
			continue
		}
		path := "keys." + name
		props := map[string]any{
			"EnableKeyRotation": k.Rotation,
			// The services that deliver to what the key encrypts are added
			// once every delivery is known (finishKeyPolicies).
			"KeyPolicy": KeyPolicy(nil),
		}
		setValue(props, "Description", b.optional(path+".description", k.Description, ""))
		b.addDeclared("AWS::KMS::Key", path, k.Resource, &k.Stateful, k.Tags, props)
	}
}

// KeyPolicy is the key policy samgen renders for a key: the account's IAM
// policies decide who may use it, so functions' access verbs take effect,
// and each of services, the AWS services that deliver to the queues and
// topics it encrypts, may use it for the account (see scopedKeyUse).
func KeyPolicy(services []string) map[string]any {
	stmts := []any{map[string]any{
		"Sid":       "AccountIAM",
		"Effect":    "Allow",
		"Principal": map[string]any{"AWS": cfn.Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
		"Action":    "kms:*",
		"Resource":  "*",
	}}
	for _, service := range slices.Sorted(slices.Values(services)) {
		name := strings.TrimSuffix(service, ".amazonaws.com")
		st := map[string]any{
			"Sid":       "Service" + strings.ToUpper(name[:1]) + name[1:],
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": service},
			"Action":    []any{"kms:Decrypt", "kms:GenerateDataKey"},
			"Resource":  "*",
		}
		if scopedKeyUse[service] {
			st["Condition"] = map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": cfn.Ref("AWS::AccountId")}}
		}
		stmts = append(stmts, st)
	}
	return map[string]any{"Version": "2012-10-17", "Statement": stmts}
}

// scopedKeyUse tells, for each service that delivers to a queue or topic,
// whether its KMS requests carry aws:SourceAccount, so that a key policy
// can hold it to the account (the confused-deputy guard). EventBridge's
// deliveries to an encrypted target do not: the condition would drop every
// one, silently (AWS's own MDAA constructs say so, citing AWS:
// https://aws.github.io/modern-data-architecture-accelerator/typedocs/functions/_aws-mdaa_cloudwatch-constructs.grantCloudWatchAlarmsTopicAccess.html);
// its deliveries are still held to the app's rules by the queue or topic
// policy. aws:SourceArn would name the rule, topic or alarm, which depend
// on the key through what they deliver to: a circular dependency.
var scopedKeyUse = map[string]bool{
	"cloudwatch.amazonaws.com": true,
	"events.amazonaws.com":     false,
	"sns.amazonaws.com":        true,
}

// KeyServices are the services whose use of a key samgen's key policy
// can give.
func KeyServices() []string { return slices.Sorted(maps.Keys(scopedKeyUse)) }
