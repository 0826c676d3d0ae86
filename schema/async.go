package schema

// Async is a function's asynchronous invocation configuration: the CUE
// `#Async`.
type Async struct {
	Retries     *int `json:"retries,omitempty"`
	MaxEventAge *int `json:"maxEventAge,omitempty"`
	OnSuccess   *Ref `json:"onSuccess,omitempty"`
	OnFailure   *Ref `json:"onFailure,omitempty"`
}

// Lint tunes the best-practice rules for one resource: the CUE `#Lint`.
type Lint struct {
	// Ignore maps a rule ID to the user's reason for silencing it.
	Ignore map[string]string `json:"ignore,omitempty"`
}

// AsyncOf returns the asynchronous invocation configuration of function
// name, its own or else that of `defaults.function` (a function's own
// replaces the defaults' as a whole), and the spec path it was declared at;
// nil and "" when neither declares one.
func (a *App) AsyncOf(name string) (*Async, string) {
	if f := a.Functions[name]; f.Async != nil {
		return f.Async, "functions." + name + ".async"
	}
	if d := a.Defaults.Function.Async; d != nil {
		return d, "defaults.function.async"
	}
	return nil, ""
}

// DeadLetterOf returns the dead-letter target of function name, its own or
// that of `defaults.function`, and the spec path it was declared at.
func (a *App) DeadLetterOf(name string) (*Ref, string) {
	if f := a.Functions[name]; f.DeadLetter != nil {
		return f.DeadLetter, "functions." + name + ".deadLetter"
	}
	if d := a.Defaults.Function.DeadLetter; d != nil {
		return d, "defaults.function.deadLetter"
	}
	return nil, ""
}

// DestinationType is the SAM `Type` of an asynchronous destination or
// dead-letter target of the given kind, "" when the kind is not one.
var DestinationType = map[string]string{
	"queue":    "SQS",
	"topic":    "SNS",
	"function": "Lambda",
	"bus":      "EventBridge",
	"bucket":   "S3Bucket",
}
