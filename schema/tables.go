package schema

// Table is a DynamoDB table.
type Table struct {
	Resource
	Existing
	Linted
	Stateful
	Name                Value         `json:"name,omitempty"`
	Key                 *KeyAttribute `json:"key,omitempty"`
	SortKey             *KeyAttribute `json:"sortKey,omitempty"`
	Billing             string        `json:"billing"`
	Capacity            *Capacity     `json:"capacity,omitempty"`
	Stream              string        `json:"stream,omitempty"`
	TTL                 string        `json:"ttl,omitempty"`
	PointInTimeRecovery bool          `json:"pointInTimeRecovery"`
	StreamArn           Value         `json:"streamArn,omitempty"`
	Tags                Tags          `json:"tags,omitempty"`
}

// KeyAttribute is a DynamoDB key attribute.
type KeyAttribute struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// Capacity is provisioned DynamoDB throughput.
type Capacity struct {
	Read  Value `json:"read"`
	Write Value `json:"write"`
}
