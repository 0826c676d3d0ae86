package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// cueSources are the options samgen's build writes a template with.
var cueSources = Options{Sources: []string{".cue"}}

// writeFile creates path with body and mode for a test.
func writeFile(t *testing.T, path, body string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

// wantContent fails unless path holds body and has permission bits mode.
func wantContent(t *testing.T, path, body string, mode fs.FileMode) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != body {
		t.Errorf("%s holds %q, want %q", path, got, body)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != mode {
		t.Errorf("%s has mode %v, want %v", path, st.Mode().Perm(), mode)
	}
}

// noTemporaryFiles fails if a .samgen-* file is left in dir.
func noTemporaryFiles(t *testing.T, dir string) {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(dir, ".samgen-*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestWrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		existing fs.FileMode // 0: no file yet
		want     fs.FileMode
	}{
		{"new file", 0, 0o644},
		{"existing 0644", 0o644, 0o644},
		{"existing 0600 stays private", 0o600, 0o600},
		{"existing 0755", 0o755, 0o755},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "template.yaml")
			if tc.existing != 0 {
				writeFile(t, path, "old\n", tc.existing)
			}
			if err := Write(path, []byte("new\n"), cueSources); err != nil {
				t.Fatal(err)
			}
			wantContent(t, path, "new\n", tc.want)
			noTemporaryFiles(t, dir)
		})
	}
}

// TestWriteSymlink checks that a link is followed: the link stays a link,
// its target gets the content, and the temporary file is made in the
// target's directory (a rename across directories may not be atomic).
// It sets the test hook, so it runs alone.
func TestWriteSymlink(t *testing.T) {
	for _, existing := range []bool{true, false} {
		name := map[bool]string{true: "to a file", false: "dangling"}[existing]
		t.Run(name, func(t *testing.T) {
			linkDir, targetDir := t.TempDir(), t.TempDir()
			target := filepath.Join(targetDir, "real.yaml")
			if existing {
				writeFile(t, target, "old\n", 0o600)
			}
			link := filepath.Join(linkDir, "template.yaml")
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			var tmpDir string
			testHookBeforeRename = func(tmp string) { tmpDir = filepath.Dir(tmp) }
			t.Cleanup(func() { testHookBeforeRename = nil })
			if err := Write(link, []byte("new\n"), cueSources); err != nil {
				t.Fatal(err)
			}
			if got, err := os.Readlink(link); err != nil || got != target {
				t.Errorf("the link now reads %q, %v; want a link to %s", got, err, target)
			}
			mode := fs.FileMode(0o644)
			if existing {
				mode = 0o600
			}
			wantContent(t, target, "new\n", mode)
			if tmpDir != targetDir {
				t.Errorf("temporary file made in %s, want the target's directory %s", tmpDir, targetDir)
			}
			noTemporaryFiles(t, linkDir)
			noTemporaryFiles(t, targetDir)
		})
	}
}

