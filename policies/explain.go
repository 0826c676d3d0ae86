package policies

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

// Row is one permission of a function's execution role: an action on a
// resource, and the part of the spec that grants it.
type Row struct {
	// Source is the spec field relative to the function ("access[0].read",
	// "policies[1].SQSPollerPolicy", "events.jobs"), or what SAM adds a
	// managed policy for ("logging", "tracing", "vpc"), with the managed
	// policy's name in parentheses.
	Source string
	Action string
	// Resource is the resource as CloudFormation resolves it, intrinsics
	// written as `${LogicalId}` and `${LogicalId.Attr}`.
	Resource string
}

// samManaged are the AWS managed policies SAM attaches to a function's
// role by itself, with the actions each grants on "*" beyond the
// CloudWatch Logs ones of AWSLambdaBasicExecutionRole.
var samManaged = map[string][]string{
	"AWSLambdaBasicExecutionRole": {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"},
	// SAM attaches it instead of AWSLambdaBasicExecutionRole to a durable
	// function's role.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicDurableExecutionRolePolicy.html
	"AWSLambdaBasicDurableExecutionRolePolicy": {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"},
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaMSKExecutionRole.html
	"AWSLambdaMSKExecutionRole":       {"kafka:DescribeCluster", "kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DeleteNetworkInterface", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"},
	"AWSXrayWriteOnlyAccess":          {"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"},
	"AWSLambdaVPCAccessExecutionRole": {"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"},
	"AWSLambdaSQSQueueExecutionRole":  {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"},
	"AWSLambdaDynamoDBExecutionRole":  {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"},
	"AWSLambdaKinesisExecutionRole":   {"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams", "kinesis:SubscribeToShard"},
}

// ManagedActions returns the actions an AWS managed policy that SAM
// attaches by itself grants on "*", and whether samgen knows it.
func ManagedActions(policy string) ([]string, bool) {
	acts, ok := samManaged[policy]
	return slices.Clone(acts), ok
}

// Explain returns the effective IAM of function name's execution role:
// what its access, policies, managed policies and statements grant, and
// what SAM adds for its logging, tracing, VPC, event sources, stream
// failure destinations, asynchronous destinations and dead-letter target. tracing and vpc are the function's effective
// settings (its own, else the defaults').
func Explain(a *schema.App, name string, tracing string, vpc bool) ([]Row, error) {
	f, ok := a.Functions[name]
	if !ok {
		return nil, fmt.Errorf("no function %q (functions: %s)", name, strings.Join(slices.Sorted(maps.Keys(a.Functions)), ", "))
	}
	if f.Exists() {
		return nil, fmt.Errorf("function %q exists (%s): its role is not samgen's to explain", name, f.Arn.Text())
	}
	var rows []Row
	managed := func(source, policy string) {
		for _, act := range samManaged[policy] {
			rows = append(rows, Row{source + " (" + policy + ")", act, "*"})
		}
	}
	if f.Durable != nil {
		managed("logging", "AWSLambdaBasicDurableExecutionRolePolicy")
	} else {
		managed("logging", "AWSLambdaBasicExecutionRole")
	}
	if tracing != "" {
		managed("tracing", "AWSXrayWriteOnlyAccess")
	}
	if vpc {
		managed("vpc", "AWSLambdaVPCAccessExecutionRole")
	}
	pols, errs := ForFunction(a, f)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	for _, p := range pols {
		if p.Policy.Managed != nil {
			rows = append(rows, Row{p.Path, "(managed policy)", Format(p.Policy.Managed)})
			continue
		}
		ss, err := p.Policy.Statements()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.Path, err)
		}
		for _, s := range ss {
			for _, act := range s.Action {
				for _, r := range s.Resource {
					rows = append(rows, Row{p.Path, act, Format(r)})
				}
			}
		}
	}
	for _, ev := range slices.Sorted(maps.Keys(f.Events)) {
		e := f.Events[ev]
		t, opts, ok := e.Type()
		if !ok {
			continue
		}
		src := "events." + ev
		if t.ManagedPolicy != "" {
			managed(src, t.ManagedPolicy)
		}
		ss, err := samEventStatements(a, opts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src, err)
		}
		for _, s := range ss {
			for _, act := range s.Action {
				rows = append(rows, Row{src, act, Format(s.Resource[0])})
			}
		}
		if r := schema.OnFailureOf(opts); r != nil {
			if k, _ := schema.KindOf(r.Kind); k.StreamFailure != nil && !k.StreamFailure.ByRender {
				if err := deliveryRows(a, &rows, src+"."+t.Name+".onFailure", *r, k.StreamFailure); err != nil {
					return nil, err
				}
			}
		}
	}
	dests, err := destinations(a, name)
	if err != nil {
		return nil, err
	}
	return append(rows, dests...), nil
}

// destinations returns what SAM grants for function name's asynchronous
// destinations and dead-letter target: the grants of each kind's
// [schema.Delivery].
func destinations(a *schema.App, name string) ([]Row, error) {
	var rows []Row
	for _, d := range asyncDeliveries(a, name) {
		if err := deliveryRows(a, &rows, d.path, d.target, d.how); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// delivery is where a function's invocation records go, asynchronous
// destinations and dead letters: its spec path relative to the function,
// its target, and how the target's kind receives them.
type delivery struct {
	path   string
	target schema.Ref
	how    *schema.Delivery
}

// asyncDeliveries are function name's asynchronous destinations and
// dead-letter target, its own or those of defaults.function.
func asyncDeliveries(a *schema.App, name string) []delivery {
	var out []delivery
	add := func(path string, r *schema.Ref, how func(schema.Kind) *schema.Delivery) {
		if r == nil {
			return
		}
		k, _ := schema.KindOf(r.Kind)
		if d := how(k); d != nil {
			out = append(out, delivery{strings.TrimPrefix(path, "functions."+name+"."), *r, d})
		}
	}
	destination := func(k schema.Kind) *schema.Delivery { return k.Destination }
	if as, path := a.AsyncOf(name); as != nil {
		add(path+".onSuccess", as.OnSuccess, destination)
		add(path+".onFailure", as.OnFailure, destination)
	}
	dl, path := a.DeadLetterOf(name)
	add(path, dl, func(k schema.Kind) *schema.Delivery { return k.DeadLetter })
	return out
}

// deliveryRows appends the rows of what delivery d to r grants.
func deliveryRows(a *schema.App, rows *[]Row, source string, r schema.Ref, d *schema.Delivery) error {
	ss, err := Deliver(a, r, d)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	for _, s := range ss {
		*rows = append(*rows, Row{source, s.Action[0], Format(s.Resource[0])})
	}
	return nil
}

// Deliver returns the statements a function's role needs for delivery d
// to r: one per grant, on r's ARN and the grant's suffix.
func Deliver(a *schema.App, r schema.Ref, d *schema.Delivery) ([]*Statement, error) {
	arn, err := a.Resolve(r, schema.AttrArn)
	if err != nil {
		return nil, err
	}
	var out []*Statement
	for _, g := range d.Grants {
		out = append(out, Allow([]string{g.Action}, appendArn(arn, g.Suffix)))
	}
	return out, nil
}

// Format writes a CloudFormation value for a person: intrinsics become
// `${LogicalId}` (a Ref) and `${LogicalId.Attr}` (a GetAtt), a Sub has its
// variables filled in, a Join is joined and another stack's export is
// `!ImportValue NAME`.
func Format(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		if len(x) == 1 {
			for k, arg := range x {
				switch k {
				case "Ref":
					return fmt.Sprintf("${%v}", arg)
				case "Fn::GetAtt":
					if l, ok := arg.([]any); ok && len(l) == 2 {
						return fmt.Sprintf("${%v.%v}", l[0], l[1])
					}
				case "Fn::Sub":
					if str, vars, ok := splitSub(arg); ok {
						for _, name := range slices.Sorted(maps.Keys(vars)) {
							str = strings.ReplaceAll(str, "${"+name+"}", Format(vars[name]))
						}
						return str
					}
				case "Fn::ImportValue":
					if name, ok := arg.(string); ok {
						return "!ImportValue " + name
					}
				case "Fn::Join":
					if l, ok := arg.([]any); ok && len(l) == 2 {
						sep, _ := l[0].(string)
						parts, _ := l[1].([]any)
						strs := make([]string, len(parts))
						for i, p := range parts {
							strs[i] = Format(p)
						}
						return strings.Join(strs, sep)
					}
				}
			}
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}
