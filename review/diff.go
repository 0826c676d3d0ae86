package review

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/internal/cfnschema"
)

// Kinds of change.
const (
	Added    = "added"
	Removed  = "removed"
	Modified = "modified"
	Replaced = "replaced"
)

// Report is what a change of template does to the stack.
type Report struct {
	// Changes are the template's resources that change, by logical ID (a
	// renamed resource under its new ID).
	Changes []Change `json:"changes"`
	// Generated are the resources SAM's transform makes that change.
	Generated []Change `json:"generated"`
	// Roles are the IAM roles whose grants change, by logical ID.
	Roles []RoleDelta `json:"roles"`
	// Before and After are the stack's size against CloudFormation's
	// limits, before and after the change.
	Before Budget `json:"before"`
	After  Budget `json:"after"`
	// Unchecked says what could not be judged: resource types samgen has
	// no replacement data for, SAM features it does not predict.
	Unchecked []string `json:"unchecked,omitempty"`
}

// Change is one resource that changes.
type Change struct {
	Change string `json:"change"`
	ID     string `json:"logicalId"`
	// OldID is the logical ID a renamed resource had.
	OldID string `json:"oldLogicalId,omitempty"`
	Type  string `json:"type"`
	// For is the template resource SAM generates it for, What what it is.
	For  string `json:"generatedFor,omitempty"`
	What string `json:"what,omitempty"`
	// Spec is the spec path of the declaration it renders, when known.
	Spec       string     `json:"spec,omitempty"`
	Properties []Property `json:"properties,omitempty"`
	// Replacement says why CloudFormation replaces the resource; Maybe
	// marks a replacement only some values of the property cause.
	Replacement string `json:"replacement,omitempty"`
	Maybe       bool   `json:"maybe,omitempty"`
	// DataLoss says what is lost with a stateful resource replaced or
	// removed without a retain policy; Suggestion how to keep it.
	DataLoss   string `json:"dataLoss,omitempty"`
	Suggestion string `json:"suggestion,omitempty"`
}

// Property is one changed property: its path from the top of
// Properties ("Events.Jobs.Properties.BatchSize"), or a resource
// attribute in parentheses ("(DeletionPolicy)").
type Property struct {
	Path     string `json:"path"`
	Old      any    `json:"old,omitempty"`
	New      any    `json:"new,omitempty"`
	Replaces bool   `json:"replaces,omitempty"`
	// segments are the names and [i] indexes of Path.
	segments []string
}

// Options tune [Compare].
type Options struct {
	// Specs maps the logical IDs of the new template to the spec path of
	// the declaration that renders them ("tables.purchases"), for the
	// suggestions.
	Specs map[string]string
}

// Compare reports what changing the stack from template base to head
// does.
func Compare(base, head *cfn.Template, opts Options) (*Report, error) {
	r := &Report{}
	br, hr := effective(base), effective(head)
	r.resources(br, hr, opts)
	bd, bu := Deploys(base)
	hd, hu := Deploys(head)
	r.generated(bd, hd, hr)
	r.Before, r.After = budget(base, bd), budget(head, hd)
	broles, err := Roles(base)
	if err != nil {
		return nil, fmt.Errorf("base: %w", err)
	}
	hroles, err := Roles(head)
	if err != nil {
		return nil, err
	}
	r.Roles = roleDeltas(broles, hroles)
	for _, u := range append(bu, hu...) {
		r.unchecked("SAM's transform of " + u + " is not predicted")
	}
	slices.Sort(r.Unchecked)
	r.Unchecked = slices.Compact(r.Unchecked)
	return r, nil
}

func (r *Report) unchecked(s string) { r.Unchecked = append(r.Unchecked, s) }

