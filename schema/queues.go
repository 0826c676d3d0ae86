package schema

// Queue is an SQS queue.
type Queue struct {
	Resource
	Existing
	Linted
	Stateful
	Name                      Value       `json:"name,omitempty"`
	Fifo                      bool        `json:"fifo"`
	ContentBasedDeduplication *bool       `json:"contentBasedDeduplication,omitempty"`
	VisibilityTimeout         Value       `json:"visibilityTimeout"`
	Retention                 Value       `json:"retention,omitempty"`
	Delay                     Value       `json:"delay,omitempty"`
	Redrive                   *Redrive    `json:"redrive,omitempty"`
	Key                       *Ref        `json:"key,omitempty"`
	Policy                    *Attributes `json:"policy,omitempty"`
	Tags                      Tags        `json:"tags,omitempty"`
}

// Redrive is a queue's redrive policy.
type Redrive struct {
	DeadLetter      Ref   `json:"deadLetter"`
	MaxReceiveCount Value `json:"maxReceiveCount"`
}
