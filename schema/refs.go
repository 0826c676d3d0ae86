package schema

// Ref is the identity of a declared resource: the CUE `#Ref`.
type Ref struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	// ID is the logical ID the resource keeps (its `logicalId`), if any.
	ID string `json:"id,omitempty"`
}

// IsZero reports whether r is unset.
func (r Ref) IsZero() bool { return r.Kind == "" && r.Name == "" }

// Is reports whether r and o name the same resource (whatever they say
// of its ID).
func (r Ref) Is(o Ref) bool { return r.Kind == o.Kind && r.Name == o.Name }

// Resource holds what every resource samgen renders has: the CUE
// `#Resource`.
type Resource struct {
	Attributes
	Ref       Ref            `json:"ref"`
	Condition *Ref           `json:"condition,omitempty"`
	Metadata  map[string]any `json:"metadata,omitempty"`
}

// Attributes are the resource attributes of any resource samgen renders:
// the CUE `#Attributes`.
type Attributes struct {
	LogicalID string `json:"logicalId,omitempty"`
	// DependsOn entries are refs or logical IDs.
	DependsOn []Value `json:"dependsOn,omitempty"`
}

// Stateful is the CUE `#Stateful`: what keeps a resource's data.
type Stateful struct {
	DeletionPolicy      string `json:"deletionPolicy,omitempty"`
	UpdateReplacePolicy string `json:"updateReplacePolicy,omitempty"`
}

// Existing is the CUE `#Existing`: an ARN for a resource the app uses but
// does not create.
type Existing struct {
	Arn Value `json:"arn,omitempty"`
}

// Exists reports whether the resource is declared by ARN.
func (e Existing) Exists() bool { return !e.Arn.IsZero() }

// Linted is the CUE `#Linted`.
type Linted struct {
	Lint *Lint `json:"lint,omitempty"`
}

// Lint tunes the best-practice rules for one resource: the CUE `#Lint`.
type Lint struct {
	// Ignore maps a rule ID to the user's reason for silencing it.
	Ignore map[string]string `json:"ignore,omitempty"`
}

// Tags are resource tags; a value may be an expression.
type Tags map[string]Value

// AsRef returns v as a ref when it is a decoded `#Ref` (a JSON value of a
// field that takes a string or a ref).
func AsRef(v any) (Ref, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return Ref{}, false
	}
	k, ok1 := m["kind"].(string)
	n, ok2 := m["name"].(string)
	id, _ := m["id"].(string)
	return Ref{Kind: k, Name: n, ID: id}, ok1 && ok2
}

// AsAttrRef reports whether a JSON value of a raw property is a reference:
// a #Ref ({kind, name}), or {ref: #Ref, attr: string} choosing an
// attribute.
func AsAttrRef(v any) (r Ref, attr string, ok bool) {
	m, isMap := v.(map[string]any)
	if !isMap {
		return Ref{}, "", false
	}
	if inner, has := m["ref"]; has {
		attr, hasAttr := m["attr"].(string)
		if len(m) == 1 || len(m) == 2 && hasAttr {
			r, ok = AsRef(inner)
			return r, attr, ok
		}
	}
	if _, hasID := m["id"]; len(m) != 2 && !(len(m) == 3 && hasID) {
		return Ref{}, "", false
	}
	r, ok = AsRef(m)
	return r, "", ok
}
