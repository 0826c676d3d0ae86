package importer

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// Difference is one thing a built template has otherwise than the
// template it was imported from.
type Difference struct {
	// Section is the template's section: Resources, Outputs, Parameters,
	// Mappings, Conditions, Globals (an implicit API's), Description or
	// Metadata.
	Section string `json:"section"`
	// LogicalID is the resource, output, parameter, mapping or condition.
	LogicalID string `json:"logicalId,omitempty"`
	// Path is the property's path from the top of Properties
	// ("Events.Jobs.Properties.BatchSize"), a resource attribute in
	// parentheses ("(DeletionPolicy)"), or "" for the whole entry.
	Path string `json:"path,omitempty"`
	// Want is the template's value, Got the built one's; nil when absent.
	Want any `json:"want,omitempty"`
	Got  any `json:"got,omitempty"`
}

func (d Difference) String() string {
	where := d.Section
	if d.LogicalID != "" {
		where += "." + d.LogicalID
	}
	if d.Path != "" {
		if strings.HasPrefix(d.Path, "(") {
			where += " " + d.Path
		} else {
			where += ".Properties." + d.Path
		}
	}
	switch {
	case d.Want == nil:
		return fmt.Sprintf("%s: built %s, which the template does not have", where, show(d.Got))
	case d.Got == nil:
		return fmt.Sprintf("%s: the template has %s, which is not built", where, show(d.Want))
	}
	return fmt.Sprintf("%s: the template has %s, built %s", where, show(d.Want), show(d.Got))
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 160 {
		return string(b[:157]) + "..."
	}
	return string(b)
}

// Compare compares two templates structurally, a resource's properties
// with SAM's Globals folded in, and returns what differs: resources
// (properties and attributes), outputs, parameters, mappings, conditions,
// and the template's description and metadata when want has them. Equal
// means equal after these equivalences, each of which CloudFormation or
// SAM's transform gives the same meaning:
//
//   - key order, and the spelling of intrinsics (!GetAtt A.B and
//     Fn::GetAtt: [A, B]; a !Sub with no variables and its string; !Sub
//     ${X} and !Ref X);
//   - a number or a boolean and its string (CloudFormation passes
//     properties as strings where the resource takes them);
//   - a property set to !Ref AWS::NoValue and the property absent;
//   - a property set to the default the service documents and the
//     property absent ([propertyDefaults]);
//   - the order of DependsOn, of tags, and of an IAM role's policies: a
//     function's or role's grants are compared as the set of statements
//     they allow (policy templates expanded with SAM's catalogue, a
//     statement's Sid left out) and of managed policies they attach;
//   - the HTTP method of an API event in any case;
//   - a condition and the conditions it names, inlined;
//   - Globals.Api and Globals.HttpApi folded into the template's APIs
//     (and compared as a section of their own when an event makes SAM
//     generate an implicit API, which takes them);
//   - after SAM's transform, the content hash SAM appends to the IDs of
//     function versions, API deployments and layer versions, and gives an
//     API deployment's description (a hash of the API's document in its
//     key order, which samgen's YAML sorts).
func Compare(want, got *cfn.Template) []Difference {
	w, g := normalize(want), normalize(got)
	var out []Difference
	for _, id := range union(w.resources, g.resources) {
		wr, inW := w.resources[id]
		gr, inG := g.resources[id]
		switch {
		case !inG:
			out = append(out, Difference{Section: "Resources", LogicalID: id, Want: wr["Type"]})
		case !inW:
			out = append(out, Difference{Section: "Resources", LogicalID: id, Got: gr["Type"]})
		default:
			out = append(out, resourceDiffs(id, wr, gr)...)
		}
	}
	for _, sec := range []struct {
		name string
		w, g map[string]any
		all  bool
	}{
		{"Outputs", w.outputs, g.outputs, true},
		{"Parameters", w.parameters, g.parameters, true},
		{"Mappings", w.mappings, g.mappings, true},
		{"Conditions", w.conditions, g.conditions, false},
	} {
		for _, id := range union(sec.w, sec.g) {
			wv, inW := sec.w[id]
			gv, inG := sec.g[id]
			if !inW && !sec.all {
				// A condition samgen lifted out of another: compared where
				// it is used, inlined.
				continue
			}
			if !inW || !inG || !reflect.DeepEqual(wv, gv) {
				out = append(out, Difference{Section: sec.name, LogicalID: id, Want: orNil(wv, inW), Got: orNil(gv, inG)})
			}
		}
	}
	for _, sec := range []string{"Api", "HttpApi"} {
		wv, gv := implicitAPIGlobals(want, sec), implicitAPIGlobals(got, sec)
		if !reflect.DeepEqual(wv, gv) {
			out = append(out, Difference{Section: "Globals", LogicalID: sec, Want: wv, Got: gv})
		}
	}
	if w.description != nil && !reflect.DeepEqual(w.description, g.description) {
		out = append(out, Difference{Section: "Description", Want: w.description, Got: g.description})
	}
	if len(w.metadata) > 0 && !reflect.DeepEqual(w.metadata, g.metadata) {
		out = append(out, Difference{Section: "Metadata", Want: w.metadata, Got: orNil(g.metadata, len(g.metadata) > 0)})
	}
	return out
}

