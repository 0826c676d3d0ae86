package schema

// Event is one function trigger, the CUE `#Event`; exactly one field is
// set. [EventTypes] has a row per field.
type Event struct {
	Api         *ApiEvent         `json:"api,omitempty"`
	HttpApi     *ApiEvent         `json:"httpApi,omitempty"`
	Schedule    *ScheduleEvent    `json:"schedule,omitempty"`
	SQS         *SQSEvent         `json:"sqs,omitempty"`
	SNS         *SNSEvent         `json:"sns,omitempty"`
	EventBridge *EventBridgeEvent `json:"eventBridge,omitempty"`
	DynamoDB    *DynamoDBEvent    `json:"dynamodb,omitempty"`
	Kinesis     *KinesisEvent     `json:"kinesis,omitempty"`
	S3          *S3Event          `json:"s3,omitempty"`
	ScheduleV2  *ScheduleV2Event  `json:"scheduleV2,omitempty"`
}

// EventType describes one event type of a function: a field of #Event.
type EventType struct {
	// Name is the field of #Event ("sqs").
	Name string
	// SAMType is the event's `Type` in SAM ("SQS").
	SAMType string
	// Async marks sources that invoke the function asynchronously, so its
	// async destinations and dead-letter target receive what fails.
	Async bool
	// Poller marks sources Lambda polls with an event source mapping.
	Poller bool
	// Stream marks ordered streams: a failing batch blocks its shard, and
	// bisect, retries and an on-failure destination apply.
	Stream bool
	// ManagedPolicy is the AWS managed policy SAM attaches to the
	// function's role for the source, if any.
	ManagedPolicy string
	// SAMResources are the suffixes of the logical IDs SAM generates for
	// the event, after <Function ID><Event ID>: "" for the event's own
	// resource (a mapping, a rule, a subscription), "Permission" for the
	// invoke permission. An `api` event's permission also takes the
	// stage's name (see [SAMEventIDs]).
	SAMResources []string
	// options returns the event's typed options when this type is set.
	options func(e *Event) (any, bool)
}

func set[T any](p *T) (any, bool) { return p, p != nil }

// EventTypes lists the function event types in the order of #Event's
// fields.
var EventTypes = []EventType{
	{Name: "api", SAMType: "Api", SAMResources: []string{"Permission"},
		options: func(e *Event) (any, bool) { return set(e.Api) }},
	{Name: "httpApi", SAMType: "HttpApi", SAMResources: []string{"Permission"},
		options: func(e *Event) (any, bool) { return set(e.HttpApi) }},
	{Name: "schedule", SAMType: "Schedule", Async: true, SAMResources: []string{"", "Permission"},
		options: func(e *Event) (any, bool) { return set(e.Schedule) }},
	{Name: "sqs", SAMType: "SQS", Poller: true, ManagedPolicy: "AWSLambdaSQSQueueExecutionRole", SAMResources: []string{""},
		options: func(e *Event) (any, bool) { return set(e.SQS) }},
	{Name: "sns", SAMType: "SNS", Async: true, SAMResources: []string{"", "Permission"},
		options: func(e *Event) (any, bool) { return set(e.SNS) }},
	{Name: "eventBridge", SAMType: "EventBridgeRule", Async: true, SAMResources: []string{"", "Permission"},
		options: func(e *Event) (any, bool) { return set(e.EventBridge) }},
	{Name: "dynamodb", SAMType: "DynamoDB", Poller: true, Stream: true, ManagedPolicy: "AWSLambdaDynamoDBExecutionRole", SAMResources: []string{""},
		options: func(e *Event) (any, bool) { return set(e.DynamoDB) }},
	{Name: "kinesis", SAMType: "Kinesis", Poller: true, Stream: true, ManagedPolicy: "AWSLambdaKinesisExecutionRole", SAMResources: []string{""},
		options: func(e *Event) (any, bool) { return set(e.Kinesis) }},
	{Name: "s3", SAMType: "S3", Async: true, SAMResources: []string{"Permission"},
		options: func(e *Event) (any, bool) { return set(e.S3) }},
	{Name: "scheduleV2", SAMType: "ScheduleV2", Async: true, SAMResources: []string{"", "Role"},
		options: func(e *Event) (any, bool) { return set(e.ScheduleV2) }},
}

