package schema

// Topic is an SNS topic.
type Topic struct {
	Resource
	Existing
	Linted
	Name                      Value       `json:"name,omitempty"`
	Fifo                      bool        `json:"fifo"`
	ContentBasedDeduplication *bool       `json:"contentBasedDeduplication,omitempty"`
	DisplayName               Value       `json:"displayName,omitempty"`
	Key                       *Ref        `json:"key,omitempty"`
	Policy                    *Attributes `json:"policy,omitempty"`
	Tags                      Tags        `json:"tags,omitempty"`
}

// Subscription subscribes a queue to a topic.
type Subscription struct {
	Attributes
	Condition         *Ref           `json:"condition,omitempty"`
	Topic             Ref            `json:"topic"`
	Queue             Ref            `json:"queue"`
	Raw               bool           `json:"raw"`
	FilterPolicy      map[string]any `json:"filterPolicy,omitempty"`
	FilterPolicyScope string         `json:"filterPolicyScope,omitempty"`
	DeadLetter        *Ref           `json:"deadLetter,omitempty"`
}