// implicitAPIGlobals is t's Globals.Api or Globals.HttpApi (section), as
// compared, when an event of t makes SAM generate the implicit API of that
// kind (an Api event with no RestApiId, an HttpApi event with no ApiId):
// the implicit API takes them, and no resource of the template holds them
// to fold them into.
func implicitAPIGlobals(t *cfn.Template, section string) any {
	g, _ := t.Globals[section].(map[string]any)
	if len(g) == 0 || !implicitAPI(t, section) {
		return nil
	}
	return norm(g)
}

// implicitAPI reports whether an event of t makes SAM generate the
// implicit API of kind section (Api or HttpApi): an event of that type
// that names no API.
func implicitAPI(t *cfn.Template, section string) bool {
	idKey := map[string]string{"Api": "RestApiId", "HttpApi": "ApiId"}[section]
	for _, id := range slices.Sorted(maps.Keys(t.Resources)) {
		evs, _ := t.Resources[id].Properties["Events"].(map[string]any)
		for _, e := range evs {
			m, _ := e.(map[string]any)
			props, _ := m["Properties"].(map[string]any)
			if _, named := props[idKey]; m["Type"] == section && !named {
				return true
			}
		}
	}
	return false
}

func orNil(v any, ok bool) any {
	if !ok {
		return nil
	}
	return v
}

