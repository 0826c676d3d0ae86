package schema

// The Go model mirrors the CUE definitions field for field; Load decodes
// into it with [cue.Value.Decode], which follows the json tags. Optional CUE
// fields are pointers (or nil maps and slices) so "unset" stays distinct
// from a zero value: SAM defaults differ from Go's.

// Ref is the identity of a declared resource: the CUE `#Ref`.
type Ref struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	// ID is the logical ID the resource keeps (its `logicalId`), if any.
	ID string `json:"id,omitempty"`
}

// IsZero reports whether r is unset.
func (r Ref) IsZero() bool { return r.Kind == "" && r.Name == "" }

// Is reports whether r and o name the same resource (whatever they say
// of its ID).
func (r Ref) Is(o Ref) bool { return r.Kind == o.Kind && r.Name == o.Name }

// App is a decoded `#App`.
type App struct {
	Name        string               `json:"name"`
	Description string               `json:"description,omitempty"`
	Defaults    Defaults             `json:"defaults"`
	Parameters  map[string]Parameter `json:"parameters"`
	Outputs     map[string]Output    `json:"outputs"`
	Tables      map[string]Table     `json:"tables"`
	Queues      map[string]Queue     `json:"queues"`
	Topics      map[string]Topic     `json:"topics"`
	Buses       map[string]Bus       `json:"buses"`
	Params      map[string]SSMParam  `json:"params"`
	Secrets     map[string]Secret    `json:"secrets"`
	Functions   map[string]Function  `json:"functions"`
	Layers      map[string]Layer     `json:"layers"`
	Proxies     map[string]Proxy     `json:"proxies"`
	FullApp

	StateMachines map[string]StateMachine `json:"stateMachines"`
}

// Defaults holds `defaults`.
type Defaults struct {
	Function FunctionSettings `json:"function"`
}

