package schema

import (
	"encoding/json"
	"fmt"
)

// StateMachine is a decoded `#StateMachine`.
type StateMachine struct {
	Resource
	Linted
	Name          Value                        `json:"name,omitempty"`
	Type          string                       `json:"type"`
	Comment       string                       `json:"comment,omitempty"`
	QueryLanguage string                       `json:"queryLanguage,omitempty"`
	StartAt       string                       `json:"startAt,omitempty"`
	States        map[string]State             `json:"states,omitempty"`
	Timeout       *int                         `json:"timeout,omitempty"`
	Logging       *StateMachineLogging         `json:"logging,omitempty"`
	Tracing       bool                         `json:"tracing,omitempty"`
	Events        map[string]StateMachineEvent `json:"events,omitempty"`
	Tags          Tags                         `json:"tags,omitempty"`

	DefinitionFile          string                  `json:"definitionFile,omitempty"`
	DefinitionSubstitutions map[string]Value        `json:"definitionSubstitutions,omitempty"`
	InlineDefinition        bool                    `json:"inlineDefinition"`
	Statements              []Statement             `json:"statements,omitempty"`
	Role                    Value                   `json:"role,omitempty"`
	PermissionsBoundary     Value                   `json:"permissionsBoundary,omitempty"`
	RolePath                Value                   `json:"rolePath,omitempty"`
	Alias                   string                  `json:"alias,omitempty"`
	Deployment              *StateMachineDeployment `json:"deployment,omitempty"`
	AliasAsEventTarget      *bool                   `json:"aliasAsEventTarget,omitempty"`
	PropagateTags           *bool                   `json:"propagateTags,omitempty"`

	// Definition is what samgen read from DefinitionFile: the document as
	// written, for an inline render, and where each of its values is.
	Definition *Definition `json:"-"`
}

// StateMachineDeployment is a state machine's `deployment`.
type StateMachineDeployment struct {
	Type       string  `json:"type"`
	Percentage *int    `json:"percentage,omitempty"`
	Interval   *int    `json:"interval,omitempty"`
	Alarms     []Value `json:"alarms,omitempty"`
}

// StateMachineLogging is a state machine's `logging`.
type StateMachineLogging struct {
	Level                string    `json:"level"`
	IncludeExecutionData bool      `json:"includeExecutionData"`
	Retention            Value     `json:"retention"`
	LogGroup             *LogGroup `json:"logGroup,omitempty"`
}

// StateMachineEvent starts executions; exactly one field is set.
type StateMachineEvent struct {
	Schedule    *ScheduleEvent    `json:"schedule,omitempty"`
	Api         *ApiEvent         `json:"api,omitempty"`
	ScheduleV2  *ScheduleV2Event  `json:"scheduleV2,omitempty"`
	EventBridge *EventBridgeEvent `json:"eventBridge,omitempty"`
}

// StateMachineEventType describes one event type of a state machine: a
// field of #StateMachineEvent.
type StateMachineEventType struct {
	// Name is the field of #StateMachineEvent; SAMType the event's SAM
	// `Type`.
	Name, SAMType string
	// SAMResources are the suffixes of the logical IDs SAM generates for
	// the event after <State machine ID><Event ID>, as for [EventType].
	SAMResources []string
	set          func(e *StateMachineEvent) bool
}

// StateMachineEventTypes lists the state machine event types in the order
// of #StateMachineEvent's fields.
var StateMachineEventTypes = []StateMachineEventType{
	{"schedule", "Schedule", []string{"", "Role"}, func(e *StateMachineEvent) bool { return e.Schedule != nil }},
	{"api", "Api", []string{"Role"}, func(e *StateMachineEvent) bool { return e.Api != nil }},
	{"scheduleV2", "ScheduleV2", []string{"", "Role"}, func(e *StateMachineEvent) bool { return e.ScheduleV2 != nil }},
	{"eventBridge", "EventBridgeRule", []string{"", "Role"}, func(e *StateMachineEvent) bool { return e.EventBridge != nil }},
}

// Types returns the rows of the event types set on e.
func (e *StateMachineEvent) Types() []StateMachineEventType {
	var out []StateMachineEventType
	for _, t := range StateMachineEventTypes {
		if t.set(e) {
			out = append(out, t)
		}
	}
	return out
}

// Branch is a Parallel branch or a Map item processor.
type Branch struct {
	StartAt         string           `json:"startAt"`
	States          map[string]State `json:"states"`
	Comment         string           `json:"comment,omitempty"`
	ProcessorConfig map[string]any   `json:"processorConfig,omitempty"`
}