func union[V any](a, b map[string]V) []string {
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// resourceDiffs compares two normalized resources.
func resourceDiffs(id string, w, g map[string]any) []Difference {
	var out []Difference
	for _, k := range union(w, g) {
		if k == "Properties" {
			continue
		}
		if !reflect.DeepEqual(w[k], g[k]) {
			out = append(out, Difference{Section: "Resources", LogicalID: id, Path: "(" + k + ")", Want: w[k], Got: g[k]})
		}
	}
	wp, _ := w["Properties"].(map[string]any)
	gp, _ := g["Properties"].(map[string]any)
	diffValues(nil, wp, gp, func(path []string, a, b any) {
		out = append(out, Difference{Section: "Resources", LogicalID: id, Path: strings.Join(path, "."), Want: a, Got: b})
	})
	return out
}

// diffValues reports the deepest paths at which two values differ:
// maps are descended, lists and scalars compared whole.
func diffValues(path []string, a, b any, report func([]string, any, any)) {
	am, aMap := a.(map[string]any)
	bm, bMap := b.(map[string]any)
	if aMap && bMap && !cfn.IsIntrinsic(am) && !cfn.IsIntrinsic(bm) {
		for _, k := range union(am, bm) {
			av, inA := am[k]
			bv, inB := bm[k]
			p := append(slices.Clone(path), k)
			switch {
			case !inA:
				report(p, nil, bv)
			case !inB:
				report(p, av, nil)
			default:
				diffValues(p, av, bv, report)
			}
		}
		return
	}
	if !reflect.DeepEqual(a, b) {
		report(path, a, b)
	}
}

// normalized is a template in the form Compare compares.
type normalized struct {
	resources                                 map[string]map[string]any
	outputs, parameters, mappings, conditions map[string]any
	description                               any
	metadata                                  map[string]any
}

func normalize(t *cfn.Template) normalized {
	n := normalized{resources: map[string]map[string]any{}}
	renames := hashedIDs(t)
	conds := map[string]any{}
	for id, c := range t.Conditions {
		conds[id] = c
	}
	for id, r := range t.Effective() {
		m := map[string]any{"Type": r.Type}
		if r.Condition != "" {
			m["Condition"] = r.Condition
		}
		if len(r.DependsOn) > 0 {
			deps := slices.Clone(r.DependsOn)
			for i, d := range deps {
				if to, ok := renames[d]; ok {
					deps[i] = to
				}
			}
			slices.Sort(deps)
			m["DependsOn"] = toAnyList(slices.Compact(deps))
		}
		if len(r.Metadata) > 0 {
			m["Metadata"] = norm(rename(r.Metadata, renames))
		}
		if r.DeletionPolicy != "" {
			m["DeletionPolicy"] = r.DeletionPolicy
		}
		if r.UpdateReplacePolicy != "" {
			m["UpdateReplacePolicy"] = r.UpdateReplacePolicy
		}
		for k, v := range r.Other {
			m[k] = norm(rename(v, renames))
		}
		props, _ := rename(r.Properties, renames).(map[string]any)
		props = resourceForm(r.Type, props)
		if p := norm(props); p != nil {
			if pm, ok := p.(map[string]any); ok && len(pm) > 0 {
				m["Properties"] = pm
			}
		}
		if to, ok := renames[id]; ok {
			id = to
		}
		n.resources[id] = m
	}
	n.outputs = map[string]any{}
	for id, o := range t.Outputs {
		n.outputs[id] = norm(rename(o, renames))
	}
	n.parameters = map[string]any{}
	for id, p := range t.Parameters {
		pm, _ := norm(p).(map[string]any)
		if pm["Type"] == nil {
			pm["Type"] = "String"
		}
		n.parameters[id] = pm
	}
	n.mappings = map[string]any{}
	for id, m := range t.Mappings {
		n.mappings[id] = norm(m)
	}
	n.conditions = map[string]any{}
	for id := range conds {
		n.conditions[id] = norm(inlineConditions(conds[id], conds, 0))
	}
	if t.Description != nil {
		n.description = norm(t.Description)
	}
	n.metadata, _ = norm(t.Metadata).(map[string]any)
	return n
}

func toAnyList(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// inlineConditions replaces each {"Condition": X} with X's definition.
func inlineConditions(v any, conds map[string]any, depth int) any {
	if depth > 20 {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		if c, ok := x["Condition"].(string); ok && len(x) == 1 {
			if def, ok := conds[c]; ok {
				return inlineConditions(def, conds, depth+1)
			}
		}
		out := map[string]any{}
		for k, e := range x {
			out[k] = inlineConditions(e, conds, depth)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = inlineConditions(e, conds, depth)
		}
		return out
	}
	return v
}

// hashed matches the content hash SAM appends to some IDs.
var hashed = regexp.MustCompile(`^(.+?)[0-9a-f]{10}$`)

// deploymentHash matches the description SAM gives an API deployment,
// with its content hash.
var deploymentHash = regexp.MustCompile(`^(RestApi deployment id: )[0-9a-f]{40}$`)

// hashedTypes are the types of the resources whose IDs end in a content
// hash after SAM's transform.
var hashedTypes = []string{"AWS::Lambda::Version", "AWS::ApiGateway::Deployment", "AWS::Lambda::LayerVersion"}

// hashedIDs maps each hashed ID of t to its prefix and "*".
func hashedIDs(t *cfn.Template) map[string]string {
	out := map[string]string{}
	for id, r := range t.Resources {
		if !slices.Contains(hashedTypes, r.Type) {
			continue
		}
		if m := hashed.FindStringSubmatch(id); m != nil {
			out[id] = m[1] + "*"
		}
	}
	return out
}

// rename replaces the logical IDs of renames wherever they are named.
func rename(v any, renames map[string]string) any {
	if len(renames) == 0 {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = rename(e, renames)
		}
		if id, ok := out["Ref"].(string); ok && len(out) == 1 {
			if to, ok := renames[id]; ok {
				out["Ref"] = to
			}
		}
		if ga, ok := out["Fn::GetAtt"].([]any); ok && len(ga) == 2 {
			if id, ok := ga[0].(string); ok {
				if to, ok := renames[id]; ok {
					out["Fn::GetAtt"] = []any{to, ga[1]}
				}
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = rename(e, renames)
		}
		return out
	case string:
		for from, to := range renames {
			x = strings.ReplaceAll(x, "${"+from+"}", "${"+to+"}")
			x = strings.ReplaceAll(x, "${"+from+".", "${"+to+".")
		}
		return x
	}
	return v
}

// norm canonicalizes a value: intrinsic spellings, scalars as strings,
// AWS::NoValue properties removed.
func norm(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case map[string]any:
		if len(x) == 1 {
			if s, ok := x["Fn::GetAtt"].(string); ok {
				id, attr, _ := strings.Cut(s, ".")
				return map[string]any{"Fn::GetAtt": []any{id, attr}}
			}
			if sub, ok := x["Fn::Sub"]; ok {
				return normSub(sub)
			}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			if isNoValue(e) {
				continue
			}
			out[k] = norm(e)
		}
		return out
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			if isNoValue(e) {
				continue
			}
			out = append(out, norm(e))
		}
		return out
	}
	if s, ok := cfn.ScalarString(v); ok {
		return s
	}
	return v
}

