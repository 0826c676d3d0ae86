package checks

import (
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"

	"samgen.dev/samgen/schema"
)

// TestLimitsMatchSchema holds the bounds of the limit table (which SG025
// names when a value is known at deploy time only) equal to the CUE
// schema's, which check literals: each field accepts its bounds and
// rejects what is just outside them.
func TestLimitsMatchSchema(t *testing.T) {
	dir := "/samgen-schema"
	overlay := map[string]load.Source{
		dir + "/cue.mod/module.cue": load.FromString("module: \"samgen.dev/schema\"\nlanguage: version: \"v0.17.1\"\n"),
	}
	for name, src := range schema.Files() {
		overlay[dir+"/"+name] = load.FromBytes(src)
	}
	bis := load.Instances([]string{"."}, &load.Config{Dir: dir, ModuleRoot: dir, Overlay: overlay})
	ctx := cuecontext.New()
	pkg := ctx.BuildInstance(bis[0])
	if err := pkg.Err(); err != nil {
		t.Fatal(err)
	}
	accepts := func(field cue.Value, n int) bool {
		return field.Unify(ctx.Encode(n)).Validate(cue.Concrete(true)) == nil
	}
	for _, l := range limits {
		t.Run(l.Field, func(t *testing.T) {
			path := l.Schema
			if path == "" {
				path = "#" + l.Field
			}
			field := pkg
			for _, sel := range strings.Split(path, ".") {
				if strings.HasPrefix(sel, "#") {
					field = field.LookupPath(cue.MakePath(cue.Def(sel)))
					continue
				}
				if f := field.LookupPath(cue.MakePath(cue.Str(sel).Optional())); f.Exists() {
					field = f
					continue
				}
				field = field.LookupPath(cue.MakePath(cue.Str(sel)))
			}
			if !field.Exists() {
				t.Fatalf("the schema has no %s", path)
			}
			if !accepts(field, l.Min) || accepts(field, l.Min-1) {
				t.Errorf("the schema's lower bound of %s is not %d", l.Field, l.Min)
			}
			if l.Max != 0 && (!accepts(field, l.Max) || accepts(field, l.Max+1)) {
				t.Errorf("the schema's upper bound of %s is not %d", l.Field, l.Max)
			}
			if l.Max == 0 && !accepts(field, l.Min+1_000_000) {
				t.Errorf("the schema bounds %s above, and the table does not", l.Field)
			}
		})
	}
}
