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
// literal ARN (whose shape the schema has checked) or, with !Select of
// !Split, from an expression.
func (a *App) ConnectArn(p Proxy) (any, error) {
	if s, ok := p.Arn.Str(); ok {
		parts := strings.Split(s, ":")
		if len(parts) < 7 {
			return s, nil
		}
		return fmt.Sprintf("arn:%s:rds-db:%s:%s:dbuser:%s/%s", parts[1], parts[3], parts[4], parts[6], p.User), nil
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
