// Package atomicfile replaces the content of a file in one step: readers
// (sam, an editor, a CI diff) see the old content or the new, never a
// half-written file, and a failed or interrupted write leaves the old
// content and no stray file behind.
//
// The new content goes to a temporary file (named .samgen-*) in the
// target's directory, which is synced and then renamed onto the target; a
// rename within one directory is atomic on POSIX file systems. Two
// consequences are chosen on purpose: a hard link to the old file keeps the
// old content, and a symbolic link is followed (its target is replaced and
// the link stays a link), since a link usually means "the template lives
// over there".
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"syscall"
)

// Options adjust which paths Write accepts.
type Options struct {
	// Sources are file name extensions (".cue") of the files the written
	// data is made from. Write refuses such a path, existing or not:
	// over an existing source the output would destroy its own input, and
	// a new file with a source's extension would be read as input next
	// time.
	Sources []string
}

// newFileMode is the permission of a file Write creates; an existing file
// keeps its own (a template someone made 0600 stays private).
const newFileMode = 0o644

// maxLinks bounds how many symbolic links Write follows, as the kernel
// does (ELOOP), so a cycle of links is an error instead of a hang.
const maxLinks = 40

// testHookBeforeRename, when set by a test, runs after the temporary file
// is written and synced and before it is renamed onto the target.
var testHookBeforeRename func(tmp string)

// Write replaces the content of the file at path with data, atomically.
//
// It refuses, before writing anything, a path that is (or whose symbolic
// link leads to) a directory, a file with one of opts.Sources' extensions,
// or a special file: a device (/dev/null), a named pipe or a socket.
// Special files are refused rather than written into because replacing a
// file by rename, which is what makes the write atomic, would put a regular
// file in their place (run as root, `-o /dev/null` would replace the
// system's /dev/null), while writing into them would be neither atomic nor
// something a later check could read back. To send data to a pipe or a
// device, write it to standard output and redirect that.
//
// A missing file is created with mode 0644; an existing one keeps its
// permission bits. The parent directory must exist. If the process gets
// SIGINT or SIGTERM while the write is in progress, the temporary file is
// removed and the process dies of that signal, as it would have without
// Write.
func Write(path string, data []byte, opts Options) error {
	g := guardInterrupts()
	defer g.release()
	return write(g, path, data, opts)
}

// WriteFiles writes files, by slash-separated path relative to dir, into
// dir, each as [Write] writes one, creating the directories they need. It
// writes them all or none: when one fails, or SIGINT or SIGTERM ends the
// process before the last is written, the files and directories it
// created are removed (a file that existed keeps what was written to it).
// A module written by `samgen init` is then whole or absent, and init can
// run again once the cause is fixed.
func WriteFiles(dir string, files map[string][]byte, opts Options) (err error) {
	g := guardInterrupts()
	defer g.release()
	defer func() {
		if err != nil {
			g.undo()
		}
	}()
	for _, p := range slices.Sorted(maps.Keys(files)) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		g.made(missingDirs(filepath.Dir(full))...)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if _, err := os.Lstat(full); errors.Is(err, fs.ErrNotExist) {
			g.made(full) // before the rename: an interrupt after it removes the file
		}
		if err := write(g, full, files[p], opts); err != nil {
			return err
		}
	}
	return nil
}

// missingDirs lists dir and those of its parents that do not exist,
// outermost first: what MkdirAll(dir) creates.
func missingDirs(dir string) []string {
	var out []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		out = append(out, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	slices.Reverse(out)
	return out
}

// write is Write under the guard g.
func write(g *guard, path string, data []byte, opts Options) error {
	target, mode, err := check(path, opts)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	dir := filepath.Dir(target)
	if st, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: directory %s does not exist", path, dir)
	} else if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	} else if !st.IsDir() {
		return fmt.Errorf("write %s: %s is not a directory", path, dir)
	}
	if err := replace(g, target, data, mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Check reports whether Write would accept path, without writing: nil if
// path is a regular file, or does not exist, and is not one of
// opts.Sources. A caller that reads the file instead of writing it (to
// compare it with what it would write) calls it first, so it never blocks
// on a pipe or reads a device forever.
func Check(path string, opts Options) error {
	_, _, err := check(path, opts)
	return err
}

// check follows path's symbolic links and returns the file to replace and
// the permission bits its new content gets, or why path is refused.
func check(path string, opts Options) (target string, mode fs.FileMode, err error) {
	target, info, err := resolve(path)
	if err != nil {
		return "", 0, err
	}
	name := path
	if target != path {
		name = fmt.Sprintf("%s (a link to %s)", path, target)
	}
	for _, p := range []string{path, target} {
		if ext := filepath.Ext(p); ext != "" && slices.Contains(opts.Sources, ext) {
			return "", 0, fmt.Errorf("%s is a %s source file, not an output", name, ext)
		}
	}
	if info == nil {
		return target, newFileMode, nil
	}
	if kind := irregular(info.Mode()); kind != "" {
		return "", 0, fmt.Errorf("%s is %s, not a regular file", name, kind)
	}
	return target, info.Mode().Perm(), nil
}

// irregular names the kind of file m describes, or returns "" for a
// regular file.
func irregular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// resolve follows the symbolic links at path and returns the final path
// and its file info, nil if nothing exists there (a new file, or the
// target of a dangling link, which Write creates; or a path below a
// non-directory, which Write reports by its parent).
func resolve(path string) (string, fs.FileInfo, error) {
	p := path
	for range maxLinks {
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return p, nil, nil
		}
		if err != nil {
			return "", nil, err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return p, info, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", nil, err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = link
	}
	return "", nil, fmt.Errorf("more than %d symbolic links", maxLinks)
}

// replace writes data to a temporary file beside target and renames it
// onto target. The temporary file is removed on every failure and, through
// the guard g, on SIGINT and SIGTERM.
func replace(g *guard, target string, data []byte, mode fs.FileMode) error {
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, ".samgen-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot create a file in %s: %w", dir, err)
	}
	g.track(tmp.Name())
	if err := fill(tmp, data, mode); err != nil {
		g.remove()
		return withoutTemporary(err)
	}
	if testHookBeforeRename != nil {
		testHookBeforeRename(tmp.Name())
	}
	if err := g.rename(target); err != nil {
		g.remove()
		return withoutTemporary(err)
	}
	syncDir(dir)
	return nil
}

// withoutTemporary drops the temporary file's name from err: the user
// named the target, and the temporary file is gone when they read it.
func withoutTemporary(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	case errors.As(err, &le):
		return fmt.Errorf("%s: %w", le.Op, le.Err)
	}
	return err
}

// fill writes data to f, sets its mode and syncs it, so that after the
// rename a crash cannot leave the target empty, and closes it.
func fill(f *os.File, data []byte, mode fs.FileMode) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes the rename in dir durable. It is best effort: some file
// systems cannot sync a directory, and the new content is already in
// place, so a failure here is not the caller's to handle.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
