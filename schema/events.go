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

	MSK              *MSKEvent              `json:"msk,omitempty"`
	SelfManagedKafka *SelfManagedKafkaEvent `json:"selfManagedKafka,omitempty"`
	MQ               *MQEvent               `json:"mq,omitempty"`
	DocumentDB       *DocumentDBEvent       `json:"documentDB,omitempty"`
	CloudWatchLogs   *CloudWatchLogsEvent   `json:"cloudWatchLogs,omitempty"`
	IoT              *IoTRuleEvent          `json:"iot,omitempty"`
	Cognito          *CognitoEvent          `json:"cognito,omitempty"`
	Alexa            *AlexaSkillEvent       `json:"alexa,omitempty"`
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
	// SAMFunctionResources are the suffixes of the IDs SAM generates for
	// the event after the function's ID alone, one per function whatever
	// its events of the type (a Cognito trigger's permission).
	SAMFunctionResources []string
	// SAMAliases are the other SAM types of the same event, which SAM
	// renders alike ("CloudWatchEvent" is the older name of
	// "EventBridgeRule").
	SAMAliases []string
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
	{Name: "eventBridge", SAMType: "EventBridgeRule", SAMAliases: []string{"CloudWatchEvent"}, Async: true, SAMResources: []string{"", "Permission"},
		options: func(e *Event) (any, bool) { return set(e.EventBridge) }},
	{Name: "dynamodb", SAMType: "DynamoDB", Poller: true, Stream: true, ManagedPolicy: "AWSLambdaDynamoDBExecutionRole", SAMResources: []string{""},
		options: func(e *Event) (any, bool) { return set(e.DynamoDB) }},
	{Name: "kinesis", SAMType: "Kinesis", Poller: true, Stream: true, ManagedPolicy: "AWSLambdaKinesisExecutionRole", SAMResources: []string{""},
		options: func(e *Event) (any, bool) { return set(e.Kinesis) }},
	{Name: "s3", SAMType: "S3", Async: true, SAMResources: []string{"Permission"},
		options: func(e *Event) (any, bool) { return set(e.S3) }},
	{Name: "scheduleV2", SAMType: "ScheduleV2", Async: true, SAMResources: []string{"", "Role"},
		options: func(e *Event) (any, bool) { return set(e.ScheduleV2) }},
	{Name: "msk", SAMType: "MSK", Poller: true, Stream: true, ManagedPolicy: "AWSLambdaMSKExecutionRole", SAMResources: []string{""},
		options: func(e *Event) (any, bool) { return set(e.MSK) }},
	{Name: "selfManagedKafka", SAMType: "SelfManagedKafka", Poller: true, Stream: true, SAMResources: []string{""},
		options: func(e *Event) (any, bool) { return set(e.SelfManagedKafka) }},
	{Name: "mq", SAMType: "MQ", Poller: true, SAMResources: []string{""},
		options: func(e *Event) (any, bool) { return set(e.MQ) }},
	{Name: "documentDB", SAMType: "DocumentDB", Poller: true, Stream: true, SAMResources: []string{""},
		options: func(e *Event) (any, bool) { return set(e.DocumentDB) }},
	{Name: "cloudWatchLogs", SAMType: "CloudWatchLogs", Async: true, SAMResources: []string{"", "Permission"},
		options: func(e *Event) (any, bool) { return set(e.CloudWatchLogs) }},
	{Name: "iot", SAMType: "IoTRule", Async: true, SAMResources: []string{"", "Permission"},
		options: func(e *Event) (any, bool) { return set(e.IoT) }},
	{Name: "cognito", SAMType: "Cognito", SAMFunctionResources: []string{"CognitoPermission"},
		options: func(e *Event) (any, bool) { return set(e.Cognito) }},
	{Name: "alexa", SAMType: "AlexaSkill", SAMResources: []string{"Permission"},
		options: func(e *Event) (any, bool) { return set(e.Alexa) }},
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
	Expression  string `json:"expression"`
	Name        Value  `json:"name,omitempty"`
	Description Value  `json:"description,omitempty"`
	Enabled     bool   `json:"enabled"`
	Input       Value  `json:"input,omitempty"`
}

