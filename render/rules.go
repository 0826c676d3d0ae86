package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/events"
	"github.com/awslabs/goformation/v7/cloudformation/iam"
	"github.com/awslabs/goformation/v7/cloudformation/lambda"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func (b *builder) rules() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Rules)) {
		r := b.app.Rules[name]
		path := "rules." + name
		id := schema.RuleID(name)
		ruleArn := cfn.GetAtt(id, "Arn")
		state := "ENABLED"
		if !r.Enabled {
			state = "DISABLED"
		}
		rule := &events.Rule{State: ptr(state)}
		if r.Description != "" {
			rule.Description = ptr(r.Description)
		}
		if r.Pattern != nil {
			rule.EventPattern = r.Pattern
		}
		if r.Schedule != "" {
			rule.ScheduleExpression = ptr(r.Schedule)
		}
		if r.Bus != nil {
			rule.EventBusName = strp(b.resolve(path+".bus", *r.Bus, schema.AttrName))
		}
		var roleStmts []any
		var targets []any
		for _, tn := range slices.Sorted(maps.Keys(r.Targets)) {
			t := r.Targets[tn]
			tp := path + ".targets." + tn
			tgt := map[string]any{"Id": cfn.LogicalID(tn, "")}
			switch {
			case t.Queue != nil:
				tgt["Arn"] = b.resolve(tp+".queue", *t.Queue, schema.AttrArn)
				b.allowDelivery(tp+".queue", *t.Queue, "events.amazonaws.com", ruleArn)
				if t.MessageGroupID != "" {
					tgt["SqsParameters"] = map[string]any{"MessageGroupId": t.MessageGroupID}
				}
			case t.Topic != nil:
				tgt["Arn"] = b.resolve(tp+".topic", *t.Topic, schema.AttrArn)
				b.allowPublish(tp+".topic", *t.Topic, "events.amazonaws.com", ruleArn)
			case t.StateMachine != nil:
				arn := b.resolve(tp+".stateMachine", *t.StateMachine, schema.AttrArn)
				if t.StateMachine.Kind == "resource" {
					// !Ref of an AWS::StepFunctions::StateMachine (and of
					// AWS::Serverless::StateMachine) is its ARN.
					arn = cfn.Ref(schema.LogicalID(*t.StateMachine))
				}
				tgt["Arn"] = arn
				tgt["RoleArn"] = cfn.GetAtt(schema.RuleRoleID(name), "Arn")
				roleStmts = append(roleStmts, map[string]any{"Effect": "Allow", "Action": "states:StartExecution", "Resource": arn})
			case t.Function != nil:
				arn := b.resolve(tp+".function", *t.Function, schema.AttrArn)
				tgt["Arn"] = arn
				b.add(schema.RuleTargetPermissionID(name, tn), tp, "the invoke permission", fromStruct(&lambda.Permission{
					Action:       "lambda:InvokeFunction",
					FunctionName: str(arn),
					Principal:    "events.amazonaws.com",
					SourceArn:    strp(ruleArn),
				}, nil))
			default:
				b.errf(tp, "no target")
				continue
			}
			if t.Input != "" {
				tgt["Input"] = t.Input
			}
			if t.Transform != nil {
				tgt["InputTransformer"] = map[string]any{"InputPathsMap": stringMap(t.Transform.Paths), "InputTemplate": t.Transform.Template}
			}
			if rp := retryPolicy(t.Retries, t.MaxEventAge); rp != nil {
				tgt["RetryPolicy"] = rp
			}
			if t.DeadLetter != nil {
				tgt["DeadLetterConfig"] = map[string]any{"Arn": b.resolve(tp+".deadLetter", *t.DeadLetter, schema.AttrArn)}
				b.allowDelivery(tp+".deadLetter", *t.DeadLetter, "events.amazonaws.com", ruleArn)
			}
			targets = append(targets, tgt)
		}
		b.add(id, path, "", fromStruct(rule, map[string]any{"Targets": targets}))
		if len(roleStmts) > 0 {
			b.add(schema.RuleRoleID(name), path, "the role", b.serviceRole("events.amazonaws.com", roleStmts))
		}
	}
}

// serviceRole is a role service assumes, for this account only (the role
// cannot name its user's ARN: the user names the role, a circular
// dependency), with one inline policy of stmts.
func (b *builder) serviceRole(service string, stmts []any) *Resource {
	return fromStruct(&iam.Role{
		AssumeRolePolicyDocument: map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": service},
			"Action":    "sts:AssumeRole",
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": cfn.Ref("AWS::AccountId")}},
		}}},
		Policies: []iam.Role_Policy{{
			PolicyName:     "Targets",
			PolicyDocument: map[string]any{"Version": "2012-10-17", "Statement": stmts},
		}},
	}, nil)
}