// EventTypeNames returns the names of the event types, in table order.
func EventTypeNames() []string {
	out := make([]string, len(EventTypes))
	for i, t := range EventTypes {
		out[i] = t.Name
	}
	return out
}

// Types returns the rows of the event types set on e.
func (e Event) Types() []EventType {
	var out []EventType
	for _, t := range EventTypes {
		if _, ok := t.options(&e); ok {
			out = append(out, t)
		}
	}
	return out
}

// Type returns the one event type set on e, and its options; ok is false
// when none or several are set (SG002).
func (e Event) Type() (t EventType, options any, ok bool) {
	ts := e.Types()
	if len(ts) != 1 {
		return EventType{}, nil, false
	}
	options, _ = ts[0].options(&e)
	return ts[0], options, true
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
	Input      Value  `json:"input,omitempty"`
}

// ScheduleV2Event is an EventBridge Scheduler schedule.
type ScheduleV2Event struct {
	Expression     string `json:"expression"`
	Timezone       string `json:"timezone,omitempty"`
	FlexibleWindow Value  `json:"flexibleWindow,omitempty"`
	Enabled        bool   `json:"enabled"`
	Input          Value  `json:"input,omitempty"`
	Retries        Value  `json:"retries,omitempty"`
	MaxEventAge    Value  `json:"maxEventAge,omitempty"`
	DeadLetter     *Ref   `json:"deadLetter,omitempty"`
}

// Filter is an event filter pattern.
type Filter struct {
	Pattern string `json:"pattern"`
}

// SQSEvent polls a queue.
type SQSEvent struct {
	Queue                   Ref      `json:"queue"`
	BatchSize               Value    `json:"batchSize,omitempty"`
	BatchWindow             Value    `json:"batchWindow,omitempty"`
	ReportBatchItemFailures bool     `json:"reportBatchItemFailures,omitempty"`
	MaxConcurrency          Value    `json:"maxConcurrency,omitempty"`
	Filters                 []Filter `json:"filters,omitempty"`
	Enabled                 Value    `json:"enabled,omitempty"`
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
	Retries     Value          `json:"retries,omitempty"`
	MaxEventAge Value          `json:"maxEventAge,omitempty"`
}

// StreamEvent holds the options DynamoDB and Kinesis events share: the
// CUE `#StreamEvent`.
type StreamEvent struct {
	StartingPosition        string   `json:"startingPosition"`
	BatchSize               Value    `json:"batchSize,omitempty"`
	BatchWindow             Value    `json:"batchWindow,omitempty"`
	Retries                 Value    `json:"retries,omitempty"`
	MaxRecordAge            Value    `json:"maxRecordAge,omitempty"`
	Bisect                  Value    `json:"bisect,omitempty"`
	Parallelization         Value    `json:"parallelization,omitempty"`
	TumblingWindow          Value    `json:"tumblingWindow,omitempty"`
	ReportBatchItemFailures bool     `json:"reportBatchItemFailures,omitempty"`
	OnFailure               *Ref     `json:"onFailure,omitempty"`
	Filters                 []Filter `json:"filters,omitempty"`
	Enabled                 Value    `json:"enabled,omitempty"`
}

// StreamOptions returns the options themselves; DynamoDB and Kinesis
// events embed them, so both answer [Streamed].
func (s *StreamEvent) StreamOptions() *StreamEvent { return s }

// Streamed is an event of a stream source.
type Streamed interface{ StreamOptions() *StreamEvent }

// DynamoDBEvent consumes a table's stream.
type DynamoDBEvent struct {
	StreamEvent
	Table Ref `json:"table"`
}

// KinesisEvent consumes a Kinesis data stream: a ref, an ARN or an
// expression.
type KinesisEvent struct {
	StreamEvent
	Stream            Value `json:"stream"`
	StartingTimestamp Value `json:"startingTimestamp,omitempty"`
}

// S3Event is a bucket notification.
type S3Event struct {
	Bucket Ref      `json:"bucket"`
	Events []string `json:"events"`
	Prefix Value    `json:"prefix,omitempty"`
	Suffix Value    `json:"suffix,omitempty"`
}

// Filtered is an event of a source that takes filters.
type Filtered interface{ FilterList() []Filter }

// FilterList returns the SQS event's filters.
func (s *SQSEvent) FilterList() []Filter { return s.Filters }

// FilterList returns the stream event's filters.
func (s *StreamEvent) FilterList() []Filter { return s.Filters }
