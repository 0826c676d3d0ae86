package schema

// Stream is a Kinesis data stream.
type Stream struct {
	Resource
	Existing
	Linted
	Mode       string `json:"mode"`
	Shards     *int   `json:"shards,omitempty"`
	Retention  int    `json:"retention"`
	Encryption bool   `json:"encryption"`
	Key        *Ref   `json:"key,omitempty"`
	Tags       Tags   `json:"tags,omitempty"`
}
