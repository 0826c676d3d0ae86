package schema

import (
	"path/filepath"
	"strings"
)

// IsURI reports whether p, a path the spec names (a source, a definition
// file), is a URI (s3://bucket/key) rather than a local path.
func IsURI(p string) bool { return strings.Contains(p, "://") }

// LocalPath is the file or directory that p, a path the spec names (a
// function's or layer's source, a definition file), is on disk: relative
// to the spec's directory unless absolute. ok is false for "" and for a
// URI, which names no local file.
func (i *Instance) LocalPath(p string) (abs string, ok bool) {
	if p == "" || IsURI(p) {
		return "", false
	}
	if filepath.IsAbs(p) || strings.HasPrefix(p, "/") {
		return filepath.FromSlash(p), true
	}
	return filepath.Join(i.Dir, filepath.FromSlash(p)), true
}
