package render

import (
	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// apiRoute renders what a route of a declared API adds to its event: the
// API and the route's authorization.
func (b *builder) apiRoute(path string, e *schema.ApiEvent, rest bool) map[string]any {
	extra := map[string]any{}
	if e.Api != nil {
		key := "ApiId"
		if rest {
			key = "RestApiId"
		}
		extra[key] = cfn.Ref(schema.LogicalID(*e.Api))
	}
	auth := map[string]any{}
	authorizer := e.Authorizer
	if authorizer == "" && len(e.Scopes) > 0 && e.Api != nil {
		// SAM takes scopes only with a named authorizer: the default one.
		authorizer = b.app.Apis[e.Api.Name].DefaultAuthorizer
		if e.Api.Kind == "httpApi" {
			authorizer = b.app.HttpApis[e.Api.Name].DefaultAuthorizer
		}
	}
	if authorizer != "" {
		auth["Authorizer"] = authorizer
	}
	if len(e.Scopes) > 0 {
		auth["AuthorizationScopes"] = toAny(e.Scopes)
	}
	if e.ApiKeyRequired != nil {
		auth["ApiKeyRequired"] = *e.ApiKeyRequired
	}
	if len(auth) > 0 {
		extra["Auth"] = auth
	}
	return extra
}

// kinesisStream renders a kinesis event's stream: an ARN, or a reference.
func (b *builder) kinesisStream(path string, v any) any {
	if r, _, ok := schema.AsAttrRef(v); ok {
		return b.resolve(path, r, schema.AttrArn)
	}
	return v
}

// s3Event renders a bucket notification. SAM adds the notification to the
// bucket and the permission to the function, and needs the bucket's
// logical ID for that.
func (b *builder) s3Event(path string, e *schema.S3Event) map[string]any {
	props := map[string]any{
		"Bucket": cfn.Ref(schema.LogicalID(e.Bucket)),
		"Events": toAny(e.Events),
	}
	var rules []any
	for _, f := range []struct {
		name string
		v    *string
	}{{"prefix", e.Prefix}, {"suffix", e.Suffix}} {
		if f.v != nil {
			rules = append(rules, map[string]any{"Name": f.name, "Value": *f.v})
		}
	}
	if len(rules) > 0 {
		props["Filter"] = map[string]any{"S3Key": map[string]any{"Rules": rules}}
	}
	return props
}

// scheduleV2Event renders an EventBridge Scheduler schedule. SAM creates
// the scheduler's role: it may invoke the function and, with a
// dead-letter queue, send to that queue.
func (b *builder) scheduleV2Event(path string, e *schema.ScheduleV2Event) map[string]any {
	state := "ENABLED"
	if !e.Enabled {
		state = "DISABLED"
	}
	props := map[string]any{
		"ScheduleExpression": e.Expression,
		"State":              state,
		// Without OmitName SAM names the schedule after its logical ID,
		// which collides when the template is deployed twice.
		"OmitName": true,
	}
	if e.Timezone != "" {
		props["ScheduleExpressionTimezone"] = e.Timezone
	}
	if e.FlexibleWindow != nil {
		props["FlexibleTimeWindow"] = map[string]any{"Mode": "FLEXIBLE", "MaximumWindowInMinutes": *e.FlexibleWindow}
	}
	if e.Input != "" {
		props["Input"] = e.Input
	}
	if rp := retryPolicy(e.Retries, e.MaxEventAge); rp != nil {
		props["RetryPolicy"] = rp
	}
	if e.DeadLetter != nil {
		props["DeadLetterConfig"] = map[string]any{"Arn": b.resolve(path+".deadLetter", *e.DeadLetter, schema.AttrArn)}
	}
	return props
}

// retryPolicy renders an EventBridge or Scheduler retry policy.
func retryPolicy(retries, maxAge *int) map[string]any {
	if retries == nil && maxAge == nil {
		return nil
	}
	rp := map[string]any{}
	setInt(rp, "MaximumRetryAttempts", retries)
	setInt(rp, "MaximumEventAgeInSeconds", maxAge)
	return rp
}
