package schema

import (
	"fmt"
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

// Proxy is an existing RDS Proxy.
type Proxy struct {
	Ref    Ref    `json:"ref"`
	Arn    Value  `json:"arn"`
	User   string `json:"user"`
	Secret *Ref   `json:"secret,omitempty"`
}

// ConnectArn is the IAM resource of `rds-db:connect` for the proxy's user:
// "arn:aws:rds-db:<region>:<account>:dbuser:prx-<id>/<user>", from a
// literal ARN (whose shape the schema has checked), as a !Sub of the parts
// of a !Sub, or, with !Select of !Split, from any other expression.
func (a *App) ConnectArn(p Proxy) (any, error) {
	if s, ok := p.Arn.Str(); ok {
		parts := strings.Split(s, ":")
		if len(parts) < 7 {
			return s, nil
		}
		return fmt.Sprintf("arn:%s:rds-db:%s:%s:dbuser:%s/%s", parts[1], parts[3], parts[4], parts[6], p.User), nil
	}
	if fn, arg, ok := p.Arn.Intrinsic(); ok && fn == "Fn::Sub" {
		// A !Sub of the ARN's parts ("arn:${AWS::Partition}:rds:
		// ${AWS::Region}:...:db-proxy:${ProxyId}") gives the user's ARN as
		// a !Sub of the same parts, which a reviewer reads at a glance.
		if s, ok := arg.(string); ok {
			if parts := splitOutsideVars(s); len(parts) == 7 {
				return cfn.Sub(fmt.Sprintf("arn:%s:rds-db:%s:%s:dbuser:%s/%s", parts[1], parts[3], parts[4], parts[6], p.User)), nil
			}
		}
	}
	arn, err := a.ResolveValue(p.Arn, AttrArn)
	if err != nil {
		return nil, err
	}
	part := func(i int) any { return cfn.Select(i, cfn.Split(":", arn)) }
	return cfn.SubVars("arn:${Partition}:rds-db:${Region}:${Account}:dbuser:${Proxy}/"+p.User, map[string]any{
		"Partition": part(1), "Region": part(3), "Account": part(4), "Proxy": part(6),
	}), nil
}

// splitOutsideVars splits a !Sub template at the colons outside its
// ${...} variables (${AWS::Region} is one part).
func splitOutsideVars(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case s[i] == '}' && depth > 0:
			depth--
		case s[i] == ':' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}
