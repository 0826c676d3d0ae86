package shell

import "testing"

func TestWord(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"apps/orders", "apps/orders"},
		{"My Shop-", "'My Shop-'"},
		{"it's", `'it'\''s'`},
		{"$HOME", "'$HOME'"},
		{"", "''"},
	} {
		if got := Word(tc.in); got != tc.want {
			t.Errorf("Word(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