// ScheduleV2Event is an EventBridge Scheduler schedule.
type ScheduleV2Event struct {
	Expression     string `json:"expression"`
	Name           Value  `json:"name,omitempty"`
	Description    Value  `json:"description,omitempty"`
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
	PollerOptions
	Enabled Value `json:"enabled,omitempty"`
}

// PollerOptions are the options every event source mapping takes: the
// CUE `#PollerOptions`.
type PollerOptions struct {
	FilterKmsKey Value    `json:"filterKmsKey,omitempty"`
	Metrics      []string `json:"metrics,omitempty"`
}

// Polled is an event of a source Lambda polls with an event source
// mapping that takes the common poller options.
type Polled interface{ Poller() *PollerOptions }

// Poller returns the options themselves.
func (p *PollerOptions) Poller() *PollerOptions { return p }

// SNSEvent subscribes to a topic.
type SNSEvent struct {
	Topic             Ref            `json:"topic"`
	FilterPolicy      map[string]any `json:"filterPolicy,omitempty"`
	FilterPolicyScope string         `json:"filterPolicyScope,omitempty"`
	DeadLetter        *Ref           `json:"deadLetter,omitempty"`
}

// Redriven reports whether the SNS event has a dead-letter queue: SAM's
// schema takes no RedrivePolicy on an SNS event, so samgen renders its
// subscription and permission itself (with the IDs SAM would give them).
func (s *SNSEvent) Redriven() bool { return s != nil && s.DeadLetter != nil }

// EventBridgeEvent is an EventBridge rule on the function.
type EventBridgeEvent struct {
	Bus         *Ref           `json:"bus,omitempty"`
	Pattern     map[string]any `json:"pattern"`
	DeadLetter  *Ref           `json:"deadLetter,omitempty"`
	Retries     Value          `json:"retries,omitempty"`
	MaxEventAge Value          `json:"maxEventAge,omitempty"`
	// InputTransformer makes the target's input from the event.
	InputTransformer *InputTransformer `json:"inputTransformer,omitempty"`
}