// State is one ASL state. Fields not used by its type are unset.
type State struct {
	Type          string `json:"type"`
	Comment       string `json:"comment,omitempty"`
	Next          string `json:"next,omitempty"`
	End           bool   `json:"end,omitempty"`
	QueryLanguage string `json:"queryLanguage,omitempty"`

	// Paths that may be null in ASL are kept as raw JSON: nil when unset,
	// "null" when the user wrote null (which discards the value).
	InputPath      json.RawMessage `json:"inputPath,omitempty"`
	OutputPath     json.RawMessage `json:"outputPath,omitempty"`
	ResultPath     json.RawMessage `json:"resultPath,omitempty"`
	Parameters     map[string]any  `json:"parameters,omitempty"`
	ResultSelector map[string]any  `json:"resultSelector,omitempty"`
	Arguments      any             `json:"arguments,omitempty"`
	Output         any             `json:"output,omitempty"`
	Assign         map[string]any  `json:"assign,omitempty"`

	Retry            []Retrier `json:"retry,omitempty"`
	Catch            []Catcher `json:"catch,omitempty"`
	TimeoutSeconds   *int      `json:"timeoutSeconds,omitempty"`
	HeartbeatSeconds *int      `json:"heartbeatSeconds,omitempty"`

	Result         any            `json:"result,omitempty"`
	Seconds        *int           `json:"seconds,omitempty"`
	Timestamp      string         `json:"timestamp,omitempty"`
	SecondsPath    string         `json:"secondsPath,omitempty"`
	TimestampPath  string         `json:"timestampPath,omitempty"`
	Choices        []ChoiceRule   `json:"choices,omitempty"`
	Default        string         `json:"default,omitempty"`
	Branches       []Branch       `json:"branches,omitempty"`
	ItemsPath      string         `json:"itemsPath,omitempty"`
	Items          any            `json:"items,omitempty"`
	ItemSelector   map[string]any `json:"itemSelector,omitempty"`
	MaxConcurrency *int           `json:"maxConcurrency,omitempty"`
	ItemProcessor  *Branch        `json:"itemProcessor,omitempty"`
	Error          string         `json:"error,omitempty"`
	Cause          string         `json:"cause,omitempty"`
	ErrorPath      string         `json:"errorPath,omitempty"`
	CausePath      string         `json:"causePath,omitempty"`

	Integration      string            `json:"integration,omitempty"`
	Pattern          string            `json:"pattern,omitempty"`
	Table            *Ref              `json:"table,omitempty"`
	Key              map[string]any    `json:"key,omitempty"`
	Item             map[string]any    `json:"item,omitempty"`
	UpdateExpression string            `json:"updateExpression,omitempty"`
	Queue            *Ref              `json:"queue,omitempty"`
	MessageBody      any               `json:"messageBody,omitempty"`
	Topic            *Ref              `json:"topic,omitempty"`
	Message          any               `json:"message,omitempty"`
	Subject          string            `json:"subject,omitempty"`
	Entries          []EventEntry      `json:"entries,omitempty"`
	Function         *RefOrArn         `json:"function,omitempty"`
	Payload          any               `json:"payload,omitempty"`
	InvocationType   string            `json:"invocationType,omitempty"`
	StateMachine     *RefOrArn         `json:"stateMachine,omitempty"`
	Input            any               `json:"input,omitempty"`
	Job              Value             `json:"job,omitempty"`
	JobArguments     map[string]string `json:"jobArguments,omitempty"`
	JobName          string            `json:"jobName,omitempty"`
	JobDefinition    Value             `json:"jobDefinition,omitempty"`
	JobQueue         Value             `json:"jobQueue,omitempty"`
	Cluster          Value             `json:"cluster,omitempty"`
	TaskDefinition   Value             `json:"taskDefinition,omitempty"`
	LaunchType       string            `json:"launchType,omitempty"`
	PassRoles        []Value           `json:"passRoles,omitempty"`
	TrainingJobName  string            `json:"trainingJobName,omitempty"`
	Role             Value             `json:"role,omitempty"`
	QueryString      string            `json:"queryString,omitempty"`
	WorkGroup        string            `json:"workGroup,omitempty"`
	OutputLocation   string            `json:"outputLocation,omitempty"`
	Database         string            `json:"database,omitempty"`
	Model            string            `json:"model,omitempty"`
	Body             any               `json:"body,omitempty"`
	Endpoint         string            `json:"endpoint,omitempty"`
	Method           string            `json:"method,omitempty"`
	Connection       Value             `json:"connection,omitempty"`
	Api              Value             `json:"api,omitempty"`
	Stage            string            `json:"stage,omitempty"`
	Path             string            `json:"path,omitempty"`
	Project          Value             `json:"project,omitempty"`
	Service          string            `json:"service,omitempty"`
	Action           string            `json:"action,omitempty"`
	IAM              []SDKStatement    `json:"iam,omitempty"`
}

// Retrier is an ASL retrier.
type Retrier struct {
	ErrorEquals     []string `json:"errorEquals"`
	IntervalSeconds *int     `json:"intervalSeconds,omitempty"`
	MaxAttempts     *int     `json:"maxAttempts,omitempty"`
	BackoffRate     *float64 `json:"backoffRate,omitempty"`
	MaxDelaySeconds *int     `json:"maxDelaySeconds,omitempty"`
	JitterStrategy  string   `json:"jitterStrategy,omitempty"`
}

// Catcher is an ASL catcher.
type Catcher struct {
	ErrorEquals []string        `json:"errorEquals"`
	Next        string          `json:"next"`
	ResultPath  json.RawMessage `json:"resultPath,omitempty"`
	Output      any             `json:"output,omitempty"`
	Assign      map[string]any  `json:"assign,omitempty"`
}

// ChoiceRule is an ASL choice rule, kept as decoded: its camelCase keys
// map one to one onto the ASL names.
type ChoiceRule map[string]any

// EventEntry is one event of an EventBridge putEvents task.
type EventEntry struct {
	Bus        *Ref   `json:"bus,omitempty"`
	Source     string `json:"source"`
	DetailType string `json:"detailType"`
	Detail     any    `json:"detail"`
}

// SDKStatement is an IAM statement an AWS SDK task declares.
type SDKStatement struct {
	Actions   []string `json:"actions"`
	Resources []string `json:"resources"`
}

// RefOrArn is a reference to a declared resource or the ARN of an
// existing one.
type RefOrArn struct {
	Ref *Ref
	Arn string
}

// UnmarshalJSON decodes a `#Ref | #Arn` value.
func (r *RefOrArn) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &r.Arn)
	}
	r.Ref = &Ref{}
	if err := json.Unmarshal(b, r.Ref); err != nil {
		return fmt.Errorf("want a reference or an ARN: %w", err)
	}
	return nil
}

// Terminal reports whether the state ends its workflow by its type.
func (s State) Terminal() bool { return s.Type == "Succeed" || s.Type == "Fail" }
