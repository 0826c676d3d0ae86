package checks

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSimilarFile: the did-you-mean of a missing source is a sibling
// directory or .zip file, written the way the user wrote the source;
// cue.mod, hidden directories and other files are never offered.
func TestSimilarFile(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"src", "cue.mod", ".aws-sam", "dist"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"dist/app.zip", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ source, want string }{
		{"scr", "src"},
		{"./scr", "./src"},
		{"scr/", "src/"},
		{"dist/ap.zip", "dist/app.zip"},
		{"cue.mo", ""},
		{"aws-sam", ""},
		{"notes.tx", ""},
		{"nowhere/scr", ""},
	} {
		abs := filepath.Join(dir, filepath.FromSlash(tc.source))
		if got := similarFile(abs, tc.source); got != tc.want {
			t.Errorf("similarFile(%q) = %q, want %q", tc.source, got, tc.want)
		}
	}
}
