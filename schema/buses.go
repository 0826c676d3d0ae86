package schema

// Bus is an EventBridge event bus.
type Bus struct {
	Resource
	Existing
	Linted
	Name Value `json:"name,omitempty"`
	Tags Tags  `json:"tags,omitempty"`
}

// DefaultBus is the name of the account's default event bus, which exists
// in every account and region.
const DefaultBus = "default"

// IsDefault reports whether the bus is the account's default bus.
func (b Bus) IsDefault() bool {
	s, ok := b.Name.Str()
	return ok && s == DefaultBus && !b.Exists()
}

// EventRule is an EventBridge rule with its targets.
type EventRule struct {
	Attributes
	Condition   *Ref                  `json:"condition,omitempty"`
	Name        Value                 `json:"name,omitempty"`
	Role        *Attributes           `json:"role,omitempty"`
	Bus         *Ref                  `json:"bus,omitempty"`
	Pattern     map[string]any        `json:"pattern,omitempty"`
	Schedule    Value                 `json:"schedule,omitempty"`
	Description Value                 `json:"description,omitempty"`
	Enabled     bool                  `json:"enabled"`
	Targets     map[string]RuleTarget `json:"targets"`
}

// RuleTarget is one target of a rule; exactly one of Queue, Topic,
// StateMachine, Function is set.
type RuleTarget struct {
	Queue          *Ref              `json:"queue,omitempty"`
	Topic          *Ref              `json:"topic,omitempty"`
	StateMachine   *Ref              `json:"stateMachine,omitempty"`
	Function       *Ref              `json:"function,omitempty"`
	Input          Value             `json:"input,omitempty"`
	Transform      *InputTransformer `json:"transform,omitempty"`
	Retries        Value             `json:"retries,omitempty"`
	MaxEventAge    Value             `json:"maxEventAge,omitempty"`
	DeadLetter     *Ref              `json:"deadLetter,omitempty"`
	MessageGroupID Value             `json:"messageGroupId,omitempty"`
	Permission     *Attributes       `json:"permission,omitempty"`
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