func isNoValue(v any) bool {
	m, ok := v.(map[string]any)
	return ok && len(m) == 1 && m["Ref"] == "AWS::NoValue"
}

// normSub canonicalizes a !Sub: no variables is its string, "${X}" alone
// a !Ref (or !GetAtt X.A), an empty variable map none.
func normSub(sub any) any {
	s, isStr := sub.(string)
	if l, ok := sub.([]any); ok && len(l) == 2 {
		vars, _ := l[1].(map[string]any)
		if str, ok := l[0].(string); ok && len(vars) == 0 {
			s, isStr = str, true
		} else if str, ok := inlineSubVariables(str, vars); ok {
			s, isStr = str, true
		} else {
			return map[string]any{"Fn::Sub": norm(sub)}
		}
	}
	if !isStr {
		return map[string]any{"Fn::Sub": norm(sub)}
	}
	if !strings.Contains(s, "${") {
		return s
	}
	if vs := schema.SubVariables(s); len(vs) == 1 && s == "${"+vs[0]+"}" {
		if id, attr, ok := strings.Cut(vs[0], "."); ok {
			return map[string]any{"Fn::GetAtt": []any{id, attr}}
		}
		return map[string]any{"Ref": vs[0]}
	}
	return map[string]any{"Fn::Sub": s}
}

// inlineSubVariables writes a !Sub whose variables are each a !Ref or a
// !GetAtt as the one string CloudFormation reads alike: ${X} with X:
// !Ref Orders is ${Orders}, with X: !GetAtt Orders.Arn ${Orders.Arn}.
func inlineSubVariables(s string, vars map[string]any) (string, bool) {
	names := map[string]string{}
	for k, v := range vars {
		m, _ := normalizeIntrinsics(v).(map[string]any)
		if len(m) != 1 {
			return "", false
		}
		if ref, ok := m["Ref"].(string); ok {
			names[k] = ref
			continue
		}
		ga, _ := m["Fn::GetAtt"].([]any)
		if len(ga) != 2 {
			return "", false
		}
		id, _ := ga[0].(string)
		attr, _ := ga[1].(string)
		if id == "" || attr == "" {
			return "", false
		}
		names[k] = id + "." + attr
	}
	// A variable not in the map is the template's own in both forms.
	return subVariable.ReplaceAllStringFunc(s, func(m string) string {
		if n, bound := names[m[2:len(m)-1]]; bound {
			return "${" + n + "}"
		}
		return m
	}), true
}

