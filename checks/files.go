package checks

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"samgen.dev/samgen/internal/didyoumean"
)

// missingFile reports, at path, that p (a source the spec names, relative
// to the spec's directory) is not on disk: `sam build` and `sam deploy`
// fail with "refers to a file or folder that does not exist". A URI names
// no local file and passes; so does any file or directory that exists. A
// .zip file is code SAM takes as it is: sam build skips a function or
// layer whose CodeUri ends in .zip (aws-sam-cli
// samcli/commands/build/build_context.py, _is_function_buildable), and
// sam package uploads a zip file as is and zips any other file
// (samcli/lib/package/packageable_resources.py, FORCE_ZIP). what names the
// owner ("function api").
func (c *Context) missingFile(path, what, p string) {
	abs, ok := c.Inst.LocalPath(p)
	if !ok {
		return
	}
	at := abs
	if strings.HasSuffix(p, "/") {
		// A directory, as SAM reads it: "app.zip/" names no file.
		at += string(filepath.Separator)
	}
	_, err := os.Stat(at)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		msg := "%s: source %q does not exist (relative to the spec's directory); sam build and sam deploy would fail"
		if filepath.IsAbs(p) || strings.HasPrefix(p, "/") {
			msg = "%s: source %q does not exist; sam build and sam deploy would fail"
		}
		args := []any{what, p}
		if s := similarFile(abs, p); s != "" {
			msg += "; did you mean %q?"
			args = append(args, s)
		}
		c.Report(path, msg, args...)
	default:
		c.Report(path, "%s: cannot read source %q: %v", what, p, err)
	}
}

// similarFile is the sibling of abs that p (as the user wrote it) most
// likely meant, written the way p is: "src" for "scr", "fns/api/" for
// "fns/apis/". Only directories and .zip files are candidates, but for the
// module's cue.mod and hidden ones (.git, .aws-sam).
func similarFile(abs, p string) string {
	entries, err := os.ReadDir(filepath.Dir(abs))
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || e.Name() == "cue.mod" {
			continue
		}
		if e.IsDir() || strings.HasSuffix(e.Name(), ".zip") {
			names = append(names, e.Name())
		}
	}
	s := didyoumean.Suggest(filepath.Base(abs), names)
	if s == "" {
		return ""
	}
	trimmed := strings.TrimSuffix(filepath.ToSlash(p), "/")
	out := s
	if dir := path.Dir(trimmed); dir != "." || strings.HasPrefix(trimmed, "./") {
		out = path.Join(dir, s)
		if strings.HasPrefix(trimmed, "./") {
			out = "./" + out
		}
	}
	if strings.HasSuffix(p, "/") {
		out += "/"
	}
	return out
}
