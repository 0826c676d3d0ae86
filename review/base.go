package review

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"samgen.dev/samgen/internal/cfn"
)

// Base reads the template a change is compared with: the file base names,
// when there is one, else file (a template path such as
// "app/template.yaml") as committed at git revision base ("HEAD" when
// base is ""). A revision that does not hold the file is an empty
// template: everything is added. It returns the template and what it is,
// for the report ("app/template.yaml at origin/main").
func Base(base, file string) (*cfn.Template, string, error) {
	if base != "" {
		if st, err := os.Stat(base); err == nil && !st.IsDir() {
			b, err := os.ReadFile(base)
			if err != nil {
				return nil, "", err
			}
			t, err := cfn.Parse(b)
			if err != nil {
				return nil, "", located(base, err)
			}
			return t, base, nil
		}
	}
	rev := base
	if rev == "" {
		rev = "HEAD"
	}
	dir, name := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, "", fmt.Errorf("--base %s: neither a file nor a git revision of %s (%v)", rev, dir, err)
	}
	prefix, err := git(dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, "", err
	}
	path := strings.TrimSpace(prefix) + name
	what := file + " at " + rev
	if _, err := git(dir, "cat-file", "-e", rev+":"+path); err != nil {
		return &cfn.Template{Transform: "AWS::Serverless-2016-10-31", Resources: map[string]cfn.Resource{}}, what + " (not there: everything is new)", nil
	}
	b, err := git(dir, "show", rev+":"+path)
	if err != nil {
		return nil, "", err
	}
	t, err := cfn.Parse([]byte(b))
	if err != nil {
		return nil, "", located(rev+":"+path, err)
	}
	return t, what, nil
}

// located is err, a problem of the template in file, with file in front
// of each of its positions (HEAD:template.yaml:3:5 for a committed one).
func located(file string, err error) error {
	var ps cfn.Problems
	if errors.As(err, &ps) {
		return cfn.FileProblems{File: file, Problems: ps}
	}
	return fmt.Errorf("%s: %w", file, err)
}

// git runs git in dir and returns its standard output.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if msg := strings.TrimSpace(stderr.String()); msg != "" {
				return "", errors.New(msg)
			}
			return "", fmt.Errorf("git %s: exit status %d", args[0], ee.ExitCode())
		}
		return "", err
	}
	return string(out), nil
}