// propertyDefaults are properties whose absence CloudFormation (or the
// service) treats as the value given: the documented defaults of
// CreateQueue (VisibilityTimeout 30 s, DelaySeconds 0, retention of 4
// days; https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html),
// of a table's BillingMode (PROVISIONED) and a stream's retention (24
// hours) and mode (PROVISIONED), a KMS key's rotation (off), a rule's
// and a schedule's State (ENABLED), a state machine's type (STANDARD),
// a raw SNS subscription's RawMessageDelivery (false), an alarm's
// TreatMissingData (missing; https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
var propertyDefaults = map[string]map[string]any{
	"AWS::SQS::Queue":                  {"VisibilityTimeout": "30", "DelaySeconds": "0", "MessageRetentionPeriod": "345600", "FifoQueue": "false"},
	"AWS::DynamoDB::Table":             {"BillingMode": "PROVISIONED"},
	"AWS::Kinesis::Stream":             {"RetentionPeriodHours": "24", "StreamModeDetails": map[string]any{"StreamMode": "PROVISIONED"}},
	"AWS::KMS::Key":                    {"EnableKeyRotation": "false", "Enabled": "true"},
	"AWS::Events::Rule":                {"State": "ENABLED"},
	"AWS::Scheduler::Schedule":         {"State": "ENABLED"},
	"AWS::SNS::Topic":                  {"FifoTopic": "false"},
	"AWS::SNS::Subscription":           {"RawMessageDelivery": "false"},
	"AWS::Serverless::StateMachine":    {"Type": "STANDARD"},
	"AWS::StepFunctions::StateMachine": {"StateMachineType": "STANDARD"},
	"AWS::Lambda::EventSourceMapping":  {"Enabled": "true"},
	"AWS::CloudWatch::Alarm":           {"TreatMissingData": "missing"},
	"AWS::S3::Bucket":                  {},
}

// eventDefaults are, per SAM event type, the event properties SAM treats
// as absent when given their default: an event source enabled, a
// schedule enabled, a Scheduler schedule named (OmitName false) and
// enabled.
var eventDefaults = map[string]map[string]any{
	"Schedule":   {"Enabled": "true"},
	"ScheduleV2": {"State": "ENABLED", "OmitName": "false"},
	"SQS":        {"Enabled": "true"},
	"Kinesis":    {"Enabled": "true"},
	"DynamoDB":   {"Enabled": "true"},
}

// resourceForm rewrites a resource's properties into the form compared:
// defaults dropped, tags and grants as sets, methods in capitals.
func resourceForm(typ string, props map[string]any) map[string]any {
	if props == nil {
		return nil
	}
	p := norm(props).(map[string]any)
	for k, dv := range propertyDefaults[typ] {
		if reflect.DeepEqual(p[k], dv) {
			delete(p, k)
		}
	}
	if tags, ok := p["Tags"].([]any); ok {
		slices.SortFunc(tags, func(a, b any) int { return strings.Compare(canon(a), canon(b)) })
	}
	if d, ok := p["Description"].(string); ok && typ == "AWS::ApiGateway::Deployment" && deploymentHash.MatchString(d) {
		// SAM's hash of the API's document, which it takes in the
		// document's key order: the hash of the ID's suffix.
		p["Description"] = deploymentHash.ReplaceAllString(d, "${1}*")
	}
	switch typ {
	case "AWS::Serverless::Function", "AWS::Serverless::StateMachine":
		if pols, ok := p["Policies"]; ok {
			p["Policies"] = grantSet(pols)
		}
		evs, _ := p["Events"].(map[string]any)
		for _, e := range evs {
			em, _ := e.(map[string]any)
			et, _ := em["Type"].(string)
			ep, _ := em["Properties"].(map[string]any)
			for k, dv := range eventDefaults[et] {
				if reflect.DeepEqual(ep[k], dv) {
					delete(ep, k)
				}
			}
			if m, ok := ep["Method"].(string); ok && (et == "Api" || et == "HttpApi") {
				ep["Method"] = strings.ToUpper(m)
			}
		}
		if typ == "AWS::Serverless::StateMachine" {
			inlineSubstitutions(p, "Definition", "DefinitionSubstitutions")
		}
	case "AWS::StepFunctions::StateMachine":
		definitionString(p)
		inlineSubstitutions(p, "Definition", "DefinitionSubstitutions")
	case "AWS::IAM::Role":
		p["Policies"] = roleGrants(p["Policies"])
		if m, ok := p["ManagedPolicyArns"].([]any); ok {
			p["ManagedPolicyArns"] = sortedCanon(m)
		}
	}
	return p
}

