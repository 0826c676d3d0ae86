package schema

// Access is one access grant, the CUE `#Access`; exactly one field is set.
type Access struct {
	Read       *Ref `json:"read,omitempty"`
	Write      *Ref `json:"write,omitempty"`
	Crud       *Ref `json:"crud,omitempty"`
	Send       *Ref `json:"send,omitempty"`
	Poll       *Ref `json:"poll,omitempty"`
	Publish    *Ref `json:"publish,omitempty"`
	Put        *Ref `json:"put,omitempty"`
	Invoke     *Ref `json:"invoke,omitempty"`
	StreamRead *Ref `json:"streamRead,omitempty"`
	Start      *Ref `json:"start,omitempty"`
	Callback   *Ref `json:"callback,omitempty"`
	Rotate     *Ref `json:"rotate,omitempty"`
	Encrypt    *Ref `json:"encrypt,omitempty"`
	Decrypt    *Ref `json:"decrypt,omitempty"`
	Connect    *Ref `json:"connect,omitempty"`
	Manage     *Ref `json:"manage,omitempty"`
}

// Grants returns the verbs set on a, with their targets, in the schema's
// field order.
func (a Access) Grants() []Grant {
	var out []Grant
	for _, g := range []Grant{
		{"read", a.Read}, {"write", a.Write}, {"crud", a.Crud}, {"send", a.Send},
		{"poll", a.Poll}, {"publish", a.Publish}, {"put", a.Put}, {"invoke", a.Invoke},
		{"streamRead", a.StreamRead}, {"start", a.Start}, {"callback", a.Callback}, {"rotate", a.Rotate},
		{"encrypt", a.Encrypt}, {"decrypt", a.Decrypt}, {"connect", a.Connect}, {"manage", a.Manage},
	} {
		if g.Target != nil {
			out = append(out, g)
		}
	}
	return out
}

// Grant is one verb on one resource.
type Grant struct {
	Verb   string
	Target *Ref
}

// Statement is an inline IAM statement; resources are ARNs, refs or
// expressions.
type Statement struct {
	Actions    []string       `json:"actions"`
	Resources  []Value        `json:"resources"`
	Conditions map[string]any `json:"conditions,omitempty"`
}

// Invoker is a principal allowed to invoke a function.
type Invoker struct {
	Attributes
	Service   string `json:"service,omitempty"`
	Account   Value  `json:"account,omitempty"`
	SourceArn Value  `json:"sourceArn,omitempty"`
}
