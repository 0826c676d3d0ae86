package policies

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// Sids of the statements whose actions have no resource-level permission,
// so their Resource is "*"; the Sid tells the reviewer why.
const (
	SidLogDelivery   = "LogDeliveryActionsHaveNoResourceLevelPermission"
	SidBatchDesc     = "BatchDescribeJobsHasNoResourceLevelPermission"
	SidLakeFormation = "LakeFormationGetDataAccessHasNoResourceLevelPermission"
	// SidHTTPEndpoint explains a wildcard state machine name scoped by
	// condition.
	SidHTTPEndpoint = "ScopedByEndpointConditionOwnArnWouldBeCircular"
)

// Sync reports whether pattern waits for a job to complete.
func Sync(pattern string) bool { return strings.HasPrefix(pattern, "sync") }

// StateMachineLogging is what a state machine role needs to deliver
// execution logs to CloudWatch Logs. SAM does not add it. (For tracing,
// SAM attaches AWSXrayWriteOnlyAccess to the role by itself.)
func StateMachineLogging() *Statement {
	s := Allow([]string{
		"logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups",
		"logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries",
		"logs:PutResourcePolicy", "logs:UpdateLogDelivery",
	}, "*")
	s.Sid = SidLogDelivery
	return s
}

// Integration is one typed integration of Step Functions: a row of the
// integration table, keyed by the integration name the CUE definitions
// set (#DynamoDBPutItem sets "dynamodb:putItem").
type Integration struct {
	// IAM returns exactly the actions the task calls, on exactly the
	// resources it names, for its pattern.
	IAM taskIAM
	// SyncRule is the EventBridge rule Step Functions manages in the
	// account to learn that a `.sync` job finished (aws-facts §4b); ""
	// when the integration polls instead, or has no .sync pattern.
	SyncRule string
	// Token returns the fields of the task that can carry the task token
	// of a .waitForTaskToken pattern, besides parameters and arguments.
	Token func(s schema.State) []any
}

type taskIAM func(a *schema.App, s schema.State) ([]*Statement, error)

// integrations is the integration table.
var integrations = map[string]Integration{
	"dynamodb:getItem":    {IAM: dynamodb("dynamodb:GetItem")},
	"dynamodb:putItem":    {IAM: dynamodb("dynamodb:PutItem")},
	"dynamodb:updateItem": {IAM: dynamodb("dynamodb:UpdateItem")},
	"dynamodb:deleteItem": {IAM: dynamodb("dynamodb:DeleteItem")},
	"sqs:sendMessage": {IAM: onSealedRef("sqs:SendMessage", func(s schema.State) *schema.Ref { return s.Queue }, keyReadWrite),
		Token: func(s schema.State) []any { return []any{s.MessageBody} }},
	"sns:publish": {IAM: onSealedRef("sns:Publish", func(s schema.State) *schema.Ref { return s.Topic }, keyReadWrite),
		Token: func(s schema.State) []any { return []any{s.Message} }},
	"events:putEvents": {IAM: putEvents,
		Token: func(s schema.State) []any { return []any{s.Entries} }},
	"lambda:invoke": {IAM: lambdaInvoke,
		Token: func(s schema.State) []any { return []any{s.Payload} }},
	"states:startExecution": {IAM: startExecution, SyncRule: "StepFunctionsGetEventsForStepFunctionsExecutionRule",
		Token: func(s schema.State) []any { return []any{s.Input} }},
	"glue:startJobRun":            {IAM: glueJob},
	"batch:submitJob":             {IAM: batchJob, SyncRule: "StepFunctionsGetEventsForBatchJobsRule"},
	"ecs:runTask":                 {IAM: ecsTask, SyncRule: "StepFunctionsGetEventsForECSTaskRule"},
	"sagemaker:createTrainingJob": {IAM: trainingJob, SyncRule: "StepFunctionsGetEventsForSageMakerTrainingJobsRule"},
	"athena:startQueryExecution":  {IAM: athenaQuery},
	"bedrock:invokeModel": {IAM: bedrockModel,
		Token: func(s schema.State) []any { return []any{s.Body} }},
	"http:invoke":          {IAM: httpInvoke},
	"apigateway:invoke":    {IAM: apiInvoke},
	"codebuild:startBuild": {IAM: codeBuild, SyncRule: "StepFunctionsGetEventForCodeBuildStartBuildRule"},
	"aws-sdk":              {IAM: sdkTask},
}

// Integrations returns the names of the known integrations, sorted.
func Integrations() []string {
	return slices.Sorted(maps.Keys(integrations))
}