// InputTransformer makes a rule target's input from values of the
// matched event: the CUE `#InputTransformer`.
type InputTransformer struct {
	Paths    map[string]string `json:"paths,omitempty"`
	Template string            `json:"template"`
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
	PollerOptions
	Enabled Value `json:"enabled,omitempty"`
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

// KafkaEvent holds the options MSK and self-managed Kafka events share:
// the CUE `#KafkaEvent`.
type KafkaEvent struct {
	Topic                   string   `json:"topic"`
	StartingPosition        string   `json:"startingPosition"`
	StartingTimestamp       Value    `json:"startingTimestamp,omitempty"`
	ConsumerGroup           string   `json:"consumerGroup,omitempty"`
	BatchSize               Value    `json:"batchSize,omitempty"`
	Retries                 Value    `json:"retries,omitempty"`
	MaxRecordAge            Value    `json:"maxRecordAge,omitempty"`
	Bisect                  Value    `json:"bisect,omitempty"`
	ReportBatchItemFailures bool     `json:"reportBatchItemFailures,omitempty"`
	Filters                 []Filter `json:"filters,omitempty"`
	PollerOptions
	Pollers *Pollers `json:"pollers,omitempty"`
	Enabled Value    `json:"enabled,omitempty"`
}

// Kafka returns the options themselves; MSK and self-managed Kafka events
// embed them, so both answer [Kafka].
func (k *KafkaEvent) Kafka() *KafkaEvent { return k }

// KafkaSource is an event of a Kafka source.
type KafkaSource interface{ Kafka() *KafkaEvent }

// FilterList returns the Kafka event's filters.
func (k *KafkaEvent) FilterList() []Filter { return k.Filters }

// Pollers is the provisioned mode of a Kafka event source.
type Pollers struct {
	Min   Value  `json:"min,omitempty"`
	Max   Value  `json:"max,omitempty"`
	Group string `json:"group,omitempty"`
}

// MSKEvent consumes a topic of an MSK cluster.
type MSKEvent struct {
	KafkaEvent
	Cluster     Value    `json:"cluster"`
	BatchWindow Value    `json:"batchWindow,omitempty"`
	Auth        *MSKAuth `json:"auth,omitempty"`
	OnFailure   *Ref     `json:"onFailure,omitempty"`
}

// MSKAuth authenticates an MSK event source with a secret.
type MSKAuth struct {
	Type   string `json:"type"`
	Secret Value  `json:"secret"`
}

// SelfManagedKafkaEvent consumes a topic of a Kafka cluster that is not
// MSK.
type SelfManagedKafkaEvent struct {
	KafkaEvent
	Brokers []string   `json:"brokers"`
	Auth    *KafkaAuth `json:"auth,omitempty"`
	RootCa  Value      `json:"rootCa,omitempty"`
	VPC     *VPC       `json:"vpc,omitempty"`
}

// KafkaAuth authenticates a self-managed Kafka event source.
type KafkaAuth struct {
	Type   string `json:"type"`
	Secret Value  `json:"secret"`
}

// MQEvent consumes a queue of an Amazon MQ broker.
type MQEvent struct {
	Broker       Value    `json:"broker"`
	Engine       string   `json:"engine"`
	Queue        string   `json:"queue"`
	Secret       Value    `json:"secret"`
	VirtualHost  string   `json:"virtualHost,omitempty"`
	BatchSize    Value    `json:"batchSize,omitempty"`
	BatchWindow  Value    `json:"batchWindow,omitempty"`
	Filters      []Filter `json:"filters,omitempty"`
	FilterKmsKey Value    `json:"filterKmsKey,omitempty"`
	Enabled      Value    `json:"enabled,omitempty"`
}

// FilterList returns the MQ event's filters.
func (m *MQEvent) FilterList() []Filter { return m.Filters }

// DocumentDBEvent consumes the change stream of a DocumentDB collection.
type DocumentDBEvent struct {
	Cluster           Value    `json:"cluster"`
	Database          string   `json:"database"`
	Collection        string   `json:"collection,omitempty"`
	FullDocument      string   `json:"fullDocument,omitempty"`
	Secret            Value    `json:"secret"`
	StartingPosition  string   `json:"startingPosition,omitempty"`
	StartingTimestamp Value    `json:"startingTimestamp,omitempty"`
	BatchSize         Value    `json:"batchSize,omitempty"`
	BatchWindow       Value    `json:"batchWindow,omitempty"`
	Filters           []Filter `json:"filters,omitempty"`
	FilterKmsKey      Value    `json:"filterKmsKey,omitempty"`
	Enabled           Value    `json:"enabled,omitempty"`
}

// FilterList returns the DocumentDB event's filters.
func (d *DocumentDBEvent) FilterList() []Filter { return d.Filters }

// CloudWatchLogsEvent is a subscription filter of a log group.
type CloudWatchLogsEvent struct {
	LogGroup      Value  `json:"logGroup"`
	FilterPattern string `json:"filterPattern"`
}

// IoTRuleEvent is an AWS IoT topic rule.
type IoTRuleEvent struct {
	SQL        string `json:"sql"`
	SQLVersion string `json:"sqlVersion,omitempty"`
}

// CognitoEvent makes the function a user pool trigger.
type CognitoEvent struct {
	UserPool Ref      `json:"userPool"`
	Triggers []string `json:"triggers"`
}

// AlexaSkillEvent lets an Alexa skill invoke the function.
type AlexaSkillEvent struct {
	SkillID string `json:"skillId"`
}

// PolledSource returns what a polled event's mapping reads, when the spec
// declares it, and the field of the options naming it: an SQS event's
// queue, a Kinesis event's stream (not one given by ARN), a DynamoDB
// event's table; ok is false for another event.
func PolledSource(options any) (r Ref, field string, ok bool) {
	switch o := options.(type) {
	case *SQSEvent:
		return o.Queue, "queue", true
	case *KinesisEvent:
		r, _, ok := o.Stream.Ref()
		return r, "stream", ok
	case *DynamoDBEvent:
		return o.Table, "table", true
	}
	return Ref{}, "", false
}

// OnFailureOf returns the on-failure destination of an event's options: a
// stream event's or an MSK event's (their mappings take a
// DestinationConfig); nil for another event or none.
func OnFailureOf(options any) *Ref {
	switch o := options.(type) {
	case Streamed:
		return o.StreamOptions().OnFailure
	case *MSKEvent:
		return o.OnFailure
	}
	return nil
}