// TestWriteRefuses checks each path Write must not write, the error it
// gives, and that it leaves the path as it was and no temporary file.
func TestWriteRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// setup makes the path in dir and returns it, relative to dir.
		setup func(t *testing.T, dir string) string
		want  string // the error, with DIR for dir
	}{{
		name:  "directory",
		setup: func(t *testing.T, dir string) string { return mkdir(t, dir, "out") },
		want:  "write DIR/out: DIR/out is a directory, not a regular file",
	}, {
		name: "link to a directory",
		setup: func(t *testing.T, dir string) string {
			mkdir(t, dir, "out")
			return symlink(t, dir, "out", "link")
		},
		want: "write DIR/link: DIR/link (a link to DIR/out) is a directory, not a regular file",
	}, {
		name: "existing .cue file",
		setup: func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "samgen.cue"), "package app\n", 0o644)
			return "samgen.cue"
		},
		want: "write DIR/samgen.cue: DIR/samgen.cue is a .cue source file, not an output",
	}, {
		name:  "new .cue file",
		setup: func(t *testing.T, dir string) string { return "new.cue" },
		want:  "write DIR/new.cue: DIR/new.cue is a .cue source file, not an output",
	}, {
		name: "link to a .cue file",
		setup: func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "samgen.cue"), "package app\n", 0o644)
			return symlink(t, dir, "samgen.cue", "template.yaml")
		},
		want: "write DIR/template.yaml: DIR/template.yaml (a link to DIR/samgen.cue) is a .cue source file, not an output",
	}, {
		name:  "missing parent directory",
		setup: func(t *testing.T, dir string) string { return filepath.Join("nowhere", "template.yaml") },
		want:  "write DIR/nowhere/template.yaml: directory DIR/nowhere does not exist",
	}, {
		name: "parent is a file",
		setup: func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "file"), "x", 0o644)
			return filepath.Join("file", "template.yaml")
		},
		want: "write DIR/file/template.yaml: DIR/file is not a directory",
	}, {
		name: "link cycle",
		setup: func(t *testing.T, dir string) string {
			symlink(t, dir, "b", "a")
			return symlink(t, dir, "a", "b")
		},
		want: "write DIR/b: more than 40 symbolic links",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, tc.setup(t, dir))
			before := snapshot(t, dir)
			err := Write(path, []byte("new\n"), cueSources)
			if got, want := errString(err, dir), tc.want; got != want {
				t.Errorf("error\n got: %s\nwant: %s", got, want)
			}
			if after := snapshot(t, dir); after != before {
				t.Errorf("the directory changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// TestWriteSourcesOnlyWhenAsked checks that a .cue file is written when
// Options do not list it (samgen init and schema sync write CUE).
func TestWriteSourcesOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "module.cue")
	if err := Write(path, []byte("module: \"a.b/c\"\n"), Options{}); err != nil {
		t.Fatal(err)
	}
	wantContent(t, path, "module: \"a.b/c\"\n", 0o644)
}

// TestWriteFailedRename makes the rename fail (the target turns into a
// directory between the checks and the rename) and checks the temporary
// file is removed. It sets the test hook, so it runs alone.
func TestWriteFailedRename(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "template.yaml")
	writeFile(t, path, "old\n", 0o644)
	testHookBeforeRename = func(string) {
		os.Remove(path)
		mkdir(t, dir, "template.yaml")
	}
	t.Cleanup(func() { testHookBeforeRename = nil })
	if err := Write(path, []byte("new\n"), Options{}); err == nil || !strings.HasPrefix(err.Error(), "write "+path+": rename: ") {
		t.Errorf("error %v, want the failed rename", err)
	}
	noTemporaryFiles(t, dir)
}

func TestCheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := Check(filepath.Join(dir, "template.yaml"), cueSources); err != nil {
		t.Errorf("Check of a new file: %v", err)
	}
	// Check is about the file, not its directory: a reader reports a
	// missing one as a missing file.
	if err := Check(filepath.Join(dir, "nowhere", "template.yaml"), cueSources); err != nil {
		t.Errorf("Check of a file in a missing directory: %v", err)
	}
	want := "DIR is a directory, not a regular file"
	if got := errString(Check(dir, cueSources), dir); got != want {
		t.Errorf("Check(dir) = %s, want %s", got, want)
	}
}

func mkdir(t *testing.T, dir, name string) string {
	t.Helper()
	if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
		t.Fatal(err)
	}
	return name
}

// symlink makes dir/name a link to target (relative to dir) and returns
// name.
func symlink(t *testing.T, dir, target, name string) string {
	t.Helper()
	if err := os.Symlink(filepath.Join(dir, target), filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
	return name
}

// errString is err's message with dir spelt DIR, or "<nil>".
func errString(err error, dir string) string {
	if err == nil {
		return "<nil>"
	}
	return strings.ReplaceAll(err.Error(), dir, "DIR")
}

// snapshot lists dir's tree: each entry's name, type and mode, and a
// regular file's content.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		b.WriteString(strings.TrimPrefix(p, dir) + " " + info.Mode().String())
		if info.Mode().IsRegular() {
			body, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.WriteString(" " + string(body))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestWriteUnwritableDirectory: a directory no file can be created in is
// named in the error; the temporary file's name, which the user never
// gave and which is gone, is not. /proc refuses even root.
func TestWriteUnwritableDirectory(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skip("needs /proc")
	}
	err := Write("/proc/template.yaml", []byte("new\n"), Options{})
	want := "write /proc/template.yaml: cannot create a file in /proc: no such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}