// resources compares the template resources: matched by logical ID, then
// what is left paired as renames.
func (r *Report) resources(base, head map[string]cfn.Resource, opts Options) {
	var removed, added []string
	for _, id := range slices.Sorted(maps.Keys(base)) {
		if _, ok := head[id]; !ok {
			removed = append(removed, id)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(head)) {
		b, ok := base[id]
		if !ok {
			added = append(added, id)
			continue
		}
		if c, changed := r.modified(id, b, head[id]); changed {
			c.Spec = opts.Specs[id]
			r.Changes = append(r.Changes, c)
		}
	}
	renames := pairRenames(removed, added, base, head)
	for _, id := range added {
		h := head[id]
		old, renamed := renames[id]
		if !renamed {
			r.Changes = append(r.Changes, Change{Change: Added, ID: id, Type: h.Type, Spec: opts.Specs[id]})
			continue
		}
		b := base[old]
		c := Change{Change: Replaced, ID: id, OldID: old, Type: h.Type, Spec: opts.Specs[id],
			Replacement: "logical ID " + old + " → " + id + ": CloudFormation creates " + id + " and deletes " + old}
		c.Properties = propertyChanges(b, h)
		if what, ok := stateful[b.Type]; ok && !retained(b, deletionPolicy(b)) {
			c.DataLoss = old + " is deleted with " + what
			pin := "pin the old ID (logicalId: \"" + old + "\"" + on(c.Spec) + ")"
			c.Suggestion = "to keep it, " + pin + ", or retain the old one (DeletionPolicy: Retain)"
		}
		r.Changes = append(r.Changes, c)
	}
	for _, id := range removed {
		if slices.Contains(slices.Collect(maps.Values(renames)), id) {
			continue
		}
		b := base[id]
		c := Change{Change: Removed, ID: id, Type: b.Type}
		if what, ok := stateful[b.Type]; ok && !retained(b, deletionPolicy(b)) {
			c.DataLoss = id + " is deleted with " + what
			c.Suggestion = "to keep it, set DeletionPolicy: Retain on it before removing it from the template"
		}
		r.Changes = append(r.Changes, c)
	}
	slices.SortFunc(r.Changes, func(a, b Change) int { return strings.Compare(a.ID, b.ID) })
}

func on(spec string) string {
	if spec == "" {
		return ""
	}
	return " on " + spec
}

// modified compares two versions of one resource.
func (r *Report) modified(id string, b, h cfn.Resource) (Change, bool) {
	c := Change{Change: Modified, ID: id, Type: h.Type}
	if b.Type != h.Type {
		c.Change, c.Replacement = Replaced, "type "+b.Type+" → "+h.Type
		if what, ok := stateful[b.Type]; ok && !retained(b, deletionPolicy(b)) {
			c.DataLoss = id + " is deleted with " + what
		}
		return c, true
	}
	c.Properties = propertyChanges(b, h)
	if len(c.Properties) == 0 {
		return c, false
	}
	typ, names := replacementType(h.Type)
	_, known := cfnschema.Lookup(typ)
	var replacing []string
	for i, p := range c.Properties {
		if strings.HasPrefix(p.Path, "(") {
			continue
		}
		path := slices.Clone(p.segments)
		if n, ok := names[path[0]]; ok {
			path[0] = n
		}
		yes, maybe := cfnschema.Replaces(typ, path)
		if h.Type == "AWS::Serverless::LayerVersion" {
			yes, maybe = true, false // a new version, by design
		}
		if yes {
			c.Properties[i].Replaces = true
			if !slices.Contains(replacing, p.segments[0]) {
				replacing = append(replacing, p.segments[0])
			}
			c.Maybe = c.Maybe || maybe
		}
	}
	if !known && !strings.HasPrefix(h.Type, "AWS::Serverless::") {
		r.unchecked("no replacement data for " + h.Type + " (" + id + "): its changes are reported as modifications")
	}
	if len(replacing) == 0 {
		return c, true
	}
	c.Change = Replaced
	c.Replacement = strings.Join(replacing, ", ") + " can only be set when the resource is created"
	if c.Maybe {
		c.Replacement = "a change of " + strings.Join(replacing, ", ") + " replaces the resource when CloudFormation cannot update it in place"
	}
	if h.Type == "AWS::Serverless::LayerVersion" {
		c.Replacement = "a changed layer is a new layer version"
	}
	if what, ok := stateful[h.Type]; ok && !retained(h, replacePolicy(h)) {
		c.DataLoss = "the new " + id + " starts without " + strings.TrimPrefix(what, "its ") + "; the old one is deleted"
		c.Suggestion = "keep " + strings.Join(replacing, ", ") + " as it was and migrate instead, or retain the old one (UpdateReplacePolicy: Retain)"
	}
	return c, true
}

// samTypes are the CloudFormation types SAM's resources become, and the
// SAM properties whose CloudFormation name differs.
var samTypes = map[string]struct {
	Type  string
	Names map[string]string
}{
	"AWS::Serverless::Function":     {"AWS::Lambda::Function", nil},
	"AWS::Serverless::StateMachine": {"AWS::StepFunctions::StateMachine", map[string]string{"Name": "StateMachineName", "Type": "StateMachineType"}},
	"AWS::Serverless::SimpleTable":  {"AWS::DynamoDB::Table", map[string]string{"PrimaryKey": "KeySchema"}},
	"AWS::Serverless::Api":          {"AWS::ApiGateway::RestApi", nil},
	"AWS::Serverless::HttpApi":      {"AWS::ApiGatewayV2::Api", nil},
	"AWS::Serverless::WebSocketApi": {"AWS::ApiGatewayV2::Api", nil},
	"AWS::Serverless::LayerVersion": {"AWS::Lambda::LayerVersion", nil},
}

func replacementType(typ string) (string, map[string]string) {
	if s, ok := samTypes[typ]; ok {
		return s.Type, s.Names
	}
	return typ, nil
}

// stateful are the types whose resources hold data, and what a deleted
// one takes with it.
var stateful = map[string]string{
	"AWS::DynamoDB::Table":          "its items",
	"AWS::Serverless::SimpleTable":  "its items",
	"AWS::S3::Bucket":               "its objects",
	"AWS::SQS::Queue":               "its messages",
	"AWS::Kinesis::Stream":          "its records",
	"AWS::Logs::LogGroup":           "its log events",
	"AWS::KMS::Key":                 "its key material (what it encrypted can no longer be decrypted)",
	"AWS::Lambda::LayerVersion":     "its content (functions that use the version can no longer be updated with it)",
	"AWS::Serverless::LayerVersion": "its content (functions that use the version can no longer be updated with it)",
}

// retained reports whether a deletion policy keeps the resource's data.
func retained(r cfn.Resource, policy string) bool {
	switch policy {
	case "Retain", "RetainExceptOnCreate", "Snapshot":
		return true
	}
	return false
}

// deletionPolicy is what happens to r when it leaves the stack. SAM
// retains layer versions unless told otherwise (RetentionPolicy).
func deletionPolicy(r cfn.Resource) string {
	if r.Type == "AWS::Serverless::LayerVersion" {
		if p, ok := r.Properties["RetentionPolicy"].(string); ok {
			return strings.ToUpper(p[:min(1, len(p))]) + strings.ToLower(p[min(1, len(p)):])
		}
		return cmpOr(r.DeletionPolicy, "Retain")
	}
	return r.DeletionPolicy
}

// replacePolicy is what happens to the old r when it is replaced.
func replacePolicy(r cfn.Resource) string {
	if r.Type == "AWS::Serverless::LayerVersion" {
		return deletionPolicy(r) // each version is deleted, or kept, as it leaves
	}
	return r.UpdateReplacePolicy
}

// propertyChanges lists what differs between two versions of a resource:
// leaves of nested mappings, lists as a whole, and the attributes that
// change what CloudFormation does with it.
func propertyChanges(b, h cfn.Resource) []Property {
	var out []Property
	attr := func(name, x, y string) {
		if x != y {
			out = append(out, Property{Path: "(" + name + ")", Old: nonEmpty(x), New: nonEmpty(y)})
		}
	}
	attr("Condition", b.Condition, h.Condition)
	attr("DeletionPolicy", b.DeletionPolicy, h.DeletionPolicy)
	attr("UpdateReplacePolicy", b.UpdateReplacePolicy, h.UpdateReplacePolicy)
	diffValue(nil, b.Properties, h.Properties, &out)
	return out
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// diffValue appends the differences of a and b under path: the leaves
// of mappings (a side that lacks one is nil), list items by index, and
// values that differ otherwise whole.
func diffValue(path []string, a, b any, out *[]Property) {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if (aok || a == nil) && (bok || b == nil) && (aok || bok) && !cfn.IsIntrinsic(am) && !cfn.IsIntrinsic(bm) {
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			diffValue(append(slices.Clone(path), k), am[k], bm[k], out)
		}
		return
	}
	al, aok := a.([]any)
	bl, bok := b.([]any)
	if aok && bok {
		for i := range max(len(al), len(bl)) {
			var x, y any
			if i < len(al) {
				x = al[i]
			}
			if i < len(bl) {
				y = bl[i]
			}
			diffValue(append(slices.Clone(path), fmt.Sprintf("[%d]", i)), x, y, out)
		}
		return
	}
	if !reflect.DeepEqual(normal(a), normal(b)) {
		*out = append(*out, Property{Path: joinPath(path), Old: a, New: b, segments: path})
	}
}

// joinPath writes a property path: names joined by ".", list indexes as
// [i] ("Policies[1].DynamoDBWritePolicy.TableName").
func joinPath(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if i > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// normal makes numbers of YAML and JSON templates compare equal.
func normal(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// pairRenames pairs removed and added resources of one type whose
// properties are alike (at least half of them equal, references to the
// unpaired resources aside): a renamed resource. It returns the old ID by
// new ID.
func pairRenames(removed, added []string, base, head map[string]cfn.Resource) map[string]string {
	unpaired := map[string]bool{}
	for _, id := range append(slices.Clone(removed), added...) {
		unpaired[id] = true
	}
	type pair struct {
		old, new string
		score    float64
	}
	var pairs []pair
	for _, o := range removed {
		for _, n := range added {
			if base[o].Type != head[n].Type {
				continue
			}
			if s := likeness(base[o].Properties, head[n].Properties, unpaired); s >= 0.5 {
				pairs = append(pairs, pair{o, n, s})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return cmp.Compare(b.score, a.score) })
	out, used := map[string]string{}, map[string]bool{}
	for _, p := range pairs {
		if !used[p.old] && !used[p.new] {
			out[p.new], used[p.old], used[p.new] = p.old, true, true
		}
	}
	return out
}

// likeness is the share of properties two resources hold equal; a
// reference to any of ids counts as equal to any other.
func likeness(a, b map[string]any, ids map[string]bool) float64 {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	if len(keys) == 0 {
		return 1
	}
	same := 0
	for k := range keys {
		if reflect.DeepEqual(normal(masked(a[k], ids)), normal(masked(b[k], ids))) {
			same++
		}
	}
	return float64(same) / float64(len(keys))
}

// masked replaces references to ids in v by one placeholder.
func masked(v any, ids map[string]bool) any {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := refID(x); ok && ids[id] {
			return "<renamed>"
		}
		m := make(map[string]any, len(x))
		for k, y := range x {
			m[k] = masked(y, ids)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, y := range x {
			l[i] = masked(y, ids)
		}
		return l
	case string:
		for id := range ids {
			x = strings.ReplaceAll(x, "${"+id+"}", "${<renamed>}")
			x = strings.ReplaceAll(x, "${"+id+".", "${<renamed>.")
		}
		return x
	}
	return v
}

// generated compares what SAM's transform makes: resources it adds or no
// longer adds, and event resources an event's change replaces.
func (r *Report) generated(base, head []Deployed, res map[string]cfn.Resource) {
	bk := map[string]Deployed{}
	for _, d := range base {
		bk[d.Key()] = d
	}
	hk := map[string]Deployed{}
	for _, d := range head {
		hk[d.Key()] = d
		if d.For() == "" {
			continue
		}
		if _, ok := bk[d.Key()]; !ok {
			r.Generated = append(r.Generated, Change{Change: Added, ID: d.Key(), Type: d.Type, For: d.From, What: d.What})
		}
	}
	for _, d := range base {
		if _, ok := hk[d.Key()]; !ok && d.For() != "" {
			r.Generated = append(r.Generated, Change{Change: Removed, ID: d.Key(), Type: d.Type, For: d.From, What: d.What})
		}
	}
	for _, c := range r.Changes {
		if c.Change != Modified || (c.Type != "AWS::Serverless::Function" && c.Type != "AWS::Serverless::StateMachine") {
			continue
		}
		for _, p := range c.Properties {
			path := p.segments
			if p.Old == nil || p.New == nil || len(path) < 4 || path[0] != "Events" || path[2] != "Properties" {
				continue
			}
			ev, _ := res[c.ID].Properties["Events"].(map[string]any)
			e, _ := ev[path[1]].(map[string]any)
			samType, _ := e["Type"].(string)
			er, ok := eventResource[samType]
			prop, mapped := er.Props[path[3]]
			if !ok || !mapped {
				continue
			}
			id := c.ID + path[1]
			d, ok := hk[id]
			if !ok {
				continue
			}
			if yes, maybe := cfnschema.Replaces(er.Type, []string{prop}); yes {
				r.Generated = append(r.Generated, Change{Change: Replaced, ID: id, Type: d.Type, For: d.From, What: d.What, Maybe: maybe,
					Replacement: "event " + path[1] + "'s " + path[3] + " sets " + prop + ", which can only be set when the resource is created"})
			}
		}
	}
	slices.SortFunc(r.Generated, func(a, b Change) int { return strings.Compare(a.ID, b.ID) })
}

// For is the resource d is generated for, "" for one of the template
// itself.
func (d Deployed) For() string {
	if d.From == d.ID {
		return "" // a layer version is its own resource, renamed
	}
	return d.From
}
