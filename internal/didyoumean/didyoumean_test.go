package didyoumean

import "testing"

func TestSuggest(t *testing.T) {
	names := []string{"python3.13", "python3.12", "nodejs22.x", "DynamoDBReadPolicy"}
	for _, tc := range []struct{ in, want string }{
		{"python3.13", "python3.13"},
		{"pyhton3.13", "python3.13"},
		{"Python3.13", "python3.13"},
		{"nodejs22", "nodejs22.x"},
		{"dynamodbreadpolicy", "DynamoDBReadPolicy"},
		{"ruby", ""},
	} {
		if got := Suggest(tc.in, names); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"héllo", "hello", 1}} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