// Parameter is a template parameter.
type Parameter struct {
	Ref         Ref    `json:"ref"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
	Default     any    `json:"default,omitempty"`
	Allowed     []any  `json:"allowed,omitempty"`
	NoEcho      bool   `json:"noEcho,omitempty"`
}

// Output is a stack output.
type Output struct {
	Description string  `json:"description,omitempty"`
	Value       *string `json:"value,omitempty"`
	Sub         *string `json:"sub,omitempty"`
	Ref         *Ref    `json:"ref,omitempty"`
	Attr        string  `json:"attr,omitempty"`
	Export      string  `json:"export,omitempty"`
}

// Table is a DynamoDB table.
type Table struct {
	Ref                 Ref           `json:"ref"`
	Arn                 string        `json:"arn,omitempty"`
	Key                 *KeyAttribute `json:"key,omitempty"`
	SortKey             *KeyAttribute `json:"sortKey,omitempty"`
	Billing             string        `json:"billing"`
	Capacity            *Capacity     `json:"capacity,omitempty"`
	Stream              string        `json:"stream,omitempty"`
	TTL                 string        `json:"ttl,omitempty"`
	PointInTimeRecovery bool          `json:"pointInTimeRecovery"`
	StreamArn           string        `json:"streamArn,omitempty"`
	Tags                Tags          `json:"tags,omitempty"`
	Lint                *Lint         `json:"lint,omitempty"`
}

// Tags are resource tags.
type Tags map[string]string

// KeyAttribute is a DynamoDB key attribute.
type KeyAttribute struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// Capacity is provisioned DynamoDB throughput.
type Capacity struct {
	Read  int `json:"read"`
	Write int `json:"write"`
}

// Queue is an SQS queue.
type Queue struct {
	Ref                       Ref      `json:"ref"`
	Arn                       string   `json:"arn,omitempty"`
	Fifo                      bool     `json:"fifo"`
	ContentBasedDeduplication *bool    `json:"contentBasedDeduplication,omitempty"`
	VisibilityTimeout         int      `json:"visibilityTimeout"`
	Retention                 *int     `json:"retention,omitempty"`
	Delay                     *int     `json:"delay,omitempty"`
	Redrive                   *Redrive `json:"redrive,omitempty"`
	Tags                      Tags     `json:"tags,omitempty"`
	Lint                      *Lint    `json:"lint,omitempty"`
}

// Redrive is a queue's redrive policy.
type Redrive struct {
	DeadLetter      Ref `json:"deadLetter"`
	MaxReceiveCount int `json:"maxReceiveCount"`
}

// Topic is an SNS topic.
type Topic struct {
	Ref                       Ref    `json:"ref"`
	Arn                       string `json:"arn,omitempty"`
	Fifo                      bool   `json:"fifo"`
	ContentBasedDeduplication *bool  `json:"contentBasedDeduplication,omitempty"`
	DisplayName               string `json:"displayName,omitempty"`
	Tags                      Tags   `json:"tags,omitempty"`
	Lint                      *Lint  `json:"lint,omitempty"`
}

// Bus is an EventBridge event bus.
type Bus struct {
	Ref  Ref    `json:"ref"`
	Arn  string `json:"arn,omitempty"`
	Name string `json:"name,omitempty"`
	Tags Tags   `json:"tags,omitempty"`
	Lint *Lint  `json:"lint,omitempty"`
}

// SSMParam is an existing SSM parameter.
type SSMParam struct {
	Ref    Ref    `json:"ref"`
	Name   string `json:"name"`
	Secure bool   `json:"secure"`
}

// Secret is an existing Secrets Manager secret.
type Secret struct {
	Ref Ref    `json:"ref"`
	Arn string `json:"arn"`
}

// FunctionSettings are the fields shared by functions and
// `defaults.function`.
type FunctionSettings struct {
	Runtime          string         `json:"runtime,omitempty"`
	Handler          string         `json:"handler,omitempty"`
	Architecture     string         `json:"architecture,omitempty"`
	Memory           *int           `json:"memory,omitempty"`
	Timeout          *int           `json:"timeout,omitempty"`
	EphemeralStorage *int           `json:"ephemeralStorage,omitempty"`
	Tracing          string         `json:"tracing,omitempty"`
	Env              map[string]any `json:"env,omitempty"`
	VPC              *VPC           `json:"vpc,omitempty"`
	Logging          *Logging       `json:"logging,omitempty"`
	Tags             Tags           `json:"tags,omitempty"`
	Layers           []Ref          `json:"layers,omitempty"`
	Async            *Async         `json:"async,omitempty"`
	DeadLetter       *Ref           `json:"deadLetter,omitempty"`
	Lint             *Lint          `json:"lint,omitempty"`
}

// Function is a Lambda function.
type Function struct {
	FunctionSettings
	Ref                    Ref              `json:"ref"`
	Arn                    string           `json:"arn,omitempty"`
	Description            string           `json:"description,omitempty"`
	Source                 string           `json:"source,omitempty"`
	Image                  string           `json:"image,omitempty"`
	Build                  string           `json:"build,omitempty"`
	ReservedConcurrency    *int             `json:"reservedConcurrency,omitempty"`
	ProvisionedConcurrency *int             `json:"provisionedConcurrency,omitempty"`
	Alias                  string           `json:"alias,omitempty"`
	Access                 []Access         `json:"access"`
	Events                 map[string]Event `json:"events"`
	FunctionIAM
}

// VPC is a function's VPC configuration. Entries are IDs or refs.
type VPC struct {
	Subnets        []any `json:"subnets"`
	SecurityGroups []any `json:"securityGroups"`
}

// Logging is a function's logging configuration.
type Logging struct {
	Format           string `json:"format,omitempty"`
	ApplicationLevel string `json:"applicationLevel,omitempty"`
	SystemLevel      string `json:"systemLevel,omitempty"`
	Retention        *int   `json:"retention,omitempty"`
}

// Access is one access grant; exactly one field is set.
type Access struct {
	Read       *Ref `json:"read,omitempty"`
	Write      *Ref `json:"write,omitempty"`
	Crud       *Ref `json:"crud,omitempty"`
	StreamRead *Ref `json:"streamRead,omitempty"`
	Send       *Ref `json:"send,omitempty"`
	Poll       *Ref `json:"poll,omitempty"`
	Publish    *Ref `json:"publish,omitempty"`
	Put        *Ref `json:"put,omitempty"`
	Invoke     *Ref `json:"invoke,omitempty"`
	Start      *Ref `json:"start,omitempty"`
	Callback   *Ref `json:"callback,omitempty"`
	Rotate     *Ref `json:"rotate,omitempty"`
	Encrypt    *Ref `json:"encrypt,omitempty"`
	Decrypt    *Ref `json:"decrypt,omitempty"`
	Connect    *Ref `json:"connect,omitempty"`
}

// Grants returns the verbs set on a, with their targets, in the schema's
// field order.
func (a Access) Grants() []Grant {
	var out []Grant
	for _, g := range []Grant{
		{"read", a.Read}, {"write", a.Write}, {"crud", a.Crud}, {"streamRead", a.StreamRead},
		{"send", a.Send}, {"poll", a.Poll}, {"publish", a.Publish}, {"put", a.Put},
		{"invoke", a.Invoke}, {"start", a.Start}, {"callback", a.Callback}, {"rotate", a.Rotate},
		{"encrypt", a.Encrypt}, {"decrypt", a.Decrypt}, {"connect", a.Connect},
	} {
		if g.Target != nil {
			out = append(out, g)
		}
	}
	return out
}

// Grant is one verb on one resource.
type Grant struct {
	Verb   string
	Target *Ref
}

// Event is one function trigger; exactly one field is set.
type Event struct {
	Api         *ApiEvent         `json:"api,omitempty"`
	HttpApi     *ApiEvent         `json:"httpApi,omitempty"`
	Schedule    *ScheduleEvent    `json:"schedule,omitempty"`
	SQS         *SQSEvent         `json:"sqs,omitempty"`
	SNS         *SNSEvent         `json:"sns,omitempty"`
	EventBridge *EventBridgeEvent `json:"eventBridge,omitempty"`
	DynamoDB    *StreamEvent      `json:"dynamodb,omitempty"`
	Kinesis     *StreamEvent      `json:"kinesis,omitempty"`
	S3          *S3Event          `json:"s3,omitempty"`
	ScheduleV2  *ScheduleV2Event  `json:"scheduleV2,omitempty"`
}

// Types returns the event types set on e, in the schema's field order.
func (e Event) Types() []string {
	var out []string
	for _, t := range []struct {
		name string
		set  bool
	}{
		{"api", e.Api != nil}, {"httpApi", e.HttpApi != nil}, {"schedule", e.Schedule != nil},
		{"sqs", e.SQS != nil}, {"sns", e.SNS != nil}, {"eventBridge", e.EventBridge != nil},
		{"dynamodb", e.DynamoDB != nil}, {"kinesis", e.Kinesis != nil},
		{"s3", e.S3 != nil}, {"scheduleV2", e.ScheduleV2 != nil},
	} {
		if t.set {
			out = append(out, t.name)
		}
	}
	return out
}

// ApiEvent is a REST or HTTP API route.
type ApiEvent struct {
	Method         string   `json:"method"`
	Path           string   `json:"path"`
	Api            *Ref     `json:"api,omitempty"`
	Authorizer     string   `json:"authorizer,omitempty"`
	Scopes         []string `json:"scopes,omitempty"`
	ApiKeyRequired *bool    `json:"apiKeyRequired,omitempty"`
}

// ScheduleEvent is a schedule trigger.
type ScheduleEvent struct {
	Expression string `json:"expression"`
	Enabled    bool   `json:"enabled"`
	Input      string `json:"input,omitempty"`
}

// Filter is an event filter pattern.
type Filter struct {
	Pattern string `json:"pattern"`
}

// SQSEvent polls a queue.
type SQSEvent struct {
	Queue                   Ref      `json:"queue"`
	BatchSize               *int     `json:"batchSize,omitempty"`
	BatchWindow             *int     `json:"batchWindow,omitempty"`
	ReportBatchItemFailures bool     `json:"reportBatchItemFailures,omitempty"`
	MaxConcurrency          *int     `json:"maxConcurrency,omitempty"`
	Filters                 []Filter `json:"filters,omitempty"`
	Enabled                 *bool    `json:"enabled,omitempty"`
}

// SNSEvent subscribes to a topic.
type SNSEvent struct {
	Topic             Ref            `json:"topic"`
	FilterPolicy      map[string]any `json:"filterPolicy,omitempty"`
	FilterPolicyScope string         `json:"filterPolicyScope,omitempty"`
	DeadLetter        *Ref           `json:"deadLetter,omitempty"`
}

// EventBridgeEvent is an EventBridge rule on the function.
type EventBridgeEvent struct {
	Bus         *Ref           `json:"bus,omitempty"`
	Pattern     map[string]any `json:"pattern"`
	DeadLetter  *Ref           `json:"deadLetter,omitempty"`
	Retries     *int           `json:"retries,omitempty"`
	MaxEventAge *int           `json:"maxEventAge,omitempty"`
}

// StreamEvent consumes a DynamoDB or Kinesis stream.
type StreamEvent struct {
	Table                   *Ref     `json:"table,omitempty"`
	Stream                  any      `json:"stream,omitempty"`
	StartingPosition        string   `json:"startingPosition"`
	StartingTimestamp       *float64 `json:"startingTimestamp,omitempty"`
	BatchSize               *int     `json:"batchSize,omitempty"`
	BatchWindow             *int     `json:"batchWindow,omitempty"`
	Retries                 *int     `json:"retries,omitempty"`
	MaxRecordAge            *int     `json:"maxRecordAge,omitempty"`
	Bisect                  *bool    `json:"bisect,omitempty"`
	Parallelization         *int     `json:"parallelization,omitempty"`
	TumblingWindow          *int     `json:"tumblingWindow,omitempty"`
	ReportBatchItemFailures bool     `json:"reportBatchItemFailures,omitempty"`
	OnFailure               *Ref     `json:"onFailure,omitempty"`
	Filters                 []Filter `json:"filters,omitempty"`
	Enabled                 *bool    `json:"enabled,omitempty"`
}
