package schema

import (
	"fmt"
	"strings"
)

// Proxy is an existing RDS Proxy.
type Proxy struct {
	Ref    Ref    `json:"ref"`
	Arn    string `json:"arn"`
	User   string `json:"user"`
	Secret *Ref   `json:"secret,omitempty"`
}

// ConnectArn is the IAM resource of `rds-db:connect` for the proxy's user:
// "arn:aws:rds-db:<region>:<account>:dbuser:prx-<id>/<user>". The schema
// has checked the ARN's shape.
func (p Proxy) ConnectArn() string {
	parts := strings.Split(p.Arn, ":")
	if len(parts) < 7 {
		return p.Arn
	}
	return fmt.Sprintf("arn:%s:rds-db:%s:%s:dbuser:%s/%s", parts[1], parts[3], parts[4], parts[6], p.User)
}
