package schema

// Queue is an SQS queue.
type Queue struct {
	Resource
	Existing
	Linted
	Fifo                      bool     `json:"fifo"`
	ContentBasedDeduplication *bool    `json:"contentBasedDeduplication,omitempty"`
	VisibilityTimeout         int      `json:"visibilityTimeout"`
	Retention                 *int     `json:"retention,omitempty"`
	Delay                     *int     `json:"delay,omitempty"`
	Redrive                   *Redrive `json:"redrive,omitempty"`
	Tags                      Tags     `json:"tags,omitempty"`
}

// Redrive is a queue's redrive policy.
type Redrive struct {
	DeadLetter      Ref `json:"deadLetter"`
	MaxReceiveCount int `json:"maxReceiveCount"`
}
