// Package shell quotes the commands samgen suggests, so that one can be
// pasted into a POSIX shell as it is printed.
package shell

import "strings"

// Word is s as one word of a POSIX shell: as it is when no character of
// it is special, else in single quotes.
func Word(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"$`\\!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
