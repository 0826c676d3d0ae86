package schema

// Table is a DynamoDB table.
type Table struct {
	Resource
	Existing
	Linted
	Stateful
	Name                Value                  `json:"name,omitempty"`
	Key                 *KeyAttribute          `json:"key,omitempty"`
	SortKey             *KeyAttribute          `json:"sortKey,omitempty"`
	Billing             string                 `json:"billing"`
	Capacity            *Capacity              `json:"capacity,omitempty"`
	Stream              string                 `json:"stream,omitempty"`
	TTL                 string                 `json:"ttl,omitempty"`
	PointInTimeRecovery bool                   `json:"pointInTimeRecovery"`
	Indexes             map[string]GlobalIndex `json:"indexes,omitempty"`
	LocalIndexes        map[string]LocalIndex  `json:"localIndexes,omitempty"`
	TableClass          string                 `json:"tableClass,omitempty"`
	ContributorInsights bool                   `json:"contributorInsights,omitempty"`
	EncryptionKey       *Ref                   `json:"encryptionKey,omitempty"`
	StreamArn           Value                  `json:"streamArn,omitempty"`
	Tags                Tags                   `json:"tags,omitempty"`
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

// GlobalIndex is a global secondary index: the CUE `#GlobalIndex`.
type GlobalIndex struct {
	Key     KeyAttribute  `json:"key"`
	SortKey *KeyAttribute `json:"sortKey,omitempty"`
	Projection
	Capacity *Capacity `json:"capacity,omitempty"`
}

// LocalIndex is a local secondary index: the CUE `#LocalIndex`.
type LocalIndex struct {
	SortKey KeyAttribute `json:"sortKey"`
	Projection
}

// Projection chooses the attributes an index holds: the CUE `#Projection`.
type Projection struct {
	Projection string   `json:"projection"`
	Include    []string `json:"include,omitempty"`
}
