package schema

// Bus is an EventBridge event bus.
type Bus struct {
	Resource
	Existing
	Linted
	Name string `json:"name,omitempty"`
	Tags Tags   `json:"tags,omitempty"`
}

// EventRule is an EventBridge rule with its targets.
type EventRule struct {
	Condition   *Ref                  `json:"condition,omitempty"`
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