// grantSet is what a SAM Policies list grants: the statements (policy
// templates expanded with SAM's catalogue) and the managed policies, as
// sorted sets.
func grantSet(pols any) any {
	list, ok := pols.([]any)
	if !ok {
		list = []any{pols}
	}
	var stmts, managed []string
	for _, e := range list {
		switch x := e.(type) {
		case string:
			managed = append(managed, x)
		case map[string]any:
			if cfn.IsIntrinsic(x) {
				managed = append(managed, canon(x))
				continue
			}
			if st, ok := x["Statement"]; ok {
				for _, s := range cfn.List(st) {
					m, _ := s.(map[string]any)
					stmts = append(stmts, statementKey(m))
				}
				continue
			}
			expanded := false
			for name, params := range x {
				t, ok := policies.Lookup(name)
				pm, _ := params.(map[string]any)
				if !ok {
					continue
				}
				ss, err := t.Expand(denorm(pm))
				if err != nil {
					continue
				}
				expanded = true
				for _, s := range ss {
					stmts = append(stmts, statementKey(norm(s.JSON()).(map[string]any)))
				}
			}
			if !expanded {
				stmts = append(stmts, canon(x))
			}
		}
	}
	slices.Sort(stmts)
	slices.Sort(managed)
	return map[string]any{"statements": toAnyList(stmts), "managed": toAnyList(managed)}
}

// denorm undoes norm's scalars-as-strings for template parameters,
// which are strings anyway; it copies the map.
func denorm(m map[string]any) map[string]any {
	return maps.Clone(m)
}

// roleGrants is what an IAM role's inline policies grant, as a sorted
// set of statements: SAM names them by position.
func roleGrants(pols any) any {
	var stmts []string
	for _, p := range cfn.List(pols) {
		pm, _ := p.(map[string]any)
		doc, _ := pm["PolicyDocument"].(map[string]any)
		for _, s := range cfn.List(doc["Statement"]) {
			m, _ := s.(map[string]any)
			stmts = append(stmts, statementKey(m))
		}
	}
	slices.Sort(stmts)
	return toAnyList(stmts)
}

func sortedCanon(l []any) []any {
	keys := make([]string, len(l))
	for i, e := range l {
		keys[i] = canon(e)
	}
	slices.Sort(keys)
	return toAnyList(keys)
}

// inlineSubstitutions replaces the ${Name} placeholders of a state
// machine's definition with the values of its DefinitionSubstitutions,
// which CloudFormation substitutes: two machines that name their
// placeholders differently but fill them with the same values are the
// same.
func inlineSubstitutions(p map[string]any, defKey, subsKey string) {
	subs, _ := p[subsKey].(map[string]any)
	if len(subs) == 0 {
		return
	}
	var walk func(v any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case string:
			for _, name := range schema.SubVariables(x) {
				if val, ok := subs[name]; ok {
					x = strings.ReplaceAll(x, "${"+name+"}", "${"+canon(val)+"}")
				}
			}
			return x
		case map[string]any:
			out := map[string]any{}
			for k, e := range x {
				out[walk(k).(string)] = walk(e)
			}
			return out
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = walk(e)
			}
			return out
		}
		return v
	}
	p[defKey] = walk(p[defKey])
	delete(p, subsKey)
}

// definitionString reads a state machine's DefinitionString, as SAM's
// transform writes an inline definition (Fn::Join of its JSON's lines),
// back into Definition, so that two definitions are compared as ASL, not
// as text.
func definitionString(p map[string]any) {
	var text string
	switch x := p["DefinitionString"].(type) {
	case string:
		text = x
	case map[string]any:
		args, _ := x["Fn::Join"].([]any)
		if len(args) != 2 || args[0] != "\n" {
			return
		}
		lines, _ := args[1].([]any)
		var ss []string
		for _, l := range lines {
			s, ok := l.(string)
			if !ok {
				return
			}
			ss = append(ss, s)
		}
		text = strings.Join(ss, "\n")
	default:
		return
	}
	var def any
	if err := json.Unmarshal([]byte(text), &def); err != nil {
		return
	}
	p["Definition"] = norm(def)
	delete(p, "DefinitionString")
}
