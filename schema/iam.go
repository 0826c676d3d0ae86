package schema

import "samgen.dev/samgen/internal/cfn"

// FunctionIAM is a decoded `#FunctionIAM`: the IAM a function declares
// beyond its access verbs.
type FunctionIAM struct {
	// Policies are SAM policy templates: each entry maps one template name
	// to its parameters, a string or a ref (decoded as a map) each.
	Policies        []map[string]map[string]any `json:"policies,omitempty"`
	ManagedPolicies []string                    `json:"managedPolicies,omitempty"`
	Statements      []Statement                 `json:"statements,omitempty"`
	// Wildcards maps what is acknowledged to the user's reason.
	Wildcards map[string]string  `json:"wildcards,omitempty"`
	Invokers  map[string]Invoker `json:"invokers,omitempty"`
}

// Statement is an inline IAM statement; resources are ARNs or refs.
type Statement struct {
	Actions    []string       `json:"actions"`
	Resources  []any          `json:"resources"`
	Conditions map[string]any `json:"conditions,omitempty"`
}

// Invoker is a principal allowed to invoke a function.
type Invoker struct {
	Service   string `json:"service,omitempty"`
	Account   string `json:"account,omitempty"`
	SourceArn any    `json:"sourceArn,omitempty"`
}

// AsRef returns v as a ref when it is a decoded `#Ref`.
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

// InvokerID is the logical ID of the AWS::Lambda::Permission of a
// function's invoker: ("api", "uploads") → ApiFunctionUploadsInvokePermission.
// SAM names the permissions it makes for events <Function><event>Permission
// with the event's name as written; the two meet only for an event named
// "<Key>Invoke" (SG606 reports it).
func InvokerID(fn Ref, key string) string {
	return LogicalID(fn) + cfn.LogicalID(key, "InvokePermission")
}
