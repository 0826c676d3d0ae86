// Package toolcache keeps, between test runs, what the tests' external
// oracles (cfn-lint, SAM's translator: Python programs that cost a third
// of a second a template) answered: an answer is a function of the
// installed tool and its input, and most of a run's inputs are the
// previous run's (a change to the checks changes few templates). It is
// the cache `go test` keeps of whole packages, for one step of a package.
//
// Entries are in $SAMGEN_TEST_CACHE/NAME, else in samgen/NAME under the
// user's cache directory. Nothing is cached in CI (CI=true: a submission
// is checked afresh), with SAMGEN_TEST_CACHE=off, or for a tool whose
// installation is not identified (see Installation).
package toolcache

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Cache keeps one tool's answers, one file each, named by the hash of
// the tool's identity and the question.
type Cache struct {
	dir  string
	tool string
}

// format is part of every key: a change to what entries hold changes
// it, and old entries are never read.
const format = "samgen tool cache 1"

// Entries not used for trimAfter are removed, at most once per trimEvery.
const (
	trimAfter = 5 * 24 * time.Hour
	trimEvery = 24 * time.Hour
)

// Open returns the cache of the tool bin runs, identified with the Python
// distributions dists (Installation), or nil (a nil Cache keeps nothing)
// when nothing is to be cached. getenv is os.Getenv but in tests.
func Open(name, bin string, dists []string, getenv func(string) string) *Cache {
	dir := getenv("SAMGEN_TEST_CACHE")
	if getenv("CI") == "true" || dir == "off" {
		return nil
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		dir = filepath.Join(base, "samgen")
	}
	tool := Installation(bin, dists...)
	if tool == "" {
		return nil
	}
	return New(filepath.Join(dir, name), tool)
}

// New returns the cache in dir of the tool identified as tool, or nil
// when dir cannot be made.
func New(dir, tool string) *Cache {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil
	}
	c := &Cache{dir: dir, tool: tool}
	c.trim(time.Now())
	return c
}

// Key is the key of the question parts make.
func (c *Cache) Key(parts ...string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s", format, c.tool)
	for _, p := range parts {
		fmt.Fprintf(h, "\x00%d\x00%s", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Get returns the answer kept under key.
func (c *Cache) Get(key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	p := filepath.Join(c.dir, key)
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	// Used: kept from the trim (touched at most hourly, not every run).
	now := time.Now()
	if st, err := os.Stat(p); err == nil && now.Sub(st.ModTime()) > time.Hour {
		os.Chtimes(p, now, now)
	}
	return b, true
}

// Put keeps answer under key. A failure to write costs the next run a
// question, not a wrong answer: the entry appears whole (renamed into
// place) or not at all.
func (c *Cache) Put(key string, answer []byte) {
	if c == nil {
		return
	}
	tmp, err := os.CreateTemp(c.dir, key+".tmp*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(answer)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), filepath.Join(c.dir, key)) != nil {
		os.Remove(tmp.Name())
	}
}

// trim removes the entries unused for trimAfter, once per trimEvery (a
// marker file's time says when it last did).
func (c *Cache) trim(now time.Time) {
	marker := filepath.Join(c.dir, "trimmed")
	if st, err := os.Stat(marker); err == nil && now.Sub(st.ModTime()) < trimEvery {
		return
	}
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Name() == "trimmed" {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > trimAfter {
			os.Remove(filepath.Join(c.dir, e.Name()))
		}
	}
	if os.WriteFile(marker, nil, 0o644) == nil {
		os.Chtimes(marker, now, now)
	}
}

// Installation identifies the program bin runs, a Python program or
// interpreter installed by pip: the file itself, and each Python
// distribution of dists (glob patterns such as "cfn_lint-*.dist-info") in
// its installation's site-packages, by name (version) and the size and
// time of its RECORD, which pip rewrites on every install. A pyenv shim is
// resolved first, as it resolves when run. The time of cfn-lint's
// DownloadsMetadata directory, when there is one, stands for the specs
// `cfn-lint --update-specs` downloads. It is "" (nothing cached) for a
// program laid out otherwise.
func Installation(bin string, dists ...string) string {
	prog := bin
	if filepath.Base(filepath.Dir(bin)) == "shims" {
		pyenv := filepath.Join(filepath.Dir(filepath.Dir(bin)), "bin", "pyenv")
		out, err := exec.Command(pyenv, "which", filepath.Base(bin)).Output()
		if err != nil {
			return ""
		}
		prog = strings.TrimSpace(string(out))
	}
	prog, err := filepath.EvalSymlinks(prog)
	if err != nil {
		return ""
	}
	st, err := os.Stat(prog)
	if err != nil || !st.Mode().IsRegular() {
		return ""
	}
	var id strings.Builder
	fmt.Fprintf(&id, "%s %d %d", prog, st.Size(), st.ModTime().UnixNano())
	if line, err := firstLine(prog); err == nil && strings.HasPrefix(line, "#!") {
		fmt.Fprintf(&id, " %s", line)
	}
	id.WriteString("\n")
	sites, _ := filepath.Glob(filepath.Join(filepath.Dir(prog), "..", "lib", "python3*", "site-packages"))
	if len(sites) != 1 {
		return ""
	}
	for _, dist := range dists {
		found, _ := filepath.Glob(filepath.Join(sites[0], dist))
		if len(found) != 1 {
			return ""
		}
		rec, err := os.Stat(filepath.Join(found[0], "RECORD"))
		if err != nil {
			return ""
		}
		fmt.Fprintf(&id, "%s %d %d\n", filepath.Base(found[0]), rec.Size(), rec.ModTime().UnixNano())
	}
	if specs, err := os.Stat(filepath.Join(sites[0], "cfnlint", "data", "DownloadsMetadata")); err == nil {
		fmt.Fprintf(&id, "specs %d\n", specs.ModTime().UnixNano())
	} else if !errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	return id.String()
}

// firstLine returns a text file's first line; a binary's has no "#!".
func firstLine(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	return strings.TrimSpace(line), nil
}
