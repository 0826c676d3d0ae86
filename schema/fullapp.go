package schema

import (
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

// FullApp holds the collections of schema/fullapp.cue; it is embedded in
// [App].
type FullApp struct {
	Buckets       map[string]Bucket         `json:"buckets"`
	Streams       map[string]Stream         `json:"streams"`
	Keys          map[string]Key            `json:"keys"`
	HttpApis      map[string]HttpApi        `json:"httpApis"`
	Apis          map[string]RestApi        `json:"apis"`
	Rules         map[string]EventRule      `json:"rules"`
	Subscriptions map[string]Subscription   `json:"subscriptions"`
	Conditions    map[string]Condition      `json:"conditions"`
	Resources     map[string]RawResource    `json:"resources"`
	Overrides     map[string]map[string]any `json:"overrides"`
}

// Bucket is an S3 bucket.
type Bucket struct {
	Ref               Ref             `json:"ref"`
	Arn               string          `json:"arn,omitempty"`
	Name              string          `json:"name,omitempty"`
	Versioning        bool            `json:"versioning"`
	Encryption        string          `json:"encryption"`
	Key               *Ref            `json:"key,omitempty"`
	BlockPublicAccess bool            `json:"blockPublicAccess"`
	Lifecycle         []LifecycleRule `json:"lifecycle,omitempty"`
	EventBridge       bool            `json:"eventBridge,omitempty"`
	Tags              Tags            `json:"tags,omitempty"`
}

// LifecycleRule is an S3 lifecycle rule.
type LifecycleRule struct {
	ID                        string       `json:"id"`
	Prefix                    string       `json:"prefix,omitempty"`
	ExpireDays                *int         `json:"expireDays,omitempty"`
	NoncurrentExpireDays      *int         `json:"noncurrentExpireDays,omitempty"`
	AbortIncompleteUploadDays *int         `json:"abortIncompleteUploadDays,omitempty"`
	Transitions               []Transition `json:"transitions,omitempty"`
}

// Transition moves objects to a storage class.
type Transition struct {
	Days         int    `json:"days"`
	StorageClass string `json:"storageClass"`
}

// Stream is a Kinesis data stream.
type Stream struct {
	Ref        Ref    `json:"ref"`
	Arn        string `json:"arn,omitempty"`
	Mode       string `json:"mode"`
	Shards     *int   `json:"shards,omitempty"`
	Retention  int    `json:"retention"`
	Encryption bool   `json:"encryption"`
	Key        *Ref   `json:"key,omitempty"`
	Tags       Tags   `json:"tags,omitempty"`
}

// Key is a KMS key.
type Key struct {
	Ref         Ref    `json:"ref"`
	Arn         string `json:"arn,omitempty"`
	Description string `json:"description,omitempty"`
	Rotation    bool   `json:"rotation"`
	Tags        Tags   `json:"tags,omitempty"`
}

// S3Event is a bucket notification.
type S3Event struct {
	Bucket Ref      `json:"bucket"`
	Events []string `json:"events"`
	Prefix *string  `json:"prefix,omitempty"`
	Suffix *string  `json:"suffix,omitempty"`
}

// ScheduleV2Event is an EventBridge Scheduler schedule.
type ScheduleV2Event struct {
	Expression     string `json:"expression"`
	Timezone       string `json:"timezone,omitempty"`
	FlexibleWindow *int   `json:"flexibleWindow,omitempty"`
	Enabled        bool   `json:"enabled"`
	Input          string `json:"input,omitempty"`
	Retries        *int   `json:"retries,omitempty"`
	MaxEventAge    *int   `json:"maxEventAge,omitempty"`
	DeadLetter     *Ref   `json:"deadLetter,omitempty"`
}

// Cors is a CORS configuration.
type Cors struct {
	Origins     []string `json:"origins"`
	Methods     []string `json:"methods,omitempty"`
	Headers     []string `json:"headers,omitempty"`
	MaxAge      *int     `json:"maxAge,omitempty"`
	Credentials *bool    `json:"credentials,omitempty"`
}

// RestCors is a REST API's CORS configuration.
type RestCors struct {
	Origin      string   `json:"origin"`
	Methods     []string `json:"methods,omitempty"`
	Headers     []string `json:"headers,omitempty"`
	MaxAge      *int     `json:"maxAge,omitempty"`
	Credentials *bool    `json:"credentials,omitempty"`
}

// ApiDomain is a custom domain.
type ApiDomain struct {
	Name        string `json:"name"`
	Certificate string `json:"certificate"`
	BasePath    string `json:"basePath,omitempty"`
}

// AccessLog configures API access logging.
type AccessLog struct {
	Retention int    `json:"retention"`
	Format    string `json:"format,omitempty"`
}

// HttpApi is an HTTP API.
type HttpApi struct {
	Lint              *Lint                     `json:"lint,omitempty"`
	Ref               Ref                       `json:"ref"`
	Stage             string                    `json:"stage"`
	Cors              *Cors                     `json:"cors,omitempty"`
	Authorizers       map[string]HttpAuthorizer `json:"authorizers,omitempty"`
	DefaultAuthorizer string                    `json:"defaultAuthorizer,omitempty"`
	AccessLog         *AccessLog                `json:"accessLog,omitempty"`
	Domain            *ApiDomain                `json:"domain,omitempty"`
	Tags              Tags                      `json:"tags,omitempty"`
}

// HttpAuthorizer is a JWT or Lambda authorizer of an HTTP API.
type HttpAuthorizer struct {
	JWT *struct {
		Issuer         string   `json:"issuer"`
		Audience       []string `json:"audience"`
		IdentitySource string   `json:"identitySource"`
	} `json:"jwt,omitempty"`
	Lambda *struct {
		Function        Ref      `json:"function"`
		Headers         []string `json:"headers"`
		SimpleResponses bool     `json:"simpleResponses"`
	} `json:"lambda,omitempty"`
}

// RestApi is a REST API.
type RestApi struct {
	Lint              *Lint                     `json:"lint,omitempty"`
	Ref               Ref                       `json:"ref"`
	Stage             string                    `json:"stage"`
	Cors              *RestCors                 `json:"cors,omitempty"`
	Tracing           *bool                     `json:"tracing,omitempty"`
	Authorizers       map[string]RestAuthorizer `json:"authorizers,omitempty"`
	DefaultAuthorizer string                    `json:"defaultAuthorizer,omitempty"`
	UsagePlan         *UsagePlan                `json:"usagePlan,omitempty"`
	AccessLog         *AccessLog                `json:"accessLog,omitempty"`
	Domain            *ApiDomain                `json:"domain,omitempty"`
	Tags              Tags                      `json:"tags,omitempty"`
}

// RestAuthorizer is a Cognito or Lambda authorizer of a REST API.
type RestAuthorizer struct {
	Cognito *struct {
		UserPools []string `json:"userPools"`
	} `json:"cognito,omitempty"`
	Lambda *struct {
		Function Ref    `json:"function"`
		Header   string `json:"header"`
	} `json:"lambda,omitempty"`
}

// UsagePlan is a REST API's usage plan.
type UsagePlan struct {
	Throttle *struct {
		Burst int     `json:"burst"`
		Rate  float64 `json:"rate"`
	} `json:"throttle,omitempty"`
	Quota *struct {
		Limit  int    `json:"limit"`
		Period string `json:"period"`
	} `json:"quota,omitempty"`
}

// EventRule is an EventBridge rule with its targets.
type EventRule struct {
	Bus         *Ref                  `json:"bus,omitempty"`
	Pattern     map[string]any        `json:"pattern,omitempty"`
	Schedule    string                `json:"schedule,omitempty"`
	Description string                `json:"description,omitempty"`
	Enabled     bool                  `json:"enabled"`
	Targets     map[string]RuleTarget `json:"targets"`
}

// RuleTarget is one target of a rule; exactly one of Queue, Topic,
// StateMachine, Function is set.
type RuleTarget struct {
	Queue          *Ref       `json:"queue,omitempty"`
	Topic          *Ref       `json:"topic,omitempty"`
	StateMachine   *Ref       `json:"stateMachine,omitempty"`
	Function       *Ref       `json:"function,omitempty"`
	Input          string     `json:"input,omitempty"`
	Transform      *Transform `json:"transform,omitempty"`
	Retries        *int       `json:"retries,omitempty"`
	MaxEventAge    *int       `json:"maxEventAge,omitempty"`
	DeadLetter     *Ref       `json:"deadLetter,omitempty"`
	MessageGroupID string     `json:"messageGroupId,omitempty"`
}

// Target returns the one target set, or nil when none or several are.
func (t RuleTarget) Target() *Ref {
	var out *Ref
	n := 0
	for _, r := range []*Ref{t.Queue, t.Topic, t.StateMachine, t.Function} {
		if r != nil {
			out, n = r, n+1
		}
	}
	if n != 1 {
		return nil
	}
	return out
}

// Transform is an EventBridge input transformer.
type Transform struct {
	Paths    map[string]string `json:"paths"`
	Template string            `json:"template"`
}

// Subscription subscribes a queue to a topic.
type Subscription struct {
	Topic             Ref            `json:"topic"`
	Queue             Ref            `json:"queue"`
	Raw               bool           `json:"raw"`
	FilterPolicy      map[string]any `json:"filterPolicy,omitempty"`
	FilterPolicyScope string         `json:"filterPolicyScope,omitempty"`
	DeadLetter        *Ref           `json:"deadLetter,omitempty"`
}

// Condition is a CloudFormation condition; exactly one field is set.
type Condition struct {
	Ref    Ref   `json:"ref"`
	Equals []any `json:"equals,omitempty"`
	Not    *Ref  `json:"not,omitempty"`
	And    []Ref `json:"and,omitempty"`
	Or     []Ref `json:"or,omitempty"`
}

// RawResource is a CloudFormation resource rendered as given.
type RawResource struct {
	Ref                 Ref            `json:"ref"`
	Type                string         `json:"type"`
	Properties          map[string]any `json:"properties"`
	DependsOn           []Ref          `json:"dependsOn,omitempty"`
	DeletionPolicy      string         `json:"deletionPolicy,omitempty"`
	UpdateReplacePolicy string         `json:"updateReplacePolicy,omitempty"`
}

// ConditionID is the logical name of a condition in the template.
func ConditionID(name string) string { return cfn.LogicalID(name, "") }

// AsAttrRef reports whether a JSON value of a raw property is a reference:
// a #Ref ({kind, name}), or {ref: #Ref, attr: string} choosing an
// attribute.
func AsAttrRef(v any) (r Ref, attr string, ok bool) {
	m, isMap := v.(map[string]any)
	if !isMap {
		return Ref{}, "", false
	}
	if inner, has := m["ref"]; has {
		attr, hasAttr := m["attr"].(string)
		if len(m) == 1 || len(m) == 2 && hasAttr {
			r, ok = AsRef(inner)
			return r, attr, ok
		}
	}
	if len(m) != 2 {
		return Ref{}, "", false
	}
	r, ok = AsRef(m)
	return r, "", ok
}

// Declared reports whether the app declares the resource r names.
func (a *App) Declared(r Ref) bool {
	var ok bool
	switch r.Kind {
	case "table":
		_, ok = a.Tables[r.Name]
	case "queue":
		_, ok = a.Queues[r.Name]
	case "topic":
		_, ok = a.Topics[r.Name]
	case "bus":
		_, ok = a.Buses[r.Name]
	case "param":
		_, ok = a.Params[r.Name]
	case "secret":
		_, ok = a.Secrets[r.Name]
	case "function":
		_, ok = a.Functions[r.Name]
	case "parameter":
		_, ok = a.Parameters[r.Name]
	case "bucket":
		_, ok = a.Buckets[r.Name]
	case "stream":
		_, ok = a.Streams[r.Name]
	case "key":
		_, ok = a.Keys[r.Name]
	case "httpApi":
		_, ok = a.HttpApis[r.Name]
	case "api":
		_, ok = a.Apis[r.Name]
	case "condition":
		_, ok = a.Conditions[r.Name]
	case "resource":
		_, ok = a.Resources[r.Name]
	default:
		// Kinds declared by collections of other files (layers, state
		// machines) are checked by CUE references.
		_, ok = Kinds[r.Kind]
	}
	return ok
}

// AttrRef is the attribute of a raw resource that renders `!Ref`; any other
// attribute of a raw resource renders `!GetAtt ID.Attr` ("arn" is "Arn").
const AttrRef = "ref"

func rawAttr(r Ref, attr string) any {
	id := LogicalID(r)
	switch attr {
	case "", AttrRef:
		return cfn.Ref(id)
	case AttrArn:
		return cfn.GetAtt(id, "Arn")
	}
	return cfn.GetAtt(id, attr)
}

// apiURL is the invoke URL of an API's stage. An HTTP API's $default
// stage is served at the root.
func (a *App) apiURL(r Ref) any {
	stage := a.Apis[r.Name].Stage
	if r.Kind == "httpApi" {
		stage = a.HttpApis[r.Name].Stage
	}
	path := stage + "/"
	if stage == "$default" {
		path = ""
	}
	return cfn.Sub("https://${" + LogicalID(r) + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" + path)
}

// BucketName returns the name an owned bucket is given in the template, or
// nil when CloudFormation names it: its declared name, or, for a bucket
// that notifies functions, "<name>-<stack UUID>". A function's policy
// naming such a bucket by !Ref would close a cycle: bucket → notification
// permission → function → role → bucket.
func (a *App) BucketName(name string) any {
	b := a.Buckets[name]
	if b.Arn != "" {
		return nil
	}
	if b.Name != "" {
		return b.Name
	}
	if !a.Notifies(name) {
		return nil
	}
	return cfn.SubVars(strings.ToLower(strings.ReplaceAll(name, "_", "-"))+"-${StackUUID}", map[string]any{
		"StackUUID": map[string]any{"Fn::Select": []any{2, map[string]any{"Fn::Split": []any{"/", cfn.Ref("AWS::StackId")}}}},
	})
}

// Notifies reports whether a function has an s3 event on bucket name.
func (a *App) Notifies(name string) bool {
	for _, f := range a.Functions {
		for _, e := range f.Events {
			if e.S3 != nil && e.S3.Bucket.Name == name {
				return true
			}
		}
	}
	return false
}

func (a *App) bucketAttr(r Ref, attr string) (any, bool) {
	n := a.BucketName(r.Name)
	if n == nil {
		return nil, false
	}
	switch attr {
	case AttrName, "":
		return n, true
	case AttrArn:
		if s, ok := n.(string); ok {
			return cfn.Sub("arn:${AWS::Partition}:s3:::" + s), true
		}
		sub := n.(map[string]any)["Fn::Sub"].([]any)
		return cfn.SubVars("arn:${AWS::Partition}:s3:::"+sub[0].(string), sub[1].(map[string]any)), true
	}
	return nil, false
}
