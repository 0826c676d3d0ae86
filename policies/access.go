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

// template grants a SAM policy template whose one parameter takes the
// resource's attribute attr.
func template(name, param, attr string) grant {
	return func(a *schema.App, r schema.Ref) ([]Policy, error) {
		v, err := a.Resolve(r, attr)
		if err != nil {
			return nil, err
		}
		return []Policy{{Template: name, Params: map[string]any{param: v}}}, nil
	}
}

// inline grants actions on the resource's ARN (and on sub-resources given
// as ARN suffixes, such as ":*" for a function's versions and aliases).
// It is used where every SAM template would grant more than was declared.
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

// appendArn appends suffix to an ARN value, literal or intrinsic.
func appendArn(arn any, suffix string) any {
	if s, ok := arn.(string); ok {
		return s + suffix
	}
	return cfn.Join("", arn, suffix)
}

// Verbs maps each access verb to what it grants on each resource kind.
var Verbs = map[string]map[string]grant{
	"read": {
		"table":  template("DynamoDBReadPolicy", "TableName", schema.AttrName),
		"secret": template("AWSSecretsManagerGetSecretValuePolicy", "SecretArn", schema.AttrArn),
		// SSMParameterReadPolicy also grants ssm:DescribeParameters on "*".
		"param": inline([]string{"ssm:GetParameter", "ssm:GetParameters"}),
	},
	"write": {
		"table": template("DynamoDBWritePolicy", "TableName", schema.AttrName),
	},
	"crud": {
		"table": template("DynamoDBCrudPolicy", "TableName", schema.AttrName),
	},
	"send": {
		// SQSSendMessagePolicy grants the wildcard action sqs:SendMessage*.
		"queue": inline([]string{"sqs:SendMessage"}),
	},
	"poll": {
		"queue": template("SQSPollerPolicy", "QueueName", schema.AttrName),
	},
	"publish": {
		"topic": template("SNSPublishMessagePolicy", "TopicName", schema.AttrName),
	},
	"put": {
		"bus": template("EventBridgePutEventsPolicy", "EventBusName", schema.AttrName),
	},
	"invoke": {
		// LambdaInvokePolicy grants function:NAME*, which also matches every
		// function whose name starts with NAME.
		"function": inline([]string{"lambda:InvokeFunction"}, ":*"),
	},
}

// VerbKinds returns the resource kinds verb applies to, sorted.
func VerbKinds(verb string) []string {
	return slices.Sorted(maps.Keys(Verbs[verb]))
}

// ForGrant returns the policies that allow g.
func ForGrant(a *schema.App, g schema.Grant) ([]Policy, error) {
	byKind, ok := Verbs[g.Verb]
	if !ok {
		return nil, fmt.Errorf("unknown access verb %q", g.Verb)
	}
	f, ok := byKind[g.Target.Kind]
	if !ok {
		return nil, fmt.Errorf("access %s does not apply to a %s; it applies to: %s", g.Verb, g.Target.Kind, strings.Join(VerbKinds(g.Verb), ", "))
	}
	return f(a, *g.Target)
}