// TokenCarriers returns the values of task s that can pass its task
// token to the service: its parameters and arguments, and the fields its
// integration sends.
func TokenCarriers(s schema.State) []any {
	out := []any{s.Parameters, s.Arguments}
	if i, ok := integrations[s.Integration]; ok && i.Token != nil {
		out = append(out, i.Token(s)...)
	}
	return out
}

// ForTask returns the statements a Task state's integration needs with its
// pattern: exactly the actions it calls, on exactly the resources it names.
func ForTask(a *schema.App, s schema.State) ([]*Statement, error) {
	i, ok := integrations[s.Integration]
	if !ok {
		return nil, fmt.Errorf("unknown integration %q", s.Integration)
	}
	out, err := i.IAM(a, s)
	if err != nil {
		return nil, err
	}
	if i.SyncRule != "" && Sync(s.Pattern) {
		out = append(out, Allow([]string{"events:DescribeRule", "events:PutRule", "events:PutTargets"},
			cfn.Sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/"+i.SyncRule)))
	}
	return out, nil
}

// arnIn builds an ARN of the stack's partition, region and account.
func arnIn(service, resource string) any {
	return cfn.Sub("arn:${AWS::Partition}:" + service + ":${AWS::Region}:${AWS::AccountId}:" + resource)
}

// arnInValue builds an ARN of the stack's partition, region and account
// around a name given as a value: prefix + the name + suffix. A literal or
// a !Sub template is written into the ARN; an expression becomes a
// variable of it.
func arnInValue(a *schema.App, service, prefix string, v schema.Value, suffix string) (any, error) {
	if s, ok := v.Template(); ok {
		return arnIn(service, prefix+s+suffix), nil
	}
	x, err := a.ResolveValue(v, "")
	if err != nil {
		return nil, err
	}
	return cfn.SubVars("arn:${AWS::Partition}:"+service+":${AWS::Region}:${AWS::AccountId}:"+prefix+"${Name}"+suffix, map[string]any{"Name": x}), nil
}

// arnValue renders an ARN given as a value: a literal as written, a !Sub
// template as a !Sub, an expression or a reference as it resolves (a raw
// resource's !Ref).
func arnValue(a *schema.App, v schema.Value) (any, error) {
	return a.ResolveValue(v, "")
}

// mapArn renders what f makes of an ARN given as a value: of its literal
// or template text, or, for an expression, of its parts (f of parts, each
// a !Select of its !Split by ":").
func mapArn(a *schema.App, v schema.Value, literal func(string) string, expr func(part func(int) any) any) (any, error) {
	if s, ok := v.Template(); ok {
		out := literal(s)
		if strings.Contains(out, "${") {
			return cfn.Sub(out), nil
		}
		return out, nil
	}
	x, err := a.ResolveValue(v, "")
	if err != nil {
		return nil, err
	}
	return expr(func(i int) any { return cfn.Select(i, cfn.Split(":", x)) }), nil
}

// dynamodb is a task on a table's items: DynamoDB decrypts the table key
// under the table's customer managed key, if any, on behalf of the state
// machine's role (tableKey in verbs.go).
func dynamodb(action string) taskIAM {
	return onSealedRef(action, func(s schema.State) *schema.Ref { return s.Table }, tableKey)
}

func onRef(action string, field func(schema.State) *schema.Ref) taskIAM {
	return func(a *schema.App, s schema.State) ([]*Statement, error) {
		r := field(s)
		if r == nil {
			return nil, fmt.Errorf("%s: no resource", s.Integration)
		}
		arn, err := a.Resolve(*r, schema.AttrArn)
		if err != nil {
			return nil, err
		}
		return []*Statement{Allow([]string{action}, arn)}, nil
	}
}

// onSealedRef is onRef with keyActions on the customer managed key the
// resource is under, if any: sending a message to it takes a data key and
// decrypting it (keyReadWrite).
func onSealedRef(action string, field func(schema.State) *schema.Ref, keyActions []string) taskIAM {
	plain := onRef(action, field)
	return func(a *schema.App, s schema.State) ([]*Statement, error) {
		stmts, err := plain(a, s)
		if err != nil {
			return nil, err
		}
		st, err := DataKey(a, *field(s), keyActions)
		if err != nil || st == nil {
			return stmts, err
		}
		return append(stmts, st), nil
	}
}

// refOrArn resolves attr of a reference, or returns a literal ARN.
func refOrArn(a *schema.App, r *schema.RefOrArn, attr string) (any, error) {
	switch {
	case r == nil:
		return nil, fmt.Errorf("no resource")
	case r.Ref != nil:
		return a.Resolve(*r.Ref, attr)
	case attr == schema.AttrName:
		return schema.ArnName(r.Arn), nil
	}
	return r.Arn, nil
}

func putEvents(a *schema.App, s schema.State) ([]*Statement, error) {
	var res []any
	seen := map[string]bool{}
	for _, e := range s.Entries {
		var arn any = arnIn("events", "event-bus/default")
		if e.Bus != nil {
			var err error
			if arn, err = a.Resolve(*e.Bus, schema.AttrArn); err != nil {
				return nil, err
			}
		}
		if k := fmt.Sprint(arn); !seen[k] {
			seen[k] = true
			res = append(res, arn)
		}
	}
	return []*Statement{Allow([]string{"events:PutEvents"}, res...)}, nil
}

func lambdaInvoke(a *schema.App, s schema.State) ([]*Statement, error) {
	arn, err := refOrArn(a, s.Function, schema.AttrArn)
	if err != nil {
		return nil, err
	}
	// ":*" covers the function's versions and aliases.
	return []*Statement{Allow([]string{"lambda:InvokeFunction"}, arn, appendArn(arn, ":*"))}, nil
}

func startExecution(a *schema.App, s schema.State) ([]*Statement, error) {
	arn, err := refOrArn(a, s.StateMachine, schema.AttrArn)
	if err != nil {
		return nil, err
	}
	out := []*Statement{Allow([]string{"states:StartExecution"}, arn)}
	if !Sync(s.Pattern) {
		return out, nil
	}
	var execs any
	if r := s.StateMachine; r.Ref != nil {
		name, err := a.Resolve(*r.Ref, schema.AttrName)
		if err != nil {
			return nil, err
		}
		execs = cfn.SubVars("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Name}:*", map[string]any{"Name": name})
	} else {
		execs = strings.Replace(r.Arn, ":stateMachine:", ":execution:", 1) + ":*"
	}
	return append(out, Allow([]string{"states:DescribeExecution", "states:StopExecution"}, execs)), nil
}

func glueJob(a *schema.App, s schema.State) ([]*Statement, error) {
	acts := []string{"glue:StartJobRun"}
	if Sync(s.Pattern) {
		// Glue .sync polls the job run instead of using an EventBridge rule.
		acts = []string{"glue:BatchStopJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:StartJobRun"}
	}
	job, err := arnInValue(a, "glue", "job/", s.Job, "")
	if err != nil {
		return nil, err
	}
	return []*Statement{Allow(acts, job)}, nil
}

func batchJob(a *schema.App, s schema.State) ([]*Statement, error) {
	var def any
	if d, ok := s.JobDefinition.Template(); ok {
		// A definition named without a revision runs its latest one.
		d = latest(d)
		if strings.HasPrefix(d, "arn:") {
			def = subIf(d)
		} else {
			def = arnIn("batch", "job-definition/"+d)
		}
	} else {
		// An expression (a raw job definition's !Ref) names one revision.
		var err error
		if def, err = arnValue(a, s.JobDefinition); err != nil {
			return nil, err
		}
	}
	queue, err := arnValue(a, s.JobQueue)
	if err != nil {
		return nil, err
	}
	out := []*Statement{Allow([]string{"batch:SubmitJob"}, def, queue)}
	if Sync(s.Pattern) {
		out = append(out, Allow([]string{"batch:TerminateJob"}, arnIn("batch", "job/*")))
		d := Allow([]string{"batch:DescribeJobs"}, "*")
		d.Sid = SidBatchDesc
		out = append(out, d)
	}
	return out, nil
}

// latest appends ":*" (every revision) to a task or job definition named
// without a revision: a name, or an ARN ending in /NAME.
func latest(def string) string {
	if strings.Contains(def[strings.LastIndex(def, "/")+1:], ":") {
		return def
	}
	return def + ":*"
}

// subIf renders a literal ARN, or a !Sub when it holds ${...}.
func subIf(s string) any {
	if strings.Contains(s, "${") {
		return cfn.Sub(s)
	}
	return s
}

func passRole(a *schema.App, roles []schema.Value, service string) (*Statement, error) {
	res := make([]any, len(roles))
	for i, r := range roles {
		v, err := arnValue(a, r)
		if err != nil {
			return nil, err
		}
		res[i] = v
	}
	s := Allow([]string{"iam:PassRole"}, res...)
	s.Condition = map[string]any{"StringEquals": map[string]any{"iam:PassedToService": service}}
	return s, nil
}

func ecsTask(a *schema.App, s schema.State) ([]*Statement, error) {
	// A definition named without a revision runs its latest one; an
	// expression (a raw task definition's !Ref) names one revision.
	var def any
	if t, ok := s.TaskDefinition.Template(); ok {
		def = subIf(latest(t))
	} else {
		var err error
		if def, err = arnValue(a, s.TaskDefinition); err != nil {
			return nil, err
		}
	}
	out := []*Statement{Allow([]string{"ecs:RunTask"}, def)}
	if Sync(s.Pattern) {
		// Tasks of the cluster: arn:...:cluster/NAME → arn:...:task/NAME/*.
		tasks, err := mapArn(a, s.Cluster, func(c string) string {
			return strings.Replace(c, ":cluster/", ":task/", 1) + "/*"
		}, func(part func(int) any) any {
			return cfn.SubVars("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/${Cluster}/*",
				map[string]any{"Cluster": cfn.Select(1, cfn.Split("/", part(5)))})
		})
		if err != nil {
			return nil, err
		}
		out = append(out, Allow([]string{"ecs:DescribeTasks", "ecs:StopTask"}, tasks))
	}
	if len(s.PassRoles) > 0 {
		pr, err := passRole(a, s.PassRoles, "ecs-tasks.amazonaws.com")
		if err != nil {
			return nil, err
		}
		out = append(out, pr)
	}
	return out, nil
}

// trainingJob grants what Step Functions does with a training job. AWS's
// documented policy (step-functions/latest/dg/sagemaker-iam.html) adds
// sagemaker:ListTags on "*" for every pattern; ListTags takes the ARN of the
// resource whose tags it lists, here the job, so it is granted on the jobs
// the task creates.
func trainingJob(a *schema.App, s schema.State) ([]*Statement, error) {
	acts := []string{"sagemaker:CreateTrainingJob", "sagemaker:ListTags"}
	if Sync(s.Pattern) {
		acts = []string{"sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:ListTags", "sagemaker:StopTrainingJob"}
	}
	pr, err := passRole(a, []schema.Value{s.Role}, "sagemaker.amazonaws.com")
	if err != nil {
		return nil, err
	}
	return []*Statement{Allow(acts, arnIn("sagemaker", "training-job/"+s.TrainingJobName+"*")), pr}, nil
}

func athenaQuery(a *schema.App, s schema.State) ([]*Statement, error) {
	acts := []string{"athena:GetQueryExecution", "athena:StartQueryExecution"}
	if Sync(s.Pattern) {
		acts = append(acts, "athena:StopQueryExecution")
	}
	bucket, prefix, _ := strings.Cut(strings.TrimPrefix(s.OutputLocation, "s3://"), "/")
	prefix = strings.TrimSuffix(prefix, "/")
	objects := "arn:${AWS::Partition}:s3:::" + bucket + "/*"
	if prefix != "" {
		objects = "arn:${AWS::Partition}:s3:::" + bucket + "/" + prefix + "/*"
	}
	lf := Allow([]string{"lakeformation:GetDataAccess"}, "*")
	lf.Sid = SidLakeFormation
	return []*Statement{
		Allow(acts, arnIn("athena", "workgroup/"+s.WorkGroup)),
		Allow([]string{"s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"}, cfn.Sub("arn:${AWS::Partition}:s3:::"+bucket)),
		Allow([]string{"s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"}, cfn.Sub(objects)),
		Allow([]string{"glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions", "glue:GetTable"},
			arnIn("glue", "catalog"), arnIn("glue", "database/"+s.Database), arnIn("glue", "table/"+s.Database+"/*")),
		lf,
	}, nil
}

func bedrockModel(a *schema.App, s schema.State) ([]*Statement, error) {
	model := any(s.Model)
	if !strings.HasPrefix(s.Model, "arn:") {
		model = cfn.Sub("arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/" + s.Model)
	}
	return []*Statement{Allow([]string{"bedrock:InvokeModel"}, model)}, nil
}

func httpInvoke(a *schema.App, s schema.State) ([]*Statement, error) {
	// arn:...:events:R:A:connection/NAME/ID; its secret is
	// arn:...:secretsmanager:R:A:secret:events!connection/NAME/*.
	conn, err := arnValue(a, s.Connection)
	if err != nil {
		return nil, err
	}
	var secret any
	if c, ok := s.Connection.Template(); ok {
		p := schema.ArnParts(c)
		if len(p) != 6 || !strings.HasPrefix(p[5], "connection/") {
			return nil, fmt.Errorf("connection %q is not an EventBridge connection ARN", c)
		}
		name := strings.Split(strings.TrimPrefix(p[5], "connection/"), "/")[0]
		secret = subIf(strings.Join([]string{p[0], p[1], "secretsmanager", p[3], p[4], "secret:events!connection/" + name + "/*"}, ":"))
	} else {
		// arn:P:events:R:A:connection/NAME/ID: NAME is the second part by "/".
		secret = cfn.SubVars("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:events!connection/${Name}/*",
			map[string]any{"Name": cfn.Select(1, cfn.Split("/", conn))})
	}
	// InvokeHTTPEndpoint is scoped to the account's state machines (the
	// machine's own ARN in its role would be a circular dependency) and,
	// by condition, to the one endpoint and method.
	inv := Allow([]string{"states:InvokeHTTPEndpoint"}, arnIn("states", "stateMachine:*"))
	inv.Sid = SidHTTPEndpoint
	inv.Condition = map[string]any{
		"StringEquals": map[string]any{"states:HTTPMethod": s.Method},
		"StringLike":   map[string]any{"states:HTTPEndpoint": s.Endpoint},
	}
	return []*Statement{
		Allow([]string{"events:RetrieveConnectionCredentials"}, conn),
		Allow([]string{"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"}, secret),
		inv,
	}, nil
}

func apiInvoke(a *schema.App, s schema.State) ([]*Statement, error) {
	res, err := arnInValue(a, "execute-api", "", s.Api, "/"+s.Stage+"/"+s.Method+s.Path)
	if r, _, ok := s.Api.Ref(); ok && err == nil {
		// The app's own API: its ID is its !Ref, a variable of the !Sub.
		res = arnIn("execute-api", "${"+schema.LogicalID(r)+"}/"+s.Stage+"/"+s.Method+s.Path)
	}
	if err != nil {
		return nil, err
	}
	return []*Statement{Allow([]string{"execute-api:Invoke"}, res)}, nil
}

func codeBuild(a *schema.App, s schema.State) ([]*Statement, error) {
	acts := []string{"codebuild:StartBuild"}
	if Sync(s.Pattern) {
		acts = []string{"codebuild:BatchGetBuilds", "codebuild:StartBuild", "codebuild:StopBuild"}
	}
	project, err := arnInValue(a, "codebuild", "project/", s.Project, "")
	if err != nil {
		return nil, err
	}
	return []*Statement{Allow(acts, project)}, nil
}

func sdkTask(a *schema.App, s schema.State) ([]*Statement, error) {
	var out []*Statement
	for _, st := range s.IAM {
		res := make([]any, len(st.Resources))
		for i, r := range st.Resources {
			res[i] = r
		}
		out = append(out, Allow(st.Actions, res...))
	}
	return out, nil
}

// ExplainStateMachine returns the effective IAM of state machine name's
// role, one action on one resource per row: what each task's integration
// needs (Source is the state's path, such as "states.Save" or
// "states.Notify.branches[0].states.Publish"), what logging needs, and
// what SAM attaches for tracing.
func ExplainStateMachine(a *schema.App, name string) ([]Row, error) {
	sm, ok := a.StateMachines[name]
	if !ok {
		return nil, fmt.Errorf("no state machine %q (state machines: %s)", name, strings.Join(slices.Sorted(maps.Keys(a.StateMachines)), ", "))
	}
	var rows []Row
	add := func(source string, ss ...*Statement) {
		for _, s := range ss {
			for _, act := range s.Action {
				for _, r := range s.Resource {
					rows = append(rows, Row{source, act, Format(r)})
				}
			}
		}
	}
	var walk func(path string, states map[string]schema.State) error
	walk = func(path string, states map[string]schema.State) error {
		for _, n := range slices.Sorted(maps.Keys(states)) {
			st := states[n]
			p := path + "states." + schema.Label(n)
			if st.Type == "Task" {
				ss, err := ForTask(a, st)
				if err != nil {
					return fmt.Errorf("%s: %w", p, err)
				}
				add(p, ss...)
			}
			for i, br := range st.Branches {
				if err := walk(fmt.Sprintf("%s.branches[%d].", p, i), br.States); err != nil {
					return err
				}
			}
			if br := st.ItemProcessor; br != nil {
				if err := walk(p+".itemProcessor.", br.States); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk("", sm.States); err != nil {
		return nil, err
	}
	for i, st := range sm.Statements {
		s, err := UserStatement(a, st)
		if err != nil {
			return nil, fmt.Errorf("statements[%d]: %w", i, err)
		}
		add(fmt.Sprintf("statements[%d]", i), s)
	}
	if sm.Logging != nil {
		add("logging", StateMachineLogging())
	}
	if sm.Tracing {
		for _, act := range samManaged["AWSXrayWriteOnlyAccess"] {
			rows = append(rows, Row{"tracing (AWSXrayWriteOnlyAccess)", act, "*"})
		}
	}
	return rows, nil
}
