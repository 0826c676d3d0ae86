package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/iam"
	"github.com/awslabs/goformation/v7/cloudformation/lambda"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

func (b *builder) rules() {
	for _, name := range slices.Sorted(maps.Keys(b.app.Rules)) {
		r := b.app.Rules[name]
		path := "rules." + name
		id := b.app.RuleID(name)
		ruleArn := cfn.GetAtt(id, "Arn")
		state := "ENABLED"
		if !r.Enabled {
			state = "DISABLED"
		}
		props := map[string]any{"State": state}
		setValue(props, "Name", b.optional(path+".name", r.Name, schema.AttrName))
		setValue(props, "Description", b.optional(path+".description", r.Description, ""))
		if r.Pattern != nil {
			props["EventPattern"] = b.document(path+".pattern", r.Pattern, true)
		}
		setValue(props, "ScheduleExpression", b.optional(path+".schedule", r.Schedule, ""))
		if r.Bus != nil {
			props["EventBusName"] = b.resolve(path+".bus", *r.Bus, schema.AttrName)
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
				if !t.MessageGroupID.IsZero() {
					tgt["SqsParameters"] = map[string]any{"MessageGroupId": b.value(tp+".messageGroupId", t.MessageGroupID, "")}
				}
			case t.Topic != nil:
				tgt["Arn"] = b.resolve(tp+".topic", *t.Topic, schema.AttrArn)
				b.allowPublish(tp+".topic", *t.Topic, "events.amazonaws.com", ruleArn)
			case t.StateMachine != nil:
				arn := b.resolve(tp+".stateMachine", *t.StateMachine, schema.AttrArn)
				if t.StateMachine.Kind == "resource" {
					// !Ref of an AWS::StepFunctions::StateMachine (and of
					// AWS::Serverless::StateMachine) is its ARN.
					arn = b.resolve(tp+".stateMachine", *t.StateMachine, schema.AttrRef)
				}
				tgt["Arn"] = arn
				tgt["RoleArn"] = cfn.GetAtt(b.app.RuleRoleID(name), "Arn")
				roleStmts = append(roleStmts, map[string]any{"Effect": "Allow", "Action": "states:StartExecution", "Resource": arn})
			case t.Function != nil:
				arn := b.resolve(tp+".function", *t.Function, schema.AttrArn)
				tgt["Arn"] = arn
				perm := fromStruct(&lambda.Permission{
					Action:       "lambda:InvokeFunction",
					FunctionName: str(arn),
					Principal:    "events.amazonaws.com",
					SourceArn:    strp(ruleArn),
				}, nil)
				if t.Permission != nil {
					b.attributes(perm, tp+".permission", *t.Permission)
				}
				b.add(b.app.RuleTargetPermissionID(name, tn), tp, "the invoke permission", perm)
			default:
				b.errf(tp, "no target")
				continue
			}
			setValue(tgt, "Input", b.optional(tp+".input", t.Input, ""))
			if t.Transform != nil {
				tgt["InputTransformer"] = map[string]any{"InputPathsMap": stringMap(t.Transform.Paths), "InputTemplate": t.Transform.Template}
			}
			if rp := b.retryPolicy(tp, t.Retries, t.MaxEventAge); rp != nil {
				tgt["RetryPolicy"] = rp
			}
			if t.DeadLetter != nil {
				tgt["DeadLetterConfig"] = map[string]any{"Arn": b.resolve(tp+".deadLetter", *t.DeadLetter, schema.AttrArn)}
				b.allowDelivery(tp+".deadLetter", *t.DeadLetter, "events.amazonaws.com", ruleArn)
			}
			targets = append(targets, tgt)
		}
		props["Targets"] = targets
		res := &Resource{Type: "AWS::Events::Rule", Properties: props}
		b.attributes(res, path, r.Attributes)
		b.add(id, path, "", res)
		if len(roleStmts) > 0 {
			role := b.serviceRole("events.amazonaws.com", roleStmts)
			if r.Role != nil {
				b.attributes(role, path+".role", *r.Role)
			}
			b.add(b.app.RuleRoleID(name), path, "the role", role)
		}
	}
}

// serviceRole is a role service assumes, for this account only (the role
// cannot name its user's ARN: the user names the role, a circular
// dependency), with one inline policy of stmts.
func (b *builder) serviceRole(service string, stmts []any) *Resource {
	return roleFor(map[string]any{
		"Effect":    "Allow",
		"Principal": map[string]any{"Service": service},
		"Action":    "sts:AssumeRole",
		"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": cfn.Ref("AWS::AccountId")}},
	}, stmts)
}

// roleFor is a role whose trust policy is trust, with one inline policy of
// stmts.
func roleFor(trust map[string]any, stmts []any) *Resource {
	return fromStruct(&iam.Role{
		AssumeRolePolicyDocument: map[string]any{"Version": "2012-10-17", "Statement": []any{trust}},
		Policies: []iam.Role_Policy{{
			PolicyName:     "Targets",
			PolicyDocument: map[string]any{"Version": "2012-10-17", "Statement": stmts},
		}},
	}, nil)
}
