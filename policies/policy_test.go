package policies

import (
	"slices"
	"testing"
)

func TestStatementWildcards(t *testing.T) {
	fn := "arn:aws:lambda:eu-west-1:123456789012:function:f"
	for _, tc := range []struct {
		name string
		s    *Statement
		want []string
	}{
		{"scoped", Allow([]string{"sqs:SendMessage"}, "arn:aws:sqs:eu-west-1:123456789012:q"), nil},
		{"action", Allow([]string{"s3:*"}, "arn:aws:s3:::b"), []string{"action s3:*"}},
		{"resource", Allow([]string{"s3:GetObject"}, "*"), []string{"resource *"}},
		{"versions of a named function", Allow([]string{"lambda:InvokeFunction"}, fn, fn+":*"), nil},
		{"versions alone", Allow([]string{"lambda:InvokeFunction"}, fn+":*"), []string{"resource " + fn + ":*"}},
		{"intrinsic", Allow([]string{"dynamodb:GetItem"}, map[string]any{"Fn::GetAtt": []any{"T", "Arn"}}), nil},
	} {
		if got := tc.s.Wildcards(); !slices.Equal(got, tc.want) {
			t.Errorf("%s: Wildcards() = %q, want %q", tc.name, got, tc.want)
		}
	}
}
