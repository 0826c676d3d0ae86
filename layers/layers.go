// Package layers knows what Lambda requires of layers: which layers a
// function ends up with once defaults are added, the five-per-function
// limit, runtime and architecture compatibility, layer version ARNs and the
// unzipped size limit.
package layers

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

const (
	// MaxPerFunction is how many layers a function may use, those it gets
	// from defaults included.
	MaxPerFunction = 5
	// MaxUnzippedBytes is Lambda's limit on a function's code and all its
	// layers, unzipped: 250 MB (262,144,000 bytes).
	MaxUnzippedBytes = 250 << 20
	// DefaultArchitecture is the architecture of a function that sets none.
	DefaultArchitecture = "x86_64"
)

// Use is one layer in a function's effective list.
type Use struct {
	Ref schema.Ref
	// Path is the spec path of the list entry, such as
	// "defaults.function.layers[0]" or "functions.api.layers[1]".
	Path string
	// FromDefaults marks an entry inherited from defaults.function.
	FromDefaults bool
}

// Of returns the layers function name uses, in the order Lambda extracts
// them: those of defaults.function first, then the function's own (SAM
// concatenates Globals lists with the resource's, globals first).
func Of(app *schema.App, name string) []Use {
	var out []Use
	for i, r := range app.Defaults.Function.Layers {
		out = append(out, Use{Ref: r, Path: fmt.Sprintf("defaults.function.layers[%d]", i), FromDefaults: true})
	}
	for i, r := range app.Functions[name].Layers {
		out = append(out, Use{Ref: r, Path: fmt.Sprintf("functions.%s.layers[%d]", name, i)})
	}
	return out
}

// Names returns the layer names of uses, in order.
func Names(uses []Use) []string {
	out := make([]string, len(uses))
	for i, u := range uses {
		out[i] = u.Ref.Name
	}
	return out
}

// Users returns the names of the functions that use layer, sorted.
func Users(app *schema.App, layer string) []string {
	var out []string
	for name := range app.Functions {
		if slices.ContainsFunc(Of(app, name), func(u Use) bool { return u.Ref.Name == layer }) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// Architecture returns a function's architecture, Lambda's default when
// it sets none.
func Architecture(arch string) string {
	if arch == "" {
		return DefaultArchitecture
	}
	return arch
}

// SupportsRuntime reports whether l can serve a function on runtime rt: it
// lists rt among its runtimes, or declares none.
func SupportsRuntime(l schema.Layer, rt string) bool {
	return len(l.Runtimes) == 0 || slices.Contains(l.Runtimes, rt)
}

// SupportsArchitecture reports whether l can serve a function on arch
// (empty meaning Lambda's default): it lists it, or declares none.
func SupportsArchitecture(l schema.Layer, arch string) bool {
	return len(l.Architectures) == 0 || slices.Contains(l.Architectures, Architecture(arch))
}

// ARN is a parsed layer version ARN. Partition, Region and Account may be
// ${AWS::...} variables of an ARN rendered with !Sub.
type ARN struct {
	Partition, Region, Account, Name, Version string
}

// Layer returns the ARN of the layer without its version: two ARNs with
// the same Layer are versions of one layer.
func (a ARN) Layer() string {
	return strings.Join([]string{"arn", a.Partition, "lambda", a.Region, a.Account, "layer", a.Name}, ":")
}

func (a ARN) String() string { return a.Layer() + ":" + a.Version }

// ParseARN parses arn:<partition>:lambda:<region>:<account>:layer:<name>:<version>.
func ParseARN(s string) (ARN, error) {
	p := splitARN(s)
	switch {
	case len(p) < 7 || p[0] != "arn" || p[2] != "lambda" || p[5] != "layer":
		return ARN{}, fmt.Errorf("%q is not a layer ARN: want arn:<partition>:lambda:<region>:<account>:layer:<name>:<version>", s)
	case len(p) == 7:
		return ARN{}, fmt.Errorf("layer ARN %q has no version: append :<version>", s)
	case len(p) > 8:
		return ARN{}, fmt.Errorf("%q is not a layer ARN: too many fields", s)
	}
	a := ARN{Partition: p[1], Region: p[3], Account: p[4], Name: p[6], Version: p[7]}
	if a.Name == "" || a.Version == "" || strings.Trim(a.Version, "0123456789") != "" {
		return ARN{}, fmt.Errorf("layer ARN %q needs a name and a numeric version", s)
	}
	return a, nil
}

// splitARN splits s at the colons outside ${...} variables, whose names
// (AWS::Region) hold colons of their own.
func splitARN(s string) []string {
	var out []string
	start, depth := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "${"):
			depth++
		case s[i] == '}' && depth > 0:
			depth--
		case s[i] == ':' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// Identity returns a key naming the Lambda layer that l is a version of:
// two declared layers with the same identity cannot serve one function.
// An owned layer is its own; an external one is its ARN without the
// version, or its SSM parameter.
func Identity(l schema.Layer) string {
	switch {
	case l.SSM != "":
		return "ssm:" + l.SSM
	case l.ArnText() != "":
		if a, err := ParseARN(l.ArnText()); err == nil {
			return a.Layer()
		}
		return l.ArnText()
	case !l.Arn.IsZero():
		// An expression: its own identity, unknown before deploy.
		return "expr:" + l.Ref.Name
	}
	return "owned:" + l.Ref.Name
}

// DirSize returns the total size of the regular files under dir, stopping
// early once it exceeds limit. found is false when dir does not exist.
func DirSize(dir string, limit int64) (size int64, found bool, err error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	errStop := errors.New("over limit")
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		size += info.Size()
		if size > limit {
			return errStop
		}
		return nil
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return size, true, err
}
