package schema

// The Go model mirrors the CUE definitions field for field (model_test.go
// walks #App to prove it), one Go file per CUE file. Load decodes into it
// by the json tags, as [cue.Value.Decode] would (decode.go). Optional CUE
// fields are pointers (or nil maps and slices) so "unset" stays distinct
// from a zero value: SAM defaults differ from Go's.

// App is a decoded `#App`.
type App struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Defaults    Defaults `json:"defaults"`

	Parameters map[string]Parameter `json:"parameters"`
	Mappings   map[string]Mapping   `json:"mappings"`
	Conditions map[string]Condition `json:"conditions"`
	Outputs    map[string]Output    `json:"outputs"`

	Functions     map[string]Function     `json:"functions"`
	Layers        map[string]Layer        `json:"layers"`
	StateMachines map[string]StateMachine `json:"stateMachines"`

	Tables  map[string]Table  `json:"tables"`
	Queues  map[string]Queue  `json:"queues"`
	Topics  map[string]Topic  `json:"topics"`
	Buses   map[string]Bus    `json:"buses"`
	Buckets map[string]Bucket `json:"buckets"`
	Streams map[string]Stream `json:"streams"`
	Keys    map[string]Key    `json:"keys"`

	LogGroups         map[string]CloudWatchLogGroup `json:"logGroups"`
	Alarms            map[string]Alarm              `json:"alarms"`
	CapacityProviders map[string]CapacityProvider   `json:"capacityProviders"`

	Params  map[string]SSMParam `json:"params"`
	Secrets map[string]Secret   `json:"secrets"`
	Proxies map[string]Proxy    `json:"proxies"`

	HttpApis        map[string]HttpApi      `json:"httpApis"`
	ImplicitHttpApi *HttpApiSettings        `json:"implicitHttpApi"`
	Apis            map[string]RestApi      `json:"apis"`
	ImplicitApi     *RestApiSettings        `json:"implicitApi"`
	WebSocketApis   map[string]WebSocketApi `json:"webSocketApis"`
	Rules           map[string]EventRule    `json:"rules"`
	Subscriptions   map[string]Subscription `json:"subscriptions"`

	Resources   map[string]RawResource       `json:"resources"`
	Overrides   map[string]map[string]any    `json:"overrides"`
	DiscardsIAM map[string]map[string]string `json:"discardsIAM"`

	// notified holds the buckets a function's s3 event names, listed on
	// the first call of Notifies (the model does not change once loaded).
	notified map[string]bool
	// hooks holds the deployment hooks by the function that runs them,
	// listed on the first call of HooksOf.
	hooks map[string][]DeploymentHook
	// iamAuthed holds the APIs an event authorizes with AWS_IAM, listed on
	// the first call of UsesIAMAuth.
	iamAuthed map[Ref]bool
}

// Defaults holds `defaults`.
type Defaults struct {
	Function FunctionSettings `json:"function"`
}
