package review_test

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/cfnschema"
	"samgen.dev/samgen/internal/samtest"
	"samgen.dev/samgen/review"
)

// deployedScript prints, per template of a JSON list, the resources of
// the template SAM's transform makes of it: [logical ID, type] pairs.
const deployedScript = samtest.Loader + `
def deployed(text):
    return sorted([k, v["Type"]] for k, v in transform(load(text), {}, Policies())["Resources"].items())

json.dump([deployed(t) for t in json.load(sys.stdin)], sys.stdout)
`

// hash is the content hash SAM appends to the IDs of versions,
// deployments and layer versions.
var hash = regexp.MustCompile(`^[0-9a-f]{10}$`)

// TestDeploysMatchesTransform is the oracle of the resource count: for
// every example (and the templates of extraTemplates), the resources
// samgen predicts SAM's transform deploys are exactly the translator's,
// ID and type, hashed IDs matched by their prefix; and the vendored
// replacement data covers every type deployed.
func TestDeploysMatchesTransform(t *testing.T) {
	t.Parallel()
	names, templates := exampleTemplates(t)
	for name, body := range extraTemplates {
		names = append(names, name)
		templates = append(templates, []byte(body))
	}
	var in []string
	for _, b := range templates {
		in = append(in, string(b))
	}
	stdin, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var got [][][2]string
	if out := samtest.Run(t, deployedScript, stdin); json.Unmarshal(out, &got) != nil || len(got) != len(names) {
		t.Fatalf("SAM translator: want %d resource lists, got:\n%s", len(names), out)
	}
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			tpl, _ := cfn.Parse(templates[i])
			predicted, unknown := review.Deploys(tpl)
			if len(unknown) > 0 {
				t.Errorf("unpredicted: %v", unknown)
			}
			left := slices.Clone(got[i])
			for _, d := range predicted {
				j := slices.IndexFunc(left, func(p [2]string) bool {
					if p[1] != d.Type {
						return false
					}
					if d.Hashed {
						rest, ok := strings.CutPrefix(p[0], d.ID)
						return ok && hash.MatchString(rest)
					}
					return p[0] == d.ID
				})
				if j < 0 {
					t.Errorf("predicted %s (%s, %s of %s), which SAM does not deploy", d.Key(), d.Type, d.What, d.From)
					continue
				}
				left = slices.Delete(left, j, j+1)
			}
			for _, p := range left {
				t.Errorf("SAM deploys %s (%s), which samgen does not predict", p[0], p[1])
			}
			// Every type deployed has replacement data (types.txt).
			for _, p := range got[i] {
				if _, ok := cfnschema.Lookup(p[1]); !ok {
					t.Errorf("no create-only data for %s (%s): add it to internal/cfnschema/types.txt", p[1], p[0])
				}
			}
			if len(predicted) != len(got[i]) {
				t.Errorf("samgen predicts %d resources after the transform, SAM makes %d", len(predicted), len(got[i]))
			}
		})
	}
}

// exampleTemplates returns the committed template of every example.
func exampleTemplates(t *testing.T) (names []string, templates [][]byte) {
	t.Helper()
	files, err := filepath.Glob("../examples/*/template.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, f := range files {
		names = append(names, filepath.Base(filepath.Dir(f)))
		templates = append(templates, readFile(t, f))
	}
	return names, templates
}
