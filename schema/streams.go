package schema

// Stream is a Kinesis data stream.
type Stream struct {
	Resource
	Existing
	Linted
	Stateful
	Name       Value  `json:"name,omitempty"`
	Mode       string `json:"mode"`
	Shards     Value  `json:"shards,omitempty"`
	Retention  Value  `json:"retention"`
	Encryption bool   `json:"encryption"`
	Key        *Ref   `json:"key,omitempty"`
	Tags       Tags   `json:"tags,omitempty"`
}
