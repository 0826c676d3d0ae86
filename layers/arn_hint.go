package layers

import (
	"fmt"
	"strings"
)

// ARNHint is a schema hint: it replaces the regular expressions of a
// rejected layer ARN, which say what failed only to someone who reads
// them, with the form expected.
func ARNHint(path []string, msg string) string {
	if len(path) != 4 || path[0] != "app" || path[1] != "layers" || path[3] != "arn" || !strings.Contains(msg, "out of bound =~") {
		return ""
	}
	got := msg
	if i := strings.Index(msg, "invalid value "); i >= 0 {
		if j := strings.Index(msg, " (out of bound"); j > i {
			got = msg[i+len("invalid value ") : j]
		}
	}
	const form = "arn:<partition>:lambda:<region>:<12-digit account>:layer:<name>:<version>, region and account literal or ${AWS::Region} / ${AWS::AccountId}"
	if strings.Contains(msg, `=~":layer:`) {
		return fmt.Sprintf("layer %s: ARN %s has no version; pin one (%s)", path[2], got, form)
	}
	return fmt.Sprintf("layer %s: %s is not a layer version ARN (%s)", path[2], got, form)
}
